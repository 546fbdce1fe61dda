// Command floor writes a copy of a built site's tree — the same folders,
// the same file names, the same sizes — and does nothing else: no reading
// of sources, no rendering. Timed by bench/measure beside tract and Hugo,
// it is the cost of the file system alone for that many files, which no
// site generator writing them can go below. On a disk where making a
// folder and a file costs a millisecond, it is most of a build.
//
// Usage:
//
//	floor -from DIR -to DIR [-jobs N]
//
// The files are written by N workers (default: one per CPU, as tract and
// Hugo do), each making the folders it needs; -to must not exist.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

func main() {
	from := flag.String("from", "", "a built site to copy the shape of")
	to := flag.String("to", "", "where to write the copy (must not exist)")
	jobs := flag.Int("jobs", runtime.NumCPU(), "parallel writers")
	flag.Parse()
	if *from == "" || *to == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*from, *to, *jobs); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

type file struct {
	rel  string
	size int64
}

func run(from, to string, jobs int) error {
	var files []file
	var largest int64
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		files = append(files, file{rel, info.Size()})
		largest = max(largest, info.Size())
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.Mkdir(to, 0o755); err != nil {
		return err
	}
	data := make([]byte, largest)
	for i := range data {
		data[i] = byte('a' + i%26)
	}
	var (
		mu   sync.Mutex
		made = map[string]bool{".": true}
		wg   sync.WaitGroup
		errs = make(chan error, jobs)
	)
	for w := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += jobs {
				f := files[i]
				dir := filepath.Dir(f.rel)
				mu.Lock()
				ok := made[dir]
				mu.Unlock()
				if !ok {
					if err := os.MkdirAll(filepath.Join(to, dir), 0o755); err != nil {
						errs <- err
						return
					}
					mu.Lock()
					made[dir] = true
					mu.Unlock()
				}
				if err := os.WriteFile(filepath.Join(to, f.rel), data[:f.size], 0o644); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
