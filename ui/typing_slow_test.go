//go:build slow

package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

func TestTypedLettersAreTextInFormsAndFilter(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	ctx := context.Background()
	if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: "Quarterly review", Client: "ACME"}); err != nil {
		t.Fatal(err)
	}
	sessions := func() string {
		if n, _ := c.Store.CountSessions(ctx, ""); n != 1 {
			return "the number of sessions changed"
		}
		return ""
	}
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 100, Height: 30})
	ty := &typist{t: t, app: app, still: sessions}

	// The sessions filter.
	press(app, runes("/"))
	s := expectTop[*sessionsScreen](t, app, "/")
	ty.probe(textField{"the filter", func() string { return s.filter.Value() }, 100}, "")
	press(app, keyOf(tea.KeyEnter))

	// The new-session form, field by field.
	press(app, runes("n"))
	f := expectTop[*formScreen](t, app, "n")
	for i, name := range []string{"title", "client", "evaluator"} {
		// The title is required: the focus leaves it only once it holds something.
		ty.probe(textField{name, formFieldValue(f, i), 200}, "T")
		if i < 2 {
			press(app, keyOf(tea.KeyTab))
		}
	}
	press(app, keyOf(tea.KeyEsc))
	if n, _ := c.Store.CountSessions(ctx, ""); n != 1 {
		t.Fatalf("esc on the new-session form created a session")
	}

	// Renaming a session.
	press(app, runes("r"))
	f = expectTop[*formScreen](t, app, "r")
	for i, name := range []string{"title", "client", "evaluator"} {
		ty.probe(textField{name, formFieldValue(f, i), 200}, "")
		if i < 2 {
			press(app, keyOf(tea.KeyTab))
		}
	}
	press(app, keyOf(tea.KeyEsc))

	// Adding and renaming a vendor.
	press(app, keyOf(tea.KeyEnter))
	sess := expectTop[*sessionScreen](t, app, "enter")
	vendors := func() string {
		if what := sessions(); what != "" {
			return what
		}
		if len(sess.sess.VendorRecords) != 1 {
			return "the number of vendors changed"
		}
		return ""
	}
	if _, err := c.Store.AddVendor(ctx, sess.sess.ID, "Vendor A", ""); err != nil {
		t.Fatal(err)
	}
	press(app, vendorsChangedMsg{})
	ty.still = vendors
	for _, open := range []string{"a", "r"} {
		press(app, runes(open))
		f = expectTop[*formScreen](t, app, open)
		for i, name := range []string{"name", "contact"} {
			ty.probe(textField{name, formFieldValue(f, i), 200}, "V")
			if i < 1 {
				press(app, keyOf(tea.KeyTab))
			}
		}
		press(app, keyOf(tea.KeyEsc))
	}

	// The export path.
	_, open := app.Update(runes("e"))
	press(app, open())
	ex := expectTop[*exportScreen](t, app, "e")
	ty.probe(textField{"the export path", func() string { return ex.path.Value() }, 4096}, "")
	press(app, keyOf(tea.KeyEsc))

	// The custom weights.
	press(app, runes("c"), runes("w"))
	w := expectTop[*weightsScreen](t, app, "w")
	for d, dim := range rubric.Dimensions {
		ty.probe(textField{"weight " + dim.ID, func() string { return *w.values[d] }, 8}, "")
		if d < len(rubric.Dimensions)-1 {
			press(app, keyOf(tea.KeyTab))
		}
	}
	press(app, keyOf(tea.KeyEsc))
	expectTop[*compareScreen](t, app, "esc from the weights")
}

func TestTypedLettersAreTextInTheRequirementsAndTheWizard(t *testing.T) {
	_, app, v := openVendor(t, rubric.EN, 2, 120, 40)
	// Answers as the step showed them when it opened (a detail list with nothing
	// ticked is an answer of its own).
	var shown string
	encoded := func() string {
		var b strings.Builder
		for _, q := range rubric.Questions {
			if a, ok := v.vendor().Answers[q.ID]; ok {
				b.WriteString(q.ID + "=" + string(q.Encode(a)) + ";")
			}
		}
		return b.String()
	}
	answers := func() string {
		if now := encoded(); now != shown {
			return "answers changed from " + shown + " to " + now
		}
		return ""
	}
	ty := &typist{t: t, app: app, still: answers}

	// Every text field of every step; digits do not jump, y/n/u do not answer.
	for step := 2; step <= 7; step++ {
		press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune('0' + step)}, Alt: true})
		shown = encoded()
		ty.still = func() string {
			if v.step != step {
				return "the wizard went to another step"
			}
			return answers()
		}
		for i := 0; ; i++ {
			if i > 40 {
				t.Fatalf("step %d: the note field was not reached", step)
			}
			id := v.form.Focused()
			if v.form.Typing() {
				limit := 24
				if id == wizard.NoteKey {
					limit = wizard.NoteLimit
				}
				ty.probe(textField{"step " + itoa(step) + " " + id, focusedValue(v.form.Form), limit}, "")
			}
			if id == wizard.NoteKey {
				break
			}
			press(app, keyOf(tea.KeyTab))
		}
	}

	// The requirements: free text and numbers.
	press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'1'}, Alt: true})
	r := expectTop[*requirementsScreen](t, app, "alt+1")
	before := v.sess.Requirements
	ty.still = nil
	for i := 0; ; i++ {
		if i > 40 {
			t.Fatal("the requirements notes were not reached")
		}
		id := r.form.Focused()
		if r.form.Typing() {
			limit := 24
			switch id {
			case "user_profile":
				limit = 500
			case "notes":
				limit = wizard.NoteLimit
			}
			ty.probe(textField{"requirements " + id, focusedValue(r.form.Form), limit}, "")
		}
		if id == "notes" {
			break
		}
		press(app, keyOf(tea.KeyTab))
	}
	press(app, keyOf(tea.KeyEsc))
	if len(db.ChangedRequirements(before, v.sess.Requirements)) > 0 {
		t.Errorf("typing and restoring changed the requirements: %+v", v.sess.Requirements)
	}
}
