package ui

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/rubric"
)

// Widths of the comparison table, in cells.
const (
	minColumn   = 12
	maxColumn   = 18
	minLabel    = 14
	maxLabel    = 30
	separatorW  = 3 // " │ " before the disqualified vendors
	chartValueW = 20
	maxChartBar = 60
)

// Markers that carry meaning without colour.
const (
	bestMarker = "▲"
	dqMarker   = "✗"
)

// compareScreen shows the vendors of a session side by side, best first, under the
// session's weight profile.
type compareScreen struct {
	c    *Common
	sess *db.Session
	// cards follow sess.Vendors; order lists their indexes best first.
	cards []rubric.Scorecard
	order []int
	// own marks the cards that are the acting evaluator's own, in blind review;
	// ranges holds each vendor's range of the evaluators' totals, nil for a panel
	// of one.
	own       []bool
	ranges    []string
	stability rubric.Stability
	// cmp sets each vendor's seats and quote beside the need.
	cmp capacity.Comparison
	// ranked is how many vendors of order are not disqualified: they come first, the
	// disqualified set apart after them.
	ranked int
	items  bool
	// col is the first vendor column shown; top the first scrolled line.
	col, top int
	w, h     int
	keys     compareKeys
	// scored counts rescores; body caches bodyLines for bodyKey.
	scored  int
	body    []string
	bodyKey compareBodyKey
	// charted caches chartLines for the width and the scores in chartKey.
	charted  []string
	chartKey [2]int
}

// compareBodyKey is everything the table below the header is drawn from, besides
// the scores.
type compareBodyKey struct {
	w, col, scored int
	items          bool
}

func newCompareScreen(c *Common, sess *db.Session) screen {
	s := &compareScreen{c: c, sess: sess}
	s.keys = c.keys().Compare
	s.rescore()
	return s
}

func (s *compareScreen) Init() tea.Cmd { return nil }
func (s *compareScreen) Title() string { return s.c.Lang.Pick("对比", "Comparison") }
func (s *compareScreen) Typing() bool  { return false }

func (s *compareScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.clampScroll()
}

func (s *compareScreen) ShortHelp() []key.Binding {
	s.refreshKeys()
	// Most useful first: the help line leaves out, whole, what does not fit.
	return []key.Binding{s.keys.Profile, s.keys.Items, s.keys.Capacity, s.keys.WhatIf, s.keys.Left, s.keys.Up, s.keys.Back}
}

func (s *compareScreen) FullHelp() [][]key.Binding {
	s.refreshKeys()
	return [][]key.Binding{
		// Left and Up carry the help of their pairs ("←/→", "↑/↓").
		{s.keys.Left, s.keys.Up, s.keys.PageUp, s.keys.PageDown},
		{s.keys.Items, s.keys.Profile, s.keys.Custom, s.keys.Back},
		{s.keys.Capacity, s.keys.WhatIf},
	}
}

// refreshKeys keeps the help true: scrolling is offered only when there is more to
// see, and the toggles say what they will do next.
func (s *compareScreen) refreshKeys() {
	c := s.c
	k := &s.keys
	wide := s.maxCol() > 0
	k.Left.SetEnabled(wide)
	k.Right.SetEnabled(wide)
	tall := s.maxTop() > 0
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown} {
		b.SetEnabled(tall)
	}
	if s.items {
		k.Items.SetHelp("i", c.Lang.Pick("收起细项", "hide items"))
	} else {
		k.Items.SetHelp("i", c.Lang.Pick("展开细项", "show items"))
	}
	next := nextProfileName(s.sess.Profile.Name)
	label := map[string]string{
		"default":   c.Lang.Pick("权重:默认", "weights: default"),
		"regulated": c.Lang.Pick("权重:强监管", "weights: regulated"),
		"custom":    c.Lang.Pick("权重:自定义…", "weights: custom…"),
	}[next]
	k.Profile.SetHelp("p", label)
}

// nextProfileName is the profile p switches to: default → regulated → custom → default.
func nextProfileName(cur string) string {
	switch cur {
	case "regulated":
		return "custom"
	case "custom":
		return "default"
	}
	return "regulated"
}

// rescore scores every vendor under the session's profile and ranks them.
func (s *compareScreen) rescore() {
	sess := s.sess
	s.scored++
	j := judge(sess)
	s.cards, s.own = scoreJudged(sess, j, s.cards), j.own
	s.ranges = panelRanges(sess, j)
	names := make([]string, len(sess.Vendors))
	for i, v := range sess.Vendors {
		names[i] = v.Name
	}
	s.order = rubric.Ranking(s.cards, names)
	s.ranked = rubric.Ranked(s.cards)
	s.stability = rubric.RankStability(s.cards, names, sess.Profile)
	s.cmp = capacity.Compare(sess.Requirements, j.vendors, s.cards)
	s.clampScroll()
}

