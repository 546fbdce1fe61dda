package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/tractpub/tract/internal/record"
)

// A build keeps the texts it parsed, compacted (see markdown.Doc.Compact),
// for the next build into the same output: a text whose file is as it
// was, and whose links lead to items that are as they were, is taken
// from there with the warnings its parsing gave, instead of being parsed
// again. After one edit of a site of 3,000 items, that is all but a few
// of its 8,700 texts. The first build into an output takes them from the
// file of the output built last (see readOwnEntries).
//
// The texts are kept in one file beside the build's stamp, named like it
// with ".texts" for ".json". It holds textsFormat, then records: an
// entry after its length, and its check sum (entrySum), which the reader
// checks before it trusts a byte of it. A build appends the entries of
// the texts it parsed; of two entries with the same key the later one
// counts. When the file holds more than twice as many entries as the
// site has texts, or was not read whole (a build killed as it wrote),
// the build writes it anew instead. So a build after one edit adds a few
// kilobytes to it, not 40 MB. An entry is:
//
//   - its key, the SHA-256 of: the cache's format, tract's executable,
//     tract.toml, what the messages of the texts' HTML say in the text's
//     language (markdown.Messages, see locale.Catalog.Sum), and the path
//     and the SHA-256 of the text's file, front matter included (the
//     lines warnings name count from its top);
//   - the items the text's links and images lead to (its own included,
//     for a picture beside it), each with its print (see itemPrint) when
//     the text was parsed: where a link leads depends on nothing else
//     but, for a link to a heading, the texts below;
//   - the other texts whose headings its links' fragments were checked
//     against or carried to (markdown.Doc.LinkedTexts), each with the
//     SHA-256 of its file when the text was parsed;
//   - the warnings parsing the text gave;
//   - the Doc, as markdown.Doc.AppendSaved writes it.
//
// A text with an error is never kept: a build with errors leaves no
// stamp.
const textsFormat = "tract-texts 4\n"

// textsPath is where builds into opts.OutDir keep their texts, or "" when
// there is no cache directory.
func textsPath(opts Options) string { return besideStamp(opts, textsExt) }

// exists reports whether there is a file at name.
func exists(name string) bool {
	if name == "" {
		return false
	}
	_, err := os.Stat(name)
	return err == nil
}

// textCache is the texts of the last build, for this one, and what this
// one parsed, for the next.
type textCache struct {
	file   string
	global []byte                       // SHA-256 of the format, the executable and tract.toml
	words  map[string][]byte            // by language: the Sum of markdown.Messages
	sums   map[string][sha256.Size]byte // the SHA-256 of each text's file, by path
	prints map[string][sha256.Size]byte // the print of each item, by key
	old    map[[sha256.Size]byte][]byte // the last build's entries, by key (the key left out)
	hits   atomic.Int64                 // texts taken from old
	// records is how many entries the file held, and whole says it was
	// read to its end: entries may be appended to it.
	records int
	whole   bool
	mu      sync.Mutex                    // guards texts
	texts   map[*content.Variant]textInfo // what each text of this build gave
}

// textInfo is what taking a text from the cache or parsing it gave.
type textInfo struct {
	diags []diag.Diagnostic // the problems it reported
	taken bool              // it was taken from the cache: its entry is there
}

// openTextCache returns the text cache of a build of site with opts,
// whose inputs (see inputsSum) are given, or nil when the build leaves
// no stamp. It reads the last build's texts, if they are there and
// whole.
func openTextCache(opts Options, site *Site, files *siteFiles, inputs *inputSums, prints map[string][sha256.Size]byte) *textCache {
	_, exe, ok := opts.caching()
	file := textsPath(opts)
	if !ok || file == "" || inputs == nil {
		return nil
	}
	k := newKeyWriter()
	k.str(textsFormat)
	k.bytes(exe)
	k.file(files, content.ConfigFile)
	c := &textCache{
		file:   file,
		global: k.sum(nil),
		words:  map[string][]byte{},
		sums:   inputs.texts,
		prints: prints,
		texts:  map[*content.Variant]textInfo{},
	}
	for _, l := range site.Catalog.Languages() {
		c.words[l] = site.Catalog.Sum(l, markdown.Messages)
	}
	c.old, c.records, c.whole, _ = readOwnEntries(c.file, textsExt, textsFormat)
	return c
}

// itemPrints are the prints of the site's items (see itemPrint), by key:
// made once, for the text cache and the render keys alike.
func (s *Site) itemPrints() map[string][sha256.Size]byte {
	prints := make(map[string][sha256.Size]byte, len(s.Content.Items))
	for _, it := range s.Content.Items {
		prints[it.Key()] = s.itemPrint(it)
	}
	return prints
}

