package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/pdf"
	"github.com/tractpub/tract/internal/pdf/fonts"
	"github.com/tractpub/tract/internal/pdf/hyphen"
)

// The PDF cache keeps the editions of each variant on disk, under a key
// that is a SHA-256 of everything they are made from (see pdfCache.key),
// so that a build remakes only the PDFs whose inputs changed. Entries
// live in CacheDir()/pdf/<2 hex>/<key>; one is used at most by builds of
// the same tract executable, whatever the site or output directory.
//
// Pruning: a hit touches its entry (at most once a day); after a
// successful build or a whole check, at most once a day, entries
// untouched for cacheMaxAge are removed.
const (
	// cacheFormat names the layout of an entry and of the key: change it
	// whenever either changes.
	cacheFormat = "tract-pdf-cache 3"
	cacheMaxAge = 30 * 24 * time.Hour
	pruneEvery  = 24 * time.Hour
)

// CacheDir returns the directory tract keeps its cache in: $TRACT_CACHE_DIR,
// or tract/ in the user's cache directory (~/.cache/tract on Linux). It
// returns "" when TRACT_CACHE=off.
func CacheDir() (string, error) {
	if os.Getenv("TRACT_CACHE") == "off" {
		return "", nil
	}
	if d := os.Getenv("TRACT_CACHE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "tract"), nil
}

// caching returns the cache directory of a build with opts and the sum
// of the tract executable, which every cached thing is keyed on; false
// when the build caches nothing (--no-cache, no cache directory, no
// executable to hash): a build never fails for want of a cache.
func (opts Options) caching() (dir string, exe []byte, ok bool) {
	if opts.NoCache {
		return "", nil, false
	}
	if dir = opts.cacheDir(); dir == "" {
		return "", nil, false
	}
	exe, err := executableSum()
	return dir, exe, err == nil
}

// cacheDir is where the build keeps its cache: opts.CacheDir, or
// CacheDir(); "" when there is none.
func (opts Options) cacheDir() string {
	if opts.CacheDir != "" {
		return opts.CacheDir
	}
	dir, err := CacheDir()
	if err != nil {
		return ""
	}
	return dir
}

// executableSum is the SHA-256 of the running tract, read once per
// process: it stands for tract's version, its code and everything
// embedded in it (templates, locales, fonts, hyphenation patterns). On
// Linux /proc/self/exe is the file being run even if it was replaced.
var executableSum = sync.OnceValues(func() ([]byte, error) {
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		if f, err = os.Open(exe); err != nil {
			return nil, err
		}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
})

// siteFiles is the site directory as a build reads it, with a SHA-256 of
// every file read whole through ReadFile. The first read of a file fixes
// its sum; a later read that differs means the file was changed during
// the build, and then nothing is stored in the cache: its keys might not
// describe what the PDFs were made from.
type siteFiles struct {
	fs.FS
	mu      sync.Mutex
	sums    map[string]fileSum
	sealed  []string // dirs whose files the key lists: a file new in one is a change
	changed atomic.Bool
}

// fileSum is the SHA-256 of a file, or absent when the site has no such
// file (tract's default is used).
type fileSum struct {
	sum    [sha256.Size]byte
	absent bool
}

func newSiteFiles(fsys fs.FS) *siteFiles {
	return &siteFiles{FS: fsys, sums: map[string]fileSum{}}
}

// seed records the sums inputsSum took of the site's files, as their
// first reads: a read that differs sets changed, as one that differs from
// the build's own first read does.
func (s *siteFiles) seed(sums ...map[string][sha256.Size]byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range sums {
		for name, sum := range m {
			s.sums[name] = fileSum{sum: sum}
		}
	}
}

// ReadFile reads a file and checks it against its first read.
func (s *siteFiles) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(s.FS, name)
	s.note(name, data, err)
	return data, err
}

func (s *siteFiles) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }
func (s *siteFiles) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(s.FS, name) }
func (s *siteFiles) ReadLink(name string) (string, error)       { return fs.ReadLink(s.FS, name) }
func (s *siteFiles) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(s.FS, name) }

