package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/rubric"
)

// The check of the file begins after the first screen with something on it, once.
func TestFirstFrameCallsOnceTheScreenIsDrawn(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	calls := 0
	f := &firstFrame{Model: NewApp(c), then: func() { calls++ }}
	if v := f.View(); v != "" || calls != 0 {
		t.Fatalf("before the size: view %q, %d calls", v, calls)
	}
	m, _ := f.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if m != tea.Model(f) {
		t.Fatal("Update did not keep the wrapper")
	}
	for range 3 {
		if f.View() == "" {
			t.Fatal("no screen once the size is known")
		}
	}
	if calls != 1 {
		t.Errorf("called %d times, want once", calls)
	}
}

// The program starts before the application has read its first screen; the size
// and the keys that come meanwhile reach the application once it is ready.
func TestStartingHandsOverSizeAndEarlyKeys(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	newSessionWithVendors(t, c, "Alpha")
	s := &starting{c: c, size: tea.WindowSizeMsg{Width: 100, Height: 30}}
	if s.View() != "" {
		t.Fatal("drew something before the application was ready")
	}
	// The filter opened and typed into before the sessions were read.
	for _, k := range []tea.Msg{runes("/"), runes("z"), tea.WindowSizeMsg{Width: 90, Height: 25}} {
		if m, _ := s.Update(k); m != tea.Model(s) {
			t.Fatal("handed over before the application was ready")
		}
	}
	m, _ := s.Update(s.Init()())
	app, ok := m.(*App)
	if !ok {
		t.Fatalf("handed over %T, want *App", m)
	}
	if c.Width != 90 || c.Height != 25 {
		t.Errorf("size %d×%d, want the latest, 90×25", c.Width, c.Height)
	}
	sessions := app.top().(*sessionsScreen)
	if !sessions.filtering || sessions.filter.Value() != "z" {
		t.Errorf("filter %q (typing %v), want the early keys: / then z", sessions.filter.Value(), sessions.filtering)
	}
}
