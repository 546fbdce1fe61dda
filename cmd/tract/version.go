package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// runVersion prints which tract this is: the module version it was
// installed at (go install …@v1.2.0), or for a build from a checkout the
// commit and whether it had changes not committed; and the Go it was
// built with. A bug report starts with it.
func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(stdout, "usage: tract version\nPrints which tract this is, and the Go it was built with.")
		return 0
	}
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: tract version")
		return 2
	}
	fmt.Fprintln(stdout, versionLine())
	return 0
}

// versionLine is "tract VERSION (go VERSION)", from the build information
// the Go toolchain records in the binary.
func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "tract (version unknown)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		v = "commit " + rev[:min(12, len(rev))]
		if modified == "true" {
			v += " with changes not committed"
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return fmt.Sprintf("tract %s (%s)", v, info.GoVersion)
}
