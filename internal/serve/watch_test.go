package serve

import (
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"
)

// The watcher passes on the changes that can alter the site, and leaves
// out editors' temporary files, chmods and what lies outside the site's
// inputs.
func TestWatcherKeepsOnlyChangesToTheSite(t *testing.T) {
	site := t.TempDir()
	w := &watcher{site: site}
	for name, want := range map[string]bool{
		"content/leaflets/rent/en.md":             true,
		"content/leaflets/rent/photo.jpg":         true,
		"content/leaflets/new-one":                true,
		"templates/item.html":                     true,
		"tract.toml":                              true,
		"content/leaflets/rent/en.md.swp":         false,
		"content/leaflets/rent/.en.md.swp":        false,
		"content/leaflets/rent/en.md~":            false,
		"content/leaflets/rent/#en.md#":           false,
		"content/leaflets/rent/4913":              false,
		"content/leaflets/rent/en.md___jb_tmp___": false,
		"content/leaflets/rent/en.md___jb_old___": false,
		"dist/en/index.html":                      false,
		".git/index":                              false,
	} {
		for _, op := range []fsnotify.Op{fsnotify.Write, fsnotify.Create, fsnotify.Remove} {
			ev := fsnotify.Event{Name: filepath.Join(site, filepath.FromSlash(name)), Op: op}
			if rel, ok := w.relevant(ev); ok != want || ok && rel != name {
				t.Errorf("%s %s: relevant %v (%q), want %v", op, name, ok, rel, want)
			}
		}
	}
	if _, ok := w.relevant(fsnotify.Event{Name: filepath.Join(site, "tract.toml"), Op: fsnotify.Chmod}); ok {
		t.Error("a chmod is relevant")
	}
}
