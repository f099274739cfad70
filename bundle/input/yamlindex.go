package input

import (
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// indexYAMLNodes records the lines of the places findings name in workflows and Helm
// values, so those findings carry a line too:
//   - workflows: "<file>/<job>" (the job key) and "<file>/<job>/<step label>" (the step,
//     labelled by name, else id, else "step N"), and "<file>" (the permissions key, else the
//     first line), where <file> is the path from ".github/workflows/" on, else the base name,
//     as policy/lib/workflow.rego names them;
//   - Helm values: "values:<dotted.key.path>" for every key (sequence items by index), as
//     policy/lib/settings.rego names them.
//
// start is the 1-based line at which the document begins in its file.
func indexYAMLNodes(loc lineIndex, path string, doc []byte, start int, kind Kind) {
	var root yaml.Node
	if err := yaml.Unmarshal(doc, &root); err != nil || len(root.Content) == 0 {
		return
	}
	top := root.Content[0]
	abs := func(n *yaml.Node) int { return start + n.Line - 1 }
	switch kind {
	case KindWorkflow:
		if _, runs := mapping(top, "runs"); runs != nil {
			file := actionFile(path)
			loc[file] = abs(top)
			indexSteps(loc, file+"/runs", runs, abs)
			return
		}
		indexWorkflow(loc, workflowFile(path), top, abs)
	case KindHelmValues:
		indexKeys(loc, "values:", top, abs)
	}
}

// workflowFile names a workflow file the way findings do.
func workflowFile(path string) string {
	p := filepath.ToSlash(path)
	if i := strings.LastIndex(p, ".github/workflows/"); i >= 0 {
		return p[i:]
	}
	return filepath.Base(p)
}

// actionFile names a composite action file the way findings do (policy/lib/workflow.rego
// action_file): the path from ".github/" on, else the path.
func actionFile(path string) string {
	p := filepath.ToSlash(path)
	if i := strings.LastIndex(p, ".github/"); i >= 0 {
		return p[i:]
	}
	return p
}

func mapping(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func indexWorkflow(loc lineIndex, file string, top *yaml.Node, abs func(*yaml.Node) int) {
	if k, _ := mapping(top, "permissions"); k != nil {
		loc[file] = abs(k)
	} else {
		loc[file] = abs(top)
	}
	_, jobs := mapping(top, "jobs")
	if jobs == nil || jobs.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(jobs.Content); i += 2 {
		id, job := jobs.Content[i], jobs.Content[i+1]
		jobKey := file + "/" + id.Value
		loc[jobKey] = abs(id)
		indexSteps(loc, jobKey, job, abs)
	}
}

// indexSteps records jobKey/<step label> -> line for the steps of a job (or of a composite
// action's runs).
func indexSteps(loc lineIndex, jobKey string, job *yaml.Node, abs func(*yaml.Node) int) {
	_, steps := mapping(job, "steps")
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return
	}
	for j, step := range steps.Content {
		label := "step " + strconv.Itoa(j+1)
		if _, name := mapping(step, "name"); name != nil && name.Value != "" {
			label = name.Value
		} else if _, sid := mapping(step, "id"); sid != nil && sid.Value != "" {
			label = sid.Value
		}
		if _, seen := loc[jobKey+"/"+label]; !seen {
			loc[jobKey+"/"+label] = abs(step)
		}
	}
}

// indexKeys records prefix+dotted path -> line for every key below n.
func indexKeys(loc lineIndex, prefix string, n *yaml.Node, abs func(*yaml.Node) int) {
	var walk func(path string, n *yaml.Node, depth int)
	walk = func(path string, n *yaml.Node, depth int) {
		if n == nil || depth > 200 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := join(path, n.Content[i].Value)
				if _, seen := loc[prefix+p]; !seen {
					loc[prefix+p] = abs(n.Content[i])
				}
				walk(p, n.Content[i+1], depth+1)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				p := join(path, strconv.Itoa(i))
				if _, seen := loc[prefix+p]; !seen {
					loc[prefix+p] = abs(item)
				}
				walk(p, item, depth+1)
			}
		case yaml.AliasNode:
			// aliases are not expanded: a bomb must not blow up the index
		}
	}
	walk("", n, 0)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
