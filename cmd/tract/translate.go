package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/status"
)

func runTranslate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract translate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract translate ITEM (--to LANG | --done LANG | --accept) [--site DIR]")
		fmt.Fprintln(fs.Output(), "ITEM is the item's folder (content/leaflets/rent) or section/slug (leaflets/rent).")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	to := fs.String("to", "", "start a translation into LANG: write LANG.md from the original")
	done := fs.String("done", "", "record that LANG.md is translated from the current text of its source")
	accept := fs.Bool("accept", false, "the source change was trivial: mark every translation of the item current")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	modes := 0
	for _, set := range []bool{*to != "", *done != "", *accept} {
		if set {
			modes++
		}
	}
	if fs.NArg() != 1 || modes != 1 {
		switch {
		case fs.NArg() == 0:
			fmt.Fprintln(stderr, "tract translate: name the item, such as tract translate leaflets/rent --to fr")
		case fs.NArg() > 1:
			fmt.Fprintf(stderr, "tract translate: one item at a time: %s is more than one\n", strings.Join(fs.Args(), " "))
		case modes == 0:
			fmt.Fprintln(stderr, "tract translate: say what to do: give one of --to LANG, --done LANG or --accept")
		default:
			fmt.Fprintln(stderr, "tract translate: give only one of --to LANG, --done LANG or --accept")
		}
		fs.Usage()
		return 2
	}
	s, code := loadContent(*site, stderr)
	if s == nil {
		return code
	}
	it, err := findItem(s, *site, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "tract translate: %v\n", err)
		return 1
	}
	if it.Original == "" {
		var broken []string
		for _, l := range s.Config.Languages {
			if it.Unreadable(l) {
				broken = append(broken, path.Join(it.Dir, l+".md"))
			}
		}
		if len(broken) > 0 {
			pronoun := "it"
			if len(broken) > 1 {
				pronoun = "they"
			}
			fmt.Fprintf(stderr, "tract translate: %s cannot be read (tract check says why): until %s can, %s has no original to translate from\n", strings.Join(broken, " and "), pronoun, it.Key())
		} else {
			fmt.Fprintf(stderr, "tract translate: %s has no original (see tract check)\n", it.Dir)
		}
		return 1
	}
	if l, ok := siteLanguage(*done, s.Config.Languages); ok {
		*done = l // --done FR is fr
	} else if *done != "" {
		fmt.Fprintf(stderr, "tract translate: %q is not one of the site's languages (%s)\n", *done, diag.Or(s.Config.Languages))
		return 1
	}
	switch {
	case *to != "":
		err = startTranslation(*site, s, it, *to, stdout)
	case *done != "":
		err = markDone(ctx, *site, s, it, *done, false, stdout)
	default:
		// Every translation, and the files that cannot be read, which
		// markDone refuses: none is skipped without a word, and one
		// refused does not stop the others.
		code, marked := 0, false
		for _, l := range s.Config.Languages {
			if l == it.Original || (it.Variants[l] == nil && !it.Unreadable(l)) {
				continue
			}
			marked = true
			if err := markDone(ctx, *site, s, it, l, true, stdout); err != nil {
				fmt.Fprintf(stderr, "tract translate: %v\n", err)
				code = 1
			}
		}
		if !marked {
			fmt.Fprintf(stderr, "tract translate: %s has no translation to accept, only %s.md (to start one: tract translate %s --to LANG)\n", it.Key(), it.Original, it.Key())
			return 1
		}
		return code
	}
	if err != nil {
		fmt.Fprintf(stderr, "tract translate: %v\n", err)
		return 1
	}
	return 0
}

// loadContent reads the site's content only (no templates): enough for the
// translation commands. It prints errors that make the site unusable.
func loadContent(dir string, stderr io.Writer) (*content.Site, int) {
	if err := build.CheckSiteDir(dir); err != nil {
		fmt.Fprintf(stderr, "tract: %v\n", err)
		return nil, 1
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(stderr, "tract: %v\n", err)
		return nil, 1
	}
	defer root.Close()
	var diags diag.List
	s := content.Load(content.SiteFS(root), &diags)
	if s == nil {
		printDiagnostics(stderr, diags.Sorted())
		return nil, 1
	}
	return s, 0
}