// panelRanges are each vendor's range of the evaluators' totals, for a panel of more
// than one: "—" where blind review hides the others' or nobody answered yet.
func panelRanges(sess *db.Session, j judged) []string {
	if len(panelNames(sess)) < 2 {
		return nil
	}
	out := make([]string, len(sess.Vendors))
	for i := range sess.Vendors {
		out[i] = "—"
		if j.own[i] {
			continue
		}
		if lo, hi, n := panelRange(sess, &sess.Vendors[i], j.vendors[i].Evidence); n > 0 {
			out[i] = rangeWords(lo, hi)
		}
	}
	return out
}

// profileChosenMsg carries the weights the custom form settled on.
type profileChosenMsg struct{ p rubric.Profile }

func (s *compareScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		s.rescore()
	case profileChosenMsg:
		return s, s.setProfile(msg.p)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *compareScreen) key(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, s.keys.Back):
		return s.c.pop()
	case key.Matches(k, s.keys.Left):
		s.col--
	case key.Matches(k, s.keys.Right):
		s.col++
	case key.Matches(k, s.keys.Up):
		s.top--
	case key.Matches(k, s.keys.Down):
		s.top++
	case key.Matches(k, s.keys.PageUp):
		s.top -= s.pageHeight()
	case key.Matches(k, s.keys.PageDown):
		s.top += s.pageHeight()
	case key.Matches(k, s.keys.Items):
		s.items = !s.items
	case key.Matches(k, s.keys.Custom):
		return s.c.push(newWeightsForm(s.c, s.sess.ID, s.sess.Profile))
	case key.Matches(k, s.keys.Capacity):
		return s.c.push(newCapacityScreen(s.c, s.sess))
	case key.Matches(k, s.keys.WhatIf):
		return s.c.push(newWhatIfScreen(s.c, s.sess))
	case key.Matches(k, s.keys.Profile):
		switch nextProfileName(s.sess.Profile.Name) {
		case "regulated":
			return s.setProfile(rubric.RegulatedProfile)
		case "custom":
			return s.c.push(newWeightsForm(s.c, s.sess.ID, s.sess.Profile))
		default:
			return s.setProfile(rubric.DefaultProfile)
		}
	}
	s.clampScroll()
	return nil
}

// setProfile re-scores under p at once and queues the write; the session in memory
// changes too, so that the screens below show the same numbers.
func (s *compareScreen) setProfile(p rubric.Profile) tea.Cmd {
	c := s.c
	s.sess.Profile = p
	s.rescore()
	id := s.sess.ID
	if c.Saver != nil {
		c.Saver.Save(profileKey(id), c.Lang.Pick("权重", "weights"), func(ctx context.Context, st *db.Store) error {
			return st.SaveProfile(ctx, id, p)
		})
	}
	return info(c.Lang.Pick("权重:", "Weights: ") + p.Label(c.Lang))
}

// Layout.

// labelWidth is the width of the fixed row-label column.
func (s *compareScreen) labelWidth() int {
	return max(minLabel, min(maxLabel, s.w/4))
}

// columnWidth shares what is right of the labels between the vendors, within bounds.
func (s *compareScreen) columnWidth() int {
	n := max(1, len(s.order))
	return max(minColumn, min(maxColumn, (s.w-s.labelWidth()-s.separatorWidth())/n))
}

func (s *compareScreen) separatorWidth() int {
	if s.ranked > 0 && s.ranked < len(s.order) {
		return separatorW
	}
	return 0
}

// visibleColumns is how many vendor columns fit beside the labels.
func (s *compareScreen) visibleColumns() int {
	return max(1, (s.w-s.labelWidth()-s.separatorWidth())/s.columnWidth())
}

func (s *compareScreen) maxCol() int { return max(0, len(s.order)-s.visibleColumns()) }

// fixedLines are the lines above the scrolled part: the profile line, two lines of
// vendor names and a rule.
const fixedLines = 4

func (s *compareScreen) pageHeight() int { return max(1, s.h-fixedLines) }

func (s *compareScreen) maxTop() int { return max(0, len(s.bodyLines())-s.pageHeight()) }

func (s *compareScreen) clampScroll() {
	s.col = max(0, min(s.col, s.maxCol()))
	s.top = max(0, min(s.top, s.maxTop()))
}

// View.

