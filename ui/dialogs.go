package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/wizard"
)

// formScreen asks for a few lines of text (a new session, a vendor's name) in an
// embedded huh form. esc cancels; finishing the last field submits. A submit that
// fails reports an errMsg (reportErr); the form then opens again with what was
// typed, so that nothing is lost and enter tries again.
type formScreen struct {
	c      *Common
	title  string
	form   *huh.Form
	fields []formField
	values []*string
	keys   []string
	submit func(values []string) tea.Cmd
	err    string
	// done is set once submitted or cancelled: a completed form keeps receiving
	// messages (cursor blinks) until the screen is gone, and must not submit twice.
	done bool
	// submitted is set while a submit's result is awaited.
	submitted bool
	// draft names the dialog's half-typed text in the store ("" keeps none);
	// initial is what the fields held when it opened, saved is what was last queued.
	draft          string
	draftOf        db.DraftOf
	initial, saved []string
	restored       bool
	width          int
	back           key.Binding
	next           key.Binding
	// intro is said under the title; footer, when set, sums up what is typed.
	intro  string
	footer func(values []string) string
	// moves are the keys that go to the next or the previous field.
	moves huh.InputKeyMap
}

// formField describes one text field of a formScreen.
type formField struct {
	key, label, value, placeholder string
	required                       bool
	limit                          int
	// check, when set, is the field's own check of what was typed.
	check func(string) error
	// options, when set, make the field a choice among them, changed with ←/→; its
	// value is the chosen option's.
	options []formOption
	// inline puts the label and the text on one line: a form of many short
	// figures then fits a small terminal.
	inline bool
}

// formOption is one choice of a formField.
type formOption struct{ value, label string }

func newFormScreen(c *Common, title string, fields []formField, submit func([]string) tea.Cmd) *formScreen {
	f := &formScreen{c: c, title: title, fields: fields, submit: submit}
	for _, fd := range fields {
		v := new(string)
		*v = fd.value
		f.values = append(f.values, v)
		f.keys = append(f.keys, fd.key)
	}
	f.build()
	f.next, f.back = c.keys().Form.Next, c.keys().Form.Back
	return f
}

// build makes the huh form bound to the values, which keep what was typed.
func (f *formScreen) build() {
	c := f.c
	var hf []huh.Field
	for i, fd := range f.fields {
		if len(fd.options) > 0 {
			hf = append(hf, f.choice(i))
			continue
		}
		limit := fd.limit
		if limit == 0 {
			limit = clean.MaxLine
		}
		in := huh.NewInput().Key(fd.key).Title(fd.label).Placeholder(fd.placeholder).CharLimit(limit).Value(f.values[i]).Inline(fd.inline)
		in = in.Validate(func(string) error { return f.checkField(i) })
		hf = append(hf, in)
	}
	keys := wizard.KeyMapIn(c.Lang)
	f.moves = keys.Input
	f.form = huh.NewForm(huh.NewGroup(hf...)).WithTheme(c.Theme).WithKeyMap(keys).
		WithShowHelp(false).WithShowErrors(false)
	if f.width > 0 {
		f.form = f.form.WithWidth(f.width)
	}
	if !slices.ContainsFunc(f.fields, func(fd formField) bool { return !fd.inline }) {
		// A line a field: huh measured its room before the fields were laid out
		// inline, and would leave blank lines between the last field and the error.
		f.form = f.form.WithHeight(len(f.fields))
	}
}

// choice is field i as a choice among its options. A value that is none of them
// (none given yet, a draft of other options) becomes the first: the field shows
// one option chosen, and the value says the same until ←/→ changes both.
func (f *formScreen) choice(i int) huh.Field {
	fd := f.fields[i]
	opts := make([]huh.Option[string], len(fd.options))
	known := false
	for j, o := range fd.options {
		opts[j] = huh.NewOption(o.label, o.value)
		known = known || o.value == *f.values[i]
	}
	if !known {
		*f.values[i] = fd.options[0].value
	}
	return huh.NewSelect[string]().Key(fd.key).Title(fd.label).Options(opts...).Inline(true).Value(f.values[i])
}

// required is the check of a field that must not be left empty.
func (f *formScreen) required(s string) error {
	if strings.TrimSpace(clean.Line(s)) == "" {
		return userErr(f.c.Lang.Pick("此项必填", "this field is required"))
	}
	return nil
}

