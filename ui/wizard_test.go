package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"vendorvet/db"
	"vendorvet/rubric"
)

func TestHalfTypedNumberNeverReachesTheStore(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.EN, 3, 120, 40)
		if v.form.Focused() != "seat_multiple" {
			t.Fatalf("focused %q", v.form.Focused())
		}
		press(app, runes("8"))
		if n, _ := v.vendor().Answers.Num("seat_multiple"); n != 8 {
			t.Fatalf("seat multiple = %v after typing 8", n)
		}
		press(app, runes("a"))
		if n, ok := v.vendor().Answers.Num("seat_multiple"); ok {
			t.Errorf("8a is scored as %v, want unanswered", n)
		}
		if !v.card.Provisional {
			t.Error("the scorecard does not count 8a as unanswered")
		}
		if got := v.drafts["seat_multiple"]; got != "8a" {
			t.Errorf("draft = %q, want 8a kept as typed", got)
		}
		if !strings.Contains(plain(app.View()), "enter a number") {
			t.Errorf("no message for 8a:\n%s", plain(app.View()))
		}
		// Leaving the step and coming back shows the text as typed.
		press(app, keyOf(tea.KeyPgDown), keyOf(tea.KeyPgUp))
		if v.step != 3 || !strings.Contains(plain(app.View()), "8a") {
			t.Errorf("the half-typed 8a did not survive a step change:\n%s", plain(app.View()))
		}
		c.Saver.Flush(5 * time.Second)
		sess, _ := c.Store.Session(context.Background(), v.sess.ID)
		if n, ok := sess.Vendors[0].Answers.Num("seat_multiple"); ok {
			t.Errorf("stored seat multiple = %v, want none while 8a does not read", n)
		}
		// The text as typed is stored too, and a wizard opened later shows it again.
		if d := sess.Vendors[0].Drafts["seat_multiple"]; d != "8a" {
			t.Errorf("stored draft = %q, want 8a", d)
		}
		again := newVendorScreen(c, sess, 0, 3)
		again.SetSize(120, 40)
		again.Init()
		if !strings.Contains(plain(again.View()), "8a") {
			t.Errorf("a reopened wizard does not show 8a:\n%s", plain(again.View()))
		}
		// Correcting it forgets the draft and scores the number again.
		press(app, keyOf(tea.KeyBackspace))
		c.Saver.Flush(5 * time.Second)
		sess, _ = c.Store.Session(context.Background(), v.sess.ID)
		if d, ok := sess.Vendors[0].Drafts["seat_multiple"]; ok {
			t.Errorf("draft %q kept after the number was corrected", d)
		}
		if n, ok := sess.Vendors[0].Answers.Num("seat_multiple"); !ok || n != 8 {
			t.Errorf("stored seat multiple = %v %v after the correction, want 8", n, ok)
		}
	})
}

func TestStepsMoveFreely(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		_, app, v := openVendor(t, rubric.ZH, 2, 100, 30)
		press(app, keyOf(tea.KeyPgDown))
		if v.step != 3 {
			t.Fatalf("pgdown: step %d", v.step)
		}
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'6'}, Alt: true})
		if v.step != 6 {
			t.Fatalf("alt+6: step %d", v.step)
		}
		press(app, keyOf(tea.KeyPgUp), keyOf(tea.KeyPgUp))
		if v.step != 4 {
			t.Fatalf("pgup twice from 6: step %d", v.step)
		}
		// Step 4 starts on a number field: a digit there is text, not a jump.
		press(app, runes("7"))
		if v.step != 4 {
			t.Fatalf("a digit typed into a number field jumped to step %d", v.step)
		}
		if n, _ := v.vendor().Answers.Num("same_industry_cases"); n != 7 {
			t.Errorf("same-industry cases = %v, want 7", n)
		}
		// Past the last step the wizard returns to the session.
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'7'}, Alt: true}, keyOf(tea.KeyPgDown))
		if _, ok := app.top().(*vendorScreen); ok {
			t.Error("pgdown on step 7 did not return to the session")
		}
	})
}

