package status

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// gitRepo makes a repository in a temporary directory, isolated from the
// user's git configuration, and returns a function that runs git in it.
func gitRepo(t *testing.T) (dir string, run func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Editor")
	t.Setenv("GIT_AUTHOR_EMAIL", "editor@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Editor")
	t.Setenv("GIT_COMMITTER_EMAIL", "editor@example.org")
	run = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q", "-b", "main")
	return dir, run
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func loadDir(t *testing.T, dir string) *content.Site {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var diags diag.List
	s := content.Load(root.FS(), &diags)
	if s == nil || diags.HasErrors() {
		t.Fatalf("loading the site: %v", diags.Err())
	}
	return s
}

const (
	enV1 = "---\ntitle: Rent\n---\n\nWe refuse the rise.\n\nCome on Thursday.\n"
	enV2 = "---\ntitle: Rent\n---\n\nWe refuse the rent rise.\n\nCome on Thursday.\n"
	enV3 = "---\ntitle: Rent\n---\n\nWe refuse the rent rise.\n\nCome on Thursday at 7 pm.\n"
)

func TestDiffShowsWhatChangedInTheSourceSinceTranslation(t *testing.T) {
	repo, git := gitRepo(t)
	site := filepath.Join(repo, "site") // the site need not be the repository's top
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV1)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\n\nNous refusons la hausse.\n")
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet, and its French translation")
	translatedAt := git("rev-parse", "HEAD")
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	git("commit", "-q", "-am", "say which rise")
	// Uncommitted: the diff goes up to the file as it is now.
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV3)

	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 {
		t.Fatalf("%d changes, want 1: %+v", len(changes), changes)
	}
	c := changes[0]
	if c.Problem != "" {
		t.Fatalf("problem: %s", c.Problem)
	}
	if c.Path != "content/leaflets/rent/fr.md" || c.Source != "content/leaflets/rent/en.md" {
		t.Errorf("change of %s from %s", c.Path, c.Source)
	}
	if c.Revision != translatedAt {
		t.Errorf("revision %s, want %s (the commit the translation was made from)", c.Revision, translatedAt)
	}
	for _, want := range []string{
		"--- content/leaflets/rent/en.md (as translated, commit " + translatedAt[:12] + ")\n",
		"+++ content/leaflets/rent/en.md (now)\n",
		"-We refuse the rise.\n",
		"+We refuse the rent rise.\n",
		"-Come on Thursday.\n",
		"+Come on Thursday at 7 pm.\n",
		" title: Rent\n",
	} {
		if !strings.Contains(c.Diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, c.Diff)
		}
	}
}

func TestDiffFollowsARenamedItem(t *testing.T) {
	site, git := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV1)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\nNous refusons.\n")
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet")
	first := git("rev-parse", "HEAD")
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	git("commit", "-q", "-am", "edit")
	// The translation was made from a text that only exists under the old name.
	git("mv", "content/leaflets/rent", "content/leaflets/no-to-the-rise")
	git("commit", "-q", "-m", "rename")

	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || changes[0].Revision != first || changes[0].Problem != "" {
		t.Fatalf("changes = %+v, want one from %s", changes, first)
	}
}

func TestDiffSaysWhenNoRevisionMatches(t *testing.T) {
	site, git := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV1)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@0123456789ab\n---\nNous refusons.\n")
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet")

	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || !strings.Contains(changes[0].Problem, "no commit of content/leaflets/rent/en.md has the text this was translated from") {
		t.Errorf("changes = %+v", changes)
	}
}

func TestDiffSaysWhenTheSiteIsNotInGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	site := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
`+enV1+`
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@0123456789ab
---
Nous refusons.
`)
	// Keep git from finding a repository above the temporary directory.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(site))
	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || changes[0].Problem != "the site is not in a git repository, so the text this was translated from cannot be found" {
		t.Errorf("changes = %+v", changes)
	}
}

func TestDiffSaysWhenGitIsMissing(t *testing.T) {
	site := testsite.Dir(t, `
