//go:build linux

package build

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories in one atomic step (renameat2 with
// RENAME_EXCHANGE). It reports false when the file system cannot.
func exchange(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil
	}
	return false, err
}

// syncTree makes everything written under dir durable: one syncfs for the
// whole file system rather than an fsync per file.
func syncTree(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return syncEach(dir)
	}
	return nil
}

// lock takes an exclusive lock on the directory that holds the output, so
// that a second build (tract serve and tract build at once, say) waits
// for the first instead of removing its temporary directory. Locking the
// directory itself leaves no lock file behind.
func lock(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}

// writtenPerm is the permission os.WriteFile(name, data, 0o644) gives a
// new file: 0644 less the process's umask, which cannot be read without
// being set, so it is set and put back here, before any file is made.
var writtenPerm = func() fs.FileMode {
	mask := unix.Umask(0)
	unix.Umask(mask)
	return 0o644 &^ fs.FileMode(mask)
}()
