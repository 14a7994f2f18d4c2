package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// reqEditor is a form over some of a session's requirement fields, every change of
// which is saved at once, field by field (saveRequirements), while a number that does
// not read is kept as typed for as long as the program runs. Step 1 and the capacity
// plan are both edited through it.
type reqEditor struct {
	c    *Common
	sess *db.Session
	// newForm builds the form around the requirements in memory and the drafts.
	newForm func(rubric.Lang, rubric.Requirements, map[string]string, ...wizard.Option) *wizard.Requirements
	form    *wizard.Requirements
	errs    map[string]string
	// fw and fh are the size the form was last given; 0 before any.
	fw, fh int
}

// build makes the form from the requirements in memory and the drafts kept.
func (e *reqEditor) build() {
	e.form = e.newForm(e.c.Lang, e.sess.Requirements, e.c.requirementDrafts[e.sess.ID], wizard.WithTheme(e.c.Theme))
	if e.fw > 0 {
		e.form.Resize(e.fw, e.fh)
	}
}

// resize gives the form its room.
func (e *reqEditor) resize(w, h int) {
	e.fw, e.fh = w, h
	e.form.Resize(w, h)
}

// update hands msg to the form and saves what it changed; done is set when the form
// was completed (enter on its last field).
func (e *reqEditor) update(msg tea.Msg) (cmd tea.Cmd, changed, done bool) {
	e.form.Form, cmd = wizard.Update(e.form.Form, msg)
	changed = e.collect()
	return cmd, changed, e.form.Form.State == huh.StateCompleted
}

// collect saves every field of the form that changed, each on its own: two windows
// changing different fields both keep their change. It reports whether any did.
func (e *reqEditor) collect() bool {
	live, errs := e.form.Live()
	e.errs = errs
	e.keepDrafts()
	return saveRequirements(e.c, e.sess, live, e.form.Keys())
}

// keepDrafts keeps the form's numbers that do not read yet for as long as the
// program runs, so that leaving and coming back shows them as typed. Those of the
// fields of other forms are left as they are.
func (e *reqEditor) keepDrafts() {
	kept := e.c.requirementDrafts[e.sess.ID]
	for _, k := range e.form.Keys() {
		delete(kept, k)
	}
	for k, v := range e.form.Drafts() {
		if kept == nil {
			kept = map[string]string{}
		}
		kept[k] = v
	}
	if len(kept) == 0 {
		delete(e.c.requirementDrafts, e.sess.ID)
		return
	}
	if e.c.requirementDrafts == nil {
		e.c.requirementDrafts = map[int64]map[string]string{}
	}
	e.c.requirementDrafts[e.sess.ID] = kept
}

// rebuild shows the requirements as they are in memory after a change made
// elsewhere, or put back after a conflict, keeping the field in focus. The drafts
// are those kept at the last change, less any a what-if adopted a figure over.
func (e *reqEditor) rebuild() tea.Cmd {
	focus := e.form.Focused()
	e.build()
	return refocus(e.form.Form, focus, e.form.Keys())
}

// view is the form in fw×fh cells, its last line saying what does not read: the
// message of the field in focus, or how many do not.
func (e *reqEditor) view(fw, fh int) string {
	return formWithErrors(e.c, e.form.View(), e.errs, e.form.Focused(), fw, fh)
}

// formWithErrors is a requirements form in fw×fh cells, its last line saying what
// does not read: the message of the field in focus, or how many fields do not.
func formWithErrors(c *Common, form string, errs map[string]string, focused string, fw, fh int) string {
	st := c.Styles
	if msg := errs[focused]; msg != "" {
		form = fit(form, fw, fh-1) + "\n" + st.Error.Render(truncate("✗ "+msg, fw))
	} else if len(errs) > 0 {
		form = fit(form, fw, fh-1) + "\n" + st.Error.Render(truncate(fmt.Sprintf(c.Lang.Pick("✗ %d 项无效,保留上次的有效值", "✗ %d fields are not valid; their last good value is kept"), len(errs)), fw))
	}
	return fit(form, fw, fh)
}

// saveRequirements takes into the session in memory the fields named by keys whose
// value in live differs from it, and queues each for saving on its own: the one way
// the screens change requirements. It reports whether any field changed.
func saveRequirements(c *Common, sess *db.Session, live rubric.Requirements, keys []string) bool {
	all := db.ChangedRequirements(sess.Requirements, live)
	fields := slices.DeleteFunc(slices.Clone(all), func(f string) bool { return !slices.Contains(keys, f) })
	if len(fields) == 0 {
		return false
	}
	if len(fields) == len(all) {
		sess.Requirements = live
	} else {
		// live holds other fields as they were when its form was built: only the
		// form's own are taken.
		for _, f := range fields {
			sess.Requirements = db.CopyRequirement(sess.Requirements, f, live)
		}
	}
	for _, f := range fields {
		c.Saver.SaveRequirement(sess.ID, f, requirementLabel(c, f), sess.Requirements)
	}
	return true
}

// requirementsScreen is step 1: the company's needs. A change is saved and re-scores
// every vendor at once; the panel beside the form shows the new totals.
type requirementsScreen struct {
	reqEditor
	// cards are the vendors' scores under the requirements shown; they change only
	// when the requirements do, not on every frame.
	cards []rubric.Scorecard
	w, h  int
	// done is set when the screen has asked to close, so that it closes once.
	done bool
	keys requirementsKeys
}

