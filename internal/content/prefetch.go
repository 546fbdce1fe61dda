package content

import (
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
)

// prefetchDirs is a site to walk content/ in: when the walk reads a
// section's folder, the item folders in it are read ahead, several at a
// time, in the order the walk will ask for them.
//
// The walk itself reads one folder after another. When the folders are
// in the system's cache that is quick (about 120 ms at 3,000 items), but
// after a reboot each one is a wait for the disk: the 3,000 item folders
// of a generated site took 0.46 s to read one at a time and 0.17 s eight
// at a time, and the build's load went from 1.4-1.7 s to 1.15-1.6 s.
type prefetchDirs struct {
	fs.FS
	send func(*dirRead) // to the readers (see ReadEach)
	done func()
	mu   sync.Mutex
	read map[string]*dirRead // folders read ahead and not yet asked for
	// feeders are the goroutines handing a section's folders to the
	// readers.
	feeders sync.WaitGroup
}

// dirRead is one folder read ahead: done is closed when entries and err
// are set.
type dirRead struct {
	name    string
	entries []fs.DirEntry
	err     error
	done    chan struct{}
}

// FileReaders is how many folders, or files, are read at once: enough to
// keep a disk busy, as a reader spends its time waiting for it. With the
// site out of the system's cache, reading the 3,000 item folders of a
// generated site and the 8,600 files in them took 1.54 s one at a time,
// 0.71 s eight at a time and 0.73 s 32 at a time.
const FileReaders = 8

// ReadEach starts FileReaders goroutines, or one per core where there
// are more, that call read on each value given to send, in the order
// given as far as they go. done, called once nothing more is to be sent,
// returns when every value sent has been read.
func ReadEach[T any](read func(T)) (send func(T), done func()) {
	queue := make(chan T, 64)
	var readers sync.WaitGroup
	for range max(FileReaders, runtime.GOMAXPROCS(0)) {
		readers.Go(func() {
			for v := range queue {
				read(v)
			}
		})
	}
	return func(v T) { queue <- v }, func() {
		close(queue)
		readers.Wait()
	}
}

// ReadAhead returns fsys for a walk of content/ that reads the item
// folders of each section ahead of it, and the function to call once the
// walk is over.
func ReadAhead(fsys fs.FS) (fs.FS, func()) {
	p := newPrefetchDirs(fsys)
	return p, p.close
}

func newPrefetchDirs(fsys fs.FS) *prefetchDirs {
	p := &prefetchDirs{FS: fsys, read: map[string]*dirRead{}}
	p.send, p.done = ReadEach(func(r *dirRead) {
		r.entries, r.err = fs.ReadDir(fsys, r.name)
		close(r.done)
	})
	return p
}

// ReadDir returns the entries of name, read ahead if they were.
func (p *prefetchDirs) ReadDir(name string) ([]fs.DirEntry, error) {
	p.mu.Lock()
	r := p.read[name]
	delete(p.read, name)
	p.mu.Unlock()
	if r != nil {
		<-r.done
		return r.entries, r.err
	}
	entries, err := fs.ReadDir(p.FS, name)
	if err == nil && path.Dir(name) == ContentDir {
		p.ahead(name, entries)
	}
	return entries, err
}

// ahead reads the folders among entries, those of section folder dir,
// ahead of the walk, in their order. Hidden folders are left alone, as
// the walk skips them.
func (p *prefetchDirs) ahead(dir string, entries []fs.DirEntry) {
	var rs []*dirRead
	p.mu.Lock()
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			r := &dirRead{name: dir + "/" + e.Name(), done: make(chan struct{})}
			p.read[r.name] = r
			rs = append(rs, r)
		}
	}
	p.mu.Unlock()
	p.feeders.Go(func() {
		for _, r := range rs {
			p.send(r)
		}
	})
}

// close stops the readers, once the walk is over. Folders read ahead and
// never asked for (the walk skipped them) are dropped.
func (p *prefetchDirs) close() {
	p.feeders.Wait()
	p.done()
}
