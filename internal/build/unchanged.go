package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zeebo/xxh3"

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
const stampFormat = "tract-build-stamp 6"

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
	// Spare is what the spare holds (see spare.go): the Output of the
	// build before, whose ValidUntil was SpareValidUntil.
	Spare           []stampFile `json:",omitempty"`
	SpareValidUntil time.Time   `json:",omitzero"`
}

type stampFile struct {
	Path    string
	Size    int64
	ModTime int64 // Unix nanoseconds
	// Sum is pageSum of a file the build wrote (a page, a feed, a copy),
	// for the next build to reuse it (see reusable); "" for a file it
	// linked from the PDF cache.
	Sum string `json:",omitempty"`
	// Key is the renderKeys key of a page: what it was made from.
	Key string `json:",omitempty"`
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

// What builds, checks and previews keep beside a stamp, by the end of
// its name (see besideStamp; pruneSpares removes them).
const (
	spareExt   = ".spare"   // a folder: the output before the last build (spare.go)
	textsExt   = ".texts"   // the parsed texts (textcache.go)
	frontsExt  = ".fronts"  // the decoded front matter (fronts.go)
	checkedExt = ".checked" // the pages the last check rendered (checkRecord)
)

// besideStamp returns where the file of builds into opts.OutDir that
// ends in ext (spareExt, textsExt...) is kept beside their stamp, or ""
// when there is no cache directory.
func besideStamp(opts Options, ext string) string {
	if p := stampPath(opts); p != "" {
		return strings.TrimSuffix(p, ".json") + ext
	}
	return ""
}

// inputSums are the sums of what a build reads (see inputsSum).
type inputSums struct {
	all string // SHA-256 in hex of everything: the stamp's Inputs
	// rest is a SHA-256 of all but the files under content/: of those it
	// holds the names of the items' files (a picture, a flyer), and not
	// the Markdown files' names. texts is the SHA-256 of each Markdown
	// file under content/, by slash path. renderKeys are made of these
	// two: what a page shows of an item's file is what the build probed
	// of it, which the prints of the items a text links to hold (see
	// renderKeys.key). all is made of these two and of the items' files'
	// bytes.
	rest  []byte
	texts map[string][sha256.Size]byte
	// data holds the bytes of those files, for the loader (see preread).
	data map[string][]byte
	// files are the sums of the other files, by slash path: the build
	// checks what it reads against them and against texts (see
	// siteFiles.seed), so that a file changed after it was summed here
	// keeps the build from leaving a stamp that does not say what it
	// published.
	files map[string][sha256.Size]byte
}

// inputsSum sums what a build of site with opts reads.
//
// The files are read and summed by several goroutines while the walk goes
// on (the walk reads content/'s item folders ahead, see
// content.ReadAhead), and the sums are put together in the walk's order.
// Read one after another, this was 0.27-0.30 s at 3,000 items on one
// core before anything else could start, in every build with the cache
// on, including the builds that find nothing to do.
func inputsSum(site fs.FS, opts Options) (inputSums, error) {
	exe, err := executableSum()
	if err != nil {
		return inputSums{}, err
	}
	rest := newKeyWriter()
	rest.str(stampFormat)
	rest.bytes(exe)
	rest.bool(opts.NoPDF)
	rest.bool(opts.Strict)
	// A fixed "now" (tests, SOURCE_DATE_EPOCH) is part of the output.
	if !opts.Now.IsZero() {
		rest.str("now " + opts.Now.UTC().Format(time.RFC3339Nano))
	}
	rest.str("SOURCE_DATE_EPOCH " + os.Getenv("SOURCE_DATE_EPOCH"))

	// found is what the walk found, in its order.
	var found []*inputFile
	read, readAll := content.ReadEach(func(f *inputFile) { f.read(site) })
	walkSite, walked := content.ReadAhead(site)
	var walkErr error
	for _, top := range stampInputs {
		found = append(found, &inputFile{kind: topInput, path: top})
		walkErr = fs.WalkDir(walkSite, top, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == top {
				return nil
			}
			if err != nil {
				return err
			}
			if d.IsDir() {
				found = append(found, &inputFile{kind: dirInput, path: p})
				return nil
			}
			f := &inputFile{kind: fileInput, path: p}
			if top == content.ContentDir && path.Ext(p) == ".md" {
				f.kind = textInput
			}
			found = append(found, f)
			read(f)
			return nil
		})
		if walkErr != nil {
			break
		}
	}
	walked()
	readAll()
	if walkErr != nil {
		return inputSums{}, walkErr
	}

	texts, texted, files := map[string][sha256.Size]byte{}, map[string][]byte{}, map[string][sha256.Size]byte{}
	itemFiles := newKeyWriter() // their sums, in the walk's order
	for _, f := range found {
		if f.err != nil {
			return inputSums{}, f.err
		}
		switch f.kind {
		case topInput:
			rest.str("top " + f.path)
		case dirInput:
			rest.str("dir " + f.path)
		case textInput:
			texts[f.path], texted[f.path] = f.sum, f.data
		case fileInput:
			rest.str("file " + f.path)
			if strings.HasPrefix(f.path, content.ContentDir+"/") {
				itemFiles.str(f.path)
				itemFiles.bytes(f.sum[:])
			} else {
				rest.bytes(f.sum[:])
			}
			files[f.path] = f.sum
		}
	}
	sums := inputSums{rest: rest.sum(nil), texts: texts, data: texted, files: files}
	all := newKeyWriter()
	all.bytes(sums.rest)
	for _, p := range slices.Sorted(maps.Keys(texts)) {
		sum := texts[p]
		all.str("text " + p)
		all.bytes(sum[:])
	}
	all.bytes(itemFiles.sum(nil))
	sums.all = hex.EncodeToString(all.sum(nil))
	return sums, nil
}

