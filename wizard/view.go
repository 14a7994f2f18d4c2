package wizard

import (
	"strings"
	"sync"

	"github.com/charmbracelet/huh"
)

// sizedForm is a form of one group with the fields it was built from and the
// height it was given: what groupView needs to draw it.
type sizedForm struct {
	Form *huh.Form
	// fields are the form's fields, in order.
	fields []huh.Field
	// height is the form's, once Resize gave it.
	height int
}

// Resize gives the form its width and height.
func (f *sizedForm) Resize(w, h int) {
	f.Form = f.Form.WithWidth(w).WithHeight(h)
	f.height = h
}

// View draws the form as huh does, without padding its lines.
func (f *sizedForm) View() string { return groupView(f.Form, f.fields, f.height) }

// fieldGap is what the theme puts between two fields, worked out once: building
// the theme took 18 µs and 42 KB a frame.
var fieldGap = sync.OnceValue(func() string { return Theme().FieldSeparator.Render() })

// groupView draws what huh's Form.View shows of a form of one group, from the
// drawings its fields keep: the fields one below the other, scrolled so that the
// focused one starts at the top as far as the fields below allow, at most height
// lines. huh draws the same through a viewport that measures, wraps and pads every
// line again on every frame, a quarter of a keystroke's time; the screens fit the
// lines to their width themselves. Lines are not padded, and a form that is not
// sized, finished or shows one field zoomed is left to huh.
func groupView(form *huh.Form, fields []huh.Field, height int) string {
	focused := form.GetFocusedField()
	if height <= 0 || focused == nil || focused.Zoom() || form.State != huh.StateNormal {
		return form.View()
	}
	gap := fieldGap()
	var content strings.Builder
	top := 0
	for i, f := range fields {
		if f == focused {
			top = strings.Count(content.String(), "\n")
		}
		content.WriteString(f.View())
		if i < len(fields)-1 {
			content.WriteString(gap)
		}
	}
	lines := strings.Split(content.String(), "\n")
	// As huh's viewport: no scrolling past the last line.
	top = max(0, min(top, len(lines)-height))
	return strings.Join(lines[top:min(len(lines), top+height)], "\n")
}
