//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// linkCount is how many names a file has, where the system says.
func linkCount(fi fs.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Nlink), true
}
