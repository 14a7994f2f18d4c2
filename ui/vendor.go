package ui

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// wideLayout is the width from which the live scorecard stands beside the form;
// below it the scorecard shrinks to one line above the form.
const wideLayout = 96

// maxFormWidth keeps questions and their answers close together on wide terminals.
const maxFormWidth = 90

// vendorScreen is the wizard of one vendor: steps 2–7 as forms, the live scorecard
// beside them. Every change is queued for saving the moment it shows on screen.
type vendorScreen struct {
	c    *Common
	sess *db.Session
	vi   int // index of the vendor in sess.Vendors
	step int
	form *wizard.Step
	card rubric.Scorecard
	// drafts are number fields whose text does not parse yet, kept per question so
	// that moving between steps does not lose them.
	drafts map[string]string
	errs   map[string]string
	// leaving is set once the screen asked to close, so that it closes once.
	leaving bool
	// showCard puts the whole scorecard in place of the form on a narrow terminal.
	showCard bool
	// place is where the evaluator was last saved to be.
	place stepField
	panel panelCache
	w, h  int
	keys  vendorKeys

	// scored counts rescores: what is drawn from the scorecard and the answers is
	// drawn again only after one.
	scored int
	tabs   struct {
		scored, step, w int
		s               string
	}
}

func newVendorScreen(c *Common, sess *db.Session, vi, step int) *vendorScreen {
	v := &vendorScreen{c: c, sess: sess, vi: vi, step: step, drafts: map[string]string{}}
	maps.Copy(v.drafts, sess.Vendors[vi].Drafts)
	if v.step < 2 || v.step > 7 {
		v.step = 2
	}
	v.keys = c.keys().Vendor
	c.Saver.Know(sess)
	v.build()
	return v
}

func (v *vendorScreen) vendor() *db.Vendor { return &v.sess.Vendors[v.vi] }

// focus moves to a question of the step, as the evaluator left it. A question that
// no longer applies is passed over by the form, and looking for it would run past
// the last field: the focus then stays on the first.
func (v *vendorScreen) focus(questionID string) {
	if q, ok := rubric.QuestionByID(questionID); !ok || !q.Moot(v.sess.Requirements) && !q.Unused(v.vendor().Answers) {
		for range rubric.StepQuestions(v.step) {
			if v.form.Focused() == questionID {
				break
			}
			v.form.Form.NextField()
		}
	}
	v.place = stepField{v.step, v.form.Focused()}
}

// placeKey names, in the saver, the save of where the evaluator is in a vendor.
func placeKey(vendorID int64) string { return fmt.Sprintf("place/%d", vendorID) }

// stepField is a field of a step: where the evaluator is.
type stepField struct {
	step     int
	question string
}

// keepPlace queues a save of where the evaluator is when it moved, so that the
// vendor reopens there.
func (v *vendorScreen) keepPlace() {
	here := stepField{v.step, v.form.Focused()}
	if here == v.place || here.question == "" {
		return
	}
	v.place = here
	id := v.vendor().ID
	v.c.Saver.Save(placeKey(id), v.c.Lang.Pick("所在问题", "where you were"),
		func(ctx context.Context, s *db.Store) error { return s.SavePlace(ctx, id, here.step, here.question) })
}

// build makes the form of the current step from the answers in memory.
func (v *vendorScreen) build() {
	vd := v.vendor()
	v.form = wizard.NewStep(v.step, v.c.Lang, v.sess.Requirements, vd.Answers, vd.Notes[v.step], v.drafts, wizard.WithTheme(v.c.Theme))
	v.resizeForm()
	v.rescore()
}

func (v *vendorScreen) Init() tea.Cmd { return v.form.Form.Init() }

func (v *vendorScreen) Title() string { return v.vendor().Name }

func (v *vendorScreen) Typing() bool { return v.form.Typing() }

func (v *vendorScreen) SetSize(w, h int) {
	v.w, v.h = w, h
	v.resizeForm()
}

