package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/testsite"
)

func TestProgressTextShowsTheStagesStartedSoFar(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       build.Counts
		elapsed time.Duration
		want    string
	}{
		{"Loading", build.Counts{Stage: build.StageLoad}, 300 * time.Millisecond, "loading · 0.3s"},
		{"Parsing", build.Counts{Stage: build.StageParse, Parsed: 2410, ParseTotal: 8707}, 4200 * time.Millisecond,
			"parse 2,410/8,707 · 4.2s"},
		{"PDFs", build.Counts{Stage: build.StagePDF, Parsed: 8707, ParseTotal: 8707, PDFsDone: 1200, PDFTotal: 8707}, 61 * time.Second,
			"parse 8,707/8,707 · print 1,200/8,707 · 1m01s"},
		{"Copying", build.Counts{Stage: build.StageCopy, Parsed: 12, ParseTotal: 12, Rendered: 1003, RenderTotal: 1003}, 9 * time.Second,
			"parse 12/12 · render 1,003/1,003 · copying files · 9.0s"},
		{"Saving", build.Counts{Stage: build.StageSwap, Parsed: 3, ParseTotal: 3, Rendered: 1, RenderTotal: 1}, 125 * time.Minute,
			"parse 3/3 · render 1/1 · saving · 125m00s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := progressText(tc.c, tc.elapsed, 200); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestProgressTextFitsTheWidthDroppingFinishedStagesFirst(t *testing.T) {
	c := build.Counts{Stage: build.StageRender, Parsed: 8707, ParseTotal: 8707, PDFsDone: 8707, PDFTotal: 8707, Rendered: 3020, RenderTotal: 10065}
	const full = "parse 8,707/8,707 · print 8,707/8,707 · render 3,020/10,065 · 4.2s"
	for _, tc := range []struct {
		width int
		want  string
	}{
		{100, full},
		{utf8.RuneCountInString(full), full},
		{50, "print 8,707/8,707 · render 3,020/10,065 · 4.2s"},
		{30, "render 3,020/10,065 · 4.2s"},
		{10, "render 3,0"},
		{0, ""},
		{-1, ""},
	} {
		got := progressText(c, 4200*time.Millisecond, tc.width)
		if got != tc.want {
			t.Errorf("width %d: got %q, want %q", tc.width, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > max(tc.width, 0) {
			t.Errorf("width %d: %d columns", tc.width, n)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10065: "10,065", 1234567: "1,234,567", -1000: "-1,000", -100: "-100"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// syncBuffer is a bytes.Buffer that the progress goroutine and the test
// can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestProgressLineIsRedrawnInPlaceAndErasedWhenStopped(t *testing.T) {
	var out syncBuffer
	prog, stop := runProgress(&out, func() int { return 31 }, time.Now(), 0, time.Millisecond)
	if prog == nil {
		t.Fatal("no Progress to count with")
	}
	deadline := time.Now().Add(10 * time.Second)
	// Elapsed time alone changes the line: wait for it to be redrawn.
	for strings.Count(out.String(), "\r") < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	stop()
	got := out.String()
	if strings.Count(got, "\r") < 3 {
		t.Errorf("not redrawn: %q", got)
	}
	if !strings.HasPrefix(got, "\r") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line is not drawn from the start of the line and erased at the end: %q", got)
	}
	for _, line := range strings.Split(got, "\r") {
		line = strings.TrimSuffix(line, "\x1b[K")
		if n := utf8.RuneCountInString(line); n > 30 || strings.Contains(line, "\n") {
			t.Errorf("a line of %d columns (at most 30): %q", n, line)
		}
	}
	if after := out.String(); after != got {
		t.Errorf("written after stop: %q", after[len(got):])
	}
}

func TestAQuickBuildShowsNoProgressLine(t *testing.T) {
	var out syncBuffer
	_, stop := runProgress(&out, func() int { return 80 }, time.Now(), time.Hour, time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	stop()
	if got := out.String(); got != "" {
		t.Errorf("wrote %q before the delay", got)
	}
}

func TestBuildNotOnATerminalPrintsNoProgress(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+leaflet)
	for _, w := range []string{"buffer", "file"} {
		t.Run(w, func(t *testing.T) {
			var stdout bytes.Buffer
			var stderr io.Writer
			var read func() string
			if w == "buffer" {
				var b bytes.Buffer
				stderr, read = &b, b.String
			} else {
				// An *os.File that is not a terminal, as when stderr is redirected.
				f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				stderr = f
				read = func() string { b, _ := os.ReadFile(f.Name()); return string(b) }
			}
			code := runBuild(context.Background(), []string{"--site", dir, "--out", filepath.Join(t.TempDir(), "dist")}, &stdout, stderr)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, read())
			}
			if all := stdout.String() + read(); strings.ContainsAny(all, "\r\x1b") {
				t.Errorf("progress written though not on a terminal: %q", all)
			}
			if !strings.HasPrefix(stdout.String(), "tract: built ") {
				t.Errorf("no summary: %q", stdout.String())
			}
		})
	}
}

func TestAFailedBuildEndsWithALineCountingErrorsAndWarnings(t *testing.T) {
	dir := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
colour: red
---
`)
	r := tract(t, dir, nil, "build")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "tract build: failed in ") || !strings.Contains(last, " with 1 error and 0 warnings; the previous output, if any, is untouched") {
		t.Errorf("last line %q", last)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
}
