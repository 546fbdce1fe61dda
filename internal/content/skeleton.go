package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// newSlugRE is the rule for the slug of a new item: stricter than what
// the loader accepts, so new addresses are lower case and read well.
var newSlugRE = regexp.MustCompile(`^[\p{Ll}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lo}\p{N}]+)*$`)

// CheckNewSlug says why slug cannot name a new item, or returns nil. A
// slug is the last part of the item's web address: lower-case letters,
// digits and single hyphens between words.
func CheckNewSlug(slug string) error {
	if len(slug) > 80 {
		return fmt.Errorf("slug %q is longer than 80 bytes: web addresses should stay short", slug)
	}
	if !newSlugRE.MatchString(slug) {
		return fmt.Errorf("slug %q is not usable: use lower-case letters, digits and single hyphens between words, such as %s", slug, SuggestSlug(slug))
	}
	return nil
}

// SuggestSlug turns a title-like string into a slug: "No to the Rent
// Rise!" becomes "no-to-the-rent-rise".
func SuggestSlug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		ok := newSlugRE.MatchString(string(r))
		switch {
		case ok:
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "my-leaflet"
	}
	return b.String()
}

// skeletonText is the text of a new variant in one language.
type skeletonText struct {
	title, summary, body string
	link                 string // a sample link to the about page
	chapter, venue, addr string
	comment              string // the first comment line
	when, articles, sign string // comments on starts, articles, signatories
	signers              string // a commented signatories line's two sample names
	translate            string // the first comment of a translation's copy (see TranslateComment)
}

// skeletonTexts are the placeholders of new variants, in the languages
// tract ships; other languages get the English ones.
var skeletonTexts = map[string]skeletonText{
	"en": {
		title:     "Title of the %s",
		summary:   "One or two sentences for lists, feeds and link previews.",
		body:      "Write the text here, in Markdown. Leave a blank line between paragraphs.\n\n## A heading\n\n- a list item\n- another one\n",
		link:      "A link to another item: [the about page](../../pages/about/%s.md).\n",
		chapter:   "Chapter",
		venue:     "Name of the place",
		addr:      "Street, town, postcode",
		comment:   "Replace the placeholders below, then check the whole site with: tract check",
		when:      "A time without an offset is the venue's local time; add one (+01:00) if you like.",
		articles:  "The slugs of the articles in this issue, in order (folders of content/articles/).",
		sign:      "A statement or resolution lists who signs it:",
		signers:   `"Organisation one (Country)", "Organisation two (Country)"`,
		translate: "Translate the title, the summary and the text from %s.md, then run",
	},
	"fr": {
		title:     "Titre (%s)",
		summary:   "Une ou deux phrases pour les listes, les flux et les aperçus de liens.",
		body:      "Écrivez le texte ici, en Markdown. Laissez une ligne vide entre les paragraphes.\n\n## Un intertitre\n\n- un élément de liste\n- un autre\n",
		link:      "Un lien vers un autre élément : [la page « à propos »](../../pages/about/%s.md).\n",
		chapter:   "Chapitre",
		venue:     "Nom du lieu",
		addr:      "Rue, ville, code postal",
		comment:   "Remplacez les textes ci-dessous, puis vérifiez tout le site : tract check",
		when:      "Une heure sans décalage est l'heure locale du lieu ; ajoutez-en un (+01:00) si vous voulez.",
		articles:  "Les slugs des articles de ce numéro, dans l'ordre (dossiers de content/articles/).",
		sign:      "Une déclaration ou une résolution donne la liste de ses signataires :",
		signers:   `"Première organisation (Pays)", "Deuxième organisation (Pays)"`,
		translate: "Traduisez le titre, le résumé et le texte de %s.md, puis lancez",
	},
	"es": {
		title:     "Título (%s)",
		summary:   "Una o dos frases para las listas, los canales de noticias y las vistas previas de enlaces.",
		body:      "Escribe el texto aquí, en Markdown. Deja una línea en blanco entre párrafos.\n\n## Un subtítulo\n\n- un elemento de lista\n- otro\n",
		link:      "Un enlace a otro elemento: [la página «quiénes somos»](../../pages/about/%s.md).\n",
		chapter:   "Capítulo",
		venue:     "Nombre del lugar",
		addr:      "Calle, ciudad, código postal",
		comment:   "Sustituye los textos de abajo y luego revisa todo el sitio: tract check",
		when:      "Una hora sin desfase horario es la hora local del lugar; añade uno (+01:00) si quieres.",
		articles:  "Los slugs de los artículos de este número, en orden (carpetas de content/articles/).",
		sign:      "Una declaración o resolución indica quién la firma:",
		signers:   `"Primera organización (País)", "Segunda organización (País)"`,
		translate: "Traduce el título, el resumen y el texto de %s.md y luego ejecuta",
	},
}

