package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the zones, where the system has none (Windows)
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/diag"
)

// ConfigFile is the name of the site configuration file.
const ConfigFile = "tract.toml"

// Papers are the page sizes tract prints on.
var Papers = []string{"a4", "letter", "a5"}

// DefaultMaxFileSize bounds every Markdown file tract reads, so a runaway
// generated file fails clearly instead of eating memory and time. Other
// files (pictures, PDFs) may be AssetFactor times larger.
const DefaultMaxFileSize = 4 << 20

// AssetFactor is how much larger than a Markdown file a picture or another
// file beside the variants may be.
const AssetFactor = 16

// Config is tract.toml, decoded strictly: unknown keys are errors.
type Config struct {
	BaseURL         string   `toml:"base_url"`
	Languages       []string `toml:"languages"`
	DefaultLanguage string   `toml:"default_language"`
	Paper           string   `toml:"paper"`
	Fallback        string   `toml:"fallback"`
	Title           Titles   `toml:"title"`
	// MaxFileSizeMB overrides DefaultMaxFileSize (in mebibytes).
	MaxFileSizeMB int `toml:"max_file_size_mb"`
	// Timezone is the zone the organisation is in ("Europe/London"),
	// optional: an event whose time is written with a UTC offset
	// another than the zone's then shows it (see OtherZone).
	Timezone string `toml:"timezone"`
	// Zone is Timezone, loaded; nil without one.
	Zone *time.Location `toml:"-"`
	// Tags names tags in other languages: a tag is one tag in every
	// language (one page, tags/<key>/, in each), named as the items write
	// it unless [tags] gives its name in the language (see TagName).
	Tags map[string]map[string]string `toml:"tags"`

	tagNames map[string]map[string]string // by TagKey, then language
	tagLines map[string]int               // the line of each tag of [tags], by TagKey
	lines    map[string]int               // the line of each key (see keyLines)
}

// Line is the line of tract.toml that sets key ("languages", "title.fr"),
// or 0 when the file does not set it.
func (c *Config) Line(key string) int { return c.lines[key] }

// Titles is the site's title in each language: a [title] table, or one
// string for every language (title = "Kellingford Solidarity Network"), as
// an organisation whose name is not translated writes it. ParseConfig
// gives the string to each language.
type Titles map[string]string

// everyLanguage is the key under which UnmarshalText keeps a title given
// as one string, until ParseConfig knows the languages.
const everyLanguage = "*"

// UnmarshalText takes a title written as one string.
func (t *Titles) UnmarshalText(b []byte) error {
	*t = Titles{everyLanguage: string(b)}
	return nil
}

// configKeys are the keys of tract.toml, in the order the README gives them.
var configKeys = []string{"base_url", "languages", "default_language", "paper", "fallback", "max_file_size_mb", "timezone", "title", "tags"}

// configShapes says what each key of tract.toml holds, for the error a
// value of another type gets.
var configShapes = map[string]string{
	"base_url":         `a string, such as base_url = "https://example.org"`,
	"languages":        `a list of language tags, such as languages = ["en", "fr", "es"]`,
	"default_language": `a string, such as default_language = "en"`,
	"paper":            `a string, such as paper = "a4"`,
	"fallback":         `a string: fallback = "original" or fallback = "hide"`,
	"title":            `a string, or a [title] table with one title per language (en = "…")`,
	"max_file_size_mb": `a whole number of megabytes, such as max_file_size_mb = 8`,
	"timezone":         `a string, the name of a time zone, such as timezone = "Europe/London"`,
	"tags":             `a [tags] table giving each tag its name in other languages: housing = { fr = "logement", es = "vivienda" }`,
}

