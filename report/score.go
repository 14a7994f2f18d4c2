package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/mattn/go-runewidth"

	"vendorvet/clean"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// scored is a session with every vendor scored and ranked.
type scored struct {
	profile rubric.Profile
	cards   []rubric.Scorecard
	names   []string
	order   []int // indexes into cards, best first
	stable  rubric.Stability
}

// sessionProfile is the session's profile; a session that never chose one uses the
// default.
func sessionProfile(p rubric.Profile) rubric.Profile {
	if p.Name == "" && p.Weights == [4]float64{} {
		return rubric.DefaultProfile
	}
	return p
}

func scoreSession(s rubric.Session) scored {
	sc := scored{profile: sessionProfile(s.Profile)}
	for _, v := range s.Vendors {
		sc.cards = append(sc.cards, rubric.Score(s.Requirements, v.Answers, sc.profile))
		sc.names = append(sc.names, v.Name)
	}
	sc.order = rubric.Ranking(sc.cards, sc.names)
	sc.stable = rubric.RankStability(sc.cards, sc.names, sc.profile)
	return sc
}

// ScoreJSON is the output of `vendorvet score FILE --json` (format.md "Scorecards"):
// per vendor the weighted dimensions, the raw item points, total, potential, band,
// completeness, knockout and flag codes; then the ranking and whether it is stable.
// The layout is format.md's, items grouped one dimension a line.
func ScoreJSON(s rubric.Session) ([]byte, error) {
	sc := scoreSession(s)
	var b bytes.Buffer
	b.WriteString("{\n")
	fmt.Fprintf(&b, "  \"profile\": %s,\n", inlineProfile(sc.profile))
	if len(sc.cards) == 0 {
		b.WriteString("  \"vendors\": [],\n")
	} else {
		b.WriteString("  \"vendors\": [\n")
		for i, card := range sc.cards {
			writeCardJSON(&b, sc.names[i], card)
			if i < len(sc.cards)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString("  ],\n")
	}
	ranking := make([]string, len(sc.order))
	for i, idx := range sc.order {
		ranking[i] = sc.names[idx]
	}
	fmt.Fprintf(&b, "  \"ranking\": %s,\n", inlineList(ranking))
	fmt.Fprintf(&b, "  \"rank_stable\": %t\n", sc.stable.Stable)
	b.WriteString("}\n")
	return b.Bytes(), nil
}

func writeCardJSON(b *bytes.Buffer, name string, c rubric.Scorecard) {
	const in = "      "
	b.WriteString("    {\n")
	fmt.Fprintf(b, "%s\"name\": %s,\n", in, sessionfile.Quote(name))
	dims := make([]string, len(c.Dimensions))
	for i, d := range c.Dimensions {
		dims[i] = fmt.Sprintf("%s: %s", sessionfile.Quote(d.ID), rubric.FormatPoints(d.Points))
	}
	fmt.Fprintf(b, "%s\"dimensions\": { %s },\n", in, strings.Join(dims, ", "))
	lead := in + `"items": { `
	var lines []string
	for _, dim := range rubric.Dimensions {
		var items []string
		for _, it := range c.Items {
			if it.ID[:1] == dim.ID {
				items = append(items, fmt.Sprintf("%s: %d", sessionfile.Quote(it.ID), it.Points))
			}
		}
		lines = append(lines, strings.Join(items, ", "))
	}
	b.WriteString(lead + strings.Join(lines, ",\n"+strings.Repeat(" ", len(lead))) + " },\n")
	fmt.Fprintf(b, "%s\"total\": %s,\n", in, rubric.FormatPoints(c.Total))
	fmt.Fprintf(b, "%s\"potential\": %s,\n", in, rubric.FormatPoints(c.Potential))
	fmt.Fprintf(b, "%s\"band\": %s,\n", in, sessionfile.Quote(string(c.Band)))
	fmt.Fprintf(b, "%s\"provisional\": %t,\n", in, c.Provisional)
	fmt.Fprintf(b, "%s\"answered\": %d,\n", in, c.Answered)
	fmt.Fprintf(b, "%s\"applicable\": %d,\n", in, c.Applicable)
	fmt.Fprintf(b, "%s\"knockouts\": %s,\n", in, inlineList(c.KnockoutCodes()))
	fmt.Fprintf(b, "%s\"flags\": %s\n", in, inlineList(c.FlagCodes()))
	b.WriteString("    }")
}

// inlineList writes a list of strings on one line: ["a", "b"].
func inlineList(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = string(sessionfile.Quote(s))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// inlineProfile writes a profile name, or its weights on one line.
func inlineProfile(p rubric.Profile) string {
	if name, ok := sessionfile.ProfileName(p); ok {
		return string(sessionfile.Quote(name))
	}
	parts := make([]string, len(rubric.Dimensions))
	for d, dim := range rubric.Dimensions {
		parts[d] = fmt.Sprintf("%s: %s", sessionfile.Quote(dim.ID), rubric.FormatNumber(p.Weights[d]))
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

// ScoreText is the same scorecards as a plain-text table for a terminal, columns
// aligned by display width so that Chinese names line up, followed by each vendor's
// knockouts and red flags as sentences and the ranking's stability.
func ScoreText(s rubric.Session, lang rubric.Lang) string {
	sc := scoreSession(s)
	var b strings.Builder
	if title := clean.Line(s.Title); title != "" {
		b.WriteString(title + "\n")
	}
	fmt.Fprintf(&b, "%s%s\n", t(lang, "权重方案:", "Weight profile: "), sc.profile.Label(lang))
	legend := make([]string, len(rubric.Dimensions))
	for d, dim := range rubric.Dimensions {
		legend[d] = dim.ID + " " + dim.Name.In(lang)
	}
	b.WriteString(strings.Join(legend, " · ") + "\n\n")
	if len(sc.cards) == 0 {
		b.WriteString(t(lang, "尚未添加服务商。", "No vendors yet.") + "\n")
		return b.String()
	}

	header := []string{"#", t(lang, "服务商", "Vendor")}
	for d, dim := range rubric.Dimensions {
		header = append(header, dim.ID+"/"+rubric.FormatNumber(sc.profile.Weights[d]))
	}
	header = append(header, t(lang, "总分", "Total"), t(lang, "最高可达", "Up to"), t(lang, "已答", "Answered"), t(lang, "结论", "Band"))
	rows := [][]string{header}
	for pos, i := range sc.order {
		c := sc.cards[i]
		rank := fmt.Sprint(pos + 1)
		if c.Band == rubric.Disqualified {
			rank = "—"
		}
		row := []string{rank, truncate(clean.Line(sc.names[i]), 32)}
		for _, d := range c.Dimensions {
			row = append(row, rubric.FormatPoints(d.Points))
		}
		row = append(row, rubric.FormatPoints(c.Total), rubric.FormatPoints(c.Potential),
			fmt.Sprintf("%d/%d", c.Answered, c.Applicable), rubric.BandWords(c, lang))
		rows = append(rows, row)
	}
	// Rank, name and band to the left, the numbers to the right.
	right := make([]bool, len(rows[0]))
	for col := 2; col < len(right)-1; col++ {
		right[col] = true
	}
	b.WriteString(Columns(rows, right))

	for _, i := range sc.order {
		c := sc.cards[i]
		if len(c.Knockouts) == 0 && len(c.Flags) == 0 && !c.Provisional {
			continue
		}
		b.WriteString("\n" + clean.Line(sc.names[i]) + "\n")
		for _, f := range c.Knockouts {
			b.WriteString("  " + rubric.KnockoutWords(f, lang) + "\n")
		}
		for _, f := range c.Flags {
			b.WriteString("  " + rubric.FlagWords(f, lang) + "\n")
		}
		if c.Provisional {
			b.WriteString("  " + rubric.Capitalized(rubric.ProvisionalWords(c, lang)) + "\n")
		}
	}
	b.WriteString("\n" + stabilitySentence(sc, lang) + "\n")
	return b.String()
}

// Columns lays out the header rows[0] and the rows below it in columns two spaces
// apart, measured in terminal cells so that Chinese names line up, the columns
// marked in right aligned to the right; lines end without trailing spaces.
func Columns(rows [][]string, right []bool) string {
	last := len(rows[0]) - 1
	t := table.New().
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderHeader(false).BorderColumn(false).
		Headers(rows[0]...).
		Rows(rows[1:]...).
		StyleFunc(func(_, col int) lipgloss.Style {
			st := lipgloss.NewStyle()
			if col < last {
				st = st.PaddingRight(2)
			}
			if right[col] {
				st = st.Align(lipgloss.Right)
			}
			return st
		})
	var b strings.Builder
	for _, line := range strings.Split(t.String(), "\n") {
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// cells measures text in terminal cells. Characters of ambiguous width (—, …) count
// as one cell whatever the locale says, as modern terminals draw them, so that the
// output does not depend on the environment.
var cells = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

// truncate shortens s to at most w terminal cells.
func truncate(s string, w int) string { return cells.Truncate(s, w, "…") }

// stabilitySentence says whether the first two places survive every ±5 weight shift.
func stabilitySentence(sc scored, lang rubric.Lang) string {
	if len(sc.cards) < 2 {
		return t(lang, "只有一家服务商,无需比较排名。", "Only one vendor: there is no ranking to test.")
	}
	if !sc.stable.Tested {
		return rubric.NoOrderToTest.In(lang)
	}
	if sc.stable.Stable {
		return t(lang, fmt.Sprintf("排名稳定:任一维度权重变动 ±%d 分时,前两名的顺序不变。", rubric.ShiftStep),
			fmt.Sprintf("The ranking is stable: the order of the top two holds when any dimension weight moves by ±%d.", rubric.ShiftStep))
	}
	shifts := make([]string, len(sc.stable.Flips))
	for i, f := range sc.stable.Flips {
		shifts[i] = fmt.Sprintf("%s %+g", f.Dim, f.Delta)
	}
	return t(lang, fmt.Sprintf("排名不稳定:以下权重变动会改变前两名的顺序:%s(其余维度按比例调整)。", strings.Join(shifts, "、")),
		fmt.Sprintf("The ranking is not stable: the order of the top two changes when a weight moves by %s (the others re-normalised).", strings.Join(shifts, ", ")))
}
