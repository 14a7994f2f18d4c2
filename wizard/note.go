package wizard

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/cellbuf"
)

// noteLines is how many lines of a note the form shows.
const noteLines = 3

// minWrapMemo is bubbles' default MaxHeight, the size of the memo of wrapped lines
// that huh's Text keeps: a note of up to half as many lines keeps it.
const minWrapMemo = 99

// noteField is huh's Text as the wizard configures it (a title, a placeholder, three
// lines, NoteLimit characters, no external editor), drawn and driven as huh draws and
// drives it, on a textarea whose line limit grows with the note.
//
// huh's Text leaves the textarea's MaxHeight at 99, which huh does not let us change.
// The textarea remembers the wrapping of at most MaxHeight lines, and every key wraps
// every line of the note above the cursor and every frame every line: past 99 lines
// nothing is remembered and each key wraps the whole note again, which slows typing
// in a long note. The same limit refuses a 100th line to the new-line key. Here
// MaxHeight stays between twice and eight times the note's lines (fitWrapMemo), so
// every line's wrapping is remembered and new lines are always taken. It is not left
// at 0 (no limit), which would let the textarea's memo keep up to 10,000 stale
// versions of the lines typed.
type noteField struct {
	key   string
	title string
	// value is bound to the textarea's text after every message, as huh binds it.
	value    *string
	textarea textarea.Model

	focused    bool
	accessible bool
	width      int
	theme      *huh.Theme
	keymap     huh.TextKeyMap
}

// newNote builds a note field bound to value, as huh.NewText().Key(key).Title(title).
// Placeholder(placeholder).CharLimit(NoteLimit).ExternalEditor(false).Lines(3).
// Value(value) would.
func newNote(key, title, placeholder string, value *string) *noteField {
	// As huh.NewText sets the textarea up.
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.FocusedStyle.CursorLine = lipgloss.NewStyle()

	ta.Placeholder = placeholder
	ta.CharLimit = NoteLimit
	ta.SetHeight(noteLines)
	ta.SetValue(*value)
	n := &noteField{key: key, title: title, value: value, textarea: ta}
	n.fitWrapMemo()
	return n
}

// fitWrapMemo sets the textarea's MaxHeight, the size of its memo of wrapped lines
// and its limit on lines, to four times the note's lines (at least huh's 99) once it
// is below twice or above eight times as many. A frame wraps each line once, and an
// edited line leaves its old versions behind: with room for twice the lines, every
// current line's wrapping stays remembered; the new-line key is always taken, as the
// limit is above the lines; and it only changes (forgetting what it remembered) when
// the note has doubled or shrunk to a fraction of its size.
func (n *noteField) fitWrapMemo() {
	lines := n.textarea.LineCount()
	limit := n.textarea.MaxHeight
	if limit >= 2*lines && (limit <= 8*lines || limit == minWrapMemo) {
		return
	}
	n.textarea.MaxHeight = max(minWrapMemo, 4*lines)
}

// Init blurs the textarea, as huh's Text does.
func (n *noteField) Init() tea.Cmd {
	n.textarea.Blur()
	return nil
}

// Update moves the focus on the Next, Submit and Prev keys, hands every message to
// the textarea (new lines come from the NewLine keys, which WithKeyMap gave it) and
// binds the text, as huh's Text does. The editor key does nothing: the external
// editor is off, and huh's key map for it is disabled.
func (n *noteField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, n.keymap.Next, n.keymap.Submit):
			cmds = append(cmds, huh.NextField)
		case key.Matches(k, n.keymap.Prev):
			cmds = append(cmds, huh.PrevField)
		}
	}
	n.fitWrapMemo()
	var cmd tea.Cmd
	n.textarea, cmd = n.textarea.Update(msg)
	cmds = append(cmds, cmd)
	*n.value = n.textarea.Value()
	return n, tea.Batch(cmds...)
}

// activeStyles are the theme's styles for the field's state; huh's Charm theme when
// none was given, as in huh.
func (n *noteField) activeStyles() *huh.FieldStyles {
	theme := n.theme
	if theme == nil {
		theme = huh.ThemeCharm()
	}
	if n.focused {
		return &theme.Focused
	}
	return &theme.Blurred
}

// activeTextAreaStyles are the textarea's styles that View dresses in the theme's.
func (n *noteField) activeTextAreaStyles() *textarea.Style {
	if n.theme == nil {
		return &n.textarea.BlurredStyle
	}
	if n.focused {
		return &n.textarea.FocusedStyle
	}
	return &n.textarea.BlurredStyle
}

