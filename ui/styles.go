package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"vendorvet/rubric"
)

// Styles are built once from a renderer; with NO_COLOR the renderer drops colours and
// every marker below still reads as text (brackets, arrows, words).
type Styles struct {
	App        lipgloss.Style
	Title      lipgloss.Style
	Breadcrumb lipgloss.Style
	Faint      lipgloss.Style
	Help       lipgloss.Style
	HelpKey    lipgloss.Style
	Error      lipgloss.Style
	Warn       lipgloss.Style
	OK         lipgloss.Style
	Selected   lipgloss.Style
	Header     lipgloss.Style
	Panel      lipgloss.Style
	PanelTitle lipgloss.Style
	Dialog     lipgloss.Style
	StepDone   lipgloss.Style
	StepActive lipgloss.Style
	StepOpen   lipgloss.Style
	BarFull    lipgloss.Style
	BarEmpty   lipgloss.Style
	Bands      map[rubric.Band]lipgloss.Style
	// Inks are the styles the capacity screens paint many lines with, on every key.
	Inks struct{ Faint, Error, Warn, OK, Title Ink }
	// Markdown is glamour's style for the export preview, in the colours of Profile.
	Markdown string
	Profile  termenv.Profile
}

// NewStyles builds the styles for a renderer.
func NewStyles(r *lipgloss.Renderer) *Styles {
	accent := lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7571F9"}
	faint := lipgloss.AdaptiveColor{Light: "245", Dark: "243"}
	red := lipgloss.AdaptiveColor{Light: "#D7263D", Dark: "#FF5F6D"}
	amber := lipgloss.AdaptiveColor{Light: "#B26B00", Dark: "#FFB454"}
	green := lipgloss.AdaptiveColor{Light: "#0A8754", Dark: "#3DDC97"}
	s := &Styles{
		App:        r.NewStyle(),
		Title:      r.NewStyle().Bold(true).Foreground(accent),
		Breadcrumb: r.NewStyle().Foreground(faint),
		Faint:      r.NewStyle().Foreground(faint),
		Help:       r.NewStyle().Foreground(faint),
		HelpKey:    r.NewStyle().Bold(true),
		Error:      r.NewStyle().Foreground(red).Bold(true),
		Warn:       r.NewStyle().Foreground(amber),
		OK:         r.NewStyle().Foreground(green),
		Selected:   r.NewStyle().Bold(true).Foreground(accent),
		Header:     r.NewStyle().Bold(true).Underline(true),
		Panel:      r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		PanelTitle: r.NewStyle().Bold(true),
		Dialog:     r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(1, 2),
		StepDone:   r.NewStyle().Foreground(green),
		StepActive: r.NewStyle().Bold(true).Foreground(accent).Underline(true),
		StepOpen:   r.NewStyle().Foreground(faint),
		BarFull:    r.NewStyle().Foreground(accent),
		BarEmpty:   r.NewStyle().Foreground(faint),
	}
	s.Bands = map[rubric.Band]lipgloss.Style{
		rubric.Excellent: r.NewStyle().Bold(true).Foreground(green),
		rubric.Qualified: r.NewStyle().Bold(true).Foreground(amber),
		rubric.Reject:    r.NewStyle().Bold(true).Foreground(red),
		// Unfinished is no verdict yet: the accent, not a verdict's colour.
		rubric.Incomplete:   r.NewStyle().Bold(true).Foreground(accent),
		rubric.Disqualified: r.NewStyle().Bold(true).Foreground(red).Strikethrough(false),
	}
	s.Inks.Faint, s.Inks.Error, s.Inks.Warn = inkOf(s.Faint), inkOf(s.Error), inkOf(s.Warn)
	s.Inks.OK, s.Inks.Title = inkOf(s.OK), inkOf(s.PanelTitle)
	s.Markdown, s.Profile = markdownStyle(r), r.ColorProfile()
	return s
}

// Ink is a style's escape sequences around a line, taken once: painting with it is a
// concatenation, where Render measures and aligns the text anew each time. It is
// for one line of text and a style without size, padding or border.
type Ink struct{ pre, post string }

// inkMark stands for the text when the style is taken.
const inkMark = "\x00"

func inkOf(style lipgloss.Style) Ink {
	drawn := style.Render(inkMark)
	i := strings.Index(drawn, inkMark)
	if i < 0 {
		return Ink{}
	}
	return Ink{drawn[:i], drawn[i+len(inkMark):]}
}

// Paint draws a line of text in the ink's style, as Render would.
func (k Ink) Paint(text string) string { return k.pre + text + k.post }
