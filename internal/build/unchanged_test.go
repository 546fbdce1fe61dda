package build

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// upToDateSite is a small site with an event, so that time matters.
const upToDateSite = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2026-09-01
---
We refuse the rent rise.
-- content/events/meeting/en.md --
---
title: Meeting
starts: 2026-12-01T19:00:00Z
ends: 2026-12-01T21:00:00Z
venue: The hall
---
Come along.
`

// strikeLeaflet is a second leaflet, for the tests of what a build after
// an edit of the first one reuses.
const strikeLeaflet = `-- content/leaflets/strike/en.md --
---
title: Strike
date: 2026-08-01
---
We stand with the strikers.
`

func buildInto(t *testing.T, dir, cache string, when time.Time) *Result {
	t.Helper()
	res, err := Build(context.Background(), Options{SiteDir: dir, Now: when, CacheDir: cache, NoPDF: true})
	if err != nil {
		t.Fatalf("build: %v %v", err, res.Diagnostics)
	}
	return res
}

func TestABuildWithNothingChangedDoesNothing(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite), t.TempDir()
	first := buildInto(t, dir, cache, now)
	if first.UpToDate {
		t.Fatal("the first build found itself up to date")
	}
	index := filepath.Join(dir, "dist/en/index.html")
	before, err := os.Stat(index)
	if err != nil {
		t.Fatal(err)
	}
	again := buildInto(t, dir, cache, now)
	if !again.UpToDate {
		t.Fatal("a build with nothing changed did the work again")
	}
	if again.Pages != first.Pages || again.Files != first.Files || len(again.Diagnostics) != len(first.Diagnostics) {
		t.Errorf("the up-to-date build reports %d pages, %d files, %d diagnostics; the build before %d, %d, %d",
			again.Pages, again.Files, len(again.Diagnostics), first.Pages, first.Files, len(first.Diagnostics))
	}
	if after, _ := os.Stat(index); !after.ModTime().Equal(before.ModTime()) {
		t.Error("the up-to-date build rewrote dist/")
	}

	// Each change of what the site is made of is seen.
	steps := []struct {
		what   string
		change func()
	}{
		{"a text edited", func() {
			writeFile(t, dir, "content/leaflets/rent/en.md", "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, all of us.\n")
		}},
		{"a template added", func() {
			os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
			writeFile(t, dir, "templates/extra.html", `{{define "extra"}}{{end}}`)
		}},
		{"a file beside a text added", func() {
			writeFile(t, dir, "content/leaflets/rent/flyer.txt", "print me")
		}},
		{"that file's bytes changed, not its size", func() {
			writeFile(t, dir, "content/leaflets/rent/flyer.txt", "print us")
		}},
		{"tract.toml changed", func() {
			data, _ := os.ReadFile(filepath.Join(dir, "tract.toml"))
			writeFile(t, dir, "tract.toml", string(data)+"\n# a comment\n")
		}},
		{"a file of the output removed", func() { os.Remove(index) }},
		{"a file of the output rewritten", func() {
			writeFile(t, dir, "dist/en/index.html", "<p>changed by hand</p>")
		}},
		{"a file added to the output", func() { writeFile(t, dir, "dist/stray.txt", "x") }},
	}
	for _, step := range steps {
		step.change()
		if res := buildInto(t, dir, cache, now); res.UpToDate {
			t.Errorf("%s: the build found nothing to do", step.what)
		}
		if res := buildInto(t, dir, cache, now); !res.UpToDate {
			t.Errorf("%s: the build after that one did the work again", step.what)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dist/stray.txt")); err == nil {
		t.Error("the stray file survived a build")
	}
	if data, _ := os.ReadFile(index); strings.Contains(string(data), "changed by hand") {
		t.Error("the file changed by hand survived a build")
	}
}

func TestAnEventEndingMakesTheNextBuildDoTheWork(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite), t.TempDir()
	before := time.Date(2026, 12, 1, 20, 0, 0, 0, time.UTC) // during the meeting
	buildInto(t, dir, cache, before)
	// Options.Now is part of what a build is made from; the clock is not.
	// Here the stamp's validity is what is tested: the same inputs, later.
	if res := buildInto(t, dir, cache, before); !res.UpToDate {
		t.Fatal("a second build at the same time did the work again")
	}
	st := mustReadStamp(t, cache, dir)
	ends := time.Date(2026, 12, 1, 21, 0, 0, 0, time.UTC)
	if want := ends.Add(time.Nanosecond); !st.ValidUntil.Equal(want) {
		t.Errorf("valid until %v, want %v (when the meeting ends)", st.ValidUntil, want)
	}
	// With the clock for "now", as a build without Options.Now has it:
	// up to date while the meeting goes on, not once it has ended.
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	opts := Options{SiteDir: dir, OutDir: filepath.Join(dir, "dist"), Now: before, CacheDir: cache, NoPDF: true}
	if res, _, _ := upToDate(root.FS(), opts, ends, time.Now()); res == nil {
		t.Error("not up to date as the meeting ends")
	}
	if res, _, _ := upToDate(root.FS(), opts, ends.Add(time.Second), time.Now()); res != nil {
		t.Error("up to date after the meeting ended: its pages still say it is upcoming")
	}
}

func TestNoCacheNeverSkipsABuild(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite), t.TempDir()
	for range 2 {
		res, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.UpToDate {
			t.Error("--no-cache skipped a build")
		}
	}
}

func mustReadStamp(t *testing.T, cache, dir string) stamp {
	t.Helper()
	file := stampPath(Options{CacheDir: cache, OutDir: filepath.Join(dir, "dist")})
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var st stamp
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// stat is os.Stat, failing the test on an error.
func stat(t *testing.T, name string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// After one edit, a build links every page that came out the same from
// the last build's output instead of writing it, writes the others, and
// the result is byte for byte what a build from nothing makes.
func TestABuildAfterAnEditLinksThePagesThatDidNotChange(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite+strikeLeaflet), t.TempDir()
	buildInto(t, dir, cache, now)
	dist := filepath.Join(dir, "dist")
	strike, rent := filepath.Join(dist, "en/leaflets/strike/index.html"), filepath.Join(dist, "en/leaflets/rent/index.html")
	strikeBefore, rentBefore := stat(t, strike), stat(t, rent)

	writeFile(t, dir, "content/leaflets/rent/en.md", "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, all of us.\n")
	res := buildInto(t, dir, cache, now)
	if res.UpToDate {
		t.Fatal("the build after an edit found itself up to date")
	}
	if res.Reused == 0 || res.Reused >= res.Files {
		t.Fatalf("%d of %d files reused after one edit", res.Reused, res.Files)
	}
	if !os.SameFile(stat(t, strike), strikeBefore) {
		t.Error("the page of the leaflet not edited was written again, not linked")
	}
	if os.SameFile(stat(t, rent), rentBefore) {
		t.Error("the page of the edited leaflet was linked from the last build")
	}
	if data, _ := os.ReadFile(rent); !strings.Contains(string(data), "all of us") {
		t.Error("the edited page does not show the edit")
	}

	// A page of the output changed by hand (its time changes) is not
	// linked: the build writes it again.
	writeFile(t, dir, "dist/en/leaflets/strike/index.html", "spoilt")
	writeFile(t, dir, "content/leaflets/rent/en.md", "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, every one of us.\n")
	buildInto(t, dir, cache, now)
	if data, _ := os.ReadFile(strike); !strings.Contains(string(data), "strikers") {
		t.Fatalf("a page spoilt in the output was reused: %q", data)
	}

	// What the builds left is what a build from nothing makes.
	fresh := t.TempDir()
	if _, err := Build(context.Background(), Options{SiteDir: dir, OutDir: fresh, Now: now, NoCache: true, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := treeHash(t, dist), treeHash(t, fresh); got != want {
		t.Errorf("after the edits dist/ is %s; a build from nothing makes %s", got, want)
	}
}

// A calendar whose events did not change is the last build's file, with
// its DTSTAMP and time, though a later build wrote it: a host updated by
// rsync or FTP, which go by size and time, is not sent it again.
func TestAnUnchangedCalendarKeepsItsFileAndDTSTAMP(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite+strikeLeaflet), t.TempDir()
	buildInto(t, dir, cache, now)
	dist := filepath.Join(dir, "dist")
	calendars := []string{"en/events/meeting/meeting.ics", "en/events.ics"}
	before := map[string]os.FileInfo{}
	for _, c := range calendars {
		before[c] = stat(t, filepath.Join(dist, c))
	}
	stamp := read(t, dist, "en/events.ics")

	// An hour later, another text is edited.
	writeFile(t, dir, "content/leaflets/strike/en.md", "---\ntitle: Strike\ndate: 2026-08-01\n---\nWe stand with the strikers, all of us.\n")
	res := buildInto(t, dir, cache, now.Add(time.Hour))
	if res.UpToDate {
		t.Fatal("the build after an edit found itself up to date")
	}
	for _, c := range calendars {
		if !os.SameFile(stat(t, filepath.Join(dist, c)), before[c]) {
			t.Errorf("%s was written again, though its event did not change", c)
		}
	}
	if got := read(t, dist, "en/events.ics"); got != stamp {
		t.Errorf("events.ics changed:\n%s\nwas\n%s", got, stamp)
	}

	// Once the event changes, its calendars are new, stamped with the
	// time of the build that changed them.
	writeFile(t, dir, "content/events/meeting/en.md", "---\ntitle: Meeting\nstarts: 2026-12-01T19:30:00Z\nends: 2026-12-01T21:00:00Z\nvenue: The hall\n---\nCome along.\n")
	later := now.Add(2 * time.Hour)
	buildInto(t, dir, cache, later)
	for _, c := range calendars {
		if os.SameFile(stat(t, filepath.Join(dist, c)), before[c]) {
			t.Errorf("%s was kept, though its event changed", c)
		}
		contains(t, c, read(t, dist, c), "DTSTART:20261201T193000Z", "DTSTAMP:"+later.UTC().Format("20060102T150405Z"))
	}
}

// A file changed after the build summed its inputs, and before it read
// it, is published as the build read it; the build leaves no stamp then,
// so when the change is undone the next build publishes the file again
// rather than finding the site as the stamp says and the output stale.
func TestAFileChangedAfterTheInputsWereSummedLeavesNoStamp(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite), t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	note := filepath.Join(dir, "static", "note.txt")
	writeFile(t, dir, "static/note.txt", "v1\n")
	testHookInputsSummed = func() {
		if err := os.WriteFile(note, []byte("v2\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
	first := buildInto(t, dir, cache, now)
	testHookInputsSummed = nil
	if got, _ := os.ReadFile(filepath.Join(first.OutDir, "note.txt")); string(got) != "v2\n" {
		t.Fatalf("the build published %q, want the bytes it read", got)
	}
	writeFile(t, dir, "static/note.txt", "v1\n") // undone
	res := buildInto(t, dir, cache, now)
	if got, _ := os.ReadFile(filepath.Join(res.OutDir, "note.txt")); res.UpToDate || string(got) != "v1\n" {
		t.Errorf("after the change was undone: up to date %v, note.txt %q; want a build publishing v1", res.UpToDate, got)
	}
}
