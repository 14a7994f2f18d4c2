package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/review"
	"vendorvet/rubric"
)

// monitorScreen is a chosen vendor held to its promises, one period at a time:
// each KPI's target beside what was delivered, its trend, met or missed; the
// period's standing with its rule, the credits it owes and owed in all; the QA
// samples of the period; and, once the trial is over, its verdict. What it shows
// is the monthly business review's (review.Build), so that the screen and the
// report never differ.
type monitorScreen struct {
	c        *Common
	sess     *db.Session
	vendorID int64
	rec      monitor.Record
	rev      review.Review
	// err is why the record could not be read; nothing else is shown then.
	err error
	// sel is the period shown, an index of rev.Periods.
	sel  int
	pane resultsPane
	w, h int
	keys monitorKeys
}

// openMonitoring opens a vendor's monitoring, or, when it has none yet, the form
// that starts it.
func openMonitoring(c *Common, sess *db.Session, vendorID int64) tea.Cmd {
	ctx, cancel := c.ctx()
	defer cancel()
	_, err := c.Store.Engagement(ctx, vendorID)
	switch {
	case errors.Is(err, db.ErrNoEngagement):
		return c.push(newStartForm(c, sess, vendorID))
	case err != nil:
		return reportErr(err)
	}
	return c.push(newMonitorScreen(c, sess, vendorID))
}

func newMonitorScreen(c *Common, sess *db.Session, vendorID int64) *monitorScreen {
	s := &monitorScreen{c: c, sess: sess, vendorID: vendorID, keys: c.keys().Monitor}
	s.load()
	s.sel = max(0, len(s.rev.Periods)-1)
	return s
}

// vendorName is the vendor's name as the session in memory has it, renamed or not.
func vendorName(sess *db.Session, vendorID int64) string {
	if v := findVendor(sess, vendorID); v != nil {
		return v.Name
	}
	return ""
}

// load reads the record again and works the review out, keeping the period shown.
func (s *monitorScreen) load() {
	c := s.c
	shown := s.label()
	ctx, cancel := c.ctx()
	defer cancel()
	rec, err := c.Store.Monitoring(ctx, s.vendorID)
	if err == nil {
		var rev review.Review
		rev, err = review.Build(review.Input{Session: s.sess.Title, Client: s.sess.Client, Vendor: vendorName(s.sess, s.vendorID),
			Record: rec, Today: c.Now(), Lang: c.Lang})
		s.rec, s.rev = rec, rev
	}
	s.err = err
	s.pane.changed()
	if i := slices.IndexFunc(s.rev.Periods, func(p review.Period) bool { return p.Period == shown }); i >= 0 {
		s.sel = i
	}
	s.sel = max(0, min(s.sel, len(s.rev.Periods)-1))
}

// label is the period shown, "" when there is none.
func (s *monitorScreen) label() string {
	if s.sel >= len(s.rev.Periods) {
		return ""
	}
	return s.rev.Periods[s.sel].Period
}

// readsStore marks a screen that shows what it reads from the store outside the
// open session: it reads again when another window commits anything.
func (s *monitorScreen) readsStore() {}

func (s *monitorScreen) Init() tea.Cmd    { return nil }
func (s *monitorScreen) Typing() bool     { return false }
func (s *monitorScreen) SetSize(w, h int) { s.w, s.h = w, h }
func (s *monitorScreen) Title() string {
	return vendorName(s.sess, s.vendorID) + s.c.Lang.Pick(" · 监控", " · monitoring")
}

func (s *monitorScreen) ShortHelp() []key.Binding {
	if s.err != nil {
		return []key.Binding{s.keys.Back}
	}
	keys := []key.Binding{s.keys.Prev, s.keys.Figures, s.keys.Add, s.keys.QA, s.keys.Back, s.keys.Up}
	if s.stored() {
		keys = append(keys, s.keys.Remove)
	}
	return keys
}

func (s *monitorScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{s.keys.Prev, s.keys.Next, s.keys.Up, s.keys.Down, s.keys.PageUp, s.keys.PageDown},
		{s.keys.Figures, s.keys.Add, s.keys.Remove, s.keys.QA, s.keys.Back},
	}
}

// stored reports whether the period shown has figures in the store.
func (s *monitorScreen) stored() bool {
	return s.sel >= 0 && s.sel < len(s.rev.Periods) && s.rev.Periods[s.sel].Stored
}

// periodSavedMsg says that a period's figures were written: it is the one shown.
type periodSavedMsg struct{ label string }

func (s *monitorScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		s.load()
	case periodSavedMsg:
		s.load()
		if i := slices.IndexFunc(s.rev.Periods, func(p review.Period) bool { return p.Period == msg.label }); i >= 0 {
			s.sel = i
		}
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *monitorScreen) key(k tea.KeyMsg) tea.Cmd {
	c := s.c
	if key.Matches(k, s.keys.Back) {
		return c.pop()
	}
	if s.err != nil {
		return nil
	}
	switch {
	case key.Matches(k, s.keys.Prev):
		s.sel = max(0, s.sel-1)
		s.pane.changed()
	case key.Matches(k, s.keys.Next):
		s.sel = max(0, min(len(s.rev.Periods)-1, s.sel+1))
		s.pane.changed()
	case key.Matches(k, s.keys.Up):
		s.pane.top--
	case key.Matches(k, s.keys.Down):
		s.pane.top++
	case key.Matches(k, s.keys.PageUp):
		s.pane.scroll(-1)
	case key.Matches(k, s.keys.PageDown):
		s.pane.scroll(1)
	case key.Matches(k, s.keys.Figures):
		label := s.label()
		if label == "" {
			label = s.nextLabel()
		}
		return c.push(newPeriodForm(c, s, label, s.figuresOf(label)))
	case key.Matches(k, s.keys.Add):
		return c.push(newPeriodForm(c, s, s.nextLabel(), nil))
	case key.Matches(k, s.keys.Remove) && s.stored():
		return s.removePeriod(s.label())
	case key.Matches(k, s.keys.QA):
		return c.push(newQAScreen(c, s.sess, s.vendorID, s.label()))
	}
	return nil
}

// figuresOf is the stored figures of a period, nil when it has none.
func (s *monitorScreen) figuresOf(label string) *monitor.Period {
	for i := range s.rec.Periods {
		if s.rec.Periods[i].Label == label {
			return &s.rec.Periods[i]
		}
	}
	return nil
}

// nextLabel is the period a new period's figures are most likely for: the one
// after the last stored, or the engagement's first.
func (s *monitorScreen) nextLabel() string {
	e := s.rec.Engagement
	if n := len(s.rec.Periods); n > 0 {
		_, end, err := e.Kind.Span(s.rec.Periods[n-1].Label)
		if err == nil {
			return e.Kind.Label(end)
		}
	}
	return e.Kind.Label(e.TrialStart)
}

// removePeriod asks, then takes the period's figures back.
func (s *monitorScreen) removePeriod(label string) tea.Cmd {
	c := s.c
	vendorID := s.vendorID
	return c.push(newConfirmScreen(c, c.Lang.Pick("删除周期数据", "Remove a period's figures"),
		fmt.Sprintf(c.Lang.Pick("删除周期 %s 的全部数据？其扣款与状态随之重新计算。", "Remove every figure of %s? Its credits and standing are worked out again."), label),
		func() tea.Cmd {
			return c.write(label, func(ctx context.Context, st *db.Store) error {
				return st.RemovePeriod(ctx, vendorID, label)
			}, func() tea.Cmd { return func() tea.Msg { return reloadMsg{} } })
		}))
}

// Standing marks, one a period, that read without colour.
func standingMark(p review.Period) string {
	switch {
	case !p.Stored:
		return "?"
	case p.Skipped:
		return "-"
	}
	switch monitor.Standing(p.Standing) {
	case monitor.Meets:
		return "✓"
	case monitor.Watch:
		return "~"
	case monitor.Chronic:
		return "✗✗"
	}
	return "✗"
}

// standingInk is the colour of a standing.
func standingInk(st *Styles, p review.Period) Ink {
	switch {
	case !p.Stored || p.Skipped:
		return st.Inks.Faint
	}
	switch monitor.Standing(p.Standing) {
	case monitor.Meets:
		return st.Inks.OK
	case monitor.Watch:
		return st.Inks.Warn
	}
	return st.Inks.Error
}

func (s *monitorScreen) View() string {
	c, st := s.c, s.c.Styles
	if s.err != nil {
		return st.Header.Render(truncate(vendorName(s.sess, s.vendorID), s.w)) + "\n\n" +
			strings.Join(wrapText(c.errorText(s.err), s.w), "\n")
	}
	head := s.headLines()
	body := s.pane.view(c, s.w, max(1, s.h-len(head)), func(w int) []segment { return []segment{eager(s.bodyLines(w))} })
	return strings.Join(head, "\n") + "\n" + body
}

// headLines stay at the top: the vendor and its terms, the periods with the one
// shown, and its standing with the rule.
func (s *monitorScreen) headLines() []string {
	c, st, w := s.c, s.c.Styles, s.w
	lang := c.Lang
	e := s.rec.Engagement
	out := []string{st.Header.Render(truncate(vendorName(s.sess, s.vendorID), w))}
	terms := termsLine(e, lang)
	out = append(out, st.Inks.Faint.Paint(truncate(terms, w)))
	out = append(out, s.periodStrip(w))
	if len(s.rev.Periods) == 0 {
		return append(out, "")
	}
	p := s.rev.Periods[s.sel]
	var line string
	switch {
	case !p.Stored:
		line = lang.Pick("本周期没有录入数据：按 enter 录入", "No figures for this period: enter gives them")
	case p.Skipped:
		line = lang.Pick("本周期没有咨询，不计", "No contacts in this period: skipped, not scored")
	default:
		line = lang.Pick("状态：", "Standing: ") + monitor.Standing(p.Standing).Name().In(lang) + lang.Pick(" — ", " — ") + p.Rule
		if len(p.Chronic) > 0 {
			var names []string
			for _, k := range p.Chronic {
				names = append(names, monitor.KPI(k).Name().In(lang))
			}
			line += lang.Pick("（", " (") + strings.Join(names, lang.Pick("、", ", ")) + lang.Pick("）", ")")
		}
	}
	ink := standingInk(st, p)
	for _, l := range wrapText(line, w) {
		out = append(out, ink.Paint(l))
	}
	return append(out, "")
}

// termsLine sums the engagement up in a line: the trial, the contract, how the
// figures are cut.
func termsLine(e monitor.Engagement, lang rubric.Lang) string {
	var parts []string
	if e.TrialDays > 0 {
		parts = append(parts, fmt.Sprintf(lang.Pick("试运营 %s 至 %s（%d 天）", "trial %s to %s (%d days)"),
			e.TrialStart.Format(monitor.DateLayout), e.TrialEnd().AddDate(0, 0, -1).Format(monitor.DateLayout), e.TrialDays))
	}
	if !e.ContractStart.IsZero() {
		end := lang.Pick("未定", "open")
		if !e.ContractEnd.IsZero() {
			end = e.ContractEnd.Format(monitor.DateLayout)
		}
		parts = append(parts, fmt.Sprintf(lang.Pick("合同 %s 至 %s", "contract %s to %s"), e.ContractStart.Format(monitor.DateLayout), end))
	} else {
		parts = append(parts, lang.Pick("合同未签", "no contract yet"))
	}
	parts = append(parts, e.Kind.Name().In(lang))
	return strings.Join(parts, " · ")
}

// periodStrip lists the periods, each with its standing's mark, the one shown in
// brackets, as many as fit around it.
func (s *monitorScreen) periodStrip(w int) string {
	c, st := s.c, s.c.Styles
	ps := s.rev.Periods
	if len(ps) == 0 {
		return st.Inks.Warn.Paint(truncate(c.Lang.Pick("尚无周期数据：a 录入，或用 vendorvet monitor import 导入 CSV",
			"No figures yet: a enters a period, vendorvet monitor import reads a CSV"), w))
	}
	cell := func(i int) string {
		text := ps[i].Period + " " + standingMark(ps[i])
		if i == s.sel {
			return "[" + text + "]"
		}
		return " " + text + " "
	}
	head := fmt.Sprintf(c.Lang.Pick("周期 %d/%d", "Period %d/%d"), s.sel+1, len(ps))
	room := w - width(head) - 2
	lo, hi := s.sel, s.sel+1
	used := width(cell(s.sel))
	// Neighbours on both sides in turn, while they fit.
	for grew := true; grew; {
		grew = false
		if lo > 0 && used+width(cell(lo-1)) <= room {
			lo--
			used += width(cell(lo))
			grew = true
		}
		if hi < len(ps) && used+width(cell(hi)) <= room {
			used += width(cell(hi))
			hi++
			grew = true
		}
	}
	var b strings.Builder
	b.WriteString(st.Inks.Faint.Paint(head))
	b.WriteString(" ")
	if lo > 0 {
		b.WriteString("…")
	}
	for i := lo; i < hi; i++ {
		text := cell(i)
		if i == s.sel {
			b.WriteString(st.Selected.Render(text))
		} else {
			b.WriteString(standingInk(st, ps[i]).Paint(text))
		}
	}
	if hi < len(ps) {
		b.WriteString("…")
	}
	return b.String()
}

// Columns of the KPI table.
const (
	targetCol = 11
	valueCol  = 11
	// originFrom is the width from which the table says where each target came from.
	originFrom = 110
)

// bodyLines are what scrolls under the head: the KPI table, the credits, the
// period's misses, its QA samples, the trial's verdict and the terms.
func (s *monitorScreen) bodyLines(w int) []string {
	var out []string
	out = append(out, s.kpiLines(w)...)
	out = append(out, "")
	out = append(out, s.creditLines(w)...)
	if m := s.missLines(w); len(m) > 0 {
		out = append(out, "")
		out = append(out, m...)
	}
	out = append(out, "")
	out = append(out, s.qaLine(w))
	out = append(out, "")
	out = append(out, s.trialLines(w)...)
	out = append(out, "")
	out = append(out, s.termLines(w)...)
	return out
}

// kpiLines are one row a KPI: what was promised beside what the period delivered,
// met or missed, and the trend across the periods.
func (s *monitorScreen) kpiLines(w int) []string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	ps := s.rev.Periods
	// The trend shows as many periods as fit, up to the one shown.
	trendHead := lang.Pick("趋势", "trend")
	sparkN := min(len(ps), max(4, w/4))
	sparkW := max(sparkN, width(trendHead))
	end := min(len(ps), max(s.sel+1, sparkN))
	start := max(0, end-sparkN)
	originW := 0
	if w >= originFrom {
		originW = w / 4
	}
	// The names take what they need, as far as the other columns leave room.
	names := width(lang.Pick("指标", "KPI"))
	for _, tr := range s.rev.KPIs {
		names = max(names, width(tr.Name))
	}
	nameW := max(8, min(names, w-2-targetCol-valueCol-sparkW-originW-4))
	if originW > 0 {
		originW = w - 2 - nameW - targetCol - valueCol - sparkW - 4
	}
	shown := lang.Pick("本周期", "delivered")
	if len(ps) > 0 {
		shown = ps[s.sel].Period
	}
	head := pad(lang.Pick("指标", "KPI"), nameW) + " " + pad(lang.Pick("承诺", "promised"), targetCol) + " " +
		pad(shown, valueCol) + " " + pad(trendHead, sparkW)
	if originW > 0 {
		head += " " + pad(lang.Pick("承诺来源（第 5 步）", "committed in (step 5)"), originW)
	}
	out := []string{"  " + st.Header.Render(strings.TrimRight(head, " "))}
	for _, tr := range s.rev.KPIs {
		k := monitor.KPI(tr.KPI)
		target := "—"
		if tr.Target != nil {
			target = k.TargetWords(*tr.Target)
		}
		value, mark, ink := "—", "", Ink{}
		if s.sel < len(tr.Delivered) {
			d := tr.Delivered[s.sel]
			if d.Value != nil {
				value = k.Format(*d.Value)
			}
			if d.Met != nil && *d.Met {
				mark, ink = " ✓", st.Inks.OK
			} else if d.Met != nil {
				mark, ink = " ✗", st.Inks.Error
			}
		}
		values, known := make([]float64, 0, end-start), make([]bool, 0, end-start)
		for _, d := range tr.Delivered[start:end] {
			if d.Value != nil {
				values, known = append(values, *d.Value), append(known, true)
			} else {
				values, known = append(values, 0), append(known, false)
			}
		}
		line := "  " + pad(tr.Name, nameW) + " " + pad(target, targetCol) + " " + ink.Paint(pad(value+mark, valueCol)) + " " + s.trend(values, known, s.sel-start, sparkW)
		if originW > 0 {
			origin := lang.Pick("手动设定", "set by hand")
			if q, ok := rubric.QuestionByID(tr.Origin); ok {
				origin = q.Label.In(lang)
			} else if tr.Target == nil {
				origin = ""
			}
			line += " " + st.Inks.Faint.Paint(truncate(origin, originW))
		}
		out = append(out, strings.TrimRight(line, " "))
	}
	if len(s.rec.SLA.Targets) == 0 {
		out = append(out, styled(st.Inks.Warn, wrapText(lang.Pick("没有目标：服务商第 5 步未作可核对的承诺；用 vendorvet monitor set --target 设定。",
			"No targets: the vendor made no step-5 commitment the figures can check; set them with vendorvet monitor set --target."), w))...)
	}
	return out
}

