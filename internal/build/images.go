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
)

// ShareFont is the font the default link-preview pictures are drawn in.
const ShareFont = "assets/fonts/DejaVuSans-Bold.ttf"

// probeImages reads the header of every image an item publishes: its size
// goes on the pages, and an image too large to decode safely, or that is
// not an image at all, is an error at its path. The result is keyed by
// the file's path in the site ("content/articles/x/photo.jpg").
func probeImages(ctx context.Context, fsys fs.FS, cs *content.Site, jobs int, diags *diag.List) map[string]*imaging.Image {
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
	_ = parallel(ctx, jobs, len(todo), func(i int) error {
		p := path.Join(todo[i].it.Dir, todo[i].name)
		f, err := fsys.Open(p)
		if err != nil {
			diags.Errorf(p, 0, "%v", err)
			return nil
		}
		defer f.Close()
		im, err := imaging.Probe(todo[i].name, f)
		if err != nil {
			diags.Errorf(p, 0, "%v", err)
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
	out := map[string]*imaging.Image{}
	for i, im := range found {
		if im != nil {
			out[path.Join(todo[i].it.Dir, todo[i].name)] = im
		}
	}
	return out
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