-- content/leaflets/rent/en.md --
`+enV1+`
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@0123456789ab
---
Nous refusons.
`)
	t.Setenv("PATH", t.TempDir())
	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || changes[0].Problem != "git is not installed, so the text this was translated from cannot be found" {
		t.Errorf("changes = %+v", changes)
	}
}

func TestNoOutdatedTranslationNeedsNoGit(t *testing.T) {
	site := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+enV1)
	t.Setenv("PATH", t.TempDir())
	if changes := Changes(context.Background(), site, loadDir(t, site), nil); changes != nil {
		t.Errorf("changes = %+v, want none", changes)
	}
}

// A diff's line numbers are the source file's own, old and new, front
// matter included: a translator told a change is at line 12 finds it at
// line 12 of en.md, not of the title, summary and text run together (a
// volunteer's review). A hunk that changes only what needs no
// translating (a date, a blank line) is left out.
func TestDiffLineNumbersAreTheFilesOwn(t *testing.T) {
	site, git := gitRepo(t)
	const v1 = "---\ntitle: \"Rent\"\ndate: 2026-12-05\nsummary: \"About rent.\"\ntags: []\n---\n\nPara one.\n\nPara two.\n\nPara three.\n\nPara four.\n\nPara five.\n\nPara six.\n\nPara seven.\n"
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), v1)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, v1)+"\n---\n\nUn.\n")
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet")
	// Line 12 changes; two lines are added before it, so it is line 14
	// now; and the date, at line 3, changes too.
	v2 := strings.Replace(v1, "2026-12-05", "2027-01-01", 1)
	v2 = strings.Replace(v2, "Para two.\n", "Para two.\n\nPara two and a half.\n", 1)
	v2 = strings.Replace(v2, "Para three.", "Para three, changed.", 1)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), v2)

	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || changes[0].Problem != "" {
		t.Fatalf("changes = %+v", changes)
	}
	want := "@@ -9,7 +9,9 @@\n \n Para two.\n \n-Para three.\n+Para two and a half.\n+\n+Para three, changed.\n \n Para four.\n \n"
	if !strings.Contains(changes[0].Diff, want) {
		t.Errorf("diff lacks\n%s\nin\n%s", want, changes[0].Diff)
	}
	if strings.Contains(changes[0].Diff, "date:") || strings.Count(changes[0].Diff, "@@ ") != 1 {
		t.Errorf("the date's hunk is shown:\n%s", changes[0].Diff)
	}

	// The title, as it is written in the file (quoted), is shown at its
	// own line.
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), strings.Replace(v1, "\"Rent\"", "\"Rent rise\"", 1))
	changes = Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 || !strings.Contains(changes[0].Diff, "@@ -1,5 +1,5 @@\n ---\n-title: \"Rent\"\n+title: \"Rent rise\"\n date: 2026-12-05\n") {
		t.Errorf("changes = %+v", changes)
	}
}

// In a repository with no commit yet, --diff says there is no history
// and to commit, not git log's "exit status 128: your current branch
// 'main' does not have any commits yet" (a volunteer's review).
func TestDiffSaysWhenNothingIsCommittedYet(t *testing.T) {
	site, _ := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\nNous refusons.\n")

	changes := Changes(context.Background(), site, loadDir(t, site), nil)
	if len(changes) != 1 {
		t.Fatalf("changes = %+v", changes)
	}
	p := changes[0].Problem
	if !strings.HasPrefix(p, "there is no history yet") || !strings.Contains(p, "git add -A && git commit") || strings.Contains(p, "exit status") {
		t.Errorf("problem = %q", p)
	}
}

// A source git has no commit of cannot be taken back with git restore:
// tract status does not say it can.
func TestARestoreIsOfferedOnlyForACommittedSource(t *testing.T) {
	site, git := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\nNous refusons.\n")
	const en = "content/leaflets/rent/en.md"
	for _, step := range []struct {
		name string
		do   func()
		want []string
	}{
		{"new", func() {}, nil},
		{"added", func() { git("add", ".") }, nil},
		{"committed, then changed", func() {
			git("commit", "-q", "-m", "rent")
			write(t, filepath.Join(site, en), enV3)
		}, []string{en}},
	} {
		step.do()
		m := New(loadDir(t, site))
		m.FindUncommitted(context.Background(), site)
		if !slices.Equal(m.Uncommitted, step.want) {
			t.Errorf("%s: uncommitted %v, want %v", step.name, m.Uncommitted, step.want)
		}
		var b strings.Builder
		if err := m.WriteText(&b, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), "git restore"); got != (step.want != nil) {
			t.Errorf("%s: git restore offered: %v\n%s", step.name, got, b.String())
		}
	}
}

// countGit puts, in front of PATH, a git that logs the command of each
// run (log, cat-file...) to a file, then runs the real one; the returned
// function reads how many times each command ran.
func countGit(t *testing.T) func() map[string]int {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the counting git is a shell script")
	}
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	bin := t.TempDir()
	runs := filepath.Join(bin, "runs")
	// tract runs git -c core.quotePath=false COMMAND ...
	write(t, filepath.Join(bin, "git"), "#!/bin/sh\nif [ \"$1\" = -c ]; then echo \"$3\"; else echo \"$1\"; fi >>"+runs+"\nexec "+real+" \"$@\"\n")
	if err := os.Chmod(filepath.Join(bin, "git"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() map[string]int {
		data, err := os.ReadFile(runs)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, c := range strings.Fields(string(data)) {
			n[c]++
		}
		return n
	}
}

// Each git log --follow walks the whole history: one for each outdated
// translation made tract status --diff quadratic in the size of the
// archive (100 s at 3,000 items). Past a few sources, one git log lists
// every change, and one git cat-file reads the versions, renamed or not.
func TestDiffOfManySourcesReadsTheHistoryOnce(t *testing.T) {
	site, git := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	const n = 2 * followAtMost
	for i := range n {
		dir := filepath.Join(site, "content/leaflets", fmt.Sprint("rent-", i))
		write(t, filepath.Join(dir, "en.md"), enV1)
		write(t, filepath.Join(dir, "fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\n\nNous refusons.\n")
	}
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflets")
	first := git("rev-parse", "HEAD")
	for i := range n {
		write(t, filepath.Join(site, "content/leaflets", fmt.Sprint("rent-", i), "en.md"), enV2)
	}
	git("commit", "-q", "-am", "edit")
	git("mv", "content/leaflets/rent-0", "content/leaflets/no-to-the-rise")
	git("commit", "-q", "-m", "rename")
	s := loadDir(t, site)
	runs := countGit(t)

	changes := Changes(context.Background(), site, s, nil)
	if len(changes) != n {
		t.Fatalf("%d changes, want %d", len(changes), n)
	}
	for _, c := range changes {
		if c.Revision != first || c.Problem != "" || !strings.Contains(c.Diff, "+We refuse the rent rise.\n") {
			t.Errorf("change = %+v, want one from %s", c, first)
		}
	}
	if got := runs(); got["log"] != 1 || got["cat-file"] != 1 || got["show"] != 0 {
		t.Errorf("git ran %v times, want log and cat-file once", got)
	}
}

// A source two translations were made from has its history read once.
func TestASourceOfTwoTranslationsIsLookedUpOnce(t *testing.T) {
	site, git := gitRepo(t)
	write(t, filepath.Join(site, "tract.toml"), testsite.DefaultConfig)
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV1)
	write(t, filepath.Join(site, "content/leaflets/rent/fr.md"), "---\ntitle: Loyer\ntranslated_from: en@"+digest(t, enV1)+"\n---\n\nNous refusons.\n")
	write(t, filepath.Join(site, "content/leaflets/rent/es.md"), "---\ntitle: Alquiler\ntranslated_from: en@"+digest(t, enV1)+"\n---\n\nRechazamos.\n")
	git("add", ".")
	git("commit", "-q", "-m", "rent leaflet")
	write(t, filepath.Join(site, "content/leaflets/rent/en.md"), enV2)
	git("commit", "-q", "-am", "edit")
	s := loadDir(t, site)
	runs := countGit(t)

	if changes := Changes(context.Background(), site, s, nil); len(changes) != 2 || changes[0].Diff == "" || changes[1].Diff == "" {
		t.Fatalf("changes = %+v", changes)
	}
	if got := runs(); got["log"] != 1 {
		t.Errorf("git ran %v times, want log once", got)
	}
}
