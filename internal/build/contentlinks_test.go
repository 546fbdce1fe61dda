package build

import (
	"os"
	"path/filepath"
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
	want := []string{"content/leaflets/rent/other: error: symbolic link to a folder: tract follows links to files only"}
	code, out := runTract(t, "check", "--site", site)
	checkRun(t, "tract check", code, out, want)
	code, out = runTract(t, "build", "--site", site)
	checkRun(t, "tract build", code, out, want)
}
