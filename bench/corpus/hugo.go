package corpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	tract "github.com/tractpub/tract"
)

// HugoFiles returns the corpus as an equivalent Hugo site, for comparing
// build times. Each item is a page bundle with one file per language
// (content/<section>/<slug>/index.<lang>.md, Hugo's standard multilingual
// layout closest to tract's), and small templates ask Hugo for what tract
// makes: one page per variant, section lists paginated 20 a page, tag
// pages, a feed per language, a sitemap, a 404 page per language, and a
// calendar file per event and per language.
//
// The work is kept comparable, neither more nor less: links between items
// are resolved to pages by a link render hook (as tract rewrites them),
// summaries are derived from the body when not written, cards are cached
// with partialCached as a Hugo user would. What differs: tract shows
// untranslated items in every language's lists (its fallback); Hugo lists
// only a language's own pages, so its lists are slightly shorter. Hugo
// publishes a bundle's image once for all languages; tract links it into
// every language's folder.
func (c *Corpus) HugoFiles() Files {
	files := Files{"hugo.toml": []byte(hugoConfig)}
	for name, data := range hugoLayouts {
		files["layouts/"+name] = []byte(strings.TrimLeft(data, "\n"))
	}
	for l, msgs := range hugoI18n {
		files["i18n/"+l+".toml"] = []byte(msgs)
	}
	css, err := fs.ReadFile(tract.Defaults, "assets/site/tract.css")
	if err != nil {
		panic(err) // the stylesheet is embedded in tract: it is always there
	}
	files["static/assets/tract.css"] = css
	for _, sec := range hugoSections {
		for _, l := range Languages {
			var b bytes.Buffer
			fmt.Fprintf(&b, "---\ntitle: %s\n", yamlQuote(hugoI18nSection[l][sec]))
			if sec == "events" {
				b.WriteString("outputs: [html, calendar]\ncascade:\n  outputs: [html, calendar]\n")
			}
			b.WriteString("---\n")
			files["content/"+sec+"/_index."+l+".md"] = b.Bytes()
		}
	}
	for _, it := range c.Items {
		dir := "content/" + it.Section + "/" + it.Slug + "/"
		for _, l := range Languages {
			if v := it.Variants[l]; v != nil {
				files[dir+"index."+l+".md"] = hugoVariant(it, v)
			}
		}
		if it.Image {
			files[dir+"photo.png"] = photo(it.index)
		}
	}
	return files
}

var hugoSections = []string{"leaflets", "articles", "bulletins", "pamphlets", "events", "pages"}

// tractLinkRE matches the destination of a link to another item's
// Markdown file, as tractLink writes it.
var tractLinkRE = regexp.MustCompile(`\]\(\.\./\.\./([a-z]+)/([^/)]+)/[a-z]+\.md\)`)

// hugoVariant writes one page of a bundle. Hugo reads the date, tags and
// other fields from each page, so every language carries them (tract
// reads them from the original).
func hugoVariant(it *Item, v *Variant) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(v.Title))
	if !it.Date.IsZero() {
		fmt.Fprintf(&b, "date: %s\n", it.Date.Format("2006-01-02"))
	}
	if v.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", yamlQuote(v.Summary))
	}
	if len(it.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", yamlList(it.Tags))
	}
	if v.From != "" {
		fmt.Fprintf(&b, "translated_from: %s\n", v.From)
		if v.Outdated {
			b.WriteString("outdated: true\n")
		}
	}
	writeNeutral(&b, it, true)
	b.WriteString("---\n\n")
	b.WriteString(tractLinkRE.ReplaceAllString(v.Body, "](/$1/$2)"))
	return b.Bytes()
}

const hugoConfig = `baseURL = "https://archive.x.org/"
title = "Kellingford Solidarity Network"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
buildFuture = true
enableRobotsTXT = true

[pagination]
pagerSize = 20

[taxonomies]
tag = "tags"

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[services.rss]
limit = 20

[markup.goldmark.parser]
wrapStandAloneImageWithinParagraph = false

[languages.en]
weight = 1
label = "English"
title = "Kellingford Solidarity Network"

[languages.fr]
weight = 2
label = "Français"
title = "Réseau de solidarité de Kellingford"

[languages.es]
weight = 3
label = "Español"
title = "Red de Solidaridad de Kellingford"
`

var hugoI18nSection = map[string]map[string]string{
	"en": {"leaflets": "Leaflets", "articles": "Articles", "bulletins": "Bulletins", "pamphlets": "Pamphlets", "events": "Events", "pages": "About"},
	"fr": {"leaflets": "Tracts", "articles": "Articles", "bulletins": "Bulletins", "pamphlets": "Brochures", "events": "Événements", "pages": "À propos"},
	"es": {"leaflets": "Octavillas", "articles": "Artículos", "bulletins": "Boletines", "pamphlets": "Folletos", "events": "Eventos", "pages": "Sobre nosotras"},
}

