package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// itemPage matches the path of an item's page: /<lang>/<section>/<slug>/.
var itemPage = regexp.MustCompile(`^/([a-z]{2})/(leaflets|articles|bulletins|pamphlets|events|pages)/([^/]+)/$`)

func TestLanguageSwitcherLeadsToTheSameItemInTheOtherLanguage(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	checked := 0
	for _, page := range htmlPages(t) {
		m := itemPage.FindStringSubmatch(page)
		if m == nil || m[1] != "en" {
			continue
		}
		tb.visit(page)
		langs := eval[[]string](tb, `[...document.querySelectorAll("nav.langs a[hreflang]")].map(a => a.hreflang)`)
		for _, l := range langs {
			tb.visit(page)
			want := "/" + l + "/" + m[2] + "/" + m[3] + "/"
			if eval[bool](tb, fmt.Sprintf(`document.querySelector('nav.langs a[hreflang=%q]').classList.contains("untranslated")`, l)) {
				want = "/" + l + "/" + m[2] + "/" // not in l: its list of the section
			}
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav.langs a[hreflang=%q]`, l)))); err != nil {
				t.Fatalf("%s: clicking %s: %v", page, l, err)
			}
			if !tb.waitFor(fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, want), answerWithin) {
				t.Errorf("%s: the %s link led to %s, want %s", page, l, tb.pathname(), want)
				continue
			}
			if got := eval[string](tb, "document.documentElement.lang"); got != l {
				t.Errorf("%s: <html lang=%q>, want %q", want, got, l)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Errorf("only %d switcher links followed; the sample site has more", checked)
	}
}

func TestRootPageFollowsTheBrowsersLanguages(t *testing.T) {
	tb := newTab(t)
	tb.forgetLanguage() // a language link followed by an earlier test
	for _, tc := range []struct{ accept, want string }{
		// navigator.languages, as a browser's settings list them.
		{"fr-CA,fr,en", "/fr/"},
		{"es-MX,es", "/es/"},
		{"de-DE,de,es", "/es/"},
		{"en-GB,en", "/en/"},
		{"de-DE,de", "/"}, // nothing matches: the page stays, with a link per language
	} {
		tb.languages(tc.accept)
		tb.visit("/")
		if tc.want == "/" {
			time.Sleep(300 * time.Millisecond)
			if got := tb.pathname(); got != "/" {
				t.Errorf("languages %s: went to %s, want to stay on the root page", tc.accept, got)
			}
			if n := eval[int](tb, `document.querySelectorAll(".choose a[hreflang]").length`); n != len(languages) {
				t.Errorf("languages %s: the root page links %d languages, want %d", tc.accept, n, len(languages))
			}
			continue
		}
		if !tb.waitFor(fmt.Sprintf("location.pathname === %q", tc.want), answerWithin) {
			t.Errorf("languages %s (navigator.languages %v): went to %s, want %s", tc.accept, eval[[]string](tb, "navigator.languages"), tb.pathname(), tc.want)
		}
	}
}

// searchResult is one result as the search page shows it.
type searchResult struct {
	Path      string `json:"path"`
	Lang      string `json:"lang"`      // the lang attribute of the result, "" when it is the page's
	Elsewhere bool   `json:"elsewhere"` // listed under "in other languages"
	Label     string `json:"label"`     // the language marker, e.g. "(en anglais)"
}

// search types query into the search page of lang and returns the results.
func search(tb *tab, lang, query string) (status string, results []searchResult) {
	tb.t.Helper()
	tb.visit("/" + lang + "/search/")
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#q"), query)); err != nil {
		tb.t.Fatal(err)
	}
	// The page's own results; wait for the status to say a count or
	// "nothing found".
	if !tb.waitFor(`document.getElementById("search-status").textContent !== "" && !document.getElementById("search-status").textContent.endsWith("…")`, answerWithin) {
		tb.t.Fatalf("%s search for %q: no answer in %s", lang, query, answerWithin)
	}
	time.Sleep(200 * time.Millisecond)
	return searchResults(tb)
}

// searchEverywhere is search, then the other languages searched too, as
// the reader asks with the button under the results.
func searchEverywhere(tb *tab, lang, query string) (status string, results []searchResult) {
	tb.t.Helper()
	search(tb, lang, query)
	alsoSearchOthers(tb)
	return searchResults(tb)
}

// searchResults returns the status and the results the search page shows.
func searchResults(tb *tab) (status string, results []searchResult) {
	tb.t.Helper()
	raw := eval[string](tb, `JSON.stringify([...document.querySelectorAll("#results li")].map(li => ({
		path: li.querySelector("a").pathname,
		lang: li.getAttribute("lang") || "",
		elsewhere: !!li.closest("ol").previousElementSibling && li.closest("ol").previousElementSibling.tagName === "H2",
		label: (li.querySelector(".in-lang") || {}).textContent || "",
	})))`)
	if err := json.Unmarshal([]byte(raw), &results); err != nil {
		tb.t.Fatal(err)
	}
	return eval[string](tb, `document.getElementById("search-status").textContent`), results
}

func TestSearchFindsAccentedWordsTypedWithoutAccents(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	for _, tc := range []struct {
		lang, query, want string
	}{
		{"en", "creche", "/en/events/tenants-assembly/"},                              // crèche
		{"en", "iscileri dayanisma", "/en/leaflets/solidarity-with-vantor-strikers/"}, // İşçileri Dayanışma (a signatory)
		{"fr", "greve vantor", "/fr/articles/vantor-warehouse-strike/"},               // grève
		{"fr", "GRÈVE", "/fr/articles/vantor-warehouse-strike/"},                      // case folded
		{"fr", "solidarite", "/fr/leaflets/solidarity-with-vantor-strikers/"},
		{"es", "reunion", "/es/articles/pelham-court-rent-rise/"}, // reunión
		{"es", "almacen", "/es/leaflets/solidarity-with-vantor-strikers/"},
		{"es", "manana", "/es/articles/vantor-warehouse-strike/"}, // mañana
	} {
		status, results := search(tb, tc.lang, tc.query)
		found := false
		for _, r := range results {
			if r.Path == tc.want {
				found = true
				if r.Lang != "" || r.Elsewhere {
					t.Errorf("%s %q: %s is in the page's language but is marked as another (%+v)", tc.lang, tc.query, r.Path, r)
				}
			}
		}
		if !found {
			t.Errorf("%s %q: %s not among the results %v (status %q)", tc.lang, tc.query, tc.want, results, status)
		}
	}
}

func TestSearchListsOtherLanguagesAfterThePagesOwn(t *testing.T) {
	tb := newTab(t)
	// "Holloway" occurs in the English-only report of the public meeting,
	// and in the public meeting event, which is translated.
	for _, lang := range []string{"fr", "es"} {
		status, results := searchEverywhere(tb, lang, "holloway")
		var own, other []searchResult
		for _, r := range results {
			if r.Elsewhere {
				other = append(other, r)
			} else {
				if len(other) > 0 {
					t.Errorf("%s: a result in the page's language after the other languages': %v", lang, results)
				}
				own = append(own, r)
			}
		}
		if len(own) == 0 || !strings.HasPrefix(own[0].Path, "/"+lang+"/") {
			t.Errorf("%s: no result in the page's language: %v (status %q)", lang, results, status)
		}
		report := false
		for _, r := range other {
			if r.Lang != "en" || !strings.HasPrefix(r.Path, "/en/") || r.Label == "" {
				t.Errorf("%s: result in another language not marked with lang and a label: %+v", lang, r)
			}
			report = report || r.Path == "/en/articles/public-meeting-report/"
		}
		if !report {
			t.Errorf("%s: the English-only report is not among the other languages' results: %v", lang, results)
		}
	}
}

func TestSearchPageWithoutJavaScriptSaysSoAndListsTheSections(t *testing.T) {
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		tb.visit("/" + lang + "/search/")
		if !eval[bool](tb, `getComputedStyle(document.querySelector(".nojs")).display !== "none" && document.querySelector(".nojs").textContent.includes("JavaScript")`) {
			t.Errorf("%s: the search page does not say that search needs JavaScript", lang)
		}
		if n := eval[int](tb, `document.querySelectorAll(".browse a").length`); n < 4 {
			t.Errorf("%s: the search page lists %d sections, want them all", lang, n)
		}
		// A form that cannot search is not offered.
		if !eval[bool](tb, `getComputedStyle(document.querySelector("form[role=search]")).display === "none"`) {
			t.Errorf("%s: the search form is shown though it cannot search", lang)
		}
	}
}

func TestNoPageScrollsSidewaysOnAPhone(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	pages := htmlPages(t)
	for _, page := range pages {
		tb.visit(page)
		if wide := tooWide(tb); len(wide) > 0 {
			t.Errorf("%s scrolls sideways at 360 px; too wide: %v", page, wide)
		}
	}
	t.Logf("%d pages checked at 360 px", len(pages))
}

// With the phone's text at 200 % every size in rem doubles: a column or
// an indent that was fine at normal size can push the page past the
// screen's edge, where a line of text is cut off.
func TestNoPageScrollsSidewaysWithLargeTextOnAPhone(t *testing.T) {
	tb := newTab(t)
	tb.textSize(32)
	pages := htmlPages(t)
	for _, width := range []int{320, 360} {
		tb.viewport(width)
		for _, page := range pages {
			tb.visit(page)
			if wide := tooWide(tb); len(wide) > 0 {
				t.Errorf("%s scrolls sideways at %d px with text at 200 %%; too wide: %v", page, width, wide)
			}
		}
	}
	t.Logf("%d pages checked at 320 and 360 px", len(pages))
}

// tooWide lists the first elements past the right edge of the screen
// when the page scrolls sideways, with where they end.
func tooWide(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return [];
		return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > w + 1)
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right) + "px");
	})()`)
}

func TestKeyboardUsersSeeWhereTheyAreAndCanSkipToTheText(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	for _, page := range []string{"/fr/articles/vantor-warehouse-strike/", "/es/search/", "/en/"} {
		tb.visit(page)
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		// The first Tab reaches the skip link, which comes into view.
		if !eval[bool](tb, `document.activeElement.matches("a.skip") && document.activeElement.getBoundingClientRect().top >= 0`) {
			t.Errorf("%s: the first Tab does not show the skip link (focus on %s)", page, eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
		}
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		// After it, focus is in the main text, and the focused link is outlined.
		if !eval[bool](tb, `!!document.activeElement.closest("main")`) {
			t.Errorf("%s: after the skip link, Tab leads to %s, not into <main>", page, eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
		}
		if w := eval[string](tb, `getComputedStyle(document.activeElement).outlineStyle + " " + getComputedStyle(document.activeElement).outlineWidth`); w != "solid 3px" {
			t.Errorf("%s: the focused element's outline is %q, want a visible 3 px one", page, w)
		}
	}
}

// mainPages are the pages checked with axe-core and photographed: each
// kind of page, in each language.
func mainPages() []struct{ name, path string } {
	pages := []struct{ name, path string }{{"root", "/"}}
	query := map[string]string{"en": "rent", "fr": "greve", "es": "vantor"}
	for _, l := range languages {
		pages = append(pages,
			struct{ name, path string }{l + "-home", "/" + l + "/"},
			struct{ name, path string }{l + "-list", "/" + l + "/articles/"},
			struct{ name, path string }{l + "-item", "/" + l + "/articles/vantor-warehouse-strike/"},
			struct{ name, path string }{l + "-table", "/" + l + "/articles/pelham-court-rent-rise/"},
			struct{ name, path string }{l + "-statement", "/" + l + "/leaflets/solidarity-with-vantor-strikers/"},
			struct{ name, path string }{l + "-bulletin", "/" + l + "/bulletins/issue-1/"},
			struct{ name, path string }{l + "-event", "/" + l + "/events/winter-benefit-night/"},
			struct{ name, path string }{l + "-events", "/" + l + "/events/"},
			struct{ name, path string }{l + "-search", "/" + l + "/search/?q=" + query[l]},
			struct{ name, path string }{l + "-tags", "/" + l + "/tags/"},
			struct{ name, path string }{l + "-404", "/" + l + "/404.html"},
		)
	}
	return pages
}

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// promised are the axe-core rules every page keeps whatever their impact:
// landmarks, one h1 and headings in order.
var promised = map[string]bool{
	"heading-order": true, "page-has-heading-one": true, "landmark-one-main": true,
	"landmark-unique": true, "region": true, "skip-link": true, "html-has-lang": true, "valid-lang": true,
}

func TestAxeFindsNoSeriousAccessibilityProblems(t *testing.T) {
	tb := newTab(t)
	if env.axe == "" {
		t.Skip("axe-core is not installed: run (cd e2e && npm ci)")
	}
	tb.forgetLanguage()
	tb.languages("de-DE,de") // none of the site's: the root page stays to be checked
	// The rules do not depend on the width: they are checked on a phone,
	// in the light colours and in the dark ones, and the pages are
	// photographed at both widths.
	for _, view := range []struct {
		width  int
		scheme string
		axe    bool
	}{{360, "light", true}, {360, "dark", true}, {1280, "light", false}} {
		tb.viewport(view.width)
		tb.scheme(view.scheme)
		for _, p := range mainPages() {
			tb.visit(p.path)
			if strings.Contains(p.path, "?q=") && !tb.waitFor(`document.querySelector("#results li")`, answerWithin) {
				t.Errorf("%s: no search results", p.path)
			}
			if view.axe {
				checkAxe(tb, p.path+" ("+view.scheme+")")
			}
			name := fmt.Sprintf("%s-%d.png", p.name, view.width)
			if view.scheme != "light" {
				name = fmt.Sprintf("%s-%d-%s.png", p.name, view.width, view.scheme)
			}
			shot(tb, name)
		}
	}
}

// checkAxe runs axe-core on the page the tab shows: a serious or
// critical violation, or any of the promised rules broken, fails the test.
func checkAxe(tb *tab, where string) {
	tb.t.Helper()
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](env.axe)); err != nil {
		tb.t.Fatalf("injecting axe-core: %v", err)
	}
	raw := eval[string](tb, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		tb.t.Fatal(err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" && !promised[v.ID] {
			tb.t.Logf("%s: %s (%s): %s", where, v.ID, v.Impact, v.Help)
			continue
		}
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, fmt.Sprint(n.Target))
		}
		tb.t.Errorf("%s: %s (%s): %s at %s\n%s", where, v.ID, v.Impact, v.Help, strings.Join(nodes, ", "), v.Nodes[0].Summary)
	}
}

