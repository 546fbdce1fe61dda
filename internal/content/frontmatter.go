package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tractpub/tract/internal/diag"
)

// Date is a calendar day as written in front matter (2024-02-24), held as
// midnight UTC so that it never shifts with the build machine's zone.
type Date struct{ time.Time }

// When is an event time exactly as written: a day for all-day events, or a
// wall-clock time with or without a UTC offset. It is never converted to the
// build machine's zone: a meeting at 10:00+01:00 is shown at 10:00.
type When struct {
	// Time holds the written wall clock. For a floating time (no offset
	// written) and for a day it is in UTC, and only its fields are meaningful.
	Time     time.Time
	AllDay   bool // written as a date only
	Floating bool // written without a UTC offset
}

// IsZero reports whether no time was given.
func (w When) IsZero() bool { return w.Time.IsZero() }

// Ref names the variant a translation was made from: lang@digest.
type Ref struct {
	Lang   string
	Digest string
}

func (r Ref) String() string { return r.Lang + "@" + r.Digest }

// FrontMatter is the decoded YAML header of one variant. Line records the
// file line of every key present, for later diagnostics.
type FrontMatter struct {
	Title          string
	Date           Date
	Summary        string
	Tags           []string
	TranslatedFrom *Ref
	Starts, Ends   When
	Venue, Address string
	Number         int
	Articles       []string
	ArticleLines   []int // the file line of each entry of Articles
	Signatories    []string
	Paper          string

	Line map[string]int

	// whens are starts and ends as written, for AppendFront: parsing
	// them again gives the very same times.
	whens [2]string
}

// Has reports whether key was written in the front matter.
func (f *FrontMatter) Has(key string) bool { _, ok := f.Line[key]; return ok }

// Keys are the front matter keys tract knows, in the order the docs list them.
var Keys = []string{"title", "date", "summary", "tags", "translated_from", "starts", "ends", "venue", "address", "number", "articles", "signatories", "paper"}

// foreignKeys says, for the keys other site generators write (Hugo,
// Jekyll), what takes their place in tract: an archive moved in meets
// them on every file.
var foreignKeys = map[string]string{
	"description":      "tract calls it summary",
	"excerpt":          "tract calls it summary",
	"subtitle":         "put it in the summary, or at the top of the text",
	"categories":       "tract has tags only: tags: [housing, strikes]",
	"category":         "tract has tags only: tags: [housing, strikes]",
	"keywords":         "tract has tags only: tags: [housing, strikes]",
	"draft":            "tract has no drafts: every text under content/ is published, so keep a draft outside content/ (or on a branch) until it is ready",
	"published":        "tract has no drafts: every text under content/ is published, so keep a draft outside content/ (or on a branch) until it is ready",
	"author":           "tract has no author field: name the author in the text (a last line such as *By the housing group*)",
	"authors":          "tract has no author field: name the authors in the text (a last line such as *By the housing group*)",
	"slug":             "the item's folder name is its slug: rename the folder instead",
	"url":              "an item's address is /<language>/<section>/<folder>/: rename the folder to change it",
	"permalink":        "an item's address is /<language>/<section>/<folder>/: rename the folder to change it",
	"aliases":          "tract makes no redirects from old addresses (docs/publishing.md says how a host can)",
	"redirect_from":    "tract makes no redirects from old addresses (docs/publishing.md says how a host can)",
	"lastmod":          "tract keeps the publication date only; git keeps the history",
	"last_modified_at": "tract keeps the publication date only; git keeps the history",
	"weight":           "lists are in date order, newest first: there is no weight",
	"layout":           "every item of a section has the section's layout: remove it",
	"type":             "the folder's section (leaflets, articles, …) is its type: remove it",
	"image":            "the first picture of the text is the item's picture in link previews: put it in the text",
	"featured_image":   "the first picture of the text is the item's picture in link previews: put it in the text",
	"cover":            "the first picture of the text is the item's picture in link previews: put it in the text",
	"location":         "an event's place is venue (and address)",
	"place":            "an event's place is venue (and address)",
	"lang":             "the file's name gives its language (fr.md): remove it",
	"language":         "the file's name gives its language (fr.md): remove it",
}

