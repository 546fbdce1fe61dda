package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tract init makes a site that checks and builds as it is, and takes a
// first text from tract new.
func TestInitStartsASiteThatBuilds(t *testing.T) {
	parent := t.TempDir()
	r := tract(t, parent, nil, "init", "kellingford", "--title", "Réseau de Kellingford")
	if r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"wrote kellingford/tract.toml, kellingford/content/, kellingford/.gitignore", "cd kellingford", "tract new leaflets first-leaflet", "set base_url"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init's output lacks %q:\n%s", want, r.stdout)
		}
	}
	dir := filepath.Join(parent, "kellingford")
	toml := readFile(t, filepath.Join(dir, "tract.toml"))
	for _, want := range []string{`languages = ["en", "fr", "es"]`, `paper = "a4"`, `fr = "Réseau de Kellingford"`} {
		if !strings.Contains(toml, want) {
			t.Errorf("tract.toml lacks %q:\n%s", want, toml)
		}
	}
	if got := readFile(t, filepath.Join(dir, ".gitignore")); !strings.Contains(got, "/dist/") || !strings.Contains(got, "/*.pdf") {
		t.Errorf(".gitignore does not leave dist/ and tract pdf's PDFs out:\n%s", got)
	}
	if r := tract(t, dir, nil, "check"); r.code != 0 {
		t.Errorf("check of the new site: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := tract(t, dir, nil, "new", "leaflets", "first-leaflet"); r.code != 0 {
		t.Fatalf("new: exit %d\n%s", r.code, r.stderr)
	}
	r = tract(t, dir, nil, "build")
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "and 1 PDF (") {
		t.Errorf("the summary does not count one PDF in the singular:\n%s", r.stdout)
	}
	page := readFile(t, filepath.Join(dir, "dist/fr/index.html"))
	if !strings.Contains(page, "Réseau de Kellingford") {
		t.Errorf("the French home page does not carry the title")
	}
}

// tract init writes nothing over a site, nor anything at all when a flag
// is wrong; a .gitignore already there is left as it was.
func TestInitWritesNothingItShouldNot(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("node_modules/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"init", "--languages", "en,fr,en"}, 2, `--languages lists "en" twice`},
		{[]string{"init", "--languages", "english"}, 2, `language "english" is not a language tag`},
		{[]string{"init", "--paper", "a3"}, 2, `paper "a3" is not one of`},
		{[]string{"init", "--url", "example.org"}, 2, `base_url "example.org" is not an http or https address`},
	} {
		r := tract(t, dir, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "nothing was written") {
			t.Errorf("%v: exit %d, want %d and %q\n%s", tc.args, r.code, tc.code, tc.want, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "tract.toml")); err == nil {
			t.Fatalf("%v wrote tract.toml", tc.args)
		}
	}
	r := tract(t, dir, nil, "init", "--languages", "en,pt-BR", "--paper", "Letter")
	if r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "pt-BR: tract has no messages in this language yet") {
		t.Errorf("init does not say pt-BR needs its messages:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, ".gitignore") || readFile(t, filepath.Join(dir, ".gitignore")) != "node_modules/\n" {
		t.Errorf("init wrote over the .gitignore that was there:\n%s", r.stdout)
	}
	before := readFile(t, filepath.Join(dir, "tract.toml"))
	for _, want := range []string{"\npt-BR = ", `paper = "letter"`} {
		if !strings.Contains(before, want) {
			t.Errorf("tract.toml lacks %q:\n%s", want, before)
		}
	}
	r = tract(t, dir, nil, "init", "--title", "Another")
	if r.code != 1 || !strings.Contains(r.stderr, "tract.toml already exists") {
		t.Errorf("init over a site: exit %d\n%s", r.code, r.stderr)
	}
	if readFile(t, filepath.Join(dir, "tract.toml")) != before {
		t.Error("init over a site changed its tract.toml")
	}
}

// tract init tells how to keep the site in git, from which tract status
// --diff reads: git init only where the folder is in no repository yet.
func TestInitSaysToKeepTheSiteInGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	parent := t.TempDir()
	env := append([]string{"GIT_CEILING_DIRECTORIES=" + filepath.Dir(parent)}, gitEnv...)
	r := tract(t, parent, env, "init", "network")
	if r.code != 0 || !strings.Contains(r.stdout, "  git init ") || !strings.Contains(r.stdout, "  git add -A && git commit") {
		t.Errorf("init outside a repository: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	git(t, parent, "init", "-q")
	r = tract(t, parent, env, "init", "network2")
	if r.code != 0 || strings.Contains(r.stdout, "git init") || !strings.Contains(r.stdout, "  git add -A && git commit") {
		t.Errorf("init inside a repository: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The README's next steps after tract init, git add -A among them, do not
// commit the PDFs tract pdf wrote, from the site's folder or inside
// content/.
func TestInitsGitignoreKeepsThePDFsOut(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	for _, args := range [][]string{{"init", "site"}, {"new", "leaflets", "first-leaflet"}} {
		wd := parent
		if args[0] != "init" {
			wd = dir
		}
		if r := tract(t, wd, nil, args...); r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	if r := tract(t, dir, nil, "pdf", "--lang", "en", "leaflets/first-leaflet"); r.code != 0 {
		t.Fatalf("pdf: exit %d\n%s", r.code, r.stderr)
	}
	if r := tract(t, filepath.Join(dir, "content", "leaflets"), nil, "pdf", "first-leaflet"); r.code != 0 {
		t.Fatalf("pdf inside content/: exit %d\n%s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), gitEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	cmd := exec.Command("git", "diff", "--cached", "--name-only")
	cmd.Dir, cmd.Env = dir, append(os.Environ(), gitEnv...)
	out, err := cmd.Output()
	if err != nil || strings.Contains(string(out), ".pdf") || !strings.Contains(string(out), "en.md") {
		t.Errorf("git add -A after tract pdf stages: %v\n%s", err, out)
	}
}
