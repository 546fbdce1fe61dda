package tract_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/tractpub/tract/internal/build"
)

// The Content-Security-Policy of the three host examples allows the
// inline scripts tract writes into its pages by their hashes. Each
// example must hold the hash of every inline script of the sample site,
// and no other: a change to one of those scripts (templates/) fails this
// test until the examples carry its new hash. e2e checks in a browser
// that the pages work under the policy.
func TestTheExamplePoliciesAllowExactlyTractsInlineScripts(t *testing.T) {
	dist := filepath.Join(t.TempDir(), "dist")
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	if _, err := build.Build(context.Background(), build.Options{SiteDir: ".", OutDir: dist, Now: now, NoCache: true, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	scripts := map[string]string{} // hash source -> a page holding it
	err := filepath.WalkDir(dist, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		z := html.NewTokenizer(f)
		inline := false
		for {
			switch z.Next() {
			case html.ErrorToken:
				return nil
			case html.StartTagToken:
				name, hasAttr := z.TagName()
				inline = string(name) == "script"
				for hasAttr && inline {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "src" || (string(k) == "type" && string(v) != "text/javascript") {
						inline = false // loaded from 'self', or data
					}
				}
			case html.TextToken:
				if inline {
					sum := sha256.Sum256(z.Raw())
					scripts["'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'"] = p
				}
			case html.EndTagToken:
				inline = false
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatal("no inline script found in the sample site: the test reads the pages wrong")
	}
	hashes := regexp.MustCompile(`'sha256-[A-Za-z0-9+/=]+'`)
	for _, example := range []string{"docs/examples/_headers", "docs/examples/htaccess", "docs/examples/nginx.conf"} {
		data, err := os.ReadFile(example)
		if err != nil {
			t.Fatal(err)
		}
		listed := hashes.FindAllString(string(data), -1)
		for h, page := range scripts {
			if !slices.Contains(listed, h) {
				rel, _ := filepath.Rel(dist, page)
				t.Errorf("%s: the Content-Security-Policy lacks %s, the hash of an inline script of %s: add it (and to the other examples)", example, h, rel)
			}
		}
		for _, h := range listed {
			if _, ok := scripts[h]; !ok {
				t.Errorf("%s: the Content-Security-Policy allows %s, a script no page holds any more: remove it", example, h)
			}
		}
	}
}
