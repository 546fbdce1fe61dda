package pdf

import (
	"bytes"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pelletier/go-toml/v2"

	tract "github.com/tractpub/tract"
)

// The PDF cache keys a language's PDFs with what pdf.Messages say in it,
// and nothing else of the locales: every other message reworded, in
// every language, leaves every PDF of the sample site (bulletins,
// pamphlets with contents, events, signatories) the same bytes, and none
// shows message's error for a message not in the list. Reworded too,
// pdf.Messages change the PDFs of every language.
func TestPDFsShowNoMessageButMessages(t *testing.T) {
	want, m := samplePDFs(t, fstest.MapFS{}, nil)
	got, _ := samplePDFs(t, reworded(t, func(id string) bool { return !slices.Contains(Messages, id) }), m)
	if len(got) != len(want) || len(want) < 20 {
		t.Fatalf("%d PDFs, then %d", len(want), len(got))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s changed when only messages outside pdf.Messages were reworded", name)
		}
		if text := tool(t, "pdftotext", writeTemp(t, File{Name: "doc.pdf", Data: data}), "-"); strings.Contains(text, "pdf.Messages") {
			t.Errorf("%s shows a message not in pdf.Messages", name)
		}
	}

	all, _ := samplePDFs(t, reworded(t, func(string) bool { return true }), m)
	changed := map[string]int{}
	for name, data := range want {
		if !bytes.Equal(all[name], data) {
			changed[name[:2]]++
		}
	}
	for _, lang := range []string{"en", "fr", "es"} {
		if changed[lang] == 0 {
			t.Errorf("no %s PDF changed when every message was reworded", lang)
		}
	}
}

// reworded returns tract's locale files with each message for which
// change is true reworded in every plural form.
func reworded(t *testing.T, change func(id string) bool) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, lang := range []string{"en", "fr", "es"} {
		name := "locales/" + lang + ".toml"
		data, err := fs.ReadFile(tract.Defaults, name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatal(err)
		}
		for id, m := range msgs {
			if !change(id) {
				continue
			}
			switch m := m.(type) {
			case string:
				msgs[id] = "Reworded " + m
			case map[string]any:
				for form, text := range m {
					if s, ok := text.(string); ok && form != "description" && form != "hash" && form != "leftDelim" && form != "rightDelim" {
						m[form] = "Reworded " + s
					}
				}
			}
		}
		if data, err = toml.Marshal(msgs); err != nil {
			t.Fatal(err)
		}
		out[name] = &fstest.MapFile{Data: data}
	}
	return out
}

// samplePDFs makes every PDF of the sample site (the repository's
// content/) with the locale files of locales over tract's.
func samplePDFs(t *testing.T, locales fstest.MapFS, m0 *Maker) (map[string][]byte, *Maker) {
	t.Helper()
	m, site := makerFS(t, overlay{locales, os.DirFS("../..")}, nil)
	if m == nil {
		t.Fatal("the sample site has errors")
	}
	if m0 != nil {
		m.Fonts = m0.Fonts
	}
	pdfs := map[string][]byte{}
	for _, it := range site.Items {
		for _, v := range it.Variants {
			files, _, err := m.Make(v)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				pdfs[v.Lang+"/"+it.Section+"/"+f.Name] = f.Data
			}
		}
	}
	return pdfs, m
}
