package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	tractdefaults "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
)

// runDefaults lists tract's built-in templates, locales and assets, or
// copies some of them into the site, where a file replaces the built-in
// one of the same name: the start of making the site's look its own,
// for an editor who installed tract and has no copy of its repository.
func runDefaults(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("tract defaults", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: tract defaults [FILE|FOLDER...] [--site DIR]")
		fmt.Fprintln(flags.Output(), "Without names, lists tract's built-in templates, locales and assets.")
		fmt.Fprintln(flags.Output(), "With names, copies them into the site, where they replace the built-in files:")
		fmt.Fprintln(flags.Output(), "  tract defaults assets/site/tract.css templates/layout.html")
		fmt.Fprintln(flags.Output(), "A file the site has already is left as it is.")
		flags.PrintDefaults()
	}
	site := flags.String("site", ".", "the site directory")
	if err := parseFlags(flags, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(flags, *site)
	if flags.NArg() == 0 {
		return listDefaults(stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(*site, content.ConfigFile)); err != nil {
		fmt.Fprintf(stderr, "tract defaults: %s has no %s: run it in a site, or give --site\n", *site, content.ConfigFile)
		return 1
	}
	var files []string
	for _, name := range flags.Args() {
		name = path.Clean(filepath.ToSlash(strings.TrimSuffix(name, "/")))
		found, err := defaultFiles(name)
		if err != nil {
			fmt.Fprintf(stderr, "tract defaults: %v\n", err)
			return 2
		}
		files = append(files, found...)
	}
	code := 0
	for _, name := range files {
		dst := filepath.Join(*site, filepath.FromSlash(name))
		if _, err := os.Lstat(dst); err == nil {
			fmt.Fprintf(stdout, "kept      %s (the site has its own)\n", name)
			continue
		}
		data, err := tractdefaults.Defaults.ReadFile(name)
		if err == nil {
			err = os.MkdirAll(filepath.Dir(dst), 0o755)
		}
		if err == nil {
			err = os.WriteFile(dst, data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "tract defaults: %v\n", err)
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "copied    %s\n", name)
	}
	return code
}

// defaultFiles is the built-in file name, or every file under the
// built-in folder name.
func defaultFiles(name string) ([]string, error) {
	info, err := fs.Stat(tractdefaults.Defaults, name)
	if err != nil || name == "." {
		return nil, fmt.Errorf("tract has no built-in %s: tract defaults lists them", name)
	}
	if !info.IsDir() {
		return []string{name}, nil
	}
	var files []string
	err = fs.WalkDir(tractdefaults.Defaults, name, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	return files, err
}

// defaultFolders are the folders of the defaults, most often changed
// first, with what each does for a site.
var defaultFolders = []struct{ dir, note string }{
	{"templates", "the pages' HTML (Go html/template)"},
	{"locales", "the words of the pages and PDFs, per language (read over tract's message by message)"},
	{"assets/site", "the stylesheet and the search script"},
	{"assets/fonts", "the PDFs' fonts"},
	{"assets/hyphenation", "the PDFs' hyphenation patterns"},
}

func listDefaults(stdout, stderr io.Writer) int {
	for i, f := range defaultFolders {
		files, err := defaultFiles(f.dir)
		if err != nil {
			fmt.Fprintf(stderr, "tract defaults: %v\n", err)
			return 1
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s/  %s\n", f.dir, f.note)
		for _, name := range files {
			fmt.Fprintf(stdout, "  %s\n", name)
		}
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "Copy one into the site to change it: tract defaults templates/layout.html")
	return 0
}