func (s *compareScreen) View() string {
	c, st := s.c, s.c.Styles
	if len(s.order) == 0 {
		return st.Faint.Render(c.Lang.Pick("还没有服务商可对比。", "No vendors to compare yet."))
	}
	s.clampScroll()
	lines := []string{s.profileLine()}
	lines = append(lines, s.headerLines()...)
	lines = append(lines, st.Faint.Render(strings.Repeat("─", min(s.w, s.tableWidth()))))
	body := s.bodyLines()
	page := s.pageHeight()
	end := min(len(body), s.top+page)
	// A copy: the last line may change, and body is cached.
	shown := append([]string(nil), body[s.top:end]...)
	if end < len(body) && len(shown) > 0 {
		// The last line says there is more, so nothing is hidden silently.
		shown[len(shown)-1] = st.Faint.Render(fmt.Sprintf(c.Lang.Pick("↓ 还有 %d 行(↓/pgdn)", "↓ %d more lines (↓/pgdn)"), len(body)-end+1))
	}
	lines = append(lines, shown...)
	for i, l := range lines {
		lines[i] = truncate(l, s.w)
	}
	return strings.Join(lines, "\n")
}

// profileLine names the weights and, when vendors are off screen, which are shown.
func (s *compareScreen) profileLine() string {
	c, st := s.c, s.c.Styles
	line := st.PanelTitle.Render(c.Lang.Pick("权重 ", "Weights ")+s.sess.Profile.Label(c.Lang)) +
		st.Faint.Render(c.Lang.Pick("(p 切换)", " (p to switch)"))
	if s.maxCol() > 0 {
		first, last := s.col+1, min(len(s.order), s.col+s.visibleColumns())
		more := fmt.Sprintf(c.Lang.Pick("  服务商 %d–%d / 共 %d", "  vendors %d–%d of %d"), first, last, len(s.order))
		if s.col > 0 {
			more += " ←"
		}
		if last < len(s.order) {
			more += " →"
		}
		line += st.Faint.Render(more)
	}
	return line
}

// shownColumns lists the positions in order of the vendor columns on screen.
func (s *compareScreen) shownColumns() []int {
	var out []int
	for p := s.col; p < min(len(s.order), s.col+s.visibleColumns()); p++ {
		out = append(out, p)
	}
	return out
}

func (s *compareScreen) tableWidth() int {
	w := s.labelWidth() + len(s.shownColumns())*s.columnWidth()
	if s.separatorShown() {
		w += separatorW
	}
	return w
}

// separatorShown is true when both ranked and disqualified vendors are on screen.
func (s *compareScreen) separatorShown() bool {
	cols := s.shownColumns()
	return len(cols) > 0 && cols[0] < s.ranked && cols[len(cols)-1] >= s.ranked
}

