// Package wizard builds the huh forms of the evaluation: step 1 (the company's
// requirements) and steps 2–7 (one vendor's answers), bound to the rubric's types and
// validated as the evaluator types. It knows nothing of screens or storage: the UI
// embeds the forms and reads their live values.
package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Theme is huh's Charm theme made compact (one line between fields) and readable
// without colour: the focused field keeps its thick left bar, choices their brackets
// and arrows, so NO_COLOR loses nothing that matters.
func Theme() *huh.Theme {
	t := huh.ThemeCharm()
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n")
	t.Focused.SelectSelector = t.Focused.SelectSelector.SetString("› ")
	t.Focused.MultiSelectSelector = t.Focused.MultiSelectSelector.SetString("› ")
	t.Focused.SelectedPrefix = t.Focused.SelectedPrefix.SetString("[x] ")
	t.Focused.UnselectedPrefix = t.Focused.UnselectedPrefix.SetString("[ ] ")
	t.Focused.PrevIndicator = t.Focused.PrevIndicator.SetString("‹")
	t.Focused.NextIndicator = t.Focused.NextIndicator.SetString("›")
	t.Blurred = t.Focused
	t.Blurred.Base = t.Blurred.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = t.Blurred.Title.UnsetForeground().Bold(false)
	t.Blurred.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
	t.Blurred.SelectSelector = lipgloss.NewStyle().SetString("  ")
	t.Blurred.PrevIndicator = lipgloss.NewStyle().SetString(" ")
	t.Blurred.NextIndicator = lipgloss.NewStyle().SetString(" ")
	return t
}

// KeyMap is huh's default keymap with arrows that move between one-line fields, as
// people expect in a long questionnaire, and without filtering, which would swallow a
// "/" typed by accident and hide the options.
func KeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	// ctrl+c belongs to the application: it saves and quits instead of aborting.
	k.Quit = key.NewBinding(key.WithDisabled())
	k.Select.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"), key.WithHelp("↓/tab", "next"))
	k.Select.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("↑/shift+tab", "back"))
	k.Select.Filter.SetEnabled(false)
	k.MultiSelect.Filter.SetEnabled(false)
	k.Input.Next = key.NewBinding(key.WithKeys("enter", "tab", "down"), key.WithHelp("↓/tab", "next"))
	k.Input.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("↑/shift+tab", "back"))
	// A notes field takes enter as a new line: notes are typed in paragraphs.
	k.Text.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	k.Text.NewLine = key.NewBinding(key.WithKeys("enter", "alt+enter", "ctrl+j"), key.WithHelp("enter", "new line"))
	k.Text.Submit = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	k.Text.Editor.SetEnabled(false)
	return k
}
