package markdown

import (
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/layered"
)

// Docs are the parsed texts of a site, by variant. An edit in tract
// serve makes new Docs from the last ones, sharing the texts it did not
// parse again (see package layered).
type Docs = layered.Map[*content.Variant, *Doc]

// DocsOf returns the Docs of m, which the caller must not change after.
func DocsOf(m map[*content.Variant]*Doc) *Docs { return layered.Of(m) }
