package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/testsite"
)

const site = `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-02-24
---
We refuse the rent rise.
-- content/leaflets/rent/fr.md --
---
title: Loyer
translated_from: en@0123456789ab
---
Nous refusons la hausse.
`

// syncBuffer is a log the server writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start serves a copy of archive on a free loopback port; the server is
// closed, and its temporary builds checked gone, when the test ends.
func start(t *testing.T, archive string) (*Server, string, *syncBuffer) {
	t.Helper()
	return startWith(t, archive, 20*time.Millisecond)
}

// startWith is start with a debounce of its own.
func startWith(t *testing.T, archive string, debounce time.Duration) (*Server, string, *syncBuffer) {
	t.Helper()
	return startOptions(t, archive, Options{Debounce: debounce})
}

// startOptions is start with the options of opts but the site, the
// address and the log.
func startOptions(t *testing.T, archive string, opts Options) (*Server, string, *syncBuffer) {
	t.Helper()
	dir := testsite.Dir(t, archive)
	log := &syncBuffer{}
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	tmp, cache := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TRACT_CACHE_DIR", cache)
	opts.SiteDir, opts.Addr, opts.Log = dir, "127.0.0.1:0", log
	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
			t.Errorf("left behind in TMPDIR: %v", entries)
		}
		// A preview is made in memory: no PDF cache, no build stamp.
		// It keeps the texts it parsed and the front matter it decoded
		// for the next start, as a build does, and nothing else.
		err := fs.WalkDir(os.DirFS(cache), ".", func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (path.Dir(name) != "builds" || path.Ext(name) != ".texts" && path.Ext(name) != ".fronts") {
				t.Errorf("written to the cache: %s", name)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
	})
	return s, dir, log
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// rawRequest sends request bytes as they are, for paths an HTTP client
// would clean up first.
func rawRequest(t *testing.T, addr, request string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(status)
}

// reloads subscribes to the reload events and returns a function that
// waits for the next one.
func reloads(t *testing.T, s *Server) func() {
	t.Helper()
	events := events(t, s)
	return func() {
		t.Helper()
		select {
		case ev := <-events:
			if ev != "event: reload" {
				t.Fatalf("event %q", ev)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("no reload event within 15s")
		}
	}
}

// events subscribes to the events sent to open pages, and returns them
// as they come ("event: reload"), after the greeting every stream starts
// with, which it checks: the server's instance, and how soon to connect
// again (see reloadScript).
func events(t *testing.T, s *Server) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+strings.TrimPrefix(EventsPath, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events stream is %s", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	var greeting []string
	for len(greeting) < 5 && sc.Scan() {
		greeting = append(greeting, sc.Text())
	}
	if want := []string{": tract serve", "retry: 1000", "", "event: hello", "data: " + s.instance}; !slices.Equal(greeting, want) {
		t.Fatalf("the stream starts with %q, want %q", greeting, want)
	}
	events := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "event: ") {
				events <- line
			}
		}
	}()
	return events
}

func TestServesTheBuildWithTheReloadScript(t *testing.T) {
	s, dir, log := start(t, site)
	resp, body := get(t, s.URL()+"en/leaflets/rent/")
	if resp.StatusCode != 200 || !strings.Contains(body, "We refuse the rent rise.") {
		t.Fatalf("%s:\n%s", resp.Status, body)
	}
	if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options: %q", got)
	}
	if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type: %q", got)
	}
	if !strings.Contains(body, `new EventSource("/_tract/events")`) {
		t.Error("no reload script in the page")
	}
	// The page knows which server served it, to reload when another
	// one is started in its place (see reloadScript).
	if s.instance == "" || !strings.Contains(body, `})("`+s.instance+`");`) {
		t.Errorf("the page does not name its server's instance %q", s.instance)
	}
	if i, j := strings.Index(body, "EventSource"), strings.LastIndex(body, "</body>"); i < 0 || j < i {
		t.Error("the script is not before </body>")
	}
	// The built file itself is untouched.
	built, err := s.cur.Load().good.preview.File("en/leaflets/rent/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(built), "EventSource") {
		t.Error("the script was written into the built file")
	}
	// Other files are served as they are.
	resp, body = get(t, s.URL()+"en/feed.xml")
	if resp.StatusCode != 200 || strings.Contains(body, "EventSource") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Errorf("feed: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	// Only files of the build: the site's own files are not there.
	if resp, _ := get(t, s.URL()+"tract.toml"); resp.StatusCode != 404 {
		t.Errorf("tract.toml: %s", resp.Status)
	}
	if resp, _ := get(t, s.URL()+"content/leaflets/rent/en.md"); resp.StatusCode != 404 {
		t.Errorf("content/: %s", resp.Status)
	}
	if !strings.Contains(log.String(), "tract serve: built ") {
		t.Errorf("log: %s", log)
	}
	_ = dir
}

func TestHomeRedirectsToTheReadersLanguage(t *testing.T) {
	s, _, _ := start(t, site)
	for accept, want := range map[string]string{
		"fr-CA,fr;q=0.9,en;q=0.5": "/fr/",
		"es-MX":                   "/es/",
		"pt-BR,pt;q=0.9":          "/en/",
		"":                        "/en/",
		"de;q=0.9, fr;q=0.8":      "/fr/",
		"*":                       "/en/",
		"garbage;;;":              "/en/",
	} {
		resp, _ := get(t, s.URL(), "Accept-Language", accept)
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("Accept-Language %q: %s to %q, want %s", accept, resp.Status, resp.Header.Get("Location"), want)
		}
		if resp.Header.Get("Vary") != "Accept-Language" {
			t.Errorf("no Vary: Accept-Language")
		}
	}
}

func TestFolderWithoutSlashRedirects(t *testing.T) {
	s, _, _ := start(t, site)
	resp, _ := get(t, s.URL()+"fr/leaflets/rent")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/fr/leaflets/rent/" {
		t.Errorf("%s to %q", resp.Status, resp.Header.Get("Location"))
	}
}

