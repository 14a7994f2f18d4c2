package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// otherWindow opens the first window's database a second time, as another
// vendorvet process does.
func otherWindow(t *testing.T, c *Common) *db.Store {
	t.Helper()
	other, err := db.Open(c.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// watching gives the window a watcher, as Run does.
func watching(t *testing.T, c *Common) {
	t.Helper()
	w, err := c.Store.Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	c.Watch = w
}

// reports routes the saver's reports into a channel.
func reports(c *Common) chan SavedMsg {
	ch := make(chan SavedMsg, 64)
	c.Saver.notify = func(m tea.Msg) {
		if s, ok := m.(SavedMsg); ok && !isPlaceSave(s) {
			ch <- s
		}
	}
	return ch
}

// isPlaceSave tells the save of where the evaluator is, made at every move, from the
// saves of what they typed.
func isPlaceSave(m SavedMsg) bool { return strings.HasPrefix(m.Key, "place/") }

// nextReport waits for the saver's next report.
func nextReport(t *testing.T, ch chan SavedMsg) SavedMsg {
	t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no save was reported")
	}
	return SavedMsg{}
}

func TestLosingWindowShowsTheStoredAnswer(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	other := otherWindow(t, c)
	ctx := context.Background()
	vid := v.vendor().ID
	if _, err := other.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	saved := reports(c)
	press(app, runes("n"))
	report := nextReport(t, saved)
	if report.Conflict == nil {
		t.Fatalf("report %+v, want a conflict", report)
	}
	press(app, report)
	if got := v.vendor().Answers.Tri("business_license"); got != rubric.Yes {
		t.Errorf("the window keeps %v, the store holds yes", got)
	}
	stored, _ := other.Session(ctx, v.sess.ID)
	want := rubric.Score(stored.Requirements, stored.Vendors[0].Answers, stored.Profile)
	if v.card.Total != want.Total {
		t.Errorf("the window scores %v, the store's answers score %v", v.card.Total, want.Total)
	}
	view := plain(app.View())
	if !strings.Contains(view, "changed in another window to yes; yours (no) was not saved") {
		t.Errorf("the conflict is not explained:\n%s", view)
	}
	// The form shows yes too, and the field after it keeps the focus: the telecom
	// licence, as the dispatch permit between them does not apply to this company.
	if v.form.Focused() != "telecom_license" {
		t.Errorf("focus on %q after the conflict, want telecom_license", v.form.Focused())
	}
	if live := v.form.Live(); live.Answers.Tri("business_license") != rubric.Yes {
		t.Errorf("the form shows %v", live.Answers.Tri("business_license"))
	}
	// Nothing more is written, and a later save does not claim the refused value.
	c.Saver.Flush(5 * time.Second)
	if a, _, _ := other.Answer(ctx, vid, "business_license"); a == nil || a.Tri != rubric.Yes {
		t.Errorf("stored %v, want yes", a)
	}
	press(app, runes("y"))
	press(app, nextReport(t, saved))
	if view := plain(app.View()); strings.Contains(view, "Saved") {
		t.Errorf("the status says Saved right after the conflict:\n%s", view)
	}
}

func TestChangeElsewhereShowsAfterTheWatchTick(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	watching(t, c)
	other := otherWindow(t, c)
	ctx := context.Background()
	vid := v.vendor().ID
	before := v.card.Total
	if _, err := other.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	if err := other.ChangeNote(ctx, vid, 2, "", "licence copy received"); err != nil {
		t.Fatal(err)
	}
	press(app, watchTickMsg{})
	if got := v.vendor().Answers.Tri("business_license"); got != rubric.Yes {
		t.Fatalf("after the watch the window shows %v, the store holds yes", got)
	}
	if v.card.Total <= before {
		t.Errorf("the score %v did not follow the answer (was %v)", v.card.Total, before)
	}
	if live := v.form.Live(); live.Note != "licence copy received" || live.Answers.Tri("business_license") != rubric.Yes {
		t.Errorf("the form shows note %q and %v", live.Note, live.Answers.Tri("business_license"))
	}
	// Nothing was queued by showing it, and a change of ours lands over it.
	if n := c.Saver.Pending(); n != 0 {
		t.Errorf("%d writes queued by showing another window's change", n)
	}
	press(app, runes("n"))
	c.Saver.Flush(5 * time.Second)
	if a, _, _ := other.Answer(ctx, vid, "business_license"); a == nil || a.Tri != rubric.No {
		t.Errorf("our change after the watch: stored %v, want no", a)
	}
}

func TestWatchKeepsAChangeStillQueued(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	watching(t, c)
	other := otherWindow(t, c)
	ctx := context.Background()
	vid := v.vendor().ID
	if err := other.ChangeNote(ctx, vid, 3, "", "theirs"); err != nil {
		t.Fatal(err)
	}
	// Hold the saver so that our answer is still queued when the reload lands.
	hold := make(chan struct{})
	c.Saver.Save("hold", "hold", func(context.Context, *db.Store) error { <-hold; return nil })
	press(app, runes("n"))
	press(app, watchTickMsg{})
	if got := v.vendor().Answers.Tri("business_license"); got != rubric.No {
		t.Errorf("a queued answer was replaced by the stored %v", got)
	}
	if got := v.vendor().Notes[3]; got != "theirs" {
		t.Errorf("note of step 3 = %q, want the other window's", got)
	}
	close(hold)
	c.Saver.Flush(5 * time.Second)
	if a, _, _ := other.Answer(ctx, vid, "business_license"); a == nil || a.Tri != rubric.No {
		t.Errorf("stored %v, want no", a)
	}
}

func TestNoteConflictKeepsBothTexts(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
		other := otherWindow(t, c)
		ctx := context.Background()
		vid := v.vendor().ID
		if err := other.ChangeNote(ctx, vid, 2, "", "their words"); err != nil {
			t.Fatal(err)
		}
		saved := reports(c)
		for v.form.Focused() != "__note" {
			press(app, keyOf(tea.KeyTab))
		}
		press(app, runes("my words"))
		report := nextReport(t, saved)
		if report.Conflict == nil {
			t.Fatalf("report %+v, want a conflict", report)
		}
		press(app, report)
		note := v.vendor().Notes[2]
		if !strings.HasPrefix(note, "their words\n\n") || !strings.HasSuffix(note, "\nmy words") || !strings.Contains(note, "Your version") {
			t.Errorf("note after the conflict:\n%s", note)
		}
		if !strings.Contains(plain(app.View()), "your version is kept below a marker") {
			t.Errorf("the conflict is not told:\n%s", plain(app.View()))
		}
		c.Saver.Flush(5 * time.Second)
		sess, _ := other.Session(ctx, v.sess.ID)
		if got := sess.Vendors[0].Notes[2]; got != note {
			t.Errorf("stored note:\n%s\nwant what the window shows:\n%s", got, note)
		}
		if live := v.form.Live(); live.Note != note {
			t.Errorf("the form shows:\n%s", live.Note)
		}
	})
}

func TestRequirementsFromTwoWindows(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c, "A")
		other := otherWindow(t, c)
		ctx := context.Background()
		app := NewApp(c)
		press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newRequirementsScreen(c, sess)})
		r := app.top().(*requirementsScreen)
		// The other window sets the peak multiplier; this one the daily volume.
		theirs := sess.Requirements
		theirs.PeakMultiplier = 20
		theirs.TargetResponseS = 45
		if err := other.ChangeRequirements(ctx, sess.ID, sess.Requirements, theirs); err != nil {
			t.Fatal(err)
		}
		saved := reports(c)
		press(app, keyOf(tea.KeyTab))
		if r.form.Focused() != "daily_volume" {
			t.Fatalf("focused %q", r.form.Focused())
		}
		press(app, runes("7"))
		if m := nextReport(t, saved); m.Err != nil {
			t.Fatalf("changing another field: %v", m.Err)
		}
		// The same field in both: the second is told and shown the stored value.
		for r.form.Focused() != "target_response_s" {
			press(app, keyOf(tea.KeyTab))
		}
		press(app, keyOf(tea.KeyBackspace))
		report := nextReport(t, saved)
		if report.Conflict == nil {
			t.Fatalf("report %+v, want a conflict", report)
		}
		press(app, report)
		if got := sess.Requirements.TargetResponseS; got != 45 {
			t.Errorf("the window shows a response target of %d, the store holds 45", got)
		}
		if !strings.Contains(plain(app.View()), "was changed in another window to 45 s") {
			t.Errorf("the conflict is not told:\n%s", plain(app.View()))
		}
		if r.form.Focused() != "target_response_s" {
			t.Errorf("focus moved to %q", r.form.Focused())
		}
		c.Saver.Flush(5 * time.Second)
		stored, _ := other.Session(ctx, sess.ID)
		if stored.Requirements.DailyVolume != 7 || stored.Requirements.PeakMultiplier != 20 || stored.Requirements.TargetResponseS != 45 {
			t.Errorf("stored volume %d, peak ×%v, response %d s: want 7, ×20, 45",
				stored.Requirements.DailyVolume, stored.Requirements.PeakMultiplier, stored.Requirements.TargetResponseS)
		}
	})
}

