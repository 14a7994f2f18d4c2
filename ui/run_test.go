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
