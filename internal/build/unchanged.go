package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
)

// A build that finds nothing changed since the last one does nothing.
//
// Each successful build records a stamp in the cache directory
// (CacheDir()/builds/<SHA-256 of the output directory's absolute path>):
// a SHA-256 of everything the build read — the tract executable, the
// options that change the output, and every file of tract.toml,
// content/, templates/, locales/, assets/ and static/, bytes and names —
// the list of files it wrote with their sizes and modification times,
// its counts and its warnings. The next build of the same site into the
// same output computes the sum again; when it matches, the output is
// still exactly the list recorded (nothing removed, added or rewritten
// since) and no event has started or ended since (which moves it
// between "upcoming" and "past"), the build reports the recorded
// warnings and counts and stops: dist/ is already what it would write.
//
// What the output shows of "now" apart from events — the time a feed or
// a calendar says it was made, the date of an undated PDF — keeps the
// value of the build that wrote it, which is the time the site last
// changed.
const stampFormat = "tract-build-stamp 1"

// stampInputs are the parts of a site a build reads.
var stampInputs = []string{content.ConfigFile, content.ContentDir, "templates", "locales", "assets", "static"}

type stamp struct {
	Format      string
	Inputs      string
	ValidUntil  time.Time `json:",omitzero"` // when the first event starts or ends
	Pages       int
	PDFs        int
	PDFsCached  int
	Files       int
	Diagnostics []diag.Diagnostic
	Output      []stampFile
}

type stampFile struct {
	Path    string
	Size    int64
	ModTime int64 // Unix nanoseconds
}

// stampPath returns where the stamp of builds into opts.OutDir is kept,
// or "" when there is no cache directory.
func stampPath(opts Options) string {
	dir := opts.cacheDir()
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(opts.OutDir)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "builds", hex.EncodeToString(sum[:16])+".json")
}

// inputsSum is the SHA-256 of what a build of site with opts reads.
func inputsSum(site fs.FS, opts Options) (string, error) {
	exe, err := executableSum()
	if err != nil {
		return "", err
	}
	k := newKeyWriter()
	k.str(stampFormat)
	k.bytes(exe)
	k.bool(opts.NoPDF)
	k.bool(opts.Strict)
	// A fixed "now" (tests, SOURCE_DATE_EPOCH) is part of the output.
	if !opts.Now.IsZero() {
		k.str("now " + opts.Now.UTC().Format(time.RFC3339Nano))
	}
	k.str("SOURCE_DATE_EPOCH " + os.Getenv("SOURCE_DATE_EPOCH"))
	for _, top := range stampInputs {
		k.str("top " + top)
		err := fs.WalkDir(site, top, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == top {
				return nil
			}
			if err != nil {
				return err
			}
			if d.IsDir() {
				k.str("dir " + p)
				return nil
			}
			data, err := fs.ReadFile(site, p) // follows a link inside the site, as a build does
			if err != nil {
				return err
			}
			k.str("file " + p)
			k.bytes(data)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(k.h.Sum(nil)), nil
}

// upToDate returns the result of the last build of opts when nothing it
// read has changed and its output is untouched; nil otherwise.
func upToDate(site fs.FS, opts Options, now time.Time, start time.Time) (*Result, string) {
	file := stampPath(opts)
	if file == "" {
		return nil, ""
	}
	sum, err := inputsSum(site, opts)
	if err != nil {
		return nil, ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, sum
	}
	var st stamp
	if json.Unmarshal(data, &st) != nil || st.Format != stampFormat || st.Inputs != sum {
		return nil, sum
	}
	if !st.ValidUntil.IsZero() && !now.Before(st.ValidUntil) {
		return nil, sum
	}
	out, err := listOutput(opts.OutDir)
	if err != nil || !slices.Equal(out, st.Output) {
		return nil, sum
	}
	return &Result{
		Diagnostics: st.Diagnostics, Files: st.Files, Pages: st.Pages, PDFs: st.PDFs, PDFsCached: st.PDFsCached,
		OutDir: opts.OutDir, Elapsed: time.Since(start), UpToDate: true,
	}, sum
}

// writeStamp records a successful build whose inputs had the sum given.
// A stamp that cannot be written only costs the next build its shortcut.
func writeStamp(opts Options, sum string, res *Result, validUntil time.Time) {
	file := stampPath(opts)
	if file == "" || sum == "" {
		return
	}
	out, err := listOutput(opts.OutDir)
	if err != nil {
		return
	}
	st := stamp{
		Format: stampFormat, Inputs: sum, ValidUntil: validUntil,
		Pages: res.Pages, PDFs: res.PDFs, PDFsCached: res.PDFsCached, Files: res.Files,
		Diagnostics: res.Diagnostics, Output: out,
	}
	data, err := json.Marshal(st)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return
	}
	tmp := file + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
	}
}

// forgetStamp removes the stamp of builds into opts.OutDir: the output is
// about to change under it.
func forgetStamp(opts Options) {
	if file := stampPath(opts); file != "" {
		os.Remove(file)
	}
}

// listOutput lists every file under dir, sorted, with its size and time.
func listOutput(dir string) ([]stampFile, error) {
	var out []stampFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, stampFile{filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano()})
		return nil
	})
	return out, err
}
