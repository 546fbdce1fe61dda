package serve

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// Watched are the parts of a site whose changes trigger a rebuild: the
// folders are watched with everything below them.
var Watched = []string{"content", "templates", "locales", "assets", "static", "tract.toml"}

// watcher reports, as site-relative slash paths, the files of a site that
// change. fsnotify watches one folder at a time, so every folder below
// the watched ones is added, including those created later.
//
// A folder renamed or moved needs care. inotify watches a folder, not a
// name: a watch added under the new name is the one the folder already
// has, and fsnotify, which knows its watches by name, keeps that under
// the old name. It reports changes in the folders below under their old
// names, and drops the folder's own watch when it sees the folder move:
// what is saved in the folder afterwards is never seen. So the watches of
// a folder whose name went, and of the folders below it, are removed
// before it is watched under its new name.
type watcher struct {
	site    string
	w       *fsnotify.Watcher
	changes chan string
	errors  chan error
	done    chan struct{}
	stopped chan struct{}
	// dirs are the folders watched. Only run touches it once it has
	// started.
	dirs map[string]bool
}

func newWatcher(site string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{
		site: site, w: fw,
		changes: make(chan string), errors: make(chan error), done: make(chan struct{}), stopped: make(chan struct{}),
		dirs: map[string]bool{},
	}
	// The site folder itself, for tract.toml and for watched folders
	// created after the start.
	if err := fw.Add(site); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range Watched {
		w.watchTree(filepath.Join(site, name))
	}
	go w.run()
	return w, nil
}

// watchTree watches dir and every folder below it not yet watched under
// its name; a missing dir is fine.
func (w *watcher) watchTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if w.dirs[p] {
			return nil // after an overflow, most are
		}
		if err := w.w.Add(p); err != nil {
			return filepath.SkipDir // so every folder watched has its parent watched
		}
		w.dirs[p] = true
		return nil
	})
}

// forget stops watching dir, whose name went, and the folders below it.
func (w *watcher) forget(dir string) {
	if !w.dirs[dir] {
		return // a file, or a folder not watched, and none below it is
	}
	below := dir + string(filepath.Separator)
	for p := range w.dirs {
		if p != dir && !strings.HasPrefix(p, below) {
			continue
		}
		// An error says that the system ended the watch itself, as it
		// does when a folder is removed, or that fsnotify did, as it does
		// when a folder's own move is reported first.
		w.w.Remove(p)
		delete(w.dirs, p)
	}
}

func (w *watcher) run() {
	defer close(w.stopped)
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			// Before the event is judged: the old name of a folder
			// watched can be one left out, such as notes~.
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				w.forget(ev.Name)
			}
			rel, ok := w.relevant(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				w.watchTree(ev.Name) // nothing to do for a file
			}
			select {
			case w.changes <- rel:
			case <-w.done:
				return
			}
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Changes were lost, folders made among them too: watch
				// them all again (the server loads the whole site).
				for _, name := range Watched {
					w.watchTree(filepath.Join(w.site, name))
				}
			}
			select {
			case w.errors <- err:
			case <-w.done:
				return
			}
		}
	}
}

// relevant returns the site path of a change that can alter the build.
func (w *watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false // touch, indexers, backups: nothing changed
	}
	rel, err := filepath.Rel(w.site, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(Watched, top) {
		return "", false // dist/, .git/, notes beside the site
	}
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913" ||
		strings.HasSuffix(base, "___jb_tmp___") || strings.HasSuffix(base, "___jb_old___") {
		return "", false // editors' backup, swap and temporary files (vim, emacs, JetBrains)
	}
	return rel, true
}

// close stops the watcher and waits for it.
func (w *watcher) close() {
	select {
	case <-w.done:
		return
	default:
	}
	close(w.done)
	w.w.Close()
	<-w.stopped
}
