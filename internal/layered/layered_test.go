package layered

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// Random edits of chained versions give, at every version, the map a
// plain map with the same edits holds; and no version changes after it
// is made, whatever is made from it.
func TestVersionsHoldThePlainMapsEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	plain := map[int]string{}
	for i := range 500 {
		plain[i] = "v0"
	}
	m := Of(maps.Clone(plain))
	type version struct {
		m    *Map[int, string]
		want map[int]string
	}
	var versions []version
	for step := range 400 {
		e := m.Edit()
		for range 1 + rng.IntN(8) {
			k := rng.IntN(700) // some keys never in the first map
			if got := e.Get(k); got != plain[k] {
				t.Fatalf("step %d: Edit.Get(%d) = %q, want %q", step, k, got, plain[k])
			}
			if rng.IntN(3) == 0 {
				e.Delete(k)
				delete(plain, k)
			} else {
				v := "v" + string(rune('a'+step%26))
				e.Set(k, v)
				plain[k] = v
			}
		}
		m = e.Done()
		versions = append(versions, version{m, maps.Clone(plain)})
	}
	for i, v := range versions {
		if got := maps.Collect(v.m.All()); !maps.Equal(got, v.want) {
			t.Fatalf("version %d holds %d entries, want %d (or values differ)", i, len(got), len(v.want))
		}
		if v.m.Len() != len(v.want) {
			t.Fatalf("version %d: Len %d, want %d", i, v.m.Len(), len(v.want))
		}
		for k := range 700 {
			got, ok := v.m.Lookup(k)
			want, wok := v.want[k]
			if ok != wok || got != want {
				t.Fatalf("version %d: Lookup(%d) = %q, %v; want %q, %v", i, k, got, ok, want, wok)
			}
		}
	}
}

// Changes are merged into a new base before they grow past a fraction of
// the map: a version's own changes stay few.
func TestChangesStayFew(t *testing.T) {
	base := map[int]int{}
	for i := range 3200 {
		base[i] = i
	}
	m := Of(base)
	for i := range 1000 {
		e := m.Edit()
		e.Set(i, -i)
		e.Set(10000+i, i)
		m = e.Done()
		if len(m.over) > 64+len(m.base)/32 {
			t.Fatalf("after %d edits, %d changes kept apart from %d entries", i+1, len(m.over), len(m.base))
		}
	}
	if m.Len() != 4200 || m.Get(999) != -999 || m.Get(10999) != 999 || m.Get(1500) != 1500 {
		t.Errorf("Len %d, Get(999) %d, Get(10999) %d, Get(1500) %d", m.Len(), m.Get(999), m.Get(10999), m.Get(1500))
	}
}

func TestZeroMapIsEmpty(t *testing.T) {
	var none *Map[string, int]
	if _, ok := none.Lookup("a"); ok || none.Len() != 0 || none.Edit().Done().Len() != 0 {
		t.Error("a nil Map is not empty")
	}
	for range none.All() {
		t.Error("a nil Map yields an entry")
	}
	var m Map[string, int]
	if _, ok := m.Lookup("a"); ok || m.Len() != 0 {
		t.Error("the zero Map is not empty")
	}
	for range m.All() {
		t.Error("the zero Map yields an entry")
	}
	e := m.Edit()
	e.Set("a", 1)
	if n := e.Done(); n.Get("a") != 1 || n.Len() != 1 {
		t.Error("an edit of the zero Map lost its entry")
	}
}

func BenchmarkEditOfALargeMap(b *testing.B) {
	base := map[int]int{}
	for i := range 8700 {
		base[i] = i
	}
	m := Of(base)
	i := 0
	for b.Loop() {
		e := m.Edit()
		e.Delete(i % 8700)
		e.Set(8700+i, i)
		m = e.Done()
		i++
	}
}