func newRequirementsScreen(c *Common, sess *db.Session) *requirementsScreen {
	r := &requirementsScreen{reqEditor: reqEditor{c: c, sess: sess, newForm: wizard.NewRequirements}}
	c.Saver.Know(sess)
	r.build()
	r.rescore()
	r.keys = c.keys().Requirements
	return r
}

func (r *requirementsScreen) Init() tea.Cmd { return r.form.Form.Init() }
func (r *requirementsScreen) Title() string {
	return r.c.Lang.Pick("需求(步骤 1)", "Requirements (step 1)")
}
func (r *requirementsScreen) Typing() bool { return r.form.Typing() }

func (r *requirementsScreen) SetSize(w, h int) {
	r.w, r.h = w, h
	r.resize(r.formSize())
}

func (r *requirementsScreen) formSize() (int, int) {
	if r.w >= wideLayout {
		return min(r.w-panelWidth-3, maxFormWidth), max(3, r.h-3)
	}
	return r.w, max(3, r.h-3)
}

func (r *requirementsScreen) ShortHelp() []key.Binding {
	return []key.Binding{r.keys.Field, r.keys.Back}
}
func (r *requirementsScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{r.keys.Field, r.keys.Back}, r.form.Form.KeyBinds()}
}

func (r *requirementsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if r.done {
		return r, nil
	}
	if m, ok := msg.(sessionMergedMsg); ok {
		return r, r.merged(m)
	}
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, r.keys.Back) {
		r.collect()
		r.done = true
		return r, r.c.pop()
	}
	cmd, changed, done := r.update(msg)
	if changed {
		r.rescore()
	}
	if done {
		r.done = true
		return r, r.c.pop()
	}
	return r, cmd
}

// requirementLabel names a field of the requirements in the user's language.
func requirementLabel(c *Common, field string) string {
	if fd, ok := rubric.RequirementFieldByID(field); ok {
		return fd.Prompt.In(c.Lang)
	}
	return field
}

// merged shows the requirements as they are in memory after a change made
// elsewhere, or put back after a conflict, keeping the field in focus.
func (r *requirementsScreen) merged(m sessionMergedMsg) tea.Cmd {
	r.rescore()
	if !m.requirements {
		return nil
	}
	return r.rebuild()
}

// rescore scores every vendor under the requirements in memory.
func (r *requirementsScreen) rescore() {
	r.cards = scoreAll(r.sess, r.cards)
}

// scoreAll scores every vendor of sess under its requirements, as the panel judges
// it (judge), into cards' room.
func scoreAll(sess *db.Session, cards []rubric.Scorecard) []rubric.Scorecard {
	return scoreJudged(sess, judge(sess), cards)
}

// scoreJudged scores the vendors j judges under the session's requirements and
// profile, into cards' room.
func scoreJudged(sess *db.Session, j judged, cards []rubric.Scorecard) []rubric.Scorecard {
	cards = cards[:0]
	for _, v := range j.vendors {
		cards = append(cards, rubric.ScoreVendor(sess.Requirements, v, sess.Profile))
	}
	return cards
}

func (r *requirementsScreen) View() string {
	c, st := r.c, r.c.Styles
	fw, fh := r.formSize()
	title := st.Header.Render(c.Lang.Pick("步骤 1/7 · 明确核心需求", "Step 1 of 7 · Requirements")) +
		st.Faint.Render(c.Lang.Pick("  修改即保存,并重新给所有服务商打分", "  saved as you go; every vendor is re-scored"))
	form := r.view(fw, fh)
	if r.w < wideLayout {
		return title + "\n\n" + form
	}
	panel := st.Panel.Width(panelWidth - 2).Render(fit(strings.Join(r.vendorLines(panelWidth-4), "\n"), panelWidth-4, fh-2))
	return title + "\n\n" + lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(fw+1).Render(form), " ", panel)
}

// vendorLines shows every vendor's total under the requirements as they stand now.
func (r *requirementsScreen) vendorLines(w int) []string {
	c, st := r.c, r.c.Styles
	out := []string{st.PanelTitle.Render(c.Lang.Pick("服务商得分(实时)", "Vendor totals (live)"))}
	if len(r.sess.Vendors) == 0 {
		return append(out, st.Faint.Render(c.Lang.Pick("尚无服务商", "no vendors yet")))
	}
	for i, v := range r.sess.Vendors {
		card := r.cards[i]
		total := rubric.FormatNumber(card.Total)
		if card.Band == rubric.Incomplete {
			// Not a verdict yet: where it stands and what it could reach.
			total += c.Lang.Pick(",", ", ") + rubric.UpToWords(card.Potential, c.Lang)
		}
		tw := max(6, width(total)+1)
		out = append(out, pad(v.Name, w-tw)+padLeft(total, tw))
		out = append(out, "  "+bandWord(c, card.Band))
	}
	if r.sess.Requirements.Regulated() && r.sess.Profile.Name == "default" {
		out = append(out, "", st.Warn.Render(truncate(c.Lang.Pick("强监管行业:可在对比页改用强监管权重", "regulated: consider the regulated weights"), w)))
	}
	return out
}
