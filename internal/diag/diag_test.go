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
