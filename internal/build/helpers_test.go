package build

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/tractpub/tract/internal/diag"
)

func loadForTest(t *testing.T, fsys fs.FS) *Site {
	t.Helper()
	var diags diag.List
	s := Load(context.Background(), fsys, now, 1, &diags)
	if s == nil {
		t.Fatalf("load: %v", diags.Sorted())
	}
	return s
}

// buildAsFromNothing builds with opts and checks that the output is
// exactly what a build from nothing (no cache, a new folder) makes.
func buildAsFromNothing(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v %v", err, res.Diagnostics)
	}
	fresh := t.TempDir()
	if _, err := Build(context.Background(), Options{SiteDir: opts.SiteDir, OutDir: fresh, Now: opts.Now, NoCache: true, NoPDF: opts.NoPDF}); err != nil {
		t.Fatal(err)
	}
	out := opts.OutDir
	if out == "" {
		out = filepath.Join(opts.SiteDir, "dist")
	}
	if got, want := treeHash(t, out), treeHash(t, fresh); got != want {
		t.Fatalf("%s is %s; a build from nothing makes %s", out, got, want)
	}
	return res
}
