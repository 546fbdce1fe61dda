// Package locale holds what changes from one language to another: the UI
// messages (go-i18n TOML files in locales/), plural forms, dates and times,
// language names, the fallback order of translations and the typography
// rules. Adding a language to a site means adding locales/<lang>.toml.
package locale

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tractpub/tract/internal/diag"
)

// Dir is the folder of message files, in a site and in tract's defaults.
const Dir = "locales"

// GoMessages are the message IDs tract's Go code uses (dates and times);
// every locale must have them, like the IDs the templates use.
var GoMessages = []string{
	"Month1", "Month2", "Month3", "Month4", "Month5", "Month6",
	"Month7", "Month8", "Month9", "Month10", "Month11", "Month12",
	"Weekday0", "Weekday1", "Weekday2", "Weekday3", "Weekday4", "Weekday5", "Weekday6",
	"DateFormat", "DateLongFormat", "TimeFormat",
}

// Catalog is the UI messages of every configured language.
type Catalog struct {
	langs   []string // configured, default first
	bundle  *i18n.Bundle
	ids     map[string]map[string]bool          // lang -> message IDs in its file (and tract's, under it)
	builtin map[string]bool                     // the languages tract has a file for
	forms   map[string]map[string][]string      // lang -> message ID -> the plural forms it gives
	msgs    map[string]map[string]*i18n.Message // lang -> message ID -> the message (see Sum)
	plural  map[string]bool                     // message IDs with plural forms in any file
	loc     map[string]*Localizer
	matcher language.Matcher
	tags    []language.Tag
	// english is tract's English messages, which a language tract has
	// no file for falls back on, message by message (see Require); nil
	// when every language has tract's file or there is no builtin.
	english map[string]*i18n.Message
}

// File is the path of lang's message file, as diagnostics name it.
func File(lang string) string { return Dir + "/" + lang + ".toml" }

// Load reads locales/<lang>.toml for every language from fsys (a site
// directory overlaid on tract's defaults). builtin is tract's defaults
// (nil for none): where it has a file for the language and the site has
// its own, the site's is read over tract's, adding messages and replacing
// them one by one. A site that words two messages its own way gives those
// two, and keeps every other as tract has it, new ones included. Problems
// go to diags; Load returns nil when a configured language has no usable
// file.
func Load(fsys, builtin fs.FS, langs []string, defaultLang string, diags *diag.List) *Catalog {
	ordered := append([]string{defaultLang}, slices.DeleteFunc(slices.Clone(langs), func(l string) bool { return l == defaultLang })...)
	c := &Catalog{
		langs:   ordered,
		ids:     map[string]map[string]bool{},
		builtin: map[string]bool{},
		forms:   map[string]map[string][]string{},
		msgs:    map[string]map[string]*i18n.Message{},
		plural:  map[string]bool{},
		loc:     map[string]*Localizer{},
	}
	defTag, err := language.Parse(defaultLang)
	if err != nil {
		diags.Errorf("tract.toml", 0, "default_language %q: %v", defaultLang, err)
		return nil
	}
	c.bundle = i18n.NewBundle(defTag)
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	ok := true
	for _, l := range ordered {
		tag, err := language.Parse(l)
		if err != nil {
			diags.Errorf("tract.toml", 0, "language %q: %v", l, err)
			ok = false
			continue
		}
		c.tags = append(c.tags, tag)
		name := File(l)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				diags.Errorf(name, 0, "not found: tract.toml lists %q, so the site needs %s (copy locales/en.toml from tract and translate it)", l, name)
			} else {
				diags.Errorf(name, 0, "%v", err)
			}
			ok = false
			continue
		}
		if builtin != nil {
			base, err := fs.ReadFile(builtin, name)
			c.builtin[l] = err == nil
			if err == nil && !bytes.Equal(base, data) {
				// The site's own file, over tract's.
				if !c.parseFile(l, name, base, diags) {
					ok = false
					continue
				}
			}
		}
		if !c.parseFile(l, name, data, diags) {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	if builtin != nil && slices.ContainsFunc(ordered, func(l string) bool { return !c.builtin[l] }) {
		c.english = englishMessages(builtin)
	}
	// The probe PluralForms asks, in each language's plural rule.
	for _, tag := range c.tags {
		if err := c.bundle.AddMessages(tag, pluralProbe); err != nil {
			diags.Errorf("tract.toml", 0, "plural forms of %s: %v", tag, err)
			return nil
		}
	}
	c.matcher = language.NewMatcher(c.tags)
	for i, l := range ordered {
		c.loc[l] = &Localizer{Lang: l, Tag: c.tags[i], Dir: Direction(l), Typography: TypographyFor(l), cat: c, l: i18n.NewLocalizer(c.bundle, l)}
	}
	return c
}

