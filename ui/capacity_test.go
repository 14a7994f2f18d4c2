package ui

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// openDemo stores the sample session in lang and shows its session screen at w×h.
func openDemo(t *testing.T, lang rubric.Lang, w, h int) (*Common, *App, *sessionScreen) {
	t.Helper()
	c := newTestCommon(t, lang)
	sess := storeSession(t, c, demo.Session(lang))
	app := NewApp(c)
	s := newSessionScreen(c, sess)
	press(app, tea.WindowSizeMsg{Width: w, Height: h}, pushMsg{s})
	return c, app, s
}

// storedRequirements reads the session's requirements back once every save landed.
func storedRequirements(t *testing.T, c *Common, id int64) rubric.Requirements {
	t.Helper()
	if !c.Saver.Flush(defaultFlush) {
		t.Fatal("saves did not land")
	}
	sess, err := c.Store.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess.Requirements
}

// focusOn moves the focus of a requirements form to the field key.
func focusOn(t *testing.T, app *App, focused func() string, key string) {
	t.Helper()
	for range 40 {
		if focused() == key {
			return
		}
		press(app, keyOf(tea.KeyTab))
	}
	t.Fatalf("tab never reached %s", key)
}

// The plan shows the queues the chosen channels use, the general fields first; a
// field typed is saved as typed and the need follows it at once, the fields left
// empty being named as estimates.
func TestCapacityPlanIsSavedAsTypedAndNamesItsEstimates(t *testing.T) {
	c, app, s := openDemo(t, rubric.EN, 120, 40)
	press(app, runes("m"))
	cp := expectTop[*capacityScreen](t, app, "m")
	keys := cp.form.Keys()
	want := []string{"busiest_interval_pct", "shrinkage_pct", "max_occupancy_pct", "peak_months", "peak_days", "phone_share_pct"}
	if !slices.Equal(keys[:6], want) || slices.Contains(keys, "email_aht_s") || !slices.Contains(keys, "chat_concurrency") {
		t.Fatalf("plan fields %v: want the general ones, then phone and chat, no email", keys)
	}
	view := plain(app.View())
	for _, w := range []string{"Total", "17 → 145", "Estimated: Shrinkage, Maximum occupancy", "estimated 30", "★ Cheapest for the year among the vendors that cover the peak:", "Chengyan CX Technology"} {
		if !strings.Contains(view, w) {
			t.Errorf("the plan lacks %q:\n%s", w, view)
		}
	}
	focusOn(t, app, cp.form.Focused, "shrinkage_pct")
	press(app, runes("40%"))
	if got := s.sess.Requirements.ShrinkagePct; got == nil || *got != 40 {
		t.Fatalf("shrinkage in memory %v, want 40", got)
	}
	need := cp.cmp.Capacity.Need
	if need.Scheduled <= 26 {
		t.Errorf("scheduled %d at 40%% shrinkage, want more than the 26 of 30%%", need.Scheduled)
	}
	view = plain(app.View())
	if !strings.Contains(view, pair(need.Scheduled, need.PeakScheduled)) || strings.Contains(view, "Estimated: Shrinkage") {
		t.Errorf("the results do not follow the shrinkage typed:\n%s", view)
	}
	if got := storedRequirements(t, c, s.sess.ID).ShrinkagePct; got == nil || *got != 40 {
		t.Errorf("stored shrinkage %v, want 40", got)
	}
}

// A number of the plan that does not read is said beside the form, never reaches the
// store, and is there as typed when the plan is opened again.
func TestCapacityPlanKeepsANumberThatDoesNotRead(t *testing.T) {
	c, app, s := openDemo(t, rubric.EN, 120, 40)
	press(app, runes("m"))
	cp := expectTop[*capacityScreen](t, app, "m")
	focusOn(t, app, cp.form.Focused, "phone_aht_s")
	press(app, runes("300"), runes("x"))
	if !strings.Contains(plain(app.View()), "✗ “x” does not fit") {
		t.Errorf("the number that does not read is not said:\n%s", plain(app.View()))
	}
	if got := s.sess.Requirements.PhoneAHTS; got == nil || *got != 300 {
		t.Errorf("handle time in memory %v, want the last good 300", got)
	}
	press(app, keyOf(tea.KeyEsc), runes("m"))
	cp = expectTop[*capacityScreen](t, app, "m again")
	if got := cp.form.Drafts()["phone_aht_s"]; got != "300x" {
		t.Errorf("the plan opened again with %q, want 300x", got)
	}
	if got := storedRequirements(t, c, s.sess.ID).PhoneAHTS; got == nil || *got != 300 {
		t.Errorf("stored handle time %v, want 300", got)
	}
}

