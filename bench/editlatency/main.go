// Command editlatency measures how long a running tract serve takes to
// show an edit: it appends a sentence to a variant file, then asks for
// the variant's page every millisecond until the page shows the
// sentence, and prints the time between the save and that answer. It
// repeats the edit and prints each time and the median.
//
//	go run ./bench/editlatency -file SITE/content/leaflets/x/en.md -url http://127.0.0.1:8080/en/leaflets/x/ [-n 20] [-cold]
//
// It asks for the page once before the first edit, as an editor's
// browser has it open; with -cold it does not, and the first edit is
// timed as a script that starts tract serve and saves at once sees it
// (run it with -n 1 right after the server says it is serving).
//
// The file is left with the sentences appended: run it on a copy.
//
// With -new, the file does not exist: each edit writes it (a new
// translation, or with its folder a new item), with the front matter
// lines -front gives besides its title, and is timed until its page
// shows it; the file (and the folder it made) is then removed, and the
// next edit waits until the page is gone.
//
//	go run ./bench/editlatency -new -file SITE/content/leaflets/x/fr.md -front 'translated_from: en@000000000000' -url http://127.0.0.1:8080/fr/leaflets/x/
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	file := flag.String("file", "", "the variant file to edit")
	url := flag.String("url", "", "the address of its page in tract serve")
	n := flag.Int("n", 20, "edits")
	cold := flag.Bool("cold", false, "do not ask for the page before the first edit")
	isNew := flag.Bool("new", false, "write the file anew at each edit, and remove it after")
	front := flag.String("front", "", "with -new, front matter lines besides the title (\\n between lines)")
	flag.Parse()
	if *file == "" || *url == "" {
		flag.Usage()
		os.Exit(2)
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "editlatency:", err)
		os.Exit(1)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	get := func() (int, string, error) {
		resp, err := client.Get(*url)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	// waitFor asks for the page every millisecond until ok says it is
	// what the edit made, for at most 30 s.
	waitFor := func(what string, start time.Time, ok func(status int, page string) bool) {
		for {
			status, page, err := get()
			if err == nil && ok(status, page) {
				return
			}
			if time.Since(start) > 30*time.Second {
				fail(fmt.Errorf("%s within 30 s", what))
			}
			time.Sleep(time.Millisecond)
		}
	}
	var dir string // the folder -new makes, if it makes one
	if *isNew {
		if _, err := os.Stat(*file); err == nil {
			fail(fmt.Errorf("-new: %s exists", *file))
		}
		if _, err := os.Stat(filepath.Dir(*file)); errors.Is(err, fs.ErrNotExist) {
			dir = filepath.Dir(*file)
		}
	}
	if !*cold {
		if _, _, err := get(); err != nil {
			fail(err)
		}
	}
	var times []time.Duration
	for i := range *n {
		marker := fmt.Sprintf("Edit%dat%d", i, time.Now().UnixNano())
		start := time.Now()
		var err error
		if *isNew {
			err = create(*file, dir, marker, *front)
		} else {
			err = appendTo(*file, marker)
		}
		if err != nil {
			fail(err)
		}
		waitFor("the edit did not show", start, func(status int, page string) bool {
			return status == http.StatusOK && strings.Contains(page, marker)
		})
		d := time.Since(start)
		times = append(times, d)
		fmt.Printf("edit %2d shown after %s\n", i+1, d.Round(100*time.Microsecond))
		time.Sleep(200 * time.Millisecond) // let the server settle
		if *isNew {
			gone := *file
			if dir != "" {
				gone = dir
			}
			if err := os.RemoveAll(gone); err != nil {
				fail(err)
			}
			waitFor("the removal did not show", time.Now(), func(status int, page string) bool {
				return !strings.Contains(page, marker)
			})
			time.Sleep(200 * time.Millisecond)
		}
	}
	slices.Sort(times)
	fmt.Printf("median %s, fastest %s, slowest %s over %d edits\n",
		times[len(times)/2].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), len(times))
}

// appendTo appends a paragraph holding marker to the file name.
func appendTo(name, marker string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\n%s.\n", marker)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// create writes the file name, a text whose title and body hold marker,
// with the front matter lines front, making the folder dir first if it
// is not "".
func create(name, dir, marker, front string) error {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"A new text, %s\"\n", marker)
	if front != "" {
		b.WriteString(strings.ReplaceAll(front, `\n`, "\n"))
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "---\n\n%s.\n", marker)
	return os.WriteFile(name, []byte(b.String()), 0o644)
}
