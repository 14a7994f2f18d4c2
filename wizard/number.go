package wizard

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"

	"vendorvet/rubric"
)

// numberChars bounds what a number field takes: a number with its unit and a range.
const numberChars = 24

// minNumberRoom is the least room beside the title for a number and its reading.
const minNumberRoom = 12

// numberField is a one-line field for a number, drawn as huh's inline Input is, with
// what the text reads as right after it: "2分钟  → 120 秒", or "30%  ✗ …" when it does
// not read. Unlike an Input with Validate, it never keeps the focus: tab, shift+tab
// and enter always move on, and the text stays as typed for the caller to keep.
type numberField struct {
	key, title string
	// description is the question's help, on the lines under the number: what its
	// values mean (a rating's levels).
	description string
	// value is bound to the text after every message, as huh binds it.
	value *string
	// read reads the text for this field.
	read  func(string) rubric.Reading
	lang  rubric.Lang
	input textinput.Model

	focused    bool
	accessible bool
	width      int
	theme      *huh.Theme
	keymap     huh.InputKeyMap
}

// newNumber builds a number field bound to value: an inline input in the manner of
// huh's Input, reading its text with read.
func newNumber(key, title, placeholder string, value *string, lang rubric.Lang, read func(string) rubric.Reading) *numberField {
	in := textinput.New()
	in.Prompt = ": "
	in.Placeholder = placeholder
	in.CharLimit = numberChars
	in.SetValue(*value)
	return &numberField{key: key, title: title, value: value, read: read, lang: lang, input: in}
}

// Init blurs the text input, as huh's Input does.
func (n *numberField) Init() tea.Cmd {
	n.input.Blur()
	return nil
}

// Update moves the focus on the Next, Submit and Prev keys whatever the text says,
// and hands every message to the text input, as huh's Input does.
func (n *numberField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, n.keymap.Prev):
			cmds = append(cmds, huh.PrevField)
		case key.Matches(k, n.keymap.Next, n.keymap.Submit):
			cmds = append(cmds, huh.NextField)
		}
	}
	var cmd tea.Cmd
	n.input, cmd = n.input.Update(msg)
	*n.value = n.input.Value()
	return n, tea.Batch(append(cmds, cmd)...)
}

func (n *numberField) activeStyles() *huh.FieldStyles {
	theme := n.theme
	if theme == nil {
		theme = huh.ThemeCharm()
	}
	if n.focused {
		return &theme.Focused
	}
	return &theme.Blurred
}

// View draws the title, the text and its reading on one line (the title wraps as
// huh's does on a narrow form). The reading is cut to the width left, so that it
// never adds a line and the form below it never moves.
func (n *numberField) View() string {
	st := n.activeStyles()
	n.input.PlaceholderStyle = st.TextInput.Placeholder
	n.input.PromptStyle = st.TextInput.Prompt
	n.input.Cursor.Style = st.TextInput.Cursor
	n.input.Cursor.TextStyle = st.TextInput.CursorText
	n.input.TextStyle = st.TextInput.Text
	// Where keys become text shows on the field itself, not only in the help line:
	// a pencil after the title while it has the focus.
	n.input.Prompt = ": "
	if n.focused {
		n.input.Prompt = TypingMark
	}

	maxWidth := n.width - st.Base.GetHorizontalFrameSize()
	title := n.title
	if n.width > 0 {
		title = cellbuf.Wrap(title, maxWidth, ",.-; ")
	}
	title = st.Title.Render(title)
	lastLine := title[strings.LastIndex(title, "\n")+1:]
	// The text scrolls only when it does not fit; otherwise it is drawn unpadded,
	// so that its reading follows it. Where the title leaves it no room, it goes on
	// a line of its own, whatever it holds.
	room := maxWidth - lipgloss.Width(lastLine) - lipgloss.Width(n.input.Prompt) - 1
	if n.width > 0 && room < minNumberRoom {
		title += "\n"
		room = maxWidth - lipgloss.Width(n.input.Prompt) - 1
	}
	n.input.Width = 0
	if n.width > 0 && lipgloss.Width(n.input.Value()) > room {
		n.input.Width = max(1, room)
	}
	n.input.SetCursor(n.input.Position()) // scrolls the text for the width just set
	line := title + n.input.View()
	// The text ends in the cursor's cell, a space when the cursor is elsewhere.
	if mark := n.mark(st); mark != "" {
		if n.width <= 0 {
			line += " " + mark
		} else if left := maxWidth - lipgloss.Width(line[strings.LastIndex(line, "\n")+1:]) - 1; left >= 2 {
			line += " " + ansi.Truncate(mark, left, "…")
		}
	}
	if n.description != "" {
		desc := n.description
		if n.width > 0 {
			desc = cellbuf.Wrap(desc, maxWidth, " ·,;")
		}
		line += "\n" + st.Description.Render(desc)
	}
	return st.Base.Width(n.width).Render(line)
}

