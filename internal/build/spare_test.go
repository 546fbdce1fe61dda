package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A build into an output that already exists starts from the output
// before last (the spare), keeps its folders and the files that did not
// change, and ends with exactly what a build from nothing makes, whatever
// happened to the spare in between.
func TestABuildStartsFromTheSpareAndEndsAsABuildFromNothing(t *testing.T) {
	dir, cache := writeSite(t, upToDateSite+strikeLeaflet+`-- content/leaflets/picket/en.md --
---
title: Picket
date: 2026-08-02
---
Join the picket line.
`), t.TempDir()
	dist := filepath.Join(dir, "dist")
	rent := "content/leaflets/rent/en.md"
	edit := func(words string) {
		t.Helper()
		writeFile(t, dir, rent, "---\ntitle: Rent\ndate: 2026-09-01\n---\nWe refuse the rent rise, "+words+".\n")
	}
	fresh := func() string {
		t.Helper()
		out := t.TempDir()
		if _, err := Build(context.Background(), Options{SiteDir: dir, OutDir: out, Now: now, NoCache: true, NoPDF: true}); err != nil {
			t.Fatal(err)
		}
		return treeHash(t, out)
	}

	buildInto(t, dir, cache, now)
	folder := stat(t, filepath.Join(dist, "en/leaflets/picket"))
	spare := sparePath(Options{OutDir: dist, CacheDir: cache})
	if _, err := os.Stat(spare); err == nil {
		t.Fatal("the first build left a spare: there was no old output to keep")
	}
	edit("all of us")
	buildInto(t, dir, cache, now)
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("the second build did not keep the old output as the spare: %v", err)
	}

	// The third build starts from the first one's tree: the folder of a
	// page that did not change is the same folder, not a new one. The
	// page it changes is one the second build did not: in the spare, it
	// is the same file as in dist/, which must not change until the swap.
	second := treeHash(t, dist)
	writeFile(t, dir, "content/leaflets/strike/en.md", "---\ntitle: Strike\ndate: 2026-08-01\n---\nWe stand with the strikers, all of them.\n")
	res := buildInto(t, dir, cache, now)
	if !os.SameFile(stat(t, filepath.Join(dist, "en/leaflets/picket")), folder) {
		t.Error("the build made the folders again instead of starting from the spare")
	}
	if res.Kept == 0 || res.Reused >= res.Files {
		t.Errorf("%d files reused and %d pages kept of %d", res.Reused, res.Kept, res.Files)
	}
	if data, _ := os.ReadFile(filepath.Join(dist, "en/leaflets/strike/index.html")); !strings.Contains(string(data), "all of them") {
		t.Error("the edited page does not show the edit")
	}
	if got, want := treeHash(t, dist), fresh(); got != want {
		t.Errorf("built from the spare, dist/ is %s; a build from nothing makes %s", got, want)
	}
	if got := treeHash(t, spare); got != second {
		t.Errorf("the last output, now the spare, is %s; it was %s: the build wrote into it", got, second)
	}

	// What a spare may hold by the next build: a page spoilt by hand, a
	// file nobody wrote, a file where the build needs a folder, and the
	// page of an item that is gone.
	writeFile(t, spare, "en/events/meeting/index.html", "spoilt")
	writeFile(t, spare, "stray.txt", "nobody wrote this")
	if err := os.RemoveAll(filepath.Join(spare, "en/leaflets/strike")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, spare, "en/leaflets/strike", "a file where a folder goes")
	if err := os.RemoveAll(filepath.Join(dir, "content/leaflets/picket")); err != nil {
		t.Fatal(err)
	}
	edit("each and every one of us")
	buildInto(t, dir, cache, now)
	if got, want := treeHash(t, dist), fresh(); got != want {
		t.Errorf("built from a spoilt spare, dist/ is %s; a build from nothing makes %s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dist, "en/leaflets/picket")); err == nil {
		t.Error("the page of a removed leaflet is still there")
	}

	// A build that fails while writing puts the spare back, and the
	// next one starts from it.
	folder = stat(t, filepath.Join(spare, "en/events/meeting"))
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "templates/home.html", `{{template "base" .}}{{define "main"}}{{.NoSuchField}}{{end}}`)
	edit("all of us, still")
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true}); err == nil {
		t.Fatal("a home page template that reads a field that does not exist did not fail the build")
	}
	if err := os.Remove(filepath.Join(dir, "templates/home.html")); err != nil {
		t.Fatal(err)
	}
	buildInto(t, dir, cache, now)
	if !os.SameFile(stat(t, filepath.Join(dist, "en/events/meeting")), folder) {
		t.Error("after a failed build, the next one did not start from the spare")
	}
	if got, want := treeHash(t, dist), fresh(); got != want {
		t.Errorf("after a failed build, dist/ is %s; a build from nothing makes %s", got, want)
	}

	// Without the output, a build is one from nothing: it does not
	// start from the spare.
	if err := os.RemoveAll(dist); err != nil {
		t.Fatal(err)
	}
	edit("all of us, again")
	res = buildInto(t, dir, cache, now)
	if res.Reused != 0 {
		t.Errorf("a build after dist/ was removed reused %d files", res.Reused)
	}
	for _, p := range []string{spare, spare + trashSuffix} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there after a build from nothing", filepath.Base(p))
		}
	}
	if got, want := treeHash(t, dist), fresh(); got != want {
		t.Errorf("after dist/ was removed, dist/ is %s; a build from nothing makes %s", got, want)
	}

	// Without the cache, no spare is kept, and the next build with it
	// does not trust the one left from before.
	if _, err := Build(context.Background(), Options{SiteDir: dir, Now: now, CacheDir: cache, NoPDF: true, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	edit("all of us again")
	buildInto(t, dir, cache, now)
	if got, want := treeHash(t, dist), fresh(); got != want {
		t.Errorf("after a build without the cache, dist/ is %s; a build from nothing makes %s", got, want)
	}
}

// The spare and the kept texts of an output no build has changed for a
// month go, once a day at most; those of an output in use stay. Texts
// that a check or a preview kept, with no stamp, stay while they are
// written within the month.
func TestSparesOfForgottenOutputsArePruned(t *testing.T) {
	cache := t.TempDir()
	builds := filepath.Join(cache, "builds")
	wall := now.Add(100 * 24 * time.Hour)
	for name, age := range map[string]time.Duration{"old": cacheMaxAge + time.Hour, "used": time.Hour, "nostamp": cacheMaxAge + time.Hour, "checked": time.Hour} {
		if err := os.MkdirAll(filepath.Join(builds, name+".spare", "en"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, builds, name+".texts", textsFormat)
		writeFile(t, builds, name+".fronts", frontsFormat)
		writeFile(t, builds, name+".checked", "{}")
		if name == "nostamp" || name == "checked" {
			for _, ext := range []string{".texts", ".fronts", ".checked"} {
				if err := os.Chtimes(filepath.Join(builds, name+ext), wall.Add(-age), wall.Add(-age)); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		stamp := filepath.Join(builds, name+".json")
		writeFile(t, builds, name+".json", "{}")
		if err := os.Chtimes(stamp, wall.Add(-age), wall.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(builds, "killed.spare"+trashSuffix, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, age := range map[string]time.Duration{"killed.texts.tmp1": 25 * time.Hour, "writing.texts.tmp2": time.Minute} {
		writeFile(t, builds, name, "half")
		if err := os.Chtimes(filepath.Join(builds, name), wall.Add(-age), wall.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{CacheDir: cache}
	pruneSpares(opts, wall)
	if _, err := os.Stat(filepath.Join(builds, "killed.spare"+trashSuffix)); err == nil {
		t.Error("a spare set aside by a killed build was not removed")
	}
	for name, kept := range map[string]bool{"old": false, "used": true, "nostamp": false, "checked": true} {
		if _, err := os.Stat(filepath.Join(builds, name+".spare")); (err == nil) != (kept && name != "checked") {
			t.Errorf("spare %s: kept %v, want %v", name, err == nil, kept && name != "checked")
		}
		for _, ext := range []string{".texts", ".fronts", ".checked"} {
			if _, err := os.Stat(filepath.Join(builds, name+ext)); (err == nil) != kept {
				t.Errorf("%s%s: kept %v, want %v", name, ext, err == nil, kept)
			}
		}
	}
	for name, kept := range map[string]bool{"killed.texts.tmp1": false, "writing.texts.tmp2": true} {
		if _, err := os.Stat(filepath.Join(builds, name)); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
	// Not again the same day.
	if err := os.Chtimes(filepath.Join(builds, "used.json"), wall.Add(-cacheMaxAge-time.Hour), wall.Add(-cacheMaxAge-time.Hour)); err != nil {
		t.Fatal(err)
	}
	pruneSpares(opts, wall.Add(time.Hour))
	if _, err := os.Stat(filepath.Join(builds, "used.spare")); err != nil {
		t.Error("the spares were pruned twice in a day")
	}
	pruneSpares(opts, wall.Add(pruneEvery+time.Hour))
	if _, err := os.Stat(filepath.Join(builds, "used.spare")); err == nil {
		t.Error("a spare unused for a month was still there a day later")
	}
}