// inputFile is what inputsSum found: one of stampInputs, a folder, or a
// file, whose sum (or err) is set once it has been read. A text (a
// Markdown file of content/) keeps its bytes for the loader.
type inputFile struct {
	kind inputKind
	path string
	sum  [sha256.Size]byte
	data []byte
	err  error
}

type inputKind int

const (
	topInput inputKind = iota
	dirInput
	fileInput
	textInput
)

// read reads and sums the file f. Other files than texts are summed as
// they are read, not held whole: several are read at once, and a site's
// static/ may hold large ones.
func (f *inputFile) read(site fs.FS) {
	if f.kind == textInput {
		data, err := fs.ReadFile(site, f.path) // follows a link inside the site, as a build does
		f.sum, f.data, f.err = sha256.Sum256(data), data, err
		return
	}
	file, err := site.Open(f.path)
	if err != nil {
		f.err = err
		return
	}
	defer file.Close()
	h := sha256.New()
	if _, err := io.Copy(h, file); err != nil {
		f.err = err
		return
	}
	h.Sum(f.sum[:0])
}

// upToDate returns the result of the last build of opts when nothing it
// read has changed and its output is untouched; nil otherwise. It also
// returns the sum of the inputs, for this build's stamp, and what the
// last build wrote, for this one to reuse (nil without a stamp).
func upToDate(site fs.FS, opts Options, now time.Time, start time.Time) (*Result, *inputSums, *reusable) {
	file := stampPath(opts)
	if file == "" {
		return nil, nil, nil
	}
	sums, err := inputsSum(site, opts)
	if err != nil {
		return nil, nil, nil
	}
	sum := &sums
	st, ok := readStamp(file)
	if !ok {
		return nil, sum, nil
	}
	last := writtenBy(opts.OutDir, st, now)
	if st.Inputs != sum.all || !st.ValidUntil.IsZero() && !now.Before(st.ValidUntil) {
		return nil, sum, last
	}
	out, err := listOutput(opts.OutDir)
	if err != nil || !slices.EqualFunc(out, st.Output, sameFile) {
		return nil, sum, last
	}
	return &Result{
		Diagnostics: st.Diagnostics, Files: st.Files, Pages: st.Pages, PDFs: st.PDFs, PDFsCached: st.PDFsCached,
		OutDir: opts.OutDir, Elapsed: time.Since(start), UpToDate: true,
	}, sum, last
}

// readStamp reads the stamp in file; ok is false if there is none, or
// one of another format.
func readStamp(file string) (st stamp, ok bool) {
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &st) != nil || st.Format != stampFormat {
		return stamp{}, false
	}
	return st, true
}

// sameFile reports whether a and b are the same file at the same size and
// time (listOutput has no sums).
func sameFile(a, b stampFile) bool {
	return a.Path == b.Path && a.Size == b.Size && a.ModTime == b.ModTime
}

