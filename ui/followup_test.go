package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/rubric"
)

// ctrl+g turns the focused open question into a follow-up; the wizard and the
// session screen say it, overdue marked, and clearing both fields takes it back.
func TestAnOpenQuestionBecomesAFollowup(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.ZH, 2, 100, 30)
		vid := v.vendor().ID
		press(app, keyOf(tea.KeyCtrlG))
		f := expectTop[*formScreen](t, app, "ctrl+g")
		if !strings.Contains(f.title, "营业执照") {
			t.Errorf("the dialog is about %q, want the focused 营业执照", f.title)
		}
		press(app, runes("王敏"), keyOf(tea.KeyEnter), runes("2026-11-20"), keyOf(tea.KeyEnter))
		expectTop[*vendorScreen](t, app, "the follow-up saved")
		stored, err := c.Store.Session(context.Background(), v.sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := stored.Vendors[0].Followups["business_license"]; got != (rubric.Followup{Owner: "王敏", Due: "2026-11-20"}) {
			t.Fatalf("stored follow-up %+v", got)
		}
		if view := plain(app.View()); !strings.Contains(view, "⚑ 待确认:王敏,2026-11-20 到期(已逾期)") {
			t.Errorf("the wizard does not say the follow-up, overdue on %s:\n%s", fixedNow.Format("2006-01-02"), view)
		}
		press(app, keyOf(tea.KeyEsc), pushMsg{newSessionScreen(c, stored)})
		s := expectTop[*sessionScreen](t, app, "the session")
		if view := plain(s.View()); !strings.Contains(view, "⚑ 待确认 1 项,1 项已逾期") || !strings.Contains(view, "› 营业执照 — 王敏,2026-11-20 到期(已逾期)") {
			t.Errorf("the session screen does not list the follow-up:\n%s", view)
		}

		// Back to the question; both fields cleared take it back.
		press(app, pushMsg{newVendorScreen(c, s.sess, 0, 2)})
		press(app, keyOf(tea.KeyCtrlG))
		expectTop[*formScreen](t, app, "ctrl+g again")
		press(app, keyOf(tea.KeyCtrlU), keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlU), keyOf(tea.KeyEnter))
		expectTop[*vendorScreen](t, app, "the follow-up taken back")
		stored, _ = c.Store.Session(context.Background(), v.sess.ID)
		if n := len(stored.Vendors[0].Followups); n != 0 || stored.Vendors[0].ID != vid {
			t.Errorf("%d follow-ups after taking it back", n)
		}
	})
}

// Only one of the two fields is refused with why; an answered question has no
// follow-up to make.
func TestAFollowupNeedsBothFieldsAndAnOpenQuestion(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		_, app, _ := openVendor(t, rubric.EN, 2, 100, 30)
		press(app, keyOf(tea.KeyCtrlG), runes("Chen"), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
		f := expectTop[*formScreen](t, app, "owner without a day")
		if !strings.Contains(plain(app.View()), "Give both who finds out and the day due") || *f.values[0] != "Chen" {
			t.Errorf("a follow-up without a day was not refused with what was typed kept:\n%s", plain(app.View()))
		}
		press(app, keyOf(tea.KeyTab), runes("soon"), keyOf(tea.KeyEnter))
		if !strings.Contains(plain(app.View()), "enter a day such as") {
			t.Errorf("a day that does not read was not refused:\n%s", plain(app.View()))
		}
		press(app, keyOf(tea.KeyEsc))
		press(app, runes("y"))
		// y answered the licence and moved on; back to it.
		press(app, keyOf(tea.KeyShiftTab), keyOf(tea.KeyCtrlG))
		expectTop[*vendorScreen](t, app, "ctrl+g on an answered question")
		if !strings.Contains(app.status, "answered") {
			t.Errorf("status %q does not say the question is answered", app.status)
		}
	})
}

// A question with a follow-up and evidence says both under the form, however tall
// the form: each line takes its room from the form, not from the other.
func TestFollowupAndEvidenceBothShow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		_, app, v := openVendor(t, rubric.EN, 2, size[0], size[1])
		vd := v.vendor()
		vd.Followups = map[string]rubric.Followup{"business_license": {Owner: "Chen", Due: "2026-12-15"}}
		vd.Evidence = map[string]rubric.Evidence{"business_license": {Source: "vendor", Seen: "2026-11-20"}}
		view := plain(app.View())
		if !strings.Contains(view, "⚑ Follow-up: Chen, due 2026-12-15") || !strings.Contains(view, "Evidence: ") {
			t.Errorf("%dx%d: the follow-up and the evidence are not both shown:\n%s", size[0], size[1], view)
		}
		assertFits(t, app.View(), size[0], size[1])
	}
}