var hugoI18n = map[string]string{
	"en": `Tags = "Topics"
Latest = "Latest"
CurrentBulletin = "Current bulletin"
UpcomingEvents = "Upcoming events"
When = "When"
Where = "Where"
AddToCalendar = "Add to my calendar (.ics)"
Contents = "Contents"
Signatories = "Signatories"
InThisIssue = "In this issue"
PublishedIn = "Published in"
BulletinNumber = "No. {{ .Number }}"
PageOf = "Page {{ .Page }} of {{ .Pages }}"
PreviousPage = "← Newer"
NextPage = "Older →"
Outdated = "This translation is out of date."
ReadOriginal = "Read the original"
NotFound = "Page not found"
Languages = "Languages"
`,
	"fr": `Tags = "Thèmes"
Latest = "Dernières publications"
CurrentBulletin = "Bulletin en cours"
UpcomingEvents = "Événements à venir"
When = "Quand"
Where = "Où"
AddToCalendar = "Ajouter à mon agenda (.ics)"
Contents = "Sommaire"
Signatories = "Signataires"
InThisIssue = "Dans ce numéro"
PublishedIn = "Paru dans"
BulletinNumber = "N° {{ .Number }}"
PageOf = "Page {{ .Page }} sur {{ .Pages }}"
PreviousPage = "← Plus récents"
NextPage = "Plus anciens →"
Outdated = "Cette traduction n'est plus à jour."
ReadOriginal = "Lire l'original"
NotFound = "Page introuvable"
Languages = "Langues"
`,
	"es": `Tags = "Temas"
Latest = "Lo último"
CurrentBulletin = "Boletín actual"
UpcomingEvents = "Próximos eventos"
When = "Cuándo"
Where = "Dónde"
AddToCalendar = "Añadir a mi calendario (.ics)"
Contents = "Índice"
Signatories = "Firmantes"
InThisIssue = "En este número"
PublishedIn = "Publicado en"
BulletinNumber = "N.º {{ .Number }}"
PageOf = "Página {{ .Page }} de {{ .Pages }}"
PreviousPage = "← Más recientes"
NextPage = "Más antiguos →"
Outdated = "Esta traducción no está al día."
ReadOriginal = "Leer el original"
NotFound = "Página no encontrada"
Languages = "Idiomas"
`,
}