// Two windows changing the same field of the plan: the second is told and shown the
// value the store holds, with the focus where it was.
func TestCapacityPlanConflictIsTold(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, s := openDemo(t, rubric.EN, 120, 40)
		press(app, runes("m"))
		cp := expectTop[*capacityScreen](t, app, "m")
		other := otherWindow(t, c)
		theirs := s.sess.Requirements
		shrink := 35.0
		theirs.ShrinkagePct = &shrink
		if err := other.ChangeRequirements(context.Background(), s.sess.ID, s.sess.Requirements, theirs); err != nil {
			t.Fatal(err)
		}
		saved := reports(c)
		focusOn(t, app, cp.form.Focused, "shrinkage_pct")
		press(app, runes("40"))
		report := nextReport(t, saved)
		if report.Conflict == nil {
			t.Fatalf("report %+v, want a conflict", report)
		}
		press(app, report)
		cp = expectTop[*capacityScreen](t, app, "after the conflict")
		if got := s.sess.Requirements.ShrinkagePct; got == nil || *got != 35 {
			t.Errorf("the window holds shrinkage %v, the store 35", got)
		}
		if live, _ := cp.form.Live(); live.ShrinkagePct == nil || *live.ShrinkagePct != 35 {
			t.Errorf("the form shows shrinkage %v, want the stored 35", live.ShrinkagePct)
		}
		if !strings.Contains(plain(app.View()), "was changed in another window to 35%") {
			t.Errorf("the conflict is not told:\n%s", plain(app.View()))
		}
		if cp.form.Focused() != "shrinkage_pct" {
			t.Errorf("focus moved to %q", cp.form.Focused())
		}
	})
}

// openWhatIf opens the comparison of the sample session, then its what-if.
func openWhatIf(t *testing.T, lang rubric.Lang, w, h int) (*Common, *App, *sessionScreen, *whatIfScreen) {
	t.Helper()
	c, app, s := openDemo(t, lang, w, h)
	press(app, runes("c"))
	expectTop[*compareScreen](t, app, "c")
	press(app, runes("t"))
	return c, app, s, expectTop[*whatIfScreen](t, app, "t")
}

// The what-if follows every key and saves nothing: not in memory, not in the store,
// and esc leaves it so.
func TestWhatIfSavesNothingUntilAdopted(t *testing.T) {
	c, app, s, wi := openWhatIf(t, rubric.EN, 120, 40)
	if view := plain(app.View()); !strings.Contains(view, "nothing here is saved") {
		t.Errorf("the what-if does not say it saves nothing:\n%s", view)
	}
	if wi.form.Focused() != "daily_volume" {
		t.Fatalf("the what-if opens on %q", wi.form.Focused())
	}
	press(app, runes("0"))
	if got := wi.cmp.Capacity.Need.PeakAgents; got <= 145 {
		t.Errorf("50,000 a day needs %d agents at the peak, no more than 5,000 did", got)
	}
	view := plain(app.View())
	if !strings.Contains(view, pair(wi.cmp.Capacity.Need.Agents, wi.cmp.Capacity.Need.PeakAgents)) || !strings.Contains(view, "Saved plan: on duty 17 → 145") {
		t.Errorf("the what-if does not show its need beside the saved one:\n%s", view)
	}
	if s.sess.Requirements.DailyVolume != 5000 {
		t.Errorf("the what-if changed the volume in memory to %d", s.sess.Requirements.DailyVolume)
	}
	if c.Saver.Pending() != 0 {
		t.Errorf("%d saves queued by a what-if", c.Saver.Pending())
	}
	press(app, keyOf(tea.KeyEsc))
	expectTop[*compareScreen](t, app, "esc")
	if got := storedRequirements(t, c, s.sess.ID).DailyVolume; got != 5000 {
		t.Errorf("stored volume %d after leaving a what-if, want 5000", got)
	}
}

