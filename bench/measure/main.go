//go:build unix

// Command measure times a build the way the benchmark reports it: wall
// time, CPU time (user + system) and peak resident memory of the process,
// read from the OS when it exits (wait4's rusage), and the files the build
// left in its output directory. It runs the command several times and
// keeps the median of each figure, and prints the comparison table.
//
// Usage:
//
//	measure run -tool NAME -items N -variants N [-runs 3] [-dir DIR]
//	        [-clean DIR]... [-count DIR] [-o results.jsonl] -- COMMAND ARGS...
//	measure table results.jsonl
//
// run removes every -clean directory before each run, so each build starts
// from nothing, then counts the regular files under -count, and appends
// one JSON line to -o. table prints one row per tool and corpus size, with
// tract's figures as ratios of Hugo's.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Result is the median figures of the runs of one tool on one corpus.
type Result struct {
	Tool     string `json:"tool"`
	Items    int    `json:"items"`
	Variants int    `json:"variants"`
	Runs     int    `json:"runs"`
	WallMS   int64  `json:"wall_ms"`
	CPUMS    int64  `json:"cpu_ms"`
	RSSKiB   int64  `json:"rss_kib"`
	Files    int    `json:"files"`
	// Every run's figures, in order, for anyone checking the spread.
	All []Run `json:"all"`
}

// Run is one run's figures.
type Run struct {
	WallMS int64 `json:"wall_ms"`
	CPUMS  int64 `json:"cpu_ms"`
	RSSKiB int64 `json:"rss_kib"`
	Files  int   `json:"files"`
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "run":
		err = runCmd(os.Args[2:])
	case "table":
		if len(os.Args) != 3 {
			usage()
		}
		err = tableCmd(os.Args[2], os.Stdout)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: measure run -tool NAME -items N -variants N [-runs 3] [-dir DIR] [-clean DIR]... [-count DIR] [-o FILE] -- COMMAND ARGS...")
	fmt.Fprintln(os.Stderr, "       measure table FILE")
	os.Exit(2)
}

// dirs is a repeatable flag.
type dirs []string

func (d *dirs) String() string     { return strings.Join(*d, ",") }
func (d *dirs) Set(v string) error { *d = append(*d, v); return nil }