// findItem resolves ITEM: a folder path or section/slug, from the site's
// folder (siteDir) or from the current one ("." in an item's folder,
// "../other-item" beside it).
func findItem(s *content.Site, siteDir, arg string) (*content.Item, error) {
	parts := strings.Split(namedPath(arg), "/")
	if len(parts) >= 2 {
		if it := s.Item(parts[len(parts)-2], parts[len(parts)-1]); it != nil {
			return it, nil
		}
	}
	if it := itemHere(s, siteDir, arg); it != nil {
		return it, nil
	}
	// A slug alone, in another section, or mistyped: the items it most
	// likely names.
	slug := parts[len(parts)-1]
	var keys, elsewhere []string
	for _, it := range s.Items {
		keys = append(keys, it.Key())
		if it.Slug == slug && len(parts) == 1 {
			return nil, fmt.Errorf("no item %q: write it section/slug, as %s", arg, it.Key())
		}
		if it.Slug == slug {
			elsewhere = append(elsewhere, it.Key())
		}
	}
	if len(elsewhere) > 0 {
		return nil, fmt.Errorf("no item %q: did you mean %s?", arg, diag.Or(elsewhere))
	}
	if k := diag.Closest(namedPath(arg), keys); k != "" {
		return nil, fmt.Errorf("no item %q: did you mean %s?", arg, k)
	}
	return nil, fmt.Errorf("no item %q: give its folder (content/leaflets/rent, or . inside it) or section/slug (leaflets/rent)", arg)
}

// itemHere is the item arg names as a path from the current folder, if
// it names one of the site in siteDir.
func itemHere(s *content.Site, siteDir, arg string) *content.Item {
	p, ok := contentPath(siteDir, arg)
	if !ok {
		return nil
	}
	parts := strings.Split(namedPath(p), "/")
	if len(parts) != 2 {
		return nil
	}
	return s.Item(parts[0], parts[1])
}

// contentPath is the slash path, in the content/ folder of the site in
// siteDir, of the file or folder arg names from the current folder
// ("leaflets/rent/fr.md", "leaflets"; "." for content/ itself), and
// whether it is in there. The
// folders count however reached: --site or the current folder through a
// symbolic link.
func contentPath(siteDir, arg string) (string, bool) {
	dir, err := filepath.Abs(filepath.Join(siteDir, content.ContentDir))
	if err != nil {
		return "", false
	}
	here, err := filepath.Abs(arg)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if real, err := filepath.EvalSymlinks(here); err == nil {
		here = real
	}
	rel, err := filepath.Rel(dir, here)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// siteLanguage returns the site's language arg names, whatever its case
// ("FR" is fr, "pt-br" is pt-BR), and whether there is one.
func siteLanguage(arg string, languages []string) (string, bool) {
	for _, l := range languages {
		if strings.EqualFold(l, arg) {
			return l, true
		}
	}
	return "", false
}

// namedPath cleans a path to an item or a section as a user types it:
// slashes, without ./ or content/ in front, the folder of a .md file.
// An absolute path is left absolute; its last parts name the item.
func namedPath(arg string) string {
	p := path.Clean(filepath.ToSlash(arg))
	p = strings.TrimPrefix(p, "./")
	p = strings.TrimPrefix(p, content.ContentDir+"/")
	if strings.HasSuffix(p, ".md") {
		p = path.Dir(p)
	}
	return p
}

func startTranslation(dir string, s *content.Site, it *content.Item, lang string, stdout io.Writer) error {
	if l, ok := siteLanguage(lang, s.Config.Languages); ok {
		lang = l
	} else {
		return fmt.Errorf("%q is not one of the site's languages (%s)", lang, diag.Or(s.Config.Languages))
	}
	target := filepath.Join(dir, filepath.FromSlash(it.Dir), lang+".md")
	if v := it.Variants[lang]; v != nil && v.Untitled() && len(bytes.TrimSpace(v.Body)) == 0 {
		return fmt.Errorf("%s is there, but empty: remove it, then run this again", v.Path)
	}
	if lang == it.Original {
		// --done would be refused: the original records no source.
		var missing []string
		for _, l := range s.Config.Languages {
			if it.Variants[l] == nil {
				missing = append(missing, "--to "+l)
			}
		}
		if len(missing) == 0 {
			return fmt.Errorf("%s is the original, which the others are translated from, and every language has its translation: tract status %s shows where each stands", path.Join(it.Dir, lang+".md"), it.Key())
		}
		return fmt.Errorf("%s is the original, which the others are translated from: to start a translation, give a language it lacks, tract translate %s %s", path.Join(it.Dir, lang+".md"), it.Key(), diag.Or(missing))
	}
	if it.Variants[lang] != nil {
		return fmt.Errorf("%s already exists (tract status %s shows where it stands; once it is translated, tract translate %s --done %s records it)", path.Join(it.Dir, lang+".md"), it.Key(), it.Key(), lang)
	}
	if it.Unreadable(lang) {
		return fmt.Errorf("%s already exists, but cannot be read (tract check says why): mend it rather than start it again; once it is translated, tract translate %s --done %s records it", path.Join(it.Dir, lang+".md"), it.Key(), lang)
	}
	orig := it.Variants[it.Original]
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# %s\n", content.TranslateComment(lang, orig.Lang))
	fmt.Fprintf(&b, "# tract translate %s --done %s\n", it.Key(), lang)
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(orig.Front.Title))
	if orig.Front.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", yamlQuote(orig.Front.Summary))
	}
	fmt.Fprintf(&b, "translated_from: %s@%s\n", orig.Lang, orig.Digest)
	b.WriteString("---\n")
	b.Write(orig.Body)
	if err := createFile(target, []byte(b.String())); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists", target)
		}
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: translate it, then run tract translate %s --done %s\n", path.Join(it.Dir, lang+".md"), it.Key(), lang)
	return nil
}