// configShape says what the value at key holds, for the error a value
// of another type gets: a key of tract.toml's, or one in its [title] and
// [tags] tables. err is the decoder's message ("cannot decode TOML integer
// into string"): a value inside an inline table is reported at the
// table's key.
func configShape(key []string, err string) string {
	name := strings.Join(key, ".")
	switch {
	case len(key) == 0:
	case len(key) == 1 && configShapes[key[0]] != "":
		return name + " must be " + configShapes[key[0]]
	case key[0] == "title" && len(key) == 2:
		return fmt.Sprintf(`%s must be a string, the site's title in that language, such as %s = "Tenants' Network"`, name, key[1])
	case key[0] == "tags" && len(key) == 2 && strings.HasSuffix(err, "into string"):
		return fmt.Sprintf(`the names in %s must be strings, such as %s = { fr = "logement", es = "vivienda" }`, name, key[1])
	case key[0] == "tags" && len(key) == 2:
		return fmt.Sprintf(`%s must be a table of the tag's names in other languages, such as %s = { fr = "logement", es = "vivienda" }`, name, key[1])
	case key[0] == "tags" && len(key) == 3:
		return fmt.Sprintf(`%s must be a string, the tag's name in that language, such as %s = "logement"`, name, key[2])
	}
	return ""
}

// maxBaseURL is the longest base_url: a QR code (at the error correction
// the PDFs use, M) holds 2,331 bytes, and a page's address adds to it a
// language, a section and a slug.
const maxBaseURL = 1500

// Fallback policies for items missing in a language.
const (
	FallbackOriginal = "original" // list the item in its original language, with a notice
	FallbackHide     = "hide"     // leave it out of that language's lists
)

var langTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// smallLanguage is a language tag with its language in small letters:
// EN is en, PT-BR pt-BR.
func smallLanguage(tag string) string {
	lang, rest, _ := strings.Cut(tag, "-")
	if rest != "" {
		rest = "-" + rest
	}
	return strings.ToLower(lang) + rest
}

// knownLanguage reports whether a well-formed tag names a language,
// script and region that CLDR knows ("qq" is well formed, and no
// language): the catalog could not load it.
func knownLanguage(tag string) bool {
	_, err := language.Parse(tag)
	return err == nil
}

// ParseConfig decodes tract.toml and checks every value, reporting each
// problem as tract.toml:line: message.
// misplacedKey explains a setting TOML read inside a table (title.paper,
// tags.max_file_size_mb): one written below a [title] or [tags] line
// belongs to that table, as every key after a table's line does, where
// an editor adding a line at the end of the file expects a setting.
func misplacedKey(key []string) string {
	if len(key) != 2 || key[0] == key[1] || !slices.Contains(configKeys, key[1]) || !slices.Contains(configKeys, key[0]) {
		return ""
	}
	return fmt.Sprintf("%s is read as part of the [%s] table, since it comes after the [%s] line: move it above that line, with the other settings", key[1], key[0], key[0])
}

