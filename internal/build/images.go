package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/markdown"
	"github.com/zeebo/xxh3"
)

// ShareFont is the font the default link-preview pictures are drawn in.
const ShareFont = "assets/fonts/DejaVuSans-Bold.ttf"

// probeImages reads the header of every image an item publishes: its size
// goes on the pages. The images it cannot read, or that are too large to
// decode safely, are returned apart, with why: the parse stage reports
// them where a text shows them. Both are keyed by the file's path in the
// site ("content/articles/x/photo.jpg").
func probeImages(ctx context.Context, fsys fs.FS, cs *content.Site, jobs int, diags *diag.List) (images map[string]*imaging.Image, bad map[string]error) {
	type job struct {
		it   *content.Item
		name string
	}
	var todo []job
	for _, it := range cs.Items {
		for _, a := range it.Assets {
			if imaging.IsImage(a) {
				todo = append(todo, job{it, a})
			}
		}
	}
	found := make([]*imaging.Image, len(todo))
	errs := make([]error, len(todo))
	_ = parallel(ctx, jobs, len(todo), func(i int) error {
		im, err := probeImage(fsys, todo[i].it.Dir, todo[i].name)
		if err != nil {
			errs[i] = err
			return nil
		}
		for _, c := range im.Copies {
			if slices.Contains(todo[i].it.Assets, c.Name) {
				diags.Errorf(path.Join(todo[i].it.Dir, c.Name), 0, "this name is taken by the resized copy tract makes of %s: rename the file", todo[i].name)
			}
		}
		found[i] = im
		return nil
	})
	images, bad = map[string]*imaging.Image{}, map[string]error{}
	for i, im := range found {
		p := path.Join(todo[i].it.Dir, todo[i].name)
		if im != nil {
			images[p] = im
		} else if errs[i] != nil {
			bad[p] = errs[i]
		}
	}
	return images, bad
}