// markDone records the current digest of lang's source in lang.md. A
// file that is still a copy of its source is refused, or, for --accept
// (which marks every translation of the item), left as it is. So is,
// without --accept, an outdated file nobody has touched since it was
// last recorded (see refuseUntouched); and when the digest moves, what
// changed in the source is shown, for the translator to make sure the
// translation has it.
func markDone(ctx context.Context, dir string, s *content.Site, it *content.Item, lang string, accept bool, stdout io.Writer) error {
	v := it.Variants[lang]
	if v == nil {
		name := path.Join(it.Dir, lang+".md")
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
			return fmt.Errorf("%s cannot be read (run tract check to see why)", name)
		}
		return fmt.Errorf("%s does not exist: start it with tract translate %s --to %s", name, it.Key(), lang)
	}
	if v.Untitled() && lang != it.Original {
		if len(bytes.TrimSpace(v.Body)) == 0 {
			return fmt.Errorf("%s is empty: remove it, then tract translate %s --to %s writes it from %s.md, ready to translate", v.Path, it.Key(), lang, it.Original)
		}
		return fmt.Errorf("%s has no title, so tract cannot read it as a translation (tract check says what to mend): give it front matter between --- lines with a title: line and the line translated_from: %s@000000000000, then run this again", v.Path, it.Original)
	}
	ref := v.TranslatedFrom()
	if ref == nil {
		// A translation whose translated_from line was deleted, or one
		// started as a copy of the original: a second original.
		var others []string
		for _, l := range it.Langs(s.Config.Languages) {
			if l != lang && it.Variants[l].TranslatedFrom() == nil {
				others = append(others, l)
			}
		}
		if len(others) == 0 {
			return fmt.Errorf("%s is the original: only translations record a source", v.Path)
		}
		src := others[0]
		if slices.Contains(others, it.Original) {
			src = it.Original
		}
		if was, rev, ok := status.LastRecorded(ctx, dir, v.Path); ok {
			// Deleted with the comments above it, most likely: put
			// back, the translation is as far behind as it was.
			return fmt.Errorf("%s has no translated_from line, so it counts as an original, as %s.md does; commit %s recorded it as translated from %s: put the line translated_from: %s back in its front matter (between the --- lines), and tract status shows what changed since", v.Path, src, status.Short(rev), was, was)
		}
		return fmt.Errorf("%s has no translated_from line, so it counts as an original, as %s.md does: if %s.md is a translation of %s.md, add the line translated_from: %s@000000000000 to its front matter (between the --- lines), then run this again", v.Path, src, lang, src, src)
	}
	src := it.Variants[ref.Lang]
	if src == nil {
		return fmt.Errorf("%s: its source %s.md does not exist", v.Path, ref.Lang)
	}
	// Recording the source again would keep a cycle (fr.md from es.md,
	// es.md from fr.md) with digests that look right.
	seen := []string{lang}
	for cur := src; cur != nil && cur.TranslatedFrom() != nil; cur = it.Variants[cur.TranslatedFrom().Lang] {
		if slices.Contains(seen, cur.Lang) {
			return fmt.Errorf("%s: translated_from forms a cycle (%s): name the original in it, translated_from: %s@000000000000, then run this again to record its digest", v.Path, strings.Join(append(seen, cur.Lang), " ← "), cmp.Or(it.Original, "<the original's language>"))
		}
		seen = append(seen, cur.Lang)
	}
	if v.Untranslated {
		if accept {
			fmt.Fprintf(stdout, "%s: not translated yet, left as it is\n", v.Path)
			return nil
		}
		again := fmt.Sprintf("then run tract translate %s --done %s again", it.Key(), lang)
		if v.Digest == src.Digest {
			return fmt.Errorf("%s is not translated yet: its title, summary and text are those of %s.md, word for word: translate them in %s.md, save it, %s", v.Path, ref.Lang, lang, again)
		}
		return fmt.Errorf("%s is not translated yet: its text is that of %s.md, word for word: translate it in %s.md, save it, %s", v.Path, ref.Lang, lang, again)
	}
	if same, of, line := v.Copied(src); same > 0 && !accept {
		// Some paragraphs may rightly stay as they are (a list of names,
		// an address): said, not refused.
		told := ""
		if content.ReadersTold(same, of) {
			told = "; while a third of them or more are, its page and its PDF tell readers that parts of it are not translated yet"
		}
		fmt.Fprintf(stdout, "%s:%d: %s: recorded as done all the same%s\n", v.Path, line, content.CopiedNote(same, of, ref.Lang), told)
	}
	if ref.Digest == src.Digest {
		if accept {
			fmt.Fprintf(stdout, "%s: already current (translated_from %s@%s)\n", v.Path, src.Lang, src.Digest)
		} else {
			fmt.Fprintf(stdout, "%s: translated_from %s@%s, as it was: %s.md has not changed since this was started\n", v.Path, src.Lang, src.Digest, src.Lang)
		}
		return nil
	}
	// translated_from: en@000000000000, as tract's advice has it written
	// by hand, names no version: there is nothing to compare with.
	placeholder := strings.Trim(ref.Digest, "0") == ""
	if accept && !placeholder {
		// --accept is for a change that needs nothing translated: a
		// translation already behind before it would be marked current
		// with the changes it lacks, and tract status would show them no
		// more.
		if before, ok := status.DigestBefore(ctx, dir, src.Path, src.Digest); ok && before != ref.Digest {
			return fmt.Errorf("%s was already behind %s.md before its last change, and --accept would mark it current with what it lacks: nothing was recorded for it. tract status --diff %s shows all that changed since it was translated: translate that, then run tract translate %s --done %s", v.Path, src.Lang, it.Key(), it.Key(), lang)
		}
	}
	if placeholder && !accept {
		// en@000000000000 written over the version recorded (as the
		// advice for a deleted line has it) would mark current a
		// translation that lacks what changed since.
		if was, rev, ok := status.LastRecorded(ctx, dir, v.Path); ok && was.Lang == src.Lang && was.Digest != src.Digest {
			return fmt.Errorf("%s: commit %s recorded it as translated from %s, and %s.md has changed since: nothing was recorded. Write translated_from: %s back: tract status --diff %s then shows what changed; translate that, then run this again", v.Path, status.Short(rev), was, src.Lang, was, it.Key())
		}
	}
	var change *status.Change
	if !accept && !placeholder {
		// Found before the file is written: then it is current, and
		// the history has nothing to say about it.
		if ch := status.Changes(ctx, dir, s, map[string]bool{v.Path: true}); len(ch) == 1 {
			change = &ch[0]
		}
		// A translated_from no version of the source had (such as
		// en@000000000000, written by hand) recorded nothing.
		if change != nil && change.Revision != "" {
			if err := refuseUntouched(ctx, dir, s, it, v, src); err != nil {
				return err
			}
		}
	}
	file := filepath.Join(dir, filepath.FromSlash(v.Path))
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out, err := content.SetTranslatedFrom(data, content.Ref{Lang: src.Lang, Digest: src.Digest})
	if err != nil {
		return fmt.Errorf("%s: %v", v.Path, err)
	}
	if err := writeFileAtomic(file, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: translated_from %s@%s\n", v.Path, src.Lang, src.Digest)
	if placeholder && !accept {
		fmt.Fprintf(stdout, "%s: recorded as translated from %s.md as it is now: make sure it says all that %s.md says\n", v.Path, src.Lang, src.Lang)
	}
	if change != nil {
		// The translator may have missed it: the source changed while
		// they translated, or they did not look at the diff.
		what := fmt.Sprintf("%s: %s.md changed since %s.md was started or last recorded", v.Path, src.Lang, lang)
		if change.Problem != "" {
			fmt.Fprintf(stdout, "%s: make sure %s.md has every change (tract cannot show them: %s)\n", what, lang, change.Problem)
		} else {
			fmt.Fprintf(stdout, "%s: make sure %s.md has this change too (tract status --diff no longer shows it, now that it is recorded):\n%s", what, lang, change.Diff)
		}
	}
	return nil
}

