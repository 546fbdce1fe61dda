package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/testsite"
)

// loadDir loads the site in the folder dir as tract does, through os.Root.
func loadDir(t *testing.T, dir string) (*Site, []diag.Diagnostic) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var diags diag.List
	s := Load(SiteFS(root), &diags)
	return s, diags.Sorted()
}

// symlink makes the link name (a slash path in dir) with the text to.
func symlink(t *testing.T, dir, to, name string) {
	t.Helper()
	if err := os.Symlink(to, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Skip("symbolic links not available:", err)
	}
}

const linkLeaflet = "---\ntitle: T\ndate: 2026-01-10\n---\nText.\n"

// A symbolic link in content/ is sent as easily as a picture: one to
// .git/config (which holds a CI token after a checkout) or to .env would
// publish it. A link may lead, directly or through other links, only to
// a file inside content/, never to a hidden one nor through a folder
// that is a link; each other link is an error at the link saying where
// it points. Hidden files and folders in an item's folder are passed over.
func TestALinkPublishesOnlyAFileInsideContent(t *testing.T) {
	dir := testsite.Dir(t, `
-- .git/config --
[http "https://github.com/"]
	extraheader = AUTHORIZATION: basic c2VjcmV0
-- .env --
TOKEN=secret
-- content/leaflets/l2/en.md --
`+linkLeaflet+`
-- content/leaflets/l2/photo.jpg --
not really
-- content/leaflets/l2/.env --
TOKEN=secret
-- content/leaflets/l3/en.md --
`+linkLeaflet+`
-- content/leaflets/l3/.env --
TOKEN=secret
-- content/leaflets/l3/.git/config --
token
-- private/sub/x --
a folder outside content/
-- private/members.csv --
SECRET member list
-- content/leaflets/l3/members.csv --
a decoy where path.Join would look
`)
	l3 := "content/leaflets/l3/"
	symlink(t, dir, "../../../.git/config", l3+"cfg.txt")
	symlink(t, dir, "../../../.env", l3+"env.txt")
	symlink(t, dir, "../l2/.env", l3+"env2.txt")
	symlink(t, dir, ".git/config", l3+"cfg2.txt")
	symlink(t, dir, filepath.Join(dir, "content/leaflets/l2/photo.jpg"), l3+"abs.jpg")
	symlink(t, dir, "/etc/passwd", l3+"passwd.txt")
	symlink(t, dir, "../../../../outside.txt", l3+"out.txt")
	symlink(t, dir, "../l2/photo.jpg", l3+"photo.jpg")                      // a file in content/: published
	symlink(t, dir, "photo.jpg", l3+"same.jpg")                             // a link to that link: published
	symlink(t, dir, "../../leaflets/l3/same.jpg", l3+"chain.jpg")           // and so on
	symlink(t, dir, "../l3/cfg.txt", l3+"via.txt")                          // a link to a refused link
	symlink(t, dir, "../../..", l3+"up")                                    // a link to a folder
	symlink(t, dir, "up/tract.toml", l3+"through.txt")                      // through it
	symlink(t, dir, "missing.jpg", l3+"gone.jpg")                           // to nothing
	symlink(t, dir, "loop2.txt", l3+"loop1.txt")                            // a loop
	symlink(t, dir, "loop1.txt", l3+"loop2.txt")                            //
	symlink(t, dir, "../../../content/leaflets/l2/photo.jpg", l3+"far.jpg") // out and back in: published
	// The system follows .p before the ".." after it: to private/, not
	// back to l3 (diff review).
	symlink(t, dir, "../../../private/sub", l3+".p")
	symlink(t, dir, ".p/../members.csv", l3+"evil.csv")

	s, ds := loadDir(t, dir)
	for name, want := range map[string]string{
		"cfg.txt":     "symbolic link to ../../../.git/config, which is .git/config, outside content/: tract follows only links to a file in content/, so that no other file of the site's folder (such as .git/config, or .env) is published; copy the file into the item's folder instead of linking to it",
		"env.txt":     "symbolic link to ../../../.env, which is .env, outside content/",
		"env2.txt":    "symbolic link to ../l2/.env, which is content/leaflets/l2/.env, a hidden file or in a hidden folder",
		"cfg2.txt":    "symbolic link to .git/config, which is content/leaflets/l3/.git/config, a hidden file or in a hidden folder",
		"abs.jpg":     "a path from the computer's top folder",
		"passwd.txt":  "symbolic link to /etc/passwd, a path from the computer's top folder",
		"out.txt":     "symbolic link to ../../../../outside.txt, outside the site's folder",
		"via.txt":     "symbolic link to ../l3/cfg.txt, a link to ../../../.git/config, which is .git/config, outside content/",
		"up":          "symbolic link to ../../.., the site's folder: tract follows links to files only",
		"through.txt": "symbolic link to up/tract.toml, which is content/leaflets/l3/up/tract.toml, through content/leaflets/l3/up, which is not a folder but a link or a file",
		"gone.jpg":    "symbolic link to missing.jpg, which is content/leaflets/l3/missing.jpg, and does not exist",
		"loop1.txt":   "symbolic link to loop2.txt, a link to loop1.txt, a link to loop2.txt, and so on: a loop of links: copy the file",
		"evil.csv":    "symbolic link to .p/../members.csv, which is content/leaflets/l3/members.csv, through content/leaflets/l3/.p, which is not a folder but a link or a file",
	} {
		wantDiag(t, ds, diag.Error, l3+name, 0, want)
	}
	if got, want := s.Item("leaflets", "l3").Assets, []string{"chain.jpg", "far.jpg", "members.csv", "photo.jpg", "same.jpg"}; !slices.Equal(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
	// A text that shows one is not also told it does not exist.
	if l3 := s.Item("leaflets", "l3"); !l3.Refused("passwd.txt") || !l3.Refused("loop1.txt") || l3.Refused("photo.jpg") {
		t.Error("the links refused are not the item's refused files")
	}
	if got, want := s.Item("leaflets", "l2").Assets, []string{"photo.jpg"}; !slices.Equal(got, want) {
		t.Errorf("published %v, want %v", got, want)
	}
	for _, d := range ds {
		if filepath.Base(d.Path) == ".env" || filepath.Base(filepath.Dir(d.Path)) == ".git" {
			t.Errorf("a hidden file is reported: %s", d)
		}
	}
}

// tract serve reloads a file saved beside a text without a full Load, but
// not a link: where it may lead is Load's to say.
func TestReloadLeavesALinkToAFullLoad(t *testing.T) {
	before := "-- content/articles/a/en.md --\n" + linkLeaflet
	s, ds := load(t, before)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	after := testsite.FS(before + "-- .git/config --\ntoken\n")
	after["content/articles/a/cfg.txt"] = &fstest.MapFile{Data: []byte("../../../.git/config"), Mode: fs.ModeSymlink}
	var diags diag.List
	if _, _, ok := s.Reload(after, []string{"content/articles/a/cfg.txt"}, &diags); ok {
		t.Error("Reload took a link to .git/config as a file to publish")
	}
}