// Adopting saves the figures tried, field by field, and nothing else: an estimate
// left alone stays an estimate.
func TestAdoptedWhatIfIsSaved(t *testing.T) {
	c, app, s, wi := openWhatIf(t, rubric.ZH, 120, 40)
	bs := keyOf(tea.KeyBackspace)
	press(app, bs, bs, bs, bs, runes("8000"), keyOf(tea.KeyTab), bs, bs, runes("12"), keyOf(tea.KeyTab), runes("300"))
	if wi.form.Focused() != "phone_aht_s" {
		t.Fatalf("focus on %q, want the phone's handle time", wi.form.Focused())
	}
	press(app, keyOf(tea.KeyCtrlS))
	cmp := expectTop[*compareScreen](t, app, "ctrl+s")
	r := s.sess.Requirements
	if r.DailyVolume != 8000 || r.PeakMultiplier != 12 || r.PhoneAHTS == nil || *r.PhoneAHTS != 300 {
		t.Fatalf("adopted volume %d, peak ×%v, handle time %v", r.DailyVolume, r.PeakMultiplier, r.PhoneAHTS)
	}
	if !strings.Contains(plain(app.View()), "假设值已采用为需求") {
		t.Errorf("adopting is not told:\n%s", plain(app.View()))
	}
	if n := cmp.cmp.Capacity.Need; !strings.Contains(plain(app.View()), "在岗 "+pair(n.Agents, n.PeakAgents)) {
		t.Errorf("the comparison does not show the adopted need %s:\n%s", pair(n.Agents, n.PeakAgents), plain(app.View()))
	}
	stored := storedRequirements(t, c, s.sess.ID)
	if stored.DailyVolume != 8000 || stored.PeakMultiplier != 12 || stored.PhoneAHTS == nil || *stored.PhoneAHTS != 300 {
		t.Errorf("stored volume %d, peak ×%v, handle time %v", stored.DailyVolume, stored.PeakMultiplier, stored.PhoneAHTS)
	}
	if stored.PhoneSLPct != nil || stored.ChatSLPct != nil {
		t.Errorf("estimates not touched were saved as figures: %v, %v", stored.PhoneSLPct, stored.ChatSLPct)
	}
}

// A figure of the what-if that does not read is kept as typed and said; the need
// keeps the last good figure, and it is not adopted.
func TestWhatIfKeepsAFigureThatDoesNotRead(t *testing.T) {
	c, app, s, wi := openWhatIf(t, rubric.EN, 80, 24)
	press(app, runes("x"))
	view := plain(app.View())
	if !strings.Contains(view, "5000x") || !strings.Contains(view, "✗ “x” does not fit") {
		t.Errorf("the figure that does not read is not kept and said:\n%s", view)
	}
	if got := wi.cmp.Capacity.Need.PeakAgents; got != 145 {
		t.Errorf("peak agents %d, want the last good figure's 145", got)
	}
	press(app, keyOf(tea.KeyCtrlS))
	expectTop[*whatIfScreen](t, app, "ctrl+s with a figure that does not read")
	if !strings.Contains(plain(app.View()), "do not read") {
		t.Errorf("the refusal is not said:\n%s", plain(app.View()))
	}
	if got := storedRequirements(t, c, s.sess.ID).DailyVolume; got != 5000 {
		t.Errorf("stored volume %d", got)
	}
}

// Keys read in one go, while the what-if or the plan is still opening, land in the
// fields they were typed for: the screen, then its first field, then the next.
func TestKeysInOneBurstLandInTheirFields(t *testing.T) {
	bs := keyOf(tea.KeyBackspace)
	t.Run("what-if", func(t *testing.T) {
		_, app, s := openDemo(t, rubric.EN, 120, 40)
		press(app, runes("c"))
		for _, cmd := range sendAll(app, runes("t"), bs, bs, bs, bs, runes("8000"), keyOf(tea.KeyTab), bs, bs, runes("12")) {
			runCmd(app, cmd)
		}
		wi := expectTop[*whatIfScreen](t, app, "t and figures")
		if r := wi.what; r.DailyVolume != 8000 || r.PeakMultiplier != 12 {
			t.Errorf("what-if volume %d, peak ×%v: want 8000 and ×12", r.DailyVolume, r.PeakMultiplier)
		}
		if s.sess.Requirements.DailyVolume != 5000 {
			t.Errorf("the burst changed the requirements: %d", s.sess.Requirements.DailyVolume)
		}
	})
	t.Run("plan", func(t *testing.T) {
		c, app, s := openDemo(t, rubric.EN, 120, 40)
		for _, cmd := range sendAll(app, runes("m"), keyOf(tea.KeyTab), runes("33"), keyOf(tea.KeyTab), runes("90")) {
			runCmd(app, cmd)
		}
		expectTop[*capacityScreen](t, app, "m and figures")
		r := storedRequirements(t, c, s.sess.ID)
		if r.ShrinkagePct == nil || *r.ShrinkagePct != 33 || r.MaxOccupancyPct == nil || *r.MaxOccupancyPct != 90 {
			t.Errorf("stored shrinkage %v, occupancy %v: want 33 and 90", r.ShrinkagePct, r.MaxOccupancyPct)
		}
	})
}

