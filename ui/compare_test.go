package ui

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
)

// storeSession imports a session and loads it back as the screens get it.
func storeSession(t *testing.T, c *Common, s rubric.Session) *db.Session {
	t.Helper()
	ctx := context.Background()
	id, err := c.Store.ImportSession(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.Store.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// demoWith is the sample session cut or grown to n vendors: the first and the
// disqualified one of the sample always, then the others, then variations of the
// sample vendors with their own names, prices and weaker answers.
func demoWith(lang rubric.Lang, n int) rubric.Session {
	s := demo.Session(lang)
	base := s.Vendors
	picked := []rubric.Vendor{base[0], base[3], base[1], base[2]}
	names := []rubric.Text{
		{ZH: "苏州云岫客服", EN: "Yunxiu CS Suzhou"}, {ZH: "武汉知音呼叫中心", EN: "Zhiyin Call Centre"},
		{ZH: "南京鼎信外包", EN: "Dingxin Outsourcing"}, {ZH: "西安长安客服", EN: "Chang'an Contact"},
		{ZH: "厦门鹭岛服务", EN: "Ludao Services"}, {ZH: "青岛海湾客服", EN: "Haiwan CX Qingdao"},
		{ZH: "长沙星城呼叫", EN: "Xingcheng Calls"}, {ZH: "郑州中原客服", EN: "Zhongyuan Support"},
	}
	// Each variation leaves more questions open, so the totals spread out.
	open := []string{"iso27001", "reference_checked", "dashboard", "trial", "penalty", "raw_access",
		"termination", "encryption", "same_industry_cases", "mock_rating", "kpis_in_contract", "reports",
		"data_handover", "qa_staff", "emergency_plan", "scale_match"}
	for i := 0; len(picked) < n; i++ {
		v := base[i%3]
		v.Answers = v.Answers.Clone()
		v.Name = names[i].In(lang)
		v.Answers["price_month"] = rubric.Value{Num: float64(150000 + 9000*i)}
		// Their quotes and peak seats spread out too, in every billing model.
		scale := 0.8 + 0.05*float64(i)
		for _, id := range []string{"price_seat_month", "price_per_contact", "price_per_hour", "price_fixed_month",
			"price_variable_contact", "price_promo_package"} {
			if x, ok := v.Answers.Num(id); ok {
				v.Answers[id] = rubric.Value{Num: math.Round(x*scale*100) / 100}
			}
		}
		if x, ok := v.Answers.Num("seats_peak"); ok {
			v.Answers["seats_peak"] = rubric.Value{Num: math.Round(x * scale)}
		}
		for _, q := range open[:2*(i+1)] {
			delete(v.Answers, q)
		}
		picked = append(picked, v)
	}
	s.Vendors = picked[:n]
	return s
}

// assertWithin fails when a line of view is wider than w or there are more than h.
func assertWithin(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, the space has %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, the space has %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

func sendKeys(s screen, keys ...tea.KeyMsg) screen {
	for _, k := range keys {
		s, _ = s.Update(k)
	}
	return s
}

func letter(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

func TestCompareGolden(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		for _, size := range [][2]int{{80, 24}, {200, 60}} {
			for _, n := range []int{2, 5, 12} {
				name := fmt.Sprintf("%s_%dx%d_%d_vendors", lang, size[0], size[1], n)
				t.Run(name, func(t *testing.T) {
					c := newTestCommon(t, lang)
					sess := storeSession(t, c, demoWith(lang, n))
					app := NewApp(c)
					tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(size[0], size[1]))
					tm.Send(pushMsg{newSessionScreen(c, sess)})
					tm.Send(pushMsg{newCompareScreen(c, sess)})
					if err := tm.Quit(); err != nil {
						t.Fatal(err)
					}
					view := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).View()
					assertWithin(t, view, size[0], size[1])
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}

func TestCompareFitsEverySize(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	sess := storeSession(t, c, demoWith(rubric.ZH, 12))
	for w := 40; w <= 220; w += 7 {
		for _, h := range []int{9, 21, 57} {
			s := newCompareScreen(c, sess)
			s.SetSize(w, h)
			assertWithin(t, s.View(), w, h)
			s = sendKeys(s, letter('i'), tea.KeyMsg{Type: tea.KeyRight}, tea.KeyMsg{Type: tea.KeyPgDown})
			assertWithin(t, s.View(), w, h)
		}
	}
}

// profileFlip has two vendors whose order the regulated weights reverse: X is
// complete on compliance and has no service answers, Y has a licence and strong
// service capability.
func profileFlip(lang rubric.Lang) rubric.Session {
	yes := rubric.Value{Tri: rubric.Yes}
	req := rubric.DefaultRequirements()
	req.Channels = []string{"web"}
	req.Industry = "ecommerce"
	return rubric.Session{
		Title: "flip", Lang: lang, Profile: rubric.DefaultProfile, Requirements: req,
		Vendors: []rubric.Vendor{
			{Name: "X compliance", Answers: rubric.Answers{
				"business_license": yes, "iso9001": yes, "iso27001": yes,
				"nda": yes, "encryption": yes, "leak_plan": yes, "mlps": yes,
			}},
			{Name: "Y service", Answers: rubric.Answers{
				"business_license": yes, "same_industry_cases": {Num: 5}, "reference_checked": yes, "scale_match": yes,
				"seat_multiple": {Num: 10}, "hours": {Str: "7x24"},
			}},
		},
	}
}

func orderNames(s *compareScreen) []string {
	var out []string
	for _, i := range s.order {
		out = append(out, s.sess.Vendors[i].Name)
	}
	return out
}

func TestCompareProfileSwitchReordersAndIsSaved(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	fixture := profileFlip(rubric.EN)
	// The data itself says the order must flip.
	total := func(p rubric.Profile, v int) float64 {
		return rubric.Score(fixture.Requirements, fixture.Vendors[v].Answers, p).Total
	}
	if !(total(rubric.DefaultProfile, 1) > total(rubric.DefaultProfile, 0) && total(rubric.RegulatedProfile, 0) > total(rubric.RegulatedProfile, 1)) {
		t.Fatal("fixture does not flip under the regulated weights")
	}
	sess := storeSession(t, c, fixture)
	s := newCompareScreen(c, sess).(*compareScreen)
	s.SetSize(120, 40)
	if got := orderNames(s); got[0] != "Y service" {
		t.Fatalf("default order %v", got)
	}
	s.Update(letter('p'))
	if got := orderNames(s); got[0] != "X compliance" {
		t.Errorf("regulated order %v, want X first", got)
	}
	if sess.Profile.Name != "regulated" {
		t.Errorf("session in memory keeps profile %q", sess.Profile.Name)
	}
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "regulated 30/30/20/20") {
		t.Errorf("view does not name the regulated weights:\n%s", view)
	}
	if !strings.Contains(view, rubric.FormatNumber(total(rubric.RegulatedProfile, 0))) {
		t.Errorf("view does not show X's regulated total %v", total(rubric.RegulatedProfile, 0))
	}
	if !c.Saver.Flush(5 * time.Second) {
		t.Fatal("save did not finish")
	}
	stored, err := c.Store.Session(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Profile != rubric.RegulatedProfile {
		t.Errorf("stored profile %+v", stored.Profile)
	}
	// The next p asks for custom weights instead of switching.
	_, cmd := s.Update(letter('p'))
	if msg, ok := cmd().(pushMsg); !ok {
		t.Fatalf("p on regulated gave %T, want the weights form", msg)
	} else if _, ok := msg.s.(*formScreen); !ok {
		t.Fatalf("p on regulated pushed %T", msg.s)
	}
	// Custom weights chosen in the form reorder again.
	custom, err := rubric.CustomProfile(10, 60, 15, 15)
	if err != nil {
		t.Fatal(err)
	}
	s.Update(profileChosenMsg{custom})
	if got := orderNames(s); got[0] != "Y service" || sess.Profile != custom {
		t.Errorf("custom order %v, profile %+v", got, sess.Profile)
	}
	// From custom, p goes back to the default.
	s.Update(letter('p'))
	if sess.Profile != rubric.DefaultProfile {
		t.Errorf("p on custom gave %+v", sess.Profile)
	}
}

func TestCompareSessionScreenSeesTheNewProfile(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, profileFlip(rubric.EN))
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	session := newSessionScreen(c, sess)
	app.Update(pushMsg{session})
	app.Update(pushMsg{newCompareScreen(c, sess)})
	app.Update(letter('p'))
	app.Update(tea.KeyMsg{Type: tea.KeyEsc})
	_, cmd := app.Update(popMsg{})
	_ = cmd
	want := rubric.Score(sess.Requirements, sess.Vendors[0].Answers, rubric.RegulatedProfile).Total
	if session.cards[0].Total != want {
		t.Errorf("session screen shows %v for X, want the regulated %v", session.cards[0].Total, want)
	}
}

func TestWeightsFormValidates(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		c := newTestCommon(t, lang)
		w := newWeightsForm(c, 0, rubric.DefaultProfile)
		*w.values[0] = "50"
		err := weightsSumError(lang, w.current())
		if err == nil || !strings.Contains(err.Error(), "130") {
			t.Errorf("%s: sum error %v", lang, err)
		}
		if lang == rubric.ZH && !strings.Contains(err.Error(), "之和") {
			t.Errorf("zh message in English: %v", err)
		}
		if _, err := weightOf(lang, "-1"); err == nil {
			t.Error("a negative weight passed")
		}
		if _, err := weightOf(lang, "abc"); err == nil {
			t.Error("a word passed as a weight")
		}
		*w.values[0], *w.values[1] = "10", "45"
		if err := weightsSumError(lang, w.current()); err != nil {
			t.Errorf("10/45/25/20 refused: %v", err)
		}
	}
}

func TestWeightsFormSubmitsAProfile(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		app := NewApp(c)
		app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		w := newWeightsForm(c, 0, rubric.DefaultProfile)
		app.Update(pushMsg{w})
		// Clear A and type 10, B becomes 45: the sum stays 100.
		var got *rubric.Profile
		drive(app, func(m tea.Msg) {
			if p, ok := m.(profileChosenMsg); ok {
				got = &p.p
			}
		}, tea.KeyMsg{Type: tea.KeyCtrlU}, letters("10"), tea.KeyMsg{Type: tea.KeyEnter},
			tea.KeyMsg{Type: tea.KeyCtrlU}, letters("45"), tea.KeyMsg{Type: tea.KeyEnter},
			tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyEnter})
		if got == nil || got.Name != "custom" || got.Weights != [4]float64{10, 45, 25, 20} {
			t.Fatalf("form gave %+v (view:\n%s)", got, ansi.Strip(app.View()))
		}
	})
}

func TestWeightsFormKeepsABadSumOpen(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		app := NewApp(c)
		app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		w := newWeightsForm(c, 0, rubric.DefaultProfile)
		app.Update(pushMsg{w})
		drive(app, nil, tea.KeyMsg{Type: tea.KeyCtrlU}, letters("50"), tea.KeyMsg{Type: tea.KeyEnter},
			tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyEnter})
		view := ansi.Strip(app.View())
		if !strings.Contains(view, "must sum to 100, not 130") {
			t.Errorf("no sum error on screen:\n%s", view)
		}
		if app.top() != screen(w) {
			t.Errorf("the form closed on a bad sum")
		}
	})
}

