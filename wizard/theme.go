// Package wizard builds the huh forms of the evaluation: step 1 (the company's
// requirements) and steps 2–7 (one vendor's answers), bound to the rubric's types and
// validated as the evaluator types. It knows nothing of screens or storage: the UI
// embeds the forms and reads their live values.
package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/rubric"
)

// Theme is ThemeFor the default renderer: this process's own terminal.
func Theme() *huh.Theme { return ThemeFor(lipgloss.DefaultRenderer()) }

// ThemeFor is huh's Charm theme made compact (one line between fields) and
// readable without colour, drawn by r: the focused field keeps its thick left bar,
// choices their brackets and arrows, so NO_COLOR loses nothing that matters. huh
// makes its theme with the default renderer, whose colours are this process's
// terminal's; every style is drawn by r instead, so that a person connected over
// the network gets their own terminal's colours and NO_COLOR.
func ThemeFor(r *lipgloss.Renderer) *huh.Theme {
	t := huh.ThemeCharm()
	t.FieldSeparator = r.NewStyle().SetString("\n")
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
	t.Blurred.MultiSelectSelector = r.NewStyle().SetString("  ")
	t.Blurred.SelectSelector = r.NewStyle().SetString("  ")
	t.Blurred.PrevIndicator = r.NewStyle().SetString(" ")
	t.Blurred.NextIndicator = r.NewStyle().SetString(" ")
	drawnBy(t, r)
	if cursor, ok := NoColorCursorFor(r); ok {
		t.Focused.TextInput.Cursor = cursor
		t.Blurred.TextInput.Cursor = cursor
	}
	return t
}

// drawnBy makes r draw every style of t.
func drawnBy(t *huh.Theme, r *lipgloss.Renderer) {
	styles := []*lipgloss.Style{&t.Form.Base, &t.Group.Base, &t.Group.Title, &t.Group.Description, &t.FieldSeparator,
		&t.Help.Ellipsis, &t.Help.ShortKey, &t.Help.ShortDesc, &t.Help.ShortSeparator,
		&t.Help.FullKey, &t.Help.FullDesc, &t.Help.FullSeparator}
	for _, f := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
		styles = append(styles, &f.Base, &f.Title, &f.Description, &f.ErrorIndicator, &f.ErrorMessage,
			&f.SelectSelector, &f.Option, &f.NextIndicator, &f.PrevIndicator, &f.Directory, &f.File,
			&f.MultiSelectSelector, &f.SelectedOption, &f.SelectedPrefix, &f.UnselectedOption, &f.UnselectedPrefix,
			&f.TextInput.Cursor, &f.TextInput.CursorText, &f.TextInput.Placeholder, &f.TextInput.Prompt, &f.TextInput.Text,
			&f.FocusedButton, &f.BlurredButton, &f.Card, &f.NoteTitle, &f.Next)
	}
	for _, s := range styles {
		*s = s.Renderer(r)
	}
}

// KeyMap is KeyMapIn(rubric.EN).
func KeyMap() *huh.KeyMap { return KeyMapIn(rubric.EN) }

// KeyMapIn is huh's default keymap with arrows that move between one-line fields, as
// people expect in a long questionnaire, without filtering, which would swallow a "/"
// typed by accident and hide the options, and with help in the user's language.
func KeyMapIn(lang rubric.Lang) *huh.KeyMap {
	bind := func(keys []string, help, zh, en string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, lang.Pick(zh, en)))
	}
	next := bind([]string{"enter", "tab", "down"}, "↓/tab", "下一项", "next")
	prev := bind([]string{"shift+tab", "up"}, "↑/shift+tab", "上一项", "previous")
	k := huh.NewDefaultKeyMap()
	// ctrl+c belongs to the application: it saves and quits instead of aborting.
	k.Quit = key.NewBinding(key.WithDisabled())

	k.Select.Next, k.Select.Prev = next, prev
	k.Select.Left = bind([]string{"h", "left"}, "←", "上一个选项", "previous option")
	k.Select.Right = bind([]string{"l", "right"}, "→", "下一个选项", "next option")
	k.Select.Submit = bind([]string{"enter"}, "enter", "确定", "done")
	k.Select.Filter.SetEnabled(false)
	k.Select.HalfPageUp.SetEnabled(false)
	k.Select.HalfPageDown.SetEnabled(false)
	k.Select.GotoTop.SetEnabled(false)
	k.Select.GotoBottom.SetEnabled(false)

	k.MultiSelect.Next = bind([]string{"enter", "tab"}, "tab", "下一项", "next")
	k.MultiSelect.Prev = bind([]string{"shift+tab"}, "shift+tab", "上一项", "previous")
	k.MultiSelect.Toggle = bind([]string{" ", "x"}, "x/space", "勾选", "tick")
	k.MultiSelect.Up = bind([]string{"up", "k", "ctrl+p"}, "↑", "上移", "up")
	k.MultiSelect.Down = bind([]string{"down", "j", "ctrl+n"}, "↓", "下移", "down")
	k.MultiSelect.Submit = bind([]string{"enter"}, "enter", "确定", "done")
	k.MultiSelect.SelectAll = bind([]string{"ctrl+a"}, "ctrl+a", "全选", "all")
	k.MultiSelect.SelectNone = bind([]string{"ctrl+a"}, "ctrl+a", "全不选", "none")
	k.MultiSelect.SelectNone.SetEnabled(false)
	k.MultiSelect.Filter.SetEnabled(false)
	k.MultiSelect.HalfPageUp.SetEnabled(false)
	k.MultiSelect.HalfPageDown.SetEnabled(false)
	k.MultiSelect.GotoTop.SetEnabled(false)
	k.MultiSelect.GotoBottom.SetEnabled(false)

	k.Input.Next, k.Input.Prev = next, prev
	k.Input.Submit = bind([]string{"enter"}, "enter", "确定", "done")
	k.Input.AcceptSuggestion.SetEnabled(false)

	// A notes field takes enter as a new line: notes are typed in paragraphs.
	k.Text.Next = bind([]string{"tab"}, "tab", "下一项", "next")
	k.Text.Prev = bind([]string{"shift+tab"}, "shift+tab", "上一项", "previous")
	k.Text.Submit = bind([]string{"tab"}, "tab", "下一项", "next")
	k.Text.NewLine = bind([]string{"enter", "alt+enter", "ctrl+j"}, "enter", "换行", "new line")
	k.Text.Editor.SetEnabled(false)
	return k
}