func ParseConfig(data []byte, diags *diag.List) *Config {
	c := &Config{}
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		var strict *toml.StrictMissingError
		var de *toml.DecodeError
		switch {
		case errors.As(err, &strict):
			for _, e := range strict.Errors {
				line, _ := e.Position()
				key := strings.Join(e.Key(), ".")
				if k := diag.Closest(key, configKeys); k != "" {
					diags.Errorf(ConfigFile, line, "unknown key %q: did you mean %s?", key, k)
				} else {
					diags.Errorf(ConfigFile, line, "unknown key %q (known keys: %s)", key, strings.Join(configKeys, ", "))
				}
			}
		case errors.As(err, &de):
			line, _ := de.Position()
			if msg := misplacedKey(de.Key()); msg != "" {
				diags.Errorf(ConfigFile, line, "%s", msg)
				return nil
			}
			// A value of the wrong type reads "cannot decode TOML string
			// into struct field content.Config.Languages of type []string":
			// Go's words, not the editor's.
			if shape := configShape(de.Key(), de.Error()); shape != "" && strings.Contains(de.Error(), "cannot decode") {
				diags.Errorf(ConfigFile, line, "%s", shape)
				return nil
			}
			_, col := de.Position()
			text := configLine(data, line)
			if msg, _ := syntaxHelp(text, col); msg != "" {
				diags.Errorf(ConfigFile, line, "%s", msg)
				return nil
			}
			diags.Errorf(ConfigFile, line, "%s", nameCharacter(strings.TrimPrefix(de.Error(), "toml: "), text, col))
			return nil
		default:
			diags.Errorf(ConfigFile, 0, "%v", err)
			return nil
		}
	}
	lines := keyLines(data)
	c.lines = lines
	at := func(key string) int { return lines[key] }

	if c.BaseURL == "" {
		diags.Errorf(ConfigFile, 0, "base_url is required (the address the site will be published at, e.g. \"https://example.org\")")
	} else if len(c.BaseURL) > maxBaseURL {
		// Every PDF prints a QR code of a page's address: one of this
		// length, with an item's path, no longer fits in one.
		diags.Errorf(ConfigFile, at("base_url"), "base_url is %d bytes long: the QR codes printed on the PDFs hold a page's address, base_url and all, and this one leaves no room; a site's address is rarely more than a hundred", len(c.BaseURL))
	} else if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		diags.Errorf(ConfigFile, at("base_url"), "base_url %q is not an http or https address", c.BaseURL)
	} else if msg := baseURLProblem(c.BaseURL, u); msg != "" {
		diags.Errorf(ConfigFile, at("base_url"), "base_url %q %s", c.BaseURL, msg)
	} else {
		// The path in its escaped form: the sitemap, the feeds, the
		// calendars and the QR codes take it as it is. The host stays as
		// written (url.String would percent-encode a name in letters
		// beyond ASCII).
		c.BaseURL = strings.TrimSuffix(u.Scheme+"://"+u.Host+u.EscapedPath(), "/") + "/"
		if strings.ContainsAny(u.Path, " \t") {
			diags.Warnf(ConfigFile, at("base_url"), "base_url has a space in its path: it is published as %%20, hard to read out or type from a leaflet; a hyphen is easier")
		}
		if u.Scheme == "http" && !placeholderHost(u.Hostname()) {
			diags.Warnf(ConfigFile, at("base_url"), "base_url starts with http://: browsers mark such a site \"not secure\", and the QR codes printed on the PDFs would lead there; most hosts serve https for free")
		}
		if placeholderHost(u.Hostname()) {
			diags.Warnf(ConfigFile, at("base_url"), "base_url is still %s, an address for examples that nobody can reach: the feeds, the sitemap, and the QR codes and addresses printed on every PDF point to it; set it to the address the site will be published at", u.Host)
		}
	}
	if len(c.Languages) == 0 {
		diags.Errorf(ConfigFile, at("languages"), "languages is required, e.g. languages = [\"en\", \"fr\", \"es\"]")
	}
	// A language refused is reported once, here, and left out of the
	// rest of the load: kept, it would give every item a second original
	// or a locale that cannot be found.
	seen := map[string]bool{}
	var valid []string
	c.DefaultLanguage = strings.TrimSpace(c.DefaultLanguage)
	for _, written := range c.Languages {
		l := strings.TrimSpace(written) // "en, fr" split by hand: " fr"
		switch {
		case strings.Contains(l, ","):
			diags.Errorf(ConfigFile, at("languages"), "%q is one string: give each language its own straight quotes, languages = %s", written, fixValue(l, true))
		case !langTag.MatchString(l) && langTag.MatchString(smallLanguage(l)) && knownLanguage(smallLanguage(l)):
			diags.Errorf(ConfigFile, at("languages"), "language %q is written in capitals: write %q, as the texts are named (%s.md)", written, smallLanguage(l), smallLanguage(l))
			if l = smallLanguage(l); !seen[l] {
				// The rest is checked with it, as it is meant: every
				// text and title would be in a language not listed.
				valid = append(valid, l)
			}
		case !langTag.MatchString(l) && langTag.MatchString(smallLanguage(l)):
			diags.Errorf(ConfigFile, at("languages"), "language %q is no language tract knows: give its ISO 639 code, in small letters, such as \"en\", \"uk\" or \"pt-BR\"", written)
		case !langTag.MatchString(l):
			diags.Errorf(ConfigFile, at("languages"), "language %q is not a language tag such as \"en\" or \"pt-BR\"", written)
		case !knownLanguage(l):
			diags.Errorf(ConfigFile, at("languages"), "language %q is no language tract knows: give its ISO 639 code, such as \"en\", \"uk\" or \"pt-BR\"", l)
		case seen[l]:
			diags.Errorf(ConfigFile, at("languages"), "language %q is listed twice", l)
		default:
			valid = append(valid, l)
		}
		seen[l] = true
	}
	c.Languages = valid
	if small := smallLanguage(c.DefaultLanguage); small != c.DefaultLanguage && slices.Contains(c.Languages, small) {
		diags.Errorf(ConfigFile, at("default_language"), "default_language %q is written in capitals: write %q", c.DefaultLanguage, small)
		c.DefaultLanguage = small // the rest is checked with it
	}
	if c.DefaultLanguage == "" && len(c.Languages) > 0 {
		c.DefaultLanguage = c.Languages[0]
	} else if c.DefaultLanguage != "" && !slices.Contains(c.Languages, c.DefaultLanguage) {
		diags.Errorf(ConfigFile, at("default_language"), "default_language %q is not in languages (%s)", c.DefaultLanguage, diag.Or(c.Languages))
		// The rest of the check goes on with a language the site has:
		// with this one, every page for the default language failed in
		// turn (and tract check rendered a 404 page without its words).
		if len(c.Languages) > 0 {
			c.DefaultLanguage = c.Languages[0]
		}
	}
	// A4 is how most people write it, and "a4 " how a copied word
	// may come; the message quotes the value as written.
	paper := strings.ToLower(strings.TrimSpace(c.Paper))
	if paper == "" && c.Paper == "" {
		paper = "a4"
	} else if !slices.Contains(Papers, paper) {
		diags.Errorf(ConfigFile, at("paper"), "paper %q is not one of %s", c.Paper, strings.Join(Papers, ", "))
	}
	c.Paper = paper
	switch fallback := strings.ToLower(strings.TrimSpace(c.Fallback)); {
	case c.Fallback == "":
		c.Fallback = FallbackOriginal
	case fallback == FallbackOriginal, fallback == FallbackHide:
		c.Fallback = fallback
	default:
		diags.Errorf(ConfigFile, at("fallback"), "fallback %q is not \"original\" or \"hide\"", c.Fallback)
	}
	if t, ok := c.Title[everyLanguage]; ok && len(c.Title) == 1 {
		c.Title = Titles{}
		for _, l := range c.Languages {
			c.Title[l] = t
		}
	}
	for l := range c.Title {
		if msg := misplacedKey([]string{"title", l}); msg != "" {
			diags.Errorf(ConfigFile, cmp.Or(lines["title."+l], at("title")), "%s", msg)
		} else if !seen[l] && len(c.Languages) > 0 { // with none, that is the error
			diags.Errorf(ConfigFile, cmp.Or(lines["title."+l], at("title")), "title.%s: %q is not in languages (%s): add it to them, or remove this title", l, l, diag.Or(c.Languages))
		}
	}
	for _, l := range c.Languages {
		if strings.TrimSpace(c.Title[l]) == "" {
			diags.Errorf(ConfigFile, at("title"), "title.%s is missing: give the site's title in every language", l)
		}
	}
	c.tagNames, c.tagLines = map[string]map[string]string{}, map[string]int{}
	tagLine := func(tag string) int {
		q := strconv.Quote(tag)
		return cmp.Or(lines["tags."+tag], lines["tags."+q], lines[tag], lines[q], at("tags"))
	}
	tags := slices.Sorted(maps.Keys(c.Tags))
	slices.SortStableFunc(tags, func(a, b string) int { return tagLine(a) - tagLine(b) }) // as written
	for _, tag := range tags {
		line := tagLine(tag)
		key := TagKey(tag)
		if first, ok := c.tagLines[key]; ok {
			diags.Errorf(ConfigFile, line, "tags: %q is the tag of line %d again (a tag's case and spaces do not count): give its names once", tag, first)
			continue
		}
		c.tagLines[key] = line
		c.tagNames[key] = map[string]string{}
		for _, l := range slices.Sorted(maps.Keys(c.Tags[tag])) {
			name := strings.TrimSpace(c.Tags[tag][l])
			switch {
			case !seen[l]:
				diags.Errorf(ConfigFile, line, "tags.%s.%s: %q is not in languages (%s)", tag, l, l, diag.Or(c.Languages))
			case name == "":
				diags.Errorf(ConfigFile, line, "tags.%s.%s is empty: give the tag's name in %s, or leave %s out", tag, l, l, l)
			default:
				c.tagNames[key][l] = name
			}
		}
	}
	if c.MaxFileSizeMB < 0 || c.MaxFileSizeMB > MaxFileSizeMB || c.MaxFileSizeMB == 0 && at("max_file_size_mb") > 0 {
		diags.Errorf(ConfigFile, at("max_file_size_mb"), "max_file_size_mb must be from 1 to %d", MaxFileSizeMB)
	}
	if tz := strings.TrimSpace(c.Timezone); tz != "" {
		// time/tzdata, imported above, holds the zones where the
		// system has none (Windows).
		if z, err := time.LoadLocation(tz); err != nil || tz == "Local" || strings.Contains(tz, "..") {
			diags.Errorf(ConfigFile, at("timezone"), "timezone %q is not a time zone tract knows: give its name in the tz database, such as \"Europe/London\", \"America/Mexico_City\" or \"Africa/Dakar\"", tz)
		} else {
			c.Zone = z
		}
	}
	return c
}