func (c *Catalog) parseFile(lang, name string, data []byte, diags *diag.List) bool {
	if !utf8.Valid(data) {
		diags.Errorf(name, 0, "invalid UTF-8")
		return false
	}
	// Decode once ourselves for errors with line numbers; go-i18n's own
	// errors do not have them.
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			diags.Errorf(name, line, "%s", strings.TrimPrefix(de.Error(), "toml: "))
		} else {
			diags.Errorf(name, 0, "%v", err)
		}
		return false
	}
	// Where each key is, for the errors below: go-i18n's have no line.
	keys := keysIn(strings.Split(string(data), "\n"))
	if misplaced(name, keys, raw, diags) || wrongTypes(name, keys, raw, diags) {
		return false
	}
	mf, err := c.bundle.ParseMessageFileBytes(data, lang+".toml")
	if err != nil {
		diags.Errorf(name, 0, "%v", err)
		return false
	}
	if badTemplates(name, keys, mf.Messages, diags) {
		return false
	}
	ids := c.ids[lang]
	if ids == nil {
		ids = map[string]bool{}
	}
	if c.forms[lang] == nil {
		c.forms[lang] = map[string][]string{}
		c.msgs[lang] = map[string]*i18n.Message{}
	}
	for _, m := range mf.Messages {
		ids[m.ID] = true
		if m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "" {
			c.plural[m.ID] = true
		}
		var given []string
		for i, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if text != "" {
				given = append(given, cldrForms[i])
			}
		}
		c.forms[lang][m.ID] = given // a site's message replaces tract's whole
		c.msgs[lang][m.ID] = m
	}
	c.ids[lang] = ids
	return true
}

// englishMessages parses tract's English messages from builtin; nil if
// it has none (they parse: a test holds it).
func englishMessages(builtin fs.FS) map[string]*i18n.Message {
	data, err := fs.ReadFile(builtin, File("en"))
	if err != nil {
		return nil
	}
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := b.ParseMessageFileBytes(data, "en.toml")
	if err != nil {
		return nil
	}
	out := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		out[m.ID] = m
	}
	return out
}

// fallBack gives lang tract's English message id, when tract has one,
// with every plural form lang needs (English's "one" where lang has one,
// its "other" for the rest), and reports whether it did.
func (c *Catalog) fallBack(lang, id string) bool {
	en := c.english[id]
	if en == nil {
		return false
	}
	m := &i18n.Message{ID: id, Description: en.Description, Other: en.Other}
	forms := []string{"other"}
	if c.plural[id] {
		forms = c.loc[lang].pluralNames()
		for _, f := range forms {
			switch f {
			case "zero":
				m.Zero = en.Other
			case "one":
				m.One = en.One
			case "two":
				m.Two = en.Other
			case "few":
				m.Few = en.Other
			case "many":
				m.Many = en.Other
			}
		}
	}
	if err := c.bundle.AddMessages(c.loc[lang].Tag, m); err != nil {
		return false
	}
	c.ids[lang][id] = true
	c.forms[lang][id] = forms
	c.msgs[lang][id] = m
	return true
}

// messageFields are the keys of a message written as a table: its plural
// forms and what go-i18n reads besides.
var messageFields = []string{"zero", "one", "two", "few", "many", "other", "description", "hash", "leftdelim", "rightdelim", "id", "translation"}

