package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tractpub/tract/internal/testsite"
)

// An option a command does not have is named in the user's words, with
// the one most likely meant, and the usage follows; a folder given to
// tract build where --site was meant is refused, not ignored.
func TestUnknownOptionsAreToldInTheUsersWords(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--nopdf"}, "tract build: unknown option --nopdf: did you mean --no-pdf?\nusage: tract build"},
		{[]string{"serve", "--port", "8931"}, "tract serve: unknown option --port\nusage: tract serve"},
		{[]string{"status", "leaflets", "--todos"}, "tract status: unknown option --todos: did you mean --todo?"},
		{[]string{"check", "--stric=true"}, "tract check: unknown option --stric: did you mean --strict?"},
		{[]string{"build", "our-site"}, `tract build: it takes no "our-site": to build the site in another folder, give it with --site our-site`},
	} {
		r := tract(t, dir, nil, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("tract %v: exit %d, want 2 and %q in:\n%s", tc.args, r.code, tc.want, r.stderr)
		}
		if strings.Contains(r.stderr, "flag provided but not defined") {
			t.Errorf("tract %v: the flag package's words:\n%s", tc.args, r.stderr)
		}
	}
	// Flags still go before or after the other arguments, values and all.
	if r := tract(t, dir, nil, "status", "--lang", "fr", "leaflets", "--todo"); r.code != 0 {
		t.Errorf("status --lang fr leaflets --todo: exit %d\n%s", r.code, r.stderr)
	}
	if r := tract(t, dir, nil, "build", "-h"); r.code != 0 || !strings.HasPrefix(r.stdout, "usage: tract build") {
		t.Errorf("build -h: exit %d\n%s", r.code, r.stdout)
	}
}

func TestVersionSaysWhichTractThisIs(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		r := tract(t, t.TempDir(), nil, arg)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "tract ") || !strings.Contains(r.stdout, "(go1.") {
			t.Errorf("tract %s: exit %d, %q", arg, r.code, r.stdout)
		}
	}
}

// Run from a folder inside the site, a command finds the site above it,
// as git finds its repository; --site still names it outright.
func TestCommandsFindTheSiteAboveTheCurrentFolder(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	sub := filepath.Join(dir, "content", "leaflets", "rent")
	if r := tract(t, sub, nil, "check", "--no-pdf"); r.code != 0 || !strings.Contains(r.stdout+r.stderr, "no problems found") {
		t.Errorf("check from %s: exit %d\n%s%s", sub, r.code, r.stdout, r.stderr)
	}
	if r := tract(t, sub, nil, "new", "articles", "report"); r.code != 0 {
		t.Fatalf("new from inside the site: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "articles", "report", "en.md")); err != nil {
		t.Errorf("new from inside the site did not write at the site's top: %v", err)
	}
	// tract pdf from an item's folder writes into the site's folder: a
	// PDF named like a build's, beside the text, would stop the next build.
	if r := tract(t, sub, nil, "pdf", "leaflets/rent"); r.code != 0 || !strings.Contains(r.stderr, "writing the PDFs into the site's folder") {
		t.Errorf("pdf from an item's folder: exit %d\n%s", r.code, r.stderr)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(sub, "*.pdf")); len(pdfs) != 0 {
		t.Errorf("pdf from an item's folder wrote %v there", pdfs)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "rent-en-*.pdf")); len(pdfs) == 0 {
		t.Error("pdf from an item's folder wrote nothing into the site's folder")
	}
	// The same with --site naming the site through a link.
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(dir, link); err == nil {
		if r := tract(t, sub, nil, "pdf", "--site", link, "leaflets/rent"); r.code != 0 || !strings.Contains(r.stderr, "writing the PDFs into the site's folder") {
			t.Errorf("pdf --site LINK from an item's folder: exit %d\n%s", r.code, r.stderr)
		}
		if pdfs, _ := filepath.Glob(filepath.Join(sub, "*.pdf")); len(pdfs) != 0 {
			t.Errorf("pdf --site LINK from an item's folder wrote %v there", pdfs)
		}
	}
	if r := tract(t, sub, nil, "check", "--site", "."); r.code != 1 || !strings.Contains(r.stdout+r.stderr, "tract.toml: error: not found") {
		t.Errorf("--site . inside the site: exit %d\n%s", r.code, r.stderr)
	}
}

// Help asked for goes to standard output, so that it can be paged:
// tract help, tract help CMD (CMD's -h) and every command's -h. After a
// mistake, the message and the usage go to standard error, in that order.
func TestHelpAskedForGoesToStandardOutput(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"help"}, {"--help"}, {"help", "build"}, {"build", "-h"}, {"status", "--help"}, {"version", "-h"}, {"help", "defaults"}} {
		r := tract(t, dir, nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "usage: tract") || r.stderr != "" {
			t.Errorf("tract %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	if r := tract(t, dir, nil, "help", "build"); !strings.HasPrefix(r.stdout, "usage: tract build") {
		t.Errorf("tract help build: %q", r.stdout)
	}
	r := tract(t, dir, nil, "build", "--nopdf")
	if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, "tract build: unknown option --nopdf: did you mean --no-pdf?\nusage: tract build") {
		t.Errorf("tract build --nopdf: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