// letters is typed text as one key message.
func letters(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// drive sends keys to the app and runs the commands they start (huh moves between
// fields through commands), showing every message to observe when it is not nil.
func drive(app *App, observe func(tea.Msg), keys ...tea.KeyMsg) {
	var feed func(tea.Msg)
	feed = func(m tea.Msg) {
		if observe != nil {
			observe(m)
		}
		_, cmd := app.Update(m)
		collect(cmd, feed)
	}
	for _, k := range keys {
		_, cmd := app.Update(k)
		collect(cmd, feed)
	}
}

// collect runs a command and the commands inside batches and sequences, handing
// every message to f; blinking cursors and other timers are skipped. Under
// onFakeClock a command that works is waited for however long it takes, and one
// that waits for a timer is given up at once.
func collect(cmd tea.Cmd, f func(tea.Msg)) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(200 * time.Millisecond):
		return
	}
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			collect(c, f)
		}
	default:
		if cmds, ok := asCmds(msg); ok {
			for _, c := range cmds {
				collect(c, f)
			}
			return
		}
		f(msg)
	}
}

// onFakeClock runs a test on synctest's clock, which moves only while every
// goroutine of the test waits: collect's patience then runs out at once for a
// command that waits for a timer, and never for one that is working.
func onFakeClock(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		// Registered first, so run last: the timers of the commands given up fire,
		// and their goroutines end before the test does.
		t.Cleanup(func() { time.Sleep(time.Hour) })
		f(t)
	})
}

