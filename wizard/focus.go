package wizard

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// Update passes msg to form, except a key that moves the focus between our fields:
// the form makes that move at once (Form.NextField, Form.PrevField) instead of the
// field asking for it in a command. One frame for the key instead of two, and keys
// typed right after it, in the same write, go to the field the focus moved to.
func Update(form *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		if f, ok := form.GetFocusedField().(*cachedField); ok {
			switch f.moveFor(k) {
			case toNext:
				return form, form.NextField()
			case toPrev:
				return form, form.PrevField()
			}
		}
	}
	m, cmd := form.Update(msg)
	return m.(*huh.Form), cmd
}