// trend is a KPI's sparkline in w cells, the bar of the period shown (at) underlined.
func (s *monitorScreen) trend(values []float64, known []bool, at, w int) string {
	bars := []rune(sparkline(values, known))
	if at < 0 || at >= len(bars) {
		return pad(string(bars), w)
	}
	return string(bars[:at]) + s.c.Styles.Header.Render(string(bars[at])) + pad(string(bars[at+1:]), w-at-1)
}

// creditLines are the credits the period shown owes, after the cap and with what
// came back, and those of every period so far.
func (s *monitorScreen) creditLines(w int) []string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	num := rubric.FormatGrouped
	sch := s.rec.SLA.Schedule
	known := s.rev.Credits.Known
	money := func(x float64) string { return capacity.Money(x) }
	out := []string{st.Inks.Title.Paint(truncate(lang.Pick("服务扣款", "Service credits"), w))}
	var line string
	switch {
	case len(s.rev.Periods) == 0 || !s.rev.Periods[s.sel].Stored || s.rev.Periods[s.sel].Skipped:
		line = lang.Pick("本周期：不计", "This period: none, nothing is scored")
	default:
		p := s.rev.Periods[s.sel]
		if p.CreditPercentBeforeCap == 0 && p.EarnedBack == 0 {
			line = lang.Pick("本周期：无扣款", "This period: no credit owed")
			break
		}
		line = fmt.Sprintf(lang.Pick("本周期：月服务费的 %s%%", "This period: %s%% of the monthly fee"), num(p.CreditPercent))
		if known {
			line += " = " + money(p.Credit)
		}
		if p.CapApplied {
			line += fmt.Sprintf(lang.Pick("（合计 %s%% 超过上限，按 %s%% 计）", " (%s%% in all, capped at %s%%)"), num(p.CreditPercentBeforeCap), num(p.CreditPercent))
		}
		if p.EarnedBack > 0 {
			line += fmt.Sprintf(lang.Pick(" · 返还 %s", " · %s earned back"), money(p.EarnedBack))
		}
	}
	out = append(out, wrapText(line, w)...)
	cr := s.rev.Credits
	var total string
	if known {
		through := lang.Pick("累计", "In all")
		if s.rev.Through != "" {
			through = fmt.Sprintf(lang.Pick("累计至 %s", "Through %s"), s.rev.Through)
		}
		total = fmt.Sprintf(lang.Pick("%s：应扣 %s · 已返还 %s · 净额 %s", "%s: %s owed · %s earned back · %s net"),
			through, money(cr.Owed), money(cr.EarnedBack), money(cr.Net))
	} else {
		total = lang.Pick("月服务费未知，扣款只计比例；用 vendorvet monitor set --fee 给出", "The monthly fee is not known: credits are in per cent only; give it with vendorvet monitor set --fee")
	}
	out = append(out, wrapText(total, w)...)
	rule := lang.Pick("每周期上限 ", "capped at ") + num(sch.Cap) + lang.Pick("%", "% a period")
	if sch.Cap <= 0 {
		rule = lang.Pick("无上限", "no cap")
	}
	if sch.EarnBack > 0 {
		periods := lang.Pick(" · 其后连续 %d 个周期达标即返还", " · earned back after %d periods met")
		if sch.EarnBack == 1 {
			periods = lang.Pick(" · 其后 %d 个周期达标即返还", " · earned back after %d period met")
		}
		rule += fmt.Sprintf(periods, sch.EarnBack)
	} else {
		rule += lang.Pick(" · 不返还", " · no earn-back")
	}
	return append(out, styled(st.Inks.Faint, wrapText(rule, w))...)
}

// missLines are the period's misses, each with what it costs and why.
func (s *monitorScreen) missLines(w int) []string {
	c, st := s.c, s.c.Styles
	label := s.label()
	var out []string
	for _, m := range s.rev.Misses {
		if m.Period != label {
			continue
		}
		if out == nil {
			out = append(out, st.Inks.Title.Paint(truncate(c.Lang.Pick("未达标", "Misses"), w)))
		}
		for i, l := range wrapText(m.Why, w-2) {
			lead := "  "
			if i == 0 {
				lead = "✗ "
			}
			out = append(out, lead+l)
		}
	}
	return out
}

