package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"vendorvet/rubric"
)

// panelWidth is the width of the live scorecard beside a form.
const panelWidth = 38

// scoreLines draws a scorecard as lines of at most w cells: dimension bars, the total
// and band, the range still open, knockouts and red flags, and the reasons behind the
// points of the item in focus.
func scoreLines(c *Common, card rubric.Scorecard, focusItem string, w int) []string {
	st := c.Styles
	var out []string
	out = append(out, st.PanelTitle.Render(c.Lang.Pick("实时评分", "Live score")))
	labelW := w - 8
	for i, d := range card.Dimensions {
		dim := rubric.Dimensions[i]
		out = append(out, pad(dim.Name.In(c.Lang), labelW)+padLeft(rubric.OutOf(d.Points, d.Weight), 8))
		out = append(out, bar(c, d.Points, d.Weight, w))
	}
	out = append(out, "")
	total := fmt.Sprintf(c.Lang.Pick("总分 %s", "Total %s"), rubric.FormatPoints(card.Total))
	out = append(out, st.PanelTitle.Render(total)+"  "+bandWord(c, card.Band))
	if card.Provisional {
		for _, l := range wrapClauses(rubric.Capitalized(rubric.ProvisionalWords(card, c.Lang)), w) {
			out = append(out, st.Faint.Render(l))
		}
	}
	out = append(out, c.Lang.Pick("完成度:", "Answered: ")+rubric.AnsweredWords(card, c.Lang))
	for _, k := range card.Knockouts {
		for i, l := range wrapText("✗ "+rubric.KnockoutWords(k, c.Lang), w) {
			if i > 0 {
				l = "  " + l
			}
			out = append(out, st.Error.Render(l))
		}
	}
	for _, f := range card.Flags {
		for i, l := range wrapText("! "+f.Text(c.Lang), w) {
			if i > 0 {
				l = "  " + l
			}
			out = append(out, st.Warn.Render(l))
		}
	}
	if focusItem != "" {
		it := card.Item(focusItem)
		item, _, _ := rubric.ItemByID(focusItem)
		out = append(out, "")
		for _, l := range wrapText(item.ID+" "+item.Name.In(c.Lang)+"  "+rubric.ItemPointsWords(card, it, c.Lang), w) {
			out = append(out, st.PanelTitle.Render(l))
		}
		for _, why := range it.Why {
			for i, l := range wrapText(strings.ReplaceAll(why.In(c.Lang), " → ", " →\u00a0"), w-2) {
				bullet := "· "
				if i > 0 {
					bullet = "  "
				}
				out = append(out, st.Faint.Render(bullet+l))
			}
		}
	}
	for i, l := range out {
		out[i] = truncate(l, w)
	}
	return out
}

// wrapClauses wraps s to w cells, breaking after its first clause when that fits a
// line and the whole does not: "暂定:44 个问题未回答," over "最高可达 100 分" rather
// than a unit left alone on the last line.
func wrapClauses(s string, w int) []string {
	head, tail, ok := strings.Cut(s, ",")
	if !ok || width(s) <= w || width(head)+1 > w {
		return wrapText(s, w)
	}
	return append([]string{head + ","}, wrapText(strings.TrimLeft(tail, " "), w)...)
}

// bar draws points out of max as a bar w cells wide; the numbers are printed beside
// it, so the bar is only a picture of them.
func bar(c *Common, points, max float64, w int) string {
	if w <= 0 {
		return ""
	}
	filled := 0
	if max > 0 {
		filled = int(points / max * float64(w))
	}
	filled = min(w, filled)
	return c.Styles.BarFull.Render(strings.Repeat("█", filled)) + c.Styles.BarEmpty.Render(strings.Repeat("░", w-filled))
}

// narrowReasonLines is the room under the form, on terminals too narrow for the
// panel, for why the item in focus has its points, the knockouts and the flags.
const narrowReasonLines = 4