// row lays out one table row: the label, then one cell per vendor on screen, the
// disqualified ones set apart by a rule and drawn faint.
func (s *compareScreen) row(label string, cell func(vi int) string) string {
	st := s.c.Styles
	cw := s.columnWidth()
	var b strings.Builder
	b.WriteString(pad(label, s.labelWidth()))
	for _, p := range s.shownColumns() {
		if p == s.ranked && p > s.col {
			b.WriteString(st.Faint.Render(" │ "))
		}
		text := padLeft(cell(s.order[p]), cw-1) + " "
		if p >= s.ranked {
			text = st.Faint.Render(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// headerLines are two lines of vendor names: rank and name, wrapped once.
func (s *compareScreen) headerLines() []string {
	c, st := s.c, s.c.Styles
	cw := s.columnWidth()
	name := func(line int) func(int) string {
		return func(vi int) string {
			p := s.rankOf(vi)
			rank := strconv.Itoa(p+1) + " "
			if p >= s.ranked {
				rank = dqMarker + " "
			}
			// The name wraps beside its rank; the second line ends in … when cut.
			parts := wrapText(s.sess.Vendors[vi].Name, cw-1-ansi.StringWidth(rank))
			switch {
			case line == 0:
				return rank + parts[0]
			case line >= len(parts):
				return ""
			case len(parts) > 2:
				return truncate(parts[1]+"…", cw-1-ansi.StringWidth(rank))
			}
			return parts[1]
		}
	}
	first := s.row(st.Faint.Render(c.Lang.Pick("服务商", "Vendor")), name(0))
	second := s.row("", name(1))
	return []string{first, second}
}

// bodyLines are drawn once and kept until what they show changes: a frame needs
// them three times (scroll bounds, help line, view).
func (s *compareScreen) bodyLines() []string {
	k := compareBodyKey{w: s.w, col: s.col, scored: s.scored, items: s.items}
	if s.body == nil || s.bodyKey != k {
		s.body, s.bodyKey = s.drawBody(), k
	}
	return s.body
}

// drawBody draws the table rows, the rank-stability note, the chart and the legend.
func (s *compareScreen) drawBody() []string {
	c, st := s.c, s.c.Styles
	var out []string
	for d, dim := range rubric.Dimensions {
		label := dim.ID + " " + dim.Name.In(c.Lang)
		out = append(out, s.numberRow(st.PanelTitle.Render(truncate(label, s.labelWidth()-1)), func(vi int) (float64, string, bool) {
			ds := s.cards[vi].Dimensions[d]
			return ds.Points, rubric.FormatNumber(ds.Points) + "/" + rubric.FormatNumber(ds.Weight), true
		}, higher))
		if !s.items {
			continue
		}
		for _, it := range dim.Items {
			label := "  " + it.ID + " " + it.Name.In(c.Lang)
			out = append(out, s.numberRow(truncate(label, s.labelWidth()-1), func(vi int) (float64, string, bool) {
				is := s.cards[vi].Item(it.ID)
				return float64(is.Points), strconv.Itoa(is.Points) + "/" + strconv.Itoa(is.Max), true
			}, higher))
		}
	}
	out = append(out, s.numberRow(st.PanelTitle.Render(c.Lang.Pick("总分", "Total")), func(vi int) (float64, string, bool) {
		text := rubric.FormatNumber(s.cards[vi].Total)
		if s.own[vi] {
			text += ownMark
		}
		return s.cards[vi].Total, text, true
	}, higher))
	if s.ranges != nil {
		out = append(out, s.row(truncate(c.Lang.Pick("评估人总分区间", "Evaluators' range"), s.labelWidth()-1), func(vi int) string {
			return s.ranges[vi] + "  "
		}))
	}
	if s.anyPotential() {
		// A provisional total is compared honestly only beside what it could still reach;
		// a disqualified vendor reaches nothing that matters.
		out = append(out, s.row(truncate(c.Lang.Pick("最高可达", "Could reach"), s.labelWidth()-1), func(vi int) string {
			if card := s.cards[vi]; card.HasPotential() {
				return rubric.FormatNumber(card.Potential) + "  "
			}
			return "—  "
		}))
	}
	out = append(out, s.row(c.Lang.Pick("结论", "Verdict"), func(vi int) string {
		return shortBand(c, s.cards[vi].Band)
	}))
	out = append(out, s.row(c.Lang.Pick("一票否决", "Knockouts"), func(vi int) string {
		return knockoutCell(c, s.cards[vi].Knockouts)
	}))
	out = append(out, s.numberRow(c.Lang.Pick("风险项", "Red flags"), func(vi int) (float64, string, bool) {
		n := len(s.cards[vi].Flags)
		return float64(n), strconv.Itoa(n), true
	}, lower))
	out = append(out, s.numberRow(c.Lang.Pick("完成度", "Answered"), func(vi int) (float64, string, bool) {
		card := s.cards[vi]
		ratio := 1.0
		if card.Applicable > 0 {
			ratio = float64(card.Answered) / float64(card.Applicable)
		}
		return ratio, fmt.Sprintf("%d/%d", card.Answered, card.Applicable), true
	}, higher))
	out = append(out, s.capacityRows()...)
	out = append(out, "")
	out = append(out, s.needSummary()...)
	out = append(out, cheapestLines(c, s.cmp, s.w)...)
	out = append(out, "")
	for _, l := range wrapText(s.stabilityText(), s.w) {
		out = append(out, l)
	}
	out = append(out, "")
	out = append(out, s.chart()...)
	out = append(out, "")
	for _, l := range wrapText(s.legend(), s.w) {
		out = append(out, st.Faint.Render(l))
	}
	return out
}

// anyPotential reports whether some vendor has an "up to" to show.
func (s *compareScreen) anyPotential() bool {
	for _, card := range s.cards {
		if card.HasPotential() {
			return true
		}
	}
	return false
}

// anyIncomplete reports whether some vendor's evaluation is unfinished.
func (s *compareScreen) anyIncomplete() bool {
	for _, card := range s.cards {
		if card.Band == rubric.Incomplete {
			return true
		}
	}
	return false
}

// Directions in which a row's value is better.
const (
	higher = iota
	lower
)

// numberRow draws a row of numbers and marks the best among the vendors in contention
// (rubric.BestInRow), bold and with a marker, when they differ at all.
func (s *compareScreen) numberRow(label string, value func(vi int) (float64, string, bool), better int) string {
	st := s.c.Styles
	best := rubric.BestInRow(s.cards, func(vi int) (float64, bool) {
		v, _, ok := value(vi)
		return v, ok
	}, better == lower)
	return s.row(label, func(vi int) string {
		v, text, ok := value(vi)
		if ok && best.Marks(s.cards[vi], v) {
			return st.PanelTitle.Render(text + " " + bestMarker)
		}
		return text + "  "
	})
}

func (s *compareScreen) rankOf(vi int) int {
	for p, i := range s.order {
		if i == vi {
			return p
		}
	}
	return -1
}

// shortBand is the band as a marker and a word short enough for a column.
func shortBand(c *Common, b rubric.Band) string {
	return bandStyle(c, b).Render(bandMarkers[b] + " " + b.Short(c.Lang))
}

// knockoutWords name each knockout in a word or two.
var knockoutWords = map[string]rubric.Text{
	"no_business_license": {ZH: "执照", EN: "licence"},
	"no_dispatch_permit":  {ZH: "派遣证", EN: "dispatch"},
	"no_telecom_license":  {ZH: "电信证", EN: "telecom"},
	"no_nda":              {ZH: "保密", EN: "NDA"},
	"no_industry_filing":  {ZH: "备案", EN: "filing"},
	"no_data_ownership":   {ZH: "数据权", EN: "data"},
	"licence_expired":     {ZH: "资质过期", EN: "expired"},
	"licence_lapses":      {ZH: "资质到期", EN: "lapses"},
}

// knockoutCell is the number of knockouts and their short names.
func knockoutCell(c *Common, ks []rubric.Finding) string {
	if len(ks) == 0 {
		return "0  "
	}
	var words []string
	for _, k := range ks {
		w, ok := knockoutWords[k.Code]
		if !ok {
			w = rubric.Text{ZH: k.Code, EN: k.Code}
		}
		words = append(words, w.In(c.Lang))
	}
	return c.Styles.Error.Render(strconv.Itoa(len(ks)) + " " + strings.Join(words, c.Lang.Pick("、", ",")) + "  ")
}

// budgetCell says how far a price is under or over the budget, in whole percent.
func budgetCell(c *Common, pct float64) string {
	n := int(math.Round(pct))
	switch {
	case n < 0:
		return "−" + strconv.Itoa(-n) + " %"
	case n == 0:
		return "±0 %"
	}
	return c.Styles.Warn.Render("+" + strconv.Itoa(n) + c.Lang.Pick(" % 超支", " % over"))
}

// groupThousands writes a whole amount with thousands separators; cents are dropped.
func groupThousands(f float64) string {
	digits := strconv.FormatFloat(math.Round(math.Abs(f)), 'f', 0, 64)
	var b strings.Builder
	if f < 0 {
		b.WriteString("-")
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stabilityText says whether the top two keep their order when any weight moves by
// ShiftStep, or which shifts change it and how.
func (s *compareScreen) stabilityText() string {
	c := s.c
	if !s.stability.Tested {
		return rubric.NoOrderToTest.In(c.Lang)
	}
	name := func(vi int) string { return s.sess.Vendors[vi].Name }
	step := rubric.FormatNumber(rubric.ShiftStep)
	top := s.stability.Top
	if s.stability.Stable {
		return fmt.Sprintf(c.Lang.Pick("名次稳定:任一权重变动 ±%s,仍在考虑之列的前两名(%s、%s)先后不变。",
			"Stable ranking: the order of the top two in contention (%[2]s, %[3]s) holds when any weight moves ±%[1]s."), step, name(top[0]), name(top[1]))
	}
	var shifts []string
	for _, f := range s.stability.Flips {
		sign := "+"
		if f.Delta < 0 {
			sign = "−"
		}
		shift := f.Dim + " " + sign + rubric.FormatNumber(math.Abs(f.Delta))
		if f.Top[0] != top[0] {
			shifts = append(shifts, fmt.Sprintf(c.Lang.Pick("%s 使 %s 排第一", "%s puts %s first"), shift, name(f.Top[0])))
		} else {
			shifts = append(shifts, fmt.Sprintf(c.Lang.Pick("%s 使 %s 排第二", "%s puts %s second"), shift, name(f.Top[1])))
		}
	}
	return c.Lang.Pick("名次敏感:", "Sensitive ranking: ") + strings.Join(shifts, c.Lang.Pick(";", "; ")) + c.Lang.Pick("。", ".")
}

// chart is chartLines, drawn again only for another width or other scores: it shows
// every vendor whatever columns are scrolled to, and was most of a scrolling frame.
func (s *compareScreen) chart() []string {
	if k := [2]int{s.w, s.scored}; s.charted == nil || s.chartKey != k {
		s.charted, s.chartKey = s.chartLines(), k
	}
	return s.charted
}

// chartLines draw each total as a bar on a 0–100 scale with the 70 and 85 band
// thresholds marked, and an axis naming them.
func (s *compareScreen) chartLines() []string {
	c, st := s.c, s.c.Styles
	lw := s.labelWidth()
	barW := max(10, min(maxChartBar, s.w-lw-chartValueW))
	pos := func(v float64) int { return min(barW-1, int(math.Round(v/100*float64(barW)))) }
	p70, p85 := pos(70), pos(85)
	out := []string{st.PanelTitle.Render(c.Lang.Pick("总分(0–100,│ 为 70 与 85 分界)", "Totals (0–100, │ marks 70 and 85)"))}
	for p, vi := range s.order {
		card := s.cards[vi]
		filled := min(barW, int(card.Total/100*float64(barW)))
		var b strings.Builder
		// Cells are styled a run at a time, not one Render per cell: a chart of many
		// vendors is redrawn every frame.
		var run strings.Builder
		runStyle := -1
		flush := func() {
			switch runStyle {
			case 0:
				b.WriteString(st.BarFull.Render(run.String()))
			case 1:
				b.WriteString(run.String())
			case 2:
				b.WriteString(st.BarEmpty.Render(run.String()))
			}
			run.Reset()
		}
		for i := 0; i < barW; i++ {
			mark := i == p70 || i == p85
			cell, style := "·", 2
			switch {
			case i < filled && mark:
				cell, style = "┃", 0
			case i < filled:
				cell, style = "█", 0
			case mark:
				cell, style = "│", 1
			}
			if style != runStyle {
				flush()
				runStyle = style
			}
			run.WriteString(cell)
		}
		flush()
		name := strconv.Itoa(p+1) + " " + s.sess.Vendors[vi].Name
		if p >= s.ranked {
			name = dqMarker + " " + s.sess.Vendors[vi].Name
		}
		line := pad(name, lw-1) + " " + b.String() + " " + padLeft(rubric.FormatNumber(card.Total), 5) + " " + shortBand(c, card.Band)
		if p >= s.ranked {
			line = st.Faint.Render(line)
		}
		out = append(out, line)
	}
	axis := []rune(strings.Repeat(" ", barW+4))
	put := func(at int, text string) {
		for i, r := range text {
			if at+i < len(axis) {
				axis[at+i] = r
			}
		}
	}
	put(0, "0")
	put(p70, "70")
	put(max(p85, p70+3), "85")
	put(barW-1, "100")
	out = append(out, strings.Repeat(" ", lw)+st.Faint.Render(strings.TrimRight(string(axis), " ")))
	return out
}

func (s *compareScreen) legend() string {
	c := s.c
	l := c.Lang.Pick("▲ 该行最佳(只比较仍在考虑之列的优质与合格者)· 总分 ★ ≥85 优质 · ◆ 70–84 合格 · ▽ <70 放弃",
		"▲ best in the row (among excellent and qualified vendors only) · ★ ≥85 excellent · ◆ 70–84 qualified · ▽ <70 reject")
	if s.anyIncomplete() {
		l += c.Lang.Pick(" · ◐ 评估未完成:答完后可能进入更高一档,暂无结论", " · ◐ to finish: answering could lift it into a better band, no verdict yet")
	}
	if s.ranked < len(s.order) {
		l += c.Lang.Pick(" · ✗ 一票否决,列于分隔线右侧", " · ✗ disqualified, set apart to the right")
	}
	if s.anyPotential() {
		l += c.Lang.Pick(" · 最高可达:未答问题全按最佳答案计的总分", " · could reach: the total if every open question gets its best answer")
	}
	if s.ranges != nil {
		l += c.Lang.Pick(" · 总分按评估小组的共识;评估人总分区间:各评估人按自己的答案所得总分的最低与最高",
			" · totals are the panel's consensus; evaluators' range: the lowest and highest total of the evaluators' own answers")
	}
	if slices.Contains(s.own, true) {
		l += " · " + ownWords(c)
	}
	l += c.Lang.Pick(" · 高峰覆盖:承诺的高峰坐席 ÷ 高峰最忙半小时所需坐席(未给坐席数时比扩容倍数)· 全年成本:最省的计费方式,含高峰月与隐性、一次性费用 · 对比预算:全年成本 ÷ 12 对比月预算 · m 容量与成本,t 假设分析",
		" · peak cover: committed peak seats ÷ agents the peak's busiest half hour needs (else the expansion multiple) · cost a year: the cheapest billing option, peak months and hidden and one-off fees included · vs budget: a year ÷ 12 against the monthly budget · m capacity & cost, t what if")
	if !s.items {
		l += c.Lang.Pick(" · i 展开细项", " · i shows the items")
	}
	return l
}

// newWeightsForm asks for the four weights of a custom profile; each is checked as
// it is left, and the last one also checks that the four sum to 100.
func newWeightsForm(c *Common, sessionID int64, cur rubric.Profile) *formScreen {
	var f *formScreen
	fields := make([]formField, len(rubric.Dimensions))
	for d, dim := range rubric.Dimensions {
		last := d == len(rubric.Dimensions)-1
		fields[d] = formField{key: dim.ID, label: dim.ID + " " + dim.Name.In(c.Lang),
			value: rubric.FormatNumber(cur.Weights[d]), limit: 8,
			check: func(text string) error {
				if _, err := weightOf(c.Lang, text); err != nil || !last {
					return err
				}
				return weightsSumError(c.Lang, f.current())
			}}
	}
	f = newFormScreen(c, c.Lang.Pick("自定义权重", "Custom weights"), fields, func(values []string) tea.Cmd {
		var w [4]float64
		for d, v := range values {
			w[d], _ = weightOf(c.Lang, v)
		}
		p, err := rubric.CustomProfile(w[0], w[1], w[2], w[3])
		if err != nil {
			return reportErr(userErr(weightsSumError(c.Lang, values).Error()))
		}
		return tea.Sequence(c.pop(), func() tea.Msg { return profileChosenMsg{p} })
	})
	f.intro = c.Lang.Pick("四项权重之和须为 100;每项得分 = 原始分 ÷ 满分 × 权重。",
		"The four weights sum to 100; a dimension scores its raw points ÷ its maximum × its weight.")
	f.footer = func(values []string) string { return weightsSumLine(c, values) }
	return f.keepDraft(fmt.Sprintf("weights/%d", sessionID), db.DraftOf{SessionID: sessionID})
}

// weightOf reads one weight: a number from 0 to 100.
func weightOf(lang rubric.Lang, text string) (float64, error) {
	read := rubric.NumberSpec{Measure: rubric.Percent, Min: math.Inf(-1), Max: math.Inf(1)}.Read(text)
	f := read.Value
	switch {
	case read.Err != nil:
		return 0, userErr(read.Err.Message.In(lang))
	case !read.Known:
		return 0, userErr(lang.Pick("请输入 0 到 100 之间的数字", "enter a number from 0 to 100"))
	case f < 0:
		return 0, userErr(lang.Pick("权重不能为负数", "a weight cannot be negative"))
	case f > 100:
		return 0, userErr(lang.Pick("权重不能超过 100", "a weight cannot exceed 100"))
	}
	return f, nil
}

// weightsSum adds the weights; ok is false while one of them is not a number.
func weightsSum(values []string) (total float64, ok bool) {
	for _, v := range values {
		f, err := weightOf(rubric.EN, v)
		if err != nil {
			return 0, false
		}
		total += f
	}
	return total, true
}

func weightsSumError(lang rubric.Lang, values []string) error {
	total, ok := weightsSum(values)
	if !ok {
		return userErr(lang.Pick("每项权重都须为 0 到 100 之间的数字", "every weight must be a number from 0 to 100"))
	}
	if math.Abs(total-100) > 1e-9 {
		return userErr(fmt.Sprintf(lang.Pick("四项权重之和须为 100,现在是 %s", "the four weights must sum to 100, not %s"),
			rubric.FormatNumber(math.Round(total*1000)/1000)))
	}
	return nil
}

// weightsSumLine shows the sum of the weights as they are typed.
func weightsSumLine(c *Common, values []string) string {
	total, ok := weightsSum(values)
	if !ok {
		return ""
	}
	line := fmt.Sprintf(c.Lang.Pick("合计 %s / 100", "Sum %s / 100"), rubric.FormatNumber(math.Round(total*1000)/1000))
	if math.Abs(total-100) > 1e-9 {
		return c.Styles.Warn.Render("! " + line)
	}
	return c.Styles.OK.Render("✓ " + line)
}

// capacityRows set each vendor's seats and quote beside the need: whether its seats
// cover the peak, its cheapest billing option, what that comes to in a year and a
// contact, and the year against the budget.
func (s *compareScreen) capacityRows() []string {
	c := s.c
	cmp := s.cmp
	best := func(vi int) (capacity.Option, bool) {
		o, ok := cmp.Lines[vi].Cost.Best()
		return o, ok && cmp.Year.Contacts() > 0
	}
	label := func(zh, en string) string { return truncate(c.Lang.Pick(zh, en), s.labelWidth()-1) }
	out := []string{s.row(label("高峰覆盖", "Peak cover"), func(vi int) string { return peakCoverCell(c, cmp.Lines[vi].Cover) })}
	out = append(out, s.row(label("最省计费方式", "Cheapest billing"), func(vi int) string {
		o, ok := best(vi)
		if !ok {
			return "—  "
		}
		return truncate(o.Name(c.Lang), s.columnWidth()-3) + "  "
	}))
	out = append(out, s.numberRow(label("全年成本", "Cost a year"), func(vi int) (float64, string, bool) {
		o, ok := best(vi)
		if !ok {
			return 0, "—", false
		}
		return o.Annual, s.money(o.Annual), true
	}, lower))
	out = append(out, s.numberRow(label("每次咨询成本", "Cost a contact"), func(vi int) (float64, string, bool) {
		o, ok := best(vi)
		if !ok {
			return 0, "—", false
		}
		return o.PerContact, capacity.PerContactMoney(o.PerContact), true
	}, lower))
	budgetLabel := c.Lang.Pick("对比预算", "vs budget")
	if cmp.Budget != nil {
		budgetLabel += " ¥" + groupThousands(*cmp.Budget)
	}
	out = append(out, s.numberRow(truncate(budgetLabel, s.labelWidth()-1), func(vi int) (float64, string, bool) {
		o, ok := best(vi)
		share, has := cmp.BudgetShare(o.Annual / 12)
		if !ok || !has {
			return 0, "—", false
		}
		pct := (share - 1) * 100
		cell := budgetCell(c, pct)
		if pct > 0 && width(cell)+2 > s.columnWidth()-1 {
			// A narrow column keeps the figure and drops the word: the sign and
			// the colour say it is over.
			cell = c.Styles.Warn.Render(fmt.Sprintf("%+d %%", int(math.Round(pct))))
		}
		return pct, cell, true
	}, lower))
	return out
}

// peakCoverCell says in a cell whether a vendor covers the peak: its peak seats as a
// share of the agents needed, or its expansion multiple; red when short.
func peakCoverCell(c *Common, cv capacity.Coverage) string {
	var text string
	switch cv.Basis {
	case capacity.BySeats:
		text = rubric.PercentDown(cv.PeakRatio)
	case capacity.ByMultiple:
		text = "×" + rubric.FormatNumber(cv.Multiple)
	default:
		return "—  "
	}
	if cv.CoversPeak {
		return c.Styles.OK.Render("✓ "+text) + "  "
	}
	return c.Styles.Error.Render("✗ "+text) + "  "
}

// money is an amount in a cell: whole yuan when it fits beside the best-in-row
// marker, else in ten thousands (万) or millions.
func (s *compareScreen) money(x float64) string {
	m := capacity.Money(x)
	if width(m)+2 <= s.columnWidth()-1 {
		return m
	}
	if s.c.Lang == rubric.ZH {
		return "¥" + rubric.FormatNumber(math.Round(x/1e3)/10) + "万"
	}
	return "¥" + strconv.FormatFloat(x/1e6, 'f', 2, 64) + "m"
}

// needSummary says in a line or two what the requirements need at the busiest half
// hour, normal and at the peak, or why nothing is sized.
func (s *compareScreen) needSummary() []string {
	c, st := s.c, s.c.Styles
	capa := s.cmp.Capacity
	if !capa.Sized() {
		return styled(st.Inks.Warn, wrapText(c.Lang.Pick("所需人力未能测算:", "Staff needed is not sized: ")+capa.Err.Message.In(c.Lang), s.w))
	}
	n := capa.Need
	line := c.Lang.Pick("所需人力(最忙半小时,日常 → 高峰):在岗 ", "Staff needed (busiest half hour, normal → peak): on duty ") + pair(n.Agents, n.PeakAgents) +
		c.Lang.Pick(" · 排班 ", " · scheduled ") + pair(n.Scheduled, n.PeakScheduled) +
		" · FTE " + pair(wholeFTE(n.FTE), wholeFTE(n.PeakFTE))
	if len(capa.Estimated) > 0 {
		line += c.Lang.Pick(";部分取估算值(m 查看)", "; some figures are estimates (m to see them)")
	}
	return wrapText(line, s.w)
}