// A path with two slashes at its head is sent to the folder on this
// server: "//fr/leaflets/rent/" as a Location is the host "fr" (security
// review).
func TestFolderRedirectStaysOnThePreview(t *testing.T) {
	s, _, _ := start(t, site)
	conn, err := net.Dial("tcp", s.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, "GET //fr/leaflets/rent HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/fr/leaflets/rent/" {
		t.Errorf("%s to %q, want 302 to /fr/leaflets/rent/", resp.Status, resp.Header.Get("Location"))
	}
}

func TestMissingPageGetsItsLanguages404(t *testing.T) {
	s, _, _ := start(t, site)
	for url, lang := range map[string]string{"fr/nothing/": "fr", "es/leaflets/nothing/": "es", "nothing.html": "en", "xx/nothing": "en"} {
		resp, body := get(t, s.URL()+url)
		if resp.StatusCode != 404 || !strings.Contains(body, `<html lang="`+lang+`"`) || !strings.Contains(body, "EventSource") {
			t.Errorf("%s: %s, want the %s 404 page:\n%.200s", url, resp.Status, lang, body)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", url)
		}
	}
}

// The page of a copy not translated yet is missing, as it is from the
// site built: a translator who opens it is told why, and when it will be
// there. Other missing pages are not remarked on.
func TestTheMissingPageOfACopyNotYetTranslatedSaysWhy(t *testing.T) {
	s, _, _ := start(t, site+"-- content/leaflets/rent/es.md --\n---\ntitle: Rent\ndate: 2024-02-24\ntranslated_from: en@0123456789ab\n---\nWe refuse the rent rise.\n")
	resp, body := get(t, s.URL()+"es/leaflets/rent/")
	want := "content/leaflets/rent/es.md is not translated yet: its text is still that of en.md, word for word, and such a copy is not published. Its page is here once a paragraph or list item of six words or more of it is translated; until then its readers get /en/leaflets/rent/, listed with a notice."
	if resp.StatusCode != 404 || !strings.Contains(body, want) || !strings.Contains(body, `<html lang="es"`) {
		t.Errorf("%s, want the es 404 page saying %q:\n%s", resp.Status, want, body)
	}
	for _, url := range []string{"es/leaflets/nothing/", "fr/leaflets/rent/nothing/", "es/leaflets/rent/photo.png"} {
		if resp, body := get(t, s.URL()+url); resp.StatusCode != 404 || strings.Contains(body, "tract-serve-note") {
			t.Errorf("%s: %s, with a note:\n%s", url, resp.Status, body)
		}
	}
	hidden, _, _ := start(t, site+"-- content/leaflets/rent/es.md --\n---\ntitle: Rent\ndate: 2024-02-24\ntranslated_from: en@0123456789ab\n---\nWe refuse the rent rise.\n"+
		"-- tract.toml --\nfallback = \"hide\"\n"+testsite.DefaultConfig)
	if _, body := get(t, hidden.URL()+"es/leaflets/rent/"); !strings.Contains(body, `until then it is left out of the lists in es (fallback = &#34;hide&#34;).`) {
		t.Errorf("with fallback = \"hide\", the note does not say the text is left out:\n%s", body)
	}
}

func TestRejectsPathTraversal(t *testing.T) {
	s, _, _ := start(t, site)
	addr := s.ln.Addr().String()
	for _, p := range []string{
		"/../tract.toml",
		"/../../../../etc/passwd",
		"/%2e%2e/tract.toml",
		"/en/%2e%2e/%2e%2e/tract.toml",
		"/en/..%2f..%2ftract.toml",
		"/en/..\\..\\tract.toml",
		"/en/%5c..%5ctract.toml",
		"/./en/",
		"/en/%00",
	} {
		status := rawRequest(t, addr, "GET "+p+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		if !strings.Contains(status, " 400 ") {
			t.Errorf("GET %s: %s, want 400", p, status)
		}
	}
}

func TestOnlyGetAndHeadAreAnswered(t *testing.T) {
	s, _, _ := start(t, site)
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		req, _ := http.NewRequest(m, s.URL()+"en/", strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %s, Allow %q", m, resp.Status, resp.Header.Get("Allow"))
		}
	}
	resp, err := http.Head(s.URL() + "en/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("HEAD: %s", resp.Status)
	}
}

func TestRefusesForeignHostOnLoopback(t *testing.T) {
	s, _, _ := start(t, site)
	addr := s.ln.Addr().String()
	if status := rawRequest(t, addr, "GET /en/ HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"); !strings.Contains(status, " 403 ") {
		t.Errorf("foreign Host: %s", status)
	}
	for _, host := range []string{"localhost:1234", "127.0.0.1", "[::1]:80"} {
		if status := rawRequest(t, addr, "GET /en/ HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); !strings.Contains(status, " 200 ") {
			t.Errorf("Host %s: %s", host, status)
		}
	}
}

// A preview on every interface (--addr :8080, to see it on a phone) says
// that other machines can see it, and where a phone opens it; one on
// loopback says nothing of the kind.
func TestAPreviewOnTheNetworkSaysSo(t *testing.T) {
	dir := testsite.Dir(t, site)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("TRACT_CACHE_DIR", t.TempDir())
	log := &syncBuffer{}
	s, err := Start(context.Background(), Options{SiteDir: dir, Addr: ":0", Log: log})
	if err != nil {
		t.Skipf("cannot listen on every interface: %v", err)
	}
	defer s.Close()
	port := s.ln.Addr().(*net.TCPAddr).Port
	out := log.String()
	if want := fmt.Sprintf("tract serve: warning: other machines on the network can see the preview, drafts included; --addr 127.0.0.1:%d keeps it on this one\n", port); strings.Count(out, want) != 1 {
		t.Errorf("no %q:\n%s", want, out)
	}
	if want := fmt.Sprintf("tract serve: serving http://127.0.0.1:%d/ (Ctrl-C to stop)\n", port); !strings.Contains(out, want) {
		t.Errorf("no %q:\n%s", want, out)
	}
	if urls := networkURLs(s.ln.Addr().(*net.TCPAddr), networkIPv4()); len(urls) > 0 {
		if want := "tract serve: on a phone on the same network, open " + urls[0]; !strings.Contains(out, want) {
			t.Errorf("no %q:\n%s", want, out)
		}
	}
	if resp, _ := get(t, s.URL()+"en/leaflets/rent/"); resp.StatusCode != http.StatusOK {
		t.Errorf("%s: %s", s.URL(), resp.Status)
	}

	_, _, log = start(t, site)
	if out := log.String(); strings.Contains(out, "other machines") || strings.Contains(out, "phone") {
		t.Errorf("a preview on loopback says:\n%s", out)
	}
}

// A phone opens the preview at the address it listens at, or at any of
// the machine's IPv4 addresses on a network when it listens at all.
func TestNetworkURLsAreThoseAPhoneCanOpen(t *testing.T) {
	local := []net.IP{
		net.ParseIP("127.0.0.1"), net.ParseIP("192.168.1.20"), net.ParseIP("169.254.7.1"),
		net.ParseIP("10.0.0.5"), net.ParseIP("192.168.1.20"),
	}
	for _, tt := range []struct {
		addr  string
		local []net.IP
		want  []string
	}{
		{"[::]:8080", local, []string{"http://10.0.0.5:8080/", "http://192.168.1.20:8080/"}},
		{"0.0.0.0:8080", local, []string{"http://10.0.0.5:8080/", "http://192.168.1.20:8080/"}},
		{"0.0.0.0:8080", []net.IP{net.ParseIP("127.0.0.1")}, nil},
		{"192.168.1.20:8081", local, []string{"http://192.168.1.20:8081/"}},
		{"[2001:db8::7]:8080", local, []string{"http://[2001:db8::7]:8080/"}},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := networkURLs(addr, tt.local); !slices.Equal(got, tt.want) {
			t.Errorf("listening at %s: %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestEditRebuildsAndReloads(t *testing.T) {
	s, dir, log := start(t, site)
	next := reloads(t, s)
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "We refuse the rent rise.", "We refuse the rent rise, all of us.", 1)), 0o644)
	next()
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "We refuse the rent rise, all of us.") {
		t.Errorf("the page does not show the change:\n%s", body)
	}
	// An edit of a text is the fast path: only its item is read again.
	if !strings.Contains(log.String(), "updated after a change to content/leaflets/rent/en.md") {
		t.Errorf("log: %s", log)
	}
	// Saved as sed -i saves, through a file that is renamed over the text:
	// the log names the text, not the file that came and went.
	tmp := filepath.Join(dir, "content/leaflets/rent/sedt3n4tR")
	os.WriteFile(tmp, []byte(strings.Replace(string(data), "We refuse the rent rise.", "We refuse the rent rise, together.", 1)), 0o644)
	os.Rename(tmp, p)
	next()
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "We refuse the rent rise, together.") {
		t.Errorf("the page does not show the change saved through a renamed file:\n%s", body)
	}
	if strings.Contains(log.String(), "sedt3n4tR") {
		t.Errorf("the log names the file that came and went:\n%s", log)
	}
	// A new item in a new folder is seen too.
	os.MkdirAll(filepath.Join(dir, "content/articles/strike"), 0o755)
	os.WriteFile(filepath.Join(dir, "content/articles/strike/en.md"), []byte("---\ntitle: Strike\n---\nOn strike.\n"), 0o644)
	deadline := time.Now().Add(15 * time.Second)
	for {
		next()
		if resp, _ := get(t, s.URL()+"en/articles/strike/"); resp.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the new item was never served")
		}
	}
}

