package build

import (
	"bytes"
	"io/fs"
	"path"
	"sync"
	"time"
)

// A build that keeps a stamp reads every file of the site twice: once to
// sum it (inputsSum, to find whether anything changed) and once to load
// it. The texts are most of those bytes (62 MB in 8,707 files at 3,000
// items), and os.Root opens each folder on a file's path for every file.
// So the texts inputsSum read are handed to the loader through preread
// instead of being read again: the build is made from the very bytes its
// stamp sums.

// preread is a site file system that serves each of some files, once,
// from memory; everything else, and those files once served, come from
// the site.
type preread struct {
	fs.FS
	mu   sync.Mutex
	data map[string][]byte // by slash path
}

// take returns the bytes of name and forgets them.
func (p *preread) take(name string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	data, ok := p.data[name]
	if ok {
		delete(p.data, name)
	}
	return data, ok
}

// drop forgets the files not served: the loader did not want them.
func (p *preread) drop() {
	p.mu.Lock()
	p.data = nil
	p.mu.Unlock()
}

func (p *preread) Open(name string) (fs.File, error) {
	if data, ok := p.take(name); ok {
		return &memFile{Reader: bytes.NewReader(data), name: path.Base(name), size: int64(len(data))}, nil
	}
	return p.FS.Open(name)
}

func (p *preread) ReadFile(name string) ([]byte, error) {
	if data, ok := p.take(name); ok {
		return data, nil
	}
	return fs.ReadFile(p.FS, name)
}

func (p *preread) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(p.FS, name) }
func (p *preread) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(p.FS, name) }
func (p *preread) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(p.FS, name) }
func (p *preread) ReadLink(name string) (string, error)       { return fs.ReadLink(p.FS, name) }

// memFile is a file served from memory; it is its own FileInfo.
type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return f.name }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }
