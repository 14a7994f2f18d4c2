package ui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// threeMonths are the first three months of the sample vendor's trial, as its
// dashboard exports them: conversion missed throughout, first-contact resolution
// and QA in February.
const threeMonths = `period,offered,answered,answered_in_threshold,abandoned,abandoned_in_threshold,handle_time_s,first_contact_resolved,csat_responses,csat_positive,qa_sampled,qa_passed,complaints,presale_inquiries,orders
2027-01,155000,154380,139000,620,300,27788400,132000,9000,8300,300,290,40,40000,14000
2027-02,140000,139400,125000,600,250,25092000,112914,8200,7560,300,287,38,36000,12500
2027-03,155000,154300,139500,700,310,27774000,128841,9100,8400,300,291,41,40500,14200
`

// monitored opens the sample session at w×h in lang with its first vendor on
// trial from 2027-01-04, the first months of figures stored, and returns the
// vendor's id.
func monitored(t *testing.T, lang rubric.Lang, w, h, months int) (*Common, *App, *sessionScreen, int64) {
	t.Helper()
	c, app, s := openDemo(t, lang, w, h)
	v := s.sess.Vendors[0]
	e, err := engagementFor(s.sess, v.ID, monitor.Terms{From: day(t, "2027-01-04"), TrialDays: monitor.DefaultTrialDays})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := c.Store.StartEngagement(ctx, v.ID, e); err != nil {
		t.Fatal(err)
	}
	periods, err := monitor.ReadCSV(strings.NewReader(threeMonths))
	if err != nil {
		t.Fatal(err)
	}
	if months > 0 {
		if err := c.Store.ImportPeriods(ctx, v.ID, periods[:months], false); err != nil {
			t.Fatal(err)
		}
	}
	return c, app, s, v.ID
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := monitor.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// stored reads the vendor's record once every save landed.
func storedRecord(t *testing.T, c *Common, vendorID int64) monitor.Record {
	t.Helper()
	if !c.Saver.Flush(defaultFlush) {
		t.Fatal("saves did not land")
	}
	rec, err := c.Store.Monitoring(context.Background(), vendorID)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// fill types each value into a form's fields in turn, enter after each.
func fill(app *App, values ...string) {
	for _, v := range values {
		if v != "" {
			press(app, runes(v))
		}
		press(app, keyOf(tea.KeyEnter))
	}
}

func TestMonitoringGoldens(t *testing.T) {
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(string(lang)+"_"+itoa(sz[0])+"x"+itoa(sz[1]), func(t *testing.T) {
				c, app, _, _ := monitored(t, lang, sz[0], sz[1], 3)
				press(app, runes("o"))
				m := expectTop[*monitorScreen](t, app, "o")
				if m.label() != "2027-03" {
					t.Errorf("the monitoring opened on %q, want the latest period", m.label())
				}
				c.Saver.Flush(defaultFlush)
				view := app.View()
				assertFits(t, view, sz[0], sz[1])
				golden.RequireEqual(t, []byte(plain(view)))
			})
		}
	}
}

// The monitoring says, for the period shown, each KPI promised beside delivered
// with its mark, the standing with its rule, the credits of the period and in all,
// and, the trial being over, its verdict; ←/→ and [ ] move between periods.
func TestMonitoringShowsAPeriodAgainstItsPromises(t *testing.T) {
	_, app, _, _ := monitored(t, rubric.EN, 120, 60, 3)
	press(app, runes("o"))
	m := expectTop[*monitorScreen](t, app, "o")
	view := plain(app.View())
	for _, want := range []string{
		"[2027-03 ✗✗]", "Standing: Chronic breach — the same KPI missed in 2 periods in a row: the client may terminate (Inquiry conversion)",
		"≥ 38.0%     35.1% ✗", "≥ 83.0%     83.5% ✓",
		"This period: 2% of the monthly fee = ¥4,672", "Through 2027-03: ¥32,704 owed · ¥0 earned back · ¥32,704 net",
		"The vendor did not keep its promises",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the monitoring lacks %q:\n%s", want, view)
		}
	}
	press(app, keyOf(tea.KeyLeft))
	if m.label() != "2027-02" {
		t.Fatalf("← shows %q, want 2027-02", m.label())
	}
	view = plain(app.View())
	for _, want := range []string{"[2027-02 ✗✗]", "81.0% ✗", "This period: 7% of the monthly fee = ¥16,352", "QA pass rate 95.7% against ≥ 96.0%"} {
		if !strings.Contains(view, want) {
			t.Errorf("2027-02 lacks %q:\n%s", want, view)
		}
	}
	press(app, runes("["), runes("["))
	if m.label() != "2027-01" {
		t.Errorf("[ twice from 2027-02 shows %q, want the first period kept", m.label())
	}
	press(app, runes("]"))
	if m.label() != "2027-02" {
		t.Errorf("] shows %q, want 2027-02", m.label())
	}
}