// shot saves a full-page screenshot to e2e/shots/.
func shot(tb *tab, name string) {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll("shots", 0o755); err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("shots", name), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// A copy of the site opened from disk (a USB stick handed round) is read
// as on the web: the root page sends the reader to their language, and
// links to a folder open its page, not a listing of its files.
func TestTheSiteCanBeReadFromDisk(t *testing.T) {
	tb := newTab(t)
	tb.languages("fr-FR,fr")
	if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+filepath.ToSlash(env.dist)+"/index.html")); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(`location.pathname.endsWith("/fr/index.html") && document.querySelector("h1")`, answerWithin) {
		t.Fatalf("the root page opened from disk led to %s", tb.pathname())
	}
	for _, step := range []struct{ link, want string }{
		{`nav.sections a[href="articles/"]`, "/fr/articles/index.html"},
		{`main article.card h2 a`, "/fr/articles/"},
		{`nav.langs a[hreflang="es"]`, "/es/articles/"},
	} {
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(step.link))); err != nil {
			t.Fatalf("clicking %s: %v", step.link, err)
		}
		if !tb.waitFor(fmt.Sprintf(`location.pathname.includes(%q) && location.pathname.endsWith("/index.html") && document.querySelector("main h1")`, step.want), answerWithin) {
			t.Errorf("after %s: at %s, want a page under %s", step.link, tb.pathname(), step.want)
		}
	}
}

