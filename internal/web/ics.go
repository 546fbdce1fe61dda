package web

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tractpub/tract/internal/content"
)

// calendar writes lang's events.ics: every event, in lang where it exists.
func (r *Renderer) calendar(w io.Writer, lang string) error {
	cw := newICS(w, r.cfg.SiteTitle(lang))
	for _, it := range r.langs[lang].events {
		r.writeEvent(cw, it.Variants[it.ReaderLang(lang)])
	}
	return cw.close()
}

// eventICS writes the .ics file of one event page.
func (r *Renderer) eventICS(w io.Writer, v *content.Variant) error {
	cw := newICS(w, r.cfg.SiteTitle(v.Lang))
	r.writeEvent(cw, v)
	return cw.close()
}

func (r *Renderer) writeEvent(cw *icsWriter, v *content.Variant) {
	it := v.Item
	m := it.Meta
	cw.line("BEGIN:VEVENT")
	host := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(r.cfg.BaseURL, "https://"), "http://"), "/")
	cw.prop("UID", it.Section+"-"+it.Slug+"@"+strings.ReplaceAll(host, "/", "-"))
	cw.line("DTSTAMP:" + r.now.UTC().Format("20060102T150405Z"))
	cw.line(icsTime("DTSTART", m.Starts))
	switch {
	case !m.Ends.IsZero() && m.Ends.AllDay:
		// DTEND of an all-day event is exclusive: the day after the last.
		cw.line(icsTime("DTEND", content.When{Time: m.Ends.Time.AddDate(0, 0, 1), AllDay: true}))
	case !m.Ends.IsZero():
		cw.line(icsTime("DTEND", m.Ends))
	case m.Starts.AllDay:
		cw.line(icsTime("DTEND", content.When{Time: m.Starts.Time.AddDate(0, 0, 1), AllDay: true}))
	}
	cw.prop("SUMMARY", r.info.Get(v).title)
	if s := r.info.Get(v).summary; s != "" {
		cw.prop("DESCRIPTION", s)
	}
	loc := strings.TrimSpace(strings.Join(nonEmpty(m.Venue, m.Address), ", "))
	if loc != "" {
		cw.prop("LOCATION", loc)
	}
	cw.prop("URL", r.cfg.AbsURL(it.PagePath(v.Lang)))
	if v.Lang != "" {
		cw.line("X-TRACT-LANGUAGE:" + v.Lang)
	}
	cw.line("END:VEVENT")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// icsTime writes a time as the event wrote it: a date for all-day events,
// a floating local time when no offset was written, otherwise UTC.
func icsTime(name string, w content.When) string {
	switch {
	case w.AllDay:
		return name + ";VALUE=DATE:" + w.Time.Format("20060102")
	case w.Floating:
		return name + ":" + w.Time.Format("20060102T150405")
	}
	return name + ":" + w.Time.UTC().Format("20060102T150405Z")
}

// icsWriter writes RFC 5545 content lines: CRLF endings, text values
// escaped, lines folded at 75 octets without splitting a character.
type icsWriter struct {
	w   *bufio.Writer
	err error
}

func newICS(w io.Writer, name string) *icsWriter {
	cw := &icsWriter{w: bufio.NewWriter(w)}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//tract//tract//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.prop("X-WR-CALNAME", name)
	return cw
}

func (cw *icsWriter) close() error {
	cw.line("END:VCALENDAR")
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// prop writes a property with a TEXT value, escaped.
func (cw *icsWriter) prop(name, value string) {
	cw.line(name + ":" + EscapeICSText(value))
}

// EscapeICSText escapes a TEXT value (RFC 5545 3.3.11).
// Control characters other than tab, which RFC 5545 does not allow in a
// value, are dropped.
func EscapeICSText(s string) string {
	return strings.Map(func(c rune) rune {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return -1
		}
		return c
	}, icsEscaper.Replace(s))
}

// icsEscaper escapes what RFC 5545 escapes in TEXT values; line breaks of
// any kind become \n. Made once: building a Replacer costs more than using it.
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// line writes one content line, folded.
func (cw *icsWriter) line(s string) {
	if cw.err != nil {
		return
	}
	_, cw.err = cw.w.WriteString(FoldICS(s))
}

// FoldICS folds a content line at 75 octets (RFC 5545 3.1) and ends it with
// CRLF. Continuation lines start with a space; a UTF-8 character is never split.
func FoldICS(s string) string {
	var b strings.Builder
	width := 0
	for _, r := range s {
		n := utf8.RuneLen(r)
		if width+n > 75 {
			b.WriteString("\r\n ")
			width = 1
		}
		b.WriteRune(r)
		width += n
	}
	b.WriteString("\r\n")
	return b.String()
}
