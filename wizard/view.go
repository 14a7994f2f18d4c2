package wizard

import (
	"github.com/charmbracelet/huh"
)

// sizedForm is a form of one group with the fields it was built from.
type sizedForm struct {
	Form *huh.Form
	// fields are the form's fields, in order.
	fields []huh.Field
}

// Resize gives the form its width and height.
func (f *sizedForm) Resize(w, h int) {
	f.Form = f.Form.WithWidth(w).WithHeight(h)
}

// View draws the form.
func (f *sizedForm) View() string { return f.Form.View() }