// OtherZone is how the start of an event written with a UTC offset is
// labelled when the offset is not the site's zone's at that moment
// ("UTC+9" for a call with Tokyo on a London site): the reader would
// take the time for their own. "" without a zone, for a time written
// without an offset (the time where the event is) or for a day.
func (c *Config) OtherZone(w When) string {
	if c.Zone == nil || w.Floating || w.AllDay || w.IsZero() {
		return ""
	}
	_, off := w.Time.Zone()
	if _, site := w.Time.In(c.Zone).Zone(); off == site {
		return ""
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off // a minus sign, as typeset
	}
	h, m := off/3600, off%3600/60
	switch {
	case off == 0:
		return "UTC"
	case m != 0:
		return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, h)
}

// MaxAssetSize is the largest file beside the variants tract copies, in bytes.
func (c *Config) MaxAssetSize() int64 { return AssetFactor * c.MaxFileSize() }

// MaxFileSizeMB is the largest max_file_size_mb: a gigabyte of Markdown
// is far past any leaflet, and the limit must stay a number of bytes
// (times AssetFactor) that does not overflow.
const MaxFileSizeMB = 1024

// MaxFileSize is the largest Markdown file tract reads, in bytes.
func (c *Config) MaxFileSize() int64 {
	if c.MaxFileSizeMB > 0 && c.MaxFileSizeMB <= MaxFileSizeMB {
		return int64(c.MaxFileSizeMB) << 20
	}
	return DefaultMaxFileSize
}