// An article's picture shows on its page in every language, over the web
// and opened from disk, and from one address: a reader who changes
// language is not sent it again.
func TestAPictureShowsInEveryLanguageFromOneAddress(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	const img = `document.querySelector(".body img")`
	for _, root := range []string{env.base, "file://" + filepath.ToSlash(env.dist)} {
		shown := map[string]bool{}
		for _, l := range languages {
			page := root + "/" + l + "/articles/vantor-warehouse-strike/index.html"
			if err := chromedp.Do(tb.ctx, chromedp.Navigate(page)); err != nil {
				t.Fatalf("loading %s: %v", page, err)
			}
			if !tb.waitFor(img+" && "+img+".complete && "+img+".naturalWidth > 0", answerWithin) {
				t.Errorf("%s: the picture does not show", page)
				continue
			}
			shown[eval[string](tb, img+".currentSrc")] = true
		}
		if len(shown) != 1 {
			t.Errorf("%s: the pages of the languages show the picture from %d addresses: %v", root, len(shown), shown)
		}
	}
}

// A tall, narrow picture (a banner, a screenshot of a phone) is drawn
// whole within the screen, not screens long; a photograph still takes the
// column's width. The tall one is put in a page as tract writes a
// picture, with its size in its attributes.
func TestATallPictureFitsTheScreen(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	tb.visit("/en/articles/vantor-warehouse-strike/")
	if !tb.waitFor(`document.querySelector(".body img")`, answerWithin) {
		t.Fatal("the article shows no picture")
	}
	type box struct{ Width, Height, Column, Screen float64 }
	measure := func(img string) box {
		return eval[box](tb, `(() => { const i = `+img+`, r = i.getBoundingClientRect();
			return {Width: r.width, Height: r.height, Column: i.parentElement.closest(".body").clientWidth, Screen: innerHeight} })()`)
	}
	photo := measure(`document.querySelector(".body img")`)
	if photo.Width < photo.Column-1 {
		t.Errorf("the photograph is %.0f px wide in a column of %.0f", photo.Width, photo.Column)
	}
	tall := measure(`(() => { const i = document.createElement("img");
		i.alt = ""; i.width = 300; i.height = 2400; i.src = document.querySelector(".body img").src;
		document.querySelector(".body").append(i); return i })()`)
	if tall.Height > tall.Screen {
		t.Errorf("a picture of 300 × 2,400 px is %.0f px tall on a screen of %.0f", tall.Height, tall.Screen)
	}
	if tall.Height < tall.Screen/2 {
		t.Errorf("a picture of 300 × 2,400 px is only %.0f px tall on a screen of %.0f", tall.Height, tall.Screen)
	}
	// Its box is narrower in proportion than the picture: drawn whole in
	// it, not squeezed to fill it.
	if fit := eval[string](tb, `getComputedStyle(document.querySelector(".body img:last-child")).objectFit`); fit != "contain" && fit != "scale-down" {
		t.Errorf("a picture whose box is cut to the screen is drawn with object-fit %q: squeezed", fit)
	}
	// Drawn from the side the text starts from, where a caption starts:
	// the left in English, the right in a language written right to left.
	if pos := eval[string](tb, `getComputedStyle(document.querySelector(".body img:last-child")).objectPosition`); !strings.HasPrefix(pos, "0% ") && !strings.HasPrefix(pos, "0px ") {
		t.Errorf("a picture narrower than its box is drawn at %q, not at its left", pos)
	}
	if pos := eval[string](tb, `(() => { document.documentElement.dir = "rtl"; return getComputedStyle(document.querySelector(".body img:last-child")).objectPosition })()`); !strings.HasPrefix(pos, "100% ") {
		t.Errorf("in a page written right to left, a picture narrower than its box is drawn at %q, not at its right", pos)
	}
}

