package layout

import "testing"

// A printed link shows where it goes, unless its text says so already.
func TestPrintedAddressIsWhatAReaderOfThePaperNeeds(t *testing.T) {
	tests := []struct{ url, text, want string }{
		{"https://example.org/", "our website", "example.org"},
		{"https://locataires.example.org/es/alquileres", "nuestra página web", "locataires.example.org/es/alquileres"},
		{"http://example.org/r%C3%A9union", "la réunion", "example.org/réunion"},
		{"https://example.org/%ZZ", "bad escape", "example.org/%ZZ"},
		{"mailto:contact@example.org?subject=Loyers", "écrivez-nous", "contact@example.org"},
		{"tel:+34600000000", "llámanos", "+34600000000"},
		// The text shows the address: nothing to add.
		{"https://example.org/fr/loyers", "example.org/fr/loyers", ""},
		{"https://example.org/fr/loyers/", "https://Example.org/fr/loyers", ""},
		{"mailto:contact@example.org", "contact@example.org", ""},
		{"https://example.org/", "Example.org", ""},
		// Inside the document, or nowhere a reader can go.
		{"#fn:1", "¹", ""},
		{"", "a link tract could not resolve", ""},
		{"ftp://example.org/file", "a file", ""},
	}
	for _, tt := range tests {
		if got := printedAddress(tt.url, tt.text); got != tt.want {
			t.Errorf("printedAddress(%q, %q) = %q, want %q", tt.url, tt.text, got, tt.want)
		}
	}
}
