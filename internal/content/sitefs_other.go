//go:build !unix

package content

// Elsewhere a name is looked at before it is opened.
const (
	openNoWait = 0
	checkFirst = true
)
