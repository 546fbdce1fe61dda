package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// treeHash identifies a directory tree by its file names and contents
// (a calendar's DTSTAMP aside).
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "missing: " + err.Error()
	}
	slices.Sort(names)
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return "unreadable: " + err.Error()
		}
		rel, _ := filepath.Rel(dir, n)
		// A calendar's DTSTAMP is the time of the build that first wrote
		// it (see writtenSum).
		fmt.Fprintf(h, "%s\x00%d\x00%s", rel, len(data), writtenSum(filepath.ToSlash(rel), data))
	}
	return fmt.Sprintf("%x (%d files)", h.Sum(nil), len(names))
}

// TestKilledBuildsLeaveTheOldSiteOrTheNewOne kills a real tract build at
// random moments, many times, with SIGKILL, SIGTERM and SIGINT, and checks
// each time that dist/ is exactly the previous site or exactly the new one.
func TestKilledBuildsLeaveTheOldSiteOrTheNewOne(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tract binary and runs it many times")
	}
	bin := tractBinary(t)
	dir := writeSite(t, withDigests(t, trilingual))
	article := filepath.Join(dir, "content/articles/one/en.md")
	original, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	version := func(v string) {
		if err := os.WriteFile(article, []byte(string(original)+"\nVersion "+v+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(out string) *exec.Cmd {
		cmd := exec.Command(bin, "build", "--site", dir, "--out", out)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000")
		return cmd
	}
	// The two versions of the site, each built whole.
	hashes := map[string]string{}
	var full time.Duration
	for _, v := range []string{"A", "B"} {
		version(v)
		ref := filepath.Join(t.TempDir(), "dist")
		start := time.Now()
		if out, err := run(ref).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", v, err, out)
		}
		full = max(full, time.Since(start))
		hashes[v] = treeHash(t, ref)
	}
	dist := filepath.Join(dir, "dist")
	version("A")
	if out, err := run(dist).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	if got := treeHash(t, dist); got != hashes["A"] {
		t.Fatalf("first build differs from the reference: %s vs %s", got, hashes["A"])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	signals := []os.Signal{syscall.SIGKILL, syscall.SIGTERM, syscall.SIGINT}
	counts := map[string]int{}
	trials := 30
	for i := 0; i < trials; i++ {
		next := []string{"A", "B"}[i%2]
		version(next)
		cmd := run(dist)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Up to 1.5 times a whole build: most kills land mid-build, some after.
		time.Sleep(time.Duration(rng.Int64N(int64(full) * 3 / 2)))
		sig := signals[rng.IntN(len(signals))]
		_ = cmd.Process.Signal(sig)
		_ = cmd.Wait()
		got := treeHash(t, dist)
		switch got {
		case hashes["A"]:
			counts["A"]++
		case hashes["B"]:
			counts["B"]++
		default:
			// An interruption between the two renames of the fallback
			// swap leaves no dist/; the next build must put it back.
			t.Fatalf("trial %d (%v): dist/ is neither the old site nor the new one: %s (A: %s, B: %s)", i, sig, got, hashes["A"], hashes["B"])
		}
	}
	t.Logf("%d kills: dist/ was version A %d times, version B %d times", trials, counts["A"], counts["B"])
	// A build after all that leaves nothing behind.
	if out, err := run(dist).CombinedOutput(); err != nil {
		t.Fatalf("final build: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tract-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
