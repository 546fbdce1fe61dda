package typeset

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// compact is s without its spaces, as a line's text or a number is
// compared whatever spaces the layout drew between its groups.
func compact(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }), "")
}

// A phone number is never split between two lines: an activist who
// copies it from a printed leaflet would dial half of it. Narrower than
// the number itself, a column breaks it at its spaces rather than let it
// run over the margin.
func TestPhoneNumbersAreKeptWhole(t *testing.T) {
	e := testEnv(t)
	for _, c := range []struct{ lang, before, number, after string }{
		{"en", "Call the tenants' line:", "+44 20 7946 0958", "and leave a message with your address."},
		{"en", "Call the tenants' line:", "(020) 7946 0958.", "Leave a message with your address."},
		{"en", "Call the tenants' line:", "020 7946 0958", "and leave a message with your address."},
		{"en", "From abroad call", "+1 (202) 555-0134", "any day from nine to five."},
		{"en", "Everyone who rents in the building can call", "555 0134,", "day or night."},
		{"fr", "Appelez le", "01 23 45 67 89", "pour signaler une expulsion, jour et nuit."},
		{"fr", "Depuis l’étranger, appelez le", "+33 1 23 45 67 89.", "Laissez un message."},
		{"fr", "Appelez le", "01.23.45.67.89", "pour signaler une expulsion, jour et nuit."},
		{"es", "Llama al", "912 345 678", "para denunciar un desahucio, de día o de noche."},
		// As the Spanish rules print it: the groups of three joined
		// by narrow no-break spaces, the country code by a space.
		{"es", "Desde el extranjero llama al", "+34 912\u202f345\u202f678", "para denunciar un desahucio."},
		{"es", "Llama al", "91 234 56 78", "para denunciar un desahucio, de día o de noche."},
		{"es", "Desde el extranjero llama al", "(+34) 912 345 678", "para denunciar un desahucio."},
	} {
		text := c.before + " " + c.number + " " + c.after
		p := Prepare([]Run{{Text: text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, c.lang))
		numberW := e.set.Serif.Width(c.number, 10)
		for width := 60.0; width <= 260; width++ {
			for _, al := range aligns {
				b := p.Layout(Layout{Widths: []float64{width}, Align: al})
				if got := words(b); !slices.Equal(got, strings.Fields(text)) {
					t.Fatalf("%q at width %v align %d: words %q", c.number, width, al, got)
				}
				whole := slices.ContainsFunc(b.Lines, func(l Line) bool { return strings.Contains(compact(lineText(l)), compact(c.number)) })
				for _, l := range b.Lines {
					if l.Overfull {
						t.Errorf("%q at width %v align %d: line %q is overfull", c.number, width, al, lineText(l))
					}
				}
				if !whole && numberW <= width {
					var lines []string
					for _, l := range b.Lines {
						lines = append(lines, lineText(l))
					}
					t.Errorf("%q (%.1fpt) at width %v align %d: split across lines %q", c.number, numberW, width, al, lines)
				}
			}
		}
	}
}

// What only looks like digit groups joined by spaces is broken as any
// other text: a year and a count, a list of years, prices, a list of
// numbers longer than any phone number. Kept whole, such a stretch would
// never be broken in a line that can hold it.
func TestNumbersThatAreNotPhoneNumbersBreakAsText(t *testing.T) {
	e := testEnv(t)
	for _, c := range []struct{ text, stretch, first, second string }{
		{"The council promised repairs in 2024 12 families are still waiting for them.", "2024 12", "2024", "12"},
		{"The strikes of 1917 1936 1968 and 1995 are the ones we remember.", "1917 1936 1968", "1936", "1968"},
		{"Rents went up in 1914-1918 1939-1945 and every war since then.", "1914-1918 1939-1945", "1914-1918", "1939-1945"},
		{"Le panier coûtait 12.50 15.00 20.00 puis 25.00 en un an.", "12.50 15.00 20.00", "15.00", "20.00"},
		{"The scores were 12 34 56 78 90 12 34 56 78 at the end of the night.", "12 34 56 78 90 12 34 56 78", "56", "78"},
	} {
		p := Prepare([]Run{{Text: c.text, Style: Style{Face: e.set.Serif, Size: 10}}}, e.hyph(t, "en"))
		broken := false
		for width := max(60, math.Ceil(e.set.Serif.Width(c.stretch, 10))); width <= 300 && !broken; width++ {
			b := p.Layout(Layout{Widths: []float64{width}, Align: Left})
			for i, l := range b.Lines[:len(b.Lines)-1] {
				if lastWord(lineText(l)) == c.first && strings.HasPrefix(lineText(b.Lines[i+1]), c.second) {
					broken = true
				}
			}
		}
		if !broken {
			t.Errorf("%q: no column that holds %q breaks it between %q and %q", c.text, c.stretch, c.first, c.second)
		}
	}
}

// What findPhones keeps whole, and what it leaves to break as text.
func TestFindPhones(t *testing.T) {
	for text, want := range map[string][]string{
		"Call +44 20 7946 0958 now":           {"+44 20 7946 0958"},
		"Call +44 (0)20 7946 0958.":           {"+44 (0)20 7946 0958"},
		"Call (020) 7946 0958, or":            {"(020) 7946 0958"},
		"Call 020 7946 0958 or 0161 496 0000": {"020 7946 0958", "0161 496 0000"},
		"Call +1 (202) 555-0134.":             {"+1 (202) 555-0134"},
		"Call 555 0134.":                      {"555 0134"},
		"Appelez le 01 23 45 67 89.":          {"01 23 45 67 89"},
		"Appelez le +33 1 23 45 67 89 !":      {"+33 1 23 45 67 89"},
		"(01 23 45 67 89)":                    {"01 23 45 67 89"},
		"«\u202f01 23 45 67 89\u202f»":        {"01 23 45 67 89"},
		"Llama al 912 345 678.":               {"912 345 678"},
		"Llama al +34 912\u202f345\u202f678.": {"+34 912\u202f345\u202f678"},
		"Llama al (+34) 912 345 678.":         {"(+34) 912 345 678"},
		"Llama al 91 234 56 78.":              {"91 234 56 78"},
		"Call 07700 900123.":                  {"07700 900123"},
		// One group, or groups joined without a space: UAX #14 keeps
		// them whole already.
		"Appelez le 01.23.45.67.89.": nil,
		"Call 555-0134.":             nil,
		"Call 02079460958.":          nil,
		// Not phone numbers.
		"in 2024 12 families":                  nil, // 6 digits
		"in 1917 1936 1968 and 1995":           nil, // four-digit groups: years
		"the wars of 1914-1918 1939-1945":      nil,
		"it cost 12.50 15.00 20.00":            nil, // dots and spaces: prices
		"it cost 12,50 15,00 20,00 25,00":      nil,
		"12 34 56 78 90 12 34 56 78":           nil, // 18 digits: a list
		"1 2 3 4 5 6 7 8":                      nil, // one-digit groups
		"10 000 000 000 000 000":               nil, // 17 digits
		"PE2 8QS 12 34":                        nil,
		"room 12 34 567 89abc":                 nil,
		"+44 20 7946 0958 1234 5678 9012 3456": nil, // 28 digits
	} {
		var got []string
		for _, r := range findPhones(text) {
			got = append(got, text[r[0]:r[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("findPhones(%q) = %q, want %q", text, got, want)
		}
	}
}

// FuzzFindPhones checks that what findPhones reports keeps to its rules,
// whatever the text.
func FuzzFindPhones(f *testing.F) {
	for _, s := range []string{"+44 (0)20 7946 0958.", "(01 23 45 67 89)", "+34 912\u202f345\u202f678", "1917 1936 1968", "12 34 567 89abc", "(((1 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, r := range findPhones(text) {
			number := text[r[0]:r[1]]
			digits := 0
			for i := range len(number) {
				if isDigit(number[i]) {
					digits++
				}
			}
			if r[0] < end || r[1] <= r[0] || !strings.Contains(number, " ") || digits < phoneMinDigits || digits > phoneMaxDigits || utf8.RuneCountInString(number) > phoneMaxRunes {
				t.Fatalf("findPhones(%q) reports %q at %v, after %d", text, number, r, end)
			}
			end = r[1]
		}
	})
}