// A publication found through another language's text (searched when the
// reader asks), but translated into the page's, is given in the page's
// language; the count in the status is of every result listed.
func TestSearchGivesTheReadersLanguageWhenTheTextIsTranslated(t *testing.T) {
	tb := newTab(t)
	for _, tc := range []struct{ lang, query string }{{"fr", "public"}, {"es", "repairs"}, {"es", "vantor"}} {
		status, results := searchEverywhere(tb, tc.lang, tc.query)
		if len(results) == 0 {
			t.Fatalf("%s %q: no results (status %q)", tc.lang, tc.query, status)
		}
		for _, r := range results {
			if strings.HasPrefix(r.Path, "/"+tc.lang+"/") {
				continue
			}
			rest := r.Path[strings.Index(r.Path[1:], "/")+1:]
			if _, err := os.Stat(filepath.Join(env.dist, tc.lang, rest, "index.html")); err == nil {
				t.Errorf("%s %q: %s is given in another language, but /%s%s exists", tc.lang, tc.query, r.Path, tc.lang, rest)
			}
		}
		if n := fmt.Sprint(len(results)); !strings.Contains(status, n) {
			t.Errorf("%s %q: status %q for %d results", tc.lang, tc.query, status, len(results))
		}
	}
}

// The search status is a live region, read aloud at each change: a
// search says "loading" only while an index is really on its way, and
// its count once, when every language has answered ("6 résultats" then
// "37 résultats" was two announcements of which the first was wrong).
func TestSearchStatusAnnouncesOneCountAndLoadsOnlyOnce(t *testing.T) {
	tb := newTab(t)
	tb.visit("/fr/search/")
	loading := eval[string](tb, `document.querySelector("form.search").dataset.loading`)
	// statuses are the texts the status had, in order, from when the
	// reader starts typing.
	eval[bool](tb, `(() => {
		window.statuses = [];
		new MutationObserver(() => statuses.push(document.getElementById("search-status").textContent))
			.observe(document.getElementById("search-status"), {childList: true, characterData: true, subtree: true});
		return true;
	})()`)
	settled := func(query string) []string {
		t.Helper()
		if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#q"), query)); err != nil {
			t.Fatal(err)
		}
		if !tb.waitFor(`/\d/.test(document.getElementById("search-status").textContent)`, answerWithin) {
			t.Fatalf("search for %q: no count in %s", query, answerWithin)
		}
		time.Sleep(time.Second) // anything said later is said by now
		return eval[[]string](tb, `statuses.filter(s => s !== "")`)
	}
	said := settled("rent")
	if len(said) == 0 || said[len(said)-1] == loading {
		t.Fatalf("first search: the status said %q", said)
	}
	for _, s := range said[:len(said)-1] {
		if s != loading {
			t.Errorf("first search: the status said %q before its final count %q", s, said[len(said)-1])
		}
	}
	// The indexes are loaded: another search says its count and nothing else.
	eval[bool](tb, `(() => { document.getElementById("q").value = ""; statuses = []; return true; })()`)
	if said := settled("loyer"); len(said) != 1 {
		t.Errorf("second search, its indexes loaded: the status said %q, want one count", said)
	}
}

