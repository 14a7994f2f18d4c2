package ui

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// commonAs is another window on c's database, used by the evaluator of that name:
// its own store and saver, as a second terminal has.
func commonAs(t *testing.T, c *Common, name string) *Common {
	t.Helper()
	store, err := db.Open(c.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	saver := NewSaver(store, nil)
	t.Cleanup(func() { saver.Close(5 * time.Second) })
	other := &Common{Styles: NewStyles(r), Theme: wizard.ThemeFor(r), Lang: c.Lang, Store: store, Saver: saver, Now: c.Now}
	if err := other.actAs(name); err != nil {
		t.Fatal(err)
	}
	return other
}

// answerAs stores answers to a vendor as the evaluator the store acts as.
func answerAs(t *testing.T, store *db.Store, vendorID int64, answers rubric.Answers) {
	t.Helper()
	for id, v := range answers {
		if _, err := store.SaveAnswer(context.Background(), vendorID, id, &v, 0); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
	}
}

var (
	tYes = rubric.Value{Tri: rubric.Yes}
	tNo  = rubric.Value{Tri: rubric.No}
)

// panelFixture is a session whose panel is Wang, its lead, and Li and Zhao, who
// evaluate; each answered the first vendor on their own. On the NDA Li alone says
// no, a knockout; on ISO 27001 the panel splits (yes, no, unknown); on ISO 9001
// the majority says yes; the seat multiples differ (10, 5, 8); the business licence
// and encryption are unanimous. Blind review is on, as in every new session. c is
// Wang's window.
func panelFixture(t *testing.T, lang rubric.Lang) (c *Common, sessionID, vendorID int64) {
	t.Helper()
	c = newTestCommon(t, lang)
	sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
	ctx := context.Background()
	for _, name := range []string{"Li", "Zhao"} {
		if err := c.Store.AddEvaluator(ctx, sess.ID, name, rubric.Member); err != nil {
			t.Fatal(err)
		}
	}
	vid := sess.Vendors[0].ID
	answerAs(t, c.Store, vid, rubric.Answers{"business_license": tYes, "nda": tYes, "iso9001": tYes, "iso27001": tYes,
		"encryption": tYes, "seat_multiple": {Num: 10}, "hours": {Str: "7x24"}})
	answerAs(t, commonAs(t, c, "Li").Store, vid, rubric.Answers{"business_license": tYes, "nda": tNo, "iso9001": tYes, "iso27001": tNo,
		"encryption": tYes, "seat_multiple": {Num: 5}, "hours": {Str: "7x24"}})
	answerAs(t, commonAs(t, c, "Zhao").Store, vid, rubric.Answers{"business_license": tYes, "nda": tYes, "iso9001": tNo,
		"encryption": tYes, "seat_multiple": {Num: 8}, "hours": {Str: "7x12"}})
	// Wang's window knows who uses it, as with a name on the command line.
	if err := c.actAs("Wang"); err != nil {
		t.Fatal(err)
	}
	return c, sess.ID, vid
}

// openAs opens the session in c's window at w×h, as the evaluator c acts as.
func openAs(t *testing.T, c *Common, sessionID int64, w, h int) (*App, *sessionScreen) {
	t.Helper()
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: w, Height: h})
	press(app, openSession(c, sessionID)())
	s, ok := app.top().(*sessionScreen)
	if !ok {
		t.Fatalf("opening the session showed %T", app.top())
	}
	return app, s
}

