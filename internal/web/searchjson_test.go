package web

import (
	"bytes"
	"encoding/json"
	"testing"
)

// viaEncodingJSON is idx as encoding/json writes it: the way search
// indexes were written before appendJSON.
func viaEncodingJSON(t testing.TB, idx *searchIndex) []byte {
	t.Helper()
	v := struct {
		Lang  string            `json:"lang"`
		Docs  []searchDoc       `json:"docs"`
		Terms map[string]string `json:"terms"`
	}{idx.Lang, append([]searchDoc{}, idx.Docs...), map[string]string{}}
	for _, term := range idx.Terms {
		v.Terms[term.Word] = term.Pages
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A generated site's indexes are written byte for byte as encoding/json
// wrote them, in a buffer made at their size.
func TestSearchIndexIsWhatEncodingJSONWrote(t *testing.T) {
	r := benchRenderer(t, 300)
	for _, lang := range []string{"en", "fr", "es"} {
		idx := r.searchIndexOf(lang)
		if len(idx.Docs) == 0 || len(idx.Terms) == 0 {
			t.Fatalf("%s: an index of %d pages and %d terms", lang, len(idx.Docs), len(idx.Terms))
		}
		got := r.searchIndex(lang)
		if want := viaEncodingJSON(t, idx); !bytes.Equal(got, want) {
			t.Errorf("%s: the index differs from encoding/json's at byte %d of %d", lang, firstDifference(got, want), len(want))
		}
		if est := idx.jsonSize(); est < len(got) || est > len(got)+len(got)/50 {
			t.Errorf("%s: an index of %d bytes, estimated at %d", lang, len(got), est)
		}
	}
}

// What a page may hold that JSON escapes, in every field, and what an
// index may lack: no pages, no summary, no words, no terms.
func TestSearchIndexEscapesAsEncodingJSON(t *testing.T) {
	odd := "a \"quote\", a \\ backslash, <b>&amp;</b>\n\t\r\b\f\x00\x1f\x7f, é, \u2028\u2029, \xff\xfe bad, 😀"
	for _, idx := range []*searchIndex{
		{Lang: "en"},
		{Lang: "fr", Docs: []searchDoc{{Path: "fr/a/", Title: "A", Meta: "Tracts"}}},
		{Lang: odd, Docs: []searchDoc{
			{Path: odd, Title: odd, Summary: odd, Meta: odd, Words: odd},
			{Path: "x", Title: "", Meta: ""},
		}, Terms: []searchTerm{{"", "1"}, {"a", "0.1"}, {odd, odd}}},
	} {
		if got, want := idx.appendJSON(nil), viaEncodingJSON(t, idx); !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}

// appendJSONString escapes any text as encoding/json does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\/", "\x00\x01\b\f\n\r\t\x1f\x7f", "é\u2028\u2029", "\xff", "\xe2\x80", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("%q: got %s, want %s", s, got, want.Bytes())
		}
	})
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