// A page asked for after the watcher has seen a save, before the edit
// is served, is the page of the edit: the request waits for it (a
// script polling for the edit, a reload pressed as the file is saved),
// rather than get the page the edit replaces.
func TestAPageAskedForAsATextIsSavedShowsTheSave(t *testing.T) {
	s, dir, _ := startWith(t, site, 100*time.Millisecond)
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "We refuse the rent rise.", "We refuse the rent rise, all of us.", 1)), 0o644)
	for deadline := time.Now().Add(5 * time.Second); s.incoming.Load() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the watcher never reported the save")
		}
	}
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "We refuse the rent rise, all of us.") {
		t.Errorf("the page asked for once the save was seen does not show it:\n%s", body)
	}
}

// Once an edit's page is made, the collector runs if the heap has grown
// past half way to the size at which Go would collect it: it then falls
// while the editor reads, and not in the middle of their next edit.
func TestACollectionDueRunsBetweenEdits(t *testing.T) {
	s, dir, _ := start(t, site)
	next := reloads(t, s)
	read := func(name string) uint64 {
		m := []metrics.Sample{{Name: name}}
		metrics.Read(m)
		return m[0].Value.Uint64()
	}
	// 64 MB live, so that the edit's own garbage, a few megabytes, takes
	// the heap neither to the next collection nor half way to it.
	ballast := make([]byte, 64<<20)
	defer runtime.KeepAlive(ballast)
	runtime.GC()
	// Garbage 60% of the way to the next collection.
	live, goal := read("/gc/heap/live:bytes"), read("/gc/heap/goal:bytes")
	var garbage []byte
	for read("/memory/classes/heap/objects:bytes") < live+(goal-live)*6/10 {
		garbage = make([]byte, 1<<17) // too large for the stack
	}
	_ = garbage
	forced := read("/gc/cycles/forced:gc-cycles")
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append(data, "\nOne more line.\n"...), 0o644)
	next()
	get(t, s.URL()+"en/leaflets/rent/")
	for deadline := time.Now().Add(5 * time.Second); read("/gc/cycles/forced:gc-cycles") == forced; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no collection ran after the edit, with the heap past half way to the next")
		}
	}
}

