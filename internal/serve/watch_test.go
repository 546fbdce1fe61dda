package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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

// A folder renamed or moved, whatever it holds, is watched under its new
// name and no longer under its old one: what is saved in it afterwards
// shows, as an editor does it in a terminal or in a file manager.
func TestRenamedAndMovedFoldersAreWatchedUnderTheirNewNames(t *testing.T) {
	s, dir, log := start(t, site)
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(path(name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mkdir := func(name string) {
		t.Helper()
		if err := os.MkdirAll(path(name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	move := func(from, to string) {
		t.Helper()
		if err := os.Rename(path(from), path(to)); err != nil {
			t.Fatal(err)
		}
	}
	shows := func(page, want string) func() bool {
		return func() bool {
			_, body := get(t, s.URL()+page)
			return strings.Contains(body, want)
		}
	}
	fails := func(want string) func() bool {
		return func() bool { return strings.Contains(s.cur.Load().failure, want) }
	}

	// An item folder renamed (mv).
	move("content/leaflets/rent", "content/leaflets/rent-rise")
	waitFor(t, s, "the renamed item", shows("en/leaflets/rent-rise/", "We refuse the rent rise."))
	write("content/leaflets/rent-rise/en.md", "---\ntitle: Rent\ndate: 2024-02-24\n---\nEdited after the rename.\n")
	waitFor(t, s, "an edit in the renamed item", shows("en/leaflets/rent-rise/", "Edited after the rename."))

	// A folder made as a file manager makes it, then named.
	mkdir("content/articles/New folder")
	waitFor(t, s, "the new folder's error", fails("content/articles/New folder: error:"))
	move("content/articles/New folder", "content/articles/rent-strike")
	write("content/articles/rent-strike/en.md", "---\ntitle: Rent strike\n---\nOn strike.\n")
	waitFor(t, s, "the text of the named folder", shows("en/articles/rent-strike/", "On strike."))
	write("content/articles/rent-strike/fr.md", "---\ntitle: Grève des loyers\ntranslated_from: en@0123456789ab\n---\nEn grève.\n")
	waitFor(t, s, "a translation in the named folder", shows("fr/articles/rent-strike/", "En grève."))

	// A section folder renamed, with an item folder in it.
	mkdir("content/pagse/contact")
	write("content/pagse/contact/en.md", "---\ntitle: Contact\n---\nWrite to us.\n")
	waitFor(t, s, "the misnamed section's error", fails(`unknown section "pagse"`))
	move("content/pagse", "content/pages")
	waitFor(t, s, "the renamed section", shows("en/pages/contact/", "Write to us."))
	write("content/pages/contact/en.md", "---\ntitle: Contact\n---\nWrite to us, or call.\n")
	waitFor(t, s, "an edit in the renamed section", shows("en/pages/contact/", "Write to us, or call."))
	if !strings.Contains(log.String(), "after a change to content/pages/contact/en.md:") {
		t.Errorf("the edit is not named by its new path:\n%s", log)
	}

	// An item folder moved in from outside content/, and one moved out.
	mkdir("drafts/tenants-union")
	write("drafts/tenants-union/en.md", "---\ntitle: Tenants' union\n---\nJoin us.\n")
	move("drafts/tenants-union", "content/articles/tenants-union")
	waitFor(t, s, "the item moved in", shows("en/articles/tenants-union/", "Join us."))
	write("content/articles/tenants-union/en.md", "---\ntitle: Tenants' union\n---\nJoin us today.\n")
	waitFor(t, s, "an edit in the item moved in", shows("en/articles/tenants-union/", "Join us today."))
	move("content/articles/rent-strike", "drafts/rent-strike")
	waitFor(t, s, "the item moved out gone", func() bool {
		resp, _ := get(t, s.URL()+"en/articles/rent-strike/")
		return resp.StatusCode == 404
	})

	checkWatched(t, s.watch.w, dir)
}

// A folder moved into one just made is seen by the watcher in the new
// one before the event for its old name comes: it is watched under its
// new name all the same.
func TestAFolderMovedIntoANewOneIsWatchedThere(t *testing.T) {
	site := t.TempDir()
	about := filepath.Join(site, "content/articles/about")
	if err := os.MkdirAll(about, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(site)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	// The watcher waits to hand on this change until the test reads it,
	// so the folder is made and the other moved before it sees either.
	os.WriteFile(filepath.Join(about, "en.md"), []byte("About us.\n"), 0o644)
	moved := filepath.Join(site, "content/pages/about")
	if err := os.Mkdir(filepath.Dir(moved), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(about, moved); err != nil {
		t.Fatal(err)
	}
	// Wait for the move to be seen, then save in the folder moved.
	var seen []string
	next := func(want string) {
		t.Helper()
		timeout := time.After(15 * time.Second)
		for {
			select {
			case rel := <-w.changes:
				seen = append(seen, rel)
				if rel == want {
					return
				}
			case <-timeout:
				t.Fatalf("no change to %s within 15s; changes seen:\n%s", want, strings.Join(seen, "\n"))
			}
		}
	}
	next("content/articles/about")
	os.WriteFile(filepath.Join(moved, "en.md"), []byte("About us, moved.\n"), 0o644)
	next("content/pages/about/en.md")
	for _, rel := range seen {
		if strings.HasPrefix(rel, "content/articles/about/") && rel != "content/articles/about/en.md" {
			t.Errorf("a change under the old name: %s", rel)
		}
	}
}

// When the system drops events (its queue overflowed), the folders made,
// renamed and moved out among them are watched as they are on disk.
func TestAfterLostEventsTheFoldersAreWatchedAsTheyAre(t *testing.T) {
	site := t.TempDir()
	for _, dir := range []string{"content/articles/strike/photos", "content/leaflets/rent", "drafts"} {
		if err := os.MkdirAll(filepath.Join(site, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Without run, nothing reads the events: they are as good as lost.
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer fw.Close()
	w := &watcher{site: site, w: fw, dirs: map[string]folderID{}, byID: map[folderID]string{}}
	fw.Add(site)
	w.watchTree(filepath.Join(site, "content"))
	for _, move := range [][2]string{
		{"content/articles/strike", "content/articles/strike-2025"},
		{"content/leaflets/rent", "drafts/rent"},
	} {
		if err := os.Rename(filepath.Join(site, move[0]), filepath.Join(site, move[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(site, "content/pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	w.watchAgain()
	checkWatched(t, fw, site)
}

// checkWatched checks that the folders fw watches are the site's and
// every folder of its inputs, each once under its name, and no other.
func checkWatched(t *testing.T, fw *fsnotify.Watcher, site string) {
	t.Helper()
	want := []string{site}
	for _, name := range Watched {
		filepath.WalkDir(filepath.Join(site, name), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				want = append(want, p)
			}
			return nil
		})
	}
	got := fw.WatchList()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("watched:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// waitFor waits until done says so, asking again after each build of the
// preview, and fails, saying what it waited for, after 15 seconds.
func waitFor(t *testing.T, s *Server, what string, done func() bool) {
	t.Helper()
	builds := s.events.subscribe()
	defer s.events.unsubscribe(builds)
	timeout := time.After(15 * time.Second)
	for !done() {
		select {
		case <-builds:
		case <-timeout:
			t.Fatalf("%s: not served within 15s; the log says:\n%s", what, s.opts.Log)
		}
	}
}