// reasonLines says in at most n lines of w cells why the item in focus has its
// points, then the knockouts and the flags; what does not fit is counted on the last
// line, with the key that shows the whole scorecard.
func reasonLines(c *Common, card rubric.Scorecard, focusItem string, w, n int, more string) []string {
	st := c.Styles
	var out []string
	if focusItem != "" {
		it := card.Item(focusItem)
		item, _, _ := rubric.ItemByID(focusItem)
		out = append(out, st.PanelTitle.Render(truncate(item.ID+" "+item.Name.In(c.Lang)+"  "+rubric.ItemPointsWords(card, it, c.Lang), w)))
		for _, why := range it.Why {
			for i, l := range wrapText(why.In(c.Lang), w-2) {
				bullet := "· "
				if i > 0 {
					bullet = "  "
				}
				out = append(out, st.Faint.Render(bullet+l))
			}
		}
	}
	var findings []string
	for _, k := range card.Knockouts {
		findings = append(findings, st.Error.Render(truncate("✗ "+rubric.KnockoutWords(k, c.Lang), w)))
	}
	for _, f := range card.Flags {
		findings = append(findings, st.Warn.Render(truncate("! "+f.Text(c.Lang), w)))
	}
	// The reasons of the item in focus come first; the findings keep at least one line.
	if len(findings) > 0 && len(out) > n-1 {
		out = out[:max(0, n-1)]
	}
	out = append(out, findings...)
	if len(out) > n {
		hidden := len(out) - n + 1
		out = append(out[:n-1], st.Faint.Render(truncate(fmt.Sprintf(c.Lang.Pick("…另有 %d 行 · %s", "…%d more lines · %s"), hidden, more), w)))
	}
	return out
}

// scoreSummary is the scorecard in one line of at most w cells, for terminals too
// narrow for the panel. Parts that do not fit are left out whole, the dimensions
// first: the reasons under the form name the knockouts and flags.
func scoreSummary(c *Common, card rubric.Scorecard, w int) string {
	st := c.Styles
	parts := []string{
		st.PanelTitle.Render(fmt.Sprintf(c.Lang.Pick("总分 %s", "Total %s"), rubric.FormatPoints(card.Total))),
		bandWord(c, card.Band),
	}
	// An incomplete band says itself that it may change; a disqualified one is final.
	if card.Provisional && card.Band != rubric.Incomplete && card.Band != rubric.Disqualified {
		parts = append(parts, rubric.ProvisionalMark.In(c.Lang))
	}
	if card.HasPotential() && card.Potential != card.Total {
		parts = append(parts, rubric.UpToWords(card.Potential, c.Lang))
	}
	if n := len(card.Knockouts); n > 0 {
		parts = append(parts, st.Error.Render(fmt.Sprintf(c.Lang.Pick("✗ 否决 %d", "✗ knockouts %d"), n)))
	}
	if n := len(card.Flags); n > 0 {
		parts = append(parts, st.Warn.Render(fmt.Sprintf(c.Lang.Pick("! 风险 %d", "! flags %d"), n)))
	}
	var dims []string
	for _, d := range card.Dimensions {
		dims = append(dims, d.ID+" "+rubric.OutOf(d.Points, d.Weight))
	}
	parts = append(parts, strings.Join(dims, " "))
	line := ""
	for _, p := range parts {
		next := p
		if line != "" {
			next = line + " · " + p
		}
		if width(next) <= w {
			line = next
		}
	}
	return truncate(line, w)
}

// panelCache keeps the last live scorecard drawn: most frames (a cursor blink, a
// save reported, a move between questions of one item) draw the same one, and its
// lines, border and padding cost a quarter of a millisecond.
type panelCache struct {
	key            panelKey
	content, drawn string
}

// panelKey is what a panel is drawn from: the scorecard (counted by its rescores),
// the item in focus and the height.
type panelKey struct {
	scored int
	item   string
	h      int
}

// draw returns the panel for key, making its content and rendering it in the panel
// style only when they changed.
func (p *panelCache) draw(c *Common, key panelKey, content func() string) string {
	if p.drawn != "" && p.key == key {
		return p.drawn
	}
	text := content()
	if p.drawn == "" || p.content != text {
		p.drawn = c.Styles.Panel.Width(panelWidth - 2).Render(text)
	}
	p.key, p.content = key, text
	return p.drawn
}

// besidePanel lays a form fit to fewer than fw cells and the panel side by side,
// a space between. The form's lines are padded, not wrapped, to fw: they fit
// already, and a style's Width would wrap them all again on every frame.
func besidePanel(form string, fw int, panel string) string {
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.PlaceHorizontal(fw, lipgloss.Left, form), " ", panel)
}
