package input

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fuzz targets run their seeds (the bad-input corpus plus a few good documents) as
// ordinary tests under `go test ./...`; .ci/run fuzzes each for a fixed short time.
// Crashers land in testdata/fuzz/<Target>/ and become part of the seeds automatically;
// add a case for them to test/testdata/badinput/cases.yaml too.

const corpusDir = "../../test/testdata/badinput"

// maxFuzzInput keeps each fuzz input small enough that the properties, not the size,
// are what is exercised.
const maxFuzzInput = 64 << 10

// seedCorpus adds every corpus file whose name ends with one of exts.
func seedCorpus(f *testing.F, exts ...string) {
	f.Helper()
	err := filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				f.Add(b)
			}
		}
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
}

// checkParse asserts the properties every loader keeps on any input: no panic, an error
// fits on one line, success yields documents of a known kind from the file.
func checkParse(t *testing.T, path string, data []byte, forced Kind) {
	t.Helper()
	if len(data) > maxFuzzInput {
		t.Skip()
	}
	docs, _, err := Parse(path, data, forced)
	if err != nil {
		msg := FileError{Path: path, Document: -1, Err: err.Error()}.Error()
		if strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("error is not one line: %q", msg)
		}
		if _, partial := err.(*PartialError); !partial && len(docs) > 0 {
			t.Fatalf("documents returned with a non-partial error %v", err)
		}
		return
	}
	if len(docs) == 0 {
		t.Fatal("no error and no document")
	}
	for _, d := range docs {
		if d.Kind == KindUnknown || d.Path != path || d.Line < 1 {
			t.Fatalf("bad document %+v", d)
		}
		native, err := d.Native()
		if err != nil {
			t.Fatalf("contents are not JSON-compatible: %v", err)
		}
		if _, err := json.Marshal(native); err != nil {
			t.Fatalf("contents are not JSON-compatible: %v", err)
		}
	}
}

func FuzzDetectKind(f *testing.F) {
	seedCorpus(f, ".json", ".yaml")
	for _, s := range []string{
		`{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[]}`,
		`{"kind":"List","items":[]}`,
		`[{"principalId":"p","roleDefinitionName":"Owner"}]`,
		`{"on":"push","jobs":{}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			t.Skip()
		}
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		for _, p := range []string{"x.json", "values.yaml", "charts/a/b.json"} {
			k := detectObject(p, v)
			if k != KindUnknown {
				if _, err := ParseKind(string(k)); err != nil {
					t.Fatalf("detected kind %q is not a known kind", k)
				}
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	seedCorpus(f, ".json")
	f.Add([]byte(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}`))
	f.Add([]byte(`{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{},"resource_changes":[{"address":"a.b","change":{"actions":["update"],"before":{"x":1},"after":{"x":2.50}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "in.json", data, KindUnknown)
		checkPlanDecode(t, data) // the streaming plan decoder agrees with the generic path
	})
}

func FuzzParseYAML(f *testing.F) {
	seedCorpus(f, ".yaml")
	f.Add([]byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\n"))
	f.Add([]byte("a: 1\r\n---\n---\r\n--- # c\n---"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, "in.yaml", data, KindUnknown) })
}

func FuzzParseHCL(f *testing.F) {
	seedCorpus(f, ".tf")
	f.Add([]byte("resource \"a\" \"b\" {\n  x = [1, {y = \"${var.z}\"}]\n  s = <<EOF\n${[1]}\nEOF\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, "main.tf", data, KindUnknown) })
}

func FuzzParseSource(f *testing.F) {
	seedCorpus(f, ".sh", ".py")
	f.Add([]byte("#!/bin/sh\nkubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\nEOF\n"))
	f.Add([]byte("import os\nprint(os.environ['X'])\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkParse(t, "run.sh", data, KindUnknown)
		checkParse(t, "train.py", data, KindUnknown)
	})
}
