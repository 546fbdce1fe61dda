package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

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
// before it is watched under its new name. When the new name is seen
// first (the folder was moved into one just made, or the events were
// lost), the folder is known by its identity, and its old name is
// forgotten then.
type watcher struct {
	site    string
	w       *fsnotify.Watcher
	changes chan string
	errors  chan error
	done    chan struct{}
	stopped chan struct{}
	// dirs are the folders watched, by name, and byID the same by
	// identity (see folderOf) where the system gives one. Only run
	// touches them once it has started.
	dirs map[string]folderID
	byID map[folderID]string
	// offered counts the changes offered on changes: one more than the
	// server took while one waits for it, as it does when it came during
	// a load (see Server.loop).
	offered atomic.Int64
}

func newWatcher(site string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{
		site: site, w: fw,
		changes: make(chan string), errors: make(chan error), done: make(chan struct{}), stopped: make(chan struct{}),
		dirs: map[string]folderID{}, byID: map[folderID]string{},
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
		info, err := d.Info()
		if err != nil {
			return filepath.SkipDir // gone already: its removal is on its way
		}
		id, known := folderOf(info)
		if watched, ok := w.dirs[p]; ok && (!known || watched == id) {
			return nil // watched already, as most are after an overflow
		}
		w.forget(p) // another folder had this name
		if old, ok := w.byID[id]; known && ok {
			// Moved here, and the event for its old name has not come
			// yet: it comes after that of the new name when the folder
			// was moved into one just made, or never when it was lost.
			w.forget(old)
		}
		if err := w.w.Add(p); err != nil {
			return filepath.SkipDir // so every folder watched has its parent watched
		}
		w.dirs[p] = id
		if known {
			w.byID[id] = p
		}
		return nil
	})
}

// forget stops watching dir, whose name went, and the folders below it.
func (w *watcher) forget(dir string) {
	if _, ok := w.dirs[dir]; !ok {
		return // a file, or a folder not watched, and none below it is
	}
	below := dir + string(filepath.Separator)
	for p, id := range w.dirs {
		if p != dir && !strings.HasPrefix(p, below) {
			continue
		}
		// An error says that the system ended the watch itself, as it
		// does when a folder is removed, or that fsnotify did, as it does
		// when a folder's own move is reported first.
		w.w.Remove(p)
		delete(w.dirs, p)
		if w.byID[id] == p {
			delete(w.byID, id)
		}
	}
}

// watchAgain watches the folders as they are now, after the system
// dropped events: folders may have been made, renamed, moved and removed
// among them. The folders no longer under the name they are watched by
// are forgotten first, so that watchTree adds them afresh.
func (w *watcher) watchAgain() {
	for p, id := range w.dirs {
		info, err := os.Lstat(p)
		if err == nil && info.IsDir() {
			if now, known := folderOf(info); !known || now == id {
				continue
			}
		}
		w.forget(p)
	}
	for _, name := range Watched {
		w.watchTree(filepath.Join(w.site, name))
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
			w.offered.Add(1)
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
				// Changes were lost, so the server loads the whole
				// site, and the folders are watched as they are now.
				w.watchAgain()
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