func runCmd(args []string) error {
	fl := flag.NewFlagSet("measure run", flag.ExitOnError)
	tool := fl.String("tool", "", "name of the tool measured (tract, hugo)")
	items := fl.Int("items", 0, "items in the corpus")
	variants := fl.Int("variants", 0, "variants in the corpus")
	runs := fl.Int("runs", 3, "runs; the median of each figure is kept")
	dir := fl.String("dir", "", "working directory of the command")
	count := fl.String("count", "", "output directory whose files are counted after each run")
	out := fl.String("o", "", "append the result as a JSON line to `FILE`")
	var clean dirs
	fl.Var(&clean, "clean", "directory removed before each run (repeatable)")
	fl.Parse(args)
	if fl.NArg() == 0 || *tool == "" || *runs < 1 {
		usage()
	}
	res := Result{Tool: *tool, Items: *items, Variants: *variants, Runs: *runs}
	for i := range *runs {
		for _, d := range clean {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
		// Each run starts with nothing left to write back: what the
		// last run, or the removal above, left dirty is written now and
		// not charged to the run timed next. (It did not cure the
		// slowdown after a build with every PDF: see run.sh.)
		syscall.Sync()
		r, err := measure(*dir, fl.Args())
		if err != nil {
			return fmt.Errorf("%s, run %d: %w", *tool, i+1, err)
		}
		if *count != "" {
			if r.Files, err = countFiles(*count); err != nil {
				return err
			}
		}
		which := ""
		if *runs > 1 {
			which = fmt.Sprintf(", run %d/%d", i+1, *runs)
		}
		fmt.Fprintf(os.Stderr, "%s %d items%s: %s wall, %s CPU, %s peak RSS, %d files\n",
			*tool, *items, which, seconds(r.WallMS), seconds(r.CPUMS), mib(r.RSSKiB), r.Files)
		res.All = append(res.All, r)
	}
	res.summarize()
	line, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if *out == "" {
		fmt.Println(string(line))
		return nil
	}
	f, err := os.OpenFile(*out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// measure runs the command once. Its output is kept and shown only if it
// fails, so that a build's warnings do not drown the figures.
func measure(dir string, argv []string) (Run, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	var output tail
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, output.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return Run{}, errors.New("no resource usage on this system")
	}
	return Run{
		WallMS: wall.Milliseconds(),
		CPUMS:  (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Milliseconds(),
		RSSKiB: maxrssKiB(ru),
	}, nil
}

// tail keeps the last 8 KiB written to it.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 8<<10 {
		t.b = t.b[len(t.b)-8<<10:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.b) }

func countFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	return n, err
}

// summarize sets the figures to the medians of every run.
func (r *Result) summarize() {
	r.Runs = len(r.All)
	r.WallMS = median(r.All, func(r Run) int64 { return r.WallMS })
	r.CPUMS = median(r.All, func(r Run) int64 { return r.CPUMS })
	r.RSSKiB = median(r.All, func(r Run) int64 { return r.RSSKiB })
	r.Files = int(median(r.All, func(r Run) int64 { return int64(r.Files) }))
}

func median(runs []Run, f func(Run) int64) int64 {
	v := make([]int64, len(runs))
	for i, r := range runs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func seconds(ms int64) string { return fmt.Sprintf("%.2f s", float64(ms)/1000) }
func mib(kib int64) string    { return fmt.Sprintf("%d MiB", (kib+512)/1024) }

// msPerFile is the wall time per file written.
func (r Result) msPerFile() float64 {
	if r.Files == 0 {
		return 0
	}
	return float64(r.WallMS) / float64(r.Files)
}

// tableCmd prints the results as a Markdown table: one row per corpus size
// and tool, tract's rows with its figures as ratios of Hugo's (0.25× wall
// is four times faster). A "tract+pdf" row (a build with every PDF) has no
// ratios: Hugo makes no PDFs. Lines of the same tool and size are merged,
// with the medians of all their runs, so that a script can interleave
// single runs of each tool: then a burst of load elsewhere on the machine
// falls on both.
func tableCmd(name string, w io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var results []Result
	index := map[string]int{} // tool and size -> index in results
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		k := fmt.Sprint(r.Tool, "/", r.Items)
		if i, ok := index[k]; ok {
			results[i].All = append(results[i].All, r.All...)
			continue
		}
		index[k] = len(results)
		results = append(results, r)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for i := range results {
		results[i].summarize()
	}
	printTable(w, results)
	return nil
}

func printTable(w io.Writer, results []Result) {
	slices.SortStableFunc(results, func(a, b Result) int {
		if a.Items != b.Items {
			return a.Items - b.Items
		}
		return toolOrder(a.Tool) - toolOrder(b.Tool)
	})
	hugo := map[int]Result{}
	for _, r := range results {
		if r.Tool == "hugo" {
			hugo[r.Items] = r
		}
	}
	rows := [][]string{{"items", "variants", "tool", "wall", "CPU (user+sys)", "cores used", "peak RSS", "files", "ms/file", "wall ÷ Hugo", "CPU ÷ Hugo", "RSS ÷ Hugo", "ms/file ÷ Hugo"}}
	for _, r := range results {
		row := []string{
			fmt.Sprint(r.Items), fmt.Sprint(r.Variants), r.Tool,
			seconds(r.WallMS), seconds(r.CPUMS), coresUsed(r), mib(r.RSSKiB), fmt.Sprint(r.Files),
			fmt.Sprintf("%.2f", r.msPerFile()),
		}
		if h, ok := hugo[r.Items]; ok && (r.Tool == "tract" || r.Tool == "stack" || r.Tool == "floor") {
			row = append(row,
				ratio(float64(r.WallMS), float64(h.WallMS)),
				ratio(float64(r.CPUMS), float64(h.CPUMS)),
				ratio(float64(r.RSSKiB), float64(h.RSSKiB)),
				ratio(r.msPerFile(), h.msPerFile()))
		} else {
			row = append(row, "", "", "", "")
		}
		rows = append(rows, row)
	}
	width := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for i, row := range rows {
		fmt.Fprint(w, "|")
		for j, c := range row {
			pad := strings.Repeat(" ", width[j]-len([]rune(c)))
			if j == 2 {
				fmt.Fprintf(w, " %s%s |", c, pad) // tool names left-aligned
			} else {
				fmt.Fprintf(w, " %s%s |", pad, c)
			}
		}
		fmt.Fprintln(w)
		if i == 0 {
			fmt.Fprint(w, "|")
			for j := range row {
				if j == 2 {
					fmt.Fprintf(w, "%s|", strings.Repeat("-", width[j]+2))
				} else {
					fmt.Fprintf(w, "%s:|", strings.Repeat("-", width[j]+1))
				}
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w, "\nCores used is CPU time over wall time: how well the build kept the cores busy. Far below")
	fmt.Fprintln(w, "the machine's cores for a parallel build, it means the machine was busy with something else.")
	if len(hugo) > 0 {
		fmt.Fprintln(w, "Ratios are a row's figure divided by Hugo's on the same corpus: 0.25× wall is four times faster.")
	}
	if slices.ContainsFunc(results, func(r Result) bool { return r.Tool == "stack" }) {
		fmt.Fprintln(w, "Stack is the least any tool on tract's stack does for the same texts (bench/stack): read each,")
		fmt.Fprintln(w, "parse and render it with goldmark, write one html/template page around it; no lists, feeds or PDFs.")
	}
	floorNote(w, results, hugo)
}

// floorNote compares the tools above the floor: what each spends beyond
// the file system's own cost of writing tract's output (a "floor" row,
// bench/floor), which neither can avoid.
func floorNote(w io.Writer, results []Result, hugo map[int]Result) {
	floor, tract := map[int]Result{}, map[int]Result{}
	for _, r := range results {
		switch r.Tool {
		case "floor":
			floor[r.Items] = r
		case "tract":
			tract[r.Items] = r
		}
	}
	if len(floor) == 0 {
		return
	}
	fmt.Fprintln(w, "Floor is writing tract's output tree (same folders, names and sizes) and nothing else.")
	for _, r := range results {
		f, okf := floor[r.Items]
		h, okh := hugo[r.Items]
		if r.Tool != "tract" || !okf || !okh {
			continue
		}
		fmt.Fprintf(w, "%d items, above the floor: tract %s wall, %s CPU; Hugo %s wall, %s CPU; ratio %s wall, %s CPU.\n",
			r.Items, seconds(r.WallMS-f.WallMS), seconds(r.CPUMS-f.CPUMS), seconds(h.WallMS-f.WallMS), seconds(h.CPUMS-f.CPUMS),
			ratio(float64(r.WallMS-f.WallMS), float64(h.WallMS-f.WallMS)), ratio(float64(r.CPUMS-f.CPUMS), float64(h.CPUMS-f.CPUMS)))
	}
}

// coresUsed is CPU time over wall time (medians of each).
func coresUsed(r Result) string {
	if r.WallMS == 0 {
		return ""
	}
	return fmt.Sprintf("%.2f", float64(r.CPUMS)/float64(r.WallMS))
}

func toolOrder(t string) int {
	switch t {
	case "tract":
		return 0
	case "stack":
		return 1
	case "hugo":
		return 3
	case "floor":
		return 4
	}
	return 2
}

func ratio(a, b float64) string {
	if b == 0 {
		return ""
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// maxrssKiB is the peak resident set size in KiB: Linux and the BSDs
// report it in KiB, macOS in bytes.
func maxrssKiB(ru *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024
	}
	return int64(ru.Maxrss)
}