// A conflict over another session's requirements, reported while this window shows a
// different session, changes nothing on screen and is taken from the store when
// that session opens again.
func TestConflictOfAnotherSessionLeavesTheOpenOneAlone(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	first := newSessionWithVendors(t, c, "A")
	second := newSessionWithVendors(t, c, "B")
	saved := reports(c)
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40})
	c.Saver.Know(first)
	other := otherWindow(t, c)
	theirs := first.Requirements
	theirs.DailyVolume = 7000
	if err := other.ChangeRequirements(context.Background(), first.ID, first.Requirements, theirs); err != nil {
		t.Fatal(err)
	}
	mine := first.Requirements
	mine.DailyVolume = 9000
	c.Saver.SaveRequirement(first.ID, "daily_volume", "volume", mine)
	report := nextReport(t, saved)
	if report.Conflict == nil {
		t.Fatalf("report %+v, want a conflict", report)
	}
	press(app, pushMsg{newSessionScreen(c, second)}, report)
	if got := second.Requirements.DailyVolume; got != 0 {
		t.Errorf("the open session's daily volume became %d from another session's conflict", got)
	}
	// The first session opened again takes 7000 as its base: a change now lands.
	fresh, err := c.Store.Session(context.Background(), first.ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Saver.Know(fresh)
	mine.DailyVolume = 9500
	c.Saver.SaveRequirement(first.ID, "daily_volume", "volume", mine)
	if r := nextReport(t, saved); r.Conflict != nil || r.Err != nil {
		t.Errorf("after the session is opened again, a change is refused: %+v", r)
	}
}

// A write the store refuses for what it says (here, to a vendor removed in another
// window) is reported once and dropped: retried, it would hold up every later save.
func TestAWriteToARemovedVendorIsNotRetried(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "Gone")
	saved := reports(c)
	id := sess.Vendors[0].ID
	if err := otherWindow(t, c).RemoveVendor(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	c.Saver.Save("removed", "where you were", func(ctx context.Context, s *db.Store) error {
		return s.SavePlace(ctx, id, 2, "nda")
	})
	r := nextReport(t, saved)
	if r.Err == nil || r.Retrying {
		t.Fatalf("report %+v, want a failure not retried", r)
	}
	if n := c.Saver.Pending(); n != 0 {
		t.Errorf("%d writes still waiting after the store refused one for good", n)
	}
}

// A failed read of the open session after a change elsewhere is tried again at the
// next look, though the store has not changed since: the change is still to show.
func TestAFailedReadIsTriedAgain(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "A")
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newSessionScreen(c, sess)})
	app.Update(sessionReadMsg{id: sess.ID, err: errors.New("disk I/O error")})
	_, cmd := app.Update(dataChangedMsg{changed: false})
	if cmd == nil {
		t.Fatal("after a failed read, the next look reads nothing")
	}
	if msg, ok := cmd().(sessionReadMsg); !ok || msg.err != nil || msg.sess == nil {
		t.Errorf("the next look gave %T %+v, want the session read again", msg, msg)
	}
}

