package wizard

import (
	"reflect"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// Update passes msg to form. When the form answers with a move of the focus (tab,
// shift+tab, enter), the move is made at once instead of coming back as another
// message: one frame for the key instead of two, the first of which drew a screen
// that was about to change anyway. Any other answer is returned as it is.
func Update(form *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	m, cmd := form.Update(msg)
	form = m.(*huh.Form)
	switch {
	case isFunc(cmd, huh.NextField):
		return form, form.NextField()
	case isFunc(cmd, huh.PrevField):
		return form, form.PrevField()
	}
	return form, cmd
}

// isFunc reports whether cmd is the function fn itself.
func isFunc(cmd tea.Cmd, fn func() tea.Msg) bool {
	return cmd != nil && reflect.ValueOf(cmd).Pointer() == reflect.ValueOf(fn).Pointer()
}
