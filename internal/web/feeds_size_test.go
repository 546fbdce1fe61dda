package web

import (
	"bytes"
	"testing"
)

// The sitemap reserves what it writes, so that its buffer is grown once:
// the estimate is never short, and never more than a tenth too long,
// and the buffer ends no larger than the estimate rounded up to pages.
func TestSitemapReservesAboutWhatItWrites(t *testing.T) {
	for _, n := range []int{1, 30, 300} {
		r := benchRenderer(t, n)
		var b bytes.Buffer
		if err := r.sitemap(&b); err != nil {
			t.Fatal(err)
		}
		want := b.Len()
		est := sitemapSize(r.sitemapSet())
		if est < want || est > want+want/10+512 {
			t.Errorf("%d items: sitemap of %d bytes, estimated at %d", n, want, est)
		}
		if b.Cap() > est+8<<10 { // rounded up to whole pages
			t.Errorf("%d items: sitemap of %d bytes grew its buffer to %d", n, want, b.Cap())
		}
	}
}
