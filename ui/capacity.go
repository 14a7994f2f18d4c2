package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// Layout of the capacity screens.
const (
	// minPlanForm and maxPlanForm bound the form beside the results: wide enough for
	// a title and its number on two lines, no wider than the results can spare.
	minPlanForm = 40
	maxPlanForm = 56
	// needCell is a column of the need table: "123 → 1234" and a space or two.
	needCell = 12
	// maxNarrowForm is the most lines the form takes above the results.
	maxNarrowForm = 12
)

// capacityScreen is the capacity plan beside what it comes to: the agents each queue
// needs at the busiest half hour of a normal day and of the peak, and what each
// vendor's seats cover and its quote costs for that volume. The plan is saved as it
// is typed, field by field, as step 1 is; the results follow every key.
type capacityScreen struct {
	reqEditor
	// cards say which vendors are disqualified. Knockouts rest on no field of the
	// plan, so a change of the plan leaves them as they are.
	cards []rubric.Scorecard
	cmp   capacity.Comparison
	pane  resultsPane
	w, h  int
	// done is set when the screen has asked to close, so that it closes once.
	done bool
	keys capacityKeys
}

func newCapacityScreen(c *Common, sess *db.Session) *capacityScreen {
	s := &capacityScreen{reqEditor: reqEditor{c: c, sess: sess, newForm: planForm}}
	c.Saver.Know(sess)
	s.build()
	s.rescore()
	s.keys = c.keys().Capacity
	return s
}

// planForm is the form of the plan: its general fields, then those of each queue
// the chosen channels use.
func planForm(lang rubric.Lang, r rubric.Requirements, drafts map[string]string, opts ...wizard.Option) *wizard.Requirements {
	return wizard.NewRequirementFields(lang, r, drafts, planFieldIDs(r), opts...)
}

// planFieldIDs are the plan's fields that matter under r, in their order: the
// general ones, then each queue's in use.
func planFieldIDs(r rubric.Requirements) []string {
	inUse := r.QueuesInUse()
	var ids []string
	for _, f := range rubric.RequirementFields {
		if !f.Plan {
			continue
		}
		// A queue's fields are named after it: "phone_aht_s".
		if q, _, _ := strings.Cut(f.ID, "_"); slices.Contains(rubric.PlanQueues, q) && !slices.Contains(inUse, q) {
			continue
		}
		ids = append(ids, f.ID)
	}
	return ids
}

// vendorsOf are the vendors of a session as the comparison takes them: as the panel
// judges them (judge).
func vendorsOf(sess *db.Session) []rubric.Vendor { return judge(sess).vendors }

// rescore scores the vendors again and sets them beside the need.
func (s *capacityScreen) rescore() {
	s.cards = scoreAll(s.sess, s.cards)
	s.compare()
}

// compare sets the vendors beside the need of the requirements in memory.
func (s *capacityScreen) compare() {
	s.cmp = capacity.Compare(s.sess.Requirements, vendorsOf(s.sess), s.cards)
	s.pane.changed()
}

func (s *capacityScreen) Init() tea.Cmd { return s.form.Form.Init() }
func (s *capacityScreen) Title() string { return s.c.Lang.Pick("容量与成本", "Capacity & cost") }
func (s *capacityScreen) Typing() bool  { return s.form.Typing() }

func (s *capacityScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.resize(s.formSize())
}

// formSize is the form's room: beside the results on a wide terminal, above them
// on a narrow one.
func (s *capacityScreen) formSize() (int, int) {
	return planFormSize(s.w, s.h, 1)
}

// planFormSize is the room of a form of the capacity screens under head lines of
// title, w×h being the screen's.
func planFormSize(w, h, head int) (int, int) {
	if w >= wideLayout {
		// The results keep room for the need table's four columns.
		return max(minPlanForm, min(maxPlanForm, w-64)), max(3, h-head-1)
	}
	return w, max(3, min(maxNarrowForm, (h-head-1)*2/5))
}

func (s *capacityScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Field, s.keys.WhatIf, s.keys.Back, s.keys.Scroll}
}

func (s *capacityScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Field, s.keys.PageUp, s.keys.PageDown, s.keys.WhatIf, s.keys.Back}, s.form.Form.KeyBinds()}
}

