package status

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tractpub/tract/internal/content"
)

// Change is what changed in the source of an outdated translation since
// it was translated.
type Change struct {
	Path     string // the outdated translation, relative to the site
	Source   string // the file it was translated from
	Revision string // the commit holding the source text it was translated from; "" if none was found
	// Diff is a unified diff of the source file from that revision to
	// the file as it is now, numbered as the files' lines are; only its
	// hunks that change the title, the summary or the text are kept.
	Diff string
	// Problem says, in plain words, why there is no diff.
	Problem string
}

// Changes finds, for each outdated translation of site whose path is in
// only (each one when only is nil), the most recent revision of its
// source file in the git history whose digest is the one the translation
// records, and diffs that text against the current one. It runs git in
// siteDir; without git, outside a repository, or when no revision
// matches, the Change says so in Problem.
func Changes(ctx context.Context, siteDir string, site *content.Site, only map[string]bool) []Change {
	type job struct {
		change Change
		digest string
	}
	var jobs []job
	for _, it := range site.Items {
		for _, l := range it.Langs(site.Config.Languages) {
			v := it.Variants[l]
			if !v.Outdated || (only != nil && !only[v.Path]) {
				continue
			}
			ref := v.TranslatedFrom()
			jobs = append(jobs, job{Change{Path: v.Path, Source: sourcePath(it.Dir, ref.Lang)}, ref.Digest})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	out := make([]Change, len(jobs))
	repo, err := openRepo(ctx, siteDir)
	if err == nil {
		if _, herr := git(ctx, repo.top, "rev-parse", "--verify", "--quiet", "HEAD"); herr != nil {
			err = errNoHistory
		}
	}
	// The translations of one source made from one version of it share
	// their diff: it is looked for once.
	type found struct{ rev, diff, problem string }
	done := map[[2]string]found{}
	for i, j := range jobs {
		c := j.change
		if err != nil {
			c.Problem = err.Error()
		} else {
			key := [2]string{c.Source, j.digest}
			f, ok := done[key]
			if !ok {
				f.rev, f.diff, f.problem = repo.change(ctx, siteDir, c.Source, j.digest)
				done[key] = f
			}
			c.Revision, c.Diff, c.Problem = f.rev, f.diff, f.problem
		}
		out[i] = c
	}
	return out
}

// sameChange groups changes that show the same thing: translations of one
// source made from one version of it. Each group keeps the order of its
// first change; so do the changes in it.
func sameChange(changes []Change) [][]Change {
	type key struct{ source, rev, diff, problem string }
	var groups [][]Change
	at := map[key]int{}
	for _, c := range changes {
		k := key{c.Source, c.Revision, c.Diff, c.Problem}
		if i, ok := at[k]; ok {
			groups[i] = append(groups[i], c)
			continue
		}
		at[k] = len(groups)
		groups = append(groups, []Change{c})
	}
	return groups
}

// paths names the translations of a group: "a/fr.md", "a/fr.md and
// a/es.md", "a/fr.md, a/es.md and a/de.md".
func paths(group []Change, quote func(string) string) string {
	names := make([]string, len(group))
	for i, c := range group {
		names[i] = quote(c.Path)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// errNoHistory is the problem of a repository with no commit yet: git
// log's own words ("your current branch 'master' does not have any
// commits yet") tell a translator nothing of what to do.
var errNoHistory = errors.New("there is no history yet: nothing has been committed in this repository, so the text this was translated from cannot be found. Commit the site (git add -A && git commit -m \"Texts and translations\"): from then on, tract status --diff can show what changes")

// repo is the git repository holding a site.
type repo struct {
	top    string // its top directory
	prefix string // the site directory's path inside it: "" or "site/"
}

// openRepo finds the repository siteDir is in.
func openRepo(ctx context.Context, siteDir string) (*repo, error) {
	out, err := git(ctx, siteDir, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, errors.New("git is not installed, so the text this was translated from cannot be found")
		}
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, errors.New("the site is not in a git repository, so the text this was translated from cannot be found")
		}
		return nil, fmt.Errorf("git could not read the history: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	r := &repo{top: lines[0]}
	if len(lines) > 1 {
		r.prefix = lines[1]
	}
	return r, nil
}

// change diffs the revision of source (a site path) whose digest is
// digest against the file as it is now.
func (r *repo) change(ctx context.Context, siteDir, source, digest string) (rev, diff, problem string) {
	now, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(source)))
	if err != nil {
		return "", "", fmt.Sprintf("cannot read %s: %v", source, err)
	}
	rev, old, err := r.find(ctx, r.prefix+source, digest)
	if err != nil {
		return "", "", err.Error()
	}
	if rev == "" {
		return "", "", fmt.Sprintf("no commit of %s has the text this was translated from (digest %s): it was perhaps translated from a version that was never committed; read %s as it is now beside this translation to see what it lacks", source, digest, source)
	}
	// The labels say which text is which: "en.md@a11b0603d2ea" read as
	// a digest, like the translation's en@14e022c5dbfb.
	diff = fileDiff(source+" (as translated, commit "+short(rev)+")", source+" (now)", old, now)
	return rev, diff, ""
}

// find walks the commits that changed file (a path from the top of the
// repository), newest first, following renames, and returns the first
// whose version of the file has digest, with that version's bytes.
func (r *repo) find(ctx context.Context, file, digest string) (rev string, data []byte, err error) {
	err = r.versions(ctx, file, func(commit string, v []byte) bool {
		if d, err := content.DigestFile(v); err == nil && d == digest {
			rev, data = commit, v
			return false
		}
		return true
	})
	return rev, data, err
}

// versions calls each with the commits that changed file (a path from
// the top of the repository), newest first, following renames, and the
// file's bytes in each, until each returns false. A commit in which the
// file cannot be read (one that deleted it) is passed with nil bytes.
func (r *repo) versions(ctx context.Context, file string, each func(commit string, data []byte) bool) error {
	out, err := git(ctx, r.top, "log", "--follow", "--format=%H", "--name-only", "--", file)
	if err != nil {
		return fmt.Errorf("git log %s: %v", file, err)
	}
	// Each commit is its hash on a line, a blank line, then the file's
	// path in that commit (it changes across a rename).
	var commit string
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case line == "":
			continue
		case commit == "":
			commit = line
			continue
		}
		data, err := git(ctx, r.top, "show", commit+":"+line)
		if err != nil {
			data = nil
		}
		if !each(commit, data) {
			return nil
		}
		commit = ""
	}
	return ctx.Err()
}

// git runs git in dir and returns its output; its error includes what git
// printed on stderr.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	// quotePath=false keeps non-ASCII file names (content/leaflets/grève)
	// as they are in git's output.
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotePath=false"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, strings.TrimPrefix(msg, "fatal: "))
		}
		return nil, err
	}
	return out, nil
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
