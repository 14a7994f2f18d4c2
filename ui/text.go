package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// width is the cells s takes on the screen (a Chinese character takes two).
func width(s string) int { return ansi.StringWidth(s) }

// truncate cuts s to at most w cells (CJK counts two) with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// pad truncates or pads s to exactly w cells.
func pad(s string, w int) string {
	s = truncate(s, w)
	if n := w - width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	s = truncate(s, w)
	if n := w - width(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}

// fit clamps every line of a block to w cells and the block to h lines, so that no
// screen ever draws past the terminal.
func fit(block string, w, h int) string {
	lines := strings.Split(block, "\n")
	if h >= 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// fitBody is block clamped to w×h and then padded to h lines, all as wide as the
// widest: the body of a frame, so that a shorter screen overwrites a longer one.
func fitBody(block string, w, h int) string {
	return lipgloss.NewStyle().Height(h).MaxHeight(h).Render(fit(block, w, h))
}

// wrapText wraps plain text to w cells: Latin breaks at spaces, Chinese between
// characters, and closing punctuation never starts a line. Widths are measured as
// the rest of the screen measures them.
func wrapText(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var line []string // words of the line being filled
		lw := 0
		flush := func() {
			out = append(out, strings.TrimRight(strings.Join(line, ""), " "))
			line, lw = nil, 0
		}
		for _, word := range splitWords(para) {
			ww := width(word)
			// A trailing space may hang past the edge; it is trimmed at the break.
			if lw+width(strings.TrimRight(word, " ")) > w && lw > 0 {
				var carry []string
				// Take the last character along rather than start a line with "，" or ")".
				if closingPunct(word) && len(line) > 1 {
					carry = line[len(line)-1:]
					line = line[:len(line)-1]
				}
				flush()
				for _, c := range carry {
					line, lw = append(line, c), lw+width(c)
				}
				if len(line) == 0 {
					word = strings.TrimLeft(word, " ")
					ww = width(word)
				}
			}
			for width(strings.TrimRight(word, " ")) > w-lw && lw == 0 { // a word longer than the line is cut
				head := ansi.Truncate(word, w-lw, "")
				if head == "" {
					break
				}
				line = append(line, head)
				flush()
				word = word[len(head):]
				ww = width(word)
			}
			line, lw = append(line, word), lw+ww
		}
		flush()
	}
	return out
}

// closingPunct reports whether word is punctuation that must not begin a line.
func closingPunct(word string) bool {
	return word != "" && strings.ContainsRune("，。、；：！？）》」』】,.;:!?)]}…%", []rune(word)[0])
}

// splitWords keeps Latin words whole (with their following space) and makes every
// wide rune its own word, so that Chinese wraps between characters.
func splitWords(s string) []string {
	var words []string
	cur := ""
	for _, r := range s {
		switch {
		case width(string(r)) == 2 || strings.ContainsRune("，。、；：！？）》」』】", r):
			if cur != "" {
				words = append(words, cur)
				cur = ""
			}
			words = append(words, string(r))
		case r == ' ':
			cur += " "
			words = append(words, cur)
			cur = ""
		default:
			cur += string(r)
		}
	}
	if cur != "" {
		words = append(words, cur)
	}
	return words
}

func fmtInt(n int) string { return strconv.Itoa(n) }
