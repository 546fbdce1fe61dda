package locale

import (
	"testing"
	"testing/fstest"

	"github.com/tractpub/tract/internal/diag"
)

// FuzzLocaleFile loads arbitrary message files: never a panic, and a file
// that loads can be asked for any message without a panic either.
func FuzzLocaleFile(f *testing.F) {
	f.Add([]byte("Hello = \"Hi {{.Name}}\"\n[Count]\none = \"{{.Count}} item\"\nother = \"{{.Count}} items\"\n"))
	f.Add([]byte("A = \"{{\"\n"))
	f.Add([]byte("[A]\ndescription = 1\nother = [1]\n"))
	f.Add([]byte("A = 5\nB = { other = [1] }\n[C]\none = 1\n"))
	f.Add([]byte("DateFormat = \"{{.Day}} {{.Month}} {{.Year}}\"\nMonth1 = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"locales/en.toml": {Data: data}}
		var diags diag.List
		c := Load(fsys, nil, []string{"en"}, "en", &diags)
		if c == nil {
			return
		}
		c.Require([]string{"Hello", "Count", "A"}, &diags)
		loc := c.Localizer("en")
		for _, id := range c.IDs("en") {
			_, _ = loc.T(id)
			_, _ = loc.T(id, 3)
		}
	})
}