// consensusTotal is the vendor's total as the panel's consensus scores it, from the
// store.
func consensusTotal(t *testing.T, c *Common, sessionID int64, vi int) rubric.Scorecard {
	t.Helper()
	c.Saver.Flush(defaultFlush)
	sess, err := c.Store.Session(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	r := sess.Rubric()
	return rubric.ScoreVendor(r.Requirements, r.Vendors[vi], r.Profile)
}

// ownTotal is the vendor scored on one evaluator's answers alone.
func ownTotal(t *testing.T, c *Common, sessionID int64, vi int, name string) rubric.Scorecard {
	t.Helper()
	sess, err := c.Store.Session(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	v := sess.Vendors[vi]
	return rubric.ScoreVendor(sess.Requirements, rubric.Vendor{Answers: v.Panel[name]}, sess.Profile)
}

func TestBlindReviewHidesThePanelUntilSubmitted(t *testing.T) {
	c, sid, vid := panelFixture(t, rubric.EN)
	consensus := consensusTotal(t, c, sid, 0)
	liOwn := ownTotal(t, c, sid, 0, "Li")
	if liOwn.Band != rubric.Disqualified || consensus.Band == rubric.Disqualified {
		t.Fatalf("fixture: Li's own band %v, the consensus's %v", liOwn.Band, consensus.Band)
	}

	li := commonAs(t, c, "Li")
	app, s := openAs(t, li, sid, 120, 40)
	// Li sees his own score for the vendor he has not submitted, marked as his.
	if got := s.cards[0]; got.Total != liOwn.Total || got.Band != rubric.Disqualified || !s.own[0] {
		t.Fatalf("Li sees %v %v (own %v) before submitting, want his own %v, disqualified", got.Total, got.Band, s.own[0], liOwn.Total)
	}
	view := plain(app.View())
	if !strings.Contains(view, "* your score, blind until you submit") {
		t.Errorf("the session screen does not mark Li's own score:\n%s", view)
	}
	// The comparison shows neither the consensus nor the panel's range.
	press(app, runes("c"))
	cmp := app.top().(*compareScreen)
	if cmp.cards[0].Total != liOwn.Total || cmp.ranges[0] != "—" {
		t.Errorf("the comparison shows Li %v with range %q before he submits", cmp.cards[0].Total, cmp.ranges[0])
	}
	press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEnter))
	v, ok := app.top().(*vendorScreen)
	if !ok {
		t.Fatalf("enter opened %T", app.top())
	}
	if !strings.Contains(plain(app.View()), "Your score, blind until you submit") {
		t.Errorf("the wizard does not say the score is Li's own:\n%s", plain(app.View()))
	}
	// The panel view says only that there is a panel: nobody else's answer.
	press(app, keyOf(tea.KeyCtrlL))
	view = plain(app.View())
	if !strings.Contains(view, "Blind review") || strings.Contains(view, "Zhao 7×12") || strings.Contains(view, "Wang yes") ||
		strings.Contains(view, "Consensus") {
		t.Errorf("the panel view shows others' answers before Li submits:\n%s", view)
	}
	// Nor does the history.
	press(app, runes("h"))
	for _, e := range app.top().(*historyScreen).entries {
		if e.Evaluator != "Li" {
			t.Errorf("the history shows %s's change before Li submits: %+v", e.Evaluator, e)
		}
	}
	press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc))

	// Submitting: ctrl+s, then yes.
	press(app, keyOf(tea.KeyCtrlS), runes("y"))
	if !v.vendor().Submitted["Li"] {
		t.Fatal("ctrl+s and y did not submit the vendor")
	}
	stored, err := li.Store.Session(context.Background(), sid)
	if err != nil {
		t.Fatal(err)
	}
	if !stored.Vendors[0].Submitted["Li"] {
		t.Fatal("the submission was not stored")
	}
	press(app, keyOf(tea.KeyCtrlL))
	view = plain(app.View())
	if !strings.Contains(view, "Zhao 7×12") || !strings.Contains(view, "Consensus") {
		t.Errorf("the panel view hides the panel after Li submitted:\n%s", view)
	}
	press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc))
	if got := s.cards[0]; got.Total != consensus.Total || s.own[0] {
		t.Errorf("after submitting Li sees %v (own %v), want the consensus %v", got.Total, s.own[0], consensus.Total)
	}
	// The other vendor, not submitted, stays his own.
	if !s.own[1] {
		t.Error("the vendor Li has not submitted is no longer blind")
	}

	// The lead sees everything, submitted or not.
	_, lead := openAs(t, c, sid, 120, 40)
	if lead.cards[0].Total != consensus.Total || lead.own[0] || lead.own[1] {
		t.Errorf("the lead sees %v (own %v), want the consensus %v", lead.cards[0].Total, lead.own, consensus.Total)
	}
	ps := newPanelScreen(c, lead.sess, vid)
	ps.SetSize(120, 37)
	if view := plain(ps.View()); !strings.Contains(view, "Li yes") && !strings.Contains(view, "Li no") {
		t.Errorf("the lead's panel view lacks Li's answers:\n%s", view)
	}
}

