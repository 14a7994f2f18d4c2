package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// fitBody replaces a lipgloss render in every frame: it must give the same bytes.
func TestFitBodyMatchesLipgloss(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	red := r.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render
	blocks := []string{
		"",
		"one line",
		"short\nmuch longer line\n\nx",
		red("服务商名称很长很长很长很长很长很长很长") + "\n" + red("ok") + " end",
		strings.Repeat("wide line of text that is cut at the edge of the terminal\n", 40),
		"tab\tinside\r\nand carriage return",
		"emoji 👍🏽 and flags 🇨🇳\nand trailing spaces   ",
	}
	for _, block := range blocks {
		for _, size := range [][2]int{{10, 3}, {40, 9}, {80, 21}, {200, 57}} {
			w, h := size[0], size[1]
			want := lipgloss.NewStyle().Height(h).MaxHeight(h).Render(fit(block, w, h))
			if got := fitBody(block, w, h); got != want {
				t.Errorf("fitBody(%q, %d, %d)\n got %q\nwant %q", block, w, h, got, want)
			}
		}
	}
}
