package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// indexRequests are the search indexes the page has requested, by path,
// in order (from the browser's resource timings: a copy from the cache
// counts too).
func indexRequests(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `performance.getEntriesByType("resource")
		.map(e => new URL(e.name).pathname).filter(p => p.endsWith("/search-index.json"))`)
}

// watchStatus records every text the search status takes from now on,
// in window.statuses.
func watchStatus(tb *tab) {
	tb.t.Helper()
	eval[bool](tb, `(() => {
		window.statuses = [];
		new MutationObserver(() => statuses.push(document.getElementById("search-status").textContent))
			.observe(document.getElementById("search-status"), {childList: true, characterData: true, subtree: true});
		return true;
	})()`)
}

// alsoSearchOthers presses the button that searches the other languages
// too and waits for the status to give their answer.
func alsoSearchOthers(tb *tab) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#search-more button"))); err != nil {
		tb.t.Fatalf("pressing the button that searches the other languages: %v", err)
	}
	if !tb.waitFor(`document.getElementById("search-more").hidden && !document.getElementById("search-status").textContent.endsWith("…")`, answerWithin) {
		tb.t.Fatalf("the other languages were not searched in %s (status %q)", answerWithin, eval[string](tb, `document.getElementById("search-status").textContent`))
	}
	time.Sleep(200 * time.Millisecond)
}

// A search fetches the index of the page's language only: the others
// weigh twice as much again, and a reader on metered data fetches them
// by pressing a button that says so and what they weigh. The status
// says the count of what is shown, and then of what the other languages
// add.
func TestSearchFetchesOnlyThePagesLanguageUntilAskedForTheOthers(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	status, results := search(tb, "fr", "holloway")
	if got := indexRequests(tb); len(got) != 1 || got[0] != "/fr/search-index.json" {
		t.Fatalf("the French search page requested the indexes %q, want only the French one", got)
	}
	for _, r := range results {
		if r.Elsewhere || !strings.HasPrefix(r.Path, "/fr/") {
			t.Errorf("before the reader asks, a result in another language: %+v", r)
		}
	}
	if want := fmt.Sprintf("%d résultat", len(results)); len(results) == 0 || !strings.HasPrefix(status, want) {
		t.Errorf("status %q for %d results in French", status, len(results))
	}
	label := eval[string](tb, `(b => b.offsetParent ? b.textContent : "")(document.querySelector("#search-more button"))`)
	if !strings.Contains(label, "en anglais et en espagnol") || !strings.Contains(label, "≈") || !strings.Contains(label, "ko") {
		t.Errorf("the button that searches the other languages says %q, want their names and weight", label)
	}
	// The weight it gives is that of the other indexes, compressed: about
	// (tract compresses at gzip's fastest level, a server at its own).
	want := 0
	for _, l := range []string{"en", "es"} {
		want += gzipSize(t, filepath.Join(env.dist, l, "search-index.json"))
	}
	var kb int
	if _, err := fmt.Sscanf(label[strings.Index(label, "≈")+len("≈"):], "%d", &kb); err != nil || kb*1024 < want*9/10 || kb*1024 > want*12/10 {
		t.Errorf("the button says %q, want about %d KB (%d bytes gzipped)", label, (want+512)/1024, want)
	}

	watchStatus(tb)
	alsoSearchOthers(tb)
	said := eval[[]string](tb, `statuses`)
	if len(said) != 2 || !strings.HasPrefix(said[0], status+" · ") || !strings.HasSuffix(said[0], "…") {
		t.Errorf("after the button, the status said %q, want %q with the other languages being searched, then the count", said, status)
	}
	status, results = searchResults(tb)
	if n := fmt.Sprint(len(results)); !strings.HasPrefix(status, n+" ") {
		t.Errorf("status %q for %d results in every language", status, len(results))
	}
	if got := indexRequests(tb); len(got) != 3 {
		t.Errorf("after the button, the indexes requested are %q, want the three", got)
	}
	elsewhere := false
	for _, r := range results {
		elsewhere = elsewhere || r.Elsewhere
	}
	if !elsewhere {
		t.Errorf("after the button, no result in another language: %v", results)
	}
	if !eval[bool](tb, `document.activeElement.matches("#results h2, #results a")`) {
		t.Errorf("after the button, focus is on %s, not on what it found", eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
	}

	// Once asked, the other languages are searched with the page's.
	eval[bool](tb, `(() => { document.getElementById("q").value = ""; statuses = []; return true; })()`)
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#q"), "public")); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(`/\d/.test(document.getElementById("search-status").textContent)`, answerWithin) {
		t.Fatal("second search: no count")
	}
	time.Sleep(time.Second)
	if said := eval[[]string](tb, `statuses.filter(s => s !== "")`); len(said) != 1 {
		t.Errorf("second search, every index loaded: the status said %q, want one count", said)
	}
	if eval[bool](tb, `!document.getElementById("search-more").hidden`) {
		t.Error("second search: the button is offered again though every language was searched")
	}
}