// MaxTags is the most tags an item may have.
const MaxTags = 30

// MaxTagLength is how many characters a tag may have, and maxTagBytes
// how many bytes: its folder's name has as many letters, and a file
// system takes 255 bytes (its letters' small forms may take a few more).
const (
	MaxTagLength = 80
	maxTagBytes  = 240
)

// usableTag reports whether t, trimmed, can name a tag: its page's
// address is made of its letters and digits (see TagKey).
func usableTag(t string) bool {
	if t == "" || strings.ContainsAny(t, "/\\") || strings.ContainsFunc(t, unicode.IsControl) {
		return false
	}
	return strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// NeutralKeys are the language-neutral keys: they belong to the item and are
// read from the original; a translation may omit them.
var NeutralKeys = []string{"date", "starts", "ends", "venue", "address", "tags", "number", "articles", "signatories", "paper"}

// posError is a problem at a line of the file being parsed.
type posError struct {
	line int
	msg  string
	// meant is, for an unknown key, the key it was most likely typed for
	// ("title" for "titel"): a missing title is not reported on top of it.
	meant string
	// unread is set when the front matter could not be read at all: what
	// it lacks (a title) is not known.
	unread bool
}

func errAt(line int, format string, args ...any) posError {
	return posError{line: line, msg: fmt.Sprintf(format, args...)}
}

// source is a content file split into its parts, line numbers preserved.
type source struct {
	front     []byte // YAML text, without the --- lines
	frontLine int    // file line of the first YAML line
	hasFront  bool
	body      []byte
	bodyLine  int // file line of the first body line
}

// NormalizeNewlines strips a UTF-8 byte-order mark and turns CRLF and lone
// CR line endings into LF. Line numbers are unchanged.
func NormalizeNewlines(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// checkUTF8 returns the line of the first invalid UTF-8 sequence, or 0.
func checkUTF8(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if data[i] == '\n' {
			line++
		}
		i += n
	}
	return line
}

// rawControls reports the control characters written as they are in the
// front matter (not as YAML escapes, which cleanVariant takes out), which
// YAML does not read: a Word line break pasted into a title is U+000B.
// One error for each line, at its first.
func rawControls(src source) []posError {
	if !needsCleaning(src.front) {
		return nil
	}
	var errs []posError
	n := 0
	for line := range bytes.Lines(src.front) {
		for _, r := range string(line) {
			if ControlRune(r) != r && r != '\u0085' { // YAML reads U+0085
				what := "delete it"
				if r == '\v' || r == '\f' {
					what = "type a space there instead"
				}
				e := errAt(src.frontLine+n, "this line holds %s, which front matter cannot hold (YAML allows no control character): %s", controlName(r), what)
				e.unread = true
				errs = append(errs, e)
				break
			}
		}
		n++
	}
	return errs
}

// notText returns the line where data stops being a text tract reads,
// and a message saying what the file most likely is and how to make it
// one; 0 and "" for a text: valid UTF-8 without NUL bytes (which are
// valid UTF-8, and every other byte of UTF-16). named is how the file is
// named, for "a PDF named .md": ".md", "tract.toml".
func notText(data []byte, named string) (line int, msg string) {
	if line = checkUTF8(data); line > 0 {
		return line, "invalid UTF-8: " + notUTF8(data, named)
	}
	nul := bytes.IndexByte(data, 0)
	if nul < 0 {
		return 0, ""
	}
	return 1 + bytes.Count(data[:nul], []byte{'\n'}), "not a text file: " + notUTF8(data, named)
}

// notUTF8 says what a file that is not a text in UTF-8 most likely is,
// and how to make it one; named as notText's.
func notUTF8(data []byte, named string) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "this is a zip file, such as a Word (.docx) or LibreOffice (.odt) document named " + named + ": open it in its program and save it as plain text (UTF-8), or copy its text into a text editor"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "this is an old Word (.doc) document named " + named + ": open it in Word and save it as plain text (UTF-8), or copy its text into a text editor"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "this is a PDF named " + named + ": copy its text into a text editor"
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) || utf16Like(data):
		return "the file is in UTF-16 (\"Unicode\" in Windows Notepad): save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8), or convert it with: iconv -f utf-16 -t utf-8"
	case bytes.IndexByte(data, 0) >= 0:
		return "the file holds NUL bytes, which no text has: is it a text file? Save the text as UTF-8 in a text editor"
	}
	return "save the file as UTF-8 (a text from Windows or an old tool is most often in Windows-1252, which converts with: iconv -f windows-1252 -t utf-8)"
}

