package test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// badInputDir is the bad-input corpus; cases.yaml records each case's expected behaviour.
const badInputDir = "testdata/badinput"

// goodInput is added to every case (unless alone) to show other inputs are still reported.
const goodInput = "good/namespace.yaml"

// caseTimeout catches a hang: no bad input may keep the CLI running this long.
const caseTimeout = 60 * time.Second

// maxRSSBytes bounds the memory one run may use on any bad input.
const maxRSSBytes = 1 << 30

type badCase struct {
	Name        string   `json:"name"`
	Path        string   `json:"path"`
	Gen         string   `json:"gen"`
	Args        []string `json:"args"`
	Stdin       string   `json:"stdin"`
	Alone       bool     `json:"alone"`
	JSON        *bool    `json:"json"`
	BadFindings bool     `json:"bad_findings"`
	Exit        int      `json:"exit"`
	Lines       *int     `json:"lines"`
	Stderr      []string `json:"stderr"`
	ErrorFile   string   `json:"error_file"`
	GOOS        string   `json:"goos"`
	SkipRoot    string   `json:"skip_root"`
	Note        string   `json:"note"`
}

func loadBadCases(t *testing.T) []badCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(badInputDir, "cases.yaml"))
	require.NoError(t, err)
	var m struct {
		Cases []badCase `json:"cases"`
	}
	require.NoError(t, yaml.UnmarshalStrict(b, &m))
	require.GreaterOrEqual(t, len(m.Cases), 30)
	seen := map[string]bool{}
	for _, c := range m.Cases {
		require.NotEmpty(t, c.Name)
		require.False(t, seen[c.Name], "duplicate case %s", c.Name)
		seen[c.Name] = true
		require.True(t, c.Path != "" || c.Gen != "", "case %s: path or gen", c.Name)
		if c.Exit == 2 {
			require.NotEmpty(t, c.Stderr, "case %s: an error case names what it expects on stderr", c.Name)
		}
	}
	return m.Cases
}

// buildCLI builds the stridegate binary once for the corpus, so that every case runs in its
// own process under a timeout: a hang, a fatal stack overflow or a panic fails that case.
func buildCLI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stridegate")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/stridegate")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func TestBadInputCorpus(t *testing.T) {
	cases := loadBadCases(t)
	bin := buildCLI(t)
	corpus, err := filepath.Abs(badInputDir)
	require.NoError(t, err)
	good := filepath.Join(corpus, goodInput)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.GOOS != "" && c.GOOS != runtime.GOOS {
				t.Skipf("needs %s", c.GOOS)
			}
			if c.SkipRoot != "" && os.Geteuid() == 0 {
				t.Skipf("running as root: %s", c.SkipRoot)
			}
			path, stdin := c.Path, c.Stdin
			if c.Gen != "" {
				var gstdin string
				path, gstdin = generateBadInput(t, c.Gen)
				if c.Path == "-" {
					path, stdin = "-", gstdin
				}
			} else if path != "-" && !filepath.IsAbs(path) {
				path = filepath.Join(corpus, path)
			}
			expand := func(s string) string {
				return strings.NewReplacer("{path}", path, "{corpus}", corpus).Replace(s)
			}
			args := []string{"check", "--format", "json"}
			for _, a := range c.Args {
				args = append(args, expand(a))
			}
			args = append(args, path)
			if !c.Alone {
				args = append(args, good)
			}
			r := runBinary(t, bin, stdin, args...)

			assert.Equal(t, c.Exit, r.code, "exit code\nstderr: %s", r.stderr)
			for _, crash := range []string{"panic:", "goroutine ", "fatal error", "SIGSEGV"} {
				assert.NotContains(t, r.stderr, crash)
			}
			assert.Less(t, r.maxRSS, int64(maxRSSBytes), "memory bounded")

			wantLines := 0
			if c.Exit == 2 {
				wantLines = 1
			}
			if c.Lines != nil {
				wantLines = *c.Lines
			}
			var lines []string
			for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
				if l != "" && !strings.Contains(l, "warning:") {
					lines = append(lines, l)
				}
			}
			require.Len(t, lines, wantLines, "one stderr line per bad input:\n%s", r.stderr)
			for _, want := range c.Stderr {
				assert.Contains(t, lines[0], expand(want))
			}

			if c.JSON != nil && !*c.JSON {
				return
			}
			var rep struct {
				Findings []struct {
					File string `json:"file"`
				} `json:"findings"`
				Errors []struct {
					File     string `json:"file"`
					Document *int   `json:"document"`
					Error    string `json:"error"`
				} `json:"errors"`
			}
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), "stdout is the JSON report:\n%s", r.stdout)
			require.Len(t, rep.Errors, wantLines, "the errors are in the JSON report too")
			errFile := path
			if c.ErrorFile != "" {
				errFile = expand(c.ErrorFile)
			}
			for _, e := range rep.Errors {
				assert.Equal(t, errFile, e.File)
				assert.NotEmpty(t, e.Error)
			}
			files := map[string]bool{}
			for _, f := range rep.Findings {
				files[f.File] = true
			}
			if !c.Alone {
				assert.True(t, files[good], "the good input is still checked and reported")
			}
			if c.BadFindings {
				assert.NotEmpty(t, rep.Findings)
				found := false
				for f := range files {
					found = found || f != good
				}
				assert.True(t, found, "the bad input's good documents are still checked")
			}
		})
	}
}

