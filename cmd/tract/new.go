package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract new SECTION SLUG [--lang LANG] [--site DIR]")
		fmt.Fprintf(fs.Output(), "Creates content/SECTION/SLUG/LANG.md, ready to write. Sections: %s.\n", strings.Join(content.Sections, ", "))
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	lang := fs.String("lang", "", "the language of the original (default: tract.toml's default_language)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	section, slug := fs.Arg(0), fs.Arg(1)
	if !slices.Contains(content.Sections, section) {
		fmt.Fprintf(stderr, "tract new: %s\n", content.UnknownSection(section))
		return 2
	}
	if err := content.CheckNewSlug(slug); err != nil {
		fmt.Fprintf(stderr, "tract new: %v\n", err)
		return 2
	}
	s, code := loadContent(*site, stderr)
	if s == nil {
		return code
	}
	if *lang == "" {
		*lang = s.Config.DefaultLanguage
	}
	l, ok := siteLanguage(*lang, s.Config.Languages)
	if !ok {
		fmt.Fprintf(stderr, "tract new: %q is not one of the site's languages (%s)\n", *lang, diag.Or(s.Config.Languages))
		return 2
	}
	*lang = l
	dir := path.Join(content.ContentDir, section, slug)
	if err := checkFreeSlug(*site, section, slug); err != nil {
		fmt.Fprintf(stderr, "tract new: %v\n", err)
		return 1
	}
	now, err := build.Now()
	if err != nil {
		fmt.Fprintf(stderr, "tract new: %v\n", err)
		return 1
	}
	if os.Getenv("SOURCE_DATE_EPOCH") == "" {
		now = now.Local() // the editor's today, not UTC's
	}
	number := 1
	for _, it := range s.Section("bulletins") {
		number = max(number, it.Meta.Number+1)
	}
	about := s.Item("pages", "about")
	data, err := content.Skeleton(content.SkeletonOptions{
		Section: section, Lang: *lang, Today: now, Number: number,
		LinkAbout: about != nil && about.Variants[*lang] != nil,
	})
	if err != nil {
		fmt.Fprintf(stderr, "tract new: %v\n", err)
		return 1
	}
	name := path.Join(dir, *lang+".md")
	if err := createFile(filepath.Join(*site, filepath.FromSlash(name)), data); err != nil {
		fmt.Fprintf(stderr, "tract new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", name)
	fmt.Fprintf(stdout, "write it, check it with tract check, then start each translation with tract translate %s/%s --to LANG\n", section, slug)
	return 0
}

// checkFreeSlug refuses a slug whose folder exists, in any case: two
// folders that differ only in case are the same address on many hosts.
func checkFreeSlug(site, section, slug string) error {
	dir := path.Join(content.ContentDir, section, slug)
	entries, err := os.ReadDir(filepath.Join(site, content.ContentDir, section))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), slug) {
			existing := path.Join(content.ContentDir, section, e.Name())
			if e.Name() == slug {
				return fmt.Errorf("%s already exists: nothing was written (to translate it: tract translate %s/%s --to LANG)", existing, section, slug)
			}
			return fmt.Errorf("%s already exists, and %s would differ from it only in case: choose another slug", existing, dir)
		}
	}
	return nil
}

// createFile makes the folders of name and writes data into a new file;
// it never replaces an existing one. A file it could not write whole is
// removed: left, a half-written text would be published, and the next
// try refused as already there.
func createFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