// utf16Like reports whether data looks like UTF-16 without a byte-order
// mark: every other byte of its start zero, as Latin letters are in it.
func utf16Like(data []byte) bool {
	data = data[:min(len(data), 256)]
	zeros := bytes.Count(data, []byte{0})
	return len(data) >= 8 && zeros*3 >= len(data)
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// split separates the front matter from the body. data must already be
// normalised.
func split(data []byte) (source, *posError) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if !isFence(first) {
		return source{body: data, bodyLine: 1}, nil
	}
	line := 2
	off := len(first) + 1
	for len(rest) > 0 || off <= len(data) {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if isFence(l) || string(bytes.TrimRight(l, " \t")) == "..." {
			s := source{
				front:     data[len(first)+1 : off],
				frontLine: 2,
				hasFront:  true,
				bodyLine:  line + 1,
			}
			if found {
				s.body = next
			}
			return s, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
		rest = next
		line++
	}
	e := errAt(1, "front matter opened here is never closed: add a line with --- after the last key")
	return source{}, &e
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserError reports whether msg is one of yaml.v3's parser errors,
// whose line numbers count from 0 (its scanner errors count from 1).
func yamlParserError(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>", "did not find expected <document start>",
		"did not find expected node content", "did not find expected '-' indicator",
		"did not find expected key", "did not find expected ',' or ']'",
		"did not find expected ',' or '}'", "found undefined tag handle",
		"found duplicate %YAML directive", "found duplicate %TAG directive",
		"found incompatible YAML document":
		return true
	}
	return false
}

// yamlHint says how to mend the mistakes editors make most in front
// matter, which yaml.v3 reports in its own terms ("mapping values are not
// allowed in this context"): a colon, a leading @ or [ or an apostrophe
// in a value that needs quotes, a tab, a backslash in double quotes. at
// is the line yaml.v3 reported, counted from 0 in front; the value at
// fault is on it or on the line before. It returns "" when it has no
// better word than yaml.v3's.
func yamlHint(msg string, front []byte, at int) string {
	lines := strings.Split(string(front), "\n")
	var near []string // the reported line, then the one before
	for _, i := range []int{at, at - 1} {
		if i >= 0 && i < len(lines) {
			near = append(near, lines[i])
		}
	}
	// quoted suggests the first line near whose value pred picks, as
	// key: "value" (its single quotes, if any, taken off).
	quoted := func(pred func(value string) bool) string {
		for _, l := range near {
			m := keyValueRE.FindStringSubmatch(l)
			if m == nil || !pred(strings.TrimSpace(m[2])) {
				continue
			}
			v := strings.TrimSpace(m[2])
			if len(v) > 1 && v[0] == '\'' && v[len(v)-1] == '\'' {
				v = v[1 : len(v)-1]
			} else if curlyQuoted(v) {
				// “Rent: no” was meant as quoted: the suggestion does not
				// put it in quotes again.
				_, first := utf8.DecodeRuneInString(v)
				_, last := utf8.DecodeLastRuneInString(v)
				v = v[first : len(v)-last]
			}
			return fmt.Sprintf(`%s: "%s"`, m[1], strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v))
		}
		return ""
	}
	switch {
	case msg == "mapping values are not allowed in this context":
		if len(near) > 0 && strings.HasPrefix(near[0], " ") && keyValueRE.MatchString(strings.TrimLeft(near[0], " ")) {
			return "this line is indented: a key starts at the beginning of its line"
		}
		if q := quoted(func(v string) bool { return strings.Contains(v, ": ") }); q != "" {
			return `a value holding ": " must be in quotes: ` + q
		}
	case msg == "found character that cannot start any token":
		for _, l := range near {
			if strings.Contains(l, "\t") {
				return "indent with spaces: YAML does not allow tabs"
			}
		}
		if q := quoted(func(v string) bool { return strings.HasPrefix(v, "@") || strings.HasPrefix(v, "`") }); q != "" {
			return "a value that starts with @ or ` must be in quotes: " + q
		}
	case msg == "did not find expected key":
		if q := quoted(func(v string) bool { return strings.HasPrefix(v, "'") && strings.Count(v, "'") > 2 }); q != "" {
			return "between single quotes an apostrophe is written twice (''), or put the value in double quotes: " + q
		}
		if q := quoted(func(v string) bool { return strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") }); q != "" {
			return "a value that starts with [ or { is read as a list: put the whole value in quotes: " + q
		}
	case msg == "found unknown escape character":
		return `between double quotes a backslash starts an escape: write \\ for a backslash, or use single quotes`
	case msg == "could not find expected ':'":
		return `every line is "key: value"; a long value goes on in lines indented by two spaces`
	case msg == "found unexpected end of stream":
		return "a quote opened in a value is never closed"
	}
	return ""
}

// frontSlip finds the first of the slips of typing that yaml.v3 reports
// in its own terms ("did not find expected key") and often on a later
// line: a tab at the start of a line, no space after a key's colon, a
// value in double quotes that holds a double quote or is never closed.
// at counts lines from 0 in front. It is asked only of front matter that
// does not parse.
func frontSlip(front []byte) (at int, msg string, ok bool) {
	lines := strings.Split(string(front), "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			return i, "this line starts with a tab: remove it (YAML does not allow tabs, and a key starts at the beginning of its line)", true
		}
		if m := noSpaceRE.FindStringSubmatch(l); m != nil && !strings.Contains(l, ": ") {
			return i, fmt.Sprintf("put a space after %s:, as in %s: %s", m[1], m[1], m[2]), true
		}
		m := keyValueRE.FindStringSubmatch(l)
		if m == nil || !strings.HasPrefix(m[2], `"`) {
			continue
		}
		v := strings.TrimRight(m[2], " ")
		if i := strings.Index(v, " #"); i > 0 && strings.Count(v[:i], `"`)%2 == 0 {
			v = strings.TrimRight(v[:i], " ") // a comment after the value
		}
		quotes := 0
		for j := 0; j < len(v); j++ {
			switch v[j] {
			case '\\':
				j++
			case '"':
				quotes++
			}
		}
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		switch {
		case quotes == 1 && !strings.HasPrefix(next, " "):
			// Not a value going on in indented lines: a quote left open.
			return i, fmt.Sprintf(`the quote opened after %s: is never closed: end the value with ", as in %s: %s"`, m[1], m[1], v), true
		case quotes > 2 && strings.HasSuffix(v, `"`):
			inner := v[1 : len(v)-1]
			if !strings.Contains(inner, "'") {
				return i, fmt.Sprintf(`a value in double quotes cannot hold a double quote: put it in single quotes, as in %s: '%s'`, m[1], inner), true
			}
			return i, fmt.Sprintf(`a value in double quotes cannot hold a double quote as it is: write it \", as in %s: "%s"`, m[1], strings.ReplaceAll(strings.ReplaceAll(inner, `\"`, `"`), `"`, `\"`)), true
		}
	}
	return 0, "", false
}