// A month with no contacts is skipped, never a failure, and a month missing
// between two others is said to have no figures.
func TestMonitoringSaysSkippedPeriods(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.ZH, 80, 24, 1)
	ctx := context.Background()
	if err := c.Store.SavePeriod(ctx, vid, monitor.Period{Label: "2027-03"}, false); err != nil {
		t.Fatal(err)
	}
	press(app, runes("o"))
	m := expectTop[*monitorScreen](t, app, "o")
	if !strings.Contains(plain(app.View()), "本周期没有咨询，不计") {
		t.Errorf("a month without contacts is not said skipped:\n%s", plain(app.View()))
	}
	press(app, keyOf(tea.KeyLeft))
	if m.label() != "2027-02" || !strings.Contains(plain(app.View()), "本周期没有录入数据") {
		t.Errorf("the month between is not said to have no figures (%s):\n%s", m.label(), plain(app.View()))
	}
}

// o on a vendor that is not monitored yet asks the start's terms; what it stores
// is what vendorvet monitor start stores, from the same function.
func TestStartMonitoringFromTheSession(t *testing.T) {
	c, app, s := openDemo(t, rubric.ZH, 80, 24)
	press(app, keyOf(tea.KeyDown), runes("o"))
	f := expectTop[*formScreen](t, app, "o")
	if got := *f.values[0]; got != "2026-11-23" {
		t.Errorf("the start defaults to %q, want today", got)
	}
	if got := *f.values[1]; got != "60" {
		t.Errorf("the trial defaults to %q days, want the command's 60", got)
	}
	// A day that does not read, then trial days that do not, each refused in Chinese.
	for range 10 {
		press(app, keyOf(tea.KeyBackspace))
	}
	press(app, runes("2027-13-01"), keyOf(tea.KeyEnter))
	if !strings.Contains(plain(app.View()), "日期须写作 YYYY-MM-DD") {
		t.Errorf("a bad day is not refused in Chinese:\n%s", plain(app.View()))
	}
	for range 10 {
		press(app, keyOf(tea.KeyBackspace))
	}
	press(app, runes("2027-01-04"), keyOf(tea.KeyEnter), keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace), runes("4x"), keyOf(tea.KeyEnter))
	if !strings.Contains(plain(app.View()), "试运营天数须为 0 到 366 的整数") {
		t.Errorf("bad trial days are not refused in Chinese:\n%s", plain(app.View()))
	}
	press(app, keyOf(tea.KeyBackspace), keyOf(tea.KeyEnter), keyOf(tea.KeyRight), keyOf(tea.KeyEnter))
	m := expectTop[*monitorScreen](t, app, "the start")
	vid := s.sess.Vendors[1].ID
	if m.vendorID != vid {
		t.Fatalf("the monitoring of vendor %d opened, want %d", m.vendorID, vid)
	}
	got := storedRecord(t, c, vid).Engagement
	fresh, err := c.Store.Session(context.Background(), s.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := monitor.Start(fresh.Requirements, fresh.Rubric().Vendors[1].Answers,
		monitor.Terms{From: day(t, "2027-01-04"), TrialDays: 4, Kind: monitor.Weekly})
	if !reflect.DeepEqual(got.SLA, want.SLA) || got.Kind != monitor.Weekly || got.TrialDays != 4 || !got.TrialStart.Equal(want.TrialStart) {
		t.Errorf("stored %+v\nwant the command's %+v", got, want)
	}
	if len(got.SLA.Targets) == 0 {
		t.Error("no target came from the vendor's commitments")
	}
	// No figures yet: the targets are there, and the way to give figures.
	view := plain(app.View())
	assertFits(t, view, 80, 24)
	if !strings.Contains(view, "尚无周期数据") || !strings.Contains(view, "≥ 80.0%") {
		t.Errorf("a monitoring without figures:\n%s", view)
	}
	press(app, keyOf(tea.KeyRight), keyOf(tea.KeyLeft), keyOf(tea.KeyEnter))
	if f := expectTop[*formScreen](t, app, "enter without figures"); *f.values[0] != "2027-W01" {
		t.Errorf("the first figures are for %q, want the trial's first week", *f.values[0])
	}
	press(app, keyOf(tea.KeyEsc))
	// Back on the session, the vendor is marked as followed, and o opens the
	// monitoring itself.
	press(app, keyOf(tea.KeyEsc))
	if view := plain(app.View()); !strings.Contains(view, s.sess.Vendors[1].Name[:3]) || !strings.Contains(view, "◉ 签约后跟踪中") ||
		strings.Count(view, "◉") != 2 {
		t.Errorf("the session does not mark the one vendor followed:\n%s", view)
	}
	press(app, runes("o"))
	expectTop[*monitorScreen](t, app, "o again")
}

