package content

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNotRegular is the error for a name in the site that is neither a
// file nor a folder: a named pipe, a device or a socket. Opening a named
// pipe waits for a writer, for ever, and no signal ends the wait.
var ErrNotRegular = errors.New("not a file or a folder (a named pipe, a device or a socket): tract reads only files")

// SiteFS is the site directory root as tract reads it: the files and
// folders of os.Root's FS (which keeps every name inside the site), and
// an error, ErrNotRegular, for anything else, found before it is opened.
func SiteFS(root *os.Root) fs.FS { return regularFS{root.FS()} }

// regularFS checks each name before opening it; it keeps the
// ReadFile, ReadDir and Stat of the FS under it.
type regularFS struct{ fsys fs.FS }

func (r regularFS) check(op, name string) error {
	st, err := fs.Stat(r.fsys, name)
	if err != nil {
		return nil // the open reports it
	}
	if m := st.Mode(); !m.IsRegular() && !m.IsDir() {
		return &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
	}
	return nil
}

func (r regularFS) Open(name string) (fs.File, error) {
	if err := r.check("open", name); err != nil {
		return nil, err
	}
	return r.fsys.Open(name)
}

func (r regularFS) ReadFile(name string) ([]byte, error) {
	if err := r.check("read", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(r.fsys, name)
}

func (r regularFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }

func (r regularFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.fsys, name) }