// Search cannot fetch its index in a copy of the site opened from disk
// (file://): the page says so, offers no form, and lists the sections,
// instead of failing on every search with "check your connection".
func TestSearchOpenedFromDiskSaysItCannotSearch(t *testing.T) {
	tb := newTab(t)
	for _, lang := range languages {
		if err := chromedp.Do(tb.ctx, chromedp.Navigate("file://"+filepath.ToSlash(env.dist)+"/"+lang+"/search/index.html")); err != nil {
			t.Fatal(err)
		}
		if !tb.waitFor(`document.readyState === "complete"`, answerWithin) {
			t.Fatalf("%s: the search page did not load", lang)
		}
		want := eval[string](tb, `document.querySelector("form.search").dataset.fromDisk || ""`)
		if want == "" {
			t.Fatalf("%s: the search form has no data-from-disk message", lang)
		}
		if got := eval[string](tb, `(e => getComputedStyle(e).display === "none" ? "" : e.textContent)(document.querySelector(".nojs"))`); got != want {
			t.Errorf("%s: the page says %q opened from disk, want %q", lang, got, want)
		}
		if !eval[bool](tb, `getComputedStyle(document.querySelector("form[role=search]")).display === "none"`) {
			t.Errorf("%s: the search form is shown opened from disk, where it cannot search", lang)
		}
		if n := eval[int](tb, `document.querySelectorAll(".browse a").length`); n < 4 {
			t.Errorf("%s: the search page lists %d sections, want them all", lang, n)
		}
	}
}

