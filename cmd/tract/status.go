package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/status"
)

func runStatus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract status [--site DIR] [--lang LANG[,LANG]] [--todo] [--format text|json|markdown] [--fail-on missing,untranslated,outdated,partly] [--diff] [SECTION[/SLUG]...]")
		fmt.Fprintln(fs.Output(), "Shows, for every item and language, whether it is the original, a current or outdated translation, or missing.")
		fmt.Fprintln(fs.Output(), "Sections or items named (leaflets, leaflets/no-to-the-rent-rise, or a path under content/) narrow it to those.")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	format := fs.String("format", "text", "output format: text, json or markdown")
	failOn := fs.String("fail-on", "", "exit with status 1 if any translation is missing, untranslated (a copy not translated yet), outdated or partly translated (paragraphs still its source's): one or more of them, such as missing,untranslated")
	diff := fs.Bool("diff", false, "for each outdated translation, show what changed in its source since (from the git history)")
	langs := fs.String("lang", "", "show only these languages, such as fr or fr,es")
	todo := fs.Bool("todo", false, "list only the items with a translation missing, untranslated, unreadable, outdated or partly translated (the totals still count every item)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	var failStates []content.Status
	failPartly := false
	for _, f := range strings.Split(*failOn, ",") {
		switch strings.TrimSpace(f) {
		case "":
		case "partly":
			failPartly = true
		case "missing":
			failStates = append(failStates, content.Missing)
		case "outdated":
			failStates = append(failStates, content.Outdated)
		case "untranslated":
			failStates = append(failStates, content.Untranslated)
		default:
			fmt.Fprintf(stderr, "tract status: --fail-on %q: give missing, untranslated, outdated or partly, or several: missing,untranslated,outdated\n", f)
			return 2
		}
	}
	if *format != "text" && *format != "json" && *format != "markdown" {
		fs.Usage()
		return 2
	}

	if err := build.CheckSiteDir(*site); err != nil {
		fmt.Fprintf(stderr, "tract status: %v\n", err)
		return 1
	}
	root, err := os.OpenRoot(*site)
	if err != nil {
		fmt.Fprintf(stderr, "tract status: %v\n", err)
		return 1
	}
	var diags diag.List
	s := content.Load(content.SiteFS(root), &diags)
	root.Close()
	// The matrix is the report of outdated translations: only errors,
	// which may hide a variant from it, are printed besides.
	var siteErrs []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Error {
			fmt.Fprintln(stderr, d.String())
			siteErrs = append(siteErrs, d)
		}
	}
	errs := len(siteErrs)
	if s == nil {
		return 1
	}
	full := status.New(s)
	// Most errors (an event that ends before it starts, a file tract
	// does not publish) leave every state known: only one that leaves a
	// file's state unknown makes it unreadable in the table, shown or not.
	switch {
	case errs == 0:
	case full.Count(content.Unreadable) > 0:
		fmt.Fprintf(stderr, "tract status: %s in the site (see tract check): a file that cannot be read, is empty or has no title, is a second original, or whose translated_from names a file that is not there or goes round in a cycle, shows as unreadable in the table and counts as not translated; mend it, then run tract status again\n", diag.Plural(errs, "error"))
	case errs == 1:
		fmt.Fprintln(stderr, "tract status: 1 error in the site (see tract check); it changes no state in the table")
	default:
		fmt.Fprintf(stderr, "tract status: %d errors in the site (see tract check); none of them changes a state in the table\n", errs)
	}

	named, err := itemsNamed(s, *site, fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "tract status: %v\n", err)
		return 2
	}
	filter := status.Filter{Items: named, Todo: *todo}
	for l := range strings.SplitSeq(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			if sl, ok := siteLanguage(l, s.Config.Languages); ok {
				l = sl // --lang ES is es
			}
			filter.Languages = append(filter.Languages, l)
		}
	}
	m, err := full.Select(filter)
	if err != nil {
		fmt.Fprintf(stderr, "tract status: %v\n", err)
		return 2
	}
	m.Errors = siteErrs
	if *diff {
		m.FindChanges(ctx, *site, s)
	}
	if *format == "text" {
		m.FindUncommitted(ctx, *site)
	}
	switch *format {
	case "json":
		err = m.WriteJSON(stdout)
	case "markdown":
		err = m.WriteMarkdown(stdout)
	default:
		err = m.WriteText(stdout, status.TextOptions{Color: colorTerminal(stdout)})
	}
	if err != nil {
		fmt.Fprintf(stderr, "tract status: %v\n", err)
		return 1
	}
	if errs > 0 {
		return 1
	}
	code := 0
	for _, st := range failStates {
		if n := m.Count(st); n > 0 {
			if st == content.Untranslated {
				copies := "1 copy"
				if n > 1 {
					copies = fmt.Sprintf("%d copies", n)
				}
				fmt.Fprintf(stderr, "tract status: %s not translated yet\n", copies)
			} else {
				fmt.Fprintf(stderr, "tract status: %s %s\n", diag.Plural(n, "translation"), st)
			}
			code = 1
		}
	}
	if n := len(m.PartlyCopied()); failPartly && n > 0 {
		fmt.Fprintf(stderr, "tract status: %s partly translated\n", diag.Plural(n, "translation"))
		code = 1
	}
	return code
}

// colorTerminal reports whether w is a terminal that wants colours
// (https://no-color.org: NO_COLOR turns them off).
func colorTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && os.Getenv("NO_COLOR") == "" && ansiTerminal(f)
}

// itemsNamed resolves the items or sections tract status is given: an
// item as findItem takes it, or a section by name or folder. A name that
// is neither is passed on cleaned, for status.Select to report, but for
// one that starts with a section mistyped (leaflet, Leaflets/rent),
// refused with the section meant.
func itemsNamed(s *content.Site, siteDir string, args []string) ([]string, error) {
	out := make([]string, len(args))
	for i, arg := range args {
		if it, err := findItem(s, siteDir, arg); err == nil {
			out[i] = it.Key()
			continue
		}
		p := namedPath(arg)
		if section := path.Base(p); slices.Contains(content.Sections, section) {
			p = section
		} else if section := sectionHere(siteDir, arg); section != "" {
			p = section // ".." inside an item's folder
		} else if first, _, _ := strings.Cut(p, "/"); content.MeantSection(first) != "" && !slices.Contains(content.Sections, first) {
			return nil, errors.New(content.UnknownSection(first))
		}
		out[i] = p
	}
	return out, nil
}

// sectionHere returns the section whose folder arg, a path from the
// current folder (".." inside an item's), is; "" if it is none.
func sectionHere(siteDir, arg string) string {
	if section, ok := contentPath(siteDir, arg); ok && slices.Contains(content.Sections, section) {
		return section
	}
	return ""
}