// The comparison sets each vendor's seats and quote beside the need: the peak
// covered or not with its share, the year at the cheapest billing, the best of those
// in contention marked, and the cheapest vendor that covers the peak named.
func TestCompareSetsSeatsAndQuotesBesideTheNeed(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 4))
	s := newCompareScreen(c, sess).(*compareScreen)
	s.SetSize(200, 60)
	view := plain(s.View())
	row := func(label string) string {
		for _, l := range strings.Split(view, "\n") {
			if strings.HasPrefix(l, label) {
				return l
			}
		}
		t.Fatalf("no %q row:\n%s", label, view)
		return ""
	}
	if r := row("Peak cover"); !strings.Contains(r, "✓ 110%") || !strings.Contains(r, "✗ 62%") || !strings.Contains(r, "✗ ×5") {
		t.Errorf("peak cover row %q", r)
	}
	// The rejected vendor and the disqualified one are cheaper still: neither is marked.
	if r := row("Cost a year"); !strings.Contains(r, "¥3,832,320 ▲") || strings.Count(r, "▲") != 1 || !strings.Contains(r, "¥3,251,760") {
		t.Errorf("cost row %q", r)
	}
	if r := row("vs budget"); !strings.Contains(r, "+28 % over ▲") {
		t.Errorf("budget row %q", r)
	}
	for _, want := range []string{"Staff needed (busiest half hour, normal → peak): on duty 17 → 145",
		"★ Cheapest for the year among the vendors that cover the peak: Chengyan", "Per hour"} {
		if !strings.Contains(view, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	// Without peak seats from the one that covered, no vendor is shown to.
	for i := range sess.Vendors {
		delete(sess.Vendors[i].Answers, "seats_peak")
		sess.Vendors[i].Answers["seat_multiple"] = rubric.Value{Num: 3}
	}
	s.rescore()
	if view := plain(s.View()); !strings.Contains(view, "✗ No vendor covers the peak") {
		t.Errorf("no vendor covers the peak, and the comparison does not say so:\n%s", view)
	}
}

// Every capacity screen fits every terminal, with a long shortlist of long names.
func TestCapacityScreensFitEverySize(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	sess := storeSession(t, c, demoWith(rubric.ZH, 12))
	for w := 40; w <= 220; w += 9 {
		for _, h := range []int{12, 24, 40} {
			for _, open := range []func() screen{
				func() screen { return newCapacityScreen(c, sess) },
				func() screen { return newWhatIfScreen(c, sess) },
			} {
				// Straight through Update: what the keys start (a cursor's blink) is
				// not needed to draw the frames.
				app := NewApp(c)
				for _, m := range []tea.Msg{tea.WindowSizeMsg{Width: w, Height: h}, pushMsg{newSessionScreen(c, sess)}, pushMsg{open()}} {
					app.Update(m)
				}
				assertFits(t, app.View(), w, h)
				app.Update(keyOf(tea.KeyPgDown))
				app.Update(keyOf(tea.KeyPgDown))
				assertFits(t, app.View(), w, h)
				if t.Failed() {
					t.Fatalf("%T at %d×%d:\n%s", app.top(), w, h, plain(app.View()))
				}
			}
		}
	}
}

// The results scroll a page at a time and say what lies above and below.
func TestCapacityResultsScroll(t *testing.T) {
	_, app, _ := openDemo(t, rubric.EN, 80, 24)
	press(app, runes("m"))
	if view := plain(app.View()); !strings.Contains(view, "more lines (pgdn)") || strings.Contains(view, "Hengqi") {
		t.Fatalf("the first page does not say there is more:\n%s", view)
	}
	cp := expectTop[*capacityScreen](t, app, "m")
	// Page after page shows every line, those that said there was more included.
	var all []string
	for _, sg := range cp.pane.segs {
		all = append(all, sg.draw()...)
	}
	seen := map[string]bool{}
	for range 10 {
		for _, l := range strings.Split(plain(app.View()), "\n") {
			seen[strings.TrimRight(l, " ")] = true
		}
		press(app, keyOf(tea.KeyPgDown))
	}
	for _, l := range all {
		if l := strings.TrimRight(plain(l), " "); !seen[l] {
			t.Errorf("no page shows %q", l)
		}
	}
	view := plain(app.View())
	if !strings.Contains(view, "more lines (pgup)") || !strings.Contains(view, "full-time people to employ") {
		t.Errorf("the last page does not reach the end or say what is above:\n%s", view)
	}
}

// Every field of the plan and of the what-if takes letters as text: none is a
// command there (q, ?, d, y, n, …), and typing then taking them back leaves the
// requirements as they were.
func TestLettersAreTextInThePlanAndTheWhatIf(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, s := openDemo(t, rubric.EN, 120, 40)
		before := s.sess.Requirements
		ty := &typist{t: t, app: app}
		probeAll := func(form *wizard.Requirements, where string) {
			keys := form.Keys()
			for i, id := range keys {
				if form.Focused() != id {
					t.Fatalf("%s: focus on %q, want %q", where, form.Focused(), id)
				}
				ty.probe(textField{where + " " + id, focusedValue(form.Form), 24}, "")
				if i < len(keys)-1 {
					press(app, keyOf(tea.KeyTab))
				}
			}
		}
		press(app, runes("m"))
		probeAll(expectTop[*capacityScreen](t, app, "m").form, "plan")
		press(app, keyOf(tea.KeyCtrlT))
		probeAll(expectTop[*whatIfScreen](t, app, "ctrl+t").form, "what-if")
		press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc))
		expectTop[*sessionScreen](t, app, "esc, esc")
		if changed := db.ChangedRequirements(before, s.sess.Requirements); len(changed) > 0 {
			t.Errorf("typing and restoring changed %v", changed)
		}
		if changed := db.ChangedRequirements(before, storedRequirements(t, c, s.sess.ID)); len(changed) > 0 {
			t.Errorf("typing and restoring changed %v in the store", changed)
		}
	})
}