func TestCtrlCWaitsForQueuedSaves(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	press(app, runes("y"), runes("n"), runes("y"))
	_, cmd := app.Update(tea.KeyMsg{Type: tea.KeyCtrlC})
	if !app.Quitting() {
		t.Fatal("ctrl+c did not quit")
	}
	// The quit command returns only once the saver is idle.
	if msg := cmd(); msg != tea.Quit() {
		t.Fatalf("quit command returned %T", msg)
	}
	if n := c.Saver.Pending(); n != 0 {
		t.Fatalf("%d writes still pending after quit", n)
	}
	sess, _ := c.Store.Session(context.Background(), v.sess.ID)
	got := sess.Vendors[0].Answers
	// y, n, y answer the first three questions that apply: the dispatch permit does not.
	if got.Tri("business_license") != rubric.Yes || got.Tri("telecom_license") != rubric.No || got.Tri("iso9001") != rubric.Yes {
		t.Errorf("stored %v", got)
	}
}

func TestConflictIsReportedNotOverwritten(t *testing.T) {
	c, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	// Another window answers the same question first.
	other, err := db.Open(c.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	vid := v.vendor().ID
	yes := rubric.Value{Tri: rubric.No}
	if _, err := other.SaveAnswer(context.Background(), vid, "business_license", &yes, 0); err != nil {
		t.Fatal(err)
	}
	// Reports arrive on the saver's goroutine, after the write it reports.
	reports := make(chan SavedMsg, 16)
	c.Saver.notify = func(m tea.Msg) {
		if s, ok := m.(SavedMsg); ok && !isPlaceSave(s) {
			reports <- s
		}
	}
	press(app, runes("y"))
	var report SavedMsg
	select {
	case report = <-reports:
	case <-time.After(5 * time.Second):
		t.Fatal("the save was not reported")
	}
	c.Saver.Flush(5 * time.Second)
	if report.Conflict == nil || len(reports) != 0 {
		t.Fatalf("saves reported %+v and %d more, want one conflict", report, len(reports))
	}
	press(app, report)
	if !strings.Contains(plain(app.View()), "changed in another window") {
		t.Errorf("the conflict is not shown:\n%s", plain(app.View()))
	}
	stored, _, _ := other.Answer(context.Background(), vid, "business_license")
	if stored == nil || stored.Tri != rubric.No {
		t.Errorf("the other window's answer was overwritten: %v", stored)
	}
	// Changing it again is a deliberate overwrite and lands.
	press(app, keyOf(tea.KeyShiftTab), runes("u"), keyOf(tea.KeyShiftTab), runes("y"))
	c.Saver.Flush(5 * time.Second)
	stored, _, _ = other.Answer(context.Background(), vid, "business_license")
	if stored == nil || stored.Tri != rubric.Yes {
		t.Errorf("after changing it again the store holds %v, want yes", stored)
	}
}

func TestScreensFitEverySize(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		sizes := [][2]int{{20, 5}, {40, 10}, {80, 24}, {200, 60}}
		for _, lang := range langs {
			c := newTestCommon(t, lang)
			sess := newSessionWithVendors(t, c, strings.Repeat("很长的服务商名称", 8), "B")
			screens := map[string]func() screen{
				"sessions":     func() screen { return newSessionsScreen(c) },
				"session":      func() screen { return newSessionScreen(c, sess) },
				"requirements": func() screen { return newRequirementsScreen(c, sess) },
				"vendor":       func() screen { return newVendorScreen(c, sess, 0, 3) },
				"confirm": func() screen {
					return newConfirmScreen(c, "t", strings.Repeat("问题 ", 60), func() tea.Cmd { return nil })
				},
				"form": func() screen { return newSessionForm(c) },
			}
			for name, mk := range screens {
				for _, sz := range sizes {
					app := NewApp(c)
					press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, pushMsg{mk()})
					assertFits(t, app.View(), sz[0], sz[1])
					// Resizing an open screen re-lays it out.
					press(app, tea.WindowSizeMsg{Width: sz[1] + 30, Height: sz[0]/2 + 8})
					assertFits(t, app.View(), sz[1]+30, sz[0]/2+8)
					if t.Failed() {
						t.Fatalf("%s %s at %v", lang, name, sz)
					}
				}
			}
		}
	})
}

