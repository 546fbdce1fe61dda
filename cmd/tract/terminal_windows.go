package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// readsEscapes turns on the console's reading of escape sequences
// (ENABLE_VIRTUAL_TERMINAL_PROCESSING, Windows 10 and later) and
// reports whether it is on: the console of cmd.exe and PowerShell
// shows the sequences as text unless a program asks for it. The mode
// stays on after tract exits, as it does after git and other programs
// that colour their output: it only lets the console read sequences
// it would otherwise print.
func readsEscapes(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
