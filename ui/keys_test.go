package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
)

// triAnswers lists the yes/no answers of a step's questions that apply, in order,
// "" for none: those the focus stops on.
func triAnswers(v *vendorScreen, step int) []rubric.Tri {
	var out []rubric.Tri
	for _, q := range rubric.StepQuestions(step) {
		if q.Kind == rubric.KindTri && !q.Moot(v.sess.Requirements) {
			out = append(out, v.vendor().Answers.Tri(q.ID))
		}
	}
	return out
}

func TestKeysReadTogetherActOneByOne(t *testing.T) {
	_, app, v := openVendor(t, rubric.ZH, 2, 120, 40)
	// Step 2 opens on its first yes/no questions; a terminal that read three keys at
	// once delivers them as one message.
	press(app, runes("yny"))
	got := triAnswers(v, 2)
	want := []rubric.Tri{rubric.Yes, rubric.No, rubric.Yes}
	for i, w := range want {
		if got[i] != w {
			t.Fatalf("answers after \"yny\" in one read: %v, want %v first", got, want)
		}
	}
	stored := v.vendor().Answers
	v.c.Saver.Flush(defaultFlush)
	fresh, err := v.c.Store.Session(context.Background(), v.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range rubric.StepQuestions(2) {
		if fresh.Vendors[0].Answers.Tri(q.ID) != stored.Tri(q.ID) {
			t.Errorf("%s: stored %v, on screen %v", q.ID, fresh.Vendors[0].Answers.Tri(q.ID), stored.Tri(q.ID))
		}
	}
}

func TestPasteOutsideATextFieldIsNotRun(t *testing.T) {
	_, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	for _, text := range []string{"yynq", "q", "n"} {
		paste := runes(text)
		paste.Paste = true
		press(app, paste)
	}
	if app.Quitting() {
		t.Fatal("a pasted q quit the application")
	}
	for _, a := range triAnswers(v, 2) {
		if a != rubric.Unknown {
			t.Fatalf("a paste answered questions: %v", triAnswers(v, 2))
		}
	}
	if app.top() != v {
		t.Fatalf("a paste left the wizard for %T", app.top())
	}
}

func TestABareDigitNeverChangesTheStep(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		_, app, v := openVendor(t, rubric.EN, 2, 120, 40)
		before := triAnswers(v, 2)
		press(app, runes("6"))
		if v.step != 2 {
			t.Fatalf("6 on a yes/no question went to step %d", v.step)
		}
		if after := triAnswers(v, 2); after[0] != before[0] {
			t.Errorf("6 changed the answer to %v", after[0])
		}
		// Step 4 opens on a number field: the digit is its text, as before.
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'4'}, Alt: true}, runes("6"))
		if v.step != 4 {
			t.Fatalf("alt+4 then 6: step %d", v.step)
		}
	})
}

// sendAll gives the app every message before any command it starts has run, the way
// keys read in one go reach Bubble Tea before the screen they open is shown.
func sendAll(app *App, msgs ...tea.Msg) []tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range msgs {
		_, cmd := app.Update(m)
		cmds = append(cmds, cmd)
	}
	return cmds
}

func TestKeysTypedWhileAScreenOpensActOnTheNewScreen(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	newSessionWithVendors(t, c, "Vendor A")
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 100, Height: 30})
	runCmd(app, app.Init())
	enter := keyOf(tea.KeyEnter)
	// enter opens the session; the second enter, typed before the session is
	// shown, is for the session screen: it opens the vendor, not the session again.
	for _, cmd := range sendAll(app, enter, enter) {
		runCmd(app, cmd)
	}
	var sessions, vendors int
	for _, s := range app.stack {
		switch s.(type) {
		case *sessionScreen:
			sessions++
		case *vendorScreen:
			vendors++
		}
	}
	if sessions != 1 || vendors != 1 {
		t.Fatalf("two quick enters: %d session screens and %d vendor screens, want 1 and 1 (stack %T)", sessions, vendors, app.stack)
	}
}

func TestBurstThatOpensADialogTypesTheRestIntoIt(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c)
		app := NewApp(c)
		press(app, tea.WindowSizeMsg{Width: 100, Height: 30}, pushMsg{newSessionScreen(c, sess)})
		// "a" adds a vendor; "Quick" in the same read is its name, not commands.
		for _, cmd := range sendAll(app, runes("aQuick")) {
			runCmd(app, cmd)
		}
		f, ok := app.top().(*formScreen)
		if !ok {
			t.Fatalf("a did not open the vendor dialog: %T", app.top())
		}
		if got := *f.values[0]; got != "Quick" {
			t.Fatalf("vendor name %q, want %q", got, "Quick")
		}
	})
}