// note records the sum of a read, or compares it with the one recorded.
func (s *siteFiles) note(name string, data []byte, err error) fileSum {
	var fsum fileSum
	switch {
	case err == nil:
		fsum.sum = sha256.Sum256(data)
	case errors.Is(err, fs.ErrNotExist):
		fsum.absent = true
	default:
		// Unreadable now: say nothing about it, and store nothing.
		s.changed.Store(true)
		return fileSum{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.sums[name]; ok {
		if prev != fsum {
			s.changed.Store(true)
		}
		return prev
	}
	for _, dir := range s.sealed {
		if !fsum.absent && strings.HasPrefix(name, dir+"/") {
			s.changed.Store(true)
		}
	}
	s.sums[name] = fsum
	return fsum
}

// sum returns the sum of a file, reading it if it has not been read.
func (s *siteFiles) sum(name string) fileSum {
	s.mu.Lock()
	fsum, ok := s.sums[name]
	s.mu.Unlock()
	if ok {
		return fsum
	}
	data, err := fs.ReadFile(s.FS, name)
	return s.note(name, data, err)
}

// preload reads tract.toml and the site's locales/ before the loader
// does, and returns their names: recheck reads them again after loading.
func (s *siteFiles) preload() []string {
	names := append([]string{content.ConfigFile}, s.files(locale.Dir)...)
	for _, name := range names {
		s.sum(name)
	}
	return names
}

// recheck reads the named files again, after loading: a file whose sum
// differs from the one preload recorded (or that is new) was changed while
// the loader read it.
func (s *siteFiles) recheck(names []string) {
	for _, name := range names {
		s.mu.Lock()
		if _, ok := s.sums[name]; !ok {
			s.sums[name] = fileSum{absent: true}
		}
		s.mu.Unlock()
		data, err := fs.ReadFile(s.FS, name)
		s.note(name, data, err)
	}
}

// files lists the site's own files under dir (such as locales/ or
// assets/fonts/), sorted; none if it has no such dir.
func (s *siteFiles) files(dir string) []string {
	var out []string
	_ = fs.WalkDir(s.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// seal lists the site's own files under dir, reading each, and from then
// on takes a file there that was not listed for a change.
func (s *siteFiles) seal(dir string) []string {
	names := s.files(dir)
	for _, name := range names {
		s.sum(name)
	}
	s.mu.Lock()
	s.sealed = append(s.sealed, dir)
	s.mu.Unlock()
	return names
}

// pdfCache finds and stores the PDF editions of variants.
type pdfCache struct {
	dir    string // CacheDir()/pdf
	siteID string // names the site in the sites file (see sharesOf)
	site   *Site
	files  *siteFiles
	global []byte // the part of every key the whole build shares
	now    time.Time
	hits   atomic.Int64 // PDF files taken from the cache

	mu      sync.Mutex
	locales map[string][]byte // per language: see langSums
	// used are the entries this build read or wrote, by file, with the
	// bytes of their PDFs; made is the bytes of the PDFs it wrote (see
	// prune).
	used map[string]int64
	made int64
}

// openPDFCache returns the cache of a build, or nil when caching is off
// or cannot work (no cache directory, no executable to hash): a build
// never fails for want of a cache. loaded are the files the loader read
// before parsing began; they are read again now, so that a change during
// loading is noticed.
func openPDFCache(opts Options, site *Site, files *siteFiles, loaded []string) *pdfCache {
	dir, exe, ok := opts.caching()
	if !ok || files == nil {
		return nil
	}
	cfg := site.Content.Config
	for _, l := range cfg.Languages {
		loaded = append(loaded, locale.File(l))
	}
	files.recheck(loaded)

	k := newKeyWriter()
	k.str(cacheFormat)
	k.bytes(exe)
	// tract.toml is in each key as what a language's PDFs take from it
	// (see langSums), not as its bytes.
	// Fonts and hyphenation patterns a site has in place of tract's.
	for _, dir := range []string{fonts.Dir, hyphen.Dir} {
		for _, p := range files.seal(dir) {
			k.file(files, p)
		}
		k.str("end " + dir)
	}
	id := sha256.Sum256([]byte(siteIdentity(site.Content.Config, opts.SiteDir)))
	return &pdfCache{
		dir: filepath.Join(dir, "pdf"), siteID: hex.EncodeToString(id[:16]), site: site, files: files,
		global: k.sum(nil), now: site.now, locales: map[string][]byte{}, used: map[string]int64{},
	}
}

// Hits returns how many PDF files were taken from the cache.
func (c *pdfCache) Hits() int {
	if c == nil {
		return 0
	}
	return int(c.hits.Load())
}

// editions returns the editions of v and their problems from the cache,
// or has maker make them (see Site.makeEditions) and stores them. A PDF
// from the cache comes without its bytes, with the file to link or read
// it from (cachedPDF). c may be nil: no cache.
func (c *pdfCache) editions(site *Site, maker *pdf.Maker, v *content.Variant) ([]cachedPDF, []pdf.Problem, error) {
	if c != nil {
		file := c.entryFile(c.key(maker, v))
		if pdfs, problems, ok := c.read(file); ok {
			return pdfs, problems, nil
		}
		files, problems, err := site.makeEditions(maker, v)
		if err == nil && !c.files.changed.Load() {
			if writeEntry(file, files, problems) == nil { // a cache that cannot be written is no cache
				c.note(file, made(files), true)
			}
		}
		return made(files), problems, err
	}
	files, problems, err := site.makeEditions(maker, v)
	return made(files), problems, err
}

// read reads the cache's entry file, counting its PDFs as hits.
func (c *pdfCache) read(file string) ([]cachedPDF, []pdf.Problem, bool) {
	pdfs, problems, ok := readEntry(file, c.now)
	if ok {
		c.hits.Add(int64(len(pdfs)))
		c.note(file, pdfs, false)
	}
	return pdfs, problems, ok
}

// note records that this build used the entry file, holding pdfs, and
// whether it wrote it.
func (c *pdfCache) note(file string, pdfs []cachedPDF, wrote bool) {
	var n int64
	for _, p := range pdfs {
		n += int64(p.Size)
	}
	c.mu.Lock()
	c.used[file] = n
	if wrote {
		c.made += n
	}
	c.mu.Unlock()
}

// makeEditions has maker make the editions of v. The texts they print
// that are compacted (a text taken from the last build, see textCache;
// by the time the bulletins are made, every text a bulletin prints) are
// parsed again first: a PDF is laid out from the AST, while the cache
// key needs only what a compacted text keeps (see pdfCache.variant). So
// a text or a bulletin whose PDFs are in the cache costs no parsing.
func (s *Site) makeEditions(maker *pdf.Maker, v *content.Variant) ([]pdf.File, []pdf.Problem, error) {
	return s.editionsMaker(maker, v).Make(v)
}

// editionsMaker returns maker, or a maker like it with the texts the
// editions of v print parsed again if they were compacted (in a preview,
// those parsed again for its last PDFs are kept: see reparsed).
func (s *Site) editionsMaker(maker *pdf.Maker, v *content.Variant) *pdf.Maker {
	uses := maker.Uses(v)
	docs := make(map[*content.Variant]*markdown.Doc, len(uses))
	again := false
	for _, u := range uses {
		d := maker.Doc(u)
		if d != nil && d.Compacted() && s.parser != nil {
			full := s.reparsed.get(d)
			if full == nil {
				var reported diag.List // when it was first parsed
				full = s.parser.Parse(u, &reported)
				s.reparsed.put(d, full)
			}
			d, again = full, true
		}
		if d != nil {
			docs[u] = d
		}
	}
	if again {
		maker = maker.With(s.Content, markdown.DocsOf(docs))
	}
	return maker
}

// made describes PDFs just made, with their bytes.
func made(files []pdf.File) []cachedPDF {
	out := make([]cachedPDF, len(files))
	for i, f := range files {
		out[i] = cachedPDF{File: f, Size: len(f.Data)}
	}
	return out
}

// key is the SHA-256, in hex, of everything the editions of v are made
// from: pdf.Maker reads nothing else.
//
//   - the global part (openPDFCache): the cache format; tract's
//     executable (its code and its embedded fonts, patterns, locales);
//     fonts and hyphenation patterns the site overrides;
//   - for v's language (langSums): what the messages PDFs show say in
//     it (dates, "Number", "Signatories", "Contents"), and what its PDFs
//     take from tract.toml (base URL for the QR code and links, the
//     site's title, the paper);
//   - every variant the documents lay out (pdf.Maker.Uses: v and, for a
//     bulletin, each article it prints; see variant);
//   - the names of v's tags in its language (pdf.Maker.Keywords), which
//     its metadata lists;
//
// Not "now": the PDF of an item without a date is dated with the time it
// was made (in its metadata only: the footer prints no date for it), so
// one taken from the cache keeps the date it was first made, and its
// file stays the same from build to build.
func (c *pdfCache) key(maker *pdf.Maker, v *content.Variant) string {
	k := newKeyWriter()
	k.bytes(c.global)
	k.bytes(c.langSums(v.Lang))
	k.json(maker.Keywords(v))
	for _, u := range maker.Uses(v) {
		c.variant(k, u, maker.Doc(u))
	}
	return hex.EncodeToString(k.sum(nil))
}

// variant writes what a document takes from one variant: its file (path,
// language, front matter as decoded, body, first body line: the lines
// warnings point at), its digest (the revision mark by the QR code) and
// state, its item (section, slug and so its page's address, original,
// language-neutral fields), and what its parsed text links to: each link
// and image rewritten to a page or file of the site (which captures how
// links between items resolve and fall back), and the bytes of every
// image it prints.
func (c *pdfCache) variant(k *keyWriter, v *content.Variant, doc *markdown.Doc) {
	it := v.Item
	k.str(v.Path)
	k.str(v.Lang)
	k.json(v.Front)
	k.bytes(v.Body)
	k.int(int64(v.BodyLine))
	k.str(v.Digest)
	k.bool(v.Outdated)
	k.bool(v.PartlyCopied()) // says so on the copy
	k.lines(v.CopiedLines)   // set in the language they were written in
	k.str(it.Section)
	k.str(it.Slug)
	k.str(it.Original)
	k.json(it.Meta)
	if doc == nil {
		k.str("no text")
		return
	}
	for _, l := range doc.Links() {
		if l.Image {
			k.str("image " + l.Target)
			if name, ok := content.FileAt(l.Target); ok { // as the PDF maker reads it
				k.file(c.files, name)
			}
		} else {
			k.str("link " + l.Target)
		}
	}
	k.str("end " + v.Path)
}

// langSums is what every PDF of a language takes from the site's
// settings: what the messages a PDF can show (pdf.Messages) say in that
// language, and from tract.toml, as decoded, what a PDF can show or
// depends on: the address (QR codes, printed links), the languages,
// fallback, paper and size limit, and the site's title in that language.
// So a comment in tract.toml or in a locale file, another language's title
// or a message only pages show remakes no PDF, and a [tags] name only the
// PDFs of the texts with that tag (see key).
func (c *pdfCache) langSums(lang string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.locales[lang]; ok {
		return s
	}
	cfg := c.site.Content.Config
	k := newKeyWriter()
	k.bytes(c.site.Catalog.Sum(lang, pdf.Messages))
	k.json(struct {
		BaseURL, DefaultLanguage, Paper, Fallback, Title, Timezone string
		Languages                                                  []string
		MaxFileSizeMB                                              int
	}{cfg.BaseURL, cfg.DefaultLanguage, cfg.Paper, cfg.Fallback, cfg.SiteTitle(lang), strings.TrimSpace(cfg.Timezone), cfg.Languages, cfg.MaxFileSizeMB})
	s := k.sum(nil)
	c.locales[lang] = s
	return s
}

// keyWriter writes values to a SHA-256 unambiguously: each is prefixed
// by its length. Small values are gathered in a buffer and hashed a
// buffer at a time: a page's render key is made of a hundred or so of
// them, each a call through hash.Hash when written one by one.
type keyWriter struct {
	h   hash.Hash
	buf []byte
}

// keyBuffer is how many bytes keyWriter gathers before it hashes them.
const keyBuffer = 1 << 10

func newKeyWriter() *keyWriter {
	return &keyWriter{h: sha256.New(), buf: make([]byte, 0, keyBuffer)}
}

func (k *keyWriter) bytes(b []byte) { writeValue(k, b) }

func (k *keyWriter) str(s string) { writeValue(k, s) }

// writeValue writes v after its length.
func writeValue[V string | []byte](k *keyWriter, v V) {
	k.int(int64(len(v)))
	if len(v) > keyBuffer {
		k.flush()
		k.h.Write([]byte(v)) // a copy only of a string this long, which is rare
		return
	}
	k.buf = append(k.buf, v...)
	k.flushFull()
}

func (k *keyWriter) int(n int64) {
	k.buf = binary.LittleEndian.AppendUint64(k.buf, uint64(n))
	k.flushFull()
}

// flushFull hashes what the buffer holds once it holds keyBuffer bytes.
func (k *keyWriter) flushFull() {
	if len(k.buf) >= keyBuffer {
		k.flush()
	}
}

func (k *keyWriter) flush() {
	k.h.Write(k.buf)
	k.buf = k.buf[:0]
}

// sum appends the SHA-256 of everything written to b.
func (k *keyWriter) sum(b []byte) []byte {
	k.flush()
	return k.h.Sum(b)
}

// lines writes the lines of a text's paragraphs and their languages
// (content.Lines).
func (k *keyWriter) lines(ls []content.Lines) {
	k.int(int64(len(ls)))
	for _, l := range ls {
		k.int(int64(l.First))
		k.int(int64(l.Last))
		k.str(l.Lang)
	}
}

func (k *keyWriter) bool(b bool) {
	if b {
		k.int(1)
	} else {
		k.int(0)
	}
}

// json writes a value's JSON: every exported field, maps sorted by key,
// times with their offset.
func (k *keyWriter) json(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Not expected of content's plain types; a key that can never be
		// found again is safe.
		b = fmt.Appendf(nil, "unencodable %p %v", v, err)
	}
	k.bytes(b)
}

// file writes a site file's name and sum, or that the site has none.
func (k *keyWriter) file(files *siteFiles, name string) {
	k.str(name)
	if s := files.sum(name); s.absent {
		k.str("tract's own")
	} else {
		k.bytes(s.sum[:])
	}
}

// entryHeader is the first line of an entry, after the format line; the
// editions' bytes follow, one after the other.
type entryHeader struct {
	Files    []entryFile
	Problems []pdf.Problem
}

type entryFile struct {
	Name    string
	Edition pdf.Edition
	Paper   string
	Sheet   string
	Pages   int
	Size    int
	Sum     string // SHA-256 of the file, in hex
	// ModTime is the file's modification time once written, in Unix
	// nanoseconds: a file with its size and time is the file written,
	// so a hit need not read it (nothing touches it; see prune).
	ModTime int64
}

// An entry is a header file, named by the key — the format, the header
// as JSON and its SHA-256 — and one file per PDF beside it (<key>-0.pdf,
// <key>-1.pdf...), so that a build can hard-link a PDF into its output
// instead of writing it again. The PDF files are
// written first and the header last, each atomically: a reader who finds
// the header finds the PDFs.

// dataFile is where the i-th PDF of the entry file is kept.
func dataFile(file string, i int) string { return file + "-" + strconv.Itoa(i) + ".pdf" }

// cachedPDF is a PDF edition found in the cache: its description, its
// size, and the file to link or read it from.
type cachedPDF struct {
	pdf.File // Data is nil: see data
	Src      string
	Size     int
	Sum      string
}

// data reads the PDF, checking it against its sum.
func (c cachedPDF) data() ([]byte, error) {
	data, err := os.ReadFile(c.Src)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != c.Sum {
		return nil, fmt.Errorf("%s: changed since it was cached", c.Src)
	}
	return data, nil
}

// readEntry reads an entry's header and checks that each of its PDFs is
// still the file written: same size, same modification time. A PDF
// changed in place — through a hard link in some output — has a new
// time, and then the entry is a miss; so is anything else amiss (no such
// file, a corrupt header, another format). The PDFs themselves are not
// read. A hit touches the header, at most once a day, so that pruning
// keeps the entry.
func readEntry(file string, now time.Time) ([]cachedPDF, []pdf.Problem, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, false
	}
	rest, ok := bytes.CutPrefix(data, []byte(cacheFormat+"\n"))
	if !ok {
		return nil, nil, false
	}
	header, sum, ok := bytes.Cut(rest, []byte("\n"))
	if got := sha256.Sum256(header); !ok || hex.EncodeToString(got[:]) != string(sum) {
		return nil, nil, false
	}
	var h entryHeader
	if err := json.Unmarshal(header, &h); err != nil || len(h.Files) == 0 {
		return nil, nil, false
	}
	pdfs := make([]cachedPDF, len(h.Files))
	for i, ef := range h.Files {
		src := dataFile(file, i)
		st, err := os.Stat(src)
		if err != nil || !asWritten(st, int64(ef.Size), ef.ModTime) {
			return nil, nil, false
		}
		pdfs[i] = cachedPDF{File: pdf.File{Name: ef.Name, Edition: ef.Edition, Paper: ef.Paper, Sheet: ef.Sheet, Pages: ef.Pages}, Src: src, Size: ef.Size, Sum: ef.Sum}
	}
	touchDaily(file)
	return pdfs, h.Problems, true
}

// asWritten reports whether info is still the regular file a cache wrote
// with that size and modification time (Unix nanoseconds): a file
// changed in place, even through a hard link in some output, has a new
// time. A chmod keeps the time, so the permission must still be the one
// every file is written with: a file made private in one output would
// otherwise stay private, and through its links so would every later
// output's.
func asWritten(info fs.FileInfo, size, modTime int64) bool {
	return info.Mode().IsRegular() && info.Size() == size && info.ModTime().UnixNano() == modTime && !chmodded(info)
}

// chmodded reports whether info's permission is not the one every file is
// written with (where that is known, see writtenPerm).
func chmodded(info fs.FileInfo) bool {
	return writtenPerm != 0 && info.Mode().Perm() != writtenPerm
}

// touchDaily marks a cache entry's file as used, at most once a day, so
// that pruning by age keeps it.
func touchDaily(file string) {
	if st, err := os.Stat(file); err == nil {
		if wall := time.Now(); wall.Sub(st.ModTime()) > pruneEvery {
			_ = os.Chtimes(file, wall, wall)
		}
	}
}

// pruneMark is the file whose time says when a cache folder was pruned.
const pruneMark = "pruned"

// pruneDue reports whether the cache folder dir, if it exists, is due
// for its daily pruning, and then marks it pruned at wall.
func pruneDue(dir string, wall time.Time) bool {
	mark := filepath.Join(dir, pruneMark)
	if st, err := os.Stat(mark); err == nil && wall.Sub(st.ModTime()) < pruneEvery {
		return false
	}
	if os.WriteFile(mark, nil, 0o644) != nil {
		return false // no such folder: nothing to prune
	}
	_ = os.Chtimes(mark, wall, wall)
	return true
}

// writeEntry stores an entry: its PDFs, then its header, each atomically.
// The PDFs are readable by all, like the output they are linked into.
func writeEntry(file string, files []pdf.File, problems []pdf.Problem) error {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	h := entryHeader{Problems: problems}
	for i, f := range files {
		sum := sha256.Sum256(f.Data)
		name := dataFile(file, i)
		if err := writeAtomic(name, f.Data); err != nil {
			return err
		}
		st, err := os.Stat(name)
		if err != nil {
			return err
		}
		h.Files = append(h.Files, entryFile{Name: f.Name, Edition: f.Edition, Paper: f.Paper, Sheet: f.Sheet, Pages: f.Pages,
			Size: len(f.Data), Sum: hex.EncodeToString(sum[:]), ModTime: st.ModTime().UnixNano()})
	}
	header, err := json.Marshal(h)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(header)
	return writeAtomic(file, fmt.Appendf(nil, "%s\n%s\n%x", cacheFormat, header, sum))
}

// writeAtomic writes a file through a temporary one, so that a reader
// sees it whole or not at all.
func writeAtomic(file string, data []byte) error {
	return writeAtomicWith(file, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// writeAtomicWith is writeAtomic of what write writes to the file.
func writeAtomicWith(file string, write func(f *os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// prune removes, at most once a day, the entries no build has used for
// cacheMaxAge, and temporary files a killed build left. It also keeps
// the cache within a budget (see trim) once the builds since the last
// trim have written as many bytes of PDFs as one build uses: a change of
// tract.toml or of a locale remakes a language's PDFs, and the entries
// of the last ones stay.
func (c *pdfCache) prune() {
	if c == nil {
		return
	}
	c.mu.Lock()
	var mine int64
	for _, n := range c.used {
		mine += n
	}
	made := c.made
	c.mu.Unlock()
	all := c.sharesOf(mine, time.Now())
	if made > 0 {
		grown := filepath.Join(c.dir, grownFile)
		data, _ := os.ReadFile(grown)
		n, _ := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
		if n += made; n >= mine {
			c.trim(all)
			n = 0
		}
		_ = os.WriteFile(grown, strconv.AppendInt(nil, n, 10), 0o644)
	}
	wall := time.Now()
	if !pruneDue(c.dir, wall) {
		return
	}
	stamp := filepath.Join(c.dir, pruneMark)
	// A header's time is when a build last used its entry; the PDFs keep
	// the time they were written (readEntry checks it), so they go with
	// their header, or alone once it is gone.
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == stamp {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		age := wall.Sub(info.ModTime())
		name := d.Name()
		switch {
		case strings.HasPrefix(name, ".tmp-"):
			if age > pruneEvery {
				os.Remove(p)
			}
		case strings.HasSuffix(name, ".pdf"):
			key, _, _ := strings.Cut(name, "-")
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), key)); errors.Is(err, fs.ErrNotExist) && age > pruneEvery {
				os.Remove(p)
			}
		case age > cacheMaxAge:
			removeEntry(p)
		}
		return nil
	})
}

// pdfCacheShare is how many times the PDFs one build uses the cache may
// hold: room for the PDFs of a few other states of the site (a branch, a
// paper size tried and dropped), not for every title ever given.
const pdfCacheShare = 3

// pdfCacheFloor is the least the cache is trimmed to, whatever the site.
var pdfCacheFloor int64 = 256 << 20

// grownFile, in the cache folder, holds the bytes of PDFs written since
// the last trim.
const grownFile = "grown"

// sitesFile, in the cache folder, holds what the last build of each site
// used of the cache (see sharesOf).
const sitesFile = "sites"

// siteIdentity names a site in the sites file: its address once it has
// one, which stays the same across checkouts (a CI job building a fresh
// clone each time would otherwise add a site a build for 30 days), and
// until then its folder, links resolved (a site built through a link is
// the same site).
func siteIdentity(cfg *content.Config, dir string) string {
	if cfg.Published() {
		return "url " + cfg.BaseURL
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "dir " + dir
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return "dir " + abs
}

// siteShare is what the last build or check of a site used of the PDF
// cache.
type siteShare struct {
	Bytes int64     `json:"bytes"`
	Built time.Time `json:"built"`
}

// sharesOf records that this site's build used mine bytes of PDFs, and
// returns what the last builds of every site built within cacheMaxAge
// used, this one's included: the cache is shared by every site built on
// the machine, and trimming it to what one site uses (a small campaign
// site's) would empty it of another's (the archive's), which its next
// build would make again. Two builds writing the file at once lose one
// record, which the site's next build writes again.
func (c *pdfCache) sharesOf(mine int64, now time.Time) int64 {
	file := filepath.Join(c.dir, sitesFile)
	shares := map[string]siteShare{}
	if data, err := os.ReadFile(file); err == nil {
		_ = json.Unmarshal(data, &shares) // a damaged file is as none
	}
	shares[c.siteID] = siteShare{Bytes: mine, Built: now.UTC()}
	var all int64
	for id, s := range shares {
		if now.Sub(s.Built) > cacheMaxAge || s.Bytes < 0 {
			delete(shares, id)
			continue
		}
		all += s.Bytes
	}
	if data, err := json.Marshal(shares); err == nil {
		// A file of its own for each writer: two builds of one site at
		// once wrote the same temporary file and could rename a torn one.
		if tmp, err := os.CreateTemp(c.dir, ".tmp-"+sitesFile+"-*"); err == nil {
			_, werr := tmp.Write(data)
			if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
				os.Remove(tmp.Name())
			}
		}
	}
	return all
}

// trim removes the entries this build did not use, least recently used
// first, until the cache holds at most pdfCacheShare times all, the
// bytes of the PDFs the last builds of the sites built lately used (see
// sharesOf; and no less than pdfCacheFloor). A helper changing a
// 3,000-item site's title a dozen times saw the cache grow to 4.6 GB of
// PDFs, 0.5 GB a change, kept for 30 days.
func (c *pdfCache) trim(all int64) {
	c.mu.Lock()
	used := c.used // complete: the build is over
	c.mu.Unlock()
	var (
		total int64
		sizes = map[string]int64{}     // by entry file: its header and PDFs
		times = map[string]time.Time{} // by entry file not used: its header's time
	)
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		total += info.Size()
		switch name := d.Name(); {
		case strings.HasSuffix(name, ".pdf"):
			key, _, _ := strings.Cut(name, "-") // see dataFile
			sizes[filepath.Join(filepath.Dir(p), key)] += info.Size()
		case strings.HasPrefix(name, ".tmp-") || name == pruneMark || name == grownFile || name == sitesFile:
		default:
			sizes[p] += info.Size()
			if _, ok := used[p]; !ok {
				times[p] = info.ModTime()
			}
		}
		return nil
	})
	old := slices.SortedFunc(maps.Keys(times), func(a, b string) int { return times[a].Compare(times[b]) })
	budget := max(pdfCacheShare*all, pdfCacheFloor)
	for _, file := range old {
		if total <= budget {
			break
		}
		removeEntry(file)
		total -= sizes[file]
	}
}