func TestCompareItemToggle(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 4))
	s := newCompareScreen(c, sess)
	s.SetSize(200, 60)
	if strings.Contains(ansi.Strip(s.View()), "A1 Basic licences") {
		t.Fatal("items shown before the toggle")
	}
	s = sendKeys(s, letter('i'))
	view := ansi.Strip(s.View())
	for _, want := range []string{"A1 Basic licences", "D4 Trial period", "6/6"} {
		if !strings.Contains(view, want) {
			t.Errorf("items view lacks %q", want)
		}
	}
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "i" && b.Help().Desc != "hide items" {
			t.Errorf("help says %q after the toggle", b.Help().Desc)
		}
	}
	s = sendKeys(s, letter('i'))
	if strings.Contains(ansi.Strip(s.View()), "A1 Basic licences") {
		t.Error("items still shown after the second toggle")
	}
}

func TestCompareSidewaysScrollKeepsLabels(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 12))
	s := newCompareScreen(c, sess).(*compareScreen)
	s.SetSize(80, 40)
	rowOf := func(prefix string) string {
		for _, l := range strings.Split(ansi.Strip(s.View()), "\n") {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no line starts with %q:\n%s", prefix, ansi.Strip(s.View()))
		return ""
	}
	before := rowOf("Vendor")
	if !strings.Contains(before, "1 Chengyan") {
		t.Fatalf("first column is not the leader: %q", before)
	}
	if s.maxCol() == 0 {
		t.Fatal("12 vendors fit in 80 columns; nothing to scroll")
	}
	s.Update(tea.KeyMsg{Type: tea.KeyRight})
	after := rowOf("Vendor")
	if strings.Contains(after, "Chengyan") || !strings.Contains(after, "2 ") {
		t.Errorf("after → the header still shows the leader: %q", after)
	}
	for _, label := range []string{"A Qualification", "Total", "Verdict", "Cost a year"} {
		rowOf(label)
	}
	// All the way right shows the disqualified vendor last, set apart.
	for range 20 {
		s.Update(tea.KeyMsg{Type: tea.KeyRight})
	}
	last := rowOf("Vendor")
	if !strings.Contains(last, "✗ Hengqi") {
		t.Errorf("rightmost columns lack the disqualified vendor: %q", last)
	}
	if !strings.Contains(rowOf("Total"), "│") {
		t.Errorf("no rule before the disqualified column: %q", rowOf("Total"))
	}
	if !strings.Contains(ansi.Strip(s.View()), "vendors ") {
		t.Error("no note of which vendors are shown")
	}
	s.Update(tea.KeyMsg{Type: tea.KeyLeft})
	if s.col != s.maxCol()-1 {
		t.Errorf("← moved to column %d, want %d", s.col, s.maxCol()-1)
	}
}