// A picture put beside the texts is served at one address, which the
// pages of every language show, and a picture saved again shows at once:
// the page reloads with its new size, and the address serves its new
// bytes.
func TestAPictureIsServedAtOneAddressForEveryLanguage(t *testing.T) {
	s, dir, _ := start(t, site)
	next := reloads(t, s)
	picture := func(w, h int) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/leaflets/rent/photo.png", picture(30, 20))
	for _, f := range []struct{ name, old, new string }{
		{"content/leaflets/rent/en.md", "We refuse the rent rise.", "We refuse the rent rise.\n\n![A tenant](photo.png)"},
		{"content/leaflets/rent/fr.md", "Nous refusons la hausse.", "Nous refusons la hausse.\n\n![Une locataire](photo.png)"},
	} {
		data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.name)))
		write(f.name, []byte(strings.Replace(string(data), f.old, f.new, 1)))
	}
	shows := func(width string) {
		t.Helper()
		for _, lang := range []string{"en", "fr"} {
			deadline := time.Now().Add(15 * time.Second)
			for {
				_, body := get(t, s.URL()+lang+"/leaflets/rent/")
				if strings.Contains(body, `<img src="../../../leaflets/rent/photo.png"`) && strings.Contains(body, `width="`+width+`"`) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the %s page does not show the picture %s pixels wide at its one address:\n%s", lang, width, body)
				}
				next()
			}
		}
	}
	shows("30")
	resp, body := get(t, s.URL()+"leaflets/rent/photo.png")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || body != string(picture(30, 20)) {
		t.Errorf("the picture: %s %s, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	}
	if resp, _ := get(t, s.URL()+"fr/leaflets/rent/photo.png"); resp.StatusCode != 404 {
		t.Errorf("the picture is served in a language's folder too: %s", resp.Status)
	}

	write("content/leaflets/rent/photo.png", picture(40, 20))
	shows("40")
	if _, body := get(t, s.URL()+"leaflets/rent/photo.png"); body != string(picture(40, 20)) {
		t.Error("the picture saved again is served as it was")
	}
}

// An edit is made ahead once the site is quiet for a tenth of the
// debounce, and served when the debounce ends; a save that comes after
// one was made ahead, within the debounce, is the one served, in one load.
// (That an edit overtaken while it is being made is dropped is
// TestTheLastSaveIsServedWhateverWasMadeAhead's.)
func TestEditsMadeAheadAreServedOnlyIfNothingChangedSince(t *testing.T) {
	s, dir, log := startWith(t, site, 400*time.Millisecond)
	next := reloads(t, s)
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, _ := os.ReadFile(p)
	edit := func(text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), "We refuse the rent rise.", text, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := s.URL() + "en/leaflets/rent/"

	edit("First edit.")
	next()
	if _, body := get(t, page); !strings.Contains(body, "First edit.") {
		t.Errorf("the page does not show the first edit:\n%s", body)
	}
	if n := s.servedAhead.Load(); n != 1 {
		t.Errorf("%d edits served were made ahead, want 1", n)
	}

	// The second edit is made ahead 40 ms after it is saved; the third
	// comes 200 ms after the second, within the debounce, and must be
	// the one served, once.
	edit("Second edit.")
	time.Sleep(200 * time.Millisecond)
	edit("Third edit.")
	next()
	if _, body := get(t, page); !strings.Contains(body, "Third edit.") || strings.Contains(body, "Second edit.") {
		t.Errorf("the page does not show the third edit alone:\n%s", body)
	}
	if n := strings.Count(log.String(), "updated after a change to content/leaflets/rent/en.md"); n != 2 {
		t.Errorf("%d loads after the edits, want 2:\n%s", n, log)
	}
}

// Saves a millisecond or two apart, with a debounce as short, make edits
// ahead that later saves overtake: whatever was made ahead, the state
// served in the end is the last one saved.
func TestTheLastSaveIsServedWhateverWasMadeAhead(t *testing.T) {
	s, dir, _ := startWith(t, site, 2*time.Millisecond)
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, _ := os.ReadFile(p)
	page := s.URL() + "en/leaflets/rent/"
	for round := range 5 {
		var last string
		for i := range 20 {
			last = fmt.Sprintf("Save %d of round %d.", i, round)
			if err := os.WriteFile(p, []byte(strings.Replace(string(data), "We refuse the rent rise.", last, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(i%4) * 700 * time.Microsecond)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, body := get(t, page)
			if strings.Contains(body, last) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("round %d: the last save was never served", round)
			}
			time.Sleep(5 * time.Millisecond)
		}
		// Nothing made ahead of it is served after it.
		time.Sleep(50 * time.Millisecond)
		if _, body := get(t, page); !strings.Contains(body, last) {
			t.Fatalf("round %d: an older save replaced the last one:\n%s", round, body)
		}
	}
}

func TestBuildErrorIsShownWhileTheLastGoodBuildIsServed(t *testing.T) {
	s, dir, log := start(t, site)
	next := reloads(t, s)
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte("---\ntitle: Rent\ncolour: <red>\n---\nBroken.\n"), 0o644)
	next()
	resp, body := get(t, s.URL()+"en/leaflets/rent/")
	if resp.StatusCode != 200 || !strings.Contains(body, "We refuse the rent rise.") {
		t.Errorf("the last good page is not served: %s\n%s", resp.Status, body)
	}
	for _, want := range []string{`id="tract-serve-error"`, `content/leaflets/rent/en.md:3: error: unknown key &#34;colour&#34;`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s:\n%s", want, body)
		}
	}
	if !strings.Contains(log.String(), `content/leaflets/rent/en.md:3: error: unknown key "colour"`) || !strings.Contains(log.String(), "still serving the last good build") {
		t.Errorf("log: %s", log)
	}
	// Fixed: the overlay goes.
	os.WriteFile(p, good, 0o644)
	next()
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); strings.Contains(body, "tract-serve-error") {
		t.Errorf("the overlay stayed after the fix")
	}
}