// qaLine counts the period's QA samples and says where the log is.
func (s *monitorScreen) qaLine(w int) string {
	c, st := s.c, s.c.Styles
	label := s.label()
	n, sum := 0, 0.0
	for _, q := range s.rec.QA {
		if q.Period == label {
			n++
			sum += q.Score
		}
	}
	line := fmt.Sprintf(c.Lang.Pick("质检抽检：本周期 %d 条", "QA sampling: %d this period"), n)
	if n > 0 {
		line += fmt.Sprintf(c.Lang.Pick("，平均 %s 分", ", averaging %s"), rubric.FormatNumber(sum/float64(n)))
	}
	line += fmt.Sprintf(c.Lang.Pick("，共 %d 条 — s 查看与记录", ", %d in all — s to read and log them"), len(s.rec.QA))
	return st.Inks.Title.Paint(truncate(line, w))
}

// trialLines say the trial's verdict once it is over, or how long it runs still.
func (s *monitorScreen) trialLines(w int) []string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	e := s.rec.Engagement
	out := []string{st.Inks.Title.Paint(truncate(lang.Pick("试运营结论", "Trial verdict"), w))}
	t := s.rev.Trial
	if t == nil {
		if e.TrialDays == 0 {
			return append(out, styled(st.Inks.Faint, wrapText(lang.Pick("没有试运营：合同即开始。", "No trial: the contract started at once."), w))...)
		}
		today := monitor.Day(c.Now())
		last := e.TrialEnd().AddDate(0, 0, -1).Format(monitor.DateLayout)
		if today.Before(e.TrialStart) {
			return append(out, styled(st.Inks.Faint, wrapText(fmt.Sprintf(lang.Pick("试运营自 %s 至 %s；结束后在此给出结论。",
				"The trial runs from %s to %s; its verdict is given here once it is over."), e.TrialStart.Format(monitor.DateLayout), last), w))...)
		}
		left := int(e.TrialEnd().Sub(today).Hours() / 24)
		return append(out, styled(st.Inks.Faint, wrapText(fmt.Sprintf(lang.Pick("试运营进行中，至 %s（还有 %d 天）；结束后在此给出结论。",
			"The trial runs until %s (%d days left); its verdict is given here once it is over."),
			e.TrialEnd().AddDate(0, 0, -1).Format(monitor.DateLayout), left), w))...)
	}
	ink := st.Inks.Warn
	switch monitor.Verdict(t.Verdict) {
	case monitor.Kept:
		ink = st.Inks.OK
	case monitor.Broken:
		ink = st.Inks.Error
	case monitor.Unmeasured:
		ink = st.Inks.Faint
	}
	out = append(out, styled(ink, wrapText(t.Sentence, w))...)
	var tallies []string
	for _, k := range t.KPIs {
		tallies = append(tallies, fmt.Sprintf("%s %d/%d", monitor.KPI(k.KPI).Name().In(lang), k.Met, k.Measured))
	}
	if len(tallies) > 0 {
		out = append(out, styled(st.Inks.Faint, wrapText(lang.Pick("达标周期：", "Periods met: ")+strings.Join(tallies, " · "), w))...)
	}
	return out
}

// termLines are the terms the figures are held to.
func (s *monitorScreen) termLines(w int) []string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	e := s.rec.Engagement
	out := []string{st.Inks.Title.Paint(truncate(lang.Pick("条款", "Terms"), w))}
	sl := lang.Pick("服务水平口径：", "Service level: ") + e.SLA.Definition.Name().In(lang)
	if e.ThresholdS > 0 {
		sl += fmt.Sprintf(lang.Pick("；阈值 %s 秒", "; threshold %s s"), rubric.FormatGrouped(e.ThresholdS))
	}
	fee := lang.Pick("月服务费：", "Monthly fee: ")
	switch e.FeeSource {
	case monitor.FeeFromQuote:
		fee += capacity.Money(e.SLA.MonthlyFee) + lang.Pick("，按第 6 步报价折算的日常月成本", ", a normal month at our volume from the step-6 quote")
	case monitor.FeeGiven:
		fee += capacity.Money(e.SLA.MonthlyFee) + lang.Pick("（手动给出）", " (as given)")
	default:
		fee += lang.Pick("未知", "not known")
	}
	for _, l := range []string{sl, fee, lang.Pick("扣款：", "Credits: ") + e.SLA.Schedule.Words(lang),
		lang.Pick("标记：✓ 达标 · ~ 观察 · ✗ 违约 · ✗✗ 持续违约 · - 无咨询 · ? 未录入；条款用 vendorvet monitor set 修改。",
			"Marks: ✓ meets · ~ watch · ✗ breach · ✗✗ chronic breach · - no contacts · ? no figures. Change the terms with vendorvet monitor set.")} {
		out = append(out, styled(st.Inks.Faint, wrapText(l, w))...)
	}
	return out
}