// sectionNouns name one item of each section in the title placeholder.
var sectionNouns = map[string]map[string]string{
	"en": {"leaflets": "leaflet", "articles": "article", "bulletins": "bulletin", "pamphlets": "pamphlet", "events": "event", "pages": "page"},
	"fr": {"leaflets": "tract", "articles": "article", "bulletins": "bulletin", "pamphlets": "brochure", "events": "événement", "pages": "page"},
	"es": {"leaflets": "octavilla", "articles": "artículo", "bulletins": "boletín", "pamphlets": "folleto", "events": "evento", "pages": "página"},
}

// placeholdersLeft names the parts of a variant that still hold the
// placeholders Skeleton wrote, in any language tract ships: "title",
// "summary", "venue", "address", "text". Published as they are, they
// would read "Title of the leaflet" and "Name of the place".
func placeholdersLeft(fm *FrontMatter, body []byte) []string {
	// in reports whether any language's placeholder text matches.
	in := func(match func(t skeletonText, lang string) bool) bool {
		for lang, t := range skeletonTexts {
			if match(t, lang) {
				return true
			}
		}
		return false
	}
	var left []string
	if placeholderTitles()[fm.Title] {
		left = append(left, "title")
	}
	for _, f := range []struct {
		name, value string
		of          func(skeletonText) string
	}{
		{"summary", fm.Summary, func(t skeletonText) string { return t.summary }},
		{"venue", fm.Venue, func(t skeletonText) string { return t.venue }},
		{"address", fm.Address, func(t skeletonText) string { return t.addr }},
	} {
		if f.value != "" && in(func(t skeletonText, _ string) bool { return f.value == f.of(t) }) {
			left = append(left, f.name)
		}
	}
	if in(func(t skeletonText, _ string) bool {
		first, _, _ := strings.Cut(t.body, "\n")
		return bytes.Contains(body, []byte(first))
	}) {
		left = append(left, "text")
	}
	return left
}

// TranslateComment is the first comment of the copy tract translate --to
// writes into lang from the original in from, in lang when tract ships
// it (English otherwise): the translator reads the copy's language.
func TranslateComment(lang, from string) string {
	t, ok := skeletonTexts[lang]
	if !ok {
		t = skeletonTexts["en"]
	}
	return fmt.Sprintf(t.translate, from)
}

// placeholderTitles are the titles Skeleton writes, in every language and
// section: made once, not for every variant of every load.
var placeholderTitles = sync.OnceValue(func() map[string]bool {
	titles := map[string]bool{}
	for lang, t := range skeletonTexts {
		for _, noun := range sectionNouns[lang] {
			titles[fmt.Sprintf(t.title, noun)] = true
		}
	}
	return titles
})

// SkeletonOptions are what a new variant's front matter depends on.
type SkeletonOptions struct {
	Section string
	Lang    string
	Today   time.Time // the publication date; events start a week later
	Number  int       // a new bulletin's number
	// LinkAbout adds a sample link to pages/about, when the site has it in Lang.
	LinkAbout bool
}

// Skeleton is the text of a new original variant: the front matter the
// section needs, with placeholders in the variant's language, and a
// short body to replace. It is valid as it stands, so that the site
// builds while it is written; tract check warns of the placeholders left
// (see placeholdersLeft).
func Skeleton(o SkeletonOptions) ([]byte, error) {
	if !slices.Contains(Sections, o.Section) {
		return nil, fmt.Errorf("unknown section %q (sections are %s)", o.Section, strings.Join(Sections, ", "))
	}
	t, ok := skeletonTexts[o.Lang]
	nouns := sectionNouns[o.Lang]
	if !ok {
		t, nouns = skeletonTexts["en"], sectionNouns["en"]
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("---")
	line("# %s", t.comment)
	line("title: %q", fmt.Sprintf(t.title, nouns[o.Section]))
	if o.Section != "pages" {
		line("date: %s", o.Today.Format(time.DateOnly))
	}
	line("summary: %q", t.summary)
	line("tags: []")
	switch o.Section {
	case "events":
		day := o.Today.AddDate(0, 0, 7).Format(time.DateOnly)
		line("# %s", t.when)
		line("starts: %sT18:00", day)
		line("ends: %sT20:00", day)
		line("venue: %q", t.venue)
		line("address: %q", t.addr)
	case "bulletins":
		line("number: %d", o.Number)
		line("# %s", t.articles)
		line("articles: []")
	case "leaflets":
		line("# %s", t.sign)
		line("# signatories: [%s]", t.signers)
		line("# paper: a5")
	case "pamphlets":
		line("# paper: a5")
	}
	line("---")
	line("")
	body := t.body
	if o.LinkAbout {
		body += "\n" + fmt.Sprintf(t.link, o.Lang)
	}
	if o.Section == "pamphlets" {
		body = fmt.Sprintf("## %s 1\n\n%s\n## %s 2\n\n…\n", t.chapter, body, t.chapter)
	}
	b.WriteString(body)
	return []byte(b.String()), nil
}
