package report

import (
	"strings"
	"unicode/utf8"

	"vendorvet/clean"
)

// inlineEscaper neutralises what Markdown or a renderer would act on inside a line:
// < and > become entities (so no tag, comment or autolink survives), and the ASCII
// punctuation that opens emphasis, code spans, links, images, strikethrough and table
// cells is backslash-escaped. CJK punctuation has no Markdown meaning and stays as is.
var inlineEscaper = strings.NewReplacer(
	`<`, "&lt;",
	`>`, "&gt;",
	`\`, `\\`,
	// A backtick becomes a character reference rather than \`: some renderers (marked)
	// pair escaped backticks into code spans that swallow the emphasis around them.
	"`", "&#96;",
	`*`, `\*`,
	`_`, `\_`,
	`[`, `\[`,
	`]`, `\]`,
	`|`, `\|`,
	`~`, `\~`,
)

// Cell makes user text safe inside one GitHub-flavoured Markdown table cell: control
// characters go, line breaks and tabs become " / " and a space (a cell is one line),
// HTML becomes entities and Markdown punctuation is escaped, so the row keeps its
// columns and no tag or link can be injected.
func Cell(s string) string {
	lines := strings.Split(clean.Text(s), "\n")
	parts := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(strings.ReplaceAll(l, "\t", " "))
		if l != "" {
			parts = append(parts, l)
		}
	}
	return escapeInline(strings.Join(parts, " / "))
}

// plainCell reports whether Cell(s) is s, in one pass and without allocating: no
// character that escaping, cleaning or trimming would change. It answers for printable
// ASCII and the punctuation, arrows and CJK text the rubric's labels and reasons are
// made of; anything else is left to Cell.
func plainCell(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plainASCII[c] {
				return false
			}
			i++
			continue
		}
		if cjk(s[i:]) {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !plainRune(r) {
			return false
		}
		i += size
	}
	return true
}

// cjk reports whether s starts with a character of U+3001–U+9FFF, CJK punctuation
// and ideographs, read from its three bytes without decoding: most of a Chinese
// report. Lead bytes E3–E9 followed by two continuation bytes are exactly U+3000–U+9FFF;
// U+3000, the ideographic space, is one to trim and U+3164 (E3 85 A4), the Hangul
// filler, one to drop.
func cjk(s string) bool {
	return len(s) >= 3 && s[0] >= 0xE3 && s[0] <= 0xE9 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 &&
		!(s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) && !(s[0] == 0xE3 && s[1] == 0x85 && s[2] == 0xA4)
}

// plainASCII marks the ASCII characters Cell keeps as they are: printable, and
// neither Markdown punctuation nor HTML nor an "&" that could start an entity.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := byte(' '); c < 0x7F; c++ {
		t[c] = !strings.ContainsRune("&<>\\`*_[]|~", rune(c))
	}
	return t
}()

// plainRune reports whether r is a non-ASCII character that Cell keeps as it is and
// that is no space to trim: Latin-1 signs and letters (not the soft hyphen),
// dashes, quotes and other general punctuation (not the separators, direction marks
// and invisible operators), arrows and mathematical signs, CJK punctuation and
// ideographs (not the ideographic space), and fullwidth forms (not the invisible
// Hangul fillers). Invalid UTF-8 decodes to U+FFFD, outside these ranges.
func plainRune(r rune) bool {
	switch {
	case r == 0x3164 || r == 0xFFA0:
		return false
	case r >= 0xA1 && r <= 0xFF:
		return r != 0xAD
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E:
		return true
	case r >= 0x2190 && r <= 0x22FF:
		return true
	case r >= 0x3001 && r <= 0x9FFF:
		return true
	case r >= 0xFF01 && r <= 0xFFEF:
		return true
	}
	return false
}

// escapeInline escapes one line: an & that could start an entity reference (&lt;,
// &#60;) becomes &amp;, so what the user typed is what the reader sees; a lone "&"
// as in "Q&A" or "R & D" stays as typed.
func escapeInline(s string) string {
	if strings.Contains(s, "&") {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '&' && startsEntity(s[i+1:]) {
				b.WriteString("&amp;")
				continue
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	// Entities are made after the check above, so they are never escaped twice.
	return inlineEscaper.Replace(s)
}

// startsEntity reports whether the text after an "&" could make it an entity or a
// numeric character reference: a name or "#" followed, eventually, by ";".
func startsEntity(rest string) bool {
	if rest == "" {
		return false
	}
	c := rest[0]
	if c != '#' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
		return false
	}
	end := strings.IndexByte(rest, ';')
	if end < 0 {
		return false
	}
	for i := 1; i < end; i++ {
		c := rest[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Inline makes one line of user text safe in running Markdown (a heading, a list item,
// a bold label): like Cell, and a trailing "#" cannot close a heading.
func Inline(s string) string {
	out := Cell(s)
	if strings.HasSuffix(out, "#") {
		out = out[:len(out)-1] + `\#`
	}
	return out
}

// Text makes multi-line user text safe as Markdown paragraphs: each line is escaped
// like a cell, keeps its line break (a hard break), and cannot open a heading, a
// thematic break, a setext underline, a code block or a fence. Simple "-" and "1."
// lists people type in notes still render as lists, which is what they meant.
func Text(s string) string {
	lines := strings.Split(clean.Text(s), "\n")
	// Trailing blank lines would only add empty quote lines.
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		// Leading indentation would turn the line into a code block.
		l = strings.TrimLeft(strings.ReplaceAll(l, "\t", "    "), " \u00a0")
		l = strings.TrimRight(l, " \t")
		l = escapeInline(l)
		if opensBlock(l) {
			l = `\` + l
		}
		// Two trailing spaces make a hard line break, unless the next line is blank
		// (a paragraph break needs no help).
		if l != "" && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			l += "  "
		}
		out[i] = l
	}
	return strings.Join(out, "\n")
}

// Quote renders multi-line user text as a Markdown block quote.
func Quote(s string) string {
	t := Text(s)
	if t == "" {
		return ""
	}
	lines := strings.Split(t, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// opensBlock reports whether an escaped line would start an ATX heading, or be a
// thematic break or setext underline that turns the line above into a heading.
func opensBlock(l string) bool {
	if l == "" {
		return false
	}
	if l[0] == '#' {
		rest := strings.TrimLeft(l, "#")
		return len(l)-len(rest) <= 6 && (rest == "" || rest[0] == ' ')
	}
	return (l[0] == '-' || l[0] == '=') && onlyRuns(l)
}

// onlyRuns reports whether a line is made only of one punctuation character repeated
// (with spaces), the shape of a thematic break or a setext heading underline.
func onlyRuns(l string) bool {
	c := l[0]
	for i := 0; i < len(l); i++ {
		if l[i] != c && l[i] != ' ' && l[i] != '\t' {
			return false
		}
	}
	return true
}
