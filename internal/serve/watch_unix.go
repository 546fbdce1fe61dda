//go:build unix

package serve

import (
	"io/fs"
	"syscall"
)

// folderID tells a folder apart from every other whatever its name: its
// device and inode, which is what inotify and kqueue watch.
type folderID struct{ dev, ino uint64 }

// folderOf returns the identity of the folder info describes.
func folderOf(info fs.FileInfo) (folderID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return folderID{}, false
	}
	return folderID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}