// An ink paints a line as its style renders it, colours and all.
func TestInkPaintsAsRenderDoes(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	st := NewStyles(r)
	for _, tc := range []struct {
		ink   Ink
		style lipgloss.Style
	}{{st.Inks.Faint, st.Faint}, {st.Inks.Error, st.Error}, {st.Inks.Warn, st.Warn}, {st.Inks.OK, st.OK}, {st.Inks.Title, st.PanelTitle}} {
		for _, text := range []string{"peak seats 90 cover 62%", "高峰坐席 90 名", ""} {
			if got, want := tc.ink.Paint(text), tc.style.Render(text); got != want {
				t.Errorf("Paint(%q) = %q, Render gives %q", text, got, want)
			}
		}
	}
}

// A figure adopted from the what-if replaces what the plan held for it, a number
// that did not read included.
func TestAdoptedFigureReplacesTheDraftOfThePlan(t *testing.T) {
	c, app, s := openDemo(t, rubric.EN, 120, 40)
	press(app, runes("m"))
	cp := expectTop[*capacityScreen](t, app, "m")
	focusOn(t, app, cp.form.Focused, "phone_aht_s")
	press(app, runes("300x"), keyOf(tea.KeyCtrlT))
	wi := expectTop[*whatIfScreen](t, app, "ctrl+t")
	focusOn(t, app, wi.form.Focused, "phone_aht_s")
	bs := keyOf(tea.KeyBackspace)
	press(app, bs, bs, bs, runes("280"), keyOf(tea.KeyCtrlS))
	cp = expectTop[*capacityScreen](t, app, "ctrl+s")
	if d := cp.form.Drafts(); len(d) != 0 {
		t.Errorf("the plan still holds drafts %v", d)
	}
	if live, _ := cp.form.Live(); live.PhoneAHTS == nil || *live.PhoneAHTS != 280 {
		t.Errorf("the plan shows handle time %v, want the adopted 280", live.PhoneAHTS)
	}
	if cp.form.Focused() != "phone_aht_s" {
		t.Errorf("the plan's focus moved to %q", cp.form.Focused())
	}
	if got := storedRequirements(t, c, s.sess.ID).PhoneAHTS; got == nil || *got != 280 {
		t.Errorf("stored handle time %v, want 280", got)
	}
}
