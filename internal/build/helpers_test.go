package build

import (
	"context"
	"io/fs"
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
