package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/diag"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract check [--site DIR] [--strict] [--format text|json] [--no-pdf]")
		fmt.Fprintln(fs.Output(), "Loads and renders the whole site in memory, publishes nothing, and reports every problem.")
		fmt.Fprintln(fs.Output(), "Exit status 1 when there are errors (or, with --strict, warnings).")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	strict := fs.Bool("strict", false, "fail on warnings too")
	format := fs.String("format", "text", "output format: text or json")
	noPDF := fs.Bool("no-pdf", false, "check the website only, not the PDFs (faster)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	if fs.NArg() != 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return 2
	}
	prog, stopProgress := startProgress(stderr)
	ds, cached, err := build.CheckCached(ctx, build.Options{SiteDir: *site, NoPDF: *noPDF, Progress: prog})
	stopProgress()
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "tract check: interrupted; nothing was published")
		} else {
			fmt.Fprintf(stderr, "tract check: %v\n", err)
		}
		return 1
	}
	errs, warns := diag.Count(ds)
	if *format == "json" {
		if err := writeCheckJSON(stdout, ds, errs, warns); err != nil {
			fmt.Fprintf(stderr, "tract check: %v\n", err)
			return 1
		}
	} else {
		printDiagnostics(stdout, ds)
		taken := takenNote(cached)
		switch {
		case errs+warns == 0:
			fmt.Fprintf(stdout, "tract check: no problems found%s\n", taken)
		case errs == 0 && *strict:
			// The warnings are why it fails: "0 errors" alone read as a pass.
			fmt.Fprintf(stdout, "tract check: 0 errors, %s%s, and --strict fails on warnings\n", diag.Plural(warns, "warning"), taken)
		default:
			fmt.Fprintf(stdout, "tract check: %s, %s%s\n", diag.Plural(errs, "error"), diag.Plural(warns, "warning"), taken)
		}
	}
	if errs > 0 || (*strict && warns > 0) {
		return 1
	}
	return 0
}

// takenNote says, in parentheses after the summary, what a check took
// as the last build or check left it, problems included: without it, a
// check of thousands of items done in a second reads as one that did
// not look. "" when it took nothing.
func takenNote(c build.Cached) string {
	var parts []string
	if c.Texts > 0 {
		parts = append(parts, diag.Plural(c.Texts, "text")+" not parsed again")
	}
	if c.Pages > 0 {
		parts = append(parts, diag.Plural(c.Pages, "page")+" not rendered again")
	}
	if c.PDFs > 0 {
		parts = append(parts, diag.Plural(c.PDFs, "PDF")+" from the cache")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ": unchanged since the last build or check, their problems listed as before)"
}

// checkJSON is tract check's --format json output.
type checkJSON struct {
	Diagnostics []diagJSON `json:"diagnostics"`
	Errors      int        `json:"errors"`
	Warnings    int        `json:"warnings"`
}

type diagJSON struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func writeCheckJSON(w io.Writer, ds []diag.Diagnostic, errs, warns int) error {
	out := checkJSON{Diagnostics: make([]diagJSON, 0, len(ds)), Errors: errs, Warnings: warns}
	for _, d := range ds {
		out.Diagnostics = append(out.Diagnostics, diagJSON{d.Path, d.Line, d.Severity.String(), d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