func TestCompareMarksBestAndSetsDisqualifiedApart(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 4))
	s := newCompareScreen(c, sess).(*compareScreen)
	s.SetSize(200, 60)
	view := ansi.Strip(s.View())
	var total, cost string
	for _, l := range strings.Split(view, "\n") {
		switch {
		case strings.HasPrefix(l, "Total "):
			total = l
		case strings.HasPrefix(l, "Cost a year"):
			cost = l
		}
	}
	// The leader has the best total; the disqualified vendor is last.
	if !strings.Contains(total, "95 ▲") || strings.Count(total, "▲") != 1 {
		t.Errorf("total row %q", total)
	}
	// The cheapest vendor in contention is marked, not the rejected one, cheaper
	// still, nor the disqualified one.
	if !strings.Contains(cost, "¥3,832,320 ▲") || strings.Count(cost, "▲") != 1 || !strings.Contains(cost, "¥3,251,760") {
		t.Errorf("cost row %q", cost)
	}
	if !strings.HasSuffix(strings.TrimRight(total, " "), "82") {
		t.Errorf("disqualified total is not last: %q", total)
	}
	for _, want := range []string{"+28 % over", "+66 % over", "✗ Disqualif.", "1 data", "Stable ranking", "│ marks 70 and 85"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q", want)
		}
	}
}