// DistinctTags are tags each once, as first written, and their keys:
// "Housing" and "housing " are one tag, with one page (see TagKey).
func DistinctTags(tags []string) (distinct, keys []string) {
	for _, t := range tags {
		if k := TagKey(t); !slices.Contains(keys, k) {
			keys = append(keys, k)
			distinct = append(distinct, t)
		}
	}
	return distinct, keys
}

// TagKey is the folder name of a tag: lower case, NFC, and anything but
// letters, digits, hyphens and underscores turned into hyphens, so that
// "Québec" and "québec" share a page and no tag can make a strange URL.
func TagKey(t string) string {
	if k, ok := asciiTagKey(t); ok {
		return k
	}
	return foldTagKey(t)
}

// foldTagKey is TagKey for any tag.
func foldTagKey(t string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFC.String(strings.TrimSpace(t))) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// asciiTagKey is TagKey for a tag written in ASCII alone, which NFC
// leaves as it is: most tags, and most of them already keys ("housing"),
// given back without a copy. Every page of a site asks for the keys of
// its items' tags, and every edit of a tag checks them all (see
// Site.checkTags). ok is false for a tag with another character.
func asciiTagKey(t string) (key string, ok bool) {
	t = strings.Trim(t, " \t\n\v\f\r")
	keep := true // t is its own key
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= utf8.RuneSelf:
			return "", false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			keep = false
		}
	}
	if keep {
		return t, true
	}
	b := []byte(t)
	for i, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			b[i] = '-'
		}
	}
	return string(b), true
}

// TagName is the name of tag t in lang: as [tags] gives it in lang, or
// as written.
func (c *Config) TagName(t, lang string) string {
	if len(c.tagNames) == 0 {
		return strings.TrimSpace(t) // most sites: no [tags], no key to work out
	}
	if name := c.tagNames[TagKey(t)][lang]; name != "" {
		return name
	}
	return strings.TrimSpace(t)
}

