package build

import (
	"context"
	"fmt"
	"io/fs"
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
		p := path.Join(todo[i].it.Dir, todo[i].name)
		f, err := fsys.Open(p)
		if err != nil {
			errs[i] = err
			return nil
		}
		defer f.Close()
		im, err := imaging.Probe(todo[i].name, f)
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

// reportUnshownBadImages warns about the unreadable or refused images no
// text shows: they are published as they are, beside the pages.
func reportUnshownBadImages(p *markdown.Parser, bad map[string]error, diags *diag.List) {
	for file, err := range bad {
		if !p.Shows(file) {
			diags.Warnf(file, 0, "%v; no page shows it, and it is published as it is", err)
		}
	}
}

// writeImages makes the resized copies of every large image, once per
// image, and publishes them beside each language's page of the item as
// the original is (hard links after the first).
func (s *Site) writeImages(ctx context.Context, out *output, jobs int) (int, error) {
	type job struct {
		it *content.Item
		im *imaging.Image
	}
	var todo []job
	for _, it := range s.Content.Items {
		if it.Original == "" {
			continue
		}
		for _, a := range it.Assets {
			if im := s.Images[path.Join(it.Dir, a)]; im != nil && len(im.Copies) > 0 {
				todo = append(todo, job{it, im})
			}
		}
	}
	var n atomic.Int64
	err := parallel(ctx, jobs, len(todo), func(i int) error {
		it, im := todo[i].it, todo[i].im
		src := path.Join(it.Dir, im.Name)
		data, err := fs.ReadFile(s.fsys, src)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		files, err := imaging.Resize(im, data)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		for _, f := range files {
			first := ""
			for _, l := range it.Langs(s.Content.Config.Languages) {
				dst := it.PagePath(l) + f.Name
				if first == "" {
					err = out.write(dst, f.Data)
					first = dst
				} else {
					err = out.link(first, dst, f.Data)
				}
				if err != nil {
					return err
				}
				n.Add(1)
			}
		}
		return nil
	})
	return int(n.Load()), err
}
