package build

import (
	"path/filepath"
	"testing"
)

// A large photograph cut short reads well from its header, so its size
// was known, but it cannot be decoded: check said nothing and the build
// stopped with "images: … decoding the image", not in file: form. Both
// now report it at the picture, and the build leaves dist/ as it was.
func TestAPictureCutShortIsAnErrorForCheckAndBuild(t *testing.T) {
	site := writeSite(t, outDirSite+"\n![The meeting](meeting.jpg)\n")
	whole := photo(t, 1200, 800)
	writeFile(t, site, "content/leaflets/rent/meeting.jpg", string(whole))
	if code, out := runTract(t, "build", "--site", site); code != 0 {
		t.Fatalf("the whole picture: exit %d\n%s", code, out)
	}
	before := treeHash(t, filepath.Join(site, "dist"))
	writeFile(t, site, "content/leaflets/rent/meeting.jpg", string(whole[:len(whole)/2]))
	want := []string{"content/leaflets/rent/meeting.jpg: error: cannot decode the picture ("}
	for _, cache := range []string{"on", "off"} {
		t.Setenv("TRACT_CACHE", cache)
		code, out := runTract(t, "check", "--site", site)
		checkRun(t, "tract check, cache "+cache, code, out, want)
		code, out = runTract(t, "build", "--site", site)
		checkRun(t, "tract build, cache "+cache, code, out, want)
	}
	if after := treeHash(t, filepath.Join(site, "dist")); after != before {
		t.Errorf("dist/ changed")
	}
}

// A small picture is published as it is, not resized, so nothing decoded
// it: cut short, it passed check and build --no-pdf and showed broken.
// It is decoded now, with the cache and without.
func TestASmallPictureCutShortIsAnErrorWithoutPDFs(t *testing.T) {
	site := writeSite(t, outDirSite+"\n![The meeting](meeting.jpg)\n")
	whole := photo(t, 300, 200)
	writeFile(t, site, "content/leaflets/rent/meeting.jpg", string(whole))
	if code, out := runTract(t, "build", "--no-pdf", "--site", site); code != 0 {
		t.Fatalf("the whole picture: exit %d\n%s", code, out)
	}
	writeFile(t, site, "content/leaflets/rent/meeting.jpg", string(whole[:len(whole)*2/3]))
	want := []string{"content/leaflets/rent/meeting.jpg: error: cannot decode the picture ("}
	for _, cache := range []string{"on", "off"} {
		t.Setenv("TRACT_CACHE", cache)
		code, out := runTract(t, "check", "--no-pdf", "--site", site)
		checkRun(t, "tract check --no-pdf, cache "+cache, code, out, want)
		code, out = runTract(t, "build", "--no-pdf", "--site", site)
		checkRun(t, "tract build --no-pdf, cache "+cache, code, out, want)
	}
}
