package ui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/capacity"
	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// whatIfScreen tries other figures for the numbers that drive the need most: the
// daily volume, the peak multiple, and each queue's handle time and target (for email
// the response time). The agents and every vendor's coverage and cost follow each
// key, beside those of the requirements as saved. Nothing is saved until the
// evaluator adopts the figures as the requirements, which saves them as step 1 does.
type whatIfScreen struct {
	c    *Common
	sess *db.Session
	form *wizard.Requirements
	errs map[string]string
	// what is the session's requirements with the figures of the form; tried holds
	// those figures as last set beside the need, to set them again only on a change.
	what    rubric.Requirements
	tried   []whatIfValue
	vendors []rubric.Vendor
	cards   []rubric.Scorecard
	// cmp sets the vendors beside the what-if's need, now beside the saved one.
	cmp, now capacity.Comparison
	pane     resultsPane
	w, h     int
	// leaving is set once the screen asked to close, so that it closes once.
	leaving bool
	keys    whatIfKeys
}

// whatIfValue is one figure of the form as it reads.
type whatIfValue struct {
	x     float64
	known bool
}

func newWhatIfScreen(c *Common, sess *db.Session) *whatIfScreen {
	s := &whatIfScreen{c: c, sess: sess, keys: c.keys().WhatIf}
	c.Saver.Know(sess)
	s.form = wizard.NewRequirementFields(c.Lang, sess.Requirements, nil, whatIfFieldIDs(sess.Requirements), wizard.WithTheme(c.Theme))
	s.rescore()
	return s
}

// whatIfFieldIDs are the figures tried: the volume, the peak, then each queue's
// handle time and target, in the plan's order.
func whatIfFieldIDs(r rubric.Requirements) []string {
	ids := []string{"daily_volume", "peak_multiplier"}
	for _, q := range r.QueuesInUse() {
		if q == "email" {
			ids = append(ids, "email_aht_s", "email_response_h")
			continue
		}
		ids = append(ids, q+"_aht_s", q+"_sl_pct", q+"_sl_s")
	}
	return ids
}

// rescore scores the vendors, sets them beside the saved need, and tries the form's
// figures again.
func (s *whatIfScreen) rescore() {
	s.cards = scoreAll(s.sess, s.cards)
	s.vendors = vendorsOf(s.sess)
	s.now = capacity.Compare(s.sess.Requirements, s.vendors, s.cards)
	s.tried = nil
	s.read()
}

// read takes the form's figures into the session's requirements and, when they
// changed, sets the vendors beside the need they make.
func (s *whatIfScreen) read() {
	live, errs := s.form.Live()
	s.errs = errs
	keys := s.form.Keys()
	values := make([]whatIfValue, len(keys))
	what := s.sess.Requirements
	for i, k := range keys {
		x, known := live.Number(k)
		values[i] = whatIfValue{x, known}
		what.SetNumber(k, x, known)
	}
	if s.tried != nil && slices.Equal(values, s.tried) {
		return
	}
	s.what, s.tried = what, values
	s.cmp = capacity.Compare(what, s.vendors, s.cards)
	s.pane.changed()
}

func (s *whatIfScreen) Init() tea.Cmd { return s.form.Form.Init() }
func (s *whatIfScreen) Title() string { return s.c.Lang.Pick("假设分析", "What if") }
func (s *whatIfScreen) Typing() bool  { return s.form.Typing() }

func (s *whatIfScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.form.Resize(s.formSize())
}

func (s *whatIfScreen) formSize() (int, int) { return planFormSize(s.w, s.h, 1) }

func (s *whatIfScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Adopt, s.keys.Back, s.keys.Field, s.keys.Scroll}
}

func (s *whatIfScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Field, s.keys.PageUp, s.keys.PageDown, s.keys.Adopt, s.keys.Back}, s.form.Form.KeyBinds()}
}

func (s *whatIfScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if s.leaving {
		return s, nil
	}
	switch msg := msg.(type) {
	case sessionMergedMsg, reloadMsg:
		// Another window changed the session: the figures typed stay, tried on what
		// it holds now.
		s.rescore()
		return s, nil
	case SavedMsg:
		return s, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Back):
			s.leaving = true
			return s, s.c.pop()
		case key.Matches(msg, s.keys.Adopt):
			return s, s.adopt()
		case key.Matches(msg, s.keys.PageUp):
			s.pane.scroll(-1)
			return s, nil
		case key.Matches(msg, s.keys.PageDown):
			s.pane.scroll(1)
			return s, nil
		case msg.Type == tea.KeyEnter && s.form.Focused() == lastOf(s.form.Keys()):
			// Enter on the last figure would end the form, and the what-if with it:
			// only esc leaves, only ctrl+s adopts.
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.form.Form, cmd = wizard.Update(s.form.Form, msg)
	s.read()
	return s, cmd
}

func lastOf(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[len(keys)-1]
}

// adopt saves the figures tried as the requirements, each changed field on its own
// as step 1 saves it, and goes back. A figure that does not read is not adopted in
// its last good value's place: the evaluator is told to put it right first.
func (s *whatIfScreen) adopt() tea.Cmd {
	c := s.c
	if len(s.errs) > 0 {
		return reportErr(userErr(fmt.Sprintf(c.Lang.Pick("有 %d 项无法读取,改正或清空后再采用", "%d figures do not read; put them right or clear them before adopting"), len(s.errs))))
	}
	keys := s.form.Keys()
	if !saveRequirements(c, s.sess, s.what, keys) {
		s.leaving = true
		return tea.Sequence(c.pop(), info(c.Lang.Pick("假设值与现行需求相同,没有改动", "The what-if figures are the requirements already; nothing changed")))
	}
	// A draft of an adopted field in another form would show in place of the
	// figure now saved.
	if drafts := c.requirementDrafts[s.sess.ID]; drafts != nil {
		for _, k := range keys {
			delete(drafts, k)
		}
	}
	s.leaving = true
	return tea.Sequence(c.pop(), info(c.Lang.Pick("假设值已采用为需求", "The what-if figures are adopted as the requirements")))
}

func (s *whatIfScreen) View() string {
	c, st := s.c, s.c.Styles
	title := truncate(st.Header.Render(c.Lang.Pick("假设分析", "What if"))+
		st.Warn.Render(c.Lang.Pick("  不会保存:只用于试算;ctrl+s 采用为需求,esc 放弃", "  nothing here is saved; ctrl+s adopts it, esc leaves")), s.w)
	fw, fh := s.formSize()
	form := formWithErrors(c, s.form.View(), s.errs, s.form.Focused(), fw, fh)
	return planLayout(s.w, s.h, title, form, fw, fh, func(w, h int) string {
		return s.pane.view(c, w, h, func(w int) []segment { return capacitySegments(c, s.cmp, &s.now, w) })
	})
}
