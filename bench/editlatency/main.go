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
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"
)

func main() {
	file := flag.String("file", "", "the variant file to edit")
	url := flag.String("url", "", "the address of its page in tract serve")
	n := flag.Int("n", 20, "edits")
	cold := flag.Bool("cold", false, "do not ask for the page before the first edit")
	flag.Parse()
	if *file == "" || *url == "" {
		flag.Usage()
		os.Exit(2)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	get := func() (string, error) {
		resp, err := client.Get(*url)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if !*cold {
		if _, err := get(); err != nil {
			fmt.Fprintln(os.Stderr, "editlatency:", err)
			os.Exit(1)
		}
	}
	var times []time.Duration
	for i := range *n {
		marker := fmt.Sprintf("Edit%dat%d", i, time.Now().UnixNano())
		f, err := os.OpenFile(*file, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "editlatency:", err)
			os.Exit(1)
		}
		start := time.Now()
		_, err = fmt.Fprintf(f, "\n%s.\n", marker)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "editlatency:", err)
			os.Exit(1)
		}
		for {
			page, err := get()
			if err == nil && strings.Contains(page, marker) {
				break
			}
			if time.Since(start) > 30*time.Second {
				fmt.Fprintln(os.Stderr, "editlatency: the edit did not show within 30 s")
				os.Exit(1)
			}
			time.Sleep(time.Millisecond)
		}
		d := time.Since(start)
		times = append(times, d)
		fmt.Printf("edit %2d shown after %s\n", i+1, d.Round(100*time.Microsecond))
		time.Sleep(200 * time.Millisecond) // let the server settle
	}
	slices.Sort(times)
	fmt.Printf("median %s, fastest %s, slowest %s over %d edits\n",
		times[len(times)/2].Round(100*time.Microsecond), times[0].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), len(times))
}