// mark is what the text reads as, when that says more than the text, or why it
// does not read.
func (n *numberField) mark(st *huh.FieldStyles) string {
	r := n.read(n.input.Value())
	switch {
	case r.Err != nil:
		return st.ErrorMessage.UnsetString().Render("✗ " + r.Err.Message.In(n.lang))
	case r.Says(n.input.Value()):
		return st.Description.Render("→ " + r.Shown.In(n.lang))
	}
	return ""
}

// Focus shows the cursor.
func (n *numberField) Focus() tea.Cmd {
	n.focused = true
	return n.input.Focus()
}

// Blur binds the text and hides the cursor; the text is kept as typed.
func (n *numberField) Blur() tea.Cmd {
	n.focused = false
	*n.value = n.input.Value()
	n.input.Blur()
	return nil
}

// Error is always nil: a text that does not read is marked beside the field, and
// an error here would keep huh's form from moving on.
func (n *numberField) Error() error { return nil }

// Run runs the field on its own, as huh's Input does.
func (n *numberField) Run() error {
	if n.accessible {
		return n.RunAccessible(os.Stdout, os.Stdin)
	}
	return huh.Run(n)
}

// RunAccessible asks for the number through a huh Input bound to the same value,
// which asks again until the text reads.
func (n *numberField) RunAccessible(w io.Writer, r io.Reader) error {
	in := huh.NewInput().Title(n.title).Description(n.description).CharLimit(numberChars).Value(n.value).
		Validate(func(s string) error {
			if got := n.read(s); got.Err != nil {
				return userError{got.Err.Message.In(n.lang)}
			}
			return nil
		})
	if n.theme != nil {
		in.WithTheme(n.theme)
	}
	return in.RunAccessible(w, r)
}

func (n *numberField) Skip() bool { return false }

func (n *numberField) Zoom() bool { return false }

// KeyBinds are huh's Input's.
func (n *numberField) KeyBinds() []key.Binding {
	return []key.Binding{n.keymap.Prev, n.keymap.Submit, n.keymap.Next}
}

// WithTheme keeps the first theme given, as huh's fields do.
func (n *numberField) WithTheme(theme *huh.Theme) huh.Field {
	if n.theme == nil {
		n.theme = theme
	}
	return n
}

func (n *numberField) WithAccessible(accessible bool) huh.Field {
	n.accessible = accessible
	return n
}

func (n *numberField) WithKeyMap(k *huh.KeyMap) huh.Field {
	n.keymap = k.Input
	return n
}

func (n *numberField) WithWidth(width int) huh.Field {
	n.width = width
	return n
}

// WithHeight does nothing: the field is one line, as wide as its width allows.
func (n *numberField) WithHeight(int) huh.Field { return n }

// WithPosition turns the moves off where there is nothing to move to, as in huh.
func (n *numberField) WithPosition(p huh.FieldPosition) huh.Field {
	n.keymap.Prev.SetEnabled(!p.IsFirst())
	n.keymap.Next.SetEnabled(!p.IsLast())
	n.keymap.Submit.SetEnabled(p.IsLast())
	return n
}

func (n *numberField) GetKey() string { return n.key }

func (n *numberField) GetValue() any { return *n.value }
