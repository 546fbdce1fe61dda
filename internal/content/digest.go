package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// DigestLen is the number of hexadecimal digits in a digest: 48 bits, short
// enough to read in a front matter line, long enough that two versions of
// one variant never collide in practice.
const DigestLen = 12

// Digest identifies the translatable text of a variant: its title, its
// written summary (not a derived one) and its Markdown body. Translations
// record the digest of their source in translated_from; when the source
// changes, the digests differ and the translation is outdated.
//
// The text is normalised first so that edits that change nothing a reader
// sees do not outdate translations: Unicode NFC, LF line endings, no
// whitespace at line ends, no blank lines at the start or end, and runs of
// blank lines collapsed to one. The digest is the first 12 hexadecimal
// digits of the SHA-256 of
//
//	"tract-digest-v1\n" + title + "\n\x00\n" + summary + "\n\x00\n" + body
//
// with each part normalised.
func Digest(title, summary string, body []byte) string {
	buf := digestBuffers.Get().(*[]byte)
	defer digestBuffers.Put(buf)
	h := sha256.New()
	h.Write([]byte("tract-digest-v1\n"))
	*buf = appendNormal((*buf)[:0], []byte(title))
	h.Write(*buf)
	h.Write([]byte("\n\x00\n"))
	*buf = appendNormal((*buf)[:0], []byte(summary))
	h.Write(*buf)
	h.Write([]byte("\n\x00\n"))
	*buf = appendNormal((*buf)[:0], body)
	h.Write(*buf)
	return hex.EncodeToString(h.Sum(nil))[:DigestLen]
}

// digestBuffers hold the normalised parts Digest sums: every variant's
// body goes through one.
var digestBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendNormal appends to dst the digest's normalisation of b.
func appendNormal(dst, b []byte) []byte {
	if !utf8.Valid(b) {
		// A loaded text is valid UTF-8 (the loader refuses others), but
		// the digest keeps its promise for any bytes: NFC of an invalid
		// byte before a mark (U+0340) depended on what followed.
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	b = norm.NFC.Bytes(NormalizeNewlines(b)) // b itself when it is NFC already
	start, blank := len(dst), 0
	for {
		line, rest, more := bytes.Cut(b, []byte("\n"))
		line = bytes.TrimRight(line, " \t\u00a0")
		if len(line) == 0 {
			blank++
		} else {
			if len(dst) > start {
				dst = append(dst, '\n')
				if blank > 0 {
					dst = append(dst, '\n')
				}
			}
			blank = 0
			dst = append(dst, line...)
		}
		if !more {
			return dst
		}
		b = rest
	}
}

// DigestFile computes the digest of a variant file's bytes as they would be
// loaded: for finding, in a file's history, the revision a translation was
// made from.
func DigestFile(data []byte) (string, error) {
	if line := checkUTF8(data); line > 0 {
		return "", fmt.Errorf("line %d: invalid UTF-8", line)
	}
	src, perr := split(NormalizeNewlines(data))
	if perr != nil {
		return "", fmt.Errorf("line %d: %s", perr.line, perr.msg)
	}
	fm, errs := parseFrontMatter(src)
	if len(errs) > 0 {
		return "", fmt.Errorf("line %d: %s", errs[0].line, errs[0].msg)
	}
	return Digest(fm.Title, fm.Summary, src.body), nil
}
