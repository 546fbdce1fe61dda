//go:build unix

package build

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/testsite"
)

// A named pipe in the site (opening one waits for a writer, for ever,
// and no signal ends the wait) is an error at its name, in the content
// and in static/ alike, and neither check nor build waits on it.
func TestANamedPipeInTheSiteIsAnErrorNotAWait(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n---\ntitle: Rent\n---\nNo.\n-- static/keep.txt --\nx\n")
	for _, p := range []string{"content/leaflets/rent/pipe.jpg", "static/pipe.txt"} {
		if err := syscall.Mkfifo(filepath.Join(dir, p), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ds, err := Check(context.Background(), Options{SiteDir: dir, NoPDF: true, Now: now})
		var msgs []string
		for _, d := range ds {
			msgs = append(msgs, d.String())
		}
		all := strings.Join(msgs, "\n")
		if !strings.Contains(all, "content/leaflets/rent/pipe.jpg: error: not a file or a folder") {
			t.Errorf("check does not name the pipe in the content (%v):\n%s", err, all)
		}
		if _, err := Build(context.Background(), Options{SiteDir: dir, OutDir: filepath.Join(t.TempDir(), "dist"), NoPDF: true, Now: now}); err == nil {
			t.Error("build passed a site with named pipes")
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("check or build still waiting on a named pipe after a minute")
	}
}
