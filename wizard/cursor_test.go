package wizard

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/muesli/termenv"
)

// With colours turned off on a terminal that has them, the cursor is still drawn in
// reverse video; otherwise the theme's cursor stays.
func TestNoColorCursorKeepsReverseVideo(t *testing.T) {
	for _, tc := range []struct {
		noColor bool
		profile termenv.Profile
		want    bool
	}{
		{true, termenv.ANSI256, true},
		{true, termenv.TrueColor, true},
		{true, termenv.Ascii, false}, // a terminal without attributes
		{false, termenv.TrueColor, false},
	} {
		style, ok := noColorCursor(io.Discard, tc.noColor, tc.profile)
		if ok != tc.want {
			t.Errorf("NO_COLOR %v on %v: ok %v, want %v", tc.noColor, tc.profile, ok, tc.want)
			continue
		}
		if !ok {
			continue
		}
		c := cursor.New()
		c.Style = style
		c.SetChar("x")
		c.Focus()
		c.SetMode(cursor.CursorStatic)
		if v := c.View(); !strings.Contains(v, "\x1b[7m") || strings.Contains(v, "38;") || strings.Contains(v, "48;") {
			t.Errorf("NO_COLOR on %v: cursor drawn %q, want reverse video and no colour", tc.profile, v)
		}
	}
}
