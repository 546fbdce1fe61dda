package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Prefixes of the directories a build makes beside the output directory.
const (
	tmpPrefix = ".tract-build-"
	oldPrefix = ".tract-old-"
)

// output is a new output directory being filled, beside the real one.
type output struct {
	final  string // the output directory, e.g. site/dist
	dir    string // the directory being written
	mu     sync.Mutex
	dirs   map[string]bool // directories already made
	files  map[string]bool
	done   bool
	unlock func()

	// With fingerprints set, write records pageSum of each file it writes
	// (in sums, for the stamp) and links, from last, a file the last build
	// wrote with the same bytes (see reusable); reused counts those.
	fingerprints bool
	last         *reusable
	sums         map[string]string
	reused       atomic.Int64
	// keys are the renderKeys keys of the pages written, by path (see
	// web.File.Shows), and kept counts the pages linked without being
	// rendered.
	keys map[string]string
	kept atomic.Int64

	// With spare set, the directory being written is the spare the last
	// build kept (see spare.go): spare holds the files found in it that
	// this build has not yet replaced, and spareDirs its folders. keepAt
	// is where the old output goes after the swap ("" to remove it), and
	// keptOld says it went there.
	spare     map[string]*spareFile
	spareDirs map[string]bool
	keepAt    string
	keptOld   bool
	// trash is a spare not used, set aside to be removed once the new
	// output is in place: removed before, its thousands of freed inodes
	// would slow every file this build makes (see spare.go).
	trash string
	// stuck are the folders of earlier builds, and the old output this
	// one replaced, that could not be removed (see removeTree), with why.
	stuck []stuckFolder
}

// A stuckFolder is a folder of tract's that it could not remove.
type stuckFolder struct {
	path string
	err  error
}

// newOutput makes the directory a build writes into, after removing what
// an interrupted build left behind.
//
// With spareAt set, the build fingerprints what it writes and reuses the
// files last (which may be nil) says the last build wrote (see reusable).
// It also starts from the spare kept at spareAt, if last says what that
// holds, and keeps the old output there after the swap (see spare.go).
func newOutput(final string, last *reusable, spareAt string) (*output, error) {
	final, err := filepath.Abs(final)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lock(parent)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", final, err)
	}
	o := &output{final: final, dirs: map[string]bool{"": true}, files: map[string]bool{}, unlock: unlock}
	o.stuck = cleanLeftovers(final)
	if spareAt != "" {
		o.fingerprints, o.last, o.sums, o.keys = true, last, map[string]string{}, map[string]string{}
		// The spare is what the output was before it was last built.
		// Without the output, the build is one from nothing, as someone
		// who removed dist/ expects, and the spare goes too.
		_, err := os.Lstat(final)
		if last != nil && err == nil {
			o.keepAt = spareAt
			if last.spare != nil && o.startFrom(spareAt, last.spare) {
				return o, nil
			}
		}
		if o.trash == "" {
			o.trash = setTrash(spareAt) // what it holds is not known, or not wanted
		}
	}
	dir, err := mkdirTemp(parent, tmpPrefix+filepath.Base(final)+"-")
	if err != nil {
		unlock()
		if errors.Is(err, fs.ErrPermission) {
			// The new output is written beside the old, then put in
			// its place.
			return nil, fmt.Errorf("the output is written in %s, beside %s, and this user may not write there: give --out a folder in a place you may write, or make that folder writable", parent, filepath.Base(final))
		}
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		unlock()
		return nil, err
	}
	o.dir = dir
	return o, nil
}

// cleanLeftovers removes the temporary directories of builds of final that
// were interrupted. If an interruption came between the two renames of a
// swap, the old site is put back first. It returns the folders it could
// not remove.
func cleanLeftovers(final string) (stuck []stuckFolder) {
	parent, base := filepath.Dir(final), filepath.Base(final)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		kind := leftoverOf(name, base)
		if kind == notLeftover {
			continue
		}
		if kind == oldLeftover {
			if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) && os.Rename(filepath.Join(parent, name), final) == nil {
				continue
			}
		}
		if err := removeTree(filepath.Join(parent, name)); err != nil {
			stuck = append(stuck, stuckFolder{filepath.Join(parent, name), err})
		}
	}
	return stuck
}