// badTemplates reports each message whose text go-i18n could not run,
// {{.Count thing, at its line: go-i18n parses a message when a page asks
// for it, and the error named the page's template.
func badTemplates(name string, keys []keyAt, msgs []*i18n.Message, diags *diag.List) bool {
	found := false
	for _, m := range msgs {
		left, right := cmp.Or(m.LeftDelim, "{{"), cmp.Or(m.RightDelim, "}}") // as go-i18n reads them
		for i, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if !strings.Contains(text, left) {
				continue
			}
			if _, err := template.New(m.ID).Delims(left, right).Parse(text); err != nil {
				form := cldrForms[i]
				line := keyLine(keys, m.ID, form)
				if line == 0 {
					line = keyLine(keys, "", m.ID) // a message of one form
				}
				msg := err.Error()
				if _, after, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "template: ") {
					msg = after // without "template: ID:1:"
					if _, after, ok := strings.Cut(msg, ": "); ok {
						msg = after
					}
				}
				diags.Errorf(name, line, "%s: %s: write {{.Name}} for a value, with both braces", m.ID, msg)
				found = true
			}
		}
	}
	return found
}

// wrongTypes reports each message that is neither a string nor a table
// of strings (SkipToContent = 5), at its line: go-i18n's own error says
// "unsupported file format int64", with no line.
func wrongTypes(name string, keys []keyAt, raw map[string]any, diags *diag.List) bool {
	found := false
	for _, id := range slices.Sorted(maps.Keys(raw)) {
		switch v := raw[id].(type) {
		case string:
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				if _, ok := v[k].(string); !ok {
					diags.Errorf(name, keyLine(keys, id, k), "%s in [%s] must be a string, in quotes, such as %s = \"…\"", k, id, k)
					found = true
				}
			}
		default:
			diags.Errorf(name, keyLine(keys, "", id), "%s must be a string, in quotes, such as %s = \"…\", or a table of plural forms, [%s] with one = \"…\" and other = \"…\"", id, id, id)
			found = true
		}
	}
	return found
}

// keyLine is the line of key, of keys, in the table of that name ("" for
// the keys before the first table), or of the table's own line for a key written
// inline, { one = 5 }; 0 if it is not found.
func keyLine(keys []keyAt, table, key string) int {
	at := 0
	for _, k := range keys {
		switch {
		case k.table == table && k.key == key:
			return k.line
		case table != "" && k.key == table && at == 0:
			at = k.line // SkipToContent = { other = 5 }
		}
	}
	return at
}

// keyAt is a line of a TOML file that sets a key: its number, the table
// it is in ("" before the first) and the key, without quotes.
type keyAt struct {
	line       int
	table, key string
}

// keysIn lists the lines of a TOML file that set a key.
func keysIn(lines []string) []keyAt {
	var out []keyAt
	table := ""
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			table = strings.Trim(l, "[] \"")
			continue
		}
		if k, _, ok := strings.Cut(l, "="); ok {
			out = append(out, keyAt{i + 1, table, strings.Trim(strings.TrimSpace(k), "\"")})
		}
	}
	return out
}

// misplaced reports the messages a file gives below a message written as
// a table ([Signatories] and its plural forms): TOML reads every key after
// a table's line as part of it, where an editor adding a message at the
// end of the file expects one of its own. go-i18n says only "reserved keys
// [one other] mixed with unreserved keys [Tags]", with no line.
func misplaced(name string, keys []keyAt, raw map[string]any, diags *diag.List) bool {
	found := false
	for _, table := range slices.Sorted(maps.Keys(raw)) {
		fields, ok := raw[table].(map[string]any)
		if !ok {
			continue
		}
		var plural, strays bool
		for k := range fields {
			if slices.Contains(messageFields, strings.ToLower(k)) {
				plural = true
			} else {
				strays = true
			}
		}
		if !plural || !strays {
			continue
		}
		// The line of each stray key, after the table's.
		for _, k := range keys {
			if k.table != table || slices.Contains(messageFields, strings.ToLower(k.key)) {
				continue
			}
			if _, ok := fields[k.key]; ok {
				diags.Errorf(name, k.line, "%s is read as part of the message [%s], since it comes after the [%s] line: move it above that line, with the other messages", k.key, table, table)
				found = true
			}
		}
	}
	return found
}

