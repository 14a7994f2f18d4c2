// Package clean makes text typed by users safe to store, show in a terminal and write
// into a report: no control sequence survives, and clean text comes back unchanged.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line cleans a one-line field: control characters, line breaks and tabs become
// nothing or a space, invisible direction overrides are dropped.
func Line(s string) string { return clean(s, false) }

// Text cleans a multi-line field: like Line, but keeps line breaks ("\r\n" and a lone
// "\r" become "\n") and tabs.
func Text(s string) string { return clean(s, true) }

func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case invalidAt(s, i, r):
			// Invalid UTF-8 is dropped rather than shown as a replacement glyph.
		case r == '\n' || r == '\t':
			if multiline {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			if !multiline {
				b.WriteByte(' ')
			}
		case dangerous(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string, multiline bool) bool {
	for i, r := range s {
		if invalidAt(s, i, r) || r == '\r' || dangerous(r) {
			return false
		}
		if (r == '\n' || r == '\t') && !multiline {
			return false
		}
	}
	return true
}

// invalidAt reports whether r, ranged at byte i of s, stands for an invalid byte: a
// U+FFFD typed or pasted by the user is three bytes long and is text like any other.
func invalidAt(s string, i int, r rune) bool {
	if r != utf8.RuneError {
		return false
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// dangerous is true for what a terminal or a renderer would act on instead of print:
// C0 and C1 controls (ESC, BEL, CSI U+009B, …), bidi overrides and isolates that
// reorder what is shown (U+202A–U+202E, U+2066–U+2069), and other invisible format
// characters except the zero-width joiner that emoji sequences need.
func dangerous(r rune) bool {
	// Printable ASCII and the CJK blocks, most of what is typed, are never dangerous:
	// answered before the table lookups below, which were most of the time of
	// cleaning a report's cells.
	if r >= 0x20 && r < 0x7F || r >= 0x3000 && r <= 0x9FFF {
		return false
	}
	return dangerousRune(r)
}

// dangerousRune decides for every rune the fast path of dangerous leaves.
func dangerousRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	case r == 0x200D || r == 0xFE0F || r == 0xFE0E, r >= 0xE0020 && r <= 0xE007F:
		// Joiners, variation selectors and tag characters build emoji such as
		// families and the flags of England or Scotland.
		return false
	case r == 0x2028 || r == 0x2029:
		// Line and paragraph separators break lines in some terminals and renderers.
		return true
	}
	return unicode.Is(unicode.Cf, r)
}
