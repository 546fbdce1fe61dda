package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tractpub/tract/internal/content"
)

// A build replaces its output folder whole (see swap), so a wrong --out
// would remove whatever was there: the site itself, its content/, or a
// folder of someone's own files. Before it writes anything a build checks
// that the output folder is one it may replace: not the site nor a folder
// holding it, not inside one of the site's source folders, and either
// absent, empty or made by tract. A folder is known as tract's by the
// file outputMark, which every build leaves in it; an output made by a
// tract from before the mark is known by the files every build writes
// at its top (legacyMarks).
const outputMark = ".tract-output"

// outputMarkText says what the mark is, to whoever finds it.
const outputMarkText = "This folder is made by tract build, which replaces it whole at every build:\n" +
	"files put here by hand are removed by the next build.\n"

// legacyMarks are files the top of every output holds.
var legacyMarks = []string{"index.html", "sitemap.xml", "robots.txt"}

// CheckSiteDir says what is wrong with a site's folder that is not one
// (--site given a file, or a folder that is not there), before the
// output folder, which is inside it, is blamed for it.
func CheckSiteDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the site's folder %s does not exist: give the folder that holds tract.toml and content/ (tract init makes a new one)", dir)
	case err != nil:
		return fmt.Errorf("the site's folder: %w", err)
	case !st.IsDir():
		return fmt.Errorf("%s is a file, not a site's folder: give the folder that holds tract.toml and content/", dir)
	}
	return nil
}

// checkOutDir refuses an output folder a build must not replace.
func checkOutDir(siteDir, outDir string) error {
	site, err := realPath(siteDir)
	if err != nil {
		return fmt.Errorf("the site %s: %w", siteDir, err)
	}
	out, err := realPath(outDir)
	if err != nil {
		return fmt.Errorf("the output folder %s: %w", outDir, err)
	}
	switch {
	case out == site:
		return fmt.Errorf("the output folder %s is the site itself: a build replaces its output folder whole; give another one, such as %s", outDir, filepath.Join(siteDir, "dist"))
	case within(site, out):
		return fmt.Errorf("the output folder %s holds the site: a build replaces its output folder whole; give one inside the site or beside it, such as %s", outDir, filepath.Join(siteDir, "dist"))
	}
	for _, src := range stampInputs {
		if src != content.ConfigFile && within(out, filepath.Join(site, src)) {
			return fmt.Errorf("the output folder %s is in the site's %s/, where its sources are: a build replaces its output folder whole; give another one, such as %s", outDir, src, filepath.Join(siteDir, "dist"))
		}
	}
	info, err := os.Lstat(outDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("the output folder: %w", err)
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("the output folder %s is a symbolic link to %s: a build replaces its output folder whole, and would replace the link with a folder; give the folder it leads to", outDir, out)
	case !info.IsDir():
		return fmt.Errorf("the output folder %s is a file, not a folder", outDir)
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return fmt.Errorf("the output folder: %w", err)
	}
	if slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == ".git" }) {
		// A repository to publish from (GitHub Pages' gh-pages branch,
		// say), even in a folder tract made: replaced, its history goes.
		return fmt.Errorf("the output folder %s holds .git: a build replaces its output folder whole, and would remove the repository; build into another folder and copy it in (rsync -a --delete --exclude .git)", outDir)
	}
	if len(entries) == 0 || madeByTract(entries) {
		return nil
	}
	names := make([]string, 0, 3)
	for _, e := range entries[:min(3, len(entries))] {
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		names = append(names, name)
	}
	more := ""
	if len(entries) > len(names) {
		more = fmt.Sprintf(" and %d more", len(entries)-len(names))
	}
	return fmt.Errorf("the output folder %s holds files tract did not write (%s%s): a build replaces its output folder whole, and would remove them; give an empty or new folder, or empty this one", outDir, strings.Join(names, ", "), more)
}

// madeByTract reports whether a folder holding entries is the
// output of a tract build.
func madeByTract(entries []fs.DirEntry) bool {
	has := func(name string) bool {
		i := slices.IndexFunc(entries, func(e fs.DirEntry) bool { return e.Name() == name })
		return i >= 0 && entries[i].Type().IsRegular()
	}
	if has(outputMark) {
		return true
	}
	for _, name := range legacyMarks {
		if !has(name) {
			return false
		}
	}
	return true
}

// writeMark leaves outputMark in dir, the new output.
func writeMark(dir string) error {
	return os.WriteFile(filepath.Join(dir, outputMark), []byte(outputMarkText), 0o644)
}

// realPath is p made absolute, with the links in its longest existing
// part resolved, so that two names of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