func (s *capacityScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if s.done {
		return s, nil
	}
	switch msg := msg.(type) {
	case sessionMergedMsg:
		return s, s.merged(msg)
	case reloadMsg:
		// Back from the what-if, which may have adopted other requirements.
		cmd := s.rebuild()
		s.rescore()
		return s, cmd
	case SavedMsg:
		// The status line shows it; the form has nothing to draw again.
		return s, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Back):
			s.collect()
			s.done = true
			return s, s.c.pop()
		case key.Matches(msg, s.keys.PageUp):
			s.pane.scroll(-1)
			return s, nil
		case key.Matches(msg, s.keys.PageDown):
			s.pane.scroll(1)
			return s, nil
		case key.Matches(msg, s.keys.WhatIf):
			return s, s.c.push(newWhatIfScreen(s.c, s.sess))
		}
	}
	cmd, changed, done := s.update(msg)
	if changed {
		s.compare()
	}
	if done {
		s.done = true
		return s, s.c.pop()
	}
	return s, cmd
}

// merged shows a change made elsewhere: the plan's form is built again when the
// requirements changed, and every vendor is set beside the need again.
func (s *capacityScreen) merged(m sessionMergedMsg) tea.Cmd {
	var cmd tea.Cmd
	if m.requirements {
		cmd = s.rebuild()
	}
	s.rescore()
	return cmd
}

func (s *capacityScreen) View() string {
	c, st := s.c, s.c.Styles
	title := truncate(st.Header.Render(c.Lang.Pick("容量与成本", "Capacity & cost"))+
		st.Inks.Faint.Paint(c.Lang.Pick("  计划修改即保存;空白项取估算值", "  saved as you type; empty fields take estimates")), s.w)
	fw, fh := s.formSize()
	return planLayout(s.w, s.h, title, s.view(fw, fh), fw, fh, func(w, h int) string {
		return s.pane.view(c, w, h, func(w int) []segment { return capacitySegments(c, s.cmp, nil, w) })
	})
}

// planLayout puts a form and its results under a title: side by side on a wide
// terminal, the results below a rule on a narrow one. results draws them in w×h.
func planLayout(w, h int, title, form string, fw, fh int, results func(w, h int) string) string {
	head := strings.Count(title, "\n") + 1
	if w >= wideLayout {
		rw := w - fw - 2
		return title + "\n\n" + besides(form, fw, "  ", results(rw, max(1, h-head-1)))
	}
	rule := strings.Repeat("─", w)
	return title + "\n" + fitBody(form, w, fh) + "\n" + rule + "\n" + results(w, max(1, h-head-fh-1))
}

// besides sets right beside left, left padded to lw cells, line by line: what
// lipgloss.JoinHorizontal does, without measuring every line twice, as a frame of
// the what-if is drawn on every key.
func besides(left string, lw int, gap, right string) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	for i := range max(len(ls), len(rs)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if i < len(ls) {
			l = ls[i]
		}
		b.WriteString(pad(l, lw))
		if i < len(rs) {
			b.WriteString(gap + rs[i])
		}
	}
	return b.String()
}

// segment is a part of the results: n lines, drawn by draw only when one of them is
// on screen. A long shortlist is drawn a screen at a time, not whole on every key.
type segment struct {
	n    int
	draw func() []string
}

// eager is a segment of lines already drawn.
func eager(lines []string) segment { return segment{len(lines), func() []string { return lines }} }

// resultsPane is the results beside a plan, drawn again only when what they show
// changed or another part of them is scrolled to, a page at a time.
type resultsPane struct {
	top int
	// page is the height last shown, the size of a scroll.
	page int
	// version counts the changes of what is shown; segs were laid out for drawn, w.
	version, drawn int
	w              int
	segs           []segment
	total          int
	// shown is the last screenful, for shownKey.
	shown    string
	shownKey [4]int
}

// changed says that what the pane shows changed.
func (p *resultsPane) changed() { p.version++ }

// scroll moves by pages; view keeps it within the lines. A page is two lines short
// of the height: the lines that said there was more above and below are shown on
// the next page.
func (p *resultsPane) scroll(pages int) { p.top += pages * max(1, p.page-2) }