// A period's figures are entered in a form, each figure strictly; a period stored
// already is replaced only once the evaluator says yes; d takes a period back.
func TestPeriodFiguresAreEnteredReplacedAndRemoved(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.EN, 80, 24, 2)
	press(app, runes("o"), runes("a"))
	f := expectTop[*formScreen](t, app, "a")
	if got := *f.values[0]; got != "2027-03" {
		t.Errorf("a new period is %q, want the month after the last stored", got)
	}
	fill(app, "", "155000", "12a")
	if !strings.Contains(plain(app.View()), `handle_time_s must be seconds, zero or more, not "12a"`) &&
		!strings.Contains(plain(app.View()), `answered must be a whole number, zero or more, not "12a"`) {
		t.Errorf("a figure that does not read is not refused by name:\n%s", plain(app.View()))
	}
	press(app, keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace))
	// Answered more than offered reads, and is refused whole on submit.
	fill(app, "160000", "139500", "700", "310", "27774000", "128841", "9100", "8400", "300", "291", "41", "40500", "14200")
	if !strings.Contains(plain(app.View()), "answered (160000) is greater than offered (155000)") {
		t.Errorf("figures that cannot be are not refused:\n%s", plain(app.View()))
	}
	if n := len(storedRecord(t, c, vid).Periods); n != 2 {
		t.Fatalf("%d periods stored after a refusal, want 2", n)
	}
	expectTop[*formScreen](t, app, "after the refusal")
	for f.form.GetFocusedField().GetKey() != "answered" {
		press(app, keyOf(tea.KeyTab))
	}
	for range 6 {
		press(app, keyOf(tea.KeyBackspace))
	}
	press(app, runes("154300"))
	for f.form.GetFocusedField().GetKey() != "orders" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyEnter))
	m := expectTop[*monitorScreen](t, app, "the figures saved")
	if m.label() != "2027-03" {
		t.Errorf("the monitoring shows %q, want the period entered", m.label())
	}
	rec := storedRecord(t, c, vid)
	if len(rec.Periods) != 3 || rec.Periods[2].Answered != 154300 || rec.Periods[2].Orders != 14200 {
		t.Fatalf("stored %+v", rec.Periods)
	}

	// The same period again: asked, no keeps the figures and the form.
	press(app, keyOf(tea.KeyEnter))
	f = expectTop[*formScreen](t, app, "enter")
	if got := *f.values[1]; got != "155000" {
		t.Errorf("the period's form holds offered %q, want its stored figures", got)
	}
	for f.form.GetFocusedField().GetKey() != "offered" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyBackspace), runes("1"))
	for f.form.GetFocusedField().GetKey() != "orders" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyEnter))
	expectTop[*confirmScreen](t, app, "a stored period")
	press(app, runes("n"))
	expectTop[*formScreen](t, app, "no")
	if !strings.Contains(plain(app.View()), "Not replaced: 2027-03 keeps its figures") || *f.values[1] != "155001" {
		t.Errorf("no does not keep the form as typed (offered %q):\n%s", *f.values[1], plain(app.View()))
	}
	if got := storedRecord(t, c, vid).Periods[2].Offered; got != 155000 {
		t.Errorf("no replaced the figures: offered %d", got)
	}
	for f.form.GetFocusedField().GetKey() != "orders" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyEnter), runes("y"))
	expectTop[*monitorScreen](t, app, "yes")
	if got := storedRecord(t, c, vid).Periods[2].Offered; got != 155001 {
		t.Errorf("yes did not replace the figures: offered %d", got)
	}

	// d, then yes, in one read: the period is taken back.
	press(app, runes("dy"))
	expectTop[*monitorScreen](t, app, "dy")
	if n := len(storedRecord(t, c, vid).Periods); n != 2 {
		t.Errorf("%d periods after d and yes, want 2", n)
	}
	if m.label() != "2027-02" {
		t.Errorf("after the removal the monitoring shows %q", m.label())
	}
}

