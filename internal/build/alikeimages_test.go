package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/imaging"
)

const sharedPictureSite = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-01-10
---
![Our logo](logo.jpg)

No to the rent rise.
-- content/leaflets/strike/en.md --
---
title: Strike
date: 2024-01-11
---
![Our logo](banner.jpg)

All out on Monday.
-- content/leaflets/march/en.md --
---
title: March
date: 2024-01-12
---
![The march](march.jpg)

Meet at the station.
`

// A site that shows the same picture on many items (its logo, a
// banner), each in the item's own folder, had it decoded and resized
// once per item: 3,000 items showing one 800-pixel photograph took 26 s
// of a build's 29 s. Pictures alike are now worked on once, and each
// item still gets the copies under its own names.
func TestAPictureSeveralItemsShowIsDecodedOnce(t *testing.T) {
	t.Setenv("TRACT_CACHE", "off")
	dir := writeSite(t, sharedPictureSite)
	logo := photo(t, 1200, 800)
	writeFile(t, dir, "content/leaflets/rent/logo.jpg", string(logo))
	writeFile(t, dir, "content/leaflets/strike/banner.jpg", string(logo))
	writeFile(t, dir, "content/leaflets/march/march.jpg", string(photo(t, 1000, 800)))
	var mu sync.Mutex
	var decoded []string
	testHookImageWork = func(src string) {
		mu.Lock()
		defer mu.Unlock()
		decoded = append(decoded, src)
	}
	defer func() { testHookImageWork = nil }()
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(decoded)
	if want := []string{"content/leaflets/march/march.jpg", "content/leaflets/rent/logo.jpg"}; !slices.Equal(decoded, want) {
		t.Errorf("decoded %q, want %q", decoded, want)
	}
	for _, w := range []string{"480", "960"} {
		a, errA := os.ReadFile(filepath.Join(res.OutDir, "leaflets/rent/logo-"+w+"w.jpg"))
		b, errB := os.ReadFile(filepath.Join(res.OutDir, "leaflets/strike/banner-"+w+"w.jpg"))
		if errA != nil || errB != nil {
			t.Fatalf("copies %sw: %v, %v", w, errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("the %sw copies of one picture differ", w)
		}
		if _, err := os.Stat(filepath.Join(res.OutDir, "leaflets/march/march-"+w+"w.jpg")); err != nil {
			t.Error(err)
		}
	}
	contains(t, "strike", read(t, res.OutDir, "en/leaflets/strike/index.html"),
		`srcset="../../../leaflets/strike/banner-480w.jpg 480w, ../../../leaflets/strike/banner-960w.jpg 960w,`)
	checkLinks(t, res.OutDir)

	// Damaged, the picture is reported at each of its files.
	cut := string(logo[:len(logo)/2])
	writeFile(t, dir, "content/leaflets/rent/logo.jpg", cut)
	writeFile(t, dir, "content/leaflets/strike/banner.jpg", cut)
	code, out := runTract(t, "build", "--no-pdf", "--site", dir)
	checkRun(t, "a damaged picture on two items", code, out, []string{
		"content/leaflets/rent/logo.jpg: error: cannot decode the picture (",
		"content/leaflets/strike/banner.jpg: error: cannot decode the picture (",
	})
}

// Pictures are alike when their bytes are, and when they are made into
// the same copies; two pictures of one length are told apart by their
// bytes.
func TestPicturesAreAlikeByTheirBytesAndCopies(t *testing.T) {
	fsys := fstest.MapFS{
		"a/x.jpg": {Data: []byte("0123456789")},
		"b/y.jpg": {Data: []byte("0123456789")},
		"c/z.jpg": {Data: []byte("0123456780")}, // one length, other bytes
		"d/w.jpg": {Data: []byte("0123456789")}, // turned: other copies
		"e/v.jpg": {Data: []byte("0123456789")},
		"f/u.jpg": {Data: []byte("012345678")},
	}
	copies := []imaging.Copy{{Name: "n-480w.jpg", Width: 480, Height: 320}}
	pic := func(src string, orientation int, copies []imaging.Copy) asset {
		return asset{src: src, im: &imaging.Image{Orientation: orientation, Copies: copies}}
	}
	todo := []asset{
		pic("a/x.jpg", 1, copies),
		pic("c/z.jpg", 1, copies),
		pic("b/y.jpg", 1, copies),
		pic("d/w.jpg", 6, copies),
		pic("e/v.jpg", 1, nil), // a small picture: no copies
		pic("f/u.jpg", 1, copies),
	}
	groups, err := alikeImages(fsys, todo)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, g := range groups {
		var srcs []string
		for _, a := range g {
			srcs = append(srcs, a.src)
		}
		got = append(got, srcs)
	}
	want := [][]string{{"a/x.jpg", "b/y.jpg"}, {"c/z.jpg"}, {"d/w.jpg"}, {"e/v.jpg"}, {"f/u.jpg"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %q, want %q", got, want)
	}
	if _, err := alikeImages(fsys, []asset{pic("g/gone.jpg", 1, copies)}); err == nil {
		t.Error("a picture gone since it was probed: no error")
	}
}
