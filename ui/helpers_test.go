package ui

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// fixedNow is the clock of every test, so that goldens do not change with the day.
var fixedNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// newTestCommon opens a fresh store and builds the shared state with colour off, as
// goldens need.
func newTestCommon(t *testing.T, lang rubric.Lang) *Common {
	t.Helper()
	store, err := db.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	saver := NewSaver(store, nil)
	t.Cleanup(func() { saver.Close(5 * time.Second) })
	return &Common{Styles: NewStyles(r), Theme: wizard.ThemeFor(r), Lang: lang, Store: store, Saver: saver, Now: func() time.Time { return fixedNow }}
}

// newSessionWithVendors creates a session with requirements and named vendors.
func newSessionWithVendors(t *testing.T, c *Common, names ...string) *db.Session {
	t.Helper()
	ctx := context.Background()
	id, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: "选型 Selection", Client: "ACME", Evaluator: "Wang", Lang: c.Lang})
	if err != nil {
		t.Fatal(err)
	}
	req := rubric.DefaultRequirements()
	req.Channels = []string{"web", "phone"}
	req.PeakMultiplier = 10
	req.Industry = "ecommerce"
	if err := c.Store.ChangeRequirements(ctx, id, rubric.DefaultRequirements(), req); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := c.Store.AddVendor(ctx, id, n, ""); err != nil {
			t.Fatal(err)
		}
	}
	sess, err := c.Store.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// runes is a key press of text, the way a terminal delivers typing or a paste.
func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func keyOf(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// startApp runs the whole application in a test program at a fixed size.
func startApp(t *testing.T, c *Common, w, h int) (*teatest.TestModel, *App) {
	t.Helper()
	app := NewApp(c)
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(w, h))
	return tm, app
}

// waitFor waits until the screen output contains every text.
func waitFor(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	var seen []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen = append(seen, b...)
		plain := ansi.Strip(string(seen))
		for _, s := range texts {
			if !strings.Contains(plain, s) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// assertFits fails when a line of view is wider than w or the view is taller than h.
func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, terminal has %d: %q", i, n, w, l)
		}
	}
}

// finalView quits the program and returns the last view of the model.
func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	m := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	return m.View()
}

// answerField types into the focused form field and moves on, giving the form the
// moment a person would take before typing the next field.
func answerField(tm *teatest.TestModel, text string) {
	if text != "" {
		tm.Send(runes(text))
	}
	tm.Send(keyOf(tea.KeyEnter))
	time.Sleep(150 * time.Millisecond)
}

// plain strips styling from a view.
func plain(s string) string { return ansi.Strip(s) }

var _ = bytes.Contains
