package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// commandLetters are keys that are commands somewhere (quit, help, delete, yes, no,
// unknown, steps, filter, add, export, compare, rename, items, weights, scrolling),
// typed one key at a time as a person types them.
const commandLetters = "q?dyn u0123456789/ DaecsrwipjkhlxYNU"

// textField is a field under test: how to read it and how much it holds.
type textField struct {
	name  string
	value func() string
	// limit is the field's character limit; text longer than it is typed in parts.
	limit int
}

// typist types into the focused field of the app's top screen and fails as soon as
// a key is taken as a command.
type typist struct {
	t   *testing.T
	app *App
	// still reports what a command would have changed; "" when nothing did.
	still func() string
}

func (ty *typist) key(r rune) {
	t := ty.t
	t.Helper()
	top := ty.app.top()
	k := runes(string(r))
	if r == ' ' {
		k = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	_, cmd := ty.app.Update(k)
	// A key taken as a command answers at once (pop, push); a cursor blink takes
	// half a second and is not waited for.
	runCmdWithin(ty.app, cmd, 10*time.Millisecond)
	switch {
	case ty.app.Quitting():
		t.Fatalf("%q typed into a field quit the application", r)
	case ty.app.fullHelp:
		t.Fatalf("%q typed into a field opened the help", r)
	case ty.app.top() != top:
		t.Fatalf("%q typed into a field left %T for %T", r, top, ty.app.top())
	}
	if ty.still != nil {
		if what := ty.still(); what != "" {
			t.Fatalf("%q typed into a field: %s", r, what)
		}
	}
}

// probe clears the field, types the command letters into it (in parts that fit its
// limit) and checks that they all went in, then types its old value back, or after
// when it is not "".
func (ty *typist) probe(f textField, after string) {
	t := ty.t
	t.Helper()
	old := f.value()
	if after != "" {
		old = after
	}
	clear := func() {
		for range len([]rune(f.value())) + 1 {
			ty.app.Update(keyOf(tea.KeyBackspace))
		}
		if v := f.value(); v != "" {
			t.Fatalf("%s: backspace left %q", f.name, v)
		}
	}
	text := []rune(commandLetters)
	for len(text) > 0 {
		part := text[:min(len(text), f.limit)]
		text = text[len(part):]
		clear()
		for _, r := range part {
			ty.key(r)
		}
		if got := f.value(); got != string(part) {
			t.Errorf("%s holds %q after typing %q", f.name, got, string(part))
		}
	}
	clear()
	ty.app.Update(runes(old))
	if f.value() != old {
		t.Fatalf("%s: could not type %q back, it holds %q", f.name, old, f.value())
	}
}

// runCmdWithin runs a command and what it leads to like runCmd, waiting at most d
// for each.
func runCmdWithin(app *App, cmd tea.Cmd, d time.Duration) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(d):
		return
	}
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			runCmdWithin(app, c, d)
		}
	default:
		if cmds, ok := asCmds(msg); ok {
			for _, c := range cmds {
				runCmdWithin(app, c, d)
			}
			return
		}
		_, next := app.Update(msg)
		runCmdWithin(app, next, d)
	}
}

// formField reads a field of a formScreen.
func formFieldValue(f *formScreen, i int) func() string { return func() string { return *f.values[i] } }

// focusedValue reads the text of a form's focused field as it stands.
func focusedValue(f *huh.Form) func() string {
	return func() string {
		s, _ := f.GetFocusedField().GetValue().(string)
		return s
	}
}

func TestTypedLettersAreTextInFormsAndFilter(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
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
			if len(sess.sess.Vendors) != 1 {
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
		w := expectTop[*formScreen](t, app, "w")
		for d, dim := range rubric.Dimensions {
			ty.probe(textField{"weight " + dim.ID, func() string { return *w.values[d] }, 8}, "")
			if d < len(rubric.Dimensions)-1 {
				press(app, keyOf(tea.KeyTab))
			}
		}
		press(app, keyOf(tea.KeyEsc))
		expectTop[*compareScreen](t, app, "esc from the weights")
	})
}

func TestTypedLettersAreTextInTheRequirementsAndTheWizard(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
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
				if f, ok := rubric.RequirementFieldByID(id); ok && f.CharLimit > 0 {
					limit = f.CharLimit
				}
				if id == "notes" {
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
	})
}

// A save landing or the watch finding nothing does not draw a form's body again;
// a key, a save refused and a conflict do.
func TestQuietMessagesKeepTheFormsBody(t *testing.T) {
	_, app, _ := openVendor(t, rubric.EN, 2, 120, 40)
	app.View()
	for _, m := range []tea.Msg{SavedMsg{Key: "a/1/nda", At: fixedNow}, watchTickMsg{}, dataChangedMsg{}} {
		press(app, m)
		if !app.body.drawn {
			t.Errorf("%T drew the body again", m)
		}
		app.View()
	}
	for _, m := range []tea.Msg{runes("y"), SavedMsg{Key: "a/1/nda", Err: errors.New("disk full")}, SavedMsg{Key: "a/1/nda", Conflict: &db.ConflictError{Question: "nda"}}, dataChangedMsg{changed: true}} {
		app.View()
		app.Update(m)
		if app.body.drawn {
			t.Errorf("%T kept the body as drawn", m)
		}
	}
}
