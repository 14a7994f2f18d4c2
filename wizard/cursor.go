package wizard

import (
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// NoColorCursorFor is the style of a text cursor when colours are turned off
// (NO_COLOR) on the terminal r draws for, if it has them, and false otherwise.
// lipgloss then drops every attribute, the reverse video a cursor is drawn in
// included, and the cursor vanished from every text field; reverse video is not a
// colour, so it is kept for the cursor alone. Where the terminal has no attributes
// at all, there is nothing to keep.
func NoColorCursorFor(r *lipgloss.Renderer) (lipgloss.Style, bool) {
	out := r.Output()
	return noColorCursor(out, out.EnvNoColor(), out.ColorProfile())
}

// noColorCursor is NoColorCursorFor a terminal written through w, with colours
// turned off or not, that can show profile.
func noColorCursor(w io.Writer, noColor bool, profile termenv.Profile) (lipgloss.Style, bool) {
	if !noColor || profile == termenv.Ascii {
		return lipgloss.Style{}, false
	}
	// The cursor adds the reverse video; this renderer keeps it, and has no colour
	// to add. Its profile is set outright: asked, it would read NO_COLOR too.
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(termenv.ANSI)
	return r.NewStyle(), true
}
