package build

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tractpub/tract/internal/imaging"
)

// The image cache keeps the smaller copies of each large image: a
// photograph from a camera takes about half a second to decode, scale
// three times and encode, and a build made them all again for every
// edit. An entry is a folder, CacheDir()/images/<2 hex>/<key>, named by
// a SHA-256 of the image's bytes, the copies planned (sizes, format,
// orientation) and the tract executable. It holds the copies, by their
// place in the plan ("0.jpg", "1.jpg"...), so that two items with the
// same photograph share it, and entry.json, written last, with the size
// and time of each: like a PDF of the PDF cache, a copy changed in place
// through a link in some output has a new time, and the entry is then a
// miss. A hit touches entry.json at most once a day; after a build or a
// check, at most once a day, entries untouched for cacheMaxAge are
// removed.
const imageCacheFormat = "tract-image-cache 1"

// imageCache is the image cache of a build; nil when caching is off.
type imageCache struct {
	dir string // CacheDir()/images
	exe []byte
}

// openImageCache returns the image cache of a build with opts, or nil.
func openImageCache(opts Options) *imageCache {
	dir, exe, ok := opts.caching()
	if !ok {
		return nil
	}
	return &imageCache{dir: filepath.Join(dir, "images"), exe: exe}
}

type imageEntry struct {
	Format string
	Files  []imageEntryFile
}

type imageEntryFile struct {
	Size    int64
	ModTime int64 // Unix nanoseconds, once written
}

// entry returns the folder of the entry of im made from data.
func (c *imageCache) entry(im *imaging.Image, data []byte) string {
	k := newKeyWriter()
	k.str(imageCacheFormat)
	k.bytes(c.exe)
	k.bytes(data)
	k.int(int64(im.Orientation))
	for _, cp := range im.Copies {
		k.str(filepath.Ext(cp.Name))
		k.int(int64(cp.Width))
		k.int(int64(cp.Height))
	}
	key := hex.EncodeToString(k.sum(nil))
	return filepath.Join(c.dir, key[:2], key)
}

// copyFile is where the entry at dir keeps the i-th copy of im.
func copyFile(dir string, im *imaging.Image, i int) string {
	return filepath.Join(dir, strconv.Itoa(i)+filepath.Ext(im.Copies[i].Name))
}

// get returns the files of the copies of im the entry at dir holds, in
// the order of im.Copies, or false.
func (c *imageCache) get(dir string, im *imaging.Image) ([]string, bool) {
	head := filepath.Join(dir, "entry.json")
	data, err := os.ReadFile(head)
	if err != nil {
		return nil, false
	}
	var e imageEntry
	if json.Unmarshal(data, &e) != nil || e.Format != imageCacheFormat || len(e.Files) != len(im.Copies) {
		return nil, false
	}
	files := make([]string, len(im.Copies))
	for i, f := range e.Files {
		files[i] = copyFile(dir, im, i)
		st, err := os.Lstat(files[i])
		if err != nil || !asWritten(st, f.Size, f.ModTime) {
			return nil, false
		}
	}
	touchDaily(head)
	return files, true
}

// put stores the copies of im as the entry at dir: in a folder of its
// own, renamed into place whole. A store that fails only costs the next
// build the work.
func (c *imageCache) put(dir string, im *imaging.Image, copies []imaging.File) {
	parent := filepath.Dir(dir)
	if os.MkdirAll(parent, 0o755) != nil {
		return
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp) // gone once renamed
	e := imageEntry{Format: imageCacheFormat}
	for i, f := range copies {
		name := copyFile(tmp, im, i)
		if os.WriteFile(name, f.Data, 0o644) != nil {
			return
		}
		st, err := os.Stat(name)
		if err != nil {
			return
		}
		e.Files = append(e.Files, imageEntryFile{Size: st.Size(), ModTime: st.ModTime().UnixNano()})
	}
	head, err := json.Marshal(e)
	if err != nil || os.WriteFile(filepath.Join(tmp, "entry.json"), head, 0o644) != nil || os.Chmod(tmp, 0o755) != nil {
		return
	}
	if os.Rename(tmp, dir) == nil {
		return
	}
	// An entry is there already: one get found spoilt (a copy written
	// over in place), or one another build stored since. Either way this
	// one is good: it takes the place, or every build would resize the
	// photograph again. The old entry is moved aside first, as rename
	// cannot replace a folder.
	old, err := os.MkdirTemp(parent, ".old-")
	if err != nil {
		return
	}
	defer os.RemoveAll(old)
	if os.Rename(dir, filepath.Join(old, "entry")) == nil {
		_ = os.Rename(tmp, dir)
	}
}

// prune removes, at most once a day, the entries no build has used for
// cacheMaxAge, and what a killed build left.
func (c *imageCache) prune(wall time.Time) {
	if c == nil {
		return
	}
	if !pruneDue(c.dir, wall) {
		return
	}
	shards, _ := os.ReadDir(c.dir)
	for _, s := range shards {
		if !s.IsDir() {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(c.dir, s.Name()))
		for _, e := range entries {
			p := filepath.Join(c.dir, s.Name(), e.Name())
			head := filepath.Join(p, "entry.json")
			if strings.HasPrefix(e.Name(), ".tmp-") {
				head = p
			}
			st, err := os.Stat(head)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				os.RemoveAll(p) // no entry.json: a store that did not finish
			case err == nil && wall.Sub(st.ModTime()) > cacheMaxAge:
				os.RemoveAll(p)
			case err == nil && strings.HasPrefix(e.Name(), ".tmp-") && wall.Sub(st.ModTime()) > pruneEvery:
				os.RemoveAll(p)
			}
		}
	}
}