// The QA log lists the samples, logs one from a form (its score strictly from 0
// to 100) and removes one.
func TestQASamplingLog(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.ZH, 80, 24, 2)
	press(app, runes("o"), runes("s"))
	expectTop[*qaScreen](t, app, "s")
	if !strings.Contains(plain(app.View()), "还没有抽检记录") {
		t.Errorf("an empty log is not said:\n%s", plain(app.View()))
	}
	press(app, runes("a"))
	f := expectTop[*formScreen](t, app, "a")
	if got := *f.values[0]; got != "2027-02" {
		t.Errorf("a sample's period defaults to %q, want the one shown", got)
	}
	fill(app, "", "CONV-88213", "101")
	if !strings.Contains(plain(app.View()), "质检评分须为 0 到 100 的数") {
		t.Errorf("a score over 100 is not refused:\n%s", plain(app.View()))
	}
	press(app, keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace))
	fill(app, "72", "答非所问,未核对订单号", "重新培训退换货话术")
	q := expectTop[*qaScreen](t, app, "logged")
	view := plain(app.View())
	for _, want := range []string{"CONV-88213", "72", "答非所问", "措施：重新培训退换货话术"} {
		if !strings.Contains(view, want) {
			t.Errorf("the log lacks %q:\n%s", want, view)
		}
	}
	rec := storedRecord(t, c, vid)
	if len(rec.QA) != 1 || rec.QA[0].Score != 72 || rec.QA[0].Period != "2027-02" {
		t.Fatalf("stored %+v", rec.QA)
	}
	press(app, keyOf(tea.KeyEsc))
	m := expectTop[*monitorScreen](t, app, "esc")
	if got := plain(m.qaLine(200)); !strings.HasPrefix(got, "质检抽检：本周期 1 条，平均 72 分") {
		t.Errorf("the monitoring counts the samples as %q", got)
	}
	press(app, runes("s"))
	q = expectTop[*qaScreen](t, app, "s again")
	press(app, runes("d"), runes("y"))
	if len(storedRecord(t, c, vid).QA) != 0 || len(q.entries) != 0 {
		t.Errorf("d and yes left the entry")
	}
}