// A save that gives a text an error is reported without loading the whole
// site, and so are the saves after it, each edit made from the last good
// build with every file changed since; the save that fixes it is served
// the same way, with the other files saved meanwhile.
func TestAnEditWithErrorsIsReportedWithoutAFullLoad(t *testing.T) {
	s, dir, log := start(t, site)
	next := reloads(t, s)
	en := filepath.Join(dir, "content/leaflets/rent/en.md")
	good, _ := os.ReadFile(en)
	os.WriteFile(en, append(slices.Clip(good), "\nSee [the other one](../nowhere/en.md).\n"...), 0o644)
	next()
	const broken = `content/leaflets/rent/en.md:7: error: link &#34;../nowhere/en.md&#34;: there is no item content/leaflets/nowhere`
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, broken) || !strings.Contains(body, "We refuse the rent rise.") {
		t.Errorf("the page does not show the error over the last good build:\n%s", body)
	}
	if !strings.Contains(log.String(), "the change to content/leaflets/rent/en.md has errors (still serving the last good build)") {
		t.Errorf("log: %s", log)
	}
	// The French text is saved while the English one is broken: still
	// broken, the French change waits.
	fr := filepath.Join(dir, "content/leaflets/rent/fr.md")
	frData, _ := os.ReadFile(fr)
	os.WriteFile(fr, []byte(strings.Replace(string(frData), "Nous refusons la hausse.", "Nous refusons toutes la hausse.", 1)), 0o644)
	next()
	if _, body := get(t, s.URL()+"fr/leaflets/rent/"); !strings.Contains(body, "there is no item content/leaflets/nowhere") || strings.Contains(body, "toutes") {
		t.Errorf("the French page is not the last good one under the error:\n%s", body)
	}
	// Fixed: both changes are served, the English page without the error.
	os.WriteFile(en, append(slices.Clip(good), "\nSee the other one.\n"...), 0o644)
	next()
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); strings.Contains(body, "tract-serve-error") || !strings.Contains(body, "See the other one.") {
		t.Errorf("the English page after the fix:\n%s", body)
	}
	if _, body := get(t, s.URL()+"fr/leaflets/rent/"); !strings.Contains(body, "Nous refusons toutes la hausse.") {
		t.Errorf("the French change saved while the site was broken is not served:\n%s", body)
	}
	out := log.String()
	if !strings.Contains(out, "updated after a change to content/leaflets/rent/en.md") || strings.Contains(out, "rebuilt after") {
		t.Errorf("the edits were not all made on the fast path:\n%s", out)
	}
}

// Editors that empty a file, then write it (VS Code, nano, a shell's
// cat >), leave it empty, or half written, until the write lands: tens of
// milliseconds on a slow disk or in a synchronised folder, longer than
// the debounce. Such a save is held until the rest lands, and shows
// once, without the false error of the text caught half-way.
func TestASaveCaughtHalfWayShowsNoFalseError(t *testing.T) {
	for _, tt := range []struct{ name, first string }{
		{"emptied", ""},
		{"half written", "---\ntitle: Re"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			held := make(chan struct{}, 1)
			// A hold long enough that a loaded machine does not end it
			// before the test writes the rest; the write ends it.
			s, dir, log := startOptions(t, site, Options{Debounce: 20 * time.Millisecond, Hold: time.Minute, held: func() {
				select {
				case held <- struct{}{}:
				default:
				}
			}})
			events := events(t, s)
			before := s.cur.Load().version
			f, rest := saveHalf(t, dir, tt.first)
			select {
			case <-held:
			case <-events:
				t.Fatalf("the save caught half-way was reported:\n%s", log)
			case <-time.After(15 * time.Second):
				t.Fatalf("the save caught half-way was neither held nor reported within 15s:\n%s", log)
			}
			// The rest of the save lands.
			if _, err := f.WriteString(rest); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-events:
			case <-time.After(15 * time.Second):
				t.Fatalf("no reload event within 15s of the end of the save:\n%s", log)
			}
			if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "all of us.") || strings.Contains(body, "tract-serve-error") {
				t.Errorf("the page does not show the save alone:\n%s", body)
			}
			if out := log.String(); strings.Contains(out, ": error: ") || strings.Contains(out, "has errors") || !strings.Contains(out, "updated after a change to content/leaflets/rent/en.md") {
				t.Errorf("log:\n%s", out)
			}
			if n := s.cur.Load().version - before; n != 1 {
				t.Errorf("%d loads after the save, want 1", n)
			}
		})
	}
}

// A load of the whole site can take longer than the hold: seconds, on an
// archive of thousands of texts. A save it catches half-way, whose rest
// lands while it runs, shows no false error either: the load is held,
// and the next one reads the save whole.
func TestASaveThatLandsDuringAFullLoadShowsNoFalseError(t *testing.T) {
	var s *Server
	lands := make(chan func(), 1)
	held := make(chan struct{}, 1)
	// A debounce long enough that a loaded machine does not split the
	// two saves below; a hold shorter than it, so that every load ends
	// after the hold, as a long one does.
	s, dir, log := startOptions(t, site, Options{Debounce: 300 * time.Millisecond, Hold: time.Millisecond,
		loaded: func() {
			select {
			case f := <-lands:
				f()
			default:
			}
		},
		held: func() {
			select {
			case held <- struct{}{}:
			default:
			}
		},
	})
	events := events(t, s)
	before := s.cur.Load().version
	f, rest := saveHalf(t, dir, "---\ntitle: Re")
	// The rest of the save lands once the load has read the half, and
	// the watcher has it before the load ends, as it does when a load
	// takes seconds.
	lands <- func() {
		offered := s.watch.offered.Load()
		if _, err := f.WriteString(rest); err != nil {
			t.Error(err)
		}
		if err := f.Close(); err != nil {
			t.Error(err)
		}
		for deadline := time.Now().Add(15 * time.Second); s.watch.offered.Load() == offered && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
	}
	// tract.toml changes in the same burst: the whole site is loaded.
	toml := filepath.Join(dir, "tract.toml")
	config, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(toml, append(config, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-events:
	case <-time.After(15 * time.Second):
		t.Fatalf("no reload event within 15s of the save:\n%s", log)
	}
	if out := log.String(); strings.Contains(out, ": error: ") || strings.Contains(out, "build failed") || !strings.Contains(out, "rebuilt after a change to") {
		t.Errorf("log:\n%s", out)
	}
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "all of us.") || strings.Contains(body, "tract-serve-error") {
		t.Errorf("the page does not show the save alone:\n%s", body)
	}
	if n := s.cur.Load().version - before; n != 1 {
		t.Errorf("%d loads after the save, want 1", n)
	}
	select {
	case <-held:
	default:
		t.Error("the load that caught the save half-way was not held")
	}
}

