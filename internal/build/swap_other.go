//go:build !linux

package build

import "io/fs"

// exchange is not available: swap falls back to two renames.
func exchange(a, b string) (bool, error) { return false, nil }

// syncTree fsyncs every file under dir.
func syncTree(dir string) error { return syncEach(dir) }

// lock does nothing where flock is not available.
func lock(dir string) (func(), error) { return func() {}, nil }

// writtenPerm is 0: the permission a file is written with is not
// checked where the umask is not read (see the Linux version).
const writtenPerm fs.FileMode = 0
