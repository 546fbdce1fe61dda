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
// folders of os.Root (which keeps every name inside the site), and an
// error, ErrNotRegular, for anything else, found before it is read.
func SiteFS(root *os.Root) fs.FS { return regularFS{root: root, fsys: root.FS()} }

// regularFS opens each name without waiting (openNoWait) and refuses it
// if it is neither a file nor a folder. Where files cannot be opened so,
// it looks at each name before opening it (checkFirst): a second walk
// of the name's folders, which os.Root opens one by one.
type regularFS struct {
	root *os.Root
	fsys fs.FS
}

// Open has no ReadFile beside it: fs.ReadFile opens the file here and
// reads it at its size, as os.Root's own ReadFile would after walking
// the name a second time.
func (r regularFS) Open(name string) (fs.File, error) {
	const op = "open"
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if checkFirst {
		if st, err := fs.Stat(r.fsys, name); err == nil && !regularOrDir(st.Mode()) {
			return nil, &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
		}
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !regularOrDir(st.Mode()) {
		f.Close()
		return nil, &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
	}
	return f, nil
}

func regularOrDir(m fs.FileMode) bool { return m.IsRegular() || m.IsDir() }

func (r regularFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.fsys, name) }

func (r regularFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(r.fsys, name) }

// ReadLink and Lstat let Load see a symbolic link, and where it points,
// without following it.
func (r regularFS) ReadLink(name string) (string, error) { return fs.ReadLink(r.fsys, name) }

func (r regularFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(r.fsys, name) }