// itemPrint is a SHA-256 of everything a link to it takes from it: its
// key (and so the address of its pages), the languages it has and its
// original (which page of it a reader of each language is sent to), and
// its files with, for each picture, its size and resized copies as the
// build probed them, or that it could not be read.
func (s *Site) itemPrint(it *content.Item) [sha256.Size]byte {
	k := newKeyWriter()
	k.str(it.Key())
	k.str(it.Original)
	for _, l := range s.Content.Config.Languages {
		k.bool(it.Variants[l] != nil)
		k.bool(it.Published(l) != nil) // a copy not translated yet has no page
	}
	k.int(int64(len(it.Variants))) // a language the site does not list
	for _, a := range it.Assets {
		p := path.Join(it.Dir, a)
		k.str(a)
		k.json(s.Images[p])
		k.bool(s.bad[p] != nil)
	}
	var sum [sha256.Size]byte
	k.sum(sum[:0])
	return sum
}

// key is the key of v's entry; ok is false if v's file was not summed.
func (c *textCache) key(v *content.Variant) (key [sha256.Size]byte, ok bool) {
	sum, ok := c.sums[v.Path]
	if !ok {
		return key, false
	}
	k := newKeyWriter()
	k.bytes(c.global)
	k.bytes(c.words[v.Lang])
	k.str(v.Path)
	k.bytes(sum[:])
	// The paragraphs still its source's are marked in the language
	// they were written in: an edit of the source changes which, not
	// this file.
	k.lines(v.CopiedLines)
	k.sum(key[:0])
	return key, true
}

// get returns v's text as the last build parsed it, and the warnings
// that gave, if its file, the items it links to and the texts its links'
// fragments name are as they were.
func (c *textCache) get(v *content.Variant) (*markdown.Doc, []diag.Diagnostic, bool) {
	if c == nil {
		return nil, nil, false
	}
	key, ok := c.key(v)
	entry := c.old[key]
	if !ok || entry == nil {
		return nil, nil, false
	}
	r := record.NewReader(entry)
	if !sumsAsThey(r, c.prints) || !sumsAsThey(r, c.sums) {
		return nil, nil, false
	}
	var ds []diag.Diagnostic
	for range r.Count() {
		ds = append(ds, diag.Diagnostic{Path: r.String(), Line: r.Int(), Severity: diag.Severity(r.Int()), Message: r.String()})
	}
	d, err := markdown.Restore(v, r.Rest())
	if err != nil {
		return nil, nil, false
	}
	c.hits.Add(1)
	return d, ds, true
}

// parsedAll lets go of the last build's texts: every text is parsed.
func (c *textCache) parsedAll() {
	if c != nil {
		c.old = nil
	}
}

// parsed records what parsing v, or taking it from the cache (taken),
// reported.
func (c *textCache) parsed(v *content.Variant, ds []diag.Diagnostic, taken bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.texts[v] = textInfo{diags: ds, taken: taken}
	c.mu.Unlock()
}

// Hits returns how many texts were taken from the last build.
func (c *textCache) Hits() int {
	if c == nil {
		return 0
	}
	return int(c.hits.Load())
}

// write keeps the texts of docs, compacted, for the next build: it
// appends those it parsed to the file, or writes them all in a new one
// (see textsFormat), through a buffer. A cache that cannot be written
// only costs the next build the parsing.
func (c *textCache) write(docs *markdown.Docs) {
	if c == nil || os.MkdirAll(filepath.Dir(c.file), 0o755) != nil {
		return
	}
	parsed := len(c.texts) - c.Hits()
	if c.whole && c.records+parsed <= 2*docs.Len() {
		if parsed == 0 {
			return
		}
		f, err := os.OpenFile(c.file, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return
		}
		err = c.writeEntries(f, docs, false)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(c.file) // a torn entry would cut off the next ones
		}
		return
	}
	_ = writeAtomicWith(c.file, func(f *os.File) error {
		if _, err := f.WriteString(textsFormat); err != nil {
			return err
		}
		return c.writeEntries(f, docs, true)
	})
}

// writeEntries writes to f the records of the texts of docs this build
// parsed, or of all of them.
func (c *textCache) writeEntries(f *os.File, docs *markdown.Docs, all bool) error {
	w := bufio.NewWriterSize(f, 256<<10)
	var entry, size []byte
	for v, d := range docs.All() {
		t, ok := c.texts[v]
		if !ok || t.taken && !all {
			continue
		}
		if entry = c.entry(entry[:0], v, d, t.diags); entry == nil {
			continue
		}
		size = writeChecked(w, size, entry)
	}
	return w.Flush()
}

// writeChecked writes entry to w as readEntries reads it: its length, its
// bytes and their check sum (entrySum). size is a buffer for the length,
// returned for the next call.
func writeChecked(w *bufio.Writer, size, entry []byte) []byte {
	sum := entrySum(entry)
	size = record.AppendInt(size[:0], len(entry))
	w.Write(size)
	w.Write(entry)
	w.Write(sum[:])
	return size
}

