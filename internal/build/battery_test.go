package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The battery of bad sites: testdata/bad/<name>/ is a small site with one
// defect, and its expect file lists what tract must report for it.
const batteryDir = "../../testdata/bad"

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// tractBinary builds cmd/tract once for the package's tests.
func tractBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "tract-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "tract")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/tract").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	// The builds the tests run, in this process and in the tract binary,
	// cache their PDFs here, never in the user's cache.
	cache, err := os.MkdirTemp("", "tract-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TRACT_CACHE_DIR", cache)
	code := m.Run()
	os.RemoveAll(cache)
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// copyTree copies a site, keeping symbolic links as links.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// expectations reads a site's expect file.
func expectations(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "expect"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s/expect lists nothing", dir)
	}
	return out
}

// runTract runs the binary and returns its exit code and combined output.
func runTract(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(tractBinary(t), args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("tract %v: %v", args, err)
	return 0, ""
}

// checkRun checks one run of tract on a bad site: it failed, reported what
// the site's expect file says, and did not panic.
func checkRun(t *testing.T, what string, code int, out string, expect []string) {
	t.Helper()
	if code != 1 {
		t.Errorf("%s: exit code %d, want 1\n%s", what, code, out)
	}
	for _, e := range expect {
		found := false
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, e) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no line starting %q in:\n%s", what, e, out)
		}
	}
	for _, bad := range []string{"panic:", "goroutine ", "runtime error"} {
		if strings.Contains(out, bad) {
			t.Errorf("%s: %q in the output:\n%s", what, bad, out)
		}
	}
}

func TestEveryBadSiteIsReportedAtTheRightLineAndLeavesDistAlone(t *testing.T) {
	entries, err := os.ReadDir(batteryDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 30 {
		t.Fatalf("only %d sites in the battery", len(entries))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			src := filepath.Join(batteryDir, e.Name())
			expect := expectations(t, src)
			dir := t.TempDir()
			copyTree(t, src, dir)
			// Yesterday's good site, which nothing may touch.
			dist := filepath.Join(dir, "dist")
			if err := os.MkdirAll(filepath.Join(dist, "en"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dist, "en", "index.html"), []byte("yesterday's site"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := writeMark(dist); err != nil {
				t.Fatal(err)
			}
			before := treeHash(t, dist)
			code, out := runTract(t, "check", "--strict", "--site", dir)
			checkRun(t, "tract check --strict", code, out, expect)
			code, out = runTract(t, "build", "--strict", "--site", dir)
			checkRun(t, "tract build --strict", code, out, expect)
			if after := treeHash(t, dist); after != before {
				t.Errorf("dist/ changed: %s, was %s", after, before)
			}
			left, _ := os.ReadDir(dir)
			for _, l := range left {
				if strings.HasPrefix(l.Name(), ".tract-") {
					t.Errorf("left behind %s", l.Name())
				}
			}
		})
	}
}

func TestAFiveMegabyteParagraphIsRefusedClearly(t *testing.T) {
	dir := writeSite(t, "-- content/leaflets/huge/en.md --\n---\ntitle: Huge\n---\n"+strings.Repeat("word ", 1<<20)+"\n")
	code, out := runTract(t, "build", "--site", dir)
	checkRun(t, "tract build", code, out, []string{"content/leaflets/huge/en.md: error: file is 5.0 MB, more than the limit of 4 MB"})
}

// TestTenDefectsInOneSiteAreAllReportedInOneRun merges ten sites of the
// battery, each defect in its own item, and expects all ten reports.
func TestTenDefectsInOneSiteAreAllReportedInOneRun(t *testing.T) {
	names := []string{"unknown-key", "wrong-type", "invalid-date", "missing-title", "two-originals",
		"translated-from-malformed", "link-to-a-missing-file", "script-tag", "javascript-link", "invalid-utf8"}
	dir := t.TempDir()
	copyTree(t, filepath.Join(batteryDir, names[0]), dir)
	os.RemoveAll(filepath.Join(dir, "content/leaflets/bad"))
	var expect []string
	for _, n := range names {
		src := filepath.Join(batteryDir, n, "content/leaflets/bad")
		copyTree(t, src, filepath.Join(dir, "content/leaflets", n))
		for _, e := range expectations(t, filepath.Join(batteryDir, n)) {
			expect = append(expect, strings.Replace(e, "content/leaflets/bad/", "content/leaflets/"+n+"/", 1))
		}
	}
	code, out := runTract(t, "check", "--site", dir)
	checkRun(t, "tract check", code, out, expect)
	if errs := strings.Count(out, ": error: "); errs != len(names) {
		t.Errorf("check: %d errors for %d defects:\n%s", errs, len(names), out)
	}
	code, out = runTract(t, "build", "--site", dir)
	checkRun(t, "tract build", code, out, expect)
	if errs := strings.Count(out, ": error: "); errs != len(names) {
		t.Errorf("%d errors for %d defects:\n%s", errs, len(names), out)
	}
}

// TestBadSitesLeakNoGoroutines builds every bad site in this process and
// checks that no goroutine outlives its build.
func TestBadSitesLeakNoGoroutines(t *testing.T) {
	entries, _ := os.ReadDir(batteryDir)
	before := runtime.NumGoroutine()
	for _, e := range entries {
		dir := t.TempDir()
		copyTree(t, filepath.Join(batteryDir, e.Name()), dir)
		if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, Strict: true}); err == nil {
			t.Errorf("%s: built without an error", e.Name())
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before the builds, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}
