//go:build !unix

package build

import "io/fs"

func linkCount(fs.FileInfo) (uint64, bool) { return 0, false }