// In Windows' high contrast mode (forced colours), backgrounds are
// dropped: a button is seen by its border, so every one has a border,
// transparent in ordinary colours.
func TestButtonsKeepTheirEdgeInHighContrastMode(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}},
	}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/en/events/winter-benefit-night/", "/fr/search/"} {
		tb.visit(page)
		if !tb.waitFor(`[...document.querySelectorAll(".button")].some(b => b.offsetParent)`, answerWithin) {
			t.Fatalf("%s: no button shown", page)
		}
		if bad := eval[[]string](tb, `[...document.querySelectorAll(".button")].filter(b => b.offsetParent).filter(b => {
			const s = getComputedStyle(b);
			return s.borderTopStyle === "none" || parseFloat(s.borderTopWidth) < 1 || parseFloat(s.borderLeftWidth) < 1;
		}).map(b => b.textContent)`); len(bad) > 0 {
			t.Errorf("%s: buttons without a border, invisible in high contrast mode: %q", page, bad)
		}
	}
}

// Every link of the menus, the header's and the footer's, is a target
// at least 24 px tall on a phone (WCAG 2.5.8).
func TestMenuLinksAreTargetsAtLeast24PixelsTall(t *testing.T) {
	tb := newTab(t)
	tb.viewport(360)
	for _, lang := range languages {
		tb.visit("/" + lang + "/articles/")
		if small := eval[[]string](tb, `[...document.querySelectorAll("header nav a, footer nav a")]
			.filter(a => a.getBoundingClientRect().height < 24)
			.map(a => a.textContent + " " + a.getBoundingClientRect().height.toFixed(1) + "px")`); len(small) > 0 {
			t.Errorf("%s: links less than 24 px tall: %q", lang, small)
		}
	}
}