// removeEntry removes the entry file and its PDFs.
func removeEntry(file string) {
	os.Remove(file)
	for i := 0; ; i++ {
		if os.Remove(dataFile(file, i)) != nil {
			break
		}
	}
}

// entryFile is where the entry of a key is stored.
func (c *pdfCache) entryFile(key string) string { return filepath.Join(c.dir, key[:2], key) }

// reparsed keeps, for a preview, the trees of the last compacted texts its
// PDFs parsed again (see editionsMaker), by their compacted Docs, so that
// each save of a bulletin does not parse its articles again: the
// successive states of a preview share a text's Doc as long as nothing
// its parse reads has changed (see Site.reload), and a Doc parsed again
// from the same state is the same tree. A nil reparsed keeps nothing (a
// build, which makes each PDF once).
type reparsed struct {
	mu    sync.Mutex
	trees map[*markdown.Doc]*markdown.Doc
	order []*markdown.Doc // oldest first
}

// reparsedKept is how many trees a preview keeps: the articles of a few
// bulletins.
const reparsedKept = 32

func newReparsed() *reparsed {
	return &reparsed{trees: map[*markdown.Doc]*markdown.Doc{}}
}

// get returns the tree kept for the compacted d, or nil.
func (r *reparsed) get(d *markdown.Doc) *markdown.Doc {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.trees[d]
}

// put keeps full, the tree of the compacted d, forgetting the oldest
// tree kept if there are too many.
func (r *reparsed) put(d, full *markdown.Doc) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.trees[d]; ok {
		return
	}
	if len(r.order) == reparsedKept {
		delete(r.trees, r.order[0])
		r.order = r.order[1:]
	}
	r.trees[d] = full
	r.order = append(r.order, d)
}
