package web

// NoSharedParts makes r render every shared part afresh for each page, as
// if {{shared}} were {{template}}: what the parts made once must equal.
func NoSharedParts(r *Renderer) { r.parts = nil }

// SharedPartsMade counts the shared parts r has made and kept.
func SharedPartsMade(r *Renderer) int {
	n := 0
	r.parts.m.Range(func(_, _ any) bool { n++; return true })
	return n
}
