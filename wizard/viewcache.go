package wizard

import (
	"reflect"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// cachedField remembers what a field drew until something may have changed it.
//
// huh draws every field of a group on every message the group gets (a keystroke
// in one field redraws the other nine), which was half of a keystroke's time in
// the wizard. A field only looks different after it got a message of its own, was
// focused or blurred, or was given another theme, size, key map or position; all of
// these pass through here and forget the drawing (a position only when it
// changed: huh gives every field its position again after every keystroke). The notices huh hands every field on every keystroke and focus move
// (groupNotices) are not passed on: our fields' titles and options are fixed, and
// the focus moves through Focus and Blur.
type cachedField struct {
	huh.Field
	view  string
	valid bool
	// position is the last one given.
	position    huh.FieldPosition
	hasPosition bool
}

// cached wraps a field; Unwrap gives it back.
func cached(f huh.Field) huh.Field { return &cachedField{Field: f} }

// Unwrap returns the field a cachedField holds, or f itself.
func Unwrap(f huh.Field) huh.Field {
	if c, ok := f.(*cachedField); ok {
		return c.Field
	}
	return f
}

// groupNotices are the messages a huh group hands to all its fields although they
// are meant for the group or for fields with dynamic titles and options: moving the
// focus, and "update your dynamic title and options". They are unexported types,
// known here by their names.
var groupNotices = map[string]bool{
	"updateFieldMsg": true,
	"nextFieldMsg":   true,
	"prevFieldMsg":   true,
}

// isGroupNotice reports whether msg is one of huh's groupNotices.
func isGroupNotice(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.PkgPath() == "github.com/charmbracelet/huh" && groupNotices[t.Name()]
}

func (c *cachedField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if isGroupNotice(msg) {
		// Nothing in a fixed field reacts to them, yet a multiple choice redrew
		// all its options to get its height on every one.
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
	c.valid = false
	return c.Field.Focus()
}

func (c *cachedField) Blur() tea.Cmd {
	c.valid = false
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
	c.Field, c.valid = c.Field.WithKeyMap(k), false
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
// on the first field) in a key map that WithKeyMap may have replaced; only a new
// position is a reason to draw again.
func (c *cachedField) WithPosition(p huh.FieldPosition) huh.Field {
	c.Field = c.Field.WithPosition(p)
	if !c.hasPosition || p != c.position {
		c.valid = false
	}
	c.position, c.hasPosition = p, true
	return c
}
