package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/tractpub/tract/internal/build"
)

// Progress display timing: a build that ends within progressDelay shows
// nothing; a longer one redraws its line every progressEvery.
const (
	progressDelay = 300 * time.Millisecond
	progressEvery = 125 * time.Millisecond
)

// startProgress shows the progress of a build or check on one line of w,
// redrawn in place, when w is a terminal that can take it. It returns the
// Progress to give the build (nil when w shows nothing) and a function
// that erases the line and returns once nothing more will be written: call
// it before printing anything else.
func startProgress(w io.Writer) (*build.Progress, func()) {
	f, ok := w.(*os.File)
	if !ok || !ansiTerminal(f) {
		return nil, func() {}
	}
	fd := int(f.Fd())
	width := func() int {
		if w, _, err := term.GetSize(fd); err == nil && w > 0 {
			return w
		}
		return 80
	}
	return runProgress(w, width, time.Now(), progressDelay, progressEvery)
}

// runProgress redraws a progress line on w every tick from start+delay on,
// at most width()-1 columns wide so that it never wraps.
func runProgress(w io.Writer, width func() int, start time.Time, delay, tick time.Duration) (*build.Progress, func()) {
	prog := new(build.Progress)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(tick)
		defer t.Stop()
		shown := ""
		for {
			select {
			case <-stop:
				if shown != "" {
					io.WriteString(w, "\r\x1b[K")
				}
				return
			case <-t.C:
				elapsed := time.Since(start)
				if elapsed < delay {
					continue
				}
				line := progressText(prog.Snapshot(), elapsed, width()-1)
				if line != shown {
					// One write per redraw, so the line is never seen half drawn.
					io.WriteString(w, "\r"+line+"\x1b[K")
					shown = line
				}
			}
		}
	}()
	return prog, func() {
		close(stop)
		<-done
	}
}

// progressText is the progress line for counts c after elapsed, at most
// width columns: "parse 8,707/8,707 · print 1,200/8,707 · 41.3s". The
// stages with no count show by name while they run. When the line is too
// wide, the finished stages go first, then the end of the line.
func progressText(c build.Counts, elapsed time.Duration, width int) string {
	if width <= 0 {
		return ""
	}
	type part struct {
		text     string
		finished bool
	}
	var parts []part
	count := func(name string, done, total int) {
		if total > 0 {
			parts = append(parts, part{name + " " + thousands(done) + "/" + thousands(total), done >= total})
		}
	}
	count("parse", c.Parsed, c.ParseTotal)
	count("print", c.PDFsDone, c.PDFTotal) // texts whose PDFs are made, not PDF files
	count("render", c.Rendered, c.RenderTotal)
	if doing := stageDoing[c.Stage]; doing != "" {
		parts = append(parts, part{text: doing})
	}
	parts = append(parts, part{text: seconds(elapsed)})

	const sep = " · "
	join := func() string {
		s := make([]string, len(parts))
		for i, p := range parts {
			s[i] = p.text
		}
		return strings.Join(s, sep)
	}
	line := join()
	for utf8.RuneCountInString(line) > width {
		i := 0
		for i < len(parts) && !parts[i].finished {
			i++
		}
		if i == len(parts) {
			break
		}
		parts = append(parts[:i], parts[i+1:]...)
		line = join()
	}
	if utf8.RuneCountInString(line) > width {
		line = string([]rune(line)[:width])
	}
	return line
}

// stageDoing says what a build is doing in the stages that have no count.
var stageDoing = map[string]string{
	build.StageLoad:   "loading",
	build.StageImages: "resizing images",
	build.StageCopy:   "copying files",
	build.StageSwap:   "saving",
}

// thousands writes n with commas between groups of three digits: 10,065.
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// seconds writes a duration for the progress line: 4.2s, 2m05s.
func seconds(d time.Duration) string {
	if d < time.Minute {
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return fmt.Sprintf("%dm%02ds", d/time.Minute, d%time.Minute/time.Second)
}