// removeTree removes dir and what it holds. A folder made read-only
// (chmod -R a-w dist, or a copy of one) cannot be emptied: where os.RemoveAll
// fails so, the folders tract's user owns are made writable and the
// removal tried again.
func removeTree(dir string) error {
	err := removeAll(dir)
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if info, err := d.Info(); err == nil && info.Mode().Perm()&0o700 != 0o700 {
				_ = os.Chmod(p, info.Mode().Perm()|0o700)
			}
		} else if d != nil && d.IsDir() {
			// Unreadable: made readable, then walked again by the retry.
			_ = os.Chmod(p, 0o700)
		}
		return nil
	})
	return removeAll(dir)
}

// removeAll and mkdirTemp are os.RemoveAll and os.MkdirTemp, which tests
// make fail as they would for a user other than root.
var (
	removeAll = os.RemoveAll
	mkdirTemp = os.MkdirTemp
)

// The kinds of folder a build of an output leaves beside it.
const (
	notLeftover   = iota
	buildLeftover // a build's folder (newOutput), or the spare's (startFrom)
	oldLeftover   // the old output, set aside by swap
)

// leftoverOf says which of an output's folders, if any, name is, for an
// output named base: .tract-build-<base>-<digits>, .tract-build-<base>-spare
// or .tract-old-<base>-<base>-<digits> (os.MkdirTemp's random part is
// digits). An output's prefixes are those of another beside it: the
// folders of dist-foo's builds begin with .tract-build-dist-, and one of
// them may hold dist-foo's only good site.
func leftoverOf(name, base string) int {
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	if rest, ok := strings.CutPrefix(name, tmpPrefix+base+"-"); ok && (digits(rest) || rest == "spare") {
		return buildLeftover
	}
	if rest, ok := strings.CutPrefix(name, oldPrefix+base+"-"+base+"-"); ok && digits(rest) {
		return oldLeftover
	}
	return notLeftover
}

func (o *output) mkdirFor(rel string) (string, error) {
	full := filepath.Join(o.dir, filepath.FromSlash(rel))
	d := path.Dir(rel)
	if d == "." {
		d = ""
	}
	o.mu.Lock()
	var gone []string
	if o.spare != nil {
		gone = o.clear(rel)
	}
	made := o.dirs[d]
	o.files[rel] = true
	o.mu.Unlock()
	for _, g := range gone {
		os.RemoveAll(filepath.Join(o.dir, filepath.FromSlash(g)))
	}
	if !made {
		if err := o.mkdir(d); err != nil {
			return "", err
		}
	}
	return full, nil
}

// mkdir makes the folder at the slash path d of the output, and the
// folders above it not made yet. It tries mkdir first, which is one
// system call for the usual folder, whose parent is made: os.MkdirAll
// asks the file system about the folder first, then about its parent,
// and makes it third, about 10,000 times in a build of 3,000 items.
func (o *output) mkdir(d string) error {
	o.mu.Lock()
	made := o.dirs[d]
	o.mu.Unlock()
	if made {
		return nil
	}
	full := filepath.Join(o.dir, filepath.FromSlash(d))
	err := os.Mkdir(full, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		parent := path.Dir(d)
		if parent == "." {
			parent = ""
		}
		if err = o.mkdir(parent); err == nil {
			err = os.Mkdir(full, 0o755)
		}
	}
	if errors.Is(err, fs.ErrExist) {
		// Made by another worker, or there in the spare; a file of that
		// name is an error, as MkdirAll reports it.
		if info, serr := os.Stat(full); serr == nil && info.IsDir() {
			err = nil
		}
	}
	if err != nil {
		return err
	}
	o.mu.Lock()
	o.dirs[d] = true
	o.mu.Unlock()
	return nil
}