// Require reports, for every language, each ID in ids its file lacks, and
// each message that fails to render (a template error or a plural form
// the language needs and the file does not give).
func (c *Catalog) Require(ids []string, diags *diag.List) {
	all := append(slices.Clone(GoMessages), ids...)
	slices.Sort(all)
	all = slices.Compact(all)
	for _, l := range c.langs {
		loc := c.loc[l]
		var needed []string   // the language's plural forms, found once
		var decimals []string // and those of numbers with decimals
		var fellBack []string // the messages given in English (see fallBack)
		for _, id := range all {
			if !c.ids[l][id] {
				switch {
				case c.builtin[l]:
					// A message of the site's own templates.
					diags.Errorf(File(l), 0, "message %q is missing (the templates use it): add it to the site's %s, which needs only the messages it adds or words its own way", id, File(l))
				case c.fallBack(l, id):
					// A message a newer tract added: the site keeps
					// building, in English there until it is translated.
					fellBack = append(fellBack, id)
				default:
					diags.Errorf(File(l), 0, "message %q is missing (the templates use it): %s gives every message, as tract's locales/en.toml does", id, File(l))
				}
				if !c.ids[l][id] {
					continue
				}
			}
			// A plural message lacking forms the language has: all of them
			// named at once, not one per check.
			if c.plural[id] {
				if needed == nil {
					needed = loc.pluralNames()
				}
				var lacking []string
				for _, f := range needed {
					if !slices.Contains(c.forms[l][id], f) {
						lacking = append(lacking, f)
					}
				}
				if len(lacking) > 0 {
					forms := "form"
					if len(lacking) > 1 {
						forms = "forms"
					}
					diags.Errorf(File(l), 0, "message %q lacks the plural %s %s: %s needs %s (the plural forms of the Unicode CLDR)", id, forms, diag.And(lacking), l, diag.And(needed))
					continue
				}
				c.warnExtraForms(l, id, needed, &decimals, diags)
			}
			// Render a plural message with a range of counts, so every
			// plural form the language has is tried.
			counts := []any{nil}
			if c.plural[id] {
				counts = []any{0, 1, 2, 5, 21, 1000000}
			}
			for _, n := range counts {
				out, err := loc.localize(id, n, testValues(n))
				if err != nil {
					diags.Errorf(File(l), 0, "message %q: %v", id, err)
					break
				}
				// A value misspelt ({{.Cont}}) is shown as "<no value>".
				if strings.Contains(out, "<no value>") {
					diags.Errorf(File(l), 0, "message %q shows \"<no value>\": a {{.…}} in it names a value tract does not give (the values are those of tract's locales/en.toml, spelt alike: {{.Count}}, {{.Language}}…)", id)
					break
				}
			}
		}
		c.warnFellBack(l, fellBack, diags)
	}
}

// warnExtraForms warns of the plural forms lang's message id gives that
// the language does not have: never shown (an English zero = "No
// results" stays unread, and 0 gets "0 results"). needed are the
// language's forms of whole numbers; *decimals, those of numbers with
// decimals, found at the first need and kept for the next message.
func (c *Catalog) warnExtraForms(lang, id string, needed []string, decimals *[]string, diags *diag.List) {
	var extra []string
	for _, f := range c.forms[lang][id] {
		if slices.Contains(needed, f) {
			continue
		}
		if *decimals == nil {
			*decimals = c.loc[lang].decimalForms()
		}
		if !slices.Contains(*decimals, f) {
			extra = append(extra, f)
		}
	}
	if len(extra) == 0 {
		return
	}
	forms := "form"
	if len(extra) > 1 {
		forms = "forms"
	}
	diags.Warnf(File(lang), 0, "message %q gives the plural %s %s, which %s does not have: never shown (%s has %s, the plural forms of the Unicode CLDR)", id, forms, diag.And(extra), lang, lang, diag.And(needed))
}