// view shows the results in w×h from the scrolled place, laid out by layout when
// they changed, saying on the first and last lines when there is more above or
// below.
func (p *resultsPane) view(c *Common, w, h int, layout func(w int) []segment) string {
	if p.segs == nil || p.drawn != p.version || p.w != w {
		p.segs, p.drawn, p.w = layout(w), p.version, w
		p.total = 0
		for _, sg := range p.segs {
			p.total += sg.n
		}
		p.shown = ""
	}
	p.page = h
	p.top = max(0, min(p.top, p.total-h))
	key := [4]int{p.version, w, h, p.top}
	if p.shown != "" && p.shownKey == key {
		return p.shown
	}
	end := min(p.total, p.top+h)
	shown := make([]string, 0, end-p.top)
	at := 0
	for _, sg := range p.segs {
		if at+sg.n > p.top && at < end {
			lines := sg.draw()
			for i := max(0, p.top-at); i < sg.n && at+i < end; i++ {
				shown = append(shown, lines[i])
			}
		}
		at += sg.n
	}
	st := c.Styles
	if p.top > 0 && len(shown) > 1 {
		shown[0] = st.Inks.Faint.Paint(truncate(fmt.Sprintf(c.Lang.Pick("↑ 上面还有 %d 行(pgup)", "↑ %d more lines (pgup)"), p.top+1), w))
	}
	if end < p.total && len(shown) > 1 {
		shown[len(shown)-1] = st.Inks.Faint.Paint(truncate(fmt.Sprintf(c.Lang.Pick("↓ 还有 %d 行(pgdn)", "↓ %d more lines (pgdn)"), p.total-end+1), w))
	}
	// Lines are drawn within w, or, on a terminal too narrow for the need table,
	// cut by the frame at its edge: the pane is always the rightmost part.
	p.shown, p.shownKey = strings.Join(shown, "\n"), key
	return p.shown
}

// capacitySegments are the need, the cheapest vendor that covers the peak and every
// vendor's coverage and cost, in w cells. now, when given, is the comparison under
// the saved requirements, shown beside a what-if.
func capacitySegments(c *Common, cmp capacity.Comparison, now *capacity.Comparison, w int) []segment {
	st := c.Styles
	head := needLines(c, cmp.Capacity, w)
	if now != nil && now.Capacity.Sized() {
		n := now.Capacity.Need
		line := c.Lang.Pick("现行需求:在岗 ", "Saved plan: on duty ") + pair(n.Agents, n.PeakAgents) +
			c.Lang.Pick(" · 排班 ", " · scheduled ") + pair(n.Scheduled, n.PeakScheduled) +
			" · FTE " + pair(wholeFTE(n.FTE), wholeFTE(n.PeakFTE))
		head = append(head, styled(st.Inks.Faint, wrapText(line, w))...)
	}
	head = append(head, "")
	head = append(head, cheapestLines(c, cmp, w)...)
	head = append(head, "", st.Inks.Title.Paint(truncate(c.Lang.Pick("服务商:高峰覆盖与成本(最省的计费方式)", "Vendors: peak coverage and cost (cheapest billing)"), w)))
	if len(cmp.Lines) == 0 {
		head = append(head, st.Inks.Faint.Paint(truncate(c.Lang.Pick("尚无服务商", "no vendors yet"), w)))
	}
	segs := []segment{eager(head)}
	for i := range cmp.Lines {
		segs = append(segs, segment{vendorLineCount(cmp, i), func() []string { return vendorCapacityLines(c, cmp, i, w) }})
	}
	if cmp.Capacity.Sized() {
		legend := append([]string{""}, styled(st.Inks.Faint, wrapText(c.Lang.Pick(
			"每格为日常 → 高峰;在岗:最忙半小时同时在线的坐席;排班:计入缺勤后需排班的人数;FTE:需雇用的全职人数。全年成本含高峰月与隐性、一次性费用。",
			"Each cell is normal → peak. On duty: agents at the busiest half hour; scheduled: after shrinkage; FTE: full-time people to employ. A year's cost includes the peak months and hidden and one-off fees."), w))...)
		segs = append(segs, eager(legend))
	}
	return segs
}