// move goes to the next or the previous field, or submits after the last, in this
// Update rather than in the command huh's field asks for: keys typed right after
// enter, in the same write, then go to the next field or the next screen instead of
// the field left behind.
func (f *formScreen) move(k tea.KeyMsg) (tea.Cmd, bool) {
	at := slices.Index(f.keys, f.form.GetFocusedField().GetKey())
	switch {
	case at < 0:
		return nil, false
	case key.Matches(k, f.moves.Prev):
		if at == 0 {
			return nil, true
		}
		return f.form.PrevField(), true
	case !key.Matches(k, f.moves.Next):
		return nil, false
	}
	// The fields up to this one, all of them after the last.
	for i := range f.fields[:at+1] {
		if err := f.checkField(i); err != nil {
			f.err = err.Error()
			return nil, true
		}
	}
	f.err = ""
	if at < len(f.fields)-1 {
		return f.form.NextField(), true
	}
	return f.finish(), true
}

// checkField is field i's own check of its value.
func (f *formScreen) checkField(i int) error {
	if f.fields[i].required {
		if err := f.required(*f.values[i]); err != nil {
			return err
		}
	}
	if f.fields[i].check != nil {
		return f.fields[i].check(*f.values[i])
	}
	return nil
}

// finish submits what the fields hold.
func (f *formScreen) finish() tea.Cmd {
	f.done, f.submitted = true, true
	values := make([]string, len(f.values))
	for i, v := range f.values {
		values[i] = strings.TrimSpace(clean.Line(*v))
	}
	// Written by the submit, or kept again by the error that comes back.
	f.dropDraft()
	return f.submit(values)
}

// keepDraft makes the dialog keep what is typed into it under name, as every field
// of the application does: a quit, ctrl+c or a crash halfway through a vendor's name
// loses nothing, and the dialog opens again with it. A draft left before is read back.
func (f *formScreen) keepDraft(name string, of db.DraftOf) *formScreen {
	f.draft, f.draftOf = name, of
	f.initial = f.current()
	f.saved = f.initial
	ctx, cancel := f.c.ctx()
	defer cancel()
	if typed, err := f.c.Store.FormDraft(ctx, name); err == nil && len(typed) == len(f.values) {
		for i, t := range typed {
			*f.values[i] = t
		}
		f.saved, f.restored = typed, true
		f.build()
	}
	return f
}

// sayIfCut says so when typed or pasted text did not all go in: a field holds at
// most its limit, and text past it is dropped by the field, not silently.
func (f *formScreen) sayIfCut(before []string, typed int) {
	focused := f.form.GetFocusedField()
	if focused == nil {
		return
	}
	i := slices.Index(f.keys, focused.GetKey())
	if i < 0 {
		return
	}
	limit := f.fields[i].limit
	if limit == 0 {
		limit = clean.MaxLine
	}
	now := utf8.RuneCountInString(*f.values[i])
	if now >= limit && now-utf8.RuneCountInString(before[i]) < typed {
		f.err = fmt.Sprintf(f.c.Lang.Pick("「%s」最多 %d 个字符,多出的部分未输入", "%s holds at most %d characters; the rest was not taken"), f.fields[i].label, limit)
	}
}

// current is what the fields hold now.
func (f *formScreen) current() []string {
	out := make([]string, len(f.values))
	for i, v := range f.values {
		out[i] = *v
	}
	return out
}

// saveDraft queues what the fields hold when it changed; text back to what the
// dialog opened with is no draft.
func (f *formScreen) saveDraft() {
	now := f.current()
	if f.draft == "" || slices.Equal(now, f.saved) {
		return
	}
	f.saved = now
	if slices.Equal(now, f.initial) {
		now = make([]string, len(now))
	}
	f.queueDraft(now)
}

// dropDraft forgets the draft: the dialog was done with, on purpose.
func (f *formScreen) dropDraft() {
	if f.draft != "" {
		f.saved = nil
		f.queueDraft(make([]string, len(f.values)))
	}
}

func (f *formScreen) queueDraft(fields []string) {
	name, of := f.draft, f.draftOf
	f.c.Saver.Save("f/"+name, f.title, func(ctx context.Context, s *db.Store) error {
		return s.SaveFormDraft(ctx, name, of, fields)
	})
}