// View draws the title and the textarea in the theme's styles, as huh's Text does.
func (n *noteField) View() string {
	styles := n.activeStyles()
	tas := n.activeTextAreaStyles()
	// As huh's Text, on every drawing: the textarea draws with the styles of its own
	// focus state, which these are once it was focused or blurred.
	tas.Placeholder = styles.TextInput.Placeholder
	tas.Text = styles.TextInput.Text
	tas.Prompt = styles.TextInput.Prompt
	tas.CursorLine = styles.TextInput.Text
	n.textarea.Cursor.Style = styles.TextInput.Cursor
	n.textarea.Cursor.TextStyle = styles.TextInput.CursorText

	maxWidth := n.width - styles.Base.GetHorizontalFrameSize()
	var parts []string
	if n.title != "" {
		// huh wraps titles so, at the same characters.
		parts = append(parts, styles.Title.Render(cellbuf.Wrap(n.title, maxWidth, ",.-; ")))
	}
	parts = append(parts, n.textarea.View())
	return styles.Base.Render(strings.Join(parts, "\n"))
}

// Focus shows the cursor, which blinks.
func (n *noteField) Focus() tea.Cmd {
	n.focused = true
	return n.textarea.Focus()
}

// Blur binds the text and hides the cursor.
func (n *noteField) Blur() tea.Cmd {
	n.focused = false
	*n.value = n.textarea.Value()
	n.textarea.Blur()
	return nil
}

// Error is always nil: a note is never invalid.
func (n *noteField) Error() error { return nil }

// Run runs the field on its own, as huh's Text does.
func (n *noteField) Run() error {
	if n.accessible {
		return n.RunAccessible(os.Stdout, os.Stdin)
	}
	return huh.Run(n)
}

// RunAccessible asks for the note as huh's Text does, through a huh Text bound to the
// same value in the same style.
func (n *noteField) RunAccessible(w io.Writer, r io.Reader) error {
	t := huh.NewText().Title(n.title).CharLimit(n.textarea.CharLimit).Value(n.value)
	if n.theme != nil {
		t.WithTheme(n.theme)
	}
	if n.focused {
		t.Focus()
	}
	return t.RunAccessible(w, r)
}

func (n *noteField) Skip() bool { return false }

func (n *noteField) Zoom() bool { return false }

// KeyBinds are huh's Text's, with the editor's key disabled.
func (n *noteField) KeyBinds() []key.Binding {
	n.keymap.Editor.SetEnabled(false)
	return []key.Binding{n.keymap.NewLine, n.keymap.Editor, n.keymap.Prev, n.keymap.Submit, n.keymap.Next}
}

// WithTheme keeps the first theme given, as huh's fields do.
func (n *noteField) WithTheme(theme *huh.Theme) huh.Field {
	if n.theme == nil {
		n.theme = theme
	}
	return n
}

// WithAccessible sets whether Run asks accessibly.
func (n *noteField) WithAccessible(accessible bool) huh.Field {
	n.accessible = accessible
	return n
}

// WithKeyMap takes the Text keys: the NewLine keys become the textarea's.
func (n *noteField) WithKeyMap(k *huh.KeyMap) huh.Field {
	n.keymap = k.Text
	n.textarea.KeyMap.InsertNewline.SetKeys(n.keymap.NewLine.Keys()...)
	return n
}

// WithWidth sizes the textarea to the width less the field's frame.
func (n *noteField) WithWidth(width int) huh.Field {
	n.width = width
	n.textarea.SetWidth(width - n.activeStyles().Base.GetHorizontalFrameSize())
	return n
}

// WithHeight gives the textarea what the title and the frame leave of height; huh
// calls it only for a form too low for the field.
func (n *noteField) WithHeight(height int) huh.Field {
	adjust := 0
	if n.title != "" {
		adjust++
	}
	n.textarea.SetHeight(height - n.activeStyles().Base.GetVerticalFrameSize() - adjust)
	return n
}

// WithPosition turns the moves off where there is nothing to move to, as in huh.
func (n *noteField) WithPosition(p huh.FieldPosition) huh.Field {
	n.keymap.Prev.SetEnabled(!p.IsFirst())
	n.keymap.Next.SetEnabled(!p.IsLast())
	n.keymap.Submit.SetEnabled(p.IsLast())
	return n
}

func (n *noteField) GetKey() string { return n.key }

func (n *noteField) GetValue() any { return *n.value }