// refuseUntouched refuses to record v as translated from the current text
// of src when v has not changed since it was last recorded from an older
// one: most likely the translator typed the wrong language, or has not
// translated the change yet. It compares v with the commit that wrote its
// translated_from value, not with the last commit, so that a translation
// committed before --done is recorded. When git cannot tell, it lets v be
// recorded.
func refuseUntouched(ctx context.Context, dir string, s *content.Site, it *content.Item, v, src *content.Variant) error {
	if _, same := status.UnchangedSinceRecorded(ctx, dir, v.Path, *v.TranslatedFrom(), v.Digest); !same {
		return nil
	}
	var others []string
	for _, l := range s.Config.Languages {
		if o := it.Variants[l]; o != nil && o != v && o.TranslatedFrom() != nil {
			others = append(others, o.Path)
		}
	}
	var meant, files []string
	for _, p := range status.Uncommitted(ctx, dir, others) {
		meant, files = append(meant, "--done "+strings.TrimSuffix(path.Base(p), ".md")), append(files, path.Base(p))
	}
	msg := fmt.Sprintf("%s has not changed since it was last recorded as translated, but %s.md has changed since: nothing was recorded", v.Path, src.Lang)
	if len(meant) > 0 {
		have := "has"
		if len(files) > 1 {
			have = "have"
		}
		msg += fmt.Sprintf(". Did you mean %s? (%s %s changes not yet committed)", diag.Or(meant), diag.And(files), have)
	}
	msg += fmt.Sprintf(". If %s.md needs that change, tract status --diff %s shows it: translate it, then run this again; if it needs nothing translated, run tract translate %s --accept", v.Lang, it.Key(), it.Key())
	return errors.New(msg)
}

// writeFileAtomic replaces a file through a temporary file and a rename,
// so an interrupted write never leaves an editor's file half written.
func writeFileAtomic(name string, data []byte) error {
	st, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tract-edit-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// yamlQuote writes s as a YAML double-quoted string: Go's escapes (\n,
// \", \u00a0...) are all YAML escapes too.
func yamlQuote(s string) string {
	return strconv.Quote(s)
}