// Keys read together act one by one where they land: ]]/[[ move period by
// period, and the rest of a burst that opens a screen goes to that screen.
func TestMonitoringKeysInOneBurst(t *testing.T) {
	_, app, _, _ := monitored(t, rubric.EN, 80, 24, 3)
	press(app, runes("o[["))
	m := expectTop[*monitorScreen](t, app, "o[[")
	if m.label() != "2027-01" {
		t.Errorf("o[[ in one read shows %q, want 2027-01", m.label())
	}
	press(app, runes("]]]"))
	if m.label() != "2027-03" {
		t.Errorf("]]] shows %q, want the last period kept", m.label())
	}
	// s opens the log, a its form, and what follows is typed into the form.
	press(app, runes("saX"))
	f := expectTop[*formScreen](t, app, "saX")
	if got := *f.values[0]; got != "2027-03X" {
		t.Errorf("the form's first field holds %q, want the period and the X typed after a", got)
	}
	if _, ok := app.stack[len(app.stack)-2].(*qaScreen); !ok {
		t.Errorf("under the form is %T, want the log", app.stack[len(app.stack)-2])
	}
}

// Figures another window imports show while the monitoring is open.
func TestMonitoringShowsAnotherWindowsFigures(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.EN, 80, 24, 2)
	press(app, runes("o"))
	m := expectTop[*monitorScreen](t, app, "o")
	other := otherWindow(t, c)
	periods, err := monitor.ReadCSV(strings.NewReader(threeMonths))
	if err != nil {
		t.Fatal(err)
	}
	if err := other.ImportPeriods(context.Background(), vid, periods[2:], false); err != nil {
		t.Fatal(err)
	}
	press(app, dataChangedMsg{changed: true})
	if len(m.rev.Periods) != 3 || !strings.Contains(plain(app.View()), "2027-03") {
		t.Errorf("the period imported elsewhere does not show:\n%s", plain(app.View()))
	}
}

// A vendor removed elsewhere is said in words, not shown empty.
func TestMonitoringOfAVendorGone(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.EN, 80, 24, 1)
	press(app, runes("o"))
	if err := c.Store.RemoveVendor(context.Background(), vid); err != nil {
		t.Fatal(err)
	}
	press(app, reloadMsg{})
	m := expectTop[*monitorScreen](t, app, "reload")
	if !errors.Is(m.err, db.ErrNotFound) {
		t.Errorf("err %v, want not found", m.err)
	}
	assertFits(t, app.View(), 80, 24)
}

// Letters that are commands on the monitoring (a, d, s, [, ], q, ?) are text in
// every field of its forms, typed one key at a time, and change nothing stored.
func TestTypedLettersAreTextInTheMonitoringForms(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, _, vid := monitored(t, rubric.EN, 100, 30, 2)
		unchanged := func() string {
			rec, err := c.Store.Monitoring(context.Background(), vid)
			if err != nil {
				return err.Error()
			}
			if len(rec.Periods) != 2 || len(rec.QA) != 0 {
				return "the figures or the QA log changed"
			}
			return ""
		}
		ty := &typist{t: t, app: app, still: unchanged}
		press(app, runes("o"), runes("a"))
		f := expectTop[*formScreen](t, app, "a")
		for i, fd := range f.fields {
			// Each field is left holding what lets the focus move on.
			after := "1"
			if fd.key == "period" {
				after = ""
			}
			ty.probe(textField{"period form " + fd.key, formFieldValue(f, i), fd.limit}, after)
			if i < len(f.fields)-1 {
				press(app, keyOf(tea.KeyTab))
			}
		}
		press(app, keyOf(tea.KeyEsc), runes("s"), runes("a"))
		f = expectTop[*formScreen](t, app, "s, a")
		for i, fd := range f.fields {
			limit := fd.limit
			if limit == 0 || limit > 200 {
				limit = 200
			}
			after := map[string]string{"ref": "R", "score": "50"}[fd.key]
			ty.probe(textField{"QA form " + fd.key, formFieldValue(f, i), limit}, after)
			if i < len(f.fields)-1 {
				press(app, keyOf(tea.KeyTab))
			}
		}
		press(app, keyOf(tea.KeyEsc))
		expectTop[*qaScreen](t, app, "esc")
	})
}

