package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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

// besidePanel replaces lipgloss's join of the wizard's form and live scorecard in
// every frame: it must give the same bytes, for every step, language and width.
func TestBesidePanelMatchesLipgloss(t *testing.T) {
	for _, lang := range langs {
		c := newTestCommon(t, lang)
		r := lipgloss.NewRenderer(nil)
		r.SetColorProfile(termenv.TrueColor)
		c.Styles = NewStyles(r)
		sess := newSessionWithVendors(t, c, "甲 Vendor")
		for step := 2; step <= 7; step++ {
			for _, size := range [][2]int{{96, 24}, {120, 40}, {200, 60}} {
				v := newVendorScreen(c, sess, 0, step)
				v.SetSize(size[0], size[1])
				fw, fh := v.formSize()
				form := fit(v.form.Form.View(), fw, fh)
				for _, item := range []string{"", "A1", "B3"} {
					panel := c.Styles.Panel.Width(panelWidth - 2).Render(fit(strings.Join(scoreLines(c, v.card, item, panelWidth-4), "\n"), panelWidth-4, fh-2))
					want := lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(fw+1).Render(form), " ", panel)
					if got := besidePanel(form, fw+1, panel); got != want {
						t.Fatalf("%s step %d at %v, item %q:\n got %q\nwant %q", lang, step, size, item, got, want)
					}
					key := panelKey{v.scored, item, fh}
					if got := v.panel.draw(c, key, func() string { return "x" }); got != c.Styles.Panel.Width(panelWidth-2).Render("x") {
						t.Fatalf("drawn panel %q", got)
					}
					if got := v.panel.draw(c, key, func() string { return "y" }); got != c.Styles.Panel.Width(panelWidth-2).Render("x") {
						t.Fatalf("the panel was drawn again for the same key: %q", got)
					}
					key.scored++
					if got := v.panel.draw(c, key, func() string { return "y" }); got != c.Styles.Panel.Width(panelWidth-2).Render("y") {
						t.Fatalf("the panel was not drawn again after a rescore: %q", got)
					}
				}
			}
		}
	}
	// Short forms beside a tall panel, and the other way round.
	for _, form := range []string{"", "a", strings.Repeat("line\n", 30) + "end", "tab\there"} {
		for _, panel := range []string{"", "┃ p ┃", strings.Repeat("┃ 面板 ┃\n", 20) + "┃ end ┃"} {
			want := lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(12).Render(form), " ", panel)
			if got := besidePanel(form, 12, panel); got != want {
				t.Errorf("besidePanel(%q, 12, %q)\n got %q\nwant %q", form, panel, got, want)
			}
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