// entrySum is what tells an entry of a cache file as it was written from
// one cut short or changed on disk: an XXH3 of 128 bits. The entry's key,
// its first bytes, is a SHA-256 of what it was made from; the check needs
// no such strength, only to be fast (see pageSum), as a build reads and
// writes 41 MB of entries for the bench corpus of 3,000 items.
func entrySum(entry []byte) [entrySumSize]byte { return xxh3.Hash128(entry).Bytes() }

// entrySumSize is the size of an entry's check sum.
const entrySumSize = 16

// appendSums appends to dst the count of names, then each with its sum in
// sums: the items a text links to with their prints, or the texts its
// fragments name with their files' sums.
func appendSums(dst []byte, names []string, sums map[string][sha256.Size]byte) []byte {
	dst = record.AppendInt(dst, len(names))
	for _, name := range names {
		sum := sums[name]
		dst = record.AppendString(dst, name)
		dst = append(dst, sum[:]...)
	}
	return dst
}

// sumsAsThey reads a list appendSums wrote from r, and reports whether
// each name still has the sum it had then in sums. A name sums has not
// (an item a text links to that is not there) has the zero sum, then and
// now.
func sumsAsThey(r *record.Reader, sums map[string][sha256.Size]byte) bool {
	for range r.Count() {
		name, sum := r.String(), r.Fixed(sha256.Size)
		now := sums[name]
		if r.Err() != nil || !bytes.Equal(now[:], sum) {
			return false
		}
	}
	return true
}

// entry appends to dst the entry of v's text d, which reported ds, or
// returns nil if it is not to be kept.
func (c *textCache) entry(dst []byte, v *content.Variant, d *markdown.Doc, ds []diag.Diagnostic) []byte {
	key, ok := c.key(v)
	if !ok {
		return nil
	}
	dst = append(dst, key[:]...)
	dst = appendSums(dst, d.LinkedItems(), c.prints)
	dst = appendSums(dst, d.LinkedTexts(), c.sums)
	dst = record.AppendInt(dst, len(ds))
	for _, d := range ds {
		dst = record.AppendString(dst, d.Path)
		dst = record.AppendInt(dst, d.Line)
		dst = record.AppendInt(dst, int(d.Severity))
		dst = record.AppendString(dst, d.Message)
	}
	if dst, ok = d.AppendSaved(dst); !ok {
		return nil
	}
	return dst
}

// readOwnEntries is readEntries of file, the cache file of builds into
// one output (see besideStamp). The first build into an output has none:
// it reads the file of the same kind (ext) that a build into another
// output wrote last, and borrowed is true. An entry is keyed by what it
// was made from, not by where it was written, so a site built into a
// second folder (a copy for a USB stick, a script building into a new
// folder each time) takes the texts the first build parsed, as a second
// build into the first folder would. A borrowed file is never written to
// (records is 0 and whole false): the build writes its own.
func readOwnEntries(file, ext, format string) (entries map[[sha256.Size]byte][]byte, records int, whole, borrowed bool) {
	entries, records, whole = readEntries(file, format)
	if entries != nil || exists(file) {
		return entries, records, whole, false
	}
	if last := lastWritten(filepath.Dir(file), ext); last != "" {
		entries, _, _ = readEntries(last, format)
		return entries, 0, false, entries != nil
	}
	return nil, 0, false, false
}

// lastWritten returns the file of dir whose name ends in ext that was
// written last, or "" if there is none. Half-written files (".tmp" in
// their names, see writeAtomicWith) are left out.
func lastWritten(dir, ext string) string {
	entries, _ := os.ReadDir(dir)
	var last string
	var when time.Time
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ext) || strings.Contains(name, ".tmp") {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(when) {
			last, when = filepath.Join(dir, name), info.ModTime()
		}
	}
	return last
}

// readEntries reads the entries of a cache file at file that starts with
// format (the texts file, the fronts file), by key (an entry's first
// bytes), the later of two with the same key; how many records it holds;
// and whether it was read to its end. It stops at the first record that
// is cut short or not as written (a build killed as it appended, a byte
// changed on disk). The entries share one buffer, which the Docs restored
// from them share in turn: a build after one edit keeps all but a few of
// them.
func readEntries(file, format string) (entries map[[sha256.Size]byte][]byte, records int, whole bool) {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(format)) {
		return nil, 0, false
	}
	entries = map[[sha256.Size]byte][]byte{}
	r := record.NewReader(data[len(format):])
	for r.More() {
		entry, sum := r.Bytes(), r.Fixed(entrySumSize)
		if r.Err() != nil || len(entry) < sha256.Size {
			return entries, records, false
		}
		if s := entrySum(entry); !bytes.Equal(s[:], sum) {
			return entries, records, false
		}
		entries[[sha256.Size]byte(entry)] = entry[sha256.Size:]
		records++
	}
	return entries, records, true
}