// focusQuestion moves the panel view's focus to a question.
func focusQuestion(t *testing.T, app *App, ps *panelScreen, id string) {
	t.Helper()
	for i := range ps.order {
		if ps.order[ps.cursor].ID == id {
			return
		}
		if i > len(ps.order) {
			break
		}
		press(app, keyOf(tea.KeyDown))
	}
	if ps.order[ps.cursor].ID != id {
		t.Fatalf("%s is not among the panel's questions", id)
	}
}

func TestLeadDecidesASplitQuestion(t *testing.T) {
	c, sid, vid := panelFixture(t, rubric.EN)
	before := consensusTotal(t, c, sid, 0)
	app, _ := openAs(t, c, sid, 120, 40)
	press(app, keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlL))
	ps := app.top().(*panelScreen)
	// The split question comes among the disagreements, and its consensus is unknown.
	split := -1
	for i, q := range ps.order[:ps.split] {
		if q.ID == "iso27001" {
			split = i
		}
	}
	if split < 0 {
		t.Fatalf("iso27001 is not among the disagreements: %+v", ps.order[:ps.split])
	}
	for i := 1; i < ps.split; i++ {
		if ps.order[i].Stake > ps.order[i-1].Stake {
			t.Errorf("disagreements not by points at stake: %v before %v", ps.order[i-1].Stake, ps.order[i].Stake)
		}
	}
	focusQuestion(t, app, ps, "iso27001")
	press(app, keyOf(tea.KeyEnter))
	f, ok := app.top().(*formScreen)
	if !ok {
		t.Fatalf("enter on a question opened %T for the lead", app.top())
	}
	// The consensus (unknown) is chosen first; → goes round to yes.
	yesValue := string(mustQuestion(t, "iso27001").Encode(tYes))
	for range 4 {
		if *f.values[0] == yesValue {
			break
		}
		press(app, keyOf(tea.KeyRight))
	}
	if *f.values[0] != yesValue {
		t.Fatalf("could not choose yes: %q", *f.values[0])
	}
	press(app, keyOf(tea.KeyEnter))
	// No reason: refused in the dialog.
	press(app, keyOf(tea.KeyEnter))
	if app.top() != screen(f) {
		t.Fatal("a decision without a reason was taken")
	}
	press(app, runes("certificate seen on site"), keyOf(tea.KeyEnter))
	if app.top() != screen(ps) {
		t.Fatalf("the decision left %T on top", app.top())
	}
	after := consensusTotal(t, c, sid, 0)
	if after.Total <= before.Total {
		t.Errorf("deciding ISO 27001 yes left the consensus total at %v (was %v)", after.Total, before.Total)
	}
	sess, _ := c.Store.Session(context.Background(), sid)
	d, ok := sess.Vendors[0].Decisions["iso27001"]
	if !ok || d.Value.Tri != rubric.Yes || d.Reason != "certificate seen on site" || d.By != "Wang" {
		t.Errorf("stored decision %+v", d)
	}
	// The screen follows: the question is decided, and its history says so.
	if ps.ev.Card.Total != after.Total {
		t.Errorf("the panel view shows %v, the store %v", ps.ev.Card.Total, after.Total)
	}
	if !strings.Contains(plain(app.View()), "decided by Wang: yes (certificate seen on site)") {
		t.Errorf("the decision is not shown:\n%s", plain(app.View()))
	}
	press(app, runes("h"))
	if view := plain(app.View()); !strings.Contains(view, "decision · ISO 27001 certified: (none) → yes (reason: certificate seen on site)") {
		t.Errorf("the history lacks the decision:\n%s", view)
	}
	_ = vid
}