func TestCompareStabilityNamesTheFlip(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	// Two excellent vendors close enough that moving A by 5 changes the leader: the
	// first weak on compliance, the second perfect there. A third, unfinished vendor
	// close behind is not in contention and takes no place, whatever the weights.
	fixture := demo.Session(rubric.EN)
	x, y := fixture.Vendors[0], fixture.Vendors[3]
	x.Name, y.Name = "X service", "Y compliance"
	x.Answers, y.Answers = x.Answers.Clone(), y.Answers.Clone()
	x.Answers["iso9001"] = rubric.Value{Tri: rubric.No}
	x.Answers["iso27001"] = rubric.Value{Tri: rubric.No}
	x.Answers["mlps"] = rubric.Value{Tri: rubric.Yes}
	x.Answers["leak_plan"] = rubric.Value{Tri: rubric.No}
	x.Answers["encryption"] = rubric.Value{Tri: rubric.No}
	for _, id := range []string{"mlps", "data_ownership", "data_handover"} {
		y.Answers[id] = rubric.Value{Tri: rubric.Yes}
	}
	z := fixture.Vendors[0]
	z.Name, z.Answers = "Z unfinished", fixture.Vendors[0].Answers.Clone()
	for _, id := range []string{"iso9001", "iso27001", "mlps", "encryption", "reference_checked", "dashboard", "raw_access"} {
		delete(z.Answers, id)
	}
	fixture.Vendors = []rubric.Vendor{y, z, x}
	sess := storeSession(t, c, fixture)
	s := newCompareScreen(c, sess).(*compareScreen)
	s.SetSize(200, 60)
	if s.stability.Stable || s.cards[1].Band != rubric.Incomplete {
		t.Fatalf("test data: stable %v, totals %v, %v (%s), %v", s.stability.Stable, s.cards[0].Total, s.cards[1].Total, s.cards[1].Band, s.cards[2].Total)
	}
	text := s.stabilityText()
	if !strings.HasPrefix(text, "Sensitive ranking: ") || !strings.Contains(text, "A +5 puts Y compliance first") || strings.Contains(text, "Z unfinished") {
		t.Errorf("stability text %q", text)
	}
}

func TestBudgetAndMoney(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	for _, tc := range []struct {
		pct  float64
		want string
	}{{-10, "−10 %"}, {-0.4, "±0 %"}, {5, "+5 % over"}, {4.6, "+5 % over"}} {
		if got := ansi.Strip(budgetCell(c, tc.pct)); got != tc.want {
			t.Errorf("budgetCell(%v) = %q, want %q", tc.pct, got, tc.want)
		}
	}
	for f, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 196000: "196,000", 1234567.6: "1,234,568"} {
		if got := groupThousands(f); got != want {
			t.Errorf("groupThousands(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestCompareHelpIsTruthful(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 2))
	s := newCompareScreen(c, sess)
	s.SetSize(200, 60)
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "←/→" && b.Enabled() {
			t.Error("sideways scrolling offered with every vendor on screen")
		}
	}
	s.SetSize(40, 12)
	found := false
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "←/→" && b.Enabled() {
			found = true
		}
	}
	if !found {
		t.Error("sideways scrolling not offered when vendors are off screen")
	}
	_, cmd := s.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if _, ok := cmd().(popMsg); !ok {
		t.Error("esc does not go back")
	}
}
