package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

// TestRandomPreviewEditsEndAsFullLoads edits a generated site at random,
// step after step, with the edits of TestRandomEditSequencesEndAsBuilds-
// FromNothing, and follows each with Preview.Edit, as tract serve does:
// each preview is the last one edited, with its PDFs and files partly
// made, as someone browsing would have left them. When Edit refuses, the
// step starts again from a full load, as tract serve does. After each
// step, every file of the preview, PDFs included, must be what a full
// load of the site gives.
//
// The seeds are TRACT_EDIT_SEEDS's (see editSeeds); a failure names the
// seed and what each step did.
func TestRandomPreviewEditsEndAsFullLoads(t *testing.T) {
	steps := 5
	if testing.Short() {
		steps = 2
	}
	var (
		mu        sync.Mutex
		fast, all int
	)
	t.Run("seeds", func(t *testing.T) { // returns when every seed has run
		for _, seed := range editSeeds(t) {
			t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
				t.Parallel()
				n := runPreviewEdits(t, seed, steps)
				mu.Lock()
				fast, all = fast+n, all+steps
				mu.Unlock()
			})
		}
	})
	// A sequence that never edits the preview tests nothing.
	t.Logf("%d of %d steps edited the preview", fast, all)
	if fast == 0 {
		t.Error("no step edited the preview: every one loaded the site again")
	}
}

// runPreviewEdits runs the sequence of the seed given, of so many steps,
// and returns how many edited the preview.
func runPreviewEdits(t *testing.T, seed uint64, steps int) (fast int) {
	e := &editor{t: t, seed: seed, rng: rand.New(rand.NewPCG(seed, 0x70726576)), dir: t.TempDir(), now: now}
	writeGeneratedSite(t, e.dir, 25+e.rng.IntN(8))
	p := preview(t, loadRoot(t, e.dir), true)
	for e.step = 1; e.step <= steps; e.step++ {
		e.did = nil
		before := siteTree(t, e.dir)
		for range 1 + e.rng.IntN(2) {
			e.did = append(e.did, e.edit())
		}
		e.repair()
		changed := treeChanges(before, siteTree(t, e.dir))
		var diags diag.List
		next, ok := p.Edit(changed, &diags)
		if ok {
			fast++
			e.did = append(e.did, "edited")
		} else {
			next = preview(t, loadRoot(t, e.dir), true)
			e.did = append(e.did, "loaded again")
		}
		e.history = append(e.history, fmt.Sprintf("step %d: %s (%s)", e.step, strings.Join(e.did, "; "), strings.Join(changed, " ")))
		t.Logf("%s", e.history[len(e.history)-1])
		matchesFullLoad(t, e.dir, next)
		if ok {
			indexesTheSameLinks(t, next.site)
		}
		if t.Failed() {
			t.Fatalf("seed %d:\n%s", seed, strings.Join(e.history, "\n"))
		}
		browse(t, e.rng, next)
		p = next
	}
	return fast
}

// browse makes some of p's PDFs and files, as a reader would.
func browse(t *testing.T, rng *rand.Rand, p *Preview) {
	t.Helper()
	names := make([]string, 0, len(p.list.files))
	for name := range p.list.files {
		names = append(names, name)
	}
	for _, v := range p.site.variants() {
		names = append(names, v.Item.PagePath(v.Lang))
	}
	slices.Sort(names)
	for _, name := range names {
		if rng.IntN(3) != 0 {
			continue
		}
		if v := p.variantIn(name); v != nil {
			p.variantPDFs(v)
		} else if _, err := p.File(name); err != nil {
			t.Fatal(err)
		}
	}
}

// siteTree lists the files and folders of the site in dir (not dist/),
// with a digest of each file.
func siteTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	tree := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case rel == "dist":
			return filepath.SkipDir
		case d.IsDir():
			tree[rel] = [32]byte{1}
			return nil
		}
		data, err := os.ReadFile(p)
		tree[rel] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// treeChanges is what a watcher reports between two trees: the files and
// folders added, removed or changed, sorted.
func treeChanges(a, b map[string][32]byte) []string {
	var changed []string
	for name, sum := range b {
		if old, ok := a[name]; !ok || old != sum {
			changed = append(changed, name)
		}
	}
	for name := range a {
		if _, ok := b[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	return changed
}
