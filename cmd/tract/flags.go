package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// parseFlags parses a command's arguments, its flags before or after the
// others (see reorder). A flag the command does not have is reported in
// the user's words, with the one it most likely meant ("unknown option
// --nopdf: did you mean --no-pdf?"), rather than as the flag package
// puts it ("flag provided but not defined: -nopdf"), then the usage.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	// The usage -h asks for goes to standard output, so that
	// tract build -h | less shows it; after a mistake, to fs's output.
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := parseFlagsTo(fs, args)
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		out = stdout
	}
	out.Write(buf.Bytes())
	return err
}

func parseFlagsTo(fs *flag.FlagSet, args []string) error {
	args = reorder(fs, args)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			break // the flags come first: the rest are arguments
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			break // the flag package shows the usage
		}
		if fs.Lookup(name) == nil {
			var names []string
			fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
			msg := fmt.Sprintf("%s: unknown option --%s", fs.Name(), name)
			if n := diag.Closest(name, names); n != "" {
				msg += ": did you mean --" + n + "?"
			}
			fmt.Fprintln(fs.Output(), msg)
			fs.Usage()
			return errUnknownFlag
		}
		if !strings.Contains(a, "=") && takesValue(fs, a) {
			i++ // its value
		}
	}
	return fs.Parse(args)
}

// errUnknownFlag is parseFlags's error for a flag the command lacks, which
// it has reported.
var errUnknownFlag = errors.New("unknown option")

// reorder moves flags before positional arguments, so that both
// "tract translate ITEM --to fr" and "tract translate --to fr ITEM" work.
// fs says which flags take a value: the argument after such a flag is
// its value, wherever it is.
func reorder(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && takesValue(fs, a) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}

// takesValue reports whether the flag name, as given, is followed by its value:
// a flag of fs that is not boolean. An unknown flag takes none, and
// fs.Parse reports it.
func takesValue(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(strings.TrimLeft(name, "-"))
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// findSite returns the site folder a command works on: --site when it was
// given; else the current folder, or when it holds no tract.toml the
// nearest folder above it that does, as git finds its repository, so that
// an editor in content/leaflets/rent can run tract check there.
func findSite(fs *flag.FlagSet, site string) string {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "site" })
	if given || site != "." {
		return site
	}
	if _, err := os.Stat(content.ConfigFile); err == nil {
		return site
	}
	wd, err := os.Getwd()
	if err != nil {
		return site
	}
	up := ""
	for dir := wd; ; {
		parent := filepath.Dir(dir)
		if parent == dir {
			return site // none: the command says there is no tract.toml here
		}
		dir, up = parent, filepath.Join(up, "..")
		if _, err := os.Stat(filepath.Join(dir, content.ConfigFile)); err == nil {
			return up
		}
	}
}
