package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
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