func mustQuestion(t *testing.T, id string) rubric.Question {
	t.Helper()
	q, ok := rubric.QuestionByID(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	return q
}

func TestAnEvaluatorMayNotDecide(t *testing.T) {
	c, sid, _ := panelFixture(t, rubric.ZH)
	// Out of blind review, so that Li sees the question he may not decide.
	if err := c.Store.SetBlind(context.Background(), sid, false); err != nil {
		t.Fatal(err)
	}
	before := consensusTotal(t, c, sid, 0)
	li := commonAs(t, c, "Li")
	app, _ := openAs(t, li, sid, 80, 24)
	press(app, keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlL))
	ps := app.top().(*panelScreen)
	focusQuestion(t, app, ps, "iso27001")
	press(app, keyOf(tea.KeyEnter))
	if app.top() != screen(ps) {
		t.Fatalf("an evaluator's enter opened %T", app.top())
	}
	if view := plain(app.View()); !strings.Contains(view, "只有组长可以裁定共识答案;你是评估人。") {
		t.Errorf("Li is not told he cannot decide:\n%s", view)
	}
	// Nor turn blind review on, nor add an evaluator.
	press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc), runes("b"))
	if view := plain(app.View()); !strings.Contains(view, "只有组长可以开关盲评") {
		t.Errorf("Li is not told he cannot turn blind review on:\n%s", view)
	}
	press(app, runes("p"))
	if _, ok := app.top().(*sessionScreen); !ok {
		t.Errorf("p opened %T for an evaluator", app.top())
	}
	sess, _ := c.Store.Session(context.Background(), sid)
	if sess.Blind || len(sess.Panel) != 3 || len(sess.Vendors[0].Decisions) != 0 {
		t.Errorf("an evaluator changed the panel: blind %v, %d evaluators, decisions %v", sess.Blind, len(sess.Panel), sess.Vendors[0].Decisions)
	}
	if after := consensusTotal(t, c, sid, 0); after.Total != before.Total {
		t.Errorf("the consensus moved from %v to %v", before.Total, after.Total)
	}
}

func TestTwoPersonPanelAsksWhoIsEvaluating(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	single := newSessionWithVendors(t, c, "乙 Vendor")
	if err := c.Store.AddEvaluator(context.Background(), sess.ID, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	// One evaluator: no question, the session's lead.
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c, single.ID)())
	if s, ok := app.top().(*sessionScreen); !ok || s.sess.Acting != "Wang" || c.Evaluator != "" {
		t.Fatalf("a session of one evaluator showed %T", app.top())
	}
	press(app, keyOf(tea.KeyEsc))

	press(app, openSession(c, sess.ID)())
	who, ok := app.top().(*whoScreen)
	if !ok {
		t.Fatalf("a session of two evaluators showed %T, not the question who is evaluating", app.top())
	}
	view := plain(app.View())
	for _, want := range []string{"Who are you?", "Wang (lead)", "Li", "Someone new"} {
		if !strings.Contains(view, want) {
			t.Errorf("the question lacks %q:\n%s", want, view)
		}
	}
	assertFits(t, app.View(), 80, 24)
	press(app, keyOf(tea.KeyDown), keyOf(tea.KeyEnter))
	s, ok := app.top().(*sessionScreen)
	if !ok || s.sess.Acting != "Li" || c.Evaluator != "Li" {
		t.Fatalf("choosing Li showed %T acting as %q", app.top(), c.Evaluator)
	}
	if !strings.Contains(plain(app.View()), "You are Li") {
		t.Errorf("the session does not say who evaluates:\n%s", plain(app.View()))
	}
	// Li's answer is his, not the lead's.
	press(app, keyOf(tea.KeyEnter), runes("n"))
	c.Saver.Flush(defaultFlush)
	stored, _ := c.Store.Session(context.Background(), sess.ID)
	if got := stored.Vendors[0].Panel["Li"].Tri("business_license"); got != rubric.No {
		t.Errorf("Li's answer stored as %v", got)
	}
	if _, ok := stored.Vendors[0].Panel["Wang"]; ok {
		t.Error("Li's answer was written as the lead's")
	}
	_ = who
}

