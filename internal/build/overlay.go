package build

import (
	"errors"
	"io/fs"
	"slices"
)

// overlay reads a site directory, and falls back to tract's embedded
// defaults for any file the site does not have: a site's templates/,
// locales/ and assets/ files override the defaults file by file.
type overlay struct {
	site, defaults fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.site.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.defaults.Open(name)
}

// ReadDir merges the entries of both, the site's winning on a name clash.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.site, name)
	b, errB := fs.ReadDir(o.defaults, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	seen := map[string]bool{}
	out := a
	for _, e := range a {
		seen[e.Name()] = true
	}
	for _, e := range b {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int {
		switch {
		case x.Name() < y.Name():
			return -1
		case x.Name() > y.Name():
			return 1
		}
		return 0
	})
	return out, nil
}

// ReadFile reads the site's file, or tract's when the site has none.
func (o overlay) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(o.site, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return data, err
	}
	return fs.ReadFile(o.defaults, name)
}

// ReadLink and Lstat show the site's symbolic links as links, so that
// Load can tell where each leads before anything follows it (tract's
// defaults have none).
func (o overlay) ReadLink(name string) (string, error) { return fs.ReadLink(o.site, name) }

func (o overlay) Lstat(name string) (fs.FileInfo, error) {
	st, err := fs.Lstat(o.site, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return st, err
	}
	return fs.Stat(o.defaults, name)
}