func TestAMessageGoesWithItsScreen(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "First", "Second")
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newSessionScreen(c, sess)}, keyOf(tea.KeyEnter))
	press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'7'}, Alt: true}, keyOf(tea.KeyPgDown))
	if !strings.Contains(plain(app.View()), "all steps visited") {
		t.Fatalf("the session screen does not say the steps were visited:\n%s", plain(app.View()))
	}
	// Opening the second vendor: the first one's message is not this screen's.
	press(app, keyOf(tea.KeyDown), keyOf(tea.KeyEnter))
	if _, ok := app.top().(*vendorScreen); !ok {
		t.Fatalf("enter opened %T", app.top())
	}
	if view := plain(app.View()); strings.Contains(view, "all steps visited") {
		t.Errorf("the first vendor's message follows into the second vendor:\n%s", view)
	}
}

func TestSavedIsNotSaidWhileAChangeWaits(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 100, Height: 30})
	app.Update(SavedMsg{Key: "k", What: "x", At: fixedNow})
	if got := plain(app.statusView()); !strings.Contains(got, "Saved") {
		t.Fatalf("after a save the status says %q", got)
	}
	release := make(chan struct{})
	c.Saver.Save("held", "note", func(context.Context, *db.Store) error { <-release; return nil })
	defer close(release)
	if got := plain(app.statusView()); strings.Contains(got, "Saved") {
		t.Errorf("a change still waiting, and the status says %q", got)
	}
}

// prefix is the first n characters of s: enough to find a reason that wraps.
func prefix(s string, n int) string {
	r := []rune(s)
	return string(r[:min(len(r), n)])
}

func TestReasonsAreReadableAt80x24(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			c, app, v := openVendor(t, lang, 2, 80, 24)
			for range 20 {
				if v.form.Focused() == "nda" {
					break
				}
				press(app, keyOf(tea.KeyTab))
			}
			// No NDA: a knockout, with its reason, and the reasons of the item in focus.
			press(app, runes("n"), keyOf(tea.KeyShiftTab))
			if v.form.Focused() != "nda" {
				t.Fatalf("focused %q, want nda", v.form.Focused())
			}
			view := plain(app.View())
			assertFits(t, view, 80, 24)
			if len(v.card.Knockouts) == 0 {
				t.Fatal("no NDA did not knock the vendor out")
			}
			knockout := rubric.FindingText(v.card.Knockouts[0].Code, c.Lang)
			if !strings.Contains(view, prefix(knockout, 8)) {
				t.Errorf("the knockout's reason %q is not on screen:\n%s", knockout, view)
			}
			q, _ := rubric.QuestionByID("nda")
			why := v.card.Item(q.Item).Why
			if len(why) == 0 {
				t.Fatalf("item %s has no reasons", q.Item)
			}
			if w := why[0].In(c.Lang); !strings.Contains(view, prefix(w, 8)) {
				t.Errorf("the reason %q of the item in focus is not on screen:\n%s", w, view)
			}
		})
	}
}

func TestAVendorReopensWhereTheEvaluatorWas(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c, "First")
		app := NewApp(c)
		press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newSessionScreen(c, sess)}, keyOf(tea.KeyEnter))
		v := expectTop[*vendorScreen](t, app, "enter opened the vendor")
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'5'}, Alt: true}, keyOf(tea.KeyTab), keyOf(tea.KeyTab))
		left := v.form.Focused()
		if v.step != 5 || left == rubric.StepQuestions(5)[0].ID {
			t.Fatalf("on step %d question %q after alt+5 and two tabs", v.step, left)
		}
		press(app, keyOf(tea.KeyEsc))
		c.Saver.Flush(defaultFlush)
		press(app, keyOf(tea.KeyEnter))
		again := expectTop[*vendorScreen](t, app, "enter opened the vendor again")
		if again.step != 5 || again.form.Focused() != left {
			t.Errorf("reopened on step %d at %q, want step 5 at %q", again.step, again.form.Focused(), left)
		}
	})
}

