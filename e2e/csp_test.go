package e2e

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// examplePolicy is the Content-Security-Policy docs/examples/_headers
// sets on every page.
func examplePolicy(t *testing.T) string {
	t.Helper()
	f, err := os.Open("../docs/examples/_headers")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "Content-Security-Policy:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("docs/examples/_headers sets no Content-Security-Policy")
	return ""
}

// policyServer serves the built site with policy, and collects the
// reports of what the browser refused under it.
type policyServer struct {
	*httptest.Server
	mu      sync.Mutex
	reports []string
}

func servePolicy(t *testing.T, policy string) *policyServer {
	t.Helper()
	ps := &policyServer{}
	files := http.FileServer(http.Dir(env.dist))
	mux := http.NewServeMux()
	mux.HandleFunc("/csp-report", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		ps.mu.Lock()
		ps.reports = append(ps.reports, string(body))
		ps.mu.Unlock()
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", policy+"; report-uri /csp-report")
		files.ServeHTTP(w, r)
	})
	ps.Server = httptest.NewServer(mux)
	t.Cleanup(ps.Close)
	return ps
}

// waitReports waits a moment for reports on their way (the browser sends
// them after the page), and returns those received.
func (ps *policyServer) waitReports(wait time.Duration) []string {
	time.Sleep(wait)
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return append([]string(nil), ps.reports...)
}

// The policy docs/examples gives hosts lets every page of the sample site
// work: served with it, no page has anything refused, the menu folds on a
// phone (its script ran), the root page sends a French reader to /fr/,
// and search finds. A policy that refuses the inline scripts is reported
// at once, so a silent run means the policy allowed them.
func TestThePagesWorkUnderTheExampleContentSecurityPolicy(t *testing.T) {
	// The control: with no inline script allowed, the menu's is refused,
	// said on the console (which fails any other test) and reported.
	control := newTab(t)
	control.consoleExpected = true
	strict := servePolicy(t, "default-src 'self'")
	control.base = strict.URL
	control.visit("/fr/")
	if len(strict.waitReports(time.Second)) == 0 {
		t.Fatal("a policy refusing inline scripts was not reported: the check below would prove nothing")
	}
	control.mu.Lock()
	logged := len(control.log)
	control.mu.Unlock()
	if logged == 0 {
		t.Fatal("a policy refusing inline scripts left the console silent: the check below would prove nothing")
	}

	tb := newTab(t)
	ps := servePolicy(t, examplePolicy(t))
	tb.base = ps.URL
	pages := htmlPages(t)
	for _, p := range pages {
		tb.visit(p)
	}
	tb.textSize(32)
	tb.viewport(360)
	tb.visit("/fr/articles/vantor-warehouse-strike/")
	if n := eval[int](tb, `[...document.querySelectorAll("nav.sections a")].filter(a => a.checkVisibility()).length`); n != 0 {
		t.Errorf("under the policy, at 360 px with large text, %d menu links show: the script folding the menu did not run", n)
	}
	tb.textSize(16)
	tb.viewport(1280)
	tb.languages("fr-FR,fr")
	tb.visit("/")
	if !tb.waitFor(`location.pathname === "/fr/"`, answerWithin) {
		t.Errorf("under the policy, the root page stayed at %s: its script did not run", tb.pathname())
	}
	if status, results := search(tb, "fr", "greve"); len(results) == 0 {
		t.Errorf("under the policy, search found nothing: %q", status)
	}
	if reports := ps.waitReports(time.Second); len(reports) > 0 {
		t.Errorf("%d pages visited; the browser refused %d things under the example policy, first: %s", len(pages), len(reports), reports[0])
	}
}
