package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract build [--site DIR] [--out DIR] [--no-pdf] [--strict] [--no-cache] [--timings]")
		fmt.Fprintln(fs.Output(), "Builds the site and every PDF into SITE/dist, replacing it only when everything succeeded.")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory (holding tract.toml and content/)")
	out := fs.String("out", "", "the output directory (default: SITE/dist)")
	noPDF := fs.Bool("no-pdf", false, "make the website only, without PDFs")
	strict := fs.Bool("strict", false, "treat warnings as errors: publish nothing if there is one")
	timings := fs.Bool("timings", false, "print how long each stage took")
	noCache := fs.Bool("no-cache", false, "make every PDF and write every page afresh, using no cache (also TRACT_CACHE=off)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tract build: it takes no %q: to build the site in another folder, give it with --site %s\n", fs.Arg(0), fs.Arg(0))
		return 2
	}
	start := time.Now()
	prog, stopProgress := startProgress(stderr)
	if *noPDF {
		collectAt(collectOften)
	} else {
		collectAt(collectLess)
	}
	res, err := build.Build(ctx, build.Options{SiteDir: *site, OutDir: *out, NoPDF: *noPDF, Strict: *strict, NoCache: *noCache, Progress: prog})
	stopProgress()
	var ds []diag.Diagnostic
	if res != nil {
		ds = res.Diagnostics
	}
	printBuildDiagnostics(stderr, ds)
	if err != nil {
		errs, warnings := diag.Count(ds)
		elapsed := time.Since(start).Round(time.Millisecond)
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "tract build: interrupted after %s; the previous output, if any, is untouched\n", elapsed)
			return 1
		}
		if errs == 0 {
			// The error is not one of the site's diagnostics: say it, and
			// count it, unless it is --strict refusing the warnings.
			fmt.Fprintf(stderr, "tract build: %v\n", err)
			if !*strict || warnings == 0 {
				errs = 1
			}
		}
		fmt.Fprintf(stderr, "tract build: failed in %s with %s and %s; the previous output, if any, is untouched\n", elapsed, diag.Plural(errs, "error"), diag.Plural(warnings, "warning"))
		return 1
	}
	// A path inside the current folder reads best relative; one
	// elsewhere, absolute.
	rel := build.ShownPath(res.OutDir)
	_, warnings := diag.Count(res.Diagnostics)
	cached := ""
	if res.PDFsCached > 0 {
		cached = fmt.Sprintf(", %d of them from the cache", res.PDFsCached)
	}
	files := diag.Plural(res.Files, "file")
	if res.Reused > 0 {
		files += fmt.Sprintf(", %d unchanged", res.Reused)
	}
	if res.Kept > 0 {
		files += fmt.Sprintf(", %d not rendered again", res.Kept)
	}
	if res.TextsCached > 0 {
		files += ", " + diag.Plural(res.TextsCached, "text") + " not parsed again"
	}
	if res.UpToDate {
		fmt.Fprintf(stdout, "tract: nothing changed since the last build: its %s and %s (%s) are up to date; checked in %s, %s\n", diag.Plural(res.Pages, "page"), diag.Plural(res.PDFs, "PDF"), diag.Plural(res.Files, "file"), res.Elapsed.Round(1e6), diag.Plural(warnings, "warning"))
	} else {
		fmt.Fprintf(stdout, "tract: built %s and %s%s (%s) in %s, %s\n", diag.Plural(res.Pages, "page"), diag.Plural(res.PDFs, "PDF"), cached, files, res.Elapsed.Round(1e6), diag.Plural(warnings, "warning"))
	}
	fmt.Fprintf(stdout, "open %s\n", filepath.Join(rel, "index.html"))
	if *timings {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-14s %s\n", st.Name, st.Elapsed.Round(time.Millisecond))
		}
	}
	return 0
}

// printBuildDiagnostics prints ds, except that past content.OutdatedNamed
// outdated translations it counts them in one line, after the rest.
func printBuildDiagnostics(w io.Writer, ds []diag.Diagnostic) {
	outdated := 0
	for _, d := range ds {
		if content.IsOutdatedWarning(d) {
			outdated++
		}
	}
	if outdated <= content.OutdatedNamed {
		printDiagnostics(w, ds)
		return
	}
	for _, d := range ds {
		if !content.IsOutdatedWarning(d) {
			fmt.Fprintln(w, d.String())
		}
	}
	fmt.Fprintf(w, "tract build: %d translations are outdated: tract status --todo lists them, tract check names each file\n", outdated)
}

func printDiagnostics(w io.Writer, ds []diag.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}
