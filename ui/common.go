// Package ui is the terminal interface of vendorvet: the sessions list, the
// requirements form, a session's vendors, the vendor wizard with its live scorecard,
// the comparison and the export. Each screen is a small model; the root model routes
// keys and messages and draws the chrome.
package ui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
)

// Common is what every screen shares: size, styles, language and the store.
type Common struct {
	Width, Height int
	Styles        *Styles
	Lang          rubric.Lang
	Store         *db.Store
	Saver         *Saver
	// Watch tells when another window changed the database; nil: nobody looks.
	Watch *db.Watcher
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// Evaluator is who uses the interface, by the name a session's panel knows them
	// by; "" until they are named, the store then acting as each session's lead.
	// The store acts as one person for every session (Store.ActAs), and so does
	// the interface: once named, they stay who they are until it ends.
	Evaluator string
	// Remote is an interface run for a terminal elsewhere (the team server): it
	// writes no file, as a path typed would be the server's, not the person's.
	Remote bool
	// UserName is the system's name for who is at the keyboard, offered first when
	// the interface asks who is evaluating; "" when unknown.
	UserName string
	// Theme is the forms' theme, drawn for this terminal (wizard.ThemeFor).
	Theme *huh.Theme
	// noColorCursor is the text cursor's style when this terminal has colours
	// turned off (wizard.NoColorCursorFor); nil otherwise.
	noColorCursor *lipgloss.Style
	// People names everyone who may use the database (Options.People); nil when
	// anyone may.
	People func() []string
	// requirementDrafts holds, by session, step 1's numbers that do not read yet.
	requirementDrafts map[int64]map[string]string
	// navigating counts the screen changes asked for whose message has not reached
	// the root yet; keys that arrive meanwhile wait for the new screen.
	navigating int
	keyMap     *keyMap
}

// ctx bounds a database call made while the user waits.
func (c *Common) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// screen is one page of the application (the soft-serve component contract).
type screen interface {
	Init() tea.Cmd
	// Update returns the screen itself (or another value of the same screen).
	Update(tea.Msg) (screen, tea.Cmd)
	View() string
	SetSize(w, h int)
	// Title names the screen in the breadcrumb.
	Title() string
	// ShortHelp and FullHelp list the keys that work right now.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Typing is true while a text field has the focus: letters are text, not commands.
	Typing() bool
}

// Navigation messages: a screen asks the root to show another screen or go back.
type (
	pushMsg    struct{ s screen }
	popMsg     struct{}
	replaceMsg struct{ s screen }
	// errMsg reports an error to show in the status line.
	errMsg struct{ err error }
	// infoMsg shows a short message in the status line.
	infoMsg struct{ text string }
	// reloadMsg asks the screens below to refresh what they show from the store.
	reloadMsg struct{}
	// navFailedMsg ends a screen change that could not be made, with why.
	navFailedMsg struct{ err error }
	// writtenMsg ends a change the user waited for; then, on success, is run on
	// the UI goroutine and says where to go next.
	writtenMsg struct {
		err  error
		then func() tea.Cmd
	}
)

// push, pop and replace ask the root for a screen change. They count it as on its
// way, so that a key typed before the change is made acts on the new screen, once,
// instead of a second time on the old one (two quick enters opening a session twice).
func (c *Common) push(s screen) tea.Cmd {
	c.navigating++
	return func() tea.Msg { return pushMsg{s} }
}

func (c *Common) pop() tea.Cmd {
	c.navigating++
	return func() tea.Msg { return popMsg{} }
}

func (c *Common) replace(s screen) tea.Cmd {
	c.navigating++
	return func() tea.Msg { return replaceMsg{s} }
}

// write makes a change the user waits for through the saver, after every change
// queued before it, like every other write. Keys typed meanwhile wait for the
// screen it leads to; on failure the screen in front is told with an errMsg.
func (c *Common) write(what string, change func(context.Context, *db.Store) error, then func() tea.Cmd) tea.Cmd {
	c.navigating++
	saver := c.Saver
	return func() tea.Msg { return writtenMsg{err: saver.Do(what, change), then: then} }
}

// navigated records that a screen change reached the root.
func (c *Common) navigated()      { c.navigating = max(0, c.navigating-1) }
func reportErr(err error) tea.Cmd { return func() tea.Msg { return errMsg{err} } }
func info(text string) tea.Cmd    { return func() tea.Msg { return infoMsg{text} } }

// keys is the key map in the user's language, made once.
func (c *Common) keys() *keyMap {
	if c.keyMap == nil || c.keyMap.lang != c.Lang {
		c.keyMap = newKeyMap(c.Lang)
	}
	return c.keyMap
}

// actAs makes the interface and the store act as the evaluator of that name: the
// store reads each vendor's own answers as theirs and writes as them.
func (c *Common) actAs(name string) error {
	if err := c.Store.ActAs(name); err != nil {
		return err
	}
	c.Evaluator = strings.TrimSpace(clean.Line(name))
	return nil
}

// newTextInput is a one-line text field whose cursor shows without colours too.
func newTextInput(c *Common) textinput.Model {
	ti := textinput.New()
	if c.noColorCursor != nil {
		ti.Cursor.Style = *c.noColorCursor
	}
	return ti
}