func TestSomeoneNewJoinsThePanel(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	if err := c.Store.AddEvaluator(context.Background(), sess.ID, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c, sess.ID)())
	press(app, keyOf(tea.KeyDown), keyOf(tea.KeyDown), keyOf(tea.KeyEnter))
	if _, ok := app.top().(*formScreen); !ok {
		t.Fatalf("someone new opened %T", app.top())
	}
	press(app, runes("法务部 Zhou"), keyOf(tea.KeyEnter))
	s, ok := app.top().(*sessionScreen)
	if !ok || s.sess.Acting != "法务部 Zhou" {
		t.Fatalf("someone new showed %T", app.top())
	}
	if len(app.stack) != 2 {
		t.Errorf("%d screens under the session, want the list alone", len(app.stack)-1)
	}
}

func TestLeadTurnsBlindReviewOffAndAddsAnEvaluator(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	app, s := openAs(t, c, sess.ID, 80, 24)
	press(app, runes("b"))
	// Every session starts in blind review.
	if s.sess.Blind || !strings.Contains(plain(app.View()), "Blind review: off") {
		t.Errorf("b did not turn blind review off:\n%s", plain(app.View()))
	}
	press(app, runes("p"), runes("Legal"), keyOf(tea.KeyEnter), keyOf(tea.KeyRight), keyOf(tea.KeyEnter))
	if _, ok := app.top().(*sessionScreen); !ok {
		t.Fatalf("adding an evaluator left %T on top", app.top())
	}
	stored, _ := c.Store.Session(context.Background(), sess.ID)
	if stored.Blind || len(stored.Panel) != 2 || stored.Panel[1] != (rubric.Evaluator{Name: "Legal", Role: rubric.Lead}) {
		t.Errorf("stored blind %v, panel %v", stored.Blind, stored.Panel)
	}
	if view := plain(app.View()); !strings.Contains(view, "Panel: Wang (lead), Legal (lead)") {
		t.Errorf("the session screen does not name the panel:\n%s", view)
	}
	// A viewer: the third role, two to the right.
	press(app, runes("p"), runes("Audit"), keyOf(tea.KeyEnter), keyOf(tea.KeyRight), keyOf(tea.KeyRight), keyOf(tea.KeyEnter))
	stored, _ = c.Store.Session(context.Background(), sess.ID)
	if len(stored.Panel) != 2 || !slices.Equal(stored.Viewers, []string{"Audit"}) {
		t.Errorf("after adding a viewer: panel %v, viewers %v", stored.Panel, stored.Viewers)
	}
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40})
	if view := plain(app.View()); !strings.Contains(view, "Viewers: Audit") {
		t.Errorf("the session screen does not name the viewer:\n%s", view)
	}
}

func TestPanelGoldens(t *testing.T) {
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(string(lang)+"_"+itoa(sz[0])+"x"+itoa(sz[1]), func(t *testing.T) {
				c, sid, vid := panelFixture(t, lang)
				if err := c.Store.Decide(context.Background(), vid, "iso9001", &tYes, lang.Pick("审核证书原件", "original certificate checked")); err != nil {
					t.Fatal(err)
				}
				app, _ := openAs(t, c, sid, sz[0], sz[1])
				press(app, keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlL))
				if _, ok := app.top().(*panelScreen); !ok {
					t.Fatalf("ctrl+l opened %T", app.top())
				}
				// The status line says whether a save is still waiting: wait for them.
				c.Saver.Flush(defaultFlush)
				view := app.View()
				assertFits(t, view, sz[0], sz[1])
				golden.RequireEqual(t, []byte(plain(view)))
			})
		}
	}
}

