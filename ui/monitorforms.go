package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// newStartForm starts a vendor's trial and monitoring: the first day, the days of
// the trial and how its figures are cut. The targets and the fee are the vendor's
// step-5 commitments and step-6 quote, worked out as `vendorvet monitor start`
// works them out (monitor.Start), shown below the form before anything is written.
func newStartForm(c *Common, sess *db.Session, vendorID int64) *formScreen {
	lang := c.Lang
	name := vendorName(sess, vendorID)
	sessID := sess.ID
	kinds := []formOption{
		{string(monitor.Monthly), monitor.Monthly.Name().In(lang)},
		{string(monitor.Weekly), monitor.Weekly.Name().In(lang)},
	}
	f := newFormScreen(c, lang.Pick("开始试运营与监控：", "Start trial & monitoring: ")+name, []formField{
		{key: "from", label: lang.Pick("试运营开始日期", "Trial starts on"), value: monitor.Day(c.Now()).Format(monitor.DateLayout),
			placeholder: "YYYY-MM-DD", required: true, limit: 10, check: func(s string) error { _, err := readDay(lang, s); return err }},
		{key: "trial_days", label: lang.Pick("试运营天数", "Days of trial"), value: strconv.Itoa(monitor.DefaultTrialDays),
			required: true, limit: 3, check: func(s string) error { _, err := readTrialDays(lang, s); return err }},
		{key: "period_kind", label: lang.Pick("统计周期（←/→ 选择）", "Periods (←/→ to choose)"), options: kinds},
	}, func(vals []string) tea.Cmd {
		from, err := readDay(lang, vals[0])
		if err != nil {
			return reportErr(err)
		}
		days, err := readTrialDays(lang, vals[1])
		if err != nil {
			return reportErr(err)
		}
		terms := monitor.Terms{From: from, TrialDays: days, Kind: monitor.PeriodKind(vals[2])}
		return c.write(name, func(ctx context.Context, st *db.Store) error {
			// Read as the command reads it, after every change queued before.
			fresh, err := st.Session(ctx, sessID)
			if err != nil {
				return err
			}
			e, err := engagementFor(fresh, vendorID, terms)
			if err != nil {
				return err
			}
			err = st.StartEngagement(ctx, vendorID, e)
			if errors.Is(err, db.ErrEngagementExists) {
				return userErr(lang.Pick("未保存：另一窗口刚开始了该服务商的监控；按 esc 返回后再按 o 查看。",
					"Not saved: another window has just started this vendor's monitoring; esc, then o, shows it."))
			}
			return err
		}, func() tea.Cmd { return c.replace(newMonitorScreen(c, sess, vendorID)) })
	})
	f.intro = lang.Pick("目标取自该服务商第 5 步的承诺，月服务费取自第 6 步报价（与 vendorvet monitor start 相同）；条款之后可用 vendorvet monitor set 修改。",
		"The targets are the vendor's step-5 commitments and the monthly fee its step-6 quote, as vendorvet monitor start takes them; vendorvet monitor set changes the terms later.")
	f.footer = func(vals []string) string {
		from, err := readDay(lang, vals[0])
		if err != nil {
			from = monitor.Day(c.Now())
		}
		days, err := readTrialDays(lang, vals[1])
		if err != nil {
			days = monitor.DefaultTrialDays
		}
		e, err := engagementFor(sess, vendorID, monitor.Terms{From: from, TrialDays: days, Kind: monitor.PeriodKind(vals[2])})
		if err != nil {
			return ""
		}
		return startPreview(c, e)
	}
	return f.keepDraft(fmt.Sprintf("monitor-start/%d", vendorID), db.DraftOf{SessionID: sessID, VendorID: vendorID})
}

// engagementFor is the engagement a vendor of sess starts on with terms t: from
// its answers as the panel judges them, as the command takes them.
func engagementFor(sess *db.Session, vendorID int64, t monitor.Terms) (monitor.Engagement, error) {
	for i, v := range sess.Vendors {
		if v.ID == vendorID {
			return monitor.Start(sess.Requirements, sess.Rubric().Vendors[i].Answers, t), nil
		}
	}
	return monitor.Engagement{}, fmt.Errorf("vendor %d: %w", vendorID, db.ErrNotFound)
}

// startPreview says what the engagement will hold the vendor to: its targets and
// the fee.
func startPreview(c *Common, e monitor.Engagement) string {
	lang, st := c.Lang, c.Styles
	w := max(20, min(c.Width-4, 100))
	var parts []string
	for _, t := range e.SLA.Targets {
		p := t.KPI.Name().In(lang) + " " + t.KPI.TargetWords(t.Value)
		if t.KPI == monitor.ServiceLevelKPI && e.ThresholdS > 0 {
			p += fmt.Sprintf(lang.Pick("（%s 秒内）", " within %s s"), rubric.FormatGrouped(e.ThresholdS))
		}
		parts = append(parts, p)
	}
	targets := lang.Pick("目标：", "Targets: ") + strings.Join(parts, " · ")
	if len(parts) == 0 {
		targets = lang.Pick("没有目标：服务商第 5 步未作可核对的承诺。", "No targets: the vendor made no step-5 commitment the figures can check.")
	}
	fee := lang.Pick("月服务费：报价无法折算，扣款只计比例", "Monthly fee: the quote does not give one; credits in per cent only")
	if e.FeeSource == monitor.FeeFromQuote {
		fee = lang.Pick("月服务费：", "Monthly fee: ") + capacity.Money(e.SLA.MonthlyFee)
	}
	lines := append(wrapText(targets, w), wrapText(fee+lang.Pick("；", "; ")+e.SLA.Schedule.Words(lang), w)...)
	return "\n" + st.Faint.Render(strings.Join(lines, "\n"))
}