type binResult struct {
	code           int
	stdout, stderr string
	maxRSS         int64
}

func runBinary(t *testing.T, bin, stdin string, args ...string) binResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "stridegate %s hung (killed after %s)", strings.Join(args, " "), caseTimeout)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		require.NoError(t, err)
	}
	return binResult{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String(), maxRSS: maxRSS(cmd.ProcessState)}
}

// generateBadInput makes the inputs too big, too deep or too special to commit: it returns
// the path to check (and, for stdin cases, the stdin content).
func generateBadInput(t *testing.T, gen string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	ns := []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: walked\n")
	const deep = 100000
	switch gen {
	case "json-deep":
		return write("deep.json", []byte(`{"apiVersion": "v1", "kind": "ConfigMap", "data": `+strings.Repeat("[", deep)+strings.Repeat("]", deep)+"}")), ""
	case "yaml-deep":
		return write("deep.yaml", []byte("apiVersion: v1\nkind: ConfigMap\ndata: "+strings.Repeat("[", deep)+strings.Repeat("]", deep)+"\n")), ""
	case "hcl-deep":
		return write("deep.tf", []byte("locals {\n  x = "+strings.Repeat("[", deep)+strings.Repeat("]", deep)+"\n}\n")), ""
	case "huge-sparse":
		p := filepath.Join(dir, "huge.json")
		f, err := os.Create(p)
		require.NoError(t, err)
		require.NoError(t, f.Truncate(300<<20))
		require.NoError(t, f.Close())
		return p, ""
	case "four-kib":
		return write("big.yaml", append(ns, []byte("# "+strings.Repeat("x", 4096)+"\n")...)), ""
	case "stdin-4kib":
		return "-", string(ns) + "# " + strings.Repeat("x", 4096) + "\n"
	case "fifo":
		p := filepath.Join(dir, "pipe.yaml")
		require.NoError(t, mkfifo(p))
		return p, ""
	case "fifo-dir":
		write("ns.yaml", ns)
		require.NoError(t, mkfifo(filepath.Join(dir, "pipe.yaml")))
		return dir, ""
	case "symlink-self":
		write("ns.yaml", ns)
		require.NoError(t, os.Symlink("self.yaml", filepath.Join(dir, "self.yaml")))
		return dir, ""
	case "symlink-dirloop":
		write("ns.yaml", ns)
		require.NoError(t, os.Symlink(".", filepath.Join(dir, "loop")))
		require.NoError(t, os.Symlink(".", filepath.Join(dir, "loop.yaml")))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
		require.NoError(t, os.Symlink("..", filepath.Join(dir, "sub", "up")))
		return dir, ""
	case "chmod-000":
		p := write("secret.yaml", ns)
		require.NoError(t, os.Chmod(p, 0))
		return p, ""
	}
	t.Fatalf("unknown generator %q", gen)
	return "", ""
}
