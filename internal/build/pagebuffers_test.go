package build

import (
	"bytes"
	"testing"
)

// A buffer grown past maxPageBuffer (by the sitemap, say) is not kept
// for the pages after it; a page's buffer is.
func TestPageBuffersKeepOnlyPageSizedBuffers(t *testing.T) {
	big := bytes.NewBuffer(make([]byte, 0, 2*maxPageBuffer))
	putPageBuffer(big)
	for range 100 {
		if pageBuffers.Get().(*bytes.Buffer) == big {
			t.Fatal("a buffer of 2 MB came back from the pool")
		}
	}
	small := bytes.NewBuffer(make([]byte, 0, 64<<10))
	back := false
	for range 100 {
		putPageBuffer(small)
		if pageBuffers.Get().(*bytes.Buffer) == small {
			back = true
			break
		}
	}
	if !back {
		t.Error("a buffer of 64 KB never came back from the pool")
	}
}
