package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Entries of the image cache no build has used for a month go, and so do
// the folders of stores that did not finish; at most once a day.
func TestImageCacheEntriesUnusedForAMonthArePruned(t *testing.T) {
	c := &imageCache{dir: t.TempDir()}
	wall := now.Add(100 * 24 * time.Hour)
	entry := func(name string, age time.Duration, head bool) string {
		t.Helper()
		p := filepath.Join(c.dir, "ab", name)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		touched := p
		if head {
			touched = filepath.Join(p, "entry.json")
			writeFile(t, p, "entry.json", "{}")
		}
		if err := os.Chtimes(touched, wall.Add(-age), wall.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := entry("abold", cacheMaxAge+time.Hour, true)
	used := entry("abused", time.Hour, true)
	unfinished := entry("abnohead", time.Hour, false)
	staleTmp := entry(".tmp-1", 2*pruneEvery, false)
	liveTmp := entry(".tmp-2", time.Minute, false)
	c.prune(wall)
	for p, kept := range map[string]bool{old: false, used: true, unfinished: false, staleTmp: false, liveTmp: true} {
		if _, err := os.Stat(p); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(p), err == nil, kept)
		}
	}
	used2 := entry("abused2", cacheMaxAge+time.Hour, true)
	c.prune(wall.Add(time.Hour))
	if _, err := os.Stat(used2); err != nil {
		t.Error("the image cache was pruned twice in a day")
	}
}
