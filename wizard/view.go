package wizard

import (
	"strings"

	"github.com/charmbracelet/huh"
)

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
	gap := Theme().FieldSeparator.Render()
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
