package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The root address sends a reader to the language they last chose, over
// their phone's: a Spanish reader with a phone in English is not sent to
// English pages each time they type the address printed on a leaflet.
func TestRootPagePrefersTheLanguageTheReaderChose(t *testing.T) {
	tb := newTab(t)
	t.Cleanup(tb.forgetLanguage)
	tb.forgetLanguage()
	// Nothing matches: the reader chooses on the root page.
	tb.languages("de-DE,de")
	tb.visit("/")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`.choose a[hreflang="es"]`))); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(`location.pathname === "/es/"`, answerWithin) {
		t.Fatalf("the Spanish link led to %s", tb.pathname())
	}
	// Back on the root page with a phone in English: Spanish still.
	tb.languages("en-GB,en")
	tb.visit("/")
	if !tb.waitFor(`location.pathname === "/es/"`, answerWithin) {
		t.Errorf("the reader chose Spanish, and the root page sent them to %s", tb.pathname())
	}
	// A choice in any page's switcher counts as well.
	tb.visit("/es/articles/vantor-warehouse-strike/")
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="fr"]`))); err != nil {
		t.Fatal(err)
	}
	if !tb.waitFor(`location.pathname === "/fr/articles/vantor-warehouse-strike/"`, answerWithin) {
		t.Fatalf("the French link led to %s", tb.pathname())
	}
	tb.visit("/")
	if !tb.waitFor(`location.pathname === "/fr/"`, answerWithin) {
		t.Errorf("the reader chose French in the switcher, and the root page sent them to %s", tb.pathname())
	}
}

// Without storage (turned off, or a private window that refuses it),
// the root page follows the browser's languages as before.
func TestRootPageWithoutStorageFollowsTheBrowsersLanguages(t *testing.T) {
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("denied", "SecurityError"); }})`,
	}); err != nil {
		t.Fatal(err)
	}
	tb.languages("fr-FR,fr")
	tb.visit("/")
	if !tb.waitFor(`location.pathname === "/fr/"`, answerWithin) {
		t.Errorf("without storage, the root page sent a French browser to %s", tb.pathname())
	}
}

// forgetLanguage removes the language the reader chose from the site's
// storage, which every tab of the test browser shares.
func (tb *tab) forgetLanguage() {
	tb.t.Helper()
	tb.visit("/404.html")
	eval[bool](tb, `(localStorage.removeItem("tractLang"), true)`)
}
