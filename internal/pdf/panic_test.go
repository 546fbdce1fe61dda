package pdf

import "testing"

// A panic while an edition is set on a goroutine of its own (a
// pamphlet's booklet, set on A5 beside its A4 document) comes back on
// Make's goroutine, where the caller can recover it: on the edition's
// own goroutine it would end the program, and tract serve with it.
func TestPanicSettingAnEditionReachesMakesCaller(t *testing.T) {
	m, site := maker(t, editionsSite)
	type boom struct{}
	for _, paper := range []string{"a5", "a4"} { // the booklet's goroutine, then Make's own
		t.Run(paper, func(t *testing.T) {
			m := *m
			m.setting = func(p string) {
				if p == paper {
					panic(boom{})
				}
			}
			defer func() {
				if p := recover(); p != (boom{}) {
					t.Errorf("Make's caller recovered %v, want the panic of the %s edition", p, paper)
				}
			}()
			m.Make(site.Item("pamphlets", "p").Variants["en"])
			t.Errorf("Make returned: the panic setting the %s edition was lost", paper)
		})
	}
}