// styled paints each line in ink.
func styled(ink Ink, lines []string) []string {
	for i, l := range lines {
		lines[i] = ink.Paint(l)
	}
	return lines
}

// needLines are the need by queue and in all, with the fields taken at their
// estimate, or why nothing is sized.
func needLines(c *Common, capa rubric.Capacity, w int) []string {
	lang, st := c.Lang, c.Styles
	out := []string{st.Inks.Title.Paint(truncate(lang.Pick("所需人力 · 最忙半小时", "Staff needed · busiest half hour"), w))}
	if !capa.Sized() {
		return append(out, styled(st.Inks.Warn, wrapText(lang.Pick("未能测算:", "Nothing is sized: ")+capa.Err.Message.In(lang), w))...)
	}
	nameW := max(8, w-3*needCell)
	out = append(out, st.Inks.Faint.Paint(pad(lang.Pick("队列 · 目标", "Queue · target"), nameW)+
		padLeft(lang.Pick("在岗", "On duty"), needCell)+padLeft(lang.Pick("排班", "Scheduled"), needCell)+padLeft("FTE", needCell)))
	for _, ch := range capa.Need.Channels {
		name := queueShortName(ch.ID, lang) + " " + capacity.TargetWords(ch.Channel, lang)
		out = append(out, pad(name, nameW)+padLeft(pair(ch.Busiest.Agents, ch.PeakBusiest.Agents), needCell)+
			padLeft(pair(ch.Busiest.Scheduled, ch.PeakBusiest.Scheduled), needCell)+
			padLeft(pair(wholeFTE(ch.FTE), wholeFTE(ch.PeakFTE)), needCell))
	}
	n := capa.Need
	out = append(out, st.Inks.Title.Paint(pad(lang.Pick("合计", "Total"), nameW)+padLeft(pair(n.Agents, n.PeakAgents), needCell)+
		padLeft(pair(n.Scheduled, n.PeakScheduled), needCell)+padLeft(pair(wholeFTE(n.FTE), wholeFTE(n.PeakFTE)), needCell)))
	if est := capacity.EstimatedWords(capa, lang); est != "" {
		out = append(out, styled(st.Inks.Warn, wrapText(lang.Pick("估算:", "Estimated: ")+est, w))...)
	}
	return out
}

// queueShortName is a queue's name without what it gathers: the table names the
// chat queue "Chat", its channels being those chosen in step 1.
func queueShortName(id string, lang rubric.Lang) string {
	name := rubric.QueueName(id).In(lang)
	if i := strings.IndexAny(name, "(（"); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	return name
}

// pair is a normal and a peak figure: "17 → 145".
func pair(normal, peak int) string { return strconv.Itoa(normal) + " → " + strconv.Itoa(peak) }

// wholeFTE is a number of people to employ, whole, as the year's cost counts them.
func wholeFTE(x float64) int { return int(math.Ceil(x - 1e-9)) }

// cheapestLines name the cheapest vendor for the year that covers the peak, or say
// that none does, in the comparison's words: green with a star when one does, red
// with a cross when none does.
func cheapestLines(c *Common, cmp capacity.Comparison, w int) []string {
	st := c.Styles
	if !cmp.Priced() {
		return nil // nothing is priced without a volume; the need above says so
	}
	words := cmp.CheapestWords(c.Lang)
	switch {
	case cmp.Cheapest >= 0:
		return styled(st.Inks.OK, wrapText("★ "+words, w))
	case cmp.CheapestAny >= 0:
		return styled(st.Inks.Error, wrapText("✗ "+words, w))
	}
	return styled(st.Inks.Faint, wrapText(words, w))
}

// vendorShape says which lines a vendor's part has besides its name and peak
// coverage: its normal seats when short, its cost in two lines, the budget, and the
// prices missing.
type vendorShape struct{ shortNormal, priced, budget, missing bool }

func shapeOf(cmp capacity.Comparison, i int) vendorShape {
	l := cmp.Lines[i]
	_, priced := l.Cost.Best()
	priced = priced && cmp.Year.Contacts() > 0
	_, budget := cmp.BudgetShare(1)
	return vendorShape{
		shortNormal: l.Cover.HasSeats && l.Cover.Ratio > 0 && l.Cover.Ratio < 1,
		priced:      priced,
		budget:      priced && budget,
		missing:     len(l.Cost.Missing) > 0,
	}
}

