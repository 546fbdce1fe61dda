//go:build !unix

package serve

import "io/fs"

// folderID would tell a folder apart whatever its name; it is not read
// here, and the watcher goes by the events of renames alone.
type folderID struct{}

func folderOf(fs.FileInfo) (folderID, bool) { return folderID{}, false }
