//go:build unix

package content

import "syscall"

// A named pipe opened without waiting opens at once, and its Stat then
// tells it from a file; a file or a folder opens as it would otherwise.
const (
	openNoWait = syscall.O_NONBLOCK
	checkFirst = false
)
