// Package e2e tests the sample site in a real browser: it builds the
// repository's site, serves dist/ on 127.0.0.1 and drives headless
// Chromium over the DevTools protocol (chromedp), as a reader's phone
// would see the pages. axe-core, installed with `npm ci` in this folder,
// checks accessibility.
//
// Without Chromium the tests skip, saying so; with TRACT_BROWSER_TESTS=required
// (as .ci/run sets) a missing browser or axe-core is a failure. Screenshots
// of the main pages at 360 and 1280 pixels wide are written to e2e/shots/.
package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tractpub/tract/internal/build"
)

// RequiredEnv names the variable that turns a missing browser into a failure.
const RequiredEnv = "TRACT_BROWSER_TESTS"

// now is the build time of the sample site: the same events are upcoming
// or past on every run.
var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// Languages are the sample site's languages.
var languages = []string{"en", "fr", "es"}

// env is what every test shares: the built site, its server and the browser.
var env struct {
	skip    string // why the tests skip, if they do
	dist    string
	base    string // http://127.0.0.1:port
	browser context.Context
	axe     string // axe-core's source, or "" when it is not installed
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	required := os.Getenv(RequiredEnv) == "required"
	fail := func(format string, args ...any) int {
		msg := fmt.Sprintf(format, args...)
		if required {
			fmt.Fprintf(os.Stderr, "e2e: %s (%s=required)\n", msg, RequiredEnv)
			return 1
		}
		env.skip = msg
		return m.Run()
	}
	chromium := findChromium()
	if chromium == "" {
		return fail("no Chromium found (install Debian's chromium, or set TRACT_CHROMIUM to a Chrome or Chromium binary)")
	}
	if axe, err := os.ReadFile("node_modules/axe-core/axe.min.js"); err == nil {
		env.axe = string(axe)
	} else if required {
		fmt.Fprintf(os.Stderr, "e2e: axe-core is not installed: run npm ci in e2e/ (%s=required)\n", RequiredEnv)
		return 1
	}

	tmp, err := os.MkdirTemp("", "tract-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	env.dist = filepath.Join(tmp, "dist")
	if _, err := build.Build(context.Background(), build.Options{SiteDir: "..", OutDir: env.dist, Now: now, NoCache: true}); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building the sample site:", err)
		return 1
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(env.dist))}
	go srv.Serve(ln)
	defer srv.Close()
	env.base = "http://" + ln.Addr().String()

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.WindowSize(1280, 800),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // starts the browser
		return fail("starting %s: %v", chromium, err)
	}
	env.browser = browser
	return m.Run()
}

// findChromium returns the browser to drive: $TRACT_CHROMIUM, or the first
// of the usual names on $PATH.
func findChromium() string {
	if p := os.Getenv("TRACT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// tab is one browser tab of a test, with the console messages of its pages.
type tab struct {
	t   *testing.T
	ctx context.Context
	mu  sync.Mutex
	log []string // console errors and uncaught exceptions, with their page
	url string   // the page being visited
	// base is the server visit loads pages from, when not env.base.
	base string
	// consoleExpected keeps the tab's console errors from failing the
	// test: they are what the test looks for.
	consoleExpected bool
}

// newTab opens a tab for t, or skips t when there is no browser. When the
// test ends, any console error seen on its pages fails it.
func newTab(t *testing.T) *tab {
	t.Helper()
	if env.skip != "" {
		t.Skip("browser tests skipped: " + env.skip)
	}
	ctx, cancel := chromedp.NewContext(env.browser)
	tb := &tab{t: t, ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.log = append(tb.log, fmt.Sprintf("%s: %s", tb.url, m))
				tb.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		time.Sleep(100 * time.Millisecond) // let the last messages arrive
		cancel()
		<-done
		if tb.consoleExpected {
			return
		}
		for _, l := range tb.log {
			t.Errorf("console: %s", l)
		}
	})
	return tb
}

// viewport sets the width of the tab's screen; under 600 px it is a phone.
func (tb *tab) viewport(width int) {
	tb.t.Helper()
	height := int64(800)
	if width < 600 {
		height = 740
	}
	_, err := chromedp.Call(tb.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: height, DeviceScaleFactor: 1, Mobile: width < 600,
	})
	if err != nil {
		tb.t.Fatalf("viewport %d: %v", width, err)
	}
}

// textSize sets the browser's default font size in CSS pixels, as a
// phone's text size setting does: 16 is 100 %, 32 is 200 %.
func (tb *tab) textSize(px int64) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, page.SetFontSizes, page.SetFontSizesParams{
		FontSizes: &page.FontSizes{Standard: px, Fixed: px * 13 / 16},
	})
	if err != nil {
		tb.t.Fatalf("text size %d px: %v", px, err)
	}
}

// scheme sets the colour scheme the reader's system asks for, the CSS
// prefers-color-scheme: "light" or "dark".
func (tb *tab) scheme(name string) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: name}},
	})
	if err != nil {
		tb.t.Fatalf("colour scheme %s: %v", name, err)
	}
}

// languages sets the browser's preferred languages (navigator.languages
// and Accept-Language), as a comma-separated list: "fr-CA,fr,en".
func (tb *tab) languages(list string) {
	tb.t.Helper()
	ua, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string]("navigator.userAgent"))
	if err == nil {
		_, err = chromedp.Call(tb.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: list})
	}
	if err != nil {
		tb.t.Fatalf("languages %s: %v", list, err)
	}
}

// visit loads a page of the site, path from its root ("/fr/search/").
func (tb *tab) visit(path string) {
	tb.t.Helper()
	tb.mu.Lock()
	tb.url = path
	tb.mu.Unlock()
	base := env.base
	if tb.base != "" {
		base = tb.base
	}
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(base+path)); err != nil {
		tb.t.Fatalf("loading %s: %v", path, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %.60q: %v", tb.url, expr, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is true in the page. The
// page may change meanwhile (a click that follows a link), so an
// evaluation that fails is tried again.
// answerWithin is how long a test waits for a page to answer (a search,
// a redirect) before it fails: long, since a CI machine running the
// race detector and fuzzing may take seconds; an answer that comes at
// all comes well within it. Not a speed goal (those are benchmarks).
const answerWithin = 30 * time.Second

func (tb *tab) waitFor(expr string, timeout time.Duration) bool {
	tb.t.Helper()
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return true
		}
	}
	return false
}

// pathname is the path of the page the tab shows now.
func (tb *tab) pathname() string { return eval[string](tb, "location.pathname") }

// htmlPages lists every HTML page of the built site, as URL paths.
func htmlPages(t *testing.T) []string {
	var pages []string
	err := filepath.WalkDir(env.dist, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(env.dist, p)
		u := "/" + filepath.ToSlash(rel)
		pages = append(pages, strings.TrimSuffix(u, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
