package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"vendorvet/rubric"
)

// The application is read and sized before the program starts: its very first view
// is the sessions screen with its sessions, and the size message Bubble Tea sends
// once it runs changes nothing.
func TestSizedAppDrawsTheFirstScreenAtOnce(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	newSessionWithVendors(t, c, "Alpha")
	app := newSizedApp(c, 100, 30)
	if c.Width != 100 || c.Height != 30 {
		t.Fatalf("size %d×%d, want 100×30", c.Width, c.Height)
	}
	first := app.View()
	plain := ansi.Strip(first)
	for _, want := range []string{"Sessions", "选型 Selection", "1 sessions"} {
		if !strings.Contains(plain, want) {
			t.Errorf("first view lacks %q:\n%s", want, plain)
		}
	}
	assertFits(t, first, 100, 30)
	if _, cmd := app.Update(tea.WindowSizeMsg{Width: 100, Height: 30}); cmd != nil {
		if msg := cmd(); msg != nil {
			app.Update(msg)
		}
	}
	if again := app.View(); again != first {
		t.Errorf("the same size changed the view:\n%s\nthen\n%s", plain, ansi.Strip(again))
	}
}

// A size not known leaves the application to the size message.
func TestSizedAppWithoutASizeWaitsForIt(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	newSizedApp(c, 0, 0)
	if c.Width != 0 || c.Height != 0 {
		t.Errorf("size %d×%d, want none", c.Width, c.Height)
	}
}

// Keys typed as the program starts reach the sessions screen, in order: the filter
// opened, then typed into.
func TestFirstKeysReachTheSessionsScreen(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	newSessionWithVendors(t, c, "Alpha")
	app := newSizedApp(c, 100, 30)
	tm := teatest.NewTestModel(t, app)
	tm.Type("/z")
	waitFor(t, tm, "No session matches")
	finalView(t, tm)
	sessions, ok := app.top().(*sessionsScreen)
	if !ok {
		t.Fatalf("top screen %T, want the sessions", app.top())
	}
	if !sessions.filtering || sessions.filter.Value() != "z" {
		t.Errorf("filter %q (typing %v), want the first keys: / then z", sessions.filter.Value(), sessions.filtering)
	}
}
