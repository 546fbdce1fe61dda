package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/pdf"
)

func runPDF(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract pdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract pdf [--site DIR] [--out DIR] [--lang xx] ITEM...")
		fmt.Fprintln(fs.Output(), "Makes the PDFs of the given items (content/leaflets/rent or leaflets/rent), every language unless --lang.")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	out := fs.String("out", ".", "where to write the PDFs")
	lang := fs.String("lang", "", "only this language")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	outGiven := false
	fs.Visit(func(f *flag.Flag) { outGiven = outGiven || f.Name == "out" })
	if !outGiven && insideContent(*site) {
		// A PDF named like those a build makes, in an item's folder,
		// would be refused by the next build: the site's folder instead,
		// where the .gitignore tract init writes keeps them out of git.
		// The folder is named in full: "../.." says little to an editor.
		*out = *site
		where := *site
		if abs, err := filepath.Abs(*site); err == nil {
			where = abs
		}
		fmt.Fprintf(stderr, "tract pdf: writing the PDFs into the site's folder, %s, not here inside content/, where the next build would refuse them (--out DIR writes them elsewhere)\n", where)
	}
	now, err := build.Now()
	if err != nil {
		fmt.Fprintf(stderr, "tract pdf: %v\n", err)
		return 1
	}
	if err := build.CheckSiteDir(*site); err != nil {
		fmt.Fprintf(stderr, "tract pdf: %v\n", err)
		return 1
	}
	root, err := os.OpenRoot(*site)
	if err != nil {
		fmt.Fprintf(stderr, "tract pdf: %v\n", err)
		return 1
	}
	defer root.Close()
	var diags diag.List
	s := build.Prepare(ctx, content.SiteFS(root), now, &diags)
	if s == nil || diags.HasErrors() {
		printDiagnostics(stderr, diags.Sorted())
		return 1
	}
	languages := s.Content.Config.Languages
	if *lang != "" {
		l, ok := siteLanguage(*lang, languages)
		if !ok {
			fmt.Fprintf(stderr, "tract pdf: %q is not one of the site's languages (%s)\n", *lang, diag.Or(languages))
			return 2
		}
		*lang = l
	}
	var items []*content.Item
	for _, arg := range fs.Args() {
		it, err := findItem(s.Content, *site, arg)
		if err != nil {
			fmt.Fprintf(stderr, "tract pdf: %v\n", err)
			return 1
		}
		if *lang != "" && it.Variants[*lang] == nil {
			fmt.Fprintf(stderr, "tract pdf: %s has no %s.md: it is in %s\n", it.Key(), *lang, strings.Join(it.Langs(languages), ", "))
			return 1
		}
		if !slices.Contains(items, it) { // leaflets/rent and content/leaflets/rent
			items = append(items, it)
		}
	}
	prefix := sharedSlugPrefixes(items, stderr)
	var texts []*content.Variant
	for _, it := range items {
		for _, l := range it.Langs(languages) {
			if *lang == "" || l == *lang {
				texts = append(texts, it.Variants[l])
			}
		}
	}
	// Only the texts printed are parsed: the others' problems, as their
	// warnings, are tract check's to give.
	maker, err := s.ParsePrinted(ctx, texts, &diags)
	if err != nil {
		fmt.Fprintf(stderr, "tract pdf: %v\n", err)
		return 1
	}
	if diags.HasErrors() {
		printDiagnostics(stderr, diags.Sorted())
		return 1
	}
	// The warnings about what is printed, said before printing it: an
	// outdated translation, a placeholder base_url under every QR code.
	printed := map[string]bool{content.ConfigFile: true}
	for _, v := range texts {
		printed[v.Path] = true
	}
	for _, d := range diags.Sorted() {
		if printed[d.Path] {
			fmt.Fprintln(stderr, d.String())
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "tract pdf: %v\n", err)
		return 1
	}
	code := 0
	for _, v := range texts {
		if !pdf.Printable(v.Lang) {
			fmt.Fprintf(stderr, "tract pdf: %s: %s\n", v.Path, pdf.NotPrinted([]string{v.Lang}))
			if *lang != "" {
				code = 1
			}
			continue
		}
		files, problems, err := maker.Make(v)
		if err != nil {
			fmt.Fprintf(stderr, "tract pdf: %v\n", err)
			code = 1
			continue
		}
		for _, p := range problems {
			fmt.Fprintln(stderr, p.Diagnostic().String())
		}
		for _, f := range files {
			name := filepath.Join(*out, prefix[v.Item]+f.Name)
			if err := os.WriteFile(name, f.Data, 0o644); err != nil {
				fmt.Fprintf(stderr, "tract pdf: %v\n", err)
				return 1
			}
			fmt.Fprintf(stdout, "%s\t%s, %s, %d KB\n", name, describe(f), diag.Plural(f.Pages, "page"), (len(f.Data)+512)/1024)
		}
	}
	return code
}

// sharedSlugPrefixes gives the items of one run that share a slug
// (leaflets/first-leaflet and articles/first-leaflet) their section as
// the start of their PDFs' names, and says so: named as a build names
// them, in one folder, the second would replace the first. Refusing
// would leave the editor to make them one at a time into two folders;
// both are wanted, and the section tells them apart.
func sharedSlugPrefixes(items []*content.Item, stderr io.Writer) map[*content.Item]string {
	bySlug := map[string][]*content.Item{}
	for _, it := range items {
		bySlug[it.Slug] = append(bySlug[it.Slug], it)
	}
	prefix := map[*content.Item]string{}
	for _, it := range items {
		same := bySlug[it.Slug]
		if len(same) < 2 || same[0] != it {
			continue
		}
		var keys []string
		for _, s := range same {
			prefix[s] = s.Section + "-"
			keys = append(keys, s.Key())
		}
		fmt.Fprintf(stderr, "tract pdf: %s share the name %s: their PDFs' names start with their section (%s-%s-…), so that neither replaces the other\n", diag.And(keys), it.Slug, same[0].Section, it.Slug)
	}
	return prefix
}

// insideContent reports whether the current folder is the site's
// content/ or a folder in it.
func insideContent(site string) bool {
	_, ok := contentPath(site, ".")
	return ok
}

func describe(f pdf.File) string {
	switch f.Edition {
	case pdf.TwoUp:
		return fmt.Sprintf("two %s copies on %s", f.Paper, f.Sheet)
	case pdf.Booklet:
		return fmt.Sprintf("booklet, %s pages on %s", f.Paper, f.Sheet)
	}
	return f.Paper
}
