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

// A check, which stores the copies it makes as a build does, prunes the
// image cache as a build does.
func TestACheckPrunesTheImageCache(t *testing.T) {
	dir, cache := cacheSite(t), t.TempDir()
	old := filepath.Join(cache, "images", "ab", "abold")
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, old, "entry.json", "{}")
	long := time.Now().Add(-cacheMaxAge - time.Hour)
	if err := os.Chtimes(filepath.Join(old, "entry.json"), long, long); err != nil {
		t.Fatal(err)
	}
	cachedCheck(t, dir, cache)
	if _, err := os.Stat(old); err == nil {
		t.Error("a check kept an entry no build or check used for a month")
	}
}