// writeStamp records a successful build whose inputs had the sum given,
// and the sums of the files it wrote and the keys of its pages, by
// path. A stamp that cannot be written only costs the next build its
// shortcuts.
//
// With spare set, the old output was kept as the spare: the last build's
// output, which last describes.
func writeStamp(opts Options, sum string, res *Result, validUntil time.Time, rendered, keys map[string]string, spare bool, last *reusable) {
	file := stampPath(opts)
	if file == "" || sum == "" {
		return
	}
	out, err := listOutput(opts.OutDir)
	if err != nil {
		return
	}
	for i := range out {
		out[i].Sum = rendered[out[i].Path]
		out[i].Key = keys[out[i].Path]
	}
	st := stamp{
		Format: stampFormat, Inputs: sum, ValidUntil: validUntil,
		Pages: res.Pages, PDFs: res.PDFs, PDFsCached: res.PDFsCached, Files: res.Files,
		Diagnostics: res.Diagnostics, Output: out,
	}
	if spare && last != nil {
		st.Spare, st.SpareValidUntil = last.output, last.validUntil
		if st.Spare == nil {
			st.Spare = []stampFile{} // an empty output, not an unknown one
		}
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
//
// Every build that keeps a stamp lists its output once, and a build that
// finds nothing to do lists it to check it: 11,500 files at 3,000 items.
// The folders two levels down (a language's sections) are listed on
// several goroutines, and their lists put in the places a walk of the
// whole tree would give them: the list is the one filepath.WalkDir makes.
func listOutput(dir string) ([]stampFile, error) {
	type part struct {
		file  stampFile
		dir   string      // a folder listed on its own, or ""
		files []stampFile // its files
		err   error
	}
	var parts []*part
	list, listed := content.ReadEach(func(pt *part) {
		pt.files, pt.err = walkOutput(dir, pt.dir)
	})
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel, _ := filepath.Rel(dir, p); strings.Count(filepath.ToSlash(rel), "/") == 1 {
				pt := &part{dir: p}
				parts = append(parts, pt)
				list(pt)
				return fs.SkipDir
			}
			return nil
		}
		f, err := outputFile(dir, p, d)
		parts = append(parts, &part{file: f})
		return err
	})
	listed()
	if err != nil {
		return nil, err
	}
	var out []stampFile
	for _, pt := range parts {
		if pt.dir == "" {
			out = append(out, pt.file)
			continue
		}
		if pt.err != nil {
			return nil, pt.err
		}
		out = append(out, pt.files...)
	}
	return out, nil
}

// walkOutput lists the files under sub, a folder of the output dir.
func walkOutput(dir, sub string) ([]stampFile, error) {
	var out []stampFile
	err := filepath.WalkDir(sub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := outputFile(dir, p, d)
		out = append(out, f)
		return err
	})
	return out, err
}

// outputFile is the stampFile of the file p of the output dir.
func outputFile(dir, p string, d fs.DirEntry) (stampFile, error) {
	info, err := d.Info()
	if err != nil {
		return stampFile{}, err
	}
	if !info.Mode().IsRegular() {
		return stampFile{}, fmt.Errorf("%s is not a regular file", p)
	}
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return stampFile{}, err
	}
	// A file whose permission is not the one files are written with
	// was changed by a chmod, which keeps its time: it is listed with
	// no time a written file has, so it matches no stamp's record.
	mod := info.ModTime().UnixNano()
	if chmodded(info) {
		mod = -1
	}
	return stampFile{Path: filepath.ToSlash(rel), Size: info.Size(), ModTime: mod}, nil
}

// A build that changed something still writes only what changed: a file
// it makes exactly as the last build into the same output did (same
// bytes, by pageSum) is hard-linked from the old output into the new one
// instead of written. On a disk where making a file costs a millisecond,
// that is most of what a build after one edit costs; a link needs no new
// inode and no blocks, and cost a third to three fifths of a written file
// in a measurement on such a disk. The page is reused only
// while the old file is still as the stamp recorded it (size and
// modification time); anything else is written afresh.

// reusable are the files the last build into an output wrote.
type reusable struct {
	dir   string               // that output directory
	files map[string]stampFile // by path
	// keys is set when the pages' keys still hold: no event has
	// started or ended since, which moves it between upcoming and past.
	keys bool
	// output and validUntil are the stamp's Output and ValidUntil, for
	// the stamp that keeps this output as the spare.
	output     []stampFile
	validUntil time.Time
	// spare is what the spare holds (nil: not known), and spareKeys is
	// keys for its pages (see keysHold).
	spare     []stampFile
	spareKeys bool
}