func (f *formScreen) Init() tea.Cmd { return f.form.Init() }
func (f *formScreen) Title() string { return f.title }
func (f *formScreen) Typing() bool  { return true }
func (f *formScreen) SetSize(w, h int) {
	f.width = max(1, min(w-4, 70))
	f.form = f.form.WithWidth(f.width)
}
func (f *formScreen) ShortHelp() []key.Binding  { return []key.Binding{f.next, f.back} }
func (f *formScreen) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

func (f *formScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if e, ok := msg.(errMsg); ok && f.submitted {
		// The submit failed (a full disk, a duplicate name): keep what was typed.
		f.done, f.submitted = false, false
		f.err = f.c.errorText(e.err)
		f.build()
		f.saveDraft()
		return f, f.form.Init()
	}
	if f.done {
		return f, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, f.back) {
		f.done = true
		f.dropDraft()
		return f, f.c.pop()
	}
	before := f.current()
	if k, ok := msg.(tea.KeyMsg); ok {
		if cmd, moved := f.move(k); moved {
			if !f.done {
				f.saveDraft()
			}
			return f, cmd
		}
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if _, typed := msg.(tea.KeyMsg); typed {
		// A blink does not take back what a key was told.
		f.err = ""
	}
	for _, e := range f.form.Errors() {
		f.err = e.Error()
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyRunes {
		f.sayIfCut(before, len(k.Runes))
	}
	if f.form.State == huh.StateCompleted {
		return f, f.finish()
	}
	f.saveDraft()
	return f, cmd
}

func (f *formScreen) View() string {
	s := f.c.Styles
	out := s.Header.Render(f.title) + "\n"
	if f.intro != "" {
		out += s.Faint.Render(strings.Join(wrapText(f.intro, max(20, f.c.Width)), "\n")) + "\n"
	}
	if f.restored {
		out += s.Faint.Render(f.c.Lang.Pick("已恢复上次未完成的输入", "Restored what was being typed last time"))
	}
	out += "\n" + f.form.View()
	if f.footer != nil {
		if line := f.footer(f.current()); line != "" {
			out += "\n" + line
		}
	}
	if f.err != "" {
		out += "\n" + s.Error.Render("✗ "+f.err)
	}
	return out
}

// confirmScreen asks a yes/no question; no is the default, so a stray enter
// destroys nothing.
type confirmScreen struct {
	c        *Common
	title    string
	question string
	yes      bool
	done     bool // answered: later keys must not answer again
	onYes    func() tea.Cmd
	// onNo, when set, runs after the question is gone on no or esc.
	onNo func() tea.Cmd
	keys confirmKeys
}

func newConfirmScreen(c *Common, title, question string, onYes func() tea.Cmd) *confirmScreen {
	s := &confirmScreen{c: c, title: title, question: question, onYes: onYes, keys: c.keys().Confirm}
	return s
}

func (s *confirmScreen) Init() tea.Cmd    { return nil }
func (s *confirmScreen) Title() string    { return s.title }
func (s *confirmScreen) Typing() bool     { return false }
func (s *confirmScreen) SetSize(w, h int) {}
func (s *confirmScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Yes, s.keys.No, s.keys.Toggle, s.keys.Enter, s.keys.Back}
}
func (s *confirmScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *confirmScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || s.done {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Toggle):
		s.yes = !s.yes
	case key.Matches(k, s.keys.Yes), key.Matches(k, s.keys.Enter) && s.yes:
		s.done = true
		return s, tea.Sequence(s.c.pop(), s.onYes())
	case key.Matches(k, s.keys.No), key.Matches(k, s.keys.Back), key.Matches(k, s.keys.Enter):
		s.done = true
		if s.onNo != nil {
			return s, tea.Sequence(s.c.pop(), s.onNo())
		}
		return s, s.c.pop()
	}
	return s, nil
}

func (s *confirmScreen) View() string {
	st := s.c.Styles
	yes, no := "  "+s.c.Lang.Pick("是", "Yes")+"  ", "  "+s.c.Lang.Pick("否", "No")+"  "
	// Brackets mark the choice so it reads without colour.
	if s.yes {
		yes = st.Selected.Render("[ " + s.c.Lang.Pick("是", "Yes") + " ]")
	} else {
		no = st.Selected.Render("[ " + s.c.Lang.Pick("否", "No") + " ]")
	}
	w := max(20, min(s.c.Width-6, 70))
	body := strings.Join(wrapText(s.question, w-6), "\n") + "\n\n" + yes + "   " + no
	return st.Dialog.Width(w).Render(body)
}
