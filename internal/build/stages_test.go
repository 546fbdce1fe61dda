package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// A build that fails says in which stage, by the name Progress gives it:
// a text that does not parse is the parse stage's failure, with PDFs or
// without; a text its PDFs cannot be made of is the pdf stage's; a page
// that cannot be written is the render stage's; a bad SOURCE_DATE_EPOCH
// or output folder stops the build as it loads.
func TestAFailedBuildNamesTheStageItFailedIn(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("| Flat | Rent |\n|---|---|\n")
	for i := range 4000 {
		fmt.Fprintf(&rows, "| Flat %d | %d,00 € |\n", i, 600+i%300)
	}
	const leaflet = "-- content/leaflets/%s/en.md --\n---\ntitle: T\n---\n%s\n"
	badLink := fmt.Sprintf(leaflet, "bad", "Read [the other leaflet](../other/en.md).")
	tooLong := fmt.Sprintf(leaflet, "long", rows.String())
	good := fmt.Sprintf(leaflet, "good", "Nothing wrong here.")

	for _, c := range []struct {
		name, site string
		opts       func(o *Options)
		want       string // the error starts with it
		diag       string // a diagnostic the build reports, if not ""
	}{
		{name: "a link to nothing, with PDFs", site: badLink + good,
			want: StageParse + ": ", diag: `content/leaflets/bad/en.md:4: error: link "../other/en.md": there is no item content/leaflets/other`},
		{name: "a link to nothing, without PDFs", site: badLink + good, opts: func(o *Options) { o.NoPDF = true },
			want: StageParse + ": ", diag: `content/leaflets/bad/en.md:4: error: link "../other/en.md": there is no item content/leaflets/other`},
		{name: "a leaflet of many pages", site: tooLong + good,
			want: StagePDF + ": ", diag: "content/leaflets/long/en.md: error: PDF: does not fit on 8 A4 pages even at 8.5 pt: a leaflet is one or two pages; shorten it, or make it a pamphlet (content/pamphlets/)"},
		{name: "a panic making a PDF", site: good, opts: func(o *Options) { o.hooks = panicAt("content/leaflets/good/en.md", "") },
			want: StagePDF + ": ", diag: "content/leaflets/good/en.md: error: internal error while making the PDF (please report it): boom"},
		{name: "a page that cannot be written", site: good, opts: func(o *Options) { o.hooks = blockPage(t, o.OutDir, "en/index.html") },
			want: StageRender + ": "},
		{name: "the site as its own output", site: good, opts: func(o *Options) { o.OutDir = o.SiteDir },
			want: StageLoad + ": the output folder "},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, c.site)
			opts := Options{SiteDir: dir, OutDir: filepath.Join(t.TempDir(), "dist"), Now: now, NoCache: true}
			if c.opts != nil {
				c.opts(&opts)
			}
			res, err := Build(context.Background(), opts)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("the build failed with %v; want an error starting %q", err, c.want)
			}
			if c.diag != "" && (res == nil || !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.String() == c.diag })) {
				t.Errorf("the build reported %v; want %q", res.Diagnostics, c.diag)
			}
		})
	}

	t.Run("SOURCE_DATE_EPOCH not a number", func(t *testing.T) {
		t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
		dir := writeSite(t, good)
		_, err := Build(context.Background(), Options{SiteDir: dir, NoPDF: true, NoCache: true})
		if want := StageLoad + `: SOURCE_DATE_EPOCH="yesterday" is not a number of seconds`; err == nil || err.Error() != want {
			t.Errorf("the build failed with %v; want %q", err, want)
		}
	})
}

// blockPage returns hooks that, as the page at page starts to be
// rendered, put a folder where the build is about to write it, in the
// new output beside out: writing it fails, whoever runs the test.
func blockPage(t *testing.T, out, page string) *hooks {
	return &hooks{render: func(p string) {
		if p != page {
			return
		}
		news, err := filepath.Glob(filepath.Join(filepath.Dir(out), tmpPrefix+"*"))
		if err != nil || len(news) != 1 {
			t.Errorf("the new output beside %s: %v, %v", out, news, err)
			return
		}
		if err := os.MkdirAll(filepath.Join(news[0], filepath.FromSlash(page)), 0o755); err != nil {
			t.Error(err)
		}
	}}
}

// A build's timings name its stages as Progress does, in the order they
// run.
func TestABuildsTimingsNameItsStagesAsProgressDoes(t *testing.T) {
	dir := writeSite(t, withDigests(t, trilingual))
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range res.Stages {
		names = append(names, s.Name)
	}
	want := []string{StageLoad, StageParse + " and " + StagePDF, StageRender, StageImages, StageCopy, StageSwap}
	if !slices.Equal(names, want) {
		t.Errorf("stages %q, want %q", names, want)
	}
}