func TestTheLeadsChangesShowInAnEvaluatorsWindow(t *testing.T) {
	c, sid, vid := panelFixture(t, rubric.EN)
	li := commonAs(t, c, "Li")
	watching(t, li)
	app, s := openAs(t, li, sid, 120, 40)
	if !s.own[0] {
		t.Fatal("fixture: Li does not start in blind review")
	}
	ctx := context.Background()
	// The lead ends blind review in his window.
	if err := c.Store.SetBlind(ctx, sid, false); err != nil {
		t.Fatal(err)
	}
	press(app, watchTickMsg{})
	before := consensusTotal(t, c, sid, 0)
	if s.own[0] || s.cards[0].Total != before.Total {
		t.Fatalf("after blind review ended elsewhere Li sees %v (own %v), want the consensus %v", s.cards[0].Total, s.own[0], before.Total)
	}
	if !strings.Contains(plain(app.View()), "Blind review: off") {
		t.Errorf("the session screen still says blind review is on:\n%s", plain(app.View()))
	}
	// The lead decides the split question: Li's window follows.
	if err := c.Store.Decide(ctx, vid, "iso27001", &tYes, "seen"); err != nil {
		t.Fatal(err)
	}
	press(app, watchTickMsg{})
	after := consensusTotal(t, c, sid, 0)
	if after.Total == before.Total || s.cards[0].Total != after.Total {
		t.Errorf("after the lead's decision Li sees %v; the consensus went from %v to %v", s.cards[0].Total, before.Total, after.Total)
	}
}

// The system's user is offered first: on the panel, their name; else someone new,
// their name already typed.
func TestTheSystemsUserIsOfferedFirst(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	if err := c.Store.AddEvaluator(context.Background(), sess.ID, "li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	c.UserName = "li"
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c, sess.ID)(), keyOf(tea.KeyEnter))
	if s, ok := app.top().(*sessionScreen); !ok || s.sess.Acting != "li" {
		t.Fatalf("enter on the first offer showed %T", app.top())
	}

	c2 := newTestCommon(t, rubric.EN)
	sess2 := newSessionWithVendors(t, c2, "乙 Vendor")
	if err := c2.Store.AddEvaluator(context.Background(), sess2.ID, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	c2.UserName = "zhou"
	app2 := NewApp(c2)
	press(app2, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c2, sess2.ID)(), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
	if s, ok := app2.top().(*sessionScreen); !ok || s.sess.Acting != "zhou" {
		t.Fatalf("someone new with the system's name showed %T", app2.top())
	}
}

// In blind review the report, which holds the whole panel's answers, is not for an
// evaluator with a vendor still to submit.
func TestBlindReviewKeepsTheReportFromAnEvaluator(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	if err := c.Store.AddEvaluator(context.Background(), sess.ID, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	if err := c.actAs("Li"); err != nil {
		t.Fatal(err)
	}
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c, sess.ID)(), openExport(c, sess.ID)())
	if _, ok := app.top().(*exportScreen); ok {
		t.Fatal("a blind evaluator opened the export")
	}
	if view := plain(app.View()); !strings.Contains(view, "Blind review: only the lead") {
		t.Errorf("the refusal is not said:\n%s", view)
	}
}

// An interface served to a terminal elsewhere writes no file: a path would be the
// server's.
func TestARemoteInterfaceWritesNoFile(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	c.Remote = true
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24}, openSession(c, sess.ID)())
	press(app, runes("e"))
	if _, ok := app.top().(*exportScreen); ok {
		t.Fatal("the export screen opened over the team server")
	}
	if view := plain(app.View()); !strings.Contains(view, "writes no files") {
		t.Errorf("the refusal is not said:\n%s", view)
	}
}

// On the team server the form to add someone names the people with a key who
// are not on the panel yet.
func TestAddingSomeoneNamesThePeopleWithAKey(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	c.People = func() []string { return []string{"Chen", "Li", "Wang"} }
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	app, _ := openAs(t, c, sess.ID, 80, 24)
	press(app, runes("p"))
	view := plain(app.View())
	if !strings.Contains(view, "People with a key: Chen, Li") || strings.Contains(view, "Li, Wang") {
		t.Errorf("the form does not name the people with a key who are not on the panel (Wang leads):\n%s", view)
	}
}