func TestADialogKeepsWhatWasTypedAcrossCtrlC(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.ZH)
		sess := newSessionWithVendors(t, c)
		open := func() (*App, *formScreen) {
			app := NewApp(c)
			press(app, tea.WindowSizeMsg{Width: 100, Height: 30}, pushMsg{newSessionScreen(c, sess)}, runes("a"))
			return app, expectTop[*formScreen](t, app, "a opened the vendor dialog")
		}
		app, _ := open()
		press(app, runes("网萌科"), keyOf(tea.KeyCtrlC))
		if !app.Quitting() {
			t.Fatal("ctrl+c did not quit")
		}
		c.Saver.Flush(defaultFlush)
		// The next start: the dialog opens with the half-typed name.
		app, f := open()
		if got := *f.values[0]; got != "网萌科" {
			t.Fatalf("the dialog opened with %q, want the half-typed 网萌科", got)
		}
		if !strings.Contains(plain(app.View()), "已恢复") {
			t.Errorf("the dialog does not say it restored the text:\n%s", plain(app.View()))
		}
		// esc gives the text up on purpose: the next time the dialog is empty.
		press(app, keyOf(tea.KeyEsc))
		c.Saver.Flush(defaultFlush)
		_, f = open()
		if got := *f.values[0]; got != "" {
			t.Errorf("after esc the dialog opened with %q", got)
		}
	})
}

func TestADialogSaysWhenTextIsCut(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c)
		app := NewApp(c)
		press(app, tea.WindowSizeMsg{Width: 100, Height: 30}, pushMsg{newSessionScreen(c, sess)}, runes("a"))
		f := expectTop[*formScreen](t, app, "a opened the vendor dialog")
		long := pasted(strings.Repeat("长", clean.MaxLine+50))
		press(app, long)
		if got := len([]rune(*f.values[0])); got != clean.MaxLine {
			t.Fatalf("the name holds %d characters, want the limit %d", got, clean.MaxLine)
		}
		if view := plain(app.View()); !strings.Contains(view, "at most 200 characters") {
			t.Errorf("a paste cut to the limit is not said:\n%s", view)
		}
		// A key past the limit is said too; a key within it clears the message.
		press(app, runes("x"))
		if !strings.Contains(plain(app.View()), "at most 200 characters") {
			t.Error("a key past the limit is not said")
		}
		press(app, keyOf(tea.KeyBackspace), runes("x"))
		if strings.Contains(plain(app.View()), "at most 200 characters") {
			t.Error("the message stays after a key that fitted")
		}
	})
}

func TestEscAndAKeyReadTogetherAreEscThenTheKey(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c, "First")
		app := NewApp(c)
		press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newSessionScreen(c, sess)}, keyOf(tea.KeyEnter))
		v := expectTop[*vendorScreen](t, app, "enter opened the vendor")
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'3'}, Alt: true})
		if !v.form.Typing() {
			t.Fatalf("step 3 does not open on a number field: %q", v.form.Focused())
		}
		press(app, runes("6"))
		// esc then a, in one read: the terminal says alt+a.
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'a'}, Alt: true})
		if got := v.form.Live().Invalid; len(got) != 0 {
			t.Errorf("the a after esc went into the number field: %q", got)
		}
		if _, ok := app.top().(*formScreen); !ok {
			t.Errorf("esc then a: %T on top, want the add-vendor dialog", app.top())
		}
	})
}

func TestMovingInAVendorKeepsAWaitingWeightsChange(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "First")
	if sess.ID != sess.Vendors[0].ID {
		t.Fatalf("session %d and vendor %d: the test needs one id for both", sess.ID, sess.Vendors[0].ID)
	}
	// Hold the saver so that both saves wait together, as on a full disk.
	release := make(chan struct{})
	c.Saver.Save("hold", "hold", func(context.Context, *db.Store) error { <-release; return nil })
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newCompareScreen(c, sess)}, runes("p"))
	press(app, keyOf(tea.KeyEsc), pushMsg{newVendorScreen(c, sess, 0, 2)}, keyOf(tea.KeyTab))
	close(release)
	c.Saver.Flush(defaultFlush)
	stored, err := c.Store.Session(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Profile.Name != "regulated" {
		t.Errorf("weights stored %q, want regulated: the move in the vendor replaced the waiting change", stored.Profile.Name)
	}
}

func TestStepOneKeepsANumberThatDoesNotReadAcrossLeaving(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "A")
	app := NewApp(c)
	open := func() *requirementsScreen {
		press(app, pushMsg{newRequirementsScreen(c, sess)})
		return expectTop[*requirementsScreen](t, app, "step 1 opened")
	}
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{newSessionScreen(c, sess)})
	r := open()
	for r.form.Form.GetFocusedField().GetKey() != "daily_volume" {
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyBackspace), runes("5000 per"), keyOf(tea.KeyEsc))
	// Another window's change rebuilds the form; leaving and coming back builds it anew.
	r = open()
	if got := r.form.Drafts()["daily_volume"]; got != "5000 per" && !strings.HasSuffix(got, "5000 per") {
		t.Errorf("step 1 opened again with daily volume %q, want the half-typed text kept", got)
	}
}
