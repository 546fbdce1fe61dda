package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	tractdefaults "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
)

// gitignore is the .gitignore tract init writes: what tract build and
// tract pdf make, which git add -A would otherwise commit.
const gitignore = `# What tract build makes: published from here, never committed.
/dist/
# What tract pdf makes, run here or inside content/: printed, not committed.
/*.pdf
`

// runInit starts a site: tract.toml, an empty content/ and a .gitignore
// that keeps dist/ and tract pdf's PDFs out of the repository. It writes nothing that is
// there already, and nothing at all if tract.toml is.
func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("tract init", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "usage: tract init [DIR] [--title NAME] [--languages en,fr,es] [--url URL] [--paper a4|letter|a5]")
		fmt.Fprintln(flags.Output(), "Starts a site in DIR (default: this folder): tract.toml, an empty content/ and a .gitignore for dist/ and the PDFs tract pdf makes.")
		flags.PrintDefaults()
	}
	title := flags.String("title", "", "the site's name (default: the folder's name); tract.toml can give one per language")
	langs := flags.String("languages", "en,fr,es", "the site's languages, the default first")
	baseURL := flags.String("url", "https://example.org/", "the address the site will be published at")
	paper := flags.String("paper", "a4", "the page size of the PDFs: a4, letter or a5")
	if err := parseFlags(flags, args, stdout); err != nil {
		return flagExit(err)
	}
	if flags.NArg() > 1 {
		flags.Usage()
		return 2
	}
	dir := "."
	if flags.NArg() == 1 {
		dir = flags.Arg(0)
	}
	if *title == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			fmt.Fprintf(stderr, "tract init: %v\n", err)
			return 1
		}
		*title = filepath.Base(abs)
	}
	var languages []string
	for l := range strings.SplitSeq(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			languages = append(languages, l)
		}
	}
	for i, l := range languages {
		if slices.Contains(languages[:i], l) {
			fmt.Fprintf(stderr, "tract init: --languages lists %q twice: nothing was written\n", l)
			return 2
		}
	}
	config := initConfig(*baseURL, languages, *paper, *title)
	// The file is checked as every build will read it, before anything
	// is written: a mistake in a flag is reported in tract.toml's terms.
	var diags diag.List
	content.ParseConfig([]byte(config), &diags)
	if diags.HasErrors() {
		for _, d := range diags.Sorted() {
			fmt.Fprintf(stderr, "tract init: %s\n", d.Message)
		}
		fmt.Fprintln(stderr, "tract init: nothing was written")
		return 2
	}
	toml := filepath.Join(dir, content.ConfigFile)
	if _, err := os.Lstat(toml); err == nil {
		fmt.Fprintf(stderr, "tract init: %s already exists: this is a site already, and nothing was written\n", toml)
		return 1
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "tract init: %v\n", err)
		return 1
	}
	if err := os.MkdirAll(filepath.Join(dir, content.ContentDir), 0o755); err != nil {
		fmt.Fprintf(stderr, "tract init: %v\n", err)
		return 1
	}
	made := []string{toml, filepath.Join(dir, content.ContentDir) + string(filepath.Separator)}
	if err := createFile(toml, []byte(config)); err != nil {
		fmt.Fprintf(stderr, "tract init: %v\n", err)
		return 1
	}
	ignore := filepath.Join(dir, ".gitignore")
	if err := createFile(ignore, []byte(gitignore)); err == nil {
		made = append(made, ignore)
	} else if !errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "tract init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\n", strings.Join(made, ", "))
	for _, l := range languages {
		name := locale.Dir + "/" + l + ".toml"
		if _, err := fs.Stat(tractdefaults.Defaults, name); err != nil {
			fmt.Fprintf(stdout, "%s: tract has no messages in this language yet: copy locales/en.toml from tract's repository to %s and translate it before you build\n",
				l, filepath.Join(dir, locale.Dir, l+".toml"))
		}
	}
	fmt.Fprintln(stdout, "next:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", dir)
	}
	// Told, not done: a site kept inside a repository made elsewhere
	// (cloned from a forge) needs none, and committing needs the
	// editor's name, which only they can give git.
	if !inRepository(ctx, dir) {
		fmt.Fprintln(stdout, "  git init                           # keep the site's history: tract status --diff reads it")
	}
	fmt.Fprintf(stdout, "  tract new leaflets first-leaflet   # a first text, in %s\n", languages[0])
	fmt.Fprintln(stdout, "  tract serve                        # see it as readers will, while you write")
	fmt.Fprintln(stdout, "  git add -A && git commit -m \"A first leaflet\"   # commit each text once written, and each translation")
	if *baseURL == "https://example.org/" {
		fmt.Fprintln(stdout, "Before publishing, set base_url in tract.toml to the site's address.")
	}
	return 0
}

// inRepository reports whether dir is inside a git repository; not when
// git is not installed.
func inRepository(ctx context.Context, dir string) bool {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--is-inside-work-tree")
	cmd.Dir = dir
	out, err := cmd.Output()
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// initConfig is the tract.toml tract init writes, with a comment on each
// setting.
func initConfig(baseURL string, languages []string, paper, title string) string {
	quoted := make([]string, len(languages))
	for i, l := range languages {
		quoted[i] = strconv.Quote(l)
	}
	def := ""
	if len(languages) > 0 {
		def = languages[0]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The site's settings: tract's README explains each one.\n\n")
	fmt.Fprintf(&b, "# Where the site will be published: feeds, the sitemap and link previews need it.\n")
	fmt.Fprintf(&b, "base_url = %s\n", strconv.Quote(baseURL))
	fmt.Fprintf(&b, "# Every language needs locales/<lang>.toml: tract has en, fr and es built in.\n")
	fmt.Fprintf(&b, "languages = [%s]\n", strings.Join(quoted, ", "))
	fmt.Fprintf(&b, "default_language = %s\n", strconv.Quote(def))
	fmt.Fprintf(&b, "# The page size of the PDFs: a4, letter or a5 (a text can ask for another).\n")
	fmt.Fprintf(&b, "paper = %s\n", strconv.Quote(strings.ToLower(paper)))
	fmt.Fprintf(&b, "# An item not yet translated is listed in its original language, with a\n")
	fmt.Fprintf(&b, "# notice (\"original\"), or not listed at all (\"hide\").\n")
	fmt.Fprintf(&b, "fallback = \"original\"\n\n")
	fmt.Fprintf(&b, "# The site's name in each language.\n")
	fmt.Fprintf(&b, "[title]\n")
	for _, l := range languages {
		fmt.Fprintf(&b, "%s = %s\n", tomlKey(l), strconv.Quote(title))
	}
	if len(languages) > 1 {
		// An example in the second language, commented out: a table of
		// tags names none until the items have tags.
		fmt.Fprintf(&b, "\n# A tag's name in other languages, when the word the texts use is not\n")
		fmt.Fprintf(&b, "# the reader's (its pages keep one address in every language):\n")
		fmt.Fprintf(&b, "# [tags]\n# housing = { %s = \"…\" }\n", tomlKey(languages[1]))
	}
	return b.String()
}

// tomlKey writes a language tag as a TOML key: bare when it can be
// ("en"), quoted otherwise.
func tomlKey(l string) string {
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return strconv.Quote(l)
		}
	}
	return l
}
