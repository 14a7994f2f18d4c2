package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"vendorvet/rubric"
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

// The panel beside the form starts in the same column on every line, whatever the
// widths and styles of the form's lines and however many lines either has.
func TestBesidePanelKeepsThePanelInItsColumn(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	red := r.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render
	forms := []string{"", "a", red("服务商") + " ok\n\n" + strings.Repeat("x", 11), strings.Repeat("line\n", 30) + "end"}
	panels := []string{"", "┃ p ┃", strings.Repeat("┃ 面板 ┃\n", 20) + "┃ end ┃"}
	for _, form := range forms {
		for _, panel := range panels {
			got := strings.Split(besidePanel(form, 12, panel), "\n")
			fl, pl := strings.Split(form, "\n"), strings.Split(panel, "\n")
			if len(got) != max(len(fl), len(pl)) {
				t.Fatalf("form %q beside panel %q: %d lines", form, panel, len(got))
			}
			for i, line := range got {
				left, right := ansi.Cut(line, 0, 13), ansi.Cut(line, 13, 200)
				wantLeft, wantRight := "", ""
				if i < len(fl) {
					wantLeft = fl[i]
				}
				if i < len(pl) {
					wantRight = pl[i]
				}
				if ansi.Strip(strings.TrimRight(left, " ")) != ansi.Strip(wantLeft) || ansi.StringWidth(left) != 13 ||
					strings.TrimRight(ansi.Strip(right), " ") != strings.TrimRight(ansi.Strip(wantRight), " ") {
					t.Errorf("form %q beside panel %q, line %d: %q", form, panel, i, line)
				}
			}
		}
	}
}

// The live scorecard is drawn again only for another scorecard, item in focus or
// height.
func TestPanelDrawnAgainOnlyWhenItChanges(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	v := newVendorScreen(c, sess, 0, 2)
	v.SetSize(120, 40)
	_, fh := v.formSize()
	boxed := func(s string) string { return c.Styles.Panel.Width(panelWidth - 2).Render(s) }
	key := panelKey{v.scored, "A1", fh}
	if got := v.panel.draw(c, key, func() string { return "x" }); got != boxed("x") {
		t.Fatalf("drawn panel %q", got)
	}
	if got := v.panel.draw(c, key, func() string { return "y" }); got != boxed("x") {
		t.Fatalf("the panel was drawn again for the same key: %q", got)
	}
	for _, next := range []panelKey{{key.scored + 1, "A1", fh}, {key.scored, "B3", fh}, {key.scored, "A1", fh - 1}} {
		v.panel.draw(c, key, func() string { return "x" })
		if got := v.panel.draw(c, next, func() string { return "y" }); got != boxed("y") {
			t.Errorf("the panel was not drawn again for %+v after %+v: %q", next, key, got)
		}
	}
}

// width replaces ansi.StringWidth in every layout: it must measure the same.
func TestWidthMatchesAnsi(t *testing.T) {
	for _, span := range [][2]rune{{0x20, 0x7e}, {0x3000, 0x303f}, {0x4e00, 0x9fff}, {0xff00, 0xffef}} {
		for r := span[0]; r <= span[1]; r++ {
			if s := string(r); width(s) != ansi.StringWidth(s) {
				t.Fatalf("U+%04X: width %d, ansi %d", r, width(s), ansi.StringWidth(s))
			}
		}
	}
	pieces := []string{"a", " ", "Vendor", "服务商", "，", "。", "é", "e\u0301", "👍🏽", "🇨🇳", "\x1b[31m", "\x1b[0m", "\t", "\n", "ｶ", "Ａ", "\u200d", "—", "…", "¥", "\x7f", "\u3000", "\u302a", "（", "：", "ｶ", "ﾞ", "￥", "\u3099"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if s := b.String(); width(s) != ansi.StringWidth(s) {
			t.Fatalf("%q: width %d, ansi %d", s, width(s), ansi.StringWidth(s))
		}
	}
}