// noSpaceRE matches a line "key:value", its colon not followed by a space.
var noSpaceRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*):([^\s/].*)$`)

// keyValueRE matches a line "key: value" of front matter.
var keyValueRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*):\s+(\S.*)$`)

var refRE = regexp.MustCompile(`^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)@([0-9a-f]{12})$`)

// parseFrontMatter decodes the YAML header strictly: unknown keys, duplicate
// keys and values of the wrong type are errors at their line.
func parseFrontMatter(src source) (*FrontMatter, []posError) {
	fm := &FrontMatter{Line: map[string]int{}}
	if !src.hasFront || len(bytes.TrimSpace(src.front)) == 0 {
		return fm, nil
	}
	if errs := oddSpacesAfterKeys(src); len(errs) > 0 {
		// YAML reads "title:" and a no-break space as text, not a key: the
		// errors it gives then (a title missing, a line not "key: value")
		// would not say why.
		return fm, errs
	}
	if errs := rawControls(src); len(errs) > 0 {
		// YAML would say "control characters are not allowed", at the
		// line before the front matter's.
		return fm, errs
	}
	doc, err := decodeFront(src.front)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := src.frontLine
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg = m[2]
			if yamlParserError(msg) {
				// yaml.v3 reports the lines of parser (not scanner) errors
				// counting from 0: the start of the construct left open, or
				// the token after it.
				n++
			}
			last := bytes.Count(bytes.TrimRight(src.front, " \t\n"), []byte("\n")) + 1
			line = src.frontLine + min(n, last) - 1
		}
		if at, slip, ok := frontSlip(src.front); ok {
			// yaml.v3 names such a slip in its own terms, often on a
			// later line: say it at its own.
			return fm, []posError{errAt(src.frontLine+at, "%s (front matter is not valid YAML: %s)", slip, msg)}
		}
		if hint := yamlHint(msg, src.front, line-src.frontLine); hint != "" {
			return fm, []posError{errAt(line, "%s (front matter is not valid YAML: %s)", hint, msg)}
		}
		return fm, []posError{errAt(line, "front matter is not valid YAML: %s", msg)}
	}
	if len(doc.Content) == 0 {
		return fm, nil
	}
	root := doc.Content[0]
	lineOf := func(n *yaml.Node) int { return src.frontLine + n.Line - 1 }
	if root.Kind != yaml.MappingNode {
		return fm, []posError{errAt(lineOf(root), "front matter must be \"key: value\" lines")}
	}
	var errs []posError
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := lineOf(k)
		key := k.Value
		if prev, dup := fm.Line[key]; dup {
			errs = append(errs, errAt(line, "%s is given twice (first on line %d)", key, prev))
			continue
		}
		fm.Line[key] = line
		if cut := commentCut(key, k, v, src.front); cut != "" {
			errs = append(errs, errAt(line, "%s", cut))
			continue
		}
		if err := fm.set(key, v, lineOf(v)); err != nil {
			errs = append(errs, *err)
		}
	}
	return fm, errs
}