// gzipSize is the size of a file compressed as web servers do.
func gzipSize(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(data)
	w.Close()
	return z.Len()
}

// An index request that stalls (a phone between two masts) fails after
// a while with the message that the index could not be loaded; the next
// search tries again.
func TestSearchGivesUpOnAStalledIndexAndTriesAgain(t *testing.T) {
	tb := newTab(t)
	tb.visit("/es/search/")
	if _, err := chromedp.Call(tb.ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*search-index.json"}}}); err != nil {
		t.Fatal(err)
	}
	// The page waits half a second rather than half a minute.
	eval[bool](tb, `(document.querySelector("form.search").dataset.stall = "500", true)`)
	failed := eval[string](tb, `document.querySelector("form.search").dataset.failed`)
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#q"), "vantor")); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(fmt.Sprintf(`document.getElementById("search-status").textContent === %q`, failed), answerWithin) {
		t.Fatalf("a stalled index: the status says %q, want %q", eval[string](tb, `document.getElementById("search-status").textContent`), failed)
	}
	if _, err := chromedp.Call(tb.ctx, fetch.Disable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#q"), " huelga")); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(`document.querySelector("#results li")`, answerWithin) {
		t.Errorf("after the link came back, no results (status %q)", eval[string](tb, `document.getElementById("search-status").textContent`))
	}
}

// A browser without Unicode property escapes in regular expressions
// (Chrome before 64, Firefox before 78, KaiOS 2.5) is told that search
// does not work in it, in the page's language, not that JavaScript is
// off; the form that could not search is not shown.
func TestSearchSaysItDoesNotWorkInABrowserWithoutUnicodePropertyEscapes(t *testing.T) {
	tb := newTab(t)
	// As such a browser does, \p{…} with the u flag is a syntax error.
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
		const Native = RegExp;
		window.RegExp = function RegExp(source, flags) {
			if (/u/.test(flags || "") && /\\p\{/.test(String(source))) throw new SyntaxError("Invalid regular expression: \\p");
			return new Native(source, flags);
		};
		window.RegExp.prototype = Native.prototype;
	})()`}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		tb.visit("/" + lang + "/search/")
		if !tb.waitFor(`document.readyState === "complete"`, answerWithin) {
			t.Fatalf("%s: the search page did not load", lang)
		}
		want := eval[string](tb, `document.querySelector("form.search").dataset.unsupported || ""`)
		if want == "" {
			t.Fatalf("%s: the search form has no data-unsupported message", lang)
		}
		if got := eval[string](tb, `(e => getComputedStyle(e).display === "none" ? "" : e.textContent)(document.querySelector(".nojs"))`); got != want {
			t.Errorf("%s: the page says %q, want %q", lang, got, want)
		}
		if !eval[bool](tb, `getComputedStyle(document.querySelector("form[role=search]")).display === "none"`) {
			t.Errorf("%s: the search form is shown though it cannot search", lang)
		}
	}
}

// The site's scripts are ES5, so that the oldest browser parses them and
// reaches their feature tests (see assets/site/search.js). acorn, installed
// with axe-core, parses them as ES5 does.
func TestScriptsParseAsES5(t *testing.T) {
	tb := newTab(t)
	acorn, err := os.ReadFile("node_modules/acorn/dist/acorn.js")
	if err != nil {
		if os.Getenv(RequiredEnv) == "required" {
			t.Fatalf("acorn is not installed: run npm ci in e2e/ (%s=required)", RequiredEnv)
		}
		t.Skip("acorn is not installed: run (cd e2e && npm ci)")
	}
	search, err := os.ReadFile(filepath.Join(env.dist, "assets", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	scripts := map[string]string{"assets/search.js": string(search)}
	tb.forgetLanguage()
	tb.languages("de-DE,de") // none of the site's: the root page stays
	for _, p := range []string{"/", "/fr/search/", "/es/articles/"} {
		tb.visit(p)
		for i, s := range eval[[]string](tb, `[...document.querySelectorAll("script:not([src]):not([type])")].map(s => s.textContent)`) {
			scripts[fmt.Sprintf("%s, script %d", p, i+1)] = s
		}
	}
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](string(acorn))); err != nil {
		t.Fatalf("loading acorn: %v", err)
	}
	for name, src := range scripts {
		q, _ := json.Marshal(src)
		if msg := eval[string](tb, `(() => { try { acorn.parse(`+string(q)+`, {ecmaVersion: 5}); return ""; } catch (e) { return e.message; } })()`); msg != "" {
			t.Errorf("%s is not ES5: %s", name, msg)
		}
	}
}