// vendorLineCount is the lines of vendorCapacityLines, known without drawing them.
func vendorLineCount(cmp capacity.Comparison, i int) int {
	sh := shapeOf(cmp, i)
	n := 3 // name, peak coverage, and the cost or why there is none
	for _, more := range []bool{sh.shortNormal, sh.priced, sh.budget, sh.missing} {
		if more {
			n++
		}
	}
	return n
}

// vendorCapacityLines are one vendor's peak coverage (in red when short, with the
// numbers), its cheapest billing option's year, contact and months, the budget, and
// the prices it still lacks, a line each, cut to w cells. A disqualified vendor is
// drawn faint and so marked.
func vendorCapacityLines(c *Common, cmp capacity.Comparison, i, w int) []string {
	lang, st := c.Lang, c.Styles
	l := cmp.Lines[i]
	sh := shapeOf(cmp, i)
	mark, markInk, coverInk := "?", st.Inks.Faint, st.Inks.Faint
	switch {
	case l.Cover.Basis == capacity.Unknown:
	case l.Cover.CoversPeak:
		mark, markInk, coverInk = "✓", st.Inks.OK, Ink{}
	default:
		mark, markInk, coverInk = "✗", st.Inks.Error, st.Inks.Error
	}
	name := l.Name
	if l.Out {
		name += lang.Pick("(一票否决,不参与比较)", " (disqualified, left out)")
	}
	out := make([]string, 0, 7)
	out = append(out, markInk.Paint(mark)+" "+st.Inks.Title.Paint(truncate(name, w-2)))
	line := func(ink Ink, text string) {
		if l.Out {
			ink = st.Inks.Faint
		}
		out = append(out, "  "+ink.Paint(truncate(text, w-2)))
	}
	line(coverInk, l.Cover.Words(cmp.Capacity, cmp.Year.PeakMultiple, lang))
	if sh.shortNormal {
		line(st.Inks.Error, l.Cover.NormalWords(cmp.Capacity, lang))
	}
	var plain Ink
	if sh.priced {
		o, _ := l.Cost.Best()
		// The year and a contact first: where the line is cut, the option's name
		// goes before them.
		line(plain, fmt.Sprintf(lang.Pick("全年 %s · 每次咨询 %s · %s", "%s a year · %s a contact · %s"),
			capacity.Money(o.Annual), capacity.PerContactMoney(o.PerContact), o.Name(lang)))
		line(plain, lang.Pick("平常月 ", "normal month ")+capacity.Money(o.NormalMonth)+
			lang.Pick(" · 高峰月 ", " · peak month ")+capacity.Money(o.PeakMonth))
		if sh.budget {
			share, _ := cmp.BudgetShare(o.NormalMonth)
			avg, _ := cmp.BudgetShare(o.Annual / 12)
			ink := plain
			if avg > 1 {
				ink = st.Inks.Warn
			}
			line(ink, lang.Pick("占月预算:平常月 ", "Budget: normal month ")+rubric.PercentDown(share)+
				lang.Pick(" · 全年月均 ", " · the year's average month ")+rubric.PercentDown(avg))
		}
	} else {
		line(st.Inks.Warn, noCostWords(l.Cost, cmp, lang))
	}
	if sh.missing {
		line(st.Inks.Warn, lang.Pick("缺报价:", "Prices missing: ")+l.Cost.MissingWords(lang))
	}
	return out
}

// noCostWords say why a vendor's year cannot be worked out.
func noCostWords(e capacity.Estimate, cmp capacity.Comparison, lang rubric.Lang) string {
	switch {
	case cmp.Year.Contacts() <= 0:
		return lang.Pick("全年成本需先填日均咨询量", "a year's cost needs the daily volume")
	case e.NoStaff:
		return lang.Pick("按坐席或工时计费需先测算人力", "per-agent and per-hour prices need the staff, and nothing is sized")
	case len(e.Missing) > 0:
		return lang.Pick("报价不全,无法折算", "not enough prices to work out a year")
	}
	return lang.Pick("未报价", "no prices given")
}
