// Package layered has a map that is copied by sharing. A new version of
// a Map keeps its parent's entries and holds only its own changes apart,
// so that changing a few entries of a map of thousands copies a few, not
// thousands: what tract serve does on each edit to the parsed texts and
// the items of a site. Every version stays valid and unchanged.
package layered

import "iter"

// Map is an immutable map from K to V. The zero Map, and a nil *Map, are
// empty.
type Map[K comparable, V any] struct {
	base map[K]V       // shared with other versions: never written
	over map[K]over[V] // this version's changes to base
	n    int           // entries
}

type over[V any] struct {
	v    V
	gone bool
}

// Of returns a Map of m's entries. It takes m: the caller must not change
// it after.
func Of[K comparable, V any](m map[K]V) *Map[K, V] {
	return &Map[K, V]{base: m, n: len(m)}
}

// Get returns the value of k, or the zero V if m has none.
func (m *Map[K, V]) Get(k K) V {
	v, _ := m.Lookup(k)
	return v
}

// Lookup returns the value of k and whether m has one.
func (m *Map[K, V]) Lookup(k K) (V, bool) {
	if m == nil {
		var zero V
		return zero, false
	}
	if o, ok := m.over[k]; ok {
		return o.v, !o.gone
	}
	v, ok := m.base[k]
	return v, ok
}

// Len is the number of entries of m.
func (m *Map[K, V]) Len() int {
	if m == nil {
		return 0
	}
	return m.n
}

// All yields the entries of m, in no particular order.
func (m *Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		if m == nil {
			return
		}
		for k, v := range m.base {
			if _, changed := m.over[k]; changed {
				continue
			}
			if !yield(k, v) {
				return
			}
		}
		for k, o := range m.over {
			if !o.gone && !yield(k, o.v) {
				return
			}
		}
	}
}

// Edit is a change being made to a Map: Set and Delete, then Done.
type Edit[K comparable, V any] struct {
	m    *Map[K, V] // the new version
	done bool
}

// Edit starts a new version of m; m itself does not change.
func (m *Map[K, V]) Edit() *Edit[K, V] {
	if m == nil {
		m = &Map[K, V]{}
	}
	n := &Map[K, V]{base: m.base, n: m.n, over: make(map[K]over[V], len(m.over)+8)}
	for k, o := range m.over {
		n.over[k] = o
	}
	return &Edit[K, V]{m: n}
}

// Get returns the value of k in the version being made, or the zero V.
func (e *Edit[K, V]) Get(k K) V {
	e.check()
	return e.m.Get(k)
}

// Set makes v the value of k.
func (e *Edit[K, V]) Set(k K, v V) {
	e.check()
	if _, ok := e.m.Lookup(k); !ok {
		e.m.n++
	}
	e.m.over[k] = over[V]{v: v}
}

// Delete removes k, if there.
func (e *Edit[K, V]) Delete(k K) {
	e.check()
	if _, ok := e.m.Lookup(k); !ok {
		return
	}
	e.m.n--
	if _, inBase := e.m.base[k]; inBase {
		e.m.over[k] = over[V]{gone: true}
	} else {
		delete(e.m.over, k)
	}
}

func (e *Edit[K, V]) check() {
	if e.done {
		panic("layered: Edit used after Done")
	}
}

// Done returns the new version. When its changes have grown to a
// thirty-second of its parent's entries (and 64 more), they are merged
// into a new base of its own, so that lookups and the next versions'
// copies of the changes stay cheap; over many edits this costs a few
// entries copied per change.
func (e *Edit[K, V]) Done() *Map[K, V] {
	e.check()
	e.done = true
	m := e.m
	if len(m.over) <= 64+len(m.base)/32 {
		return m
	}
	base := make(map[K]V, m.n)
	for k, v := range m.All() {
		base[k] = v
	}
	return &Map[K, V]{base: base, n: m.n}
}
