package locale

import "strings"

// Typography is how a language sets quotes and the spaces around
// punctuation. The Markdown stage applies it to the text of every page and
// PDF, so the site and the print version agree.
type Typography struct {
	// Quotes replace straight double and single quotes. French spacing
	// inside « » is added by the FrenchSpacing rule, so that guillemets
	// typed directly get it too.
	DoubleOpen, DoubleClose string
	SingleOpen, SingleClose string
	Apostrophe              string
	// FrenchSpacing puts a no-break space before ":" and a narrow no-break
	// space before ";", "!", "?" and inside « ».
	FrenchSpacing bool
	// NumberSpacing keeps numbers whole: the space between groups of
	// digits ("12 525") and before a unit sign ("79 %", "15 £") becomes
	// a narrow no-break space, so a line never breaks inside a number.
	NumberSpacing bool
}

// No-break spaces used by the French rules.
const (
	NBSP       = "\u00a0" // before ":"
	NarrowNBSP = "\u202f" // before ; ! ? and inside « »
)

// TypographyFor returns the rules for lang. Languages tract does not know
// get English quotes and no special spacing.
func TypographyFor(lang string) Typography {
	if base(lang) == "de" && isRegion(lang, "CH", "LI") {
		// Swiss and Liechtenstein German take guillemets.
		return Typography{DoubleOpen: "«", DoubleClose: "»", SingleOpen: "‹", SingleClose: "›", Apostrophe: "’"}
	}
	switch base(lang) {
	case "fr":
		return Typography{
			DoubleOpen: "«", DoubleClose: "»",
			SingleOpen: "“", SingleClose: "”", Apostrophe: "’",
			FrenchSpacing: true, NumberSpacing: true,
		}
	case "es":
		return Typography{
			DoubleOpen: "«", DoubleClose: "»",
			SingleOpen: "“", SingleClose: "”", Apostrophe: "’",
			NumberSpacing: true,
		}
	// Other languages' quotes, as their typographers set them; no
	// spacing rules: tract has none but French's and Spanish's.
	case "de", "cs", "sk", "sl", "lt", "is", "bg":
		return Typography{DoubleOpen: "„", DoubleClose: "“", SingleOpen: "‚", SingleClose: "‘", Apostrophe: "’"}
	case "pl", "ro":
		return Typography{DoubleOpen: "„", DoubleClose: "”", SingleOpen: "«", SingleClose: "»", Apostrophe: "’"}
	case "uk", "ru", "be":
		return Typography{DoubleOpen: "«", DoubleClose: "»", SingleOpen: "„", SingleClose: "“", Apostrophe: "’"}
	case "it", "ca", "el":
		return Typography{DoubleOpen: "«", DoubleClose: "»", SingleOpen: "“", SingleClose: "”", Apostrophe: "’"}
	case "fa":
		return Typography{DoubleOpen: "«", DoubleClose: "»", SingleOpen: "‹", SingleClose: "›", Apostrophe: "’"}
	case "ar":
		// As CLDR gives them: in a line set right to left, ” opens.
		return Typography{DoubleOpen: "”", DoubleClose: "“", SingleOpen: "’", SingleClose: "‘", Apostrophe: "’"}
	}
	return Typography{
		DoubleOpen: "“", DoubleClose: "”",
		SingleOpen: "‘", SingleClose: "’", Apostrophe: "’",
	}
}

// isRegion reports whether lang's region ("de-CH", "de_ch") is one of
// regions.
func isRegion(lang string, regions ...string) bool {
	_, rest, ok := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	if !ok {
		return false
	}
	for part := range strings.SplitSeq(rest, "-") {
		for _, r := range regions {
			if strings.EqualFold(part, r) {
				return true
			}
		}
	}
	return false
}

// base returns the language subtag of a tag such as "fr-CA".
func base(lang string) string {
	for i := 0; i < len(lang); i++ {
		if lang[i] == '-' || lang[i] == '_' {
			return lang[:i]
		}
	}
	return lang
}
