package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of what findPhones takes for a phone number.
const (
	phoneMinDigits = 7  // the shortest local number in common use: 555 0134
	phoneMaxDigits = 15 // E.164's longest number, country code included
	phoneMaxRunes  = 20 // "+44 (0)20 7946 0958" is 19: any column holds it
	phoneMaxGroup  = 6  // "07700 900123"; longer runs are counts or codes
)

// findPhones returns the byte ranges of text that hold phone numbers
// written with spaces between their groups of digits: UAX #14 breaks a
// line at those spaces, and an activist who copies the number from a
// printed leaflet gets half of it. Groups joined by dots or hyphens only
// ("01.23.45.67.89", "555-0134") are one word to UAX #14 already, and
// are not reported.
//
// A phone number here is two or more groups joined by single spaces
// (U+0020, or the no-break spaces U+00A0 and U+202F that French and
// Spanish typography puts between groups of digits), where a group is
// runs of ASCII digits joined by "." or "-", may open with a
// parenthesised run ("(020)", "(0)20"), and the first may open with "+"
// ("+44", "(+34)"). The whole run of such groups, from a space or an opening
// bracket or quote to the end of its last group, must have
//
//   - 7 to 15 digits, and at most 20 characters, so that a line of any
//     column tract sets can hold it;
//   - runs of 2 to 6 digits, except after a "+", whose first two groups
//     may be a country code and a one-digit area code ("+33 1 23 45 67
//     89"), and inside parentheses ("(0)");
//   - some run other than four digits long: "1917 1936 1968" is a list
//     of years, "1914-1918 1939-1945" two spans of them;
//   - no dot, since its groups are joined by spaces: "12.50 15.00 20.00"
//     is a list of prices;
//   - nothing glued to its ends that continues it as a word or a number
//     ("12,50 …", "89abc"): after its last group only the punctuation
//     that ends a sentence or closes a bracket, then a space or the end.
//
// A run that breaks any rule is no phone number as a whole: a list of
// eighteen digits is not cut into a phone number and a rest, and stays
// free to break. What the rules still take wrongly is short ("in 2024
// 120 families" keeps "2024 120" on one line), which a line can afford.
func findPhones(text string) [][2]int {
	var phones [][2]int
	for i := 0; i < len(text); {
		j := strings.IndexAny(text[i:], "0123456789")
		if j < 0 {
			break
		}
		start := i + j
		for start > i && (text[start-1] == '+' || text[start-1] == '(') {
			start--
		}
		if !opensPhone(text[:start]) {
			// Inside a word ("PE2") or a number ("1,5"): skip the word.
			end := strings.IndexFunc(text[start:], isPhoneSpace)
			if end < 0 {
				break
			}
			i = start + end
			continue
		}
		end, next, ok := phoneAt(text, start)
		if d := i + j; !ok && d > start && text[start] == '(' {
			// "(01 23 45 67 89)": the bracket is the sentence's.
			end, next, ok = phoneAt(text, d)
			start = d
		}
		if ok {
			phones = append(phones, [2]int{start, end})
		}
		i = max(next, start+1)
	}
	return phones
}

// opensPhone reports whether a phone number may start after before: at
// the start of the text, after a space or after an opening bracket or
// quote.
func opensPhone(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || isPhoneSpace(r) || isNewline(r) || strings.ContainsRune("([«“‘\"'¿¡:", r)
}

// isPhoneSpace reports the spaces that may join the groups of a phone
// number.
func isPhoneSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// phoneShape is what phoneAt has seen of a run of groups.
type phoneShape struct {
	plus      bool // the first group opens with "+"
	paren     bool // some run is in parentheses
	digits    int
	notFour   bool // some run is not four digits long
	badRun    bool // some run is too long, or one digit long where it may not be
	dots      bool // some group has a dot
	breakable bool // some groups are joined by U+0020, where UAX #14 breaks
}

// phoneAt reads the run of groups that starts at text[start] and
// returns where its last group ends, where to look on from, and whether
// it is a phone number by the rules of findPhones.
func phoneAt(text string, start int) (end, next int, ok bool) {
	var sh phoneShape
	pos, groups := start, 0
	for {
		e, good := sh.group(text, pos, groups)
		if !good {
			// Nothing, or a space and then what starts like a group
			// but is none ("12 34 567 89abc"): not delimited.
			return max(end, start), e, false
		}
		groups++
		end = e
		r, n := utf8.DecodeRuneInString(text[end:])
		if !isPhoneSpace(r) || end+n >= len(text) || !isDigit(text[end+n]) && text[end+n] != '(' {
			if !closesPhone(text[end:]) {
				return end, end, false
			}
			break
		}
		sh.breakable = sh.breakable || r == ' '
		pos = end + n
	}
	ok = groups >= 2 && sh.breakable && !sh.badRun &&
		sh.digits >= phoneMinDigits && sh.digits <= phoneMaxDigits &&
		utf8.RuneCountInString(text[start:end]) <= phoneMaxRunes &&
		(sh.notFour || sh.plus || sh.paren) && !sh.dots
	return end, end, ok
}

// closesPhone reports whether rest, what follows a phone number's last
// group, leaves it whole: nothing, or the punctuation after an address
// (a sentence's or a bracket's), then a space or nothing.
func closesPhone(rest string) bool {
	rest = strings.TrimLeft(rest, afterAddress)
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || unicode.IsSpace(r)
}

// group reads the group that starts at text[pos], the index-th of its
// run, into sh, and returns where it ends and whether it is one.
func (sh *phoneShape) group(text string, pos, index int) (int, bool) {
	i := pos
	if index == 0 && i < len(text) && text[i] == '+' {
		sh.plus = true
		i++
	}
	for first := true; ; first = false {
		paren := i < len(text) && text[i] == '('
		if paren {
			i++
			if index == 0 && first && i < len(text) && text[i] == '+' {
				sh.plus = true // "(+34) 912 345 678"
				i++
			}
		}
		n := 0
		for i+n < len(text) && isDigit(text[i+n]) {
			n++
		}
		if n == 0 {
			return i, false
		}
		i += n
		if paren {
			if i >= len(text) || text[i] != ')' {
				return i, false
			}
			sh.paren = true
			i++
		}
		sh.digits += n
		sh.notFour = sh.notFour || n != 4
		single := paren || sh.plus && index < 2
		if n > phoneMaxGroup || n == 1 && !single {
			sh.badRun = true
		}
		switch {
		case paren && i < len(text) && isDigit(text[i]):
			// "(0)20": the run goes on after the bracket.
		case i+1 < len(text) && (text[i] == '.' || text[i] == '-') && (isDigit(text[i+1]) || text[i+1] == '('):
			sh.dots = sh.dots || text[i] == '.'
			i++
		default:
			// A letter or a digit's sign glued on ("89abc", "12€")
			// makes a word of it, not a group.
			r, _ := utf8.DecodeRuneInString(text[i:])
			return i, i == len(text) || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("%‰€£$°º", r)
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