// formSize is the room left for the form by the header and the scorecard.
func (v *vendorScreen) formSize() (int, int) {
	headerLines := 3
	if v.w >= wideLayout {
		// Past a comfortable reading width the form only pushes the panel away.
		return min(v.w-panelWidth-3, maxFormWidth), max(3, v.h-headerLines)
	}
	// Narrow: the summary line above, a rule and the reasons below.
	return v.w, max(3, v.h-headerLines-1-1-narrowReasonLines)
}

func (v *vendorScreen) resizeForm() {
	if v.w == 0 {
		return
	}
	w, h := v.formSize()
	v.form.Resize(w, h)
}

// narrow is true when the scorecard does not fit beside the form.
func (v *vendorScreen) narrow() bool { return v.w < wideLayout }

// ShortHelp puts the keys used most while a vendor talks first: the help line leaves
// out, whole, what does not fit.
func (v *vendorScreen) ShortHelp() []key.Binding {
	var b []key.Binding
	if _, _, ok := v.form.FocusedTri(); ok {
		b = append(b, v.keys.Yes)
	}
	b = append(b, v.keys.Field, v.keys.Steps, v.keys.Followup)
	if v.narrow() {
		b = append(b, v.keys.Card)
	}
	b = append(b, v.keys.Back)
	if len(panelNames(v.sess)) > 1 {
		// A panel's keys, when there is a panel: after the others, as the help
		// line leaves out whole what does not fit.
		b = append(b, v.keys.Submit, v.keys.Panel)
	}
	return b
}

func (v *vendorScreen) FullHelp() [][]key.Binding {
	b := [][]key.Binding{
		{v.keys.Field, v.keys.Next, v.keys.Prev, v.keys.Jump, v.keys.Back},
		{v.keys.Yes, v.keys.Followup, v.keys.Evidence},
		{v.keys.Submit, v.keys.Panel},
	}
	if v.narrow() {
		b[1] = append(b[1], v.keys.Card)
	}
	return append(b, v.form.Form.KeyBinds())
}

func (v *vendorScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if v.leaving {
		return v, nil
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if cmd, done := v.key(msg); done {
			if !v.leaving {
				v.keepPlace()
			}
			return v, cmd
		}
	case reloadMsg:
		// Back from the requirements: what applies and every score may have changed.
		v.build()
		return v, v.form.Form.Init()
	case sessionMergedMsg:
		return v, v.merged(msg)
	case SavedMsg:
		// A finished write changes nothing in the form (the status line shows it);
		// passing it through the form redrew every field, half a millisecond a save.
		return v, nil
	}
	var cmd tea.Cmd
	v.form.Form, cmd = wizard.Update(v.form.Form, msg)
	v.collect()
	if v.form.Form.State == huh.StateCompleted {
		return v, v.goTo(v.step + 1)
	}
	v.keepPlace()
	return v, cmd
}

// key handles the wizard's own keys; done is false when the form should get the key.
func (v *vendorScreen) key(k tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, v.keys.Card) && v.narrow():
		v.showCard = !v.showCard
		return nil, true
	case v.showCard && key.Matches(k, v.keys.Back):
		v.showCard = false
		return nil, true
	case key.Matches(k, v.keys.Back):
		v.collect()
		v.leaving = true
		return v.c.pop(), true
	case key.Matches(k, v.keys.Next):
		return v.goTo(v.step + 1), true
	case key.Matches(k, v.keys.Prev):
		return v.goTo(v.step - 1), true
	case key.Matches(k, v.keys.Jump):
		return v.goTo(int(k.Runes[0] - '0')), true
	case key.Matches(k, v.keys.Followup):
		return v.followup(), true
	case key.Matches(k, v.keys.Evidence):
		return v.evidence(), true
	case key.Matches(k, v.keys.Submit):
		v.collect()
		return v.submit(), true
	case key.Matches(k, v.keys.Panel):
		v.collect()
		return v.c.push(newPanelScreen(v.c, v.sess, v.vendor().ID)), true
	}
	// Any other key works on the form, which is then shown again.
	v.showCard = false
	if v.form.Typing() {
		return nil, false
	}
	// Outside text fields y/n/u answer the focused yes/no question and move on: as
	// fast as the vendor talks. Steps change only by keys no field takes as text
	// (pgup/pgdn, alt+digit): a bare digit typed for "go to step 6" while a number
	// field has the focus would change the answer instead.
	if _, cur, ok := v.form.FocusedTri(); ok {
		var want rubric.Tri
		switch k.String() {
		case "y", "Y":
			want = rubric.Yes
		case "n", "N":
			want = rubric.No
		case "u", "U", "?":
			want = rubric.Unknown
		default:
			return nil, false
		}
		return v.setTri(cur, want), true
	}
	return nil, false
}

