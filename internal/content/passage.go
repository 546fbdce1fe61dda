package content

import (
	"bytes"

	"golang.org/x/text/language"
)

// A passage is a part of a text in another language than the text's: a
// quotation kept as it was said, a slogan, a song. It is written between
// fences of three colons or more, as Pandoc writes a div, the opening
// one naming its language:
//
//	::: {lang=es}
//	¡No pasarán!
//	:::
//
// Its page marks it as in its language (a screen reader reads it with
// that language's voice), it is set by that language's typography, and
// a translation that keeps it is not taken for a translation left
// undone (see Variant.Copied).

// FenceKind is what a line is to a passage (see PassageFence).
type FenceKind int

const (
	NoFence    FenceKind = iota
	OpenFence            // "::: {lang=es}"
	CloseFence           // ":::"
	// BadFence is a line of three colons or more followed by something
	// that names no language: "::: es", "::: {lang=}", "::: {.note}".
	// It opens nothing, and is left as text.
	BadFence
)

// PassageFence reads line (with or without its line end) as a passage's
// fence: indented by three spaces at most, three colons or more, then,
// for an opening fence, the language in braces, lang=es or lang="es",
// and colons again if the writer likes. lang is the opening fence's
// language as a BCP 47 tag in its usual form ("pt-BR").
func PassageFence(line []byte) (kind FenceKind, lang string) {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 || !bytes.HasPrefix(line[i:], []byte(":::")) {
		return NoFence, ""
	}
	rest := bytes.TrimLeft(line[i:], ":")
	rest = bytes.TrimSpace(rest)
	if len(rest) == 0 {
		return CloseFence, ""
	}
	rest = bytes.TrimSpace(bytes.TrimRight(rest, ":"))
	if lang = LangAttribute(rest); lang == "" {
		return BadFence, ""
	}
	return OpenFence, lang
}

// LangAttribute reads the attributes of a passage or a phrase, "{lang=es}"
// or "{lang="es"}", braces included, and returns the language they name
// as a BCP 47 tag in its usual form ("pt-BR"), or "" if they name none.
func LangAttribute(attrs []byte) string {
	inner, ok := bytes.CutPrefix(attrs, []byte("{"))
	if inner, ok = bytes.CutSuffix(inner, []byte("}")); !ok {
		return ""
	}
	value, ok := bytes.CutPrefix(bytes.TrimSpace(inner), []byte("lang="))
	if !ok {
		return ""
	}
	if q, ok := bytes.CutPrefix(value, []byte(`"`)); ok {
		if value, ok = bytes.CutSuffix(q, []byte(`"`)); !ok {
			return ""
		}
	}
	if len(value) == 0 || bytes.ContainsAny(value, " \t\"{}") {
		return ""
	}
	tag, err := language.Parse(string(value))
	if err != nil {
		return ""
	}
	return tag.String()
}
