package tract

import (
	"os"
	"strings"
	"testing"
)

// TestPublishingGuideQuotesTheNginxExample keeps the configuration shown
// in docs/publishing.md the same as the file docs/examples/nginx.conf.
func TestPublishingGuideQuotesTheNginxExample(t *testing.T) {
	guide, err := os.ReadFile("docs/publishing.md")
	if err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile("docs/examples/nginx.conf")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), "```nginx\n"+string(conf)+"```\n") {
		t.Error("docs/publishing.md does not quote docs/examples/nginx.conf as it is: copy the file into the guide again")
	}
}