func TestTooSmallSaysSo(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 30, Height: 8})
	if !strings.Contains(plain(app.View()), "too small") {
		t.Errorf("no message at 30×8:\n%s", app.View())
	}
}

func TestScreenGoldens(t *testing.T) {
	for _, lang := range langs {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			name := string(lang) + "_" + itoa(sz[0]) + "x" + itoa(sz[1])
			t.Run("session_"+name, func(t *testing.T) {
				c := newTestCommon(t, lang)
				sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
				app := NewApp(c)
				press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, pushMsg{newSessionScreen(c, sess)})
				golden.RequireEqual(t, []byte(plain(app.View())))
			})
			t.Run("vendor_"+name, func(t *testing.T) {
				c, app, _ := openVendor(t, lang, 2, sz[0], sz[1])
				press(app, runes("y"), runes("n"), runes("y"))
				// The status line says whether a save is still waiting: wait for them.
				c.Saver.Flush(defaultFlush)
				golden.RequireEqual(t, []byte(plain(app.View())))
			})
			t.Run("capacity_"+name, func(t *testing.T) {
				_, app, _ := openDemo(t, lang, sz[0], sz[1])
				press(app, runes("m"))
				golden.RequireEqual(t, []byte(plain(app.View())))
			})
			t.Run("whatif_"+name, func(t *testing.T) {
				_, app, _ := openDemo(t, lang, sz[0], sz[1])
				bs := keyOf(tea.KeyBackspace)
				// The volume tried: 6,000 a day.
				press(app, runes("m"), keyOf(tea.KeyCtrlT), bs, bs, bs, bs, runes("6000"))
				golden.RequireEqual(t, []byte(plain(app.View())))
			})
			t.Run("requirements_"+name, func(t *testing.T) {
				c := newTestCommon(t, lang)
				sess := newSessionWithVendors(t, c, "甲 Vendor")
				app := NewApp(c)
				press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, pushMsg{newRequirementsScreen(c, sess)})
				golden.RequireEqual(t, []byte(plain(app.View())))
			})
		}
	}
}

func TestStepOneOpensRequirementsAndRescoresOnReturn(t *testing.T) {
	_, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	press(app, runes("y")) // business licence
	before := v.card.Total
	press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'1'}, Alt: true})
	if _, ok := app.top().(*requirementsScreen); !ok {
		t.Fatalf("alt+1 opened %T", app.top())
	}
	// Unticking the phone hotline (fourth channel) makes the telecom licence moot:
	// A1 is then 1 of 1.
	press(app, keyOf(tea.KeyDown), keyOf(tea.KeyDown), keyOf(tea.KeyDown), runes("x"), keyOf(tea.KeyEsc))
	if got := v.sess.Requirements.Channels; len(got) != 1 || got[0] != "web" {
		t.Fatalf("channels = %v, want web only", got)
	}
	if app.top() != screen(v) {
		t.Fatalf("esc left %T on top", app.top())
	}
	if v.card.Total <= before {
		t.Errorf("total %v did not rise from %v once the telecom licence no longer applied", v.card.Total, before)
	}
}

// A vendor reopens at the question the evaluator was on; when that question no
// longer applies, at the step's first question, with the focus live.
func TestReopenAtAQuestionThatNoLongerApplies(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "甲 Vendor")
	// Saved while the company dispatched staff; it now outsources the process.
	if err := c.Store.SavePlace(context.Background(), sess.Vendors[0].ID, 2, "dispatch_permit"); err != nil {
		t.Fatal(err)
	}
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	s := newSessionScreen(c, sess)
	app.Update(pushMsg{s})
	v := s.openVendor(0)
	app.Update(pushMsg{v})
	if v.step != 2 || v.form.Focused() != "business_license" {
		t.Fatalf("reopened on step %d at %q, want step 2 at the business licence", v.step, v.form.Focused())
	}
	press(app, runes("y"))
	if v.vendor().Answers.Tri("business_license") != rubric.Yes || v.form.Focused() != "telecom_license" {
		t.Errorf("y answered %v and moved to %q", v.vendor().Answers.Tri("business_license"), v.form.Focused())
	}
	if note := v.form.Live().Note; note != "" {
		t.Errorf("the key went into the note: %q", note)
	}
}
