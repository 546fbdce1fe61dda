package status

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
	var h *history
	if err == nil {
		var sources []string
		for _, j := range jobs {
			sources = append(sources, repo.prefix+j.change.Source)
		}
		if h, err = repo.history(ctx, sources); err == nil {
			defer h.close()
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
				f.rev, f.diff, f.problem = repo.change(h, siteDir, c.Source, j.digest)
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
// digest, found in h, against the file as it is now.
func (r *repo) change(h *history, siteDir, source, digest string) (rev, diff, problem string) {
	now, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(source)))
	if err != nil {
		return "", "", fmt.Sprintf("cannot read %s: %v", source, err)
	}
	rev, old, err := h.find(r.prefix+source, digest)
	if err != nil {
		return "", "", err.Error()
	}
	if rev == "" {
		return "", "", fmt.Sprintf("no commit of %s has the text this was translated from (digest %s): it was perhaps translated from a version that was never committed; read %s as it is now beside this translation to see what it lacks", source, digest, source)
	}
	// The labels say which text is which: "en.md@a11b0603d2ea" read as
	// a digest, like the translation's en@14e022c5dbfb.
	diff = fileDiff(source+" (as translated, commit "+Short(rev)+")", source+" (now)", old, now)
	return rev, diff, ""
}

// find walks the commits that changed file (one of h's), newest first,
// following renames, and returns the first whose version of the file has
// digest, with that version's bytes.
func (h *history) find(file, digest string) (rev string, data []byte, err error) {
	err = h.versions(file, func(commit string, v []byte) bool {
		if d, err := content.DigestFile(v); err == nil && d == digest {
			rev, data = commit, v
			return false
		}
		return true
	})
	return rev, data, err
}

// followAtMost is how many files history asks git log --follow about,
// one at a time; for more, it reads one log of every change. Each git
// log --follow walks the whole history: at 3,000 items (3,443 commits)
// one took 0.01-0.04 s of CPU, the log of every change 0.15-0.20 s; at
// 10,000 items (11,496 commits) 0.34-1.4 s and 1.5 s.
const followAtMost = 4

// history is what a repository holds of some files: the commits that
// changed each, and the file's bytes in each, read when asked for
// through one git cat-file.
type history struct {
	changes map[string][]version
	cat     *exec.Cmd
	in      io.WriteCloser
	out     *bufio.Reader
}

// version is a commit that changed a file: its path there, and whether
// the commit deleted it.
type version struct {
	commit, path string
	deleted      bool
}

// history reads the history of files (paths from the top of the
// repository; one may be named twice). Its close must be called.
func (r *repo) history(ctx context.Context, files []string) (*history, error) {
	files = slices.Compact(slices.Sorted(slices.Values(files)))
	log := []string{"log", "-M", "--name-status", "-z", "--format=%H"}
	h := &history{changes: map[string][]version{}}
	if len(files) > followAtMost {
		out, err := git(ctx, r.top, log...)
		if err != nil {
			return nil, fmt.Errorf("git log: %v", err)
		}
		h.changes = followed(out, files)
	} else {
		for _, f := range files {
			out, err := git(ctx, r.top, append(log, "--follow", "--", f)...)
			if err != nil {
				return nil, fmt.Errorf("git log %s: %v", f, err)
			}
			maps.Copy(h.changes, followed(out, []string{f}))
		}
	}
	h.cat = exec.CommandContext(ctx, "git", "cat-file", "--batch")
	h.cat.Dir = r.top
	var err error
	if h.in, err = h.cat.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := h.cat.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := h.cat.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %v", err)
	}
	h.out = bufio.NewReader(out)
	return h, nil
}

// followed reads the output of git log -M --name-status -z --format=%H
// into the commits that changed each of files, newest first, following
// each back through its renames.
func followed(log []byte, files []string) map[string][]version {
	changes := map[string][]version{}
	// The files each path is, in the commits read so far.
	named := map[string][]string{}
	for _, f := range files {
		named[f] = append(named[f], f)
	}
	// Each commit is its hash, then a status (M, A, D, R100...) and a
	// path for each file it changed, two paths for a rename: the old,
	// then the new. Every field ends in a NUL; a commit's first status
	// starts with a newline.
	fields := strings.Split(string(log), "\x00")
	var commit string
	for i := 0; i < len(fields); i++ {
		status := strings.TrimPrefix(fields[i], "\n")
		if !isStatus(status) {
			commit = status
			continue
		}
		renamed := status[0] == 'R' || status[0] == 'C'
		if i+1 >= len(fields) || renamed && i+2 >= len(fields) {
			break
		}
		from, path := "", fields[i+1]
		i++
		if renamed {
			from, path = path, fields[i+1]
			i++
		}
		for _, f := range named[path] {
			changes[f] = append(changes[f], version{commit, path, status == "D"})
		}
		if status[0] == 'R' && named[path] != nil {
			named[from] = append(named[from], named[path]...)
			delete(named, path)
		}
	}
	return changes
}

// isStatus reports whether s is a status of git's --name-status: a
// capital letter, and for a rename or a copy how alike the files are.
func isStatus(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	return strings.Trim(s[1:], "0123456789") == ""
}

// versions calls each with the commits that changed file (one of h's),
// newest first, following renames, and the file's bytes in each, until
// each returns false. A commit in which the file cannot be read (one
// that deleted it) is passed with nil bytes.
func (h *history) versions(file string, each func(commit string, data []byte) bool) error {
	for _, v := range h.changes[file] {
		var data []byte
		if !v.deleted {
			var err error
			if data, err = h.read(v.commit, v.path); err != nil {
				return fmt.Errorf("git cat-file: %v", err)
			}
		}
		if !each(v.commit, data) {
			return nil
		}
	}
	return nil
}

// read returns the bytes of the file at path in commit; nil if there is
// no such file.
func (h *history) read(commit, path string) ([]byte, error) {
	if strings.Contains(path, "\n") {
		return nil, nil // git cat-file reads a name a line
	}
	if _, err := fmt.Fprintf(h.in, "%s:%s\n", commit, path); err != nil {
		return nil, err
	}
	// "<hash> <type> <size>" and the object's bytes, or "<name> missing".
	header, err := h.out.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if strings.HasSuffix(header, " missing\n") || strings.HasSuffix(header, " ambiguous\n") || len(f) != 3 {
		return nil, nil
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, fmt.Errorf("unexpected %q", header)
	}
	data := make([]byte, size+1) // and a newline
	if _, err := io.ReadFull(h.out, data); err != nil {
		return nil, err
	}
	if f[1] != "blob" {
		return nil, nil
	}
	return data[:size], nil
}

// close ends the git cat-file that reads the files.
func (h *history) close() {
	h.in.Close()
	h.cat.Wait()
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

// Short is a commit's name as a message gives it: its first 12
// characters.
func Short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
