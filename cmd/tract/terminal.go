package main

import (
	"os"

	"golang.org/x/term"
)

// ansiTerminal reports whether f is a terminal that reads ANSI escape
// sequences: colours, and the progress line's "erase to the end". On
// Windows a console reads them once asked to (see terminal_windows.go);
// one that refuses, an old one, gets plain text rather than ←[32m.
func ansiTerminal(f *os.File) bool {
	if os.Getenv("TERM") == "dumb" || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return readsEscapes(f)
}
