package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sync/atomic"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/markdown"
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
// text shows: they are published as they are, with the item's files.
func reportUnshownBadImages(p *markdown.Parser, bad map[string]error, diags *diag.List) {
	for file, err := range bad {
		if !p.Shows(file) {
			diags.Warnf(file, 0, "%v; no page shows it, and it is published as it is", err)
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
	err := fs.WalkDir(s.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	return out, err
}

// writeImages makes the resized copies of every large image, once per
// image, and publishes them beside the original, in the item's files
// folder.
//
// A picture whose header reads well but whose data does not decode (a
// file cut short, or damaged) is an error at its file, in diags: it
// would show broken on every page. Small pictures, published as they
// are, are decoded too, to find these. With out nil, as tract check does,
// the copies are made or found in the cache, so that check finds these
// too, and kept in the cache for the next build, but not published.
func (s *Site) writeImages(ctx context.Context, out *output, jobs int, cache *imageCache, diags *diag.List) (int, error) {
	var todo []asset
	for _, a := range s.assets() {
		if a.im != nil {
			todo = append(todo, a)
		}
	}
	var n atomic.Int64
	err := parallel(ctx, jobs, len(todo), func(i int) error {
		a := todo[i]
		data, err := fs.ReadFile(s.fsys, a.src)
		if err != nil {
			return fmt.Errorf("%s: %w", a.src, err)
		}
		var entry string
		done := 0 // copies published from the cache
		if cache != nil {
			entry = cache.entry(a.im, data)
			if srcs, ok := cache.get(entry, a.im); ok {
				if out == nil {
					return nil
				}
				if testHookCachedCopies != nil {
					testHookCachedCopies(srcs)
				}
				var err error
				done, err = publishCached(out, a, srcs)
				n.Add(int64(done))
				if err == nil {
					return nil
				}
				if !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("%s: %w", a.src, err)
				}
				// The entry went since it was found (another build
				// trimmed the cache): the other copies are made again.
			}
		}
		var files []imaging.File
		if a.resized() {
			files, err = imaging.Resize(a.im, data)
		} else {
			// A small picture is published as it is; decoded once (the
			// cache keeps an entry without copies), it is known whole.
			err = imaging.Check(data)
		}
		if err != nil {
			diags.Errorf(a.src, 0, "%v: the file may be cut short or damaged; export or copy it again", err)
			return nil
		}
		if cache != nil {
			cache.put(entry, a.im, files)
		}
		if out == nil {
			return nil
		}
		for _, f := range files[min(done, len(files)):] {
			if err := out.write(a.dir+f.Name, f.Data); err != nil {
				return err
			}
			n.Add(1)
		}
		return nil
	})
	return int(n.Load()), err
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
