package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// cachedField is a field of our forms that keeps its drawing while it cannot have
// changed, and knows which keys move the focus away from it.
//
// huh hands every message to every field of a group and draws them all again
// after each one, so a key typed in one field redraws all the others. A field here
// is blurred or focused through Focus and Blur, which pass through this wrapper; a
// blurred field takes no messages (its title and options are fixed, and huh gives
// keys to the focused field only), so its drawing stays valid until it is focused,
// or given another theme, size, key map or position.
type cachedField struct {
	huh.Field
	view    string
	valid   bool
	focused bool
	// skip passes the focus over the field: a question that does not apply;
	// skipWhen, when set, decides it at each move: a price of a billing model
	// the vendor has not ticked (yet).
	skip     bool
	skipWhen func() bool
	// keymap and position are the last ones given: with the field's kind they
	// say which keys move the focus.
	keymap      *huh.KeyMap
	position    huh.FieldPosition
	hasPosition bool
}

// cached wraps a field; Unwrap gives it back.
func cached(f huh.Field) huh.Field { return &cachedField{Field: f} }

// skipped wraps a field that the focus passes over, on every move: huh's moves
// between fields skip it, and the first and last fields of a form are those that
// are not skipped. It is drawn as any other.
func skipped(f huh.Field) huh.Field { return &cachedField{Field: f, skip: true} }

// Skip reports whether the focus passes over the field.
func (c *cachedField) Skip() bool {
	return c.skip || c.skipWhen != nil && c.skipWhen() || c.Field.Skip()
}

// skippedWhen wraps a field that the focus passes over while skip says so.
func skippedWhen(skip func() bool) func(huh.Field) huh.Field {
	return func(f huh.Field) huh.Field { return &cachedField{Field: f, skipWhen: skip} }
}

// Unwrap returns the field a cachedField holds, or f itself.
func Unwrap(f huh.Field) huh.Field {
	if c, ok := f.(*cachedField); ok {
		return c.Field
	}
	return f
}

func (c *cachedField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if !c.focused {
		return c, nil
	}
	m, cmd := c.Field.Update(msg)
	c.Field, c.valid = m.(huh.Field), false
	return c, cmd
}

func (c *cachedField) View() string {
	if !c.valid {
		c.view, c.valid = c.Field.View(), true
	}
	return c.view
}

func (c *cachedField) Init() tea.Cmd {
	c.valid = false
	return c.Field.Init()
}

func (c *cachedField) Focus() tea.Cmd {
	c.focused, c.valid = true, false
	return c.Field.Focus()
}

func (c *cachedField) Blur() tea.Cmd {
	c.focused, c.valid = false, false
	return c.Field.Blur()
}

func (c *cachedField) WithTheme(t *huh.Theme) huh.Field {
	c.Field, c.valid = c.Field.WithTheme(t), false
	return c
}

func (c *cachedField) WithAccessible(a bool) huh.Field {
	c.Field, c.valid = c.Field.WithAccessible(a), false
	return c
}

func (c *cachedField) WithKeyMap(k *huh.KeyMap) huh.Field {
	c.Field, c.valid, c.keymap = c.Field.WithKeyMap(k), false, k
	return c
}

func (c *cachedField) WithWidth(w int) huh.Field {
	c.Field, c.valid = c.Field.WithWidth(w), false
	return c
}

func (c *cachedField) WithHeight(h int) huh.Field {
	c.Field, c.valid = c.Field.WithHeight(h), false
	return c
}

// WithPosition is always passed on, as it also turns keys on and off (no shift+tab
// on the first field); huh gives every field its position again after every key,
// and only a new one is a reason to draw again.
func (c *cachedField) WithPosition(p huh.FieldPosition) huh.Field {
	c.Field = c.Field.WithPosition(p)
	if !c.hasPosition || p != c.position {
		c.valid = false
	}
	c.position, c.hasPosition = p, true
	return c
}

// move is where a key takes the focus.
type move int

const (
	stay move = iota
	toNext
	toPrev
)

// moveFor says where k takes the focus from this field: the Next and Prev keys
// of its kind in its key map, except past either end of the form, where huh is
// left to decide (the last field's Submit finishes the form). The field never sees
// such a key: Blur binds its value as the key would have, and none validates.
func (c *cachedField) moveFor(k tea.KeyMsg) move {
	next, prev, ok := moveKeys(c.Field, c.keymap)
	switch {
	case !ok || !c.focused || !c.hasPosition:
		return stay
	case !c.position.IsLast() && key.Matches(k, next):
		return toNext
	case !c.position.IsFirst() && key.Matches(k, prev):
		return toPrev
	}
	return stay
}

// moveKeys are the keys of km that move the focus from a field of f's kind; ok is
// false for a kind the wizard does not build.
func moveKeys(f huh.Field, km *huh.KeyMap) (next, prev key.Binding, ok bool) {
	if km == nil {
		return next, prev, false
	}
	switch f.(type) {
	case *huh.Select[rubric.Tri], *huh.Select[string]:
		return km.Select.Next, km.Select.Prev, true
	case *huh.MultiSelect[string]:
		return km.MultiSelect.Next, km.MultiSelect.Prev, true
	case *huh.Input, *numberField:
		return km.Input.Next, km.Input.Prev, true
	case *noteField:
		return km.Text.Next, km.Text.Prev, true
	}
	return next, prev, false
}
