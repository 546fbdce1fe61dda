// Command tract publishes leaflets, bulletins and pamphlets in several
// languages: it matches translations up, reports what is missing or out of
// date, and renders a static website and print-ready PDFs.
//
// Usage:
//
//	tract init [DIR] [--title NAME] [--languages en,fr,es] [--url URL] [--paper a4|letter|a5]
//	tract build [--site DIR] [--out DIR] [--no-pdf] [--strict] [--no-cache] [--timings]
//	tract pdf [--site DIR] [--out DIR] [--lang xx] ITEM...
//	tract check [--site DIR] [--strict] [--format text|json] [--no-pdf]
//	tract new SECTION SLUG [--lang LANG] [--site DIR]
//	tract serve [--site DIR] [--addr HOST:PORT]
//	tract status [--site DIR] [--lang LANG[,LANG]] [--todo] [--format text|json|markdown] [--fail-on missing,untranslated,outdated,partly] [--diff] [SECTION[/SLUG]...]
//	tract translate ITEM (--to LANG | --done LANG | --accept) [--site DIR]
//	tract defaults [FILE|FOLDER...] [--site DIR]
//	tract version
//
// tract help COMMAND, or tract COMMAND -h, explains a command and its
// options. tract init starts a site in DIR (default: this folder); the
// other commands that read a site work on --site DIR, or else on the
// nearest folder from here upwards that holds tract.toml. Exit status: 0
// on success, 1 when the command found a problem (tract check's errors,
// tract status --fail-on), 2 for a mistake on the command line.
//
// tract build and tract check keep what they made in a cache, to make
// again only what changed: in $TRACT_CACHE_DIR, or tract/ in the user's
// cache folder (~/.cache/tract on Linux); TRACT_CACHE=off or
// tract build --no-cache does without.
// SOURCE_DATE_EPOCH, in seconds, is the time a build takes for now, so
// that two builds of the same site are the same.
// docs/editors.md walks through the translation workflow.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"syscall"
)

// command is one subcommand: it parses its own flags and returns the exit code.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"init", "start a new site in a folder", runInit},
		{"build", "build the site into dist/", runBuild},
		{"pdf", "make the PDFs of some items", runPDF},
		{"check", "report every problem in the site, writing nothing (for CI)", runCheck},
		{"new", "create an item, ready to write", runNew},
		{"serve", "preview the site, rebuilding and reloading on every change", runServe},
		{"status", "show which translations are missing or outdated", runStatus},
		{"translate", "start a translation, or record that one is done", runTranslate},
		{"defaults", "list tract's built-in templates and styles, or copy some into the site", runDefaults},
		{"version", "print which tract this is", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// TRACT_CPUPROFILE=file writes a CPU profile of the command, for
	// performance reports (go tool pprof file); TRACT_TRACE=file an
	// execution trace, to see which stretches of a build run on one core
	// (go tool trace file). Both are stopped before os.Exit below, which
	// runs no deferred call; the files close with the process.
	if name := os.Getenv("TRACT_CPUPROFILE"); name != "" {
		if f, err := os.Create(name); err == nil {
			_ = pprof.StartCPUProfile(f)
		}
	}
	if name := os.Getenv("TRACT_TRACE"); name != "" {
		if f, err := os.Create(name); err == nil {
			_ = trace.Start(f)
		}
	}
	// TRACT_MEMPROFILE=file writes a heap profile taken when the live heap
	// was largest (go tool pprof -sample_index=inuse_space file).
	var heap *peakHeap
	if name := os.Getenv("TRACT_MEMPROFILE"); name != "" {
		heap = startPeakHeap(name)
	}
	limitMemory()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	pprof.StopCPUProfile()
	trace.Stop()
	if heap != nil {
		heap.finish()
	}
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	// Help asked for goes to standard output, so that tract help | less
	// shows it; tract help build is tract build -h.
	if args[0] == "help" && len(args) > 1 {
		args = []string{args[1], "-h"}
	} else if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tract: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: tract <command> [--site DIR] [options]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run tract <command> -h for a command's options.")
}

// flagExit is the exit code after a flag parsing error: 0 when -h asked
// for the usage (it has been printed), 2 for a real mistake.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

// The garbage collector's target (GOGC) for tract build, which
// collectAt sets unless GOGC is set.
const (
	// collectOften, for --no-pdf, runs the collector at one and a half
	// times the live heap instead of Go's default two: such a build
	// holds the compacted site while it writes the pages, and makes a
	// lot of garbage doing it. At 3,000 items its peak RSS goes from
	// 272-288 MB down to 210-220 MB, for 94 collections instead of 46,
	// 1.4 s of CPU instead of 0.7 s (GODEBUG=gctrace=1), about 7% of the
	// build.
	collectOften = 50
	// collectLess, for a build that makes PDFs, runs it at three times
	// the live heap: laying PDFs out makes garbage by the gigabyte while
	// the parsed site stays live (some 130 MB at 3,000 items), and every
	// collection marks all of it. (collectOften took such a build's
	// collections from 6.5 s of CPU to 13.8 s at 3,000 items.) At 3,000
	// items (GODEBUG=gctrace=1) it collects 57 times instead of 118, and
	// its collections take 1.4 s of CPU instead of 2.5 s. Builds taking
	// turns with GOGC=100: at 1,000 items (8 each) a median of 5.41 s
	// instead of 5.90 s, 9.96 s of user time instead of 10.96 s; at 3,000
	// items with texts three times as long (3 each) 32.6-35.5 s instead
	// of 35.6-38.2 s. It costs memory: a peak RSS of 141 MB instead of 96
	// at 300 items, 217 instead of 149 at 1,000, 434-458 instead of
	// 298-309 at 3,000, 745 instead of 500 with the long texts.
	collectLess = 200
)

// collectAt sets the garbage collector's target to percent, unless the
// GOGC environment variable is set.
func collectAt(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}
