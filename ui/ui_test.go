package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"vendorvet/db"
	"vendorvet/rubric"
)

var langs = []rubric.Lang{rubric.ZH, rubric.EN}

func TestFirstRunOffersNewAndDemo(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			c := newTestCommon(t, lang)
			tm, _ := startApp(t, c, 80, 24)
			waitFor(t, tm, c.Lang.Pick("新建评估会话", "start a new evaluation"), c.Lang.Pick("示例会话", "demo session"))
			view := finalView(t, tm)
			assertFits(t, view, 80, 24)
			golden.RequireEqual(t, []byte(plain(view)))
		})
	}
}

func TestSessionsListShowsLeaderAndPaging(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		ctx := context.Background()
		for i := range 250 {
			if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: fmt.Sprintf("Session %03d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		s := newSessionsScreen(c)
		s.SetSize(100, 20)
		if s.count != 250 {
			t.Fatalf("count = %d, want 250", s.count)
		}
		// Only the first page is loaded until the cursor goes further.
		s.View()
		if len(s.pages) != 1 {
			t.Fatalf("%d pages loaded for the first screen, want 1", len(s.pages))
		}
		for range 200 {
			s.Update(keyOf(tea.KeyDown))
		}
		if s.cursor != 200 {
			t.Fatalf("cursor = %d, want 200", s.cursor)
		}
		view := plain(s.View())
		if !strings.Contains(view, "› Session 049") { // newest first: row 200 is session 49
			t.Errorf("row 200 is not session 049:\n%s", view)
		}
	})
}

func TestFilterTypesLettersNotCommands(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	ctx := context.Background()
	for _, title := range []string{"Quarterly review", "Annual tender"} {
		if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 100, Height: 20})
	app.Update(runes("/"))
	// q and d are commands on this screen, but in the filter they are letters.
	app.Update(runes("q"))
	if app.Quitting() {
		t.Fatal("q typed into the filter quit the application")
	}
	app.Update(runes("uarterly"))
	s := app.top().(*sessionsScreen)
	if s.count != 1 || s.filter.Value() != "quarterly" {
		t.Fatalf("filter %q matches %d sessions, want 1", s.filter.Value(), s.count)
	}
	app.Update(keyOf(tea.KeyEnter))
	app.Update(runes("q"))
	if !app.Quitting() {
		t.Fatal("q outside a text field does not quit")
	}
}

func TestNewSessionThenVendorNameKeepsQ(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	tm, _ := startApp(t, c, 100, 30)
	waitFor(t, tm, "start a new evaluation")
	tm.Send(runes("n"))
	waitFor(t, tm, "New evaluation session")
	answerField(tm, "quality q")
	answerField(tm, "ACME")
	answerField(tm, "")
	waitFor(t, tm, "Step 1 of 7")
	tm.Send(keyOf(tea.KeyEsc))
	waitFor(t, tm, "No vendors yet")
	tm.Send(runes("a"))
	waitFor(t, tm, "Add vendor")
	tm.Send(runes("q"))
	answerField(tm, "uick 客服")
	answerField(tm, "")
	waitFor(t, tm, "quick 客服")
	finalView(t, tm)

	rows, err := c.Store.ListSessions(context.Background(), "", 0, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("sessions: %v %v", rows, err)
	}
	if rows[0].Title != "quality q" || rows[0].Client != "ACME" || rows[0].Vendors != 1 {
		t.Errorf("stored session = %+v", rows[0])
	}
	sess, _ := c.Store.Session(context.Background(), rows[0].ID)
	if sess.Vendors[0].Name != "quick 客服" {
		t.Errorf("vendor name = %q", sess.Vendors[0].Name)
	}
}

// openVendor builds the wizard on a fresh session at a size.
func openVendor(t *testing.T, lang rubric.Lang, step, w, h int) (*Common, *App, *vendorScreen) {
	t.Helper()
	c := newTestCommon(t, lang)
	sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	v := newVendorScreen(c, sess, 0, step)
	app.Update(pushMsg{v})
	return c, app, v
}

func TestWizardScoresWhileAnswering(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	before := v.card.Total
	if got, _, _ := v.form.FocusedTri(); got != "business_license" {
		t.Fatalf("focused %q, want business_license", got)
	}
	press(app, runes("y"))
	if v.vendor().Answers.Tri("business_license") != rubric.Yes {
		t.Fatal("y did not answer yes")
	}
	if v.card.Total <= before {
		t.Errorf("total %v did not rise from %v after a licence was confirmed", v.card.Total, before)
	}
	if !strings.Contains(plain(app.View()), "Total "+rubric.FormatNumber(v.card.Total)) {
		t.Errorf("panel does not show total %v", v.card.Total)
	}
	// Straight to the NDA: refusing it disqualifies at once.
	for v.form.Focused() != "nda" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, runes("n"))
	if v.card.Band != rubric.Disqualified {
		t.Fatalf("band %s after NDA refused", v.card.Band)
	}
	if !strings.Contains(plain(app.View()), "refuses to sign an NDA") {
		t.Errorf("knockout reason missing from the panel:\n%s", plain(app.View()))
	}
	// Unknown stays distinct from no.
	for v.form.Focused() != "nda" {
		press(app, keyOf(tea.KeyShiftTab))
	}
	press(app, runes("u"))
	if _, ok := v.vendor().Answers["nda"]; ok {
		t.Error("u left an answer for the NDA; unknown must be absent")
	}
	if !c.Saver.Flush(5 * time.Second) {
		t.Fatal("saves did not finish")
	}
	sess, _ := c.Store.Session(context.Background(), v.sess.ID)
	got := sess.Vendors[0].Answers
	if got.Tri("business_license") != rubric.Yes || got.Tri("nda") != rubric.Unknown {
		t.Errorf("stored answers %v", got)
	}
}

// runCmd runs a command and feeds the messages it produces at once (field moves)
// back to the app, with what those start in turn.
func runCmd(app *App, cmd tea.Cmd) {
	collect(cmd, func(msg tea.Msg) {
		_, next := app.Update(msg)
		runCmd(app, next)
	})
}

// asCmds unpacks Bubble Tea's sequence message, whose type is not exported.
func asCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// press sends a message to the app and runs what it starts.
func press(app *App, msgs ...tea.Msg) {
	for _, m := range msgs {
		_, cmd := app.Update(m)
		runCmd(app, cmd)
	}
}
