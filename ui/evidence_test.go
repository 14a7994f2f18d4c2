package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/rubric"
)

// ctrl+e records how the focused answer was verified; the wizard says it under the
// form in one line, a licence that had expired when seen disqualifies at once, and
// clearing every field takes it back.
func TestCtrlERecordsEvidence(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.EN, 2, 160, 30)
		press(app, runes("y"), keyOf(tea.KeyShiftTab)) // the licence answered yes, and back on it
		press(app, keyOf(tea.KeyCtrlE))
		f := expectTop[*formScreen](t, app, "ctrl+e")
		if !strings.Contains(f.title, "Business licence") || len(f.fields) != 4 {
			t.Fatalf("the dialog is about %q with %d fields, want the licence with a validity", f.title, len(f.fields))
		}
		if view := plain(app.View()); !strings.Contains(view, "2 registry checked") || !strings.Contains(view, "5 vendor's word only") {
			t.Errorf("the dialog does not list the sources by number:\n%s", view)
		}
		press(app, runes("2"), keyOf(tea.KeyEnter), runes("2026-11-30"), keyOf(tea.KeyEnter),
			runes("https://gsxt.gov.cn/x"), keyOf(tea.KeyEnter), runes("2026-06-30"), keyOf(tea.KeyEnter))
		expectTop[*vendorScreen](t, app, "the evidence saved")
		want := rubric.Evidence{Source: "registry", Seen: "2026-11-30", Link: "https://gsxt.gov.cn/x", ValidUntil: "2026-06-30"}
		stored, err := c.Store.Session(context.Background(), v.sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := stored.Vendors[0].Evidence["business_license"]; got != want {
			t.Fatalf("stored evidence %+v, want %+v", got, want)
		}
		view := plain(app.View())
		line := "Evidence: registry checked 2026-11-30 · valid until 2026-06-30 · https://gsxt.gov.cn/x"
		if !strings.Contains(view, line) {
			t.Errorf("the wizard does not say the evidence:\n%s", view)
		}
		for _, l := range strings.Split(app.View(), "\n") {
			if w := ansi.StringWidth(l); w > 160 {
				t.Errorf("a line %d wide on a 160-column terminal: %q", w, l)
			}
		}
		if v.card.Band != rubric.Disqualified || !strings.Contains(view, "Knockout: licence had expired") {
			t.Errorf("band %s; the expired licence is not a knockout on screen:\n%s", v.card.Band, view)
		}

		// Back to it; every field cleared takes it back.
		press(app, keyOf(tea.KeyCtrlE))
		expectTop[*formScreen](t, app, "ctrl+e again")
		for range 4 {
			press(app, keyOf(tea.KeyCtrlU), keyOf(tea.KeyEnter))
		}
		expectTop[*vendorScreen](t, app, "the evidence taken back")
		stored, _ = c.Store.Session(context.Background(), v.sess.ID)
		if n := len(stored.Vendors[0].Evidence); n != 0 {
			t.Errorf("%d pieces of evidence after taking it back", n)
		}
		if v.card.Band == rubric.Disqualified {
			t.Error("still disqualified once the evidence was taken back")
		}
		if strings.Contains(plain(app.View()), "Evidence: registry") {
			t.Errorf("the evidence line stays:\n%s", plain(app.View()))
		}
	})
}

// A source that is no number from 1 to 5 is refused with why, and evidence without
// the day seen is refused with what was typed kept; an NDA has no validity field.
func TestEvidenceNeedsASourceAndADay(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		_, app, _ := openVendor(t, rubric.ZH, 2, 100, 30)
		press(app, keyOf(tea.KeyCtrlE), runes("9"), keyOf(tea.KeyEnter))
		if !strings.Contains(plain(app.View()), "请输入 1 到 5") {
			t.Errorf("source 9 was not refused:\n%s", plain(app.View()))
		}
		press(app, keyOf(tea.KeyCtrlU), runes("1"), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
		f := expectTop[*formScreen](t, app, "no day seen")
		if !strings.Contains(plain(app.View()), "请写明来源(1–5)和核查日期") || *f.values[0] != "1" {
			t.Errorf("evidence without a day was not refused with what was typed kept:\n%s", plain(app.View()))
		}
		press(app, keyOf(tea.KeyEsc))
		for !strings.Contains(expectTop[*vendorScreen](t, app, "the wizard").form.Focused(), "nda") {
			press(app, keyOf(tea.KeyTab))
		}
		press(app, keyOf(tea.KeyCtrlE))
		if f := expectTop[*formScreen](t, app, "ctrl+e on the NDA"); len(f.fields) != 3 {
			t.Errorf("the NDA's evidence has %d fields, want no validity", len(f.fields))
		}
	})
}