// A vendor added after a removed one, and given its ID, starts from the store: its
// first answer is not refused as a conflict with what the removed one held.
func TestARemovedVendorsIDStartsAfresh(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "Old")
	saved := reports(c)
	old := sess.Vendors[0].ID
	yes := rubric.Value{Tri: rubric.Yes}
	c.Saver.SaveAnswer(old, "nda", "NDA", &yes)
	if r := nextReport(t, saved); r.Err != nil {
		t.Fatal(r.Err)
	}
	ctx := context.Background()
	if err := c.Store.RemoveVendor(ctx, old); err != nil {
		t.Fatal(err)
	}
	c.Saver.ForgetVendor(old)
	id, err := c.Store.AddVendor(ctx, sess.ID, "New", "")
	if err != nil {
		t.Fatal(err)
	}
	if id != old {
		t.Fatalf("the store gave the new vendor ID %d, not the removed %d: this test needs it used again", id, old)
	}
	no := rubric.Value{Tri: rubric.No}
	c.Saver.SaveAnswer(id, "nda", "NDA", &no)
	if r := nextReport(t, saved); r.Err != nil || r.Conflict != nil {
		t.Errorf("the new vendor's first answer: %+v", r)
	}
}

// Requirements changed in another window can make the question in focus moot: the
// form, built again, passes over it, and the focus goes to the step's first question
// instead of running past the last field into the next step.
func TestRequirementsElsewhereMakeTheFocusedQuestionMoot(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	watching(t, c)
	other := otherWindow(t, c)
	press(app, runes("y")) // the business licence, and on to the telecom licence
	if v.form.Focused() != "telecom_license" {
		t.Fatalf("focus on %q, want telecom_license", v.form.Focused())
	}
	from := v.sess.Requirements
	to := from
	to.Channels = []string{"web"}
	if err := other.ChangeRequirements(context.Background(), v.sess.ID, from, to); err != nil {
		t.Fatal(err)
	}
	press(app, watchTickMsg{})
	if top, ok := app.top().(*vendorScreen); !ok || top != v || v.step != 2 || v.form.Form.State != 0 {
		t.Fatalf("after the change the wizard is on step %d (form state %v)", v.step, v.form.Form.State)
	}
	if v.form.Focused() != "business_license" {
		t.Errorf("focus on %q, want the first question", v.form.Focused())
	}
	// The focus is live: a key answers the question it is on.
	press(app, runes("n"))
	if v.vendor().Answers.Tri("business_license") != rubric.No {
		t.Errorf("n did not answer the question in focus")
	}
}

// A wizard reads only its own vendor when others change the session; the rest
// is read whole once a screen that shows every vendor is back on top, and
// nothing another window changed meanwhile is missed.
func TestAWizardReadsItsVendorAndTheListReadsTheRest(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
	watching(t, c)
	other := otherWindow(t, c)
	ctx := context.Background()
	app, list := openAs(t, c, sess.ID, 120, 40)
	press(app, keyOf(tea.KeyEnter))
	v, ok := app.top().(*vendorScreen)
	if !ok {
		t.Fatalf("enter opened %T", app.top())
	}
	first, second := sess.Vendors[0].ID, sess.Vendors[1].ID
	for _, vid := range []int64{first, second} {
		if _, err := other.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
			t.Fatal(err)
		}
	}
	press(app, watchTickMsg{})
	if got := v.vendor().Answers.Tri("business_license"); got != rubric.Yes {
		t.Fatalf("the wizard's own vendor shows %v after the watch, the store holds yes", got)
	}
	if got := list.sess.Vendors[1].Answers.Tri("business_license"); got != rubric.Unknown {
		t.Errorf("the wizard's watch read the other vendor too (%v): it reads its own alone", got)
	}
	press(app, keyOf(tea.KeyEsc))
	if app.top() != list {
		t.Fatalf("esc showed %T", app.top())
	}
	// Nothing changed since: the list reads the session whole all the same.
	press(app, watchTickMsg{})
	if got := list.sess.Vendors[1].Answers.Tri("business_license"); got != rubric.Yes {
		t.Errorf("back on the list the other vendor shows %v, the store holds yes", got)
	}
}
