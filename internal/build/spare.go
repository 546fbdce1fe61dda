package build

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The spare output.
//
// A build that leaves a stamp does not throw the old output away after the
// swap: it moves it into the cache directory, beside the stamp, as the
// spare. The next build into the same output starts from the spare instead
// of an empty directory, and changes only what differs: a file the spare
// already holds with the right bytes (or a page made from the same inputs,
// see renderKeys) stays as it is, any other is replaced, and what the new
// output does not have is removed. After one edit, that build makes no
// folder, writes a handful of files and removes none of the old tree.
//
// On ext4, folders and files are most of a build's cost, and a file
// system without a journal (a common layout for small virtual machines)
// makes each new inode step over every inode freed in the last half
// minute (up to three while that part of the inode table waits to be
// written): a build that deleted the whole old tree made the next one
// several times slower to create files (perf, at 3,000 items: 34% of the
// samples in ext4's recently_deleted). The spare removes both costs. A
// spare a build cannot use is likewise removed only once the new output
// is in place (see output.trash).
//
// The spare is two builds old. The stamp records what it holds (the
// files, their sizes and times, sums and keys, as the stamp of the build
// that wrote it did), and each file is used only while its size and time
// still match. The spare shares the inodes of files that did not change
// with the output, so nothing in it is ever written in place: a file is
// removed before another takes its path.

// spareFile is a file found in the spare.
type spareFile struct {
	info os.FileInfo
	rec  stampFile // what the stamp says of it, if size and time match; else zero
}

// sparePath returns where the spare of builds into opts.OutDir is kept,
// or "" when there is no cache directory.
func sparePath(opts Options) string { return besideStamp(opts, spareExt) }

// startFrom makes the spare at at, which the stamp says holds files, the
// directory o fills, and reports whether it did. Where it cannot (the
// spare cannot be moved beside the output, or read), the spare is
// o.trash.
func (o *output) startFrom(at string, files []stampFile) bool {
	if _, err := os.Lstat(at); err != nil {
		return false
	}
	dir := filepath.Join(filepath.Dir(o.final), tmpPrefix+filepath.Base(o.final)+"-spare")
	if err := os.Rename(at, dir); err != nil {
		o.trash = setTrash(at)
		return false
	}
	recs := make(map[string]stampFile, len(files))
	for _, f := range files {
		recs[f.Path] = f
	}
	spare := make(map[string]*spareFile, len(files))
	dirs := map[string]bool{"": true}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				dirs[rel] = true
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := &spareFile{info: info}
		if r, ok := recs[rel]; ok && asWritten(info, r.Size, r.ModTime) {
			f.rec = r
		}
		spare[rel] = f
		return nil
	})
	if err != nil {
		o.trash = dir
		return false
	}
	o.dir, o.dirs, o.spare, o.spareDirs = dir, dirs, spare, maps.Clone(dirs)
	return true
}

// fromSpare reports whether the spare holds rel as ok wants it (see
// spareFile.rec); rel is then part of the output as it is.
func (o *output) fromSpare(rel string, ok func(stampFile) bool) bool {
	if o.spare == nil {
		return false
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	f := o.spare[rel]
	if f == nil || f.rec.Path == "" || !ok(f.rec) {
		return false
	}
	o.files[rel] = true
	return true
}

// spareLinks reports whether the spare holds rel as the same file as src
// (a link to it); rel is then part of the output as it is.
func (o *output) spareLinks(rel, src string) bool {
	if o.spare == nil {
		return false
	}
	o.mu.Lock()
	f := o.spare[rel]
	o.mu.Unlock()
	if f == nil {
		return false
	}
	info, err := os.Stat(src)
	if err != nil || !os.SameFile(info, f.info) {
		return false
	}
	o.mu.Lock()
	o.files[rel] = true
	o.mu.Unlock()
	return true
}

// clear makes way in the spare for a new file at rel: it forgets whatever
// the spare has there, or has as a file where rel needs a folder, and
// returns those paths, for the caller to remove once it has let go of
// o.mu (other workers need it meanwhile). It is called with o.mu held.
func (o *output) clear(rel string) []string {
	var gone []string
	if _, ok := o.spare[rel]; ok {
		gone = append(gone, rel)
		delete(o.spare, rel)
	}
	if o.spareDirs[rel] {
		gone = append(gone, rel)
		for d := range o.spareDirs {
			if d == rel || strings.HasPrefix(d, rel+"/") {
				delete(o.spareDirs, d)
				delete(o.dirs, d)
			}
		}
		for p := range o.spare {
			if strings.HasPrefix(p, rel+"/") {
				delete(o.spare, p)
			}
		}
	}
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if _, ok := o.spare[d]; ok {
			gone = append(gone, d)
			delete(o.spare, d)
		}
	}
	return gone
}

