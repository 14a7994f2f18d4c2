package wizard

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// sizedForm is a form of one group with the fields it was built from.
type sizedForm struct {
	Form *huh.Form
	// fields are the form's fields, in order.
	fields []huh.Field
}

// Resize gives the form its width and height and draws it again at that size:
// huh lays out its group's drawing only in Init and Update, so without the size
// message a form resized between two keys showed its old layout until the next.
func (f *sizedForm) Resize(w, h int) {
	f.Form = f.Form.WithWidth(w).WithHeight(h)
	f.Form.Update(tea.WindowSizeMsg{Width: w, Height: h})
}

// View draws the form.
func (f *sizedForm) View() string { return f.Form.View() }
