package serve

import (
	"strings"
	"testing"
)

func TestTheReloadScriptGoesBeforeTheLastBodyEndTag(t *testing.T) {
	for _, tc := range []struct{ name, page, before, after string }{
		{"plain", "<p>x</p>\n</body>\n</html>\n", "<p>x</p>\n", "</body>\n</html>\n"},
		{"upper case", "<p>x</p></BODY></HTML>", "<p>x</p>", "</BODY></HTML>"},
		{"mixed case", "<p>x</p></Body>", "<p>x</p>", "</Body>"},
		// İ lowercases to three bytes: offsets in a lowercased copy
		// would put the script two bytes late, inside the tag.
		{"letters whose lower case is longer", "<p>İstanbul, Ⱥ, İzmir</p></body>", "<p>İstanbul, Ⱥ, İzmir</p>", "</body>"},
		{"the last of two", "<pre>&lt;/body&gt;</body></pre></body>", "<pre>&lt;/body&gt;</body></pre>", "</body>"},
		{"a closing tag that only starts like it", "<p>x</p></bodyguard>", "<p>x</p></bodyguard>", ""},
		{"none", "<p>x</p>", "<p>x</p>", ""},
		{"cut short", "<p>x</p></bod", "<p>x</p></bod", ""},
		{"empty", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Server{}
			got := string(s.inject([]byte(tc.page), &state{}))
			if want := tc.before + reloadScript(s.instance) + tc.after; got != want {
				t.Errorf("inject(%q) =\n%q\nwant\n%q", tc.page, got, want)
			}
			if strings.Count(got, "EventSource") != 1 {
				t.Errorf("the script is not there once: %q", got)
			}
		})
	}
}
