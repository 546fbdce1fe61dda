package content

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

// failingDirs is a site some of whose folders cannot be read.
type failingDirs struct {
	fs.FS
	fail map[string]bool
}

var errUnreadable = errors.New("unreadable folder")

func (f failingDirs) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.fail[name] {
		return nil, errUnreadable
	}
	return fs.ReadDir(f.FS, name)
}

// walkLog is what a walk of content/ in fsys saw, one line per call,
// skipping hidden folders and the folders skip names, as loadItems does.
func walkLog(t *testing.T, fsys fs.FS, skip map[string]bool) []string {
	t.Helper()
	var log []string
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		log = append(log, fmt.Sprintf("%s dir=%v err=%v", p, d != nil && d.IsDir(), err))
		if d != nil && d.IsDir() && (skip[p] || p != ContentDir && d.Name()[0] == '.') {
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// The walk sees through prefetchDirs exactly what it sees without it:
// the same entries in the same order, the same errors for folders that
// cannot be read, and nothing of the folders it skips.
func TestPrefetchDirsWalksAsTheSite(t *testing.T) {
	site := fstest.MapFS{
		"tract.toml":                          {Data: []byte("")},
		"content/leaflets/.draft/en.md":       {Data: []byte("x")},
		"content/leaflets/photo.jpg":          {Data: []byte("x")},
		"content/unknown/a/en.md":             {Data: []byte("x")},
		"content/pages/about/en.md":           {Data: []byte("x")},
		"content/pages/about/fr.md":           {Data: []byte("x")},
		"content/pages/about/img/a.png":       {Data: []byte("x")},
		"content/pages/broken/en.md":          {Data: []byte("x")},
		"content/pages/skipped/en.md":         {Data: []byte("x")},
		"content/articles/only-a-file.md":     {Data: []byte("x")},
		"content/articles/empty":              {Mode: fs.ModeDir},
		"content/articles/z-last/en.md":       {Data: []byte("x")},
		"content/articles/z-last/es.md":       {Data: []byte("x")},
		"content/articles/z-last/sub/deep.md": {Data: []byte("x")},
	}
	// Enough items in one section to keep every reader busy and queue
	// more folders than there are readers.
	for i := range 3 * FileReaders {
		site[fmt.Sprintf("content/leaflets/item-%03d/en.md", i)] = &fstest.MapFile{Data: []byte("x")}
		site[fmt.Sprintf("content/leaflets/item-%03d/es.md", i)] = &fstest.MapFile{Data: []byte("x")}
	}
	fsys := failingDirs{site, map[string]bool{"content/pages/broken": true, "content/leaflets/item-007": true}}
	skip := map[string]bool{"content/unknown": true, "content/pages/skipped": true}

	want := walkLog(t, fsys, skip)
	dirs := newPrefetchDirs(fsys)
	got := walkLog(t, dirs, skip)
	dirs.close()
	if !slices.Equal(got, want) {
		t.Errorf("walk through prefetchDirs:\n%q\nwant:\n%q", got, want)
	}
	for _, line := range []string{
		"content/pages/broken dir=true err=unreadable folder",
		"content/leaflets/item-007 dir=true err=unreadable folder",
		"content/leaflets/item-023/es.md dir=false err=<nil>",
	} {
		if !slices.Contains(want, line) {
			t.Errorf("the walk did not see %q: the test site is not what it means to be", line)
		}
	}
	if len(dirs.read) != 1 || dirs.read["content/pages/skipped"] == nil {
		t.Errorf("folders read ahead and never asked for: %v, want only the skipped one", dirs.read)
	}
}
