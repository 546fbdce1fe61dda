package serve

import (
	"errors"
	"io/fs"
	"os"
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
type watcher struct {
	site    string
	w       *fsnotify.Watcher
	changes chan string
	errors  chan error
	done    chan struct{}
	stopped chan struct{}
}

func newWatcher(site string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{site: site, w: fw, changes: make(chan string), errors: make(chan error), done: make(chan struct{}), stopped: make(chan struct{})}
	// The site folder itself, for tract.toml and for watched folders
	// created after the start.
	if err := fw.Add(site); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range Watched {
		w.addTree(filepath.Join(site, name))
	}
	go w.run()
	return w, nil
}

// addTree watches dir and every folder below it; a missing dir is fine.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		w.w.Add(p)
		return nil
	})
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
			rel, ok := w.relevant(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					w.addTree(ev.Name)
				}
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
					w.addTree(filepath.Join(w.site, name))
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