// An editor who saves a text empty is told, once it has stayed empty for
// the hold, and only once.
func TestATextSavedEmptyIsReportedOnceItStaysEmpty(t *testing.T) {
	held := make(chan struct{}, 1)
	// A hold long enough that the debounce ends before it on a loaded
	// machine.
	s, dir, log := startOptions(t, site, Options{Debounce: 20 * time.Millisecond, Hold: time.Second, held: func() {
		select {
		case held <- struct{}{}:
		default:
		}
	}})
	next := reloads(t, s)
	before := s.cur.Load().version
	if err := os.WriteFile(filepath.Join(dir, "content/leaflets/rent/en.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	next()
	select {
	case <-held:
	default:
		t.Error("the empty text was reported without waiting for the rest of a save")
	}
	out := log.String()
	if n := strings.Count(out, "content/leaflets/rent/en.md:1: error: the file is empty"); n != 1 || !strings.Contains(out, "has errors (still serving the last good build)") {
		t.Errorf("the empty text is reported %d times, want 1:\n%s", n, out)
	}
	if _, body := get(t, s.URL()+"en/leaflets/rent/"); !strings.Contains(body, "the file is empty") {
		t.Errorf("the page does not show the error:\n%s", body)
	}
	if n := s.cur.Load().version - before; n != 1 {
		t.Errorf("%d loads after the save, want 1", n)
	}
}

// A load of the whole site prints the warnings it finds that the last one
// did not, and counts the others.
func TestAFullLoadPrintsOnlyNewWarnings(t *testing.T) {
	// Both files below are saved in one burst: a debounce long enough
	// that a loaded machine does not split it.
	s, dir, log := startWith(t, site, 300*time.Millisecond)
	next := reloads(t, s)
	const fr = "content/leaflets/rent/fr.md:3: warning: outdated translation"
	if n := strings.Count(log.String(), fr); n != 1 {
		t.Fatalf("the first build printed the warning %d times:\n%s", n, log)
	}
	// tract.toml changes, and a new translation is out of date: the
	// whole site is loaded again.
	toml := filepath.Join(dir, "tract.toml")
	data, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content/leaflets/rent/es.md"), []byte("---\ntitle: Alquiler\ntranslated_from: en@0123456789ab\n---\nRechazamos la subida.\n"), 0o644)
	os.WriteFile(toml, append(data, "\n# edited\n"...), 0o644)
	next()
	out := log.String()
	if !strings.Contains(out, "rebuilt after a change to") {
		t.Fatalf("the site was not loaded again:\n%s", out)
	}
	if n := strings.Count(out, fr); n != 1 {
		t.Errorf("the warning of the first build was printed %d times:\n%s", n, out)
	}
	if !strings.Contains(out, "content/leaflets/rent/es.md:3: warning: outdated translation") || !strings.Contains(out, "1 warning as before, not repeated") {
		t.Errorf("the new warning, or the count of the others, is missing:\n%s", out)
	}
}

// An edit prints the warnings it finds that were not printed before, or
// that changed since, and counts the others, as a full load does: the
// warnings of the text being edited do not bury what is new. A warning
// mended and brought back is printed again, errors are printed every
// time, and a full load counts the warnings the edits printed.
func TestAnEditPrintsOnlyNewWarnings(t *testing.T) {
	s, dir, log := start(t, site)
	next := reloads(t, s)
	const (
		outdated = "content/leaflets/rent/fr.md:3: warning: outdated translation"
		html     = "content/leaflets/rent/en.md:9: warning: raw HTML dropped"
		broken   = `content/leaflets/rent/en.md:7: error: link "../nowhere/en.md"`
	)
	save := appender(t, filepath.Join(dir, "content/leaflets/rent/en.md"), log, next)
	for i, step := range []struct {
		more    string
		printed []string // the lines printed once
		quiet   []string // the lines not printed
		counted string   // the line counting the others
	}{
		{"\nAll of us.\n", nil, []string{outdated}, "1 warning as before, not repeated"},
		{"\nAll of us.\n\n<div>hi</div>\n", []string{html}, []string{outdated}, "1 warning as before, not repeated"},
		{"\nAll of us, together.\n\n<div>hi</div>\n", nil, []string{outdated, html}, "2 warnings as before, not repeated"},
		{"\nAll of us.\n", nil, []string{outdated, html}, "1 warning as before, not repeated"},
		{"\nAll of us.\n\n<div>hi</div>\n", []string{html}, []string{outdated}, "1 warning as before, not repeated"},
		{"\nSee [the other one](../nowhere/en.md).\n", []string{broken}, []string{outdated}, "1 warning as before, not repeated"},
		{"\nSee [the other one](../nowhere/en.md).\n", []string{broken}, []string{outdated}, "1 warning as before, not repeated"},
		{"\nAll of us.\n\n<div>hi</div>\n", []string{html}, []string{outdated}, "1 warning as before, not repeated"},
	} {
		out := save(step.more)
		for _, line := range step.printed {
			if n := strings.Count(out, line); n != 1 {
				t.Errorf("save %d: %q printed %d times, want 1:\n%s", i+1, line, n, out)
			}
		}
		for _, line := range step.quiet {
			if strings.Contains(out, line) {
				t.Errorf("save %d: %q printed again:\n%s", i+1, line, out)
			}
		}
		if !strings.Contains(out, "tract serve: "+step.counted+" (tract check lists every warning)") {
			t.Errorf("save %d: no %q:\n%s", i+1, step.counted, out)
		}
	}
	// A full load: the warnings the edits printed are counted too.
	toml := filepath.Join(dir, "tract.toml")
	data, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	before := len(log.String())
	if err := os.WriteFile(toml, append(data, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	next()
	out := log.String()[before:]
	if !strings.Contains(out, "rebuilt after a change to tract.toml") || strings.Contains(out, outdated) || strings.Contains(out, html) || !strings.Contains(out, "warnings as before, not repeated") {
		t.Errorf("the full load after the edits says:\n%s", out)
	}
}

// The PDFs of a text are made again each time it is saved: a warning of
// theirs is printed when it is new, not at every save, and printed again
// when it was mended and comes back, or moved to another line.
func TestAPDFWarningIsPrintedOnceUntilItIsMended(t *testing.T) {
	s, dir, log := start(t, site)
	next := reloads(t, s)
	// save's log is read once the PDFs of the text served are made: the
	// PDF is served once they are, and their warnings told.
	save := appender(t, filepath.Join(dir, "content/leaflets/rent/fr.md"), log, func() {
		next()
		if resp, _ := get(t, s.URL()+"fr/leaflets/rent/rent-fr-a4.pdf"); resp.StatusCode != http.StatusOK {
			t.Fatalf("the PDF: %s", resp.Status)
		}
	})
	const cannot = "warning: PDF: the PDF font cannot draw 2 characters (U+65E5 '日', U+672C '本')"
	at7 := "content/leaflets/rent/fr.md:7: " + cannot
	at9 := "content/leaflets/rent/fr.md:9: " + cannot
	for i, step := range []struct {
		more    string
		printed string // the line printed once, if any
	}{
		{"\nAu Japon (日本).\n", at7},
		{"\nAu Japon (日本).\n\nEncore.\n", ""},
		{"\nAu Japon (日本).\n\nEncore, encore.\n", ""},
		{"\nAu Japon.\n", ""},
		{"\nAu Japon (日本).\n", at7},
		{"\nEncore.\n\nAu Japon (日本).\n", at9},
	} {
		out := save(step.more)
		if n := strings.Count(out, cannot); step.printed == "" && n != 0 || step.printed != "" && (n != 1 || !strings.Contains(out, step.printed)) {
			t.Errorf("save %d: the PDF warning printed %d times, want %q:\n%s", i+1, n, step.printed, out)
		}
	}
	// A load of the whole site makes the PDFs again when they are asked
	// for: their warning is as before.
	toml := filepath.Join(dir, "tract.toml")
	data, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	before := len(log.String())
	if err := os.WriteFile(toml, append(data, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	next()
	if resp, _ := get(t, s.URL()+"fr/leaflets/rent/rent-fr-a4.pdf"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the PDF: %s", resp.Status)
	}
	if out := log.String()[before:]; !strings.Contains(out, "rebuilt after a change to tract.toml") || strings.Contains(out, cannot) {
		t.Errorf("after a load of the whole site, the log says:\n%s", out)
	}
}

func TestFirstBuildFailureIsServedAsAnErrorPage(t *testing.T) {
	s, dir, _ := start(t, `
-- content/leaflets/rent/en.md --
---
title: [Rent
---
`)
	next := reloads(t, s)
	resp, body := get(t, s.URL())
	if resp.StatusCode != 500 || !strings.Contains(body, "content/leaflets/rent/en.md:2: error:") || !strings.Contains(body, "EventSource") {
		t.Errorf("%s:\n%s", resp.Status, body)
	}
	os.WriteFile(filepath.Join(dir, "content/leaflets/rent/en.md"), []byte("---\ntitle: Rent\n---\nText.\n"), 0o644)
	next()
	if resp, _ := get(t, s.URL()+"en/leaflets/rent/"); resp.StatusCode != 200 {
		t.Errorf("after the fix: %s", resp.Status)
	}
}

func TestSurvivesAClientLeavingMidDownload(t *testing.T) {
	big := strings.Repeat("0123456789abcdef", 1<<20) // 16 MB
	s, _, _ := start(t, site+"-- static/big.bin --\n"+big)
	for range 5 {
		conn, err := net.Dial("tcp", s.ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		buf := make([]byte, 64<<10)
		if _, err := io.ReadFull(conn, buf); err != nil {
			t.Fatal(err)
		}
		conn.Close() // in the middle of the body
	}
	resp, body := get(t, s.URL()+"big.bin")
	if resp.StatusCode != 200 || len(body) != len(big)+1 {
		t.Errorf("after the disconnects: %s, %d bytes", resp.Status, len(body))
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("unknown type served as %q", ct)
	}
}

// TestAnswersAThousandConcurrentRequests is a bounded load test against
// 127.0.0.1: 1,000 requests at once, each on its own connection, each
// must succeed.
func TestAnswersAThousandConcurrentRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	s, _, _ := start(t, site)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	transport := &http.Transport{DisableKeepAlives: true, MaxConnsPerHost: 0}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	urls := []string{"en/", "fr/leaflets/rent/", "es/feed.xml", "assets/tract.css", "nothing/"}
	const n = 1000
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed []string
		ready  = make(chan struct{})
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ready
			url := s.URL() + urls[i%len(urls)]
			req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
			resp, err := client.Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				want := 200
				if strings.HasPrefix(urls[i%len(urls)], "nothing") {
					want = 404
				}
				if err == nil && resp.StatusCode != want {
					err = fmt.Errorf("%s", resp.Status)
				}
			}
			if err != nil {
				mu.Lock()
				failed = append(failed, fmt.Sprintf("%s: %v", url, err))
				mu.Unlock()
			}
		}()
	}
	begin := time.Now()
	close(ready)
	wg.Wait()
	t.Logf("%d concurrent requests in %s", n, time.Since(begin).Round(time.Millisecond))
	if len(failed) > 0 {
		t.Errorf("%d of %d requests failed, first: %s", len(failed), n, failed[0])
	}
}

func TestCloseStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := testsite.Dir(t, site)
	s, err := Start(context.Background(), Options{SiteDir: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	next := reloads(t, s) // an open event stream must not hold Close up
	_ = next
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("still answering after Close")
	}
	// Goroutines wind down (the test's own event reader included).
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestRunStopsWhenTheContextEnds(t *testing.T) {
	dir := testsite.Dir(t, site)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- Run(ctx, Options{SiteDir: dir, Addr: "127.0.0.1:0"}) }()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}

func TestStartFailsOnABusyAddressAndCleansUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := testsite.Dir(t, site)
	_, err = Start(context.Background(), Options{SiteDir: dir, Addr: ln.Addr().String()})
	if err == nil {
		t.Fatal("Start on a busy address succeeded")
	}
	if !strings.Contains(err.Error(), "choose another port with --addr") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// Past a few outdated translations, the first load counts them in one
// line, as tract build does; the next full load counts them as before.
func TestManyOutdatedTranslationsAreCounted(t *testing.T) {
	archive := site
	for i := range content.OutdatedNamed + 1 {
		archive += fmt.Sprintf("-- content/leaflets/old%02d/en.md --\n---\ntitle: Old %d\ndate: 2024-02-24\n---\nText.\n", i, i)
		archive += fmt.Sprintf("-- content/leaflets/old%02d/fr.md --\n---\ntitle: Vieux %d\ntranslated_from: en@0123456789ab\n---\nTexte.\n", i, i)
	}
	_, _, log := start(t, archive)
	out := log.String()
	if n := strings.Count(out, "/old"); n != 0 {
		t.Errorf("%d outdated translations named:\n%s", n, out)
	}
	// The site's own outdated translation makes one more.
	if want := fmt.Sprintf("tract serve: %d translations are outdated", content.OutdatedNamed+2); !strings.Contains(out, want) {
		t.Errorf("no %q:\n%s", want, out)
	}
}

// When the system's queue of changes overflows (a git checkout of a
// large site while a load runs), the changes it dropped are not known:
// the whole site is loaded again and served.
func TestChangesTheSystemDroppedReloadTheWholeSite(t *testing.T) {
	s, _, log := start(t, site)
	next := reloads(t, s)
	before := log.String()
	s.watch.errors <- fsnotify.ErrEventOverflow
	next()
	after := strings.TrimPrefix(log.String(), before)
	if !strings.Contains(after, "tract serve: watching the site: fsnotify: queue or buffer overflow") || !strings.Contains(after, "tract serve: built ") {
		t.Errorf("after an overflow, the log says:\n%s\nwant the overflow, then a whole load", after)
	}
}

// appender returns save, which writes the file at p as it is now with
// more appended, waits for the reload (next), and returns what the log
// printed meanwhile.
func appender(t *testing.T, p string, log *syncBuffer, next func()) func(more string) string {
	t.Helper()
	good, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return func(more string) string {
		t.Helper()
		before := len(log.String())
		if err := os.WriteFile(p, append(slices.Clip(good), more...), 0o644); err != nil {
			t.Fatal(err)
		}
		next()
		return log.String()[before:]
	}
}

// saveHalf starts saving an edit of the leaflet rent's en.md, as an
// editor that writes a file in two steps does: it empties the file and
// writes first, the start of the new text. It returns the file, still
// open (closed when the test ends), and the rest of the new text, which
// ends "We refuse the rent rise, all of us."
func saveHalf(t *testing.T, dir, first string) (*os.File, string) {
	t.Helper()
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	saved := strings.Replace(string(data), "We refuse the rent rise.", "We refuse the rent rise, all of us.", 1)
	if !strings.HasPrefix(saved, first) {
		t.Fatalf("the new text does not start with %q", first)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if _, err := f.WriteString(first); err != nil {
		t.Fatal(err)
	}
	return f, saved[len(first):]
}

// After a tract build into the site's dist/, tract serve starts from the
// texts that build parsed, and says so; having parsed none, it writes
// nothing to the cache.
func TestAPreviewStartsFromTheLastBuild(t *testing.T) {
	dir := testsite.Dir(t, site)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	t.Setenv("TMPDIR", t.TempDir())
	cache := t.TempDir()
	t.Setenv("TRACT_CACHE_DIR", cache)
	if _, err := build.Build(context.Background(), build.Options{SiteDir: dir, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	before := treeOf(t, cache)
	log := &syncBuffer{}
	s, err := Start(context.Background(), Options{SiteDir: dir, Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if want := "tract serve: built 1 item in "; !strings.Contains(log.String(), want) || !strings.Contains(log.String(), " (2 texts unchanged since last parsed)\n") {
		t.Errorf("no texts taken from the build:\n%s", log.String())
	}
	if resp, body := get(t, s.URL()+"en/leaflets/rent/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "We refuse the rent rise.") {
		t.Errorf("%s:\n%s", resp.Status, body)
	}
	if after := treeOf(t, cache); !slices.Equal(before, after) {
		t.Errorf("the cache changed:\n%v\nthen\n%v", before, after)
	}
}

// treeOf lists the files under dir with their sizes and times.
func treeOf(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %d %s", p, info.Size(), info.ModTime()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tract serve keeps the texts it parsed: started again with no build
// between, it takes them, and serves the same pages.
func TestAPreviewStartsFromTheLastStart(t *testing.T) {
	dir := testsite.Dir(t, site)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("TRACT_CACHE_DIR", t.TempDir())
	for i, want := range []string{"\n", " (2 texts unchanged since last parsed)\n"} {
		log := &syncBuffer{}
		s, err := Start(context.Background(), Options{SiteDir: dir, Addr: "127.0.0.1:0", Log: log})
		if err != nil {
			t.Fatal(err)
		}
		if line := regexp.MustCompile(`tract serve: built 1 item in \S+(.*\n)`).FindStringSubmatch(log.String()); line == nil || line[1] != want {
			t.Errorf("start %d: want the build's line to end %q:\n%s", i+1, want, log.String())
		}
		if resp, body := get(t, s.URL()+"en/leaflets/rent/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "We refuse the rent rise.") {
			t.Errorf("start %d: %s:\n%s", i+1, resp.Status, body)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestALogLineNamesAFewOfManyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	var changed []string
	for i := range 500 {
		name := fmt.Sprintf("f%03d.md", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		changed = append(changed, name)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s := &Server{root: root}
	if got, want := s.named(changed), "f000.md, f001.md, f002.md and 497 other files"; got != want {
		t.Errorf("500 files named as %q, want %q", got, want)
	}
	// Four are named: "and 1 other file" would say no less.
	if got, want := s.named(changed[:4]), "f000.md, f001.md, f002.md, f003.md"; got != want {
		t.Errorf("4 files named as %q, want %q", got, want)
	}
	// Files removed are counted, not named.
	gone := []string{"gone1.md", "f010.md", "gone2.md", "gone3.md", "gone4.md", "f011.md"}
	if got, want := s.named(gone), "f010.md, f011.md and 4 other files"; got != want {
		t.Errorf("2 files changed and 4 removed named as %q, want %q", got, want)
	}
}
