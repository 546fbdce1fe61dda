package diag

import "testing"

// A control character in a file name is printed as an escape: a carriage
// return sent to a terminal would draw the message over the name.
func TestControlCharactersInPathsAreEscaped(t *testing.T) {
	d := Diagnostic{Path: "content/a/Icon\r", Severity: Error, Message: "no"}
	if got, want := d.String(), `content/a/Icon\r: error: no`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := d.Error(), `content/a/Icon\r: no`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	d.Path = "content/a/café.jpg"
	if got, want := d.String(), "content/a/café.jpg: error: no"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// A message quoting a text (raw HTML, a picture's name) carries what the
// text holds: an escape sequence copied from it would write the
// terminal's clipboard (OSC 52) or erase lines, and U+202E would show the
// rest of the line backwards. Each is printed as an escape (security
// review).
func TestControlsInAMessageArePrintedAsEscapes(t *testing.T) {
	d := Diagnostic{Path: "content/a/en.md", Line: 3, Severity: Warning,
		Message: "raw HTML dropped (<b x=\"\x1b]52;c;ZWNobw==\a\x1b[2K\">) in \u202eevil.md"}
	want := `content/a/en.md:3: warning: raw HTML dropped (<b x="\x1b]52;c;ZWNobw==\a\x1b[2K">) in \u202eevil.md`
	if got := d.String(); got != want {
		t.Errorf("String:\n got %s\nwant %s", got, want)
	}
	if got, want := d.Error(), `content/a/en.md:3: raw HTML dropped (<b x="\x1b]52;c;ZWNobw==\a\x1b[2K">) in \u202eevil.md`; got != want {
		t.Errorf("Error:\n got %s\nwant %s", got, want)
	}
	// Letters of any script, quotes and backslashes are the message's own.
	plain := Diagnostic{Path: "content/a/ar.md", Severity: Error, Message: `"مرحبا" \ «ça» ½`}
	if got, want := plain.String(), `content/a/ar.md: error: "مرحبا" \ «ça» ½`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A name that is not UTF-8, café.jpg in Latin-1 from an old zip, is
// printed with its byte as an escape, as the valid letters around it
// and a real U+FFFD are printed as they are.
func TestBytesThatAreNotUTF8ArePrintedAsEscapes(t *testing.T) {
	d := Diagnostic{Path: "content/a/caf\xe9.jpg", Severity: Error, Message: "été \ufffd"}
	if got, want := d.String(), `content/a/caf\xe9.jpg: error: été `+"\ufffd"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