// SiteTitle is the site title in lang, or in the default language.
func (c *Config) SiteTitle(lang string) string {
	if t := c.Title[lang]; t != "" {
		return t
	}
	return c.Title[c.DefaultLanguage]
}

// baseURLProblem says what makes u, parsed from raw, unusable as the address of the
// site's folder, or "" when nothing does: every page's address is
// base_url followed by its own path.
func baseURLProblem(raw string, u *url.URL) string {
	last := u.Path[strings.LastIndex(u.Path, "/")+1:]
	switch {
	case u.User != nil:
		return "has a user name or password in it: it would be published on every page, in the sitemap and the feeds; give the address without it"
	case strings.ContainsAny(raw, "?#"):
		return "has a query (?…) or a fragment (#…): give the address of the site's folder, without them"
	case strings.Contains(u.Path, "//"):
		return "has two slashes in a row in its path: give the address of the site's folder, with one slash between its parts"
	case webPageExt[strings.ToLower(path.Ext(last))]:
		return fmt.Sprintf("ends in a file name (%s): give the address of the folder it is in, %s", last, strings.TrimSuffix(u.String(), last))
	}
	return ""
}

// webPageExt are the endings of a page's name in an address copied from
// a browser: https://ourgroup.org/campaign/index.html.
var webPageExt = map[string]bool{".html": true, ".htm": true, ".shtml": true, ".php": true, ".asp": true, ".aspx": true}

// BasePath is the path part of base_url, always ending in "/": "/" for
// https://example.org, "/tract/" for https://example.github.io/tract.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// AbsURL joins base_url and a site path such as "fr/leaflets/x/", in
// the escaped form a sitemap, a feed, a calendar or a QR code needs:
// "fr/tags/café/" gives ".../fr/tags/caf%C3%A9/". A path escaped already
// keeps its escapes.
func (c *Config) AbsURL(sitePath string) string {
	return c.BaseURL + escapeURLPath(strings.TrimPrefix(sitePath, "/"))
}

// escapeURLPath percent-encodes the bytes a URL's path may not hold as
// they are (RFC 3986's pchar and "/"), but for a "%" that starts an
// escape.
func escapeURLPath(p string) string {
	const hex = "0123456789ABCDEF"
	isHex := func(c byte) bool { return strings.IndexByte(hex, c) >= 0 || 'a' <= c && c <= 'f' }
	plain := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
	}
	i := 0
	for i < len(p) && plain(p[i]) {
		i++
	}
	if i == len(p) {
		return p
	}
	b := []byte(p[:i])
	for ; i < len(p); i++ {
		switch c := p[i]; {
		case plain(c), c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// configLine is line n (from 1) of data, or "" past its end.
func configLine(data []byte, n int) string {
	for i := 1; len(data) > 0; i++ {
		l, rest, _ := bytes.Cut(data, []byte("\n"))
		if i == n {
			return strings.TrimSuffix(string(l), "\r")
		}
		data = rest
	}
	return ""
}

// keyLines finds the line of each top-level key or table, and of each key
// of a table as table.key, so value errors found after decoding can still
// point at the right line.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	table := ""
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			table = strings.Trim(l, "[] ")
			if _, ok := lines[table]; !ok {
				lines[table] = i + 1
			}
			continue
		}
		if k, _, ok := strings.Cut(l, "="); ok {
			k = strings.TrimSpace(k)
			names := []string{k}
			if table != "" {
				names = append(names, table+"."+k) // as the key is known
			}
			for _, name := range names {
				if _, seen := lines[name]; !seen {
					lines[name] = i + 1
				}
			}
		}
	}
	return lines
}

// Published reports whether base_url is an address the site can be
// published at, not one kept for examples (see placeholderHost).
func (c *Config) Published() bool {
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Host != "" && !placeholderHost(u.Hostname())
}

// placeholderHost reports whether host is one of the names kept for
// examples and tests (RFC 2606, RFC 6761), which no site is published
// at: example.org, as tract init writes it, or a name under .example,
// .test, .invalid or .localhost.
func placeholderHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, name := range []string{"example.org", "example.com", "example.net", "example", "test", "invalid", "localhost"} {
		if host == name || strings.HasSuffix(host, "."+name) {
			return true
		}
	}
	return false
}
