package build

import (
	"io"
	"io/fs"
	"testing"
	"testing/fstest"
)

// A text inputsSum read is served to the loader once, from memory, with
// its size (the loader checks it against max_file_size_mb); after that,
// and for any other file, the site answers.
func TestPrereadServesEachTextOnceThenTheSite(t *testing.T) {
	site := fstest.MapFS{
		"content/leaflets/rent/en.md": {Data: []byte("on disk")},
		"content/leaflets/rent/fr.md": {Data: []byte("sur le disque")},
	}
	pre := &preread{FS: site, data: map[string][]byte{"content/leaflets/rent/en.md": []byte("as summed")}}

	f, err := pre.Open("content/leaflets/rent/en.md")
	if err != nil {
		t.Fatal(err)
	}
	info, err := f.Stat()
	if err != nil || info.Size() != int64(len("as summed")) || info.Name() != "en.md" || !info.Mode().IsRegular() {
		t.Errorf("Stat of a preread text: %v %v", info, err)
	}
	if data, err := io.ReadAll(f); err != nil || string(data) != "as summed" {
		t.Errorf("first read: %q %v; want the bytes inputsSum read", data, err)
	}
	f.Close()
	if data, err := fs.ReadFile(pre, "content/leaflets/rent/en.md"); err != nil || string(data) != "on disk" {
		t.Errorf("second read: %q %v; want the site's", data, err)
	}

	// ReadFile takes from memory too; drop forgets what was not taken.
	pre = &preread{FS: site, data: map[string][]byte{"content/leaflets/rent/en.md": []byte("as summed"), "content/leaflets/rent/fr.md": []byte("comme sommé")}}
	if data, err := fs.ReadFile(pre, "content/leaflets/rent/en.md"); err != nil || string(data) != "as summed" {
		t.Errorf("ReadFile: %q %v", data, err)
	}
	pre.drop()
	if data, err := fs.ReadFile(pre, "content/leaflets/rent/fr.md"); err != nil || string(data) != "sur le disque" {
		t.Errorf("after drop: %q %v; want the site's", data, err)
	}
	if entries, err := fs.ReadDir(pre, "content/leaflets/rent"); err != nil || len(entries) != 2 {
		t.Errorf("ReadDir: %v %v", entries, err)
	}
	if _, err := fs.Stat(pre, "content/leaflets/rent/none.md"); err == nil {
		t.Error("Stat of a file the site lacks succeeded")
	}
}