// Every monitoring screen fits the terminal, and below the minimum the terminal is
// said to be too small.
func TestMonitoringScreensFitEverySize(t *testing.T) {
	for _, lang := range langs {
		c, app, s, vid := monitored(t, lang, 80, 24, 3)
		if _, err := c.Store.AddQA(context.Background(), vid, monitor.QAEntry{Period: "2027-02", Ref: strings.Repeat("会话", 30),
			Score: 68, Finding: strings.Repeat("未核对订单号就答复退款时效。", 20), Action: strings.Repeat("重新培训。", 30)}); err != nil {
			t.Fatal(err)
		}
		open := map[string]struct {
			keys []tea.Msg
			top  string
		}{
			"monitoring":   {[]tea.Msg{runes("o")}, "*ui.monitorScreen"},
			"period form":  {[]tea.Msg{runes("o"), keyOf(tea.KeyEnter)}, "*ui.formScreen"},
			"QA log":       {[]tea.Msg{runes("o"), runes("s")}, "*ui.qaScreen"},
			"QA form":      {[]tea.Msg{runes("o"), runes("s"), runes("a")}, "*ui.formScreen"},
			"start form":   {[]tea.Msg{keyOf(tea.KeyDown), runes("o")}, "*ui.formScreen"},
			"removal asks": {[]tea.Msg{runes("o"), runes("d")}, "*ui.confirmScreen"},
		}
		for name, o := range open {
			for _, sz := range [][2]int{{20, 5}, {40, 12}, {80, 24}, {120, 40}, {200, 60}} {
				press(app, tea.WindowSizeMsg{Width: 80, Height: 24})
				for len(app.stack) > 2 {
					press(app, keyOf(tea.KeyEsc))
				}
				s.cursor = 0
				press(app, o.keys...)
				if got := fmt.Sprintf("%T", app.top()); got != o.top {
					t.Fatalf("%s opened %s", name, got)
				}
				press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				view := app.View()
				assertFits(t, view, sz[0], sz[1])
				small := sz[0] < minWidth || sz[1] < minHeight
				if says := strings.Contains(plain(view), lang.Pick("终端窗口太小", "Terminal too small")); says != small {
					t.Errorf("%s %s at %dx%d: too small said %v:\n%s", lang, name, sz[0], sz[1], says, plain(view))
				}
			}
		}
	}
}

// The credits say the cap when it applies and what came back by earn-back, in the
// period and in all.
func TestMonitoringCreditsCappedAndEarnedBack(t *testing.T) {
	c, app, _, vid := monitored(t, rubric.EN, 120, 60, 3)
	ctx := context.Background()
	e, err := c.Store.Engagement(ctx, vid)
	if err != nil {
		t.Fatal(err)
	}
	e.SLA.Schedule.EarnBack = 1
	if err := c.Store.SaveEngagement(ctx, vid, e); err != nil {
		t.Fatal(err)
	}
	press(app, runes("o"))
	view := plain(app.View())
	// February's first-contact resolution credit (2 % of ¥233,600) comes back in
	// March, which meets it.
	for _, want := range []string{"This period: 2% of the monthly fee = ¥4,672 · ¥4,672 earned back",
		"Through 2027-03: ¥32,704 owed · ¥4,672 earned back · ¥28,032 net", "earned back after 1 period met"} {
		if !strings.Contains(view, want) {
			t.Errorf("the credits lack %q:\n%s", want, view)
		}
	}
	e.SLA.Schedule.Cap = 6
	if err := c.Store.SaveEngagement(ctx, vid, e); err != nil {
		t.Fatal(err)
	}
	press(app, reloadMsg{}, keyOf(tea.KeyLeft))
	if view := plain(app.View()); !strings.Contains(view, "This period: 6% of the monthly fee = ¥14,016 (7% in all, capped at 6%)") {
		t.Errorf("the cap is not said:\n%s", view)
	}
}

// Esc twice in one read (alt+esc to the terminal) goes back twice: from the QA
// log to the session.
func TestEscTwiceInOneReadGoesBackTwice(t *testing.T) {
	_, app, _, _ := monitored(t, rubric.EN, 80, 24, 1)
	press(app, runes("os"))
	expectTop[*qaScreen](t, app, "os")
	press(app, tea.KeyMsg{Type: tea.KeyEsc, Alt: true})
	expectTop[*sessionScreen](t, app, "esc esc")
}
