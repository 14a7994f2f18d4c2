package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// requirementsScreen is step 1: the company's needs. A change is saved and re-scores
// every vendor at once; the panel beside the form shows the new totals.
type requirementsScreen struct {
	c    *Common
	sess *db.Session
	form *wizard.Requirements
	errs map[string]string
	// cards are the vendors' scores under the requirements shown; they change only
	// when the requirements do, not on every frame.
	cards []rubric.Scorecard
	w, h  int
	// done is set when the screen has asked to close, so that it closes once.
	done bool
	keys requirementsKeys
}

func newRequirementsScreen(c *Common, sess *db.Session) *requirementsScreen {
	r := &requirementsScreen{c: c, sess: sess}
	c.Saver.Know(sess)
	r.form = wizard.NewRequirements(c.Lang, sess.Requirements, c.requirementDrafts[sess.ID])
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
	fw, fh := r.formSize()
	r.form.Resize(fw, fh)
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
	var cmd tea.Cmd
	r.form.Form, cmd = wizard.Update(r.form.Form, msg)
	r.collect()
	if r.form.Form.State == huh.StateCompleted {
		r.done = true
		return r, r.c.pop()
	}
	return r, cmd
}

// keepDrafts keeps the numbers that do not read yet for as long as the program
// runs, so that leaving step 1 and coming back shows them as typed.
func (r *requirementsScreen) keepDrafts() {
	drafts := r.form.Drafts()
	if len(drafts) == 0 {
		delete(r.c.requirementDrafts, r.sess.ID)
		return
	}
	if r.c.requirementDrafts == nil {
		r.c.requirementDrafts = map[int64]map[string]string{}
	}
	r.c.requirementDrafts[r.sess.ID] = drafts
}

// collect saves every field of the requirements that the form shows changed, each
// on its own: two windows changing different fields both keep their change.
func (r *requirementsScreen) collect() {
	live, errs := r.form.Live()
	r.errs = errs
	r.keepDrafts()
	fields := db.ChangedRequirements(r.sess.Requirements, live)
	if len(fields) == 0 {
		return
	}
	r.sess.Requirements = live
	r.rescore()
	for _, f := range fields {
		r.c.Saver.SaveRequirement(r.sess.ID, f, requirementLabel(r.c, f), live)
	}
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
	focus := r.form.Focused()
	r.form = wizard.NewRequirements(r.c.Lang, r.sess.Requirements, r.form.Drafts())
	if r.w > 0 {
		r.SetSize(r.w, r.h)
	}
	return refocus(r.form.Form, focus, rubric.RequirementFieldIDs())
}

// rescore scores every vendor under the requirements in memory.
func (r *requirementsScreen) rescore() {
	r.cards = r.cards[:0]
	for _, v := range r.sess.Vendors {
		r.cards = append(r.cards, rubric.ScoreVendor(r.sess.Requirements, v.Vendor, r.sess.Profile))
	}
}

func (r *requirementsScreen) View() string {
	c, st := r.c, r.c.Styles
	fw, fh := r.formSize()
	title := st.Header.Render(c.Lang.Pick("步骤 1/7 · 明确核心需求", "Step 1 of 7 · Requirements")) +
		st.Faint.Render(c.Lang.Pick("  修改即保存,并重新给所有服务商打分", "  saved as you go; every vendor is re-scored"))
	form := r.form.View()
	if msg := r.errs[r.form.Focused()]; msg != "" {
		form = fit(form, fw, fh-1) + "\n" + st.Error.Render("✗ "+msg)
	} else if len(r.errs) > 0 {
		var keys []string
		for k := range r.errs {
			keys = append(keys, k)
		}
		form = fit(form, fw, fh-1) + "\n" + st.Error.Render(fmt.Sprintf(c.Lang.Pick("✗ %d 项无效,保留上次的有效值", "✗ %d fields are not valid; their last good value is kept"), len(keys)))
	}
	form = fit(form, fw, fh)
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
