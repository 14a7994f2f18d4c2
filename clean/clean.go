// Package clean makes text typed by users safe to store, show in a terminal and write
// into a report: no control sequence or invisible text survives, and clean text comes
// back unchanged.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLine is the most characters a one-line field (a title, a client, an evaluator, a
// vendor's name or contact) may hold, wherever it is typed or imported: long enough
// for any company's full registered name, short enough to fit a table.
const MaxLine = 200

// Line cleans a one-line field: control characters, line breaks and tabs become
// nothing or a space, invisible direction overrides are dropped.
func Line(s string) string { return clean(s, false) }

// Folded is s on one line, every run of white space, line breaks included, one
// space: for a place that shows text in a line, such as a message or a table cell.
func Folded(s string) string { return strings.Join(strings.Fields(s), " ") }

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
	afterBase := false // the last rune written may carry a variation selector
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// Invalid UTF-8 is dropped rather than shown as a replacement glyph.
		case r == blackFlag:
			b.WriteRune(r)
			// A subdivision flag (England, Scotland) is the black flag and its tags.
			tags := flagTags(s[i+size:])
			b.WriteString(s[i+size : i+size+tags])
			size += tags
			afterBase = true
		case r == '\n' || r == '\t':
			if multiline {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
			afterBase = true
		case r == '\r':
			if !multiline {
				b.WriteByte(' ')
			}
			afterBase = true
		case isSelector(r):
			// One selector picks a base character's form; a run of them spells out
			// hidden bytes.
			if afterBase {
				b.WriteRune(r)
			}
			afterBase = false
		case dangerous(r):
		default:
			b.WriteRune(r)
			afterBase = true
		}
		i += size
	}
	return b.String()
}

func isClean(s string, multiline bool) bool {
	afterBase := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && r >= 0x20 && r != 0x7F:
			// Printable ASCII, the most common case.
		case r == utf8.RuneError && size == 1, r == '\r', (r == '\n' || r == '\t') && !multiline:
			return false
		case r == blackFlag:
			size += flagTags(s[i+size:])
		case isSelector(r):
			if !afterBase {
				return false
			}
			afterBase = false
			i += size
			continue
		case dangerous(r):
			return false
		}
		afterBase = true
		i += size
	}
	return true
}

// blackFlag is the base of the emoji tag sequences that draw subdivision flags.
const blackFlag = 0x1F3F4

// flagTags returns the length in bytes of the tags that complete a subdivision flag
// at the start of s (after its black flag): one to six tag letters or digits and the
// cancel tag; 0 when s does not start with them. Tags anywhere else are invisible
// text and are dropped.
func flagTags(s string) int {
	for i, n := 0, 0; i < len(s) && n <= 6; n++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == 0xE007F && n > 0:
			return i
		case r >= 0xE0030 && r <= 0xE0039, r >= 0xE0061 && r <= 0xE007A:
		default:
			return 0
		}
	}
	return 0
}

// isSelector is true for the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF).
func isSelector(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF
}

// dangerous is true for what a terminal or a renderer would act on instead of print,
// or what it would not show at all: C0 and C1 controls (ESC, BEL, CSI U+009B, …),
// bidi overrides and isolates that reorder what is shown (U+202A–U+202E,
// U+2066–U+2069), tag characters and other invisible format characters except the
// zero-width joiner that emoji sequences need, and invisible fillers (U+3164).
func dangerous(r rune) bool {
	// Printable ASCII and the CJK blocks, most of what is typed, are never dangerous:
	// answered before the table lookups below, which were most of the time of
	// cleaning a report's cells.
	if r >= 0x20 && r < 0x7F || r >= 0x3000 && r <= 0x9FFF && r != hangulFiller {
		return false
	}
	return dangerousRune(r)
}

// hangulFiller is an invisible letter, the one ideographic-range rune that is.
const hangulFiller = 0x3164

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
	case r == 0x200D:
		// The joiner builds emoji such as families.
		return false
	case r == 0x2028 || r == 0x2029:
		// Line and paragraph separators break lines in some terminals and renderers.
		return true
	}
	// Format characters (tags included) and the other default-ignorable ones such as
	// the Hangul fillers draw nothing: text made of them cannot be seen.
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}