// readDay reads a day written YYYY-MM-DD.
func readDay(lang rubric.Lang, s string) (time.Time, error) {
	d, perr := monitor.ParseDate(s)
	if perr != nil {
		return d, userErr(lang.Pick(fmt.Sprintf("日期须写作 YYYY-MM-DD(如 2027-01-04),而不是 %q", strings.TrimSpace(s)),
			fmt.Sprintf("a day is written YYYY-MM-DD (2027-01-04), not %q", strings.TrimSpace(s))))
	}
	return d, nil
}

// readTrialDays reads the days of a trial, a whole number the store accepts.
func readTrialDays(lang rubric.Lang, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > monitor.MaxTrialDays {
		return 0, userErr(fmt.Sprintf(lang.Pick("试运营天数须为 0 到 %d 的整数，而不是 %q", "a trial lasts a whole number of days from 0 to %d, not %q"),
			monitor.MaxTrialDays, strings.TrimSpace(s)))
	}
	return n, nil
}

// periodFigure is one figure of a period: its column in the dashboard's CSV, which
// names it in every message about it, and what it counts.
type periodFigure struct {
	col  string
	name rubric.Text
	// seconds is handle time, the one figure that is not a whole count.
	seconds bool
}

// periodFigures are the figures of a period in the CSV's order (monitor.Columns).
var periodFigures = []periodFigure{
	{"offered", rubric.Text{ZH: "进线量", EN: "contacts that reached the queue"}, false},
	{"answered", rubric.Text{ZH: "接通量", EN: "answered"}, false},
	{"answered_in_threshold", rubric.Text{ZH: "阈值内接通", EN: "answered within the threshold"}, false},
	{"abandoned", rubric.Text{ZH: "放弃量", EN: "abandoned"}, false},
	{"abandoned_in_threshold", rubric.Text{ZH: "阈值内放弃", EN: "abandoned within the threshold"}, false},
	{"handle_time_s", rubric.Text{ZH: "总处理时长(秒)", EN: "seconds of handle time in all"}, true},
	{"first_contact_resolved", rubric.Text{ZH: "一次解决量", EN: "resolved at the first contact"}, false},
	{"csat_responses", rubric.Text{ZH: "满意度回复", EN: "survey answers"}, false},
	{"csat_positive", rubric.Text{ZH: "满意(4–5 分)", EN: "survey answers of 4 or 5"}, false},
	{"qa_sampled", rubric.Text{ZH: "质检抽样", EN: "conversations sampled"}, false},
	{"qa_passed", rubric.Text{ZH: "质检合格", EN: "sampled that passed"}, false},
	{"complaints", rubric.Text{ZH: "投诉量", EN: "complaints"}, false},
	{"presale_inquiries", rubric.Text{ZH: "售前询单", EN: "pre-sale inquiries"}, false},
	{"orders", rubric.Text{ZH: "下单量", EN: "orders from them"}, false},
}

// figureLabel is a figure's label: its column, and in Chinese its name first, so
// that a refusal naming the column points at one field.
func figureLabel(lang rubric.Lang, col, zh string) string {
	const colW = 23
	if lang == rubric.ZH {
		return pad(zh, 15) + " " + pad(col, colW)
	}
	return pad(col, colW)
}

