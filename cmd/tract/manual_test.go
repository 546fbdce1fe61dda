package main

import (
	"bytes"
	"context"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// optionName finds the options a usage line names: --site, --no-pdf.
var optionName = regexp.MustCompile(`--([a-z][a-z0-9-]*)`)

// TestManualMatchesTheCommandsAndTheirFlags keeps the package doc, which
// is tract's manual, true: its Usage lists each command of commands()
// once, with the usage line the command prints for -h; and that line
// names every flag of the command's FlagSet (the flags -h lists), and no
// other.
func TestManualMatchesTheCommandsAndTheirFlags(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if f.Doc == nil {
		t.Fatal("main.go has no package doc")
	}
	manual := map[string]string{} // command name -> its usage line in the doc
	var order []string
	for line := range strings.Lines(f.Doc.Text()) {
		line, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "\ttract ")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(line, " ")
		if _, dup := manual[name]; dup {
			t.Errorf("the package doc gives the usage of tract %s twice", name)
		}
		manual[name] = "tract " + line
		order = append(order, name)
	}

	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{c.name, "-h"}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Errorf("tract %s -h: exit %d, stderr %q", c.name, code, stderr.String())
			continue
		}
		first, rest, _ := strings.Cut(stdout.String(), "\n")
		usage, ok := strings.CutPrefix(first, "usage: ")
		if !ok {
			t.Errorf("tract %s -h does not start with its usage: %q", c.name, first)
			continue
		}
		// The flags, as flag.PrintDefaults lists them: "  -name type".
		var flags []string
		for line := range strings.Lines(rest) {
			if name, ok := strings.CutPrefix(line, "  -"); ok {
				flags = append(flags, strings.Fields(name)[0])
			}
		}
		var named []string
		for _, m := range optionName.FindAllStringSubmatch(usage, -1) {
			named = append(named, m[1])
		}
		for _, fl := range flags {
			if !slices.Contains(named, fl) {
				t.Errorf("tract %s has the flag --%s, which its usage line does not name: %s", c.name, fl, usage)
			}
		}
		for _, n := range named {
			if !slices.Contains(flags, n) {
				t.Errorf("tract %s's usage line names --%s, which is no flag of it: %s", c.name, n, usage)
			}
		}
		doc, ok := manual[c.name]
		switch {
		case !ok:
			t.Errorf("the package doc (main.go) does not give the usage of tract %s; add it:\n\t%s", c.name, usage)
		case doc != usage:
			t.Errorf("the package doc (main.go) gives the usage of tract %s as\n\t%s\nand the command as\n\t%s", c.name, doc, usage)
		}
	}
	for _, name := range order {
		if !slices.Contains(names, name) {
			t.Errorf("the package doc (main.go) gives the usage of tract %s, which is no command", name)
		}
	}
	if !t.Failed() && !slices.Equal(order, names) {
		t.Errorf("the package doc (main.go) gives the commands in the order %v, and tract help in the order %v", order, names)
	}
}
