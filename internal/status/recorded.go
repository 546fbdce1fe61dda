package status

import (
	"bytes"
	"context"
	"regexp"
	"strings"

	"github.com/tractpub/tract/internal/content"
)

// UnchangedSinceRecorded reports whether the translation at path (a site
// path), whose text now has digest and whose translated_from is ref, has
// the title, summary and text it had in the commit that gave its
// translated_from line that value: the oldest of the newest commits of
// the file in a row that name ref. If so, nobody has touched the
// translation since it was recorded as made from ref, and rev is that
// commit. A translation edited since, committed or not, is not unchanged;
// nor is one git cannot tell about (no git, no repository, no commit
// naming ref): a caller may refuse on this, so it says yes only when it
// knows.
func UnchangedSinceRecorded(ctx context.Context, siteDir, path string, ref content.Ref, digest string) (rev string, unchanged bool) {
	var recorded []byte
	fileVersions(ctx, siteDir, path, func(commit string, data []byte) bool {
		if data == nil || !namesRef(data, ref) {
			return false
		}
		rev, recorded = commit, data
		return true
	})
	if recorded == nil {
		return "", false
	}
	d, err := content.DigestFile(recorded)
	if err != nil || d != digest {
		return "", false
	}
	return rev, true
}

// fileVersions calls each with the versions of the file at path (a site
// path) in the git history of siteDir, newest first (nil data where a
// commit deleted it), until each returns false; without git, or outside
// a repository, it calls each for none.
func fileVersions(ctx context.Context, siteDir, path string, each func(commit string, data []byte) bool) {
	r, err := openRepo(ctx, siteDir)
	if err != nil {
		return
	}
	h, err := r.history(ctx, []string{r.prefix + path})
	if err != nil {
		return
	}
	defer h.close()
	h.versions(r.prefix+path, each)
}

// namesRef reports whether a variant file's translated_from line names
// ref, however it is written (quoted, with a comment after it).
func namesRef(data []byte, ref content.Ref) bool {
	for line := range bytes.Lines(data) {
		line = bytes.TrimPrefix(bytes.TrimSpace(line), []byte("\uFEFF"))
		if rest, ok := bytes.CutPrefix(line, []byte("translated_from:")); ok {
			return bytes.Contains(rest, []byte(ref.String()))
		}
	}
	return false
}

// Uncommitted returns those of paths (site paths) that have changes not
// yet committed, or that git does not know yet; none when git cannot
// tell.
func Uncommitted(ctx context.Context, siteDir string, paths []string) []string {
	return uncommitted(ctx, siteDir, paths, true)
}

// uncommitted is Uncommitted; with news false, it leaves out the files
// no commit has yet (new, or only added), which git restore cannot take
// back to a committed version.
func uncommitted(ctx context.Context, siteDir string, paths []string, news bool) []string {
	r, err := openRepo(ctx, siteDir)
	if err != nil {
		return nil
	}
	// One git status for all of them (tract status asks of hundreds of
	// sources on a large site): of content/, where they all are.
	st, err := git(ctx, r.top, "status", "--porcelain", "-z", "--untracked-files=all", "--", r.prefix+content.ContentDir)
	if err != nil {
		return nil
	}
	changed := map[string]bool{}
	entries := strings.Split(string(st), "\x00")
	for i := 0; i < len(entries); i++ {
		e := entries[i]
		if len(e) < 4 {
			continue
		}
		if news || e[:2] != "??" && e[0] != 'A' {
			changed[e[3:]] = true
		}
		if e[0] == 'R' || e[0] == 'C' {
			i++ // a rename or copy: its original path follows
		}
	}
	var out []string
	for _, p := range paths {
		if changed[r.prefix+p] {
			out = append(out, p)
		}
	}
	return out
}

// DigestBefore returns the digest of the text of the variant file at path
// before its last change: the newest version in the git history whose
// digest is not now, the file's digest as it is. ok is false when git
// cannot tell (no repository, or no such version).
func DigestBefore(ctx context.Context, siteDir, path, now string) (digest string, ok bool) {
	fileVersions(ctx, siteDir, path, func(commit string, data []byte) bool {
		if data == nil {
			return false // deleted here: nothing before
		}
		if d, err := content.DigestFile(data); err == nil && d != now {
			digest, ok = d, true
			return false
		}
		return true
	})
	return digest, ok
}

// recordedRef finds a translated_from line's value in a variant file.
var recordedRef = regexp.MustCompile(`(?m)^\s*translated_from:\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)@([0-9a-f]{12})\b`)

// LastRecorded returns the source the variant file at path was last
// recorded as translated from in the git history, with the commit: for
// a translation whose translated_from line was deleted, or written over
// with a placeholder (en@000000000000). ok is false when git cannot tell
// or no commit of the file records one.
func LastRecorded(ctx context.Context, siteDir, path string) (ref content.Ref, rev string, ok bool) {
	fileVersions(ctx, siteDir, path, func(commit string, data []byte) bool {
		if m := recordedRef.FindSubmatch(data); m != nil && strings.Trim(string(m[2]), "0") != "" {
			ref, rev, ok = content.Ref{Lang: string(m[1]), Digest: string(m[2])}, commit, true
			return false
		}
		return true
	})
	return ref, rev, ok
}
