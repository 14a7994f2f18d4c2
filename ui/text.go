package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// truncate cuts s to at most w cells (CJK counts two) with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// pad truncates or pads s to exactly w cells.
func pad(s string, w int) string {
	s = truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	s = truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
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
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// fitBody is what lipgloss.NewStyle().Height(h).MaxHeight(h).Render(fit(block, w, h))
// gives — the block clamped to w×h, then h lines all as wide as the widest — with
// each line measured once instead of three times: measuring is most of a frame.
func fitBody(block string, w, h int) string {
	if h <= 0 || strings.ContainsAny(block, "\t\r") {
		// Tabs and carriage returns are converted by lipgloss; leave them to it.
		return lipgloss.NewStyle().Height(h).MaxHeight(h).Render(fit(block, w, h))
	}
	lines := strings.Split(block, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	widths := make([]int, len(lines), h)
	widest := 0
	for i, l := range lines {
		n := ansi.StringWidth(l)
		if n > w {
			lines[i] = ansi.Truncate(l, w, "")
			n = ansi.StringWidth(lines[i])
		}
		widths[i] = n
		widest = max(widest, n)
	}
	for len(lines) < h {
		lines = append(lines, "")
		widths = append(widths, 0)
	}
	for i, n := range widths {
		if n < widest {
			lines[i] += strings.Repeat(" ", widest-n)
		}
	}
	return strings.Join(lines, "\n")
}

// wrapText wraps plain text to w cells, breaking CJK anywhere and Latin at spaces.
func wrapText(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line, lw := "", 0
		for _, word := range splitWords(para) {
			ww := runewidth.StringWidth(word)
			if lw+ww > w && lw > 0 {
				out = append(out, strings.TrimRight(line, " "))
				line, lw = "", 0
				word = strings.TrimLeft(word, " ")
				ww = runewidth.StringWidth(word)
			}
			for ww > w { // a word longer than the line is cut
				head := runewidth.Truncate(word, w, "")
				if head == "" {
					break
				}
				out = append(out, head)
				word = word[len(head):]
				ww = runewidth.StringWidth(word)
			}
			line += word
			lw += ww
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// splitWords keeps Latin words whole (with their following space) and makes every
// wide rune its own word, so that Chinese wraps between characters.
func splitWords(s string) []string {
	var words []string
	cur := ""
	for _, r := range s {
		switch {
		case runewidth.RuneWidth(r) == 2:
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