// warnFellBack warns, once for lang, of the messages its file lacks that
// its pages show in English (see fallBack).
func (c *Catalog) warnFellBack(lang string, ids []string, diags *diag.List) {
	switch n := len(ids); {
	case n == 0:
	case n == 1:
		diags.Warnf(File(lang), 0, "a message is missing, shown in English on %s pages until this file gives it: %q (%q, as tract's locales/en.toml has it, with what it is for)", lang, ids[0], c.english[ids[0]].Other)
	default:
		named := make([]string, 0, 4)
		for _, id := range ids[:min(n, 3)] {
			named = append(named, strconv.Quote(id))
		}
		if n > 3 {
			named = append(named, fmt.Sprintf("%d more", n-3))
		}
		diags.Warnf(File(lang), 0, "messages are missing, shown in English on %s pages until this file gives them: %s (tract's locales/en.toml has each, with what it is for)", lang, diag.And(named))
	}
}

// testValues are the values Require renders a message with: every value
// tract gives some message, so that one it gives none shows as missing.
func testValues(n any) map[string]any {
	if n == nil {
		n = 3 // a message without plural forms may show a number too
	}
	return map[string]any{
		"Count": n, "Number": n, "Language": "x", "Site": "x", "Section": "x", "Tag": "x", "Title": "x",
		"Day": 1, "Month": "x", "Year": 2000, "Weekday": "x", "Date": "x", "Time": "x",
		"Hour": 1, "Hour12": 1, "Minute": "00", "AMPM": "am", "Start": "x", "End": "x",
		"Page": 1, "Pages": 2, "Paper": "A4", "Sheet": "A4", "Sheets": "1 sheet", "Size": "1 KB",
		"Languages": "in x and in y", "List": "x, y", "Last": "z", "When": "x", "Zone": "UTC+9",
	}
}

// rtlScripts are the scripts written right to left that a site's
// language may use.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true, "Adlm": true, "Rohg": true}

// Direction is "rtl" for a language written right to left, by its script
// (given, as in "ku-Arab", or the likely one: Arabic for "ar", "fa"),
// and "" for the others. It parses lang: what asks often asks the
// catalog (Catalog.Dir, Localizer.Dir), which has the answer for each
// of the site's languages.
func Direction(lang string) string {
	if tag, err := language.Parse(lang); err == nil {
		if script, _ := tag.Script(); rtlScripts[script.String()] {
			return "rtl"
		}
	}
	return ""
}

// Dir is the direction of lang as a dir attribute gives it, "rtl" or
// "ltr": a site's pages ask for theirs by the thousand, and the catalog
// knows those of its languages (parsing a tag took 2% of an item
// page's rendering).
func (c *Catalog) Dir(lang string) string {
	if loc := c.loc[lang]; loc != nil && loc.Dir == "rtl" || loc == nil && Direction(lang) == "rtl" {
		return "rtl"
	}
	return "ltr"
}

// Languages returns the configured languages, default first.
func (c *Catalog) Languages() []string { return c.langs }

// Localizer returns the localizer for lang (a configured language).
func (c *Catalog) Localizer(lang string) *Localizer { return c.loc[lang] }

// Match picks the configured language that best fits an Accept-Language
// header or a list of tags (fr-CA gets fr); with no good match it returns
// the default language.
func (c *Catalog) Match(accept string) string {
	tags, _, err := language.ParseAcceptLanguage(accept)
	if err != nil || len(tags) == 0 {
		return c.langs[0]
	}
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return c.langs[0]
	}
	return c.langs[i]
}

// Localizer renders messages, dates and language names in one language.
type Localizer struct {
	Lang       string
	Tag        language.Tag
	Dir        string // "rtl" for a language written right to left (see Direction)
	Typography Typography
	cat        *Catalog
	l          *i18n.Localizer
	// memo holds what each message renders to with arguments that are
	// strings and integers (none for most): every page asks for the
	// same few, and go-i18n renders a message anew at each call, its
	// template executed.
	memo sync.Map
	// dates holds the dates formatted so far (dateKey -> string): every
	// card of a list shows one, and a memo key written out for each
	// (id, a space, the day formatted) cost as much as the lookup.
	dates sync.Map
}