// newPeriodForm enters the figures of a period of m's vendor, label first; given
// figures fill it (a period stored already), nil leaves it empty. A period stored
// already is replaced only once the evaluator says so.
func newPeriodForm(c *Common, m *monitorScreen, label string, given *monitor.Period) *formScreen {
	lang := c.Lang
	vendorID := m.vendorID
	fields := []formField{{key: "period", label: figureLabel(lang, "period", "周期"), value: label, required: true, inline: true, limit: 8,
		placeholder: m.rec.Kind.Label(monitor.Day(c.Now())),
		check: func(s string) error {
			_, _, err := m.rec.Kind.Span(strings.TrimSpace(s))
			return monitorErr(lang, err)
		}}}
	for _, fig := range periodFigures {
		value := ""
		if given != nil {
			value = figureValue(given, fig.col)
		}
		fig := fig
		fields = append(fields, formField{key: fig.col, label: figureLabel(lang, fig.col, fig.name.ZH), value: value, inline: true, limit: 40,
			placeholder: figurePlaceholder(lang, fig), check: func(s string) error { _, err := readFigure(lang, fig, s); return err }})
	}
	title := lang.Pick("周期数据：", "A period's figures: ") + vendorName(m.sess, vendorID)
	f := newFormScreen(c, title, fields, func(vals []string) tea.Cmd {
		p := monitor.Period{Label: vals[0]}
		for i, fig := range periodFigures {
			x, err := readFigure(lang, fig, vals[i+1])
			if err != nil {
				return reportErr(err)
			}
			setFigure(&p, fig.col, x)
		}
		// The store is asked again: another window may have stored the period since.
		ctx, cancel := c.ctx()
		defer cancel()
		rec, err := c.Store.Monitoring(ctx, vendorID)
		if err != nil {
			return reportErr(err)
		}
		if err := rec.CheckPeriod(p); err != nil {
			return reportErr(err)
		}
		save := func(replace bool) tea.Cmd {
			return c.write(p.Label, func(ctx context.Context, st *db.Store) error {
				err := st.SavePeriod(ctx, vendorID, p, replace)
				var exists *db.PeriodExistsError
				if errors.As(err, &exists) {
					return userErr(fmt.Sprintf(lang.Pick("未保存：周期 %s 的数据刚由另一窗口录入；再按 enter 会问是否替换。",
						"Not saved: another window has just stored the figures of %s; enter again asks whether to replace them."), p.Label))
				}
				return err
			}, func() tea.Cmd {
				return tea.Sequence(c.pop(), func() tea.Msg { return periodSavedMsg{p.Label} })
			})
		}
		for _, old := range rec.Periods {
			if old.Label != p.Label {
				continue
			}
			ask := newConfirmScreen(c, lang.Pick("替换周期数据", "Replace a period's figures"),
				fmt.Sprintf(lang.Pick("周期 %s 已有数据（进线 %d）。用刚填写的数据替换？", "%s has figures already (%d offered). Replace them with these?"), p.Label, old.Offered),
				func() tea.Cmd { return save(true) })
			ask.onNo = func() tea.Cmd {
				return reportErr(userErr(fmt.Sprintf(lang.Pick("未替换：周期 %s 的数据保持原样，填写的内容仍在表中。", "Not replaced: %s keeps its figures; what was typed is still in the form."), p.Label)))
			}
			return c.push(ask)
		}
		return save(false)
	})
	f.intro = lang.Pick("与服务商后台导出的 CSV 各列相同；每项为整数，处理时长为秒。",
		"The columns of the vendor dashboard's CSV: whole counts, handle time in seconds.")
	return f.keepDraft(fmt.Sprintf("period/%d", vendorID), db.DraftOf{SessionID: m.sess.ID, VendorID: vendorID})
}

// monitorErr is a refusal of the arithmetic said in the user's language; nil
// stays nil.
func monitorErr(lang rubric.Lang, err error) error {
	var me *monitor.Error
	if errors.As(err, &me) {
		return userErr(lang.Pick(me.ZH, me.EN))
	}
	return err
}

// readFigure reads one figure strictly: a whole count of zero or more, or for
// handle time seconds of zero or more. Each refusal names the figure.
func readFigure(lang rubric.Lang, fig periodFigure, s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, userErr(fmt.Sprintf(lang.Pick("%s 必填（没有则填 0）", "%s is needed (0 when there were none)"), fig.col))
	}
	if fig.seconds {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, userErr(fmt.Sprintf(lang.Pick("%s 须为不小于 0 的秒数，而不是 %q", "%s must be seconds, zero or more, not %q"), fig.col, s))
		}
		return x, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, userErr(fmt.Sprintf(lang.Pick("%s 须为不小于 0 的整数，而不是 %q", "%s must be a whole number, zero or more, not %q"), fig.col, s))
	}
	return float64(n), nil
}

// figurePointers are a period's figures by column.
func figurePointers(p *monitor.Period) map[string]*int {
	return map[string]*int{
		"offered": &p.Offered, "answered": &p.Answered, "answered_in_threshold": &p.AnsweredInThreshold,
		"abandoned": &p.Abandoned, "abandoned_in_threshold": &p.AbandonedInThreshold,
		"first_contact_resolved": &p.FirstContactResolved, "csat_responses": &p.CSATResponses,
		"csat_positive": &p.CSATPositive, "qa_sampled": &p.QASampled, "qa_passed": &p.QAPassed,
		"complaints": &p.Complaints, "presale_inquiries": &p.PresaleInquiries, "orders": &p.Orders,
	}
}

func setFigure(p *monitor.Period, col string, x float64) {
	if col == "handle_time_s" {
		p.HandleTimeS = x
		return
	}
	*figurePointers(p)[col] = int(x)
}

func figureValue(p *monitor.Period, col string) string {
	if col == "handle_time_s" {
		return strconv.FormatFloat(p.HandleTimeS, 'f', -1, 64)
	}
	return strconv.Itoa(*figurePointers(p)[col])
}

// figurePlaceholder says in English what a figure counts, its column's name being
// English words; the Chinese label names it already.
func figurePlaceholder(lang rubric.Lang, fig periodFigure) string {
	if lang == rubric.ZH {
		return ""
	}
	return fig.name.EN
}