// decodeFront reads front matter into YAML nodes: by quickFront when it
// has the shape most front matter has, by yaml.v3 otherwise.
func decodeFront(front []byte) (*yaml.Node, error) {
	if doc, ok := quickFront(front); ok {
		return doc, nil
	}
	var doc yaml.Node
	err := yaml.Unmarshal(front, &doc)
	return &doc, err
}

// oddSpaceRE matches a key followed by a space YAML does not take for
// one: a no-break space (a Mac's Option+Space, some phone keyboards), a
// narrow one, or a wide one.
var oddSpaceRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*):([\x{00a0}\x{202f}\x{2007}\x{2009}\x{3000}])`)

// oddSpaceNames name the spaces oddSpaceRE matches.
var oddSpaceNames = map[rune]string{
	'\u00a0': "a no-break space (which Option+Space on a Mac, or some phone keyboards, type)",
	'\u202f': "a narrow no-break space",
	'\u2007': "a figure space",
	'\u2009': "a thin space",
	'\u3000': "an ideographic space",
}

// oddSpacesAfterKeys finds the front matter lines whose key is followed
// by a space YAML does not read as one.
func oddSpacesAfterKeys(src source) []posError {
	if !colonBeforeNonASCII(src.front) {
		// Every space oddSpaceRE looks for is written in two or three
		// bytes after the colon; most front matter has none.
		return nil
	}
	var errs []posError
	for i, l := range strings.Split(string(src.front), "\n") {
		if m := oddSpaceRE.FindStringSubmatch(l); m != nil {
			r, _ := utf8.DecodeRuneInString(m[2])
			errs = append(errs, errAt(src.frontLine+i, "the space after %s: is U+%04X, %s, and YAML takes the line for text: type an ordinary space there", m[1], r, oddSpaceNames[r]))
		}
	}
	return errs
}

// colonBeforeNonASCII reports whether a colon in b is followed by a
// character outside ASCII.
func colonBeforeNonASCII(b []byte) bool {
	for {
		i := bytes.IndexByte(b, ':')
		if i < 0 || i+1 >= len(b) {
			return false
		}
		if b[i+1] >= utf8.RuneSelf {
			return true
		}
		b = b[i+1:]
	}
}

// curlyQuoted reports whether s is written between typographic quotes,
// which YAML does not take for quotes: “rent”, ‘rent’, «rent», „rent“.
func curlyQuoted(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return len(s) > 2 && strings.ContainsRune("“”‘’«»„‚", first) && strings.ContainsRune("“”‘’«»", last)
}

// commentCut says what to do when a text value written without quotes
// holds " #": YAML takes the rest of the line for a comment, and
// "title: We are #1" would publish "We are". It returns "" otherwise.
func commentCut(key string, k, v *yaml.Node, front []byte) string {
	if c := k.LineComment; v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Line == k.Line &&
		len(c) > 1 && c[0] == '#' && c[1] != ' ' && c[1] != '\t' {
		// "tags: #rent #housing", "summary: #1 is the rent": all of it a
		// comment, and the key given nothing. "tags: # none yet" is a
		// comment written as one.
		written := strings.TrimSpace(c)
		if key == "tags" {
			words := strings.FieldsFunc(written, func(r rune) bool { return r == '#' || r == ' ' || r == ',' })
			return fmt.Sprintf("tags: the text after # is a YAML comment, so the item would have no tags: write them as a list, without #: tags: [%s]", strings.Join(words, ", "))
		}
		return fmt.Sprintf("%s: the text after # is a YAML comment, so %s is empty: put it in quotes: %s: %s", key, key, key, strconv.Quote(written))
	}
	if v.Kind != yaml.ScalarNode || v.Style != 0 || v.LineComment == "" || v.Line != k.Line {
		return ""
	}
	switch key {
	case "title", "summary", "venue", "address":
	default:
		return ""
	}
	lines := bytes.Split(front, []byte("\n"))
	if k.Line < 1 || k.Line > len(lines) {
		return ""
	}
	_, written, _ := strings.Cut(string(lines[k.Line-1]), ":")
	written = strings.TrimSpace(written)
	return fmt.Sprintf("%s: the text after \" #\" is a YAML comment and would be left out (%q would be published): put the whole %s in quotes: %s: %s", key, v.Value, key, key, strconv.Quote(written))
}

func (fm *FrontMatter) set(key string, v *yaml.Node, line int) *posError {
	fail := func(format string, args ...any) *posError {
		e := errAt(line, key+": "+format, args...)
		return &e
	}
	scalar := func() (string, *posError) {
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			return "", fail("expected text, found %s", describe(v))
		}
		return v.Value, nil
	}
	list := func() ([]string, *posError) {
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			return nil, nil
		}
		if v.Kind != yaml.SequenceNode {
			return nil, fail("expected a list such as [a, b], found %s", describe(v))
		}
		out := make([]string, 0, len(v.Content))
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return nil, &posError{line: line + e.Line - v.Line, msg: fmt.Sprintf("%s: every entry must be text, found %s", key, describe(e))}
			}
			out = append(out, e.Value)
		}
		return out, nil
	}
	// when reads a date or a time; notWhen says what s is not, for %q.
	when := func(s, notWhen string) (When, *posError) {
		w, ok := parseWhen(s)
		switch {
		case !ok:
			if why := impossibleWhen(s); why != "" {
				return w, fail("%q: %s", s, why)
			}
			return w, fail(notWhen, s)
		case w.Time.Year() < minYear:
			return w, fail("%q: the year %d looks mistyped", s, w.Time.Year())
		}
		return w, nil
	}
	var err *posError
	switch key {
	case "title":
		fm.Title, err = scalar()
		if err == nil && strings.TrimSpace(fm.Title) == "" {
			err = fail("is empty")
		}
	case "summary":
		fm.Summary, err = scalar()
	case "venue":
		fm.Venue, err = scalar()
	case "address":
		fm.Address, err = scalar()
	case "paper":
		fm.Paper, err = scalar()
		fm.Paper = strings.ToLower(fm.Paper) // A4 is how most people write it
		if err == nil && !slices.Contains(Papers, fm.Paper) {
			err = fail("%q is not one of %s", fm.Paper, strings.Join(Papers, ", "))
		}
	case "date":
		var s string
		if s, err = scalar(); err == nil {
			// A time may follow the day, as in sites moved from other
			// tools: the publication date is the day as written.
			var w When
			w, err = when(s, "%q is not a date such as 2024-02-24")
			y, m, d := w.Time.Date()
			fm.Date = Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
		}
	case "starts", "ends":
		var s string
		if s, err = scalar(); err == nil {
			var w When
			w, err = when(s, "%q is not a date (2024-10-19) or a time (2024-10-19T18:00)")
			if key == "starts" {
				fm.Starts, fm.whens[0] = w, s
			} else {
				fm.Ends, fm.whens[1] = w, s
			}
		}
	case "tags":
		fm.Tags, err = list()
		var bad []string
		long := ""
		curly, plain := false, make([]string, len(fm.Tags))
		for i, t := range fm.Tags {
			fm.Tags[i] = strings.TrimSpace(t)
			if !usableTag(fm.Tags[i]) {
				bad = append(bad, strconv.Quote(t))
			} else if n := utf8.RuneCountInString(fm.Tags[i]); n > MaxTagLength && long == "" {
				long = fmt.Sprintf("tag %q is %d characters long: a tag names a page, and the folder it is in, and may be %d characters long", CutRunes(fm.Tags[i], 40), n, MaxTagLength)
			} else if k := TagKey(fm.Tags[i]); len(k) > maxTagBytes && long == "" {
				// Letters of up to four bytes each, some more in small
				// letters or composed.
				long = fmt.Sprintf("tag %q is too long to name a folder: its %d characters take %d bytes there, and tract gives a folder's name %d at most; shorten it", CutRunes(fm.Tags[i], 40), n, len(k), maxTagBytes)
			}
			plain[i] = fm.Tags[i]
			if curlyQuoted(fm.Tags[i]) {
				curly, plain[i] = true, strings.Trim(fm.Tags[i], "“”‘’«»„‚")
			}
		}
		switch {
		case err != nil:
		case curly:
			// An iPhone or Word turns typed quotes into these, and the tag
			// would be another tag, with a page of its own.
			err = fail("tags written between curly quotes, which YAML does not read as quotes, are other tags than those without them: write them with straight quotes, or none: tags: [%s]", strings.Join(plain, ", "))
		case len(fm.Tags) > MaxTags:
			// Each tag is a page in every language: 20,000 tags in one
			// small file made 60,000 pages.
			err = fail("%d tags: an item takes at most %d (each is a page in every language)", len(fm.Tags), MaxTags)
		case len(bad) == 1:
			err = fail("tag %s is empty, has no letter or digit, or holds a slash or a control character", bad[0])
		case len(bad) > 1:
			err = fail("tags %s are empty, have no letter or digit, or hold a slash or a control character", strings.Join(bad, ", "))
		case long != "":
			err = fail("%s", long)
		}
	case "articles":
		if fm.Articles, err = list(); err == nil && len(fm.Articles) > 0 {
			fm.ArticleLines = make([]int, len(v.Content))
			for i, e := range v.Content {
				fm.ArticleLines[i] = line + e.Line - v.Line
			}
		}
	case "signatories":
		fm.Signatories, err = list()
	case "number":
		var s string
		if s, err = scalar(); err == nil {
			n, perr := strconv.Atoi(s)
			switch {
			case perr != nil || v.Tag != "!!int":
				err = fail("%q is not a whole number", s)
			case n < 0:
				err = fail("%d is below zero: a bulletin's number counts up from 1", n)
			}
			fm.Number = n
		}
	case "translated_from":
		var s string
		if s, err = scalar(); err == nil {
			m := refRE.FindStringSubmatch(s)
			lang, digest, at := strings.Cut(strings.TrimSpace(s), "@")
			switch {
			case m == nil && at && langTag.MatchString(lang):
				// A digest cut short or mistyped by hand.
				err = fail("%q: after the @ comes the digest tract translate --done writes, 12 of the digits and letters 0-9 and a-f, and %q is not one: put back the line as it was (git log -p on this file shows it), or write translated_from: %s@000000000000, then run tract translate ITEM --done LANG, which records the source as it is now", s, digest, lang)
			case m == nil:
				err = fail("%q is not lang@digest, such as en@4f1c2a9e0b7d (tract translate --done writes it)", s)
			default:
				fm.TranslatedFrom = &Ref{Lang: m[1], Digest: m[2]}
			}
		}
	default:
		if advice := foreignKeys[strings.ToLower(key)]; advice != "" {
			return &posError{line: line, msg: fmt.Sprintf("unknown key %q: %s", key, advice)}
		}
		if k := diag.Closest(key, Keys); k != "" {
			return &posError{line: line, msg: fmt.Sprintf("unknown key %q: did you mean %s?", key, k), meant: k}
		}
		return &posError{line: line, msg: fmt.Sprintf("unknown key %q (known keys: %s)", key, strings.Join(Keys, ", "))}
	}
	return err
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// minYear is the earliest year a date may have: an archive may go back to
// the nineteenth century, but a year such as 0024 is a typo (the dates of
// a site moved from elsewhere sometimes lose their century).
const minYear = 1000

// impossibleWhen says what is wrong with s when it is written as a date
// (2024-02-30) or a date and a time (2024-10-19T25:00), but names a day
// or a time that does not exist; "" otherwise. "is not a date such as
// 2024-02-24" would send the editor looking at the form, which is right.
func impossibleWhen(s string) string {
	num := func(from, to int) (int, bool) {
		n := 0
		for _, c := range []byte(s[from:to]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || (len(s) > 10 && s[10] != 'T' && s[10] != ' ') {
		return ""
	}
	year, okY := num(0, 4)
	month, okM := num(5, 7)
	day, okD := num(8, 10)
	if !okY || !okM || !okD {
		return ""
	}
	if month < 1 || month > 12 {
		return fmt.Sprintf("there is no month %d: a date is written year, month, day (2024-02-24)", month)
	}
	// The day after the month's last is the next month's first.
	last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if day < 1 || day > last {
		return fmt.Sprintf("%s %d has %d days", time.Month(month), year, last)
	}
	if len(s) >= 16 && s[13] == ':' {
		hour, okH := num(11, 13)
		minute, okMin := num(14, 16)
		if okH && okMin && (hour > 23 || minute > 59) {
			return fmt.Sprintf("%s is not a time of day: hours go from 00 to 23, minutes from 00 to 59", s[11:16])
		}
	}
	return ""
}

// parseWhen accepts 2024-10-19, 2024-10-19T10:00, 2024-10-19T10:00:00 and
// the same with Z or a ±hh:mm offset, or with a space for the T; and
// Jekyll's 2024-10-19 10:00:00 +0100.
func parseWhen(s string) (When, bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return When{Time: t, AllDay: true}, true
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00",
		"2006-01-02 15:04:05 -0700", "2006-01-02 15:04 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04 -07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return When{Time: t}, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return When{Time: t, Floating: true}, true
		}
	}
	return When{}, false
}