// memoized is a rendered message as memo keeps it.
type memoized struct {
	s   string
	err error
}

// remember returns what fn renders for key, calling it once.
func (l *Localizer) remember(key string, fn func() (string, error)) (string, error) {
	if m, ok := l.memo.Load(key); ok {
		return m.(memoized).s, m.(memoized).err
	}
	s, err := fn()
	l.memo.Store(key, memoized{s, err})
	return s, err
}

// Catalog is the catalog l belongs to.
func (l *Localizer) Catalog() *Catalog { return l.cat }

// T renders message id. Arguments are an optional count (an int, which
// picks the plural form and is available as {{.Count}}) followed by
// name/value pairs available to the message as {{.Name}}.
func (l *Localizer) T(id string, args ...any) (string, error) {
	var count any
	if len(args) > 0 {
		switch n := args[0].(type) {
		case int, int64:
			count = n
			args = args[1:]
		}
	}
	if len(args)%2 != 0 {
		return "", fmt.Errorf("T %q: arguments after the count must be name/value pairs", id)
	}
	if count == nil && len(args) == 0 {
		return l.localize(id, nil, nil) // most messages: no map to make
	}
	data := map[string]any{}
	if count != nil {
		data["Count"] = count
	}
	for i := 0; i < len(args); i += 2 {
		k, ok := args[i].(string)
		if !ok {
			return "", fmt.Errorf("T %q: argument name %v is not a string", id, args[i])
		}
		data[k] = args[i+1]
	}
	return l.localize(id, count, data)
}

func (l *Localizer) localize(id string, count any, data map[string]any) (string, error) {
	if count == nil && len(data) == 0 {
		return l.remember(id, func() (string, error) { return l.render(id, nil, nil) })
	}
	key, ok := memoKey(id, count, data)
	if !ok {
		return l.render(id, count, data)
	}
	return l.remember(key, func() (string, error) { return l.render(id, count, data) })
}

// memoKey names message id rendered with count and data, if these are
// strings and integers, which say all they render to: "id\x00count" and
// each "\x00name=value" in order, every string's length before it so
// that no two calls that differ share a key. A message without
// arguments is memoized as its id, which holds no 0 byte. Dates have a
// memo of their own (see mustDate).
func memoKey(id string, count any, data map[string]any) (string, bool) {
	b := make([]byte, 0, 64)
	b = append(b, id...)
	b = append(b, 0)
	b, ok := appendMemoValue(b, count)
	if !ok {
		return "", false
	}
	names := make([]string, 0, len(data))
	for k := range data {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		b = append(b, 0)
		b = strconv.AppendInt(b, int64(len(k)), 10)
		b = append(b, ':')
		b = append(b, k...)
		b = append(b, '=')
		if b, ok = appendMemoValue(b, data[k]); !ok {
			return "", false
		}
	}
	return string(b), true
}

// appendMemoValue appends v to a memo key, and reports whether it is a
// value a key can hold: nil, a string or an integer.
func appendMemoValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, 'n'), true
	case string:
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(len(v)), 10)
		b = append(b, ':')
		return append(b, v...), true
	case int:
		return strconv.AppendInt(append(b, 'i'), int64(v), 10), true
	case int64:
		return strconv.AppendInt(append(b, 'i'), v, 10), true
	}
	return b, false
}

// render renders message id with go-i18n.
func (l *Localizer) render(id string, count any, data map[string]any) (string, error) {
	if !l.cat.ids[l.Lang][id] {
		return "", fmt.Errorf("%s: message %q is missing", File(l.Lang), id)
	}
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		return "", fmt.Errorf("%s: %w", File(l.Lang), err)
	}
	return s, nil
}

// cldrForms are the plural forms' CLDR names, in CLDR's order.
var cldrForms = []string{"zero", "one", "two", "few", "many", "other"}