// prune removes from the spare what the new output does not have: the
// files no build step wrote, and the folders left without any.
func (o *output) prune() error {
	if o.spare == nil {
		return nil
	}
	var errs []error
	for rel := range o.spare {
		if !o.files[rel] {
			if err := os.Remove(filepath.Join(o.dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	needed := map[string]bool{}
	for rel := range o.files {
		for d := path.Dir(rel); d != "." && !needed[d]; d = path.Dir(d) {
			needed[d] = true
		}
	}
	// Deepest first, so that a folder is empty when it is removed.
	dirs := slices.SortedFunc(func(yield func(string) bool) {
		for d := range o.spareDirs {
			if d != "" && !needed[d] && !yield(d) {
				return
			}
		}
	}, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range dirs {
		if err := os.Remove(filepath.Join(o.dir, filepath.FromSlash(d))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// trashSuffix names a spare set aside to be removed (see output.trash).
const trashSuffix = ".old"

// setTrash moves the spare at at aside, if there is one, and returns
// where it went ("" if nowhere).
func setTrash(at string) string {
	if _, err := os.Lstat(at); err != nil {
		return ""
	}
	trash := at + trashSuffix
	os.RemoveAll(trash) // left by a build that was killed
	if os.Rename(at, trash) != nil {
		os.RemoveAll(at)
		return ""
	}
	return trash
}

// emptyTrash removes the spare set aside, if any.
func (o *output) emptyTrash() {
	if o.trash != "" {
		os.RemoveAll(o.trash)
		o.trash = ""
	}
}

// keysHold reports whether the render keys of pages made by a build
// whose stamp is valid until validUntil still hold for a build at now:
// no event has started or ended since (see reusable.keys).
func keysHold(validUntil, now time.Time) bool {
	return validUntil.IsZero() || now.Before(validUntil)
}

// pruneSpares removes, at most once a day, the spares and the kept texts
// (see textCache) of outputs no build has changed for cacheMaxAge (their
// stamps are that old): an output built twice and then forgotten would
// otherwise keep its folders, and 40 MB of texts at 3,000 items, in the
// cache for ever. The stamps stay; a build of such an output simply
// starts from an empty folder and parses every text. tract check and
// tract serve keep texts too, without a stamp, for a site that may never
// be built on this computer: its texts and front matter, and what its
// last check rendered, go when nothing has written them for cacheMaxAge
// either. It also removes the half-written files of builds killed a day
// ago or more.
func pruneSpares(opts Options, wall time.Time) {
	dir := opts.cacheDir()
	if dir == "" {
		return
	}
	builds := filepath.Join(dir, "builds")
	if !pruneDue(builds, wall) {
		return
	}
	entries, _ := os.ReadDir(builds)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && strings.HasSuffix(name, spareExt+trashSuffix) {
			os.RemoveAll(filepath.Join(builds, name)) // set aside by a build that was killed
			continue
		}
		if !e.IsDir() && strings.Contains(name, ".tmp") {
			if info, err := e.Info(); err == nil && wall.Sub(info.ModTime()) > 24*time.Hour {
				os.Remove(filepath.Join(builds, name))
			}
			continue
		}
		var base string
		own := false // its own time counts too: a check or a preview writes it without a stamp
		switch {
		case e.IsDir() && strings.HasSuffix(name, spareExt):
			base = strings.TrimSuffix(name, spareExt)
		case !e.IsDir() && strings.HasSuffix(name, textsExt):
			base, own = strings.TrimSuffix(name, textsExt), true
		case !e.IsDir() && strings.HasSuffix(name, frontsExt):
			base, own = strings.TrimSuffix(name, frontsExt), true
		case !e.IsDir() && strings.HasSuffix(name, checkedExt):
			base, own = strings.TrimSuffix(name, checkedExt), true
		default:
			continue
		}
		if st, err := os.Stat(filepath.Join(builds, base+".json")); err == nil && wall.Sub(st.ModTime()) <= cacheMaxAge {
			continue
		}
		if info, err := e.Info(); own && err == nil && wall.Sub(info.ModTime()) <= cacheMaxAge {
			continue
		}
		os.RemoveAll(filepath.Join(builds, name))
	}
}