// With the phone's text at 200 %, the site's name, the languages and the
// section menu leave room on the first screen for the start of the
// page's title: the menu folds under "Menu" (it took more than a whole
// screen, one link a line).
func TestTheTitleStartsOnTheFirstScreenWithLargeText(t *testing.T) {
	tb := newTab(t)
	tb.textSize(32)
	for _, width := range []int{320, 360} {
		tb.viewport(width)
		for _, page := range []string{
			"/en/", "/fr/articles/", "/es/articles/vantor-warehouse-strike/",
			"/fr/leaflets/repairs-are-your-right/", "/es/events/winter-benefit-night/",
			"/en/pamphlets/rent-and-wages/", "/fr/bulletins/issue-1/", "/es/search/",
		} {
			tb.visit(page)
			// The first line of the title, not just its top, is on the screen.
			top := eval[[]int](tb, `(h => [Math.round(h.getBoundingClientRect().top), Math.round(parseFloat(getComputedStyle(h).lineHeight)), innerHeight])(document.querySelector("main h1"))`)
			if top[0]+top[1] > top[2] {
				t.Errorf("%s at %d px with text at 200 %%: the title starts %d px down, its first line is not on the %d px screen", page, width, top[0], top[2])
			}
		}
	}
}

// On a narrow screen with large text the menu is folded; it opens with a
// tap, or Enter, and shows which section the reader is in. On a wide
// screen it is a row of links with nothing to open. Without JavaScript,
// which folds it, it is whole, as it was before it folded.
func TestTheMenuFoldsOnANarrowScreenAndIsWholeWithoutJavaScript(t *testing.T) {
	tb := newTab(t)
	const shown = `[...document.querySelectorAll("nav.sections a")].filter(a => a.checkVisibility()).length`
	const summary = `document.querySelector("nav.sections summary").checkVisibility()`
	page := "/fr/articles/vantor-warehouse-strike/"
	tb.textSize(32)
	tb.viewport(360)
	tb.visit(page)
	all := eval[int](tb, `document.querySelectorAll("nav.sections a").length`)
	if n := eval[int](tb, shown); n != 0 || !eval[bool](tb, summary) {
		t.Errorf("360 px, text at 200 %%: %d of %d menu links shown, summary shown %v; want them folded under it", n, all, eval[bool](tb, summary))
	}
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("nav.sections summary"))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](tb, shown); n != all || !eval[bool](tb, `document.querySelector('nav.sections a[aria-current="true"]').checkVisibility()`) {
		t.Errorf("360 px, text at 200 %%: after a tap on the summary %d of %d menu links are shown", n, all)
	}
	tb.visit(page)
	if err := chromedp.Do(tb.ctx, chromedp.Focus(chromedp.CSS("nav.sections summary")), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](tb, `document.activeElement.matches("nav.sections li:first-child a")`) {
		t.Errorf("360 px, text at 200 %%: Enter on the summary then Tab leads to %s, not to the first section", eval[string](tb, "document.activeElement.outerHTML.slice(0, 80)"))
	}
	tb.textSize(16)
	tb.viewport(1280)
	tb.visit(page)
	if n := eval[int](tb, shown); n != all || eval[bool](tb, summary) {
		t.Errorf("1280 px: %d of %d menu links shown, summary shown %v; want every link and no summary", n, all, eval[bool](tb, summary))
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.textSize(32)
	tb.viewport(360)
	tb.visit(page)
	if n := eval[int](tb, shown); n != all {
		t.Errorf("360 px, text at 200 %%, no JavaScript: %d of %d menu links shown; want the whole menu", n, all)
	}
}