// pluralCounts gives, for each plural form the language has, the first
// of probeCounts in that form, as go-i18n's rule for it says.
func (l *Localizer) pluralCounts() map[string]int {
	counts := map[string]int{}
	for _, n := range probeCounts {
		form, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: pluralProbe.ID, PluralCount: n})
		if _, seen := counts[form]; err == nil && !seen {
			counts[form] = n
		}
	}
	return counts
}

// decimalForms are the plural forms the language gives numbers with
// decimals only (Czech's, Slovak's and Lithuanian's "many", for 1.5):
// a file may give them, though tract shows whole numbers.
func (l *Localizer) decimalForms() []string {
	var forms []string
	for _, n := range []string{"0.5", "1.5", "2.5", "5.5", "11.5", "1.25"} {
		form, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: pluralProbe.ID, PluralCount: n})
		if err == nil && !slices.Contains(forms, form) {
			forms = append(forms, form)
		}
	}
	return forms
}

// pluralNames are the plural forms of the language, in CLDR's order.
func (l *Localizer) pluralNames() []string {
	counts := l.pluralCounts()
	return slices.DeleteFunc(slices.Clone(cldrForms), func(f string) bool { _, ok := counts[f]; return !ok })
}

// pluralProbe is a message whose every plural form is the name of its
// form: rendered for a count, it says which form the language uses.
var pluralProbe = &i18n.Message{ID: "tract.plural.probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}

// probeCounts are the counts PluralForms tries: enough for every form of
// the languages CLDR knows (Arabic's "few" from 3, "many" from 11; the
// "many" of French and Spanish at a million).
var probeCounts = []int{0, 1, 2, 3, 5, 7, 11, 20, 21, 22, 100, 101, 102, 1000000}

// PluralForms renders the plural message id once for each plural form of
// the language, with count set to arg ("{n}", for a script to fill in):
// the text of each form by its CLDR name (one, few, many, other...), as
// Intl.PluralRules names them in a browser.
func (l *Localizer) PluralForms(id, arg string) map[string]string {
	forms := map[string]string{}
	for form, n := range l.pluralCounts() {
		if text, err := l.render(id, n, map[string]any{"Count": arg}); err == nil {
			forms[form] = text
		}
	}
	return forms
}

func (l *Localizer) must(id string, data map[string]any) string {
	s, err := l.localize(id, nil, data)
	if err != nil {
		// Require has checked every Go message before rendering starts.
		return "[" + id + "]"
	}
	return s
}

// Date formats a day: "24 February 2023", "24 février 2023", "24 de febrero de 2023".
func (l *Localizer) Date(t time.Time) string {
	return l.mustDate("DateFormat", t)
}

// mustDate renders the date format id for t's day, once for each day
// (see Localizer.dates).
func (l *Localizer) mustDate(id string, t time.Time) string {
	y, m, d := t.Date()
	k := dateKey{id, y, m, d}
	if s, ok := l.dates.Load(k); ok {
		return s.(string)
	}
	s := l.must(id, l.dateData(t))
	l.dates.Store(k, s)
	return s
}

// dateKey is a date format and a day, for Localizer.dates.
type dateKey struct {
	id   string
	year int
	mon  time.Month
	day  int
}

// LongDate formats a day with its weekday: "Saturday 19 October 2024".
func (l *Localizer) LongDate(t time.Time) string {
	return l.mustDate("DateLongFormat", t)
}

// EventWhen writes when an event is, as a page and a PDF show it: its
// day, or its first and last days, with its times unless it lasts all
// day. start and end are as written, in the event's own zone; end is
// zero for an event given no end. zone, when not "", labels the times
// as those of another zone than the site's ("UTC+9": see
// content.Config.OtherZone). message renders a message of this
// language: a PDF asks only for those it lists (see pdf.Messages).
func (l *Localizer) EventWhen(start, end time.Time, allDay bool, zone string, message func(id string, args ...any) string) string {
	s := l.eventWhen(start, end, allDay, message)
	if zone != "" && s != "" {
		return message("EventZone", "When", s, "Zone", zone)
	}
	return s
}

func (l *Localizer) eventWhen(start, end time.Time, allDay bool, message func(id string, args ...any) string) string {
	sy, sm, sd := start.Date()
	ey, em, ed := end.Date()
	switch {
	case start.IsZero():
		return ""
	case allDay && (end.IsZero() || end.Equal(start)):
		return l.LongDate(start)
	case allDay:
		return message("EventDays", "Start", l.LongDate(start), "End", l.LongDate(end))
	case end.IsZero():
		return message("EventFrom", "Date", l.LongDate(start), "Start", l.Time(start))
	case sy == ey && sm == em && sd == ed:
		return message("EventSameDay", "Date", l.LongDate(start), "Start", l.Time(start), "End", l.Time(end))
	}
	return message("EventDays",
		"Start", message("DateTime", "Date", l.LongDate(start), "Time", l.Time(start)),
		"End", message("DateTime", "Date", l.LongDate(end), "Time", l.Time(end)))
}

// Capitalize writes the first letter of s as a capital, as the language
// does (Turkish "i" is "İ"): for words written small in a sentence
// that start a line of their own, such as the weekday that starts a
// poster's date, "Samedi 12 décembre" in French or Spanish. Punctuation
// before the letter is skipped; a digit or anything else first leaves s
// as it is.
func (l *Localizer) Capitalize(s string) string {
	for i, r := range s {
		switch {
		case unicode.IsPunct(r) || unicode.IsSpace(r):
			continue
		case unicode.IsLower(r):
			n := utf8.RuneLen(r)
			return s[:i] + cases.Upper(l.Tag).String(s[i:i+n]) + s[i+n:]
		}
		break
	}
	return s
}

func (l *Localizer) dateData(t time.Time) map[string]any {
	return map[string]any{
		"Day":     t.Day(),
		"Month":   l.must(fmt.Sprintf("Month%d", int(t.Month())), nil),
		"Year":    t.Year(),
		"Weekday": l.must(fmt.Sprintf("Weekday%d", int(t.Weekday())), nil),
	}
}

// Time formats a wall-clock time as the language writes it: "2:30 pm", "14 h 30", "14:30".
func (l *Localizer) Time(t time.Time) string {
	h12 := t.Hour() % 12
	if h12 == 0 {
		h12 = 12
	}
	ampm := "am"
	if t.Hour() >= 12 {
		ampm = "pm"
	}
	return l.must("TimeFormat", map[string]any{
		"Hour": t.Hour(), "Hour12": h12, "Minute": fmt.Sprintf("%02d", t.Minute()), "AMPM": ampm,
	})
}

// LanguageName is the name of language code in this localizer's language,
// as used in running text: "anglais" in French.
func (l *Localizer) LanguageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.Tags(l.Tag).Name(tag); n != "" {
		return n
	}
	return code
}

// SelfName is the name of a language in that language, capitalised as a
// menu entry: "Français", "Español".
func SelfName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	n := display.Self.Name(tag)
	if n == "" {
		return code
	}
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToTitle(r)) + n[size:]
}

// Sum is a SHA-256 of what the messages ids say in lang: each one's
// plural forms and template delimiters, as the catalog holds it (a site's
// message over tract's), or that it is missing. Where two catalogs give
// a language the same sum for ids, these messages render alike in both:
// a message is rendered from its language's file only (render refuses
// one the file lacks, so go-i18n never falls back to another language's).
// The PDF cache keys a language's PDFs with the sum of the messages PDFs
// show, so an edit of another message remakes none.
func (c *Catalog) Sum(lang string, ids []string) []byte {
	h := sha256.New()
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, id := range ids {
		field(id)
		m, ok := c.msgs[lang][id]
		if !ok {
			field("missing")
			continue
		}
		field("message")
		for _, s := range []string{m.LeftDelim, m.RightDelim, m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			field(s)
		}
	}
	return h.Sum(nil)
}

// IDs returns the message IDs of lang's file, sorted; for tests and tools.
func (c *Catalog) IDs(lang string) []string {
	return slices.Sorted(maps.Keys(c.ids[lang]))
}