// writtenBy is what st says the last build wrote into dir, for a build at
// now.
func writtenBy(dir string, st stamp, now time.Time) *reusable {
	r := &reusable{
		dir: dir, files: make(map[string]stampFile, len(st.Output)),
		keys:   keysHold(st.ValidUntil, now),
		output: st.Output, validUntil: st.ValidUntil,
		spare: st.Spare, spareKeys: keysHold(st.SpareValidUntil, now),
	}
	for _, f := range st.Output {
		if f.Sum != "" {
			r.files[f.Path] = f
		}
	}
	return r
}

// pageSum identifies a rendered file's bytes: an XXH3 of 128 bits. It
// tells a page from the one the last build wrote, to keep that one; no
// one gains by making two pages alike to it. Every file written is
// summed: 122 MB for the bench corpus of 3,000 items. On 25 KB pages,
// SHA-256 ran at 1.8 GB/s with the SHA instructions and 450 MB/s
// without them, as on an old laptop; XXH3 at 60 GB/s.
func pageSum(data []byte) string {
	sum := xxh3.Hash128(data).Bytes()
	return hex.EncodeToString(sum[:])
}

// writtenSum identifies what a rendered file says: its bytes, but for a
// calendar's DTSTAMP lines. An event's DTSTAMP is the time of the build
// that wrote it; one that says the same as the last build's is that
// build's file, linked with its DTSTAMP and time. Written afresh, every
// calendar would change on every build, and a host updated by rsync or
// FTP, which go by size and time, would be sent each of them again.
func writtenSum(rel string, data []byte) string {
	if !strings.HasSuffix(rel, ".ics") || !bytes.Contains(data, dtstamp) {
		return pageSum(data)
	}
	h := xxh3.New128()
	for line := range bytes.Lines(data) {
		if bytes.HasPrefix(line, dtstamp) {
			line = dtstamp
		}
		h.Write(line)
	}
	sum := h.Sum128().Bytes()
	return hex.EncodeToString(sum[:])
}

var dtstamp = []byte("DTSTAMP:")

// link makes rel in out a link to the last build's file at rel, if that
// file holds data (whose pageSum is sum) and was not touched since; it
// reports whether it did.
func (r *reusable) link(out *output, rel string, data []byte, sum string) bool {
	if r == nil {
		return false
	}
	f, ok := r.files[rel]
	if !ok || f.Sum != sum || f.Size != int64(len(data)) {
		return false
	}
	old, ok := r.same(f)
	return ok && out.linkFrom(old, rel) == nil
}

// same returns where the last build's file f is, and whether it is
// untouched since: the size and time the stamp recorded.
func (r *reusable) same(f stampFile) (string, bool) {
	old := filepath.Join(r.dir, filepath.FromSlash(f.Path))
	info, err := os.Lstat(old)
	return old, err == nil && asWritten(info, f.Size, f.ModTime)
}

// keep makes rel in out a link to the last build's page at rel, if
// that page was made from the inputs key names and was not touched since;
// it reports whether it did. The page is not rendered then.
func (r *reusable) keep(out *output, rel, key string) bool {
	if !r.made(rel, key) {
		return false
	}
	f := r.files[rel]
	old, ok := r.same(f)
	if !ok || out.linkFrom(old, rel) != nil {
		return false
	}
	out.mu.Lock()
	out.sums[rel], out.keys[rel] = f.Sum, key
	out.mu.Unlock()
	return true
}

// made reports whether the last build wrote the page at rel from the
// inputs key names, and its keys still hold (see keysHold).
func (r *reusable) made(rel, key string) bool {
	if r == nil || !r.keys {
		return false
	}
	f, ok := r.files[rel]
	return ok && f.Key == key
}

// keepSpare reports whether the spare out starts from holds the page at
// rel made from the inputs key names (see keep); the page is not rendered
// then.
func (r *reusable) keepSpare(out *output, rel, key string) bool {
	if r == nil || !r.spareKeys || !out.fromSpare(rel, func(f stampFile) bool { return f.Key == key && f.Sum != "" }) {
		return false
	}
	out.mu.Lock()
	out.sums[rel], out.keys[rel] = out.spare[rel].rec.Sum, key
	out.mu.Unlock()
	return true
}
