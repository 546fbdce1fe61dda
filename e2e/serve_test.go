package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/serve"
)

// A tab left open on tract serve's preview while the editor stops it,
// edits a text and starts it again shows the edit by itself once the
// new server is up, and a tab on a server that stays up does not reload
// for nothing.
func TestAnOpenPreviewReloadsWhenServeIsStartedAgain(t *testing.T) {
	tb := newTab(t)
	// While the server is stopped, the page's event stream tries to
	// connect again, and the browser logs each refusal.
	tb.consoleExpected = true
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("tract.toml", "base_url = \"https://tenants.example.net\"\nlanguages = [\"en\"]\n[title]\nen = \"Tenants\"\n")
	text := func(body string) string {
		return "---\ntitle: \"Rent\"\ndate: 2026-11-01\n---\n" + body + "\n"
	}
	write("content/leaflets/rent/en.md", text("We refuse the rent rise."))
	start := func(addr string) *serve.Server {
		t.Helper()
		s, err := serve.Start(context.Background(), serve.Options{SiteDir: dir, Addr: addr})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := start("127.0.0.1:0")
	tb.base = strings.TrimSuffix(first.URL(), "/")
	addr := strings.TrimPrefix(tb.base, "http://")
	tb.visit("/en/leaflets/rent/")
	if !tb.waitFor(`document.body.textContent.includes("We refuse the rent rise.")`, answerWithin) {
		t.Fatal("the page does not show the text")
	}
	eval[bool](tb, "window.tractMark = true")
	time.Sleep(1500 * time.Millisecond) // the stream is open, and its greeting read
	if !eval[bool](tb, "window.tractMark === true") {
		t.Fatal("the page reloaded while its server stayed up")
	}

	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	write("content/leaflets/rent/en.md", text("We refuse the rent rise, all of us."))
	second := start(addr)
	defer second.Close()
	if !tb.waitFor(`!window.tractMark && document.body.textContent.includes("all of us")`, answerWithin) {
		t.Fatal("the open page did not reload to show the edit made while tract serve was stopped")
	}
}