// hugoLayouts are the templates, in Hugo's layout names (v0.146 and later).
var hugoLayouts = map[string]string{
	"baseof.html": `
<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">
{{ end }}<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">
{{ end }}<link rel="stylesheet" href="/assets/tract.css">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:locale" content="{{ site.Language.Lang }}">
</head>
<body class="{{ .Kind }}">
<header class="site">
<div class="bar">
<a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ if .IsTranslated }}<nav class="langs" aria-label="{{ T "Languages" }}"><ul>
{{ range .AllTranslations }}<li>{{ if eq .Language.Lang $.Language.Lang }}<span aria-current="true">{{ .Language.Label }}</span>{{ else }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a>{{ end }}</li>
{{ end }}</ul></nav>{{ end }}
</div>
{{ partialCached "nav.html" . site.Language.Lang .Section }}
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . site.Language.Lang }}
</body>
</html>
`,
	"_partials/nav.html": `
<nav class="sections"><ul>
{{ range site.Sections }}{{ if ne .Section "pages" }}<li><a href="{{ .RelPermalink }}"{{ if eq .Section $.Section }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}{{ end }}</ul></nav>
`,
	"_partials/footer.html": `
<footer class="site">
<nav><ul>
{{ with site.GetPage "/pages" }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ end }}<li><a href="{{ (site.GetPage "/tags").RelPermalink }}">{{ T "Tags" }}</a></li>
</ul></nav>
<p>{{ site.Title }}</p>
</footer>
`,
	"_partials/card.html": `
<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta">{{ .CurrentSection.Title }}{{ with .Params.number }} · {{ T "BulletinNumber" (dict "Number" .) }}{{ end }}{{ if not .Date.IsZero }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ end }}{{ with .Params.venue }} · {{ . }}{{ end }}</p>
{{ with .Summary }}<p>{{ . | plainify }}</p>
{{ end }}</article>
`,
	"_partials/pagination.html": `
{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}<nav class="pages">
{{ with $p.Prev }}<a href="{{ .URL }}" rel="prev">{{ T "PreviousPage" }}</a>{{ end }}
<span>{{ T "PageOf" (dict "Page" $p.PageNumber "Pages" $p.TotalPages) }}</span>
{{ with $p.Next }}<a href="{{ .URL }}" rel="next">{{ T "NextPage" }}</a>{{ end }}
</nav>{{ end }}
`,
	"home.html": `
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ with site.GetPage "/bulletins" }}{{ with first 1 .Pages.ByDate.Reverse }}<section class="bulletin">
<h2>{{ T "CurrentBulletin" }}</h2>
{{ range . }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
</section>{{ end }}{{ end }}
{{ with site.GetPage "/events" }}<section>
<h2>{{ T "UpcomingEvents" }}</h2>
{{ range first 5 .Pages }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
</section>{{ end }}
<section>
<h2>{{ T "Latest" }}</h2>
{{ range first 10 (where site.RegularPages "Section" "not in" (slice "pages" "events")) }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
</section>
{{ end }}
`,
	"section.html": `
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
{{ partial "pagination.html" . }}
{{ end }}
`,
	"term.html": `
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}
{{ partial "pagination.html" . }}
{{ end }}
`,
	"taxonomy.html": `
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tag-index">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
`,
	"page.html": `
{{ define "main" }}
<article class="item {{ .Section }}">
<header>
<p class="kicker"><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a>{{ with .Params.number }} · {{ T "BulletinNumber" (dict "Number" .) }}{{ end }}</p>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>{{ end }}
{{ if .Params.outdated }}<p class="notice" role="note">{{ T "Outdated" }}{{ $src := .Params.translated_from }}{{ range .AllTranslations }}{{ if eq .Language.Lang $src }} <a href="{{ .RelPermalink }}">{{ T "ReadOriginal" }}</a>{{ end }}{{ end }}</p>{{ end }}
{{ with .Params.starts }}<dl class="event">
<dt>{{ T "When" }}</dt>
<dd><time datetime="{{ . }}">{{ time.Format ":date_full" . }}{{ with $.Params.ends }} – {{ time.Format ":date_full" . }}{{ end }}</time></dd>
<dt>{{ T "Where" }}</dt>
<dd>{{ $.Params.venue }}<br>{{ $.Params.address }}</dd>
</dl>
{{ with $.OutputFormats.Get "calendar" }}<p><a class="button" href="{{ .RelPermalink }}" download>{{ T "AddToCalendar" }}</a></p>{{ end }}{{ end }}
</header>
{{ if eq .Section "pamphlets" }}<nav class="toc"><h2>{{ T "Contents" }}</h2>{{ .TableOfContents }}</nav>{{ end }}
<div class="body">
{{ .Content }}
</div>
{{ with .Params.signatories }}<section class="signatories">
<h2>{{ T "Signatories" }}</h2>
<ol>{{ range . }}
<li>{{ . }}</li>{{ end }}
</ol>
</section>{{ end }}
{{ with .Params.articles }}<section class="articles">
<h2>{{ T "InThisIssue" }}</h2>
{{ range . }}{{ with site.GetPage (printf "/articles/%s" .) }}{{ partialCached "card.html" . .RelPermalink }}{{ end }}{{ end }}
</section>{{ end }}
{{ if eq .Section "articles" }}{{ $slug := .File.ContentBaseName }}{{ with site.GetPage "/bulletins" }}{{ with where .Pages "Params.articles" "intersect" (slice $slug) }}<p class="part-of">{{ T "PublishedIn" }} {{ range $i, $b := . }}{{ if $i }}, {{ end }}<a href="{{ $b.RelPermalink }}">{{ $b.Title }}</a>{{ end }}</p>{{ end }}{{ end }}{{ end }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}
<li><a href="{{ .RelPermalink }}" rel="tag">{{ .LinkTitle }}</a></li>{{ end }}
</ul>{{ end }}
</article>
{{ end }}
`,
	"404.html": `
{{ define "main" }}
<h1>{{ T "NotFound" }}</h1>
<ul class="choose">{{ range hugo.Sites }}
<li><a href="{{ .Home.RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a></li>{{ end }}
</ul>
{{ end }}
`,
	"page.calendar.ics": `
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tract bench//Hugo//EN
{{ partial "vevent.ics" . }}END:VCALENDAR
`,
	"section.calendar.ics": `
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tract bench//Hugo//EN
{{ range .Pages }}{{ partial "vevent.ics" . }}{{ end }}END:VCALENDAR
`,
	"_partials/vevent.ics": `
BEGIN:VEVENT
UID:{{ .Permalink }}
SUMMARY:{{ .Title }}
DTSTART:{{ .Params.starts }}
{{ with .Params.ends }}DTEND:{{ . }}
{{ end }}LOCATION:{{ .Params.venue }}, {{ .Params.address }}
URL:{{ .Permalink }}
END:VEVENT
`,
	// Links to another item's page, in this language or else in the first
	// language that has it, as tract falls back.
	"_markup/render-link.html": `
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasPrefix $u.Path "/") -}}
{{- with $.PageInner.GetPage $u.Path -}}
{{- $href = .RelPermalink -}}
{{- else -}}
{{- range hugo.Sites -}}{{- if eq $href $.Destination -}}{{- with .GetPage $u.Path -}}{{- $href = .RelPermalink -}}{{- end -}}{{- end -}}{{- end -}}
{{- end -}}
{{- end -}}
<a href="{{ $href }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text }}</a>
{{- /**/ -}}
`,
	// A lone image with a title is a figure with a caption, as in tract.
	"_markup/render-image.html": `
{{- $src := .Destination -}}
{{- with $.PageInner.Resources.Get .Destination -}}{{- $src = .RelPermalink -}}{{- end -}}
{{- if and .IsBlock .Title -}}
<figure><img src="{{ $src }}" alt="{{ .PlainText }}"><figcaption>{{ .Title }}</figcaption></figure>
{{- else -}}
<img src="{{ $src }}" alt="{{ .PlainText }}">
{{- end -}}
{{- /**/ -}}
`,
}
