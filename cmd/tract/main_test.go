package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// tractBin is the tract binary the tests run, built once by TestMain.
var tractBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "tract-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The builds the tests run cache their PDFs here, never in the
	// user's cache.
	os.Setenv("TRACT_CACHE_DIR", filepath.Join(dir, "cache"))
	tractBin = filepath.Join(dir, "tract")
	if runtime.GOOS == "windows" {
		tractBin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", tractBin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building tract: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what one run of the tract binary did.
type result struct {
	stdout, stderr string
	code           int
}

// tract runs the binary in dir with args and the given extra environment.
func tract(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(tractBin, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1", "SOURCE_DATE_EPOCH=1767225600"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running tract %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	if bytes.Contains(stderr.Bytes(), []byte("panic:")) || bytes.Contains(stderr.Bytes(), []byte("goroutine ")) {
		t.Fatalf("tract %v panicked:\n%s", args, stderr.String())
	}
	return result{stdout.String(), stderr.String(), code}
}

// --site given a file, or a folder that is not there, is said so by every
// command that reads a site, not blamed on the output folder inside it.
func TestASiteThatIsNoFolderIsSaidSo(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tract.toml")
	if err := os.WriteFile(file, []byte("base_url = \"https://x.org\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"build", "check", "status", "pdf", "translate"} {
		args := []string{cmd, "--site", file}
		switch cmd {
		case "pdf":
			args = append(args, "leaflets/a/en")
		case "translate":
			args = append(args, "leaflets/a", "--to", "fr")
		}
		r := tract(t, dir, nil, args...)
		if r.code == 0 || !strings.Contains(r.stderr, file+" is a file, not a site's folder: give the folder that holds tract.toml and content/") {
			t.Errorf("tract %s --site a file: exit %d, %s", cmd, r.code, r.stderr)
		}
	}
	r := tract(t, dir, nil, "build", "--site", filepath.Join(dir, "nothing"))
	if r.code == 0 || !strings.Contains(r.stderr, "nothing does not exist: give the folder that holds tract.toml and content/") {
		t.Errorf("tract build --site a folder that is not there: exit %d, %s", r.code, r.stderr)
	}
}