// setTri moves the focused inline select to want by sending it arrow keys, the only
// way to change an embedded select's own cursor (each one sets the bound value),
// then moves to the next question. The keys go to the field alone and the focus
// moves at once: through the form, each key redrew the step and the move came as
// a second message, a second frame for one answer.
func (v *vendorScreen) setTri(cur, want rubric.Tri) tea.Cmd {
	from, to := wizard.TriIndex(cur), wizard.TriIndex(want)
	dir := tea.KeyRight
	if to < from {
		dir = tea.KeyLeft
	}
	field := v.form.Form.GetFocusedField()
	var cmds []tea.Cmd
	for i := 0; i < abs(to-from); i++ {
		_, cmd := field.Update(tea.KeyMsg{Type: dir})
		cmds = append(cmds, cmd)
	}
	cmds = append(cmds, v.form.Form.NextField())
	v.collect()
	return tea.Batch(cmds...)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// goTo collects what is on screen and shows another step; past step 7 it returns to
// the session.
func (v *vendorScreen) goTo(step int) tea.Cmd {
	v.collect()
	if step == 1 {
		// Step 1 belongs to the session; it comes back here when closed.
		return v.c.push(newRequirementsScreen(v.c, v.sess))
	}
	if step > 7 {
		v.leaving = true
		// In sequence: the message belongs to the session screen, shown after the pop.
		return tea.Sequence(v.c.pop(), info(fmt.Sprintf(v.c.Lang.Pick("「%s」已走完全部步骤", "“%s”: all steps visited"), v.vendor().Name)))
	}
	if step < 2 {
		step = 2
	}
	if step == v.step {
		return nil
	}
	v.step = step
	v.build()
	return v.form.Form.Init()
}

// collect compares what the form shows with what is in memory, queues a save for
// every difference and re-scores. It runs after every message, so the scorecard
// moves while the user toggles a choice or types a number.
func (v *vendorScreen) collect() {
	vd := v.vendor()
	live := v.form.Live()
	changed := false
	for _, q := range rubric.StepQuestions(v.step) {
		now, known := live.Answers[q.ID]
		before, had := vd.Answers[q.ID]
		if known != (had && vd.Answers.Known(q)) || (known && !sameValue(q, now, before)) {
			changed = true
			label := q.Label.In(v.c.Lang)
			if known {
				vd.Answers[q.ID] = now
				val := now
				v.c.Saver.SaveAnswer(vd.ID, q.ID, label, &val)
			} else {
				delete(vd.Answers, q.ID)
				v.c.Saver.SaveAnswer(vd.ID, q.ID, label, nil)
			}
		}
		// A number that does not read is kept as typed, so that not even "12a" is
		// lost, and counts as unanswered until it reads.
		if text, invalid := live.Invalid[q.ID]; invalid {
			if v.drafts[q.ID] != text {
				v.drafts[q.ID] = text
				v.saveDraft(q, text)
			}
		} else if _, had := v.drafts[q.ID]; had {
			delete(v.drafts, q.ID)
			v.saveDraft(q, "")
		}
	}
	v.errs = live.Errors
	if vd.Notes == nil {
		vd.Notes = map[int]string{}
	}
	if live.Note != vd.Notes[v.step] {
		vd.Notes[v.step] = live.Note
		v.c.Saver.SaveNote(vd.ID, v.step, v.c.Lang.Pick("备注", "notes"), live.Note)
	}
	// Only answers move the score: blinks and focus moves do not re-score.
	if changed {
		v.rescore()
	}
}

// saveDraft queues the text of a number field that does not parse ("" forgets it).
func (v *vendorScreen) saveDraft(q rubric.Question, text string) {
	id := v.vendor().ID
	v.c.Saver.Save(fmt.Sprintf("d/%d/%s", id, q.ID), q.Label.In(v.c.Lang),
		func(ctx context.Context, s *db.Store) error { return s.SaveDraft(ctx, id, q.ID, text) })
}

func sameValue(q rubric.Question, a, b rubric.Value) bool {
	return string(q.Encode(a)) == string(q.Encode(b))
}

func (v *vendorScreen) rescore() {
	v.card = rubric.ScoreVendor(v.sess.Requirements, v.vendor().Vendor, v.sess.Profile)
	v.scored++
}

func (v *vendorScreen) View() string {
	c, st := v.c, v.c.Styles
	if t := &v.tabs; t.s == "" || t.scored != v.scored || t.step != v.step || t.w != v.w {
		t.scored, t.step, t.w, t.s = v.scored, v.step, v.w, v.stepTabs()
	}
	header := v.tabs.s
	stepTitle := fmt.Sprintf(c.Lang.Pick("步骤 %d/7 · %s", "Step %d of 7 · %s"), v.step, rubric.StepName(v.step, c.Lang))
	answered, applicable := rubric.StepProgress(v.step, v.sess.Requirements, v.vendor().Answers)
	stepTitle = st.Header.Render(stepTitle) + st.Faint.Render(fmt.Sprintf(c.Lang.Pick("  已答 %d/%d", "  answered %d/%d"), answered, applicable))
	fw, fh := v.formSize()
	// Lines about the focused question, under the form, which gives up room for them.
	var under []string
	for _, line := range []string{v.followupLine(fw), v.evidenceLine(fw)} {
		if line != "" {
			under = append(under, line)
		}
	}
	if msg := v.errs[v.form.Focused()]; msg != "" {
		under = append(under, st.Error.Render("✗ "+msg))
	} else if len(v.errs) > 0 {
		under = append(under, st.Error.Render(fmt.Sprintf(c.Lang.Pick("✗ %d 项数字无效,未保存", "✗ %d numbers are not valid and not saved"), len(v.errs))))
	}
	formView := v.form.View()
	if len(under) > 0 {
		formView = fit(formView, fw, max(0, fh-len(under))) + "\n" + strings.Join(under, "\n")
	}
	formView = fit(formView, fw, fh)
	if v.w >= wideLayout {
		focusItem := ""
		if q, ok := rubric.QuestionByID(v.form.Focused()); ok {
			focusItem = q.Item
		}
		panel := v.panel.draw(c, panelKey{v.scored, focusItem, fh}, func() string {
			lines := scoreLines(c, v.card, focusItem, panelWidth-4)
			if title := v.cardTitle(); title != "" {
				lines[0] = st.PanelTitle.Render(truncate(title, panelWidth-4))
			}
			return fit(strings.Join(lines, "\n"), panelWidth-4, fh-2)
		})
		body := besidePanel(formView, fw+1, panel)
		return header + "\n" + stepTitle + "\n\n" + body
	}
	focusItem := ""
	if q, ok := rubric.QuestionByID(v.form.Focused()); ok {
		focusItem = q.Item
	}
	summary := scoreSummary(c, v.card, v.w)
	if title := v.cardTitle(); title != "" {
		// Whose score it is, before the score itself.
		tag := st.PanelTitle.Render(title) + " · "
		summary = tag + scoreSummary(c, v.card, max(10, v.w-width(tag)))
	}
	if v.showCard {
		card := scoreLines(c, v.card, focusItem, v.w)
		return header + "\n" + summary + "\n" + fit(strings.Join(card, "\n"), v.w, max(1, v.h-2))
	}
	rule := st.Faint.Render(strings.Repeat("─", v.w))
	reasons := reasonLines(c, v.card, focusItem, v.w, narrowReasonLines, v.keys.Card.Help().Key+" "+v.keys.Card.Help().Desc)
	return header + "\n" + summary + "\n" + stepTitle + "\n\n" + formView + "\n" + rule + "\n" + strings.Join(reasons, "\n")
}

// stepTabs shows the seven steps with what is done: ✓ all answered, ◐ some, · none;
// the current step is bracketed so it reads without colour.
func (v *vendorScreen) stepTabs() string {
	c, st := v.c, v.c.Styles
	var parts []string
	if len(v.sess.Requirements.Channels) > 0 && v.sess.Requirements.Industry != "" {
		parts = append(parts, st.StepDone.Render("1✓"))
	} else {
		parts = append(parts, st.StepOpen.Render("1◐"))
	}
	for n := 2; n <= 7; n++ {
		a, app := rubric.StepProgress(n, v.sess.Requirements, v.vendor().Answers)
		mark := "·"
		style := st.StepOpen
		switch {
		case app > 0 && a == app:
			mark, style = "✓", st.StepDone
		case a > 0:
			mark = "◐"
		}
		label := fmt.Sprintf("%d%s", n, mark)
		if n == v.step {
			label = st.StepActive.Render(fmt.Sprintf("[%d %s]", n, rubric.StepName(n, c.Lang)))
		} else {
			label = style.Render(label)
		}
		parts = append(parts, label)
	}
	return truncate(strings.Join(parts, " "), v.w)
}

// cardTitle says whose the live scorecard is when a panel evaluates the vendor: the
// evaluator's own answers, blind until they submit in blind review. "" for a panel
// of one, whose score it simply is.
func (v *vendorScreen) cardTitle() string {
	c := v.c
	switch {
	case v.sess.Blinded(v.vendor()):
		return c.Lang.Pick("你的评分,提交前盲评", "Your score, blind until you submit")
	case len(panelNames(v.sess)) > 1:
		return c.Lang.Pick("你的评分", "Your score")
	}
	return ""
}

// submit asks, then marks the vendor submitted by the acting evaluator: their
// evaluation of it is done, and in blind review they then see the panel's.
func (v *vendorScreen) submit() tea.Cmd {
	c := v.c
	vd := v.vendor()
	if vd.Submitted[v.sess.Acting] {
		return info(fmt.Sprintf(c.Lang.Pick("你已提交过「%s」的评估", "You have submitted your evaluation of “%s” already"), vd.Name))
	}
	id, sess, name := vd.ID, v.sess, vd.Name
	question := fmt.Sprintf(c.Lang.Pick("提交你对「%s」的评估?提交后仍可修改答案;盲评时,提交后即可看到其他评估人的答案。",
		"Submit your evaluation of “%s”? You can still change your answers afterwards; in blind review you then see the other evaluators' answers."), name)
	title := c.Lang.Pick("提交评估", "Submit evaluation")
	return c.push(newConfirmScreen(c, title, question, func() tea.Cmd {
		return c.write(title, func(ctx context.Context, st *db.Store) error {
			return st.Submit(ctx, id)
		}, func() tea.Cmd {
			if x := findVendor(sess, id); x != nil {
				if x.Submitted == nil {
					x.Submitted = map[string]bool{}
				}
				x.Submitted[sess.Acting] = true
			}
			v.rescore()
			return info(fmt.Sprintf(c.Lang.Pick("已提交「%s」的评估", "Submitted your evaluation of “%s”"), name))
		})
	}))
}
