package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/bench/corpus"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
)

// Every file of a generated site is the same, byte for byte, whether the
// templates' messages were folded or asked of T on each page.
func TestFoldedMessagesRenderAsTheCallsDid(t *testing.T) {
	r, _ := corpusRenderer(t, corpus.Generate(corpus.Options{Items: 40, Seed: 3}), true)
	var diags diag.List
	unfolded := LoadTemplates(tract.Defaults, r.cat, &diags)
	if unfolded == nil {
		t.Fatal(diags.Err())
	}
	calls := NewRenderer(r.site, r.cat, unfolded, r.docs, r.now, nil)
	files, others := r.Files(), calls.Files()
	if len(files) != len(others) || len(files) < 100 {
		t.Fatalf("%d files folded, %d with calls", len(files), len(others))
	}
	for i, f := range files {
		var got, want bytes.Buffer
		if err := f.Render(&got); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if err := others[i].Render(&want); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%s differs with the messages folded:\n%s\nwith calls:\n%s", f.Path, got.String(), want.String())
		}
	}
}

// A message is folded where T is given its ID alone and is the first of
// its pipeline; html/template then escapes the text wherever it stands as
// it escaped what T returned.
func TestAMessageIsFoldedOnlyWhereItsCallIsOnItsOwn(t *testing.T) {
	var diags diag.List
	site := fstest.MapFS{"locales/en.toml": {Data: []byte(`Search = "Find <b>\"this\"</b> & that"` + "\n")}}
	cat := locale.Load(site, tract.Defaults, []string{"en"}, "en", &diags)
	if cat == nil {
		t.Fatal(diags.Err())
	}
	loc := cat.Localizer("en")
	const text = `{{define "u"}}[{{.}}]{{end}}` +
		`<p title="{{T "Search"}}">{{T "Search"}}</p><a href="/q?{{T "Search"}}">x</a>` +
		`<script>var s = {{T "Search"}};</script>{{template "u" (T "Search")}}{{if T "Search"}}y{{end}}` +
		`{{T "SearchResults" 2 "Count" 2}}{{"Search" | printf "%s" | T}}{{2 | T "Search"}}`
	parse := func() *template.Template {
		return template.Must(template.New("t").Funcs(langFuncs(loc)).Parse(text))
	}
	folded, calls := parse(), parse()
	foldMessages(folded, loc)
	tree := folded.Tree.Root.String()
	for _, want := range []string{
		`<p title="{{"Find <b>\"this\"</b> & that"}}">`,
		`{{template "u" ("Find <b>\"this\"</b> & that")}}`,
		`{{if "Find <b>\"this\"</b> & that"}}`,
		`{{T "SearchResults" 2 "Count" 2}}`,
		`{{"Search" | printf "%s" | T}}`,
		`{{2 | T "Search"}}`,
	} {
		if !strings.Contains(tree, want) {
			t.Errorf("the folded tree lacks %s:\n%s", want, tree)
		}
	}
	var got, want bytes.Buffer
	if err := folded.Execute(&got, nil); err != nil {
		t.Fatal(err)
	}
	if err := calls.Execute(&want, nil); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("folded:\n%s\nwith calls:\n%s", got.String(), want.String())
	}
	if !strings.Contains(got.String(), `<p title="Find &lt;b&gt;&#34;this&#34;&lt;/b&gt; &amp; that">Find &lt;b&gt;&#34;this&#34;&lt;/b&gt; &amp; that</p>`) {
		t.Errorf("the message is not escaped as HTML where it stands:\n%s", got.String())
	}
}