// write writes one file at the slash path rel, or links the last build's
// (see reusable).
func (o *output) write(rel string, data []byte) error {
	if o.fingerprints {
		sum := writtenSum(rel, data)
		o.mu.Lock()
		o.sums[rel] = sum
		o.mu.Unlock()
		if o.fromSpare(rel, func(f stampFile) bool { return f.Sum == sum && f.Size == int64(len(data)) }) ||
			o.last.link(o, rel, data, sum) {
			o.reused.Add(1)
			return nil
		}
	}
	full, err := o.mkdirFor(rel)
	if err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// keep links the last build's page at rel, made from the inputs
// key names, if there is one (see reusable.keep); it reports whether it
// did. If not, the page is to be rendered and written, and write records
// key for it.
func (o *output) keep(rel, key string) bool {
	if o.last.keepSpare(o, rel, key) || o.last.keep(o, rel, key) {
		o.reused.Add(1)
		o.kept.Add(1)
		return true
	}
	o.mu.Lock()
	o.keys[rel] = key
	o.mu.Unlock()
	return false
}

// linkFrom makes rel a hard link to src, a file outside the output (a
// PDF of the cache); it fails where the file system cannot (src on
// another one).
func (o *output) linkFrom(src, rel string) error {
	if o.spareLinks(rel, src) {
		return nil
	}
	full, err := o.mkdirFor(rel)
	if err != nil {
		return err
	}
	return os.Link(src, full)
}

func (o *output) exists(rel string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.files[rel]
}

// commit makes the new directory durable and puts it in place of the old one.
func (o *output) commit() error {
	if err := o.prune(); err != nil {
		return err
	}
	if err := writeMark(o.dir); err != nil {
		return err
	}
	if err := syncTree(o.dir); err != nil {
		return err
	}
	kept, err := swap(o.dir, o.final, o.keepAt)
	var left *oldLeft
	if errors.As(err, &left) {
		// The new output is in place all the same.
		o.stuck, err = append(o.stuck, stuckFolder(*left)), nil
	}
	if err != nil {
		return err
	}
	o.done, o.keptOld = true, kept
	err = syncDir(filepath.Dir(o.final))
	o.emptyTrash()
	return err
}

// syncEach fsyncs every file and folder under dir.
func syncEach(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	_ = f.Sync() // not every file system syncs directories; the data is safe either way
	return nil
}

// discard removes the new directory if it was not committed, and lets
// the next build of the same output go.
//
// A build that started from the spare puts it back instead: what it
// replaced there has a new time, so the next build, checking each file
// against the stamp, will not take it for the spare's.
func (o *output) discard() {
	if !o.done && (o.spare == nil || os.Rename(o.dir, o.keepAt) != nil) {
		os.RemoveAll(o.dir)
	}
	o.emptyTrash()
	o.unlock()
}

// swap replaces final by dir, so that at every moment final is either the
// complete old site or the complete new one. Where the system can, the two
// directories are exchanged in one atomic step; otherwise the old one is
// first renamed aside (an interruption between the two renames is repaired
// by the next build, see cleanLeftovers). The old site is then moved to
// keepAt, where the next build starts from it (see spare.go), or removed;
// swap reports whether it was kept.
func swap(dir, final, keepAt string) (bool, error) {
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		return false, os.Rename(dir, final)
	}
	if ok, err := exchange(dir, final); err != nil {
		return false, err
	} else if ok {
		return setAside(dir, keepAt) // now the old site
	}
	old := filepath.Join(filepath.Dir(final), oldPrefix+filepath.Base(final)+"-"+filepath.Base(dir)[len(tmpPrefix):])
	if err := os.Rename(final, old); err != nil {
		return false, fmt.Errorf("moving the old %s aside: %w", final, err)
	}
	if err := os.Rename(dir, final); err != nil {
		_ = os.Rename(old, final)
		return false, err
	}
	return setAside(old, keepAt)
}

// setAside moves the old output old to keepAt, and reports whether it
// did; it removes it where it cannot (keepAt "", or on another file
// system). An old output it can neither move nor remove is an *oldLeft:
// the new one is in place.
func setAside(old, keepAt string) (bool, error) {
	if keepAt != "" {
		removeTree(keepAt)
		if os.MkdirAll(filepath.Dir(keepAt), 0o755) == nil && os.Rename(old, keepAt) == nil {
			return true, nil
		}
	}
	if err := removeTree(old); err != nil {
		return false, &oldLeft{old, err}
	}
	return false, nil
}

// oldLeft is the old output that swap replaced but could not remove.
type oldLeft stuckFolder

func (e *oldLeft) Error() string { return "removing the old output " + e.path + ": " + e.err.Error() }
