package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A link to a folder inside content/ is an error at the link, for check
// as for build: a build used to copy it as a file and stop at "is a
// directory", after check had passed.
func TestALinkToAFolderInsideContentIsAnError(t *testing.T) {
	site := writeSite(t, outDirSite+`
-- content/leaflets/other/en.md --
---
title: Other
---
Text.
`)
	if err := os.Symlink("../other", filepath.Join(site, "content", "leaflets", "rent", "other")); err != nil {
		t.Fatal(err)
	}
	want := []string{"content/leaflets/rent/other: error: symbolic link to ../other, a folder: tract follows links to files only"}
	code, out := runTract(t, "check", "--site", site)
	checkRun(t, "tract check", code, out, want)
	code, out = runTract(t, "build", "--site", site)
	checkRun(t, "tract build", code, out, want)
}

// A link to a text with an error of its own is not also "a file that
// does not exist": one mistake, one error.
func TestALinkToATextWithAnErrorIsNotReportedAsMissing(t *testing.T) {
	site := writeSite(t, `
-- content/leaflets/rent/en.md --
---
title: Rent
date: 2024-02-30
---
No to the rent rise.
-- content/leaflets/rent/es.md --
---
title: Alquiler
---
No a la subida del alquiler.
-- content/articles/report/en.md --
---
title: Report
date: 2024-03-01
---
See [the leaflet](../../leaflets/rent/en.md) and [nothing](../../leaflets/rent/fr.md).
`)
	code, out := runTract(t, "check", "--site", site)
	checkRun(t, "tract check", code, out, []string{
		"content/leaflets/rent/en.md:3: error: date",
		`content/articles/report/en.md:5: error: link "../../leaflets/rent/fr.md": content/leaflets/rent/fr.md does not exist`,
	})
	if strings.Contains(out, "rent/en.md does not exist") {
		t.Errorf("the text with an error is also reported missing:\n%s", out)
	}
}

// A picture that is not there is one error of the text, not also a
// warning from each PDF.
func TestAMissingPictureIsReportedOnce(t *testing.T) {
	site := writeSite(t, "-- content/leaflets/rent/en.md --\n---\ntitle: Rent\n---\nText.\n\n![A flyer](flyer.png \"The flyer\")\n")
	code, out := runTract(t, "check", "--site", site)
	checkRun(t, "tract check", code, out, []string{`content/leaflets/rent/en.md:6: error: image "flyer.png": content/leaflets/rent/flyer.png does not exist`})
	if n := strings.Count(out, "flyer.png"); n != 2 { // the link and the path, in one line
		t.Errorf("flyer.png is named %d times:\n%s", n, out)
	}
}

// A slug may have accents; the sitemap's addresses are escaped, as the
// sitemap protocol wants, like the pages' own links.
func TestASitemapEscapesItsAddresses(t *testing.T) {
	dist := buildSite(t, "-- content/leaflets/été/en.md --\n---\ntitle: Summer\ndate: 2024-06-01\n---\nText.\n")
	sm := read(t, dist, "sitemap.xml")
	contains(t, "sitemap", sm, "<loc>https://x.org/en/leaflets/%C3%A9t%C3%A9/</loc>")
	lacks(t, "sitemap", sm, "été")
}

// An item whose every text has an error is left out of the site, but its
// folder is there: a link to it, or a bulletin listing it, is not also
// "no such item". A link to a folder that does not exist still is.
func TestALinkToAnItemWhoseTextsAllHaveErrorsIsNotReportedAsMissing(t *testing.T) {
	site := writeSite(t, `
-- content/articles/strike/en.md --
---
title: Strike
date: 2024-02-30
---
Day one of the strike.
-- content/bulletins/issue-1/en.md --
---
title: Issue 1
date: 2024-03-01
number: 1
articles: [strike, nowhere]
---
See [the strike](../../articles/strike/en.md) and [nothing](../../articles/nowhere/en.md).
`)
	code, out := runTract(t, "check", "--site", site)
	checkRun(t, "tract check", code, out, []string{
		"content/articles/strike/en.md:3: error: date",
		`content/bulletins/issue-1/en.md:5: error: article "nowhere" does not exist`,
		`content/bulletins/issue-1/en.md:7: error: link "../../articles/nowhere/en.md": there is no item content/articles/nowhere`,
	})
	for _, bad := range []string{`article "strike"`, "no item content/articles/strike"} {
		if strings.Contains(out, bad) {
			t.Errorf("the item with an error is also reported missing (%s):\n%s", bad, out)
		}
	}
}

// A link to a mistyped item gets the item it most likely meant; a link
// to a language the item lacks is told which text to link instead.
func TestABrokenLinkSaysWhatItProbablyMeant(t *testing.T) {
	site := writeSite(t, `
-- content/events/tenants-meeting/en.md --
---
title: Tenants' meeting
starts: 2026-03-01T18:00:00
venue: The Old Library
---
All welcome.
-- content/leaflets/rent/fr.md --
---
title: Loyer
date: 2026-02-01
---
Venez à [la réunion](../../events/tenants-meting/en.md), [encore](../../events/tenants-meeting/fr.md)
et [ailleurs](../../event/tenants-meeting/en.md), [là](../../events/tenants-meeting.md).
Voir [le programme](../../events/tenants-meeting/programme.md).
Un [de trop](../../../events/tenants-meeting/en.md), [un de moins](../events/tenants-meeting/).
`)
	code, out := runTract(t, "check", "--site", site, "--no-pdf")
	checkRun(t, "tract check", code, out, []string{
		`content/leaflets/rent/fr.md:5: error: link "../../events/tenants-meting/en.md": there is no item content/events/tenants-meting: did you mean ../../events/tenants-meeting/en.md?`,
		`content/leaflets/rent/fr.md:5: error: link "../../events/tenants-meeting/fr.md": content/events/tenants-meeting/fr.md does not exist (link to a text the item has, such as en.md: readers are sent to the page in their own language when there is one)`,
		`content/leaflets/rent/fr.md:6: error: link "../../event/tenants-meeting/en.md": there is no item content/event/tenants-meeting: did you mean ../../events/tenants-meeting/en.md?`,
		// A text's name written as its folder's.
		`content/leaflets/rent/fr.md:6: error: link "../../events/tenants-meeting.md": there is no item content/events/tenants-meeting.md: did you mean ../../events/tenants-meeting/en.md?`,
		// Notes kept beside a text are no text, and not published.
		`content/leaflets/rent/fr.md:7: error: link "../../events/tenants-meeting/programme.md": content/events/tenants-meeting/programme.md is not one of the item's texts (en.md), and a Markdown file is published only as the page of a text: link to one of them, or to the document as a PDF`,
		// One ../ too many, and one too few.
		`content/leaflets/rent/fr.md:8: error: link "../../../events/tenants-meeting/en.md" points at events/tenants-meeting/en.md, which is not inside an item folder of content/: only those files are published; did you mean ../../events/tenants-meeting/en.md?`,
		`content/leaflets/rent/fr.md:8: error: link "../events/tenants-meeting/": there is no item content/leaflets/events: did you mean ../../events/tenants-meeting/?`,
	})
}
