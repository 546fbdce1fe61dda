// Package tract holds the defaults every site gets without copying them:
// the HTML templates, the UI message files, the stylesheet, the PDF fonts
// and the hyphenation patterns. A site's own templates/ and locales/ files
// override these file by file.
package tract

import "embed"

// Defaults is the embedded default theme: templates/, locales/ and assets/
// as they are in this repository.
//
//go:embed templates locales assets
var Defaults embed.FS