// probeImage reads the header of the image name in the item folder dir.
// The image keeps name whole, a subfolder included: its copies and the
// pages' addresses are made from it.
func probeImage(fsys fs.FS, dir, name string) (*imaging.Image, error) {
	f, err := fsys.Open(path.Join(dir, name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return imaging.Probe(name, f, st.Size())
}

// reportUnshownBadImages warns about the unreadable or refused images no
// text shows: they are published as they are, with the item's files. A
// text that shows one has it among its links, whether it was parsed in
// this build or kept from the last (which told whether it showed it
// alone: the text was not parsed again). x indexes the texts of docs
// that link into each item.
func reportUnshownBadImages(cs *content.Site, docs *markdown.Docs, x *linkIndex, bad map[string]error, diags *diag.List) {
	for file, err := range bad {
		if !showsImage(cs, docs, x, file) {
			diags.Warnf(file, 0, "%v; no page shows it, and it is published as it is", err)
		}
	}
}

// showsImage reports whether a text of docs shows the picture file
// ("content/leaflets/rent/photo.png").
func showsImage(cs *content.Site, docs *markdown.Docs, x *linkIndex, file string) bool {
	parts := strings.SplitN(file, "/", 4)
	if len(parts) < 4 || parts[0] != content.ContentDir {
		return false
	}
	it := cs.Item(parts[1], parts[2])
	return it != nil && linksToFile(docs, x, it, content.EscapePath(parts[3]), true)
}

// linksToFile reports whether a text of docs links to the file name of
// it's folder, as a picture when image is set. x indexes the texts that
// link into each item. A link's target has the file's name as an address
// writes it (Photo%20From%20Phone.JPG), which name must be too, and may
// end with a fragment (leaflet.pdf#page=2). Most links lead to pages:
// each is compared with the folder's path before its file's name is.
func linksToFile(docs *markdown.Docs, x *linkIndex, it *content.Item, name string, image bool) bool {
	dir := it.FilesPath()
	for _, v := range x.items.Get(it.Key()) {
		d := docs.Get(v)
		if d == nil {
			continue
		}
		for _, l := range d.Links() {
			if rest, ok := strings.CutPrefix(l.Target, dir); ok && (l.Image || !image) {
				if rest, _, _ = strings.Cut(rest, "#"); rest == name {
					return true
				}
			}
		}
	}
	return false
}

// reportUnlinkedFiles warns about each file of items that no text links
// to or shows. It is published all the same, at an address anyone may
// come across: a group may have left there what was not meant for the
// public, a list of members or a draft. The unreadable pictures no text
// shows are warned about already (see reportUnshownBadImages). x indexes
// the texts of docs that link into each item.
func reportUnlinkedFiles(cs *content.Site, items iter.Seq[*content.Item], docs *markdown.Docs, x *linkIndex, bad map[string]error, diags *diag.List) {
	for it := range items {
		if it.Original == "" || len(it.Assets) == 0 { // not published, or nothing to publish
			continue
		}
		for _, a := range it.Assets {
			if file := path.Join(it.Dir, a); bad[file] == nil && !linksToFile(docs, x, it, content.EscapePath(a), false) {
				diags.Warnf(file, 0, "no text links to it or shows it, yet it is published at %s for anyone to find: link it from a text, or move it out of content/ if it is not for the public", cs.Config.AbsURL(it.FilesPath()+a))
			}
		}
	}
}

// touchedItems yields the items of cs an edit may have changed the links
// to: those it read again, and those the texts it changed linked into,
// before (in was) or after (in docs).
func touchedItems(cs *content.Site, read []*content.Item, changed []*content.Variant, was, docs *markdown.Docs) iter.Seq[*content.Item] {
	return func(yield func(*content.Item) bool) {
		seen := map[*content.Item]bool{}
		visit := func(it *content.Item) bool {
			if it == nil || seen[it] {
				return true
			}
			seen[it] = true
			return yield(it)
		}
		for _, it := range read {
			if !visit(cs.Item(it.Section, it.Slug)) {
				return
			}
		}
		for _, v := range changed {
			for _, m := range []*markdown.Docs{was, docs} {
				d := m.Get(v)
				if d == nil {
					continue
				}
				for _, key := range d.LinkedItems() {
					section, slug, _ := strings.Cut(key, "/")
					if !visit(cs.Item(section, slug)) {
						return
					}
				}
			}
		}
	}
}

// asset is a file beside an item's variants: it is published once, in
// the item's files folder that its pages in every language link to (see
// content.Item.FilesPath), as it is and, for a large image, resized.
type asset struct {
	src  string         // its path in the site: content/articles/x/photo.jpg
	name string         // its name in the item's folder: photo.jpg
	dir  string         // the item's files folder: "articles/x/"
	im   *imaging.Image // what the probe found, for an image; nil otherwise
}

// assets lists the files of every usable item. Build writes them, a
// Preview serves them: one list, so the two agree.
func (s *Site) assets() []asset {
	var out []asset
	for _, it := range s.Content.Items {
		if it.Original == "" || len(it.Assets) == 0 {
			continue
		}
		for _, a := range it.Assets {
			src := path.Join(it.Dir, a)
			out = append(out, asset{src: src, name: a, dir: it.FilesPath(), im: s.Images[src]})
		}
	}
	return out
}

// resized reports whether a is an image tract publishes smaller copies of.
func (a asset) resized() bool { return a.im != nil && len(a.im.Copies) > 0 }

// staticFiles lists the site's static/ files, published at the root of
// the output under their path without "static/".
func (s *Site) staticFiles() ([]string, error) {
	if _, err := fs.Stat(s.fsys, "static"); err != nil {
		return nil, nil
	}
	var out []string
	var bad []error
	err := fs.WalkDir(s.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !utf8.ValidString(p) {
			// From an old zip, in Latin-1: no address can name it. Each
			// one is named, in one run.
			bad = append(bad, fmt.Errorf("%q: its name is not written in UTF-8, as an old program, or a zip file made on an old system, may write the accents of names: a web address cannot name it; rename it, typing its name again", p))
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	return out, cmp.Or(err, errors.Join(bad...))
}

// writeImages publishes every picture an item shows, with the resized
// copies of the large ones, made once per picture, beside it in the
// item's files folder. Pictures alike (see alikeImages) are worked on
// once for all.
//
// A picture whose header reads well but whose data does not decode (a
// file cut short, or damaged) is an error at its file, in diags: it
// would show broken on every page. Small pictures, published as they
// are, are checked too, to find these (see imaging.Check). With out nil,
// as tract check does, the copies are made or found in the cache, so
// that check finds these too, and kept in the cache for the next build,
// but nothing is published.
func (s *Site) writeImages(ctx context.Context, out *output, jobs int, cache *imageCache, diags *diag.List) (int, error) {
	var todo []asset
	for _, a := range s.assets() {
		if a.im != nil {
			todo = append(todo, a)
		}
	}
	groups, err := alikeImages(s.fsys, todo)
	if err != nil {
		return 0, err
	}
	var n atomic.Int64
	err = parallel(ctx, jobs, len(groups), func(i int) error {
		return s.writeImage(out, cache, groups[i], diags, &n)
	})
	return int(n.Load()), err
}

// writeImage makes the copies of the picture the assets alike share, or
// finds them in the cache, and publishes them for each, adding to n the
// files it writes.
func (s *Site) writeImage(out *output, cache *imageCache, alike []asset, diags *diag.List, n *atomic.Int64) error {
	a := alike[0]
	data, err := fs.ReadFile(s.fsys, a.src)
	if err != nil {
		return fmt.Errorf("%s: %w", a.src, err)
	}
	// The picture itself is published here, not read again to be
	// copied (see copyFiles).
	if out != nil {
		for _, m := range alike {
			if err := out.write(m.dir+m.name, data); err != nil {
				return err
			}
			n.Add(1)
		}
	}
	// A small picture is published as it is, and only checked (see
	// imaging.Check), which costs less than finding it in the cache.
	if !a.resized() {
		cache = nil
	}
	var entry string
	done := make([]int, len(alike)) // copies of each published from the cache
	if cache != nil {
		entry = cache.entry(a.im, data)
		if srcs, ok := cache.get(entry, a.im); ok {
			if out == nil {
				return nil
			}
			if testHookCachedCopies != nil {
				testHookCachedCopies(srcs)
			}
			all := true
			for i, m := range alike {
				k, err := publishCached(out, m, srcs)
				done[i] = k
				n.Add(int64(k))
				if err != nil {
					if !errors.Is(err, fs.ErrNotExist) {
						return fmt.Errorf("%s: %w", m.src, err)
					}
					// The entry went since it was found (another build
					// trimmed the cache): the other copies are made again.
					all = false
				}
			}
			if all {
				return nil
			}
		}
	}
	if testHookImageWork != nil {
		testHookImageWork(a.src)
	}
	var files []imaging.File
	if a.resized() {
		files, err = imaging.Resize(a.im, data)
	} else {
		err = imaging.Check(data)
	}
	if err != nil {
		for _, m := range alike {
			diags.Errorf(m.src, 0, "%v: the file may be cut short or damaged; export or copy it again", err)
		}
		return nil
	}
	if cache != nil {
		cache.put(entry, a.im, files)
	}
	if out == nil {
		return nil
	}
	for i, m := range alike {
		// Alike, m has the same copies as a, under its own names.
		for j := min(done[i], len(files)); j < len(files); j++ {
			if err := out.write(m.dir+m.im.Copies[j].Name, files[j].Data); err != nil {
				return err
			}
			n.Add(1)
		}
	}
	return nil
}

// alikeImages puts the pictures of todo into groups alike: the same
// bytes, to be made into the same copies. A site may show the same
// picture on many items (its logo, a banner, a portrait), each in the
// item's own folder: it is decoded once. Only pictures of the same
// size in bytes are read to be compared. The groups and their pictures
// keep the order of todo.
func alikeImages(fsys fs.FS, todo []asset) ([][]asset, error) {
	shape := func(a asset) (string, error) {
		st, err := fs.Stat(fsys, a.src)
		if err != nil {
			return "", fmt.Errorf("%s: %w", a.src, err)
		}
		key := fmt.Appendf(nil, "%d %d", st.Size(), a.im.Orientation)
		for _, c := range a.im.Copies {
			key = fmt.Appendf(key, " %s %d %d", path.Ext(c.Name), c.Width, c.Height)
		}
		return string(key), nil
	}
	keys := make([]string, len(todo))
	count := map[string]int{}
	for i, a := range todo {
		k, err := shape(a)
		if err != nil {
			return nil, err
		}
		keys[i] = k
		count[k]++
	}
	var groups [][]asset
	at := map[string]int{} // a group's index by its key
	for i, a := range todo {
		k := keys[i]
		if count[k] > 1 {
			data, err := fs.ReadFile(fsys, a.src)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.src, err)
			}
			sum := xxh3.Hash128(data).Bytes()
			k += " " + string(sum[:])
		}
		if g, ok := at[k]; ok {
			groups[g] = append(groups[g], a)
			continue
		}
		at[k] = len(groups)
		groups = append(groups, []asset{a})
	}
	return groups, nil
}

// publishCached puts the copies of a's image, cached in srcs, in a's
// folder: hard links to the cache, or, where the output is on another
// file system, copies. It returns how many copies it published before
// an error.
func publishCached(out *output, a asset, srcs []string) (int, error) {
	for i, src := range srcs {
		rel := a.dir + a.im.Copies[i].Name
		if out.linkFrom(src, rel) == nil {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return i, err
		}
		if err := out.write(rel, data); err != nil {
			return i, err
		}
	}
	return len(srcs), nil
}
