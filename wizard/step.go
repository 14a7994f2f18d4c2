package wizard

import (
	"slices"

	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// NoteKey is the field key of a step's notes / evidence field.
const NoteKey = "__note"

// TypingMark marks the number field in focus, whose keys are text: the evaluator
// sees on the field itself that a digit typed now goes into it. (A note in focus
// shows its text area and cursor, and no key there is ever a command.)
const TypingMark = " ✎ "

// NoteLimit bounds a note so that a paste of a whole contract cannot freeze the form.
const NoteLimit = 100_000

// Step is the form of one vendor step (2–7). Its bound values live on the heap and
// change on every keystroke, so the live scorecard can be computed while the
// evaluator moves through a field.
type Step struct {
	N int
	// sizedForm holds the form (Form) and draws it (Resize, View).
	sizedForm
	lang rubric.Lang

	tri     map[string]*rubric.Tri
	numText map[string]*string
	choice  map[string]*string
	set     map[string]*[]string
	note    *string
	// order is the question ids in form order, to map a focused field to its question.
	order []string
}

// NewStep builds the form of step n for a vendor's current answers and note. drafts
// holds number fields whose text did not parse yet ("12a"): they come back as typed.
func NewStep(n int, lang rubric.Lang, req rubric.Requirements, answers rubric.Answers, note string, drafts map[string]string, opts ...Option) *Step {
	s := &Step{
		N: n, lang: lang,
		tri: map[string]*rubric.Tri{}, numText: map[string]*string{},
		choice: map[string]*string{}, set: map[string]*[]string{},
		note: new(string),
	}
	*s.note = note
	var fields []huh.Field
	for _, q := range rubric.StepQuestions(n) {
		// A question that does not apply here stays in sight, marked so, but is
		// passed over: tab, enter and a y/n answer go on to the next that does.
		wrap := cached
		switch {
		case q.Moot(req):
			wrap = skipped
		case len(q.Models) > 0:
			// A price of a billing model not ticked is passed over, as the
			// models are ticked and unticked above it.
			wrap = skippedWhen(func() bool { return q.Unused(s.priceAnswers(q.ID)) })
		}
		fields = append(fields, wrap(s.field(q, req, answers, drafts)))
		s.order = append(s.order, q.ID)
	}
	fields = append(fields, cached(newNote(NoteKey,
		lang.Pick("证据/备注", "Evidence / notes"),
		lang.Pick("证据、承诺原话、待核实事项…", "evidence, the vendor's own words, what to verify…"),
		s.note)))
	s.fields = fields
	s.Form = newForm(lang, fields, opts)
	return s
}

// priceAnswers are what says whether a price is asked for, as the form holds them
// now: the billing models ticked and whether the price itself was given.
func (s *Step) priceAnswers(priceID string) rubric.Answers {
	a := rubric.Answers{}
	if models, ok := s.set["billing_models"]; ok {
		a["billing_models"] = rubric.Value{Set: *models}
	}
	if text, ok := s.numText[priceID]; ok && *text != "" {
		a[priceID] = rubric.Value{} // given, whatever it reads as
	}
	return a
}

// Option is a choice in how a form is built.
type Option func(*formOptions)

type formOptions struct{ theme *huh.Theme }

// WithTheme draws the form in t (ThemeFor a terminal's renderer) instead of Theme().
func WithTheme(t *huh.Theme) Option { return func(o *formOptions) { o.theme = t } }

// newForm puts fields in one group with our theme and keys and without huh's help
// and error lines, which the screens draw themselves.
func newForm(lang rubric.Lang, fields []huh.Field, opts []Option) *huh.Form {
	var o formOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.theme == nil {
		o.theme = Theme()
	}
	return huh.NewForm(huh.NewGroup(fields...)).
		WithTheme(o.theme).
		WithKeyMap(KeyMapIn(lang)).
		WithShowHelp(false).
		WithShowErrors(false)
}

// title puts the question's label, its unit and whether it matters here on one line.
func title(q rubric.Question, req rubric.Requirements, lang rubric.Lang) string {
	t := q.Label.In(lang)
	if q.Item != "" {
		t = q.Item + " " + t
	}
	if q.Kind == rubric.KindNumber && q.Unit.In(lang) != "" {
		t += " (" + q.Unit.In(lang) + ")"
	}
	if q.Moot(req) {
		t += lang.Pick(" · 本次不适用", " · not applicable here")
	}
	return t
}

func (s *Step) field(q rubric.Question, req rubric.Requirements, answers rubric.Answers, drafts map[string]string) huh.Field {
	lang := s.lang
	desc := q.Help.In(lang)
	switch q.Kind {
	case rubric.KindTri:
		v := new(rubric.Tri)
		*v = answers.Tri(q.ID)
		s.tri[q.ID] = v
		return huh.NewSelect[rubric.Tri]().Key(q.ID).
			Title(title(q, req, lang)).Description(desc).Inline(true).
			Options(TriOptions(lang)...).
			Value(v)
	case rubric.KindNumber:
		v := new(string)
		if n, ok := answers.Num(q.ID); ok {
			*v = rubric.FormatNumber(n)
		}
		if d, ok := drafts[q.ID]; ok {
			*v = d
		}
		s.numText[q.ID] = v
		n := newNumber(q.ID, title(q, req, lang), lang.Pick("未知", "unknown"), v, lang, q.NumberSpec().Read)
		n.description = desc
		return n
	case rubric.KindChoice:
		v := new(string)
		*v, _ = answers.Str(q.ID)
		s.choice[q.ID] = v
		opts := []huh.Option[string]{huh.NewOption(lang.Pick("? 未知", "? unknown"), "")}
		for _, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label.In(lang), o.Value))
		}
		return huh.NewSelect[string]().Key(q.ID).
			Title(title(q, req, lang)).Description(desc).Inline(true).
			Options(opts...).Value(v)
	default: // KindSet
		v := new([]string)
		*v, _ = answers.Set(q.ID)
		*v = slices.Clone(*v)
		s.set[q.ID] = v
		opts := make([]huh.Option[string], 0, len(q.Options))
		for _, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label.In(lang), o.Value).Selected(slices.Contains(*v, o.Value)))
		}
		if q.ID == "hidden_fees" {
			desc = lang.Pick("仅在“已核查隐性收费”为“是”时计分;都不选即为无", "counted once the fees were reviewed; none ticked means none found")
		}
		return huh.NewMultiSelect[string]().Key(q.ID).
			Title(title(q, req, lang)).Description(desc).
			Options(opts...).Value(v)
	}
}

// TriOptions are the three states of a yes/no question; unknown comes first because
// it is where every question starts.
func TriOptions(lang rubric.Lang) []huh.Option[rubric.Tri] {
	return []huh.Option[rubric.Tri]{
		huh.NewOption(lang.Pick("? 未知", "? unknown"), rubric.Unknown),
		huh.NewOption(lang.Pick("✓ 是", "✓ yes"), rubric.Yes),
		huh.NewOption(lang.Pick("✗ 否", "✗ no"), rubric.No),
	}
}

// userError is a validation message already in the user's language.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

// Live is what the form shows right now: the answers that parse, the number fields
// whose text does not (yet), and the note.
type Live struct {
	Answers rubric.Answers // only this step's questions; unknown ones absent
	Invalid map[string]string
	Errors  map[string]string // question id → message in the user's language
	Note    string
}

// Live reads the bound values. It never fails: a number that does not read is
// reported in Invalid, as typed, and left out of Answers, so it never reaches the
// scorer as a number.
func (s *Step) Live() Live {
	l := Live{Answers: rubric.Answers{}, Invalid: map[string]string{}, Errors: map[string]string{}, Note: *s.note}
	for id, v := range s.tri {
		if *v != rubric.Unknown {
			l.Answers[id] = rubric.Value{Tri: *v}
		}
	}
	for id, v := range s.numText {
		q, _ := rubric.QuestionByID(id)
		n, known, err := q.ParseNumber(*v)
		switch {
		case err != nil:
			l.Invalid[id] = *v
			l.Errors[id] = err.Message.In(s.lang)
		case known:
			l.Answers[id] = rubric.Value{Num: n}
		}
	}
	for id, v := range s.choice {
		if *v != "" {
			l.Answers[id] = rubric.Value{Str: *v}
		}
	}
	for id, v := range s.set {
		q, _ := rubric.QuestionByID(id)
		// A set is answered once something is ticked; the hidden-fee list is a
		// detail of its review, where nothing ticked means none found.
		if len(*v) > 0 || q.Detail {
			l.Answers[id] = rubric.Value{Set: orderedSet(*v, q.Options)}
		}
	}
	return l
}

// orderedSet returns the chosen values in the options' order, so that the same choice
// is always stored the same way.
func orderedSet(chosen []string, opts rubric.Options) []string {
	out := make([]string, 0, len(chosen))
	for _, o := range opts {
		if slices.Contains(chosen, o.Value) {
			out = append(out, o.Value)
		}
	}
	return out
}

// Focused returns the question id of the focused field, or NoteKey.
func (s *Step) Focused() string {
	if f := s.Form.GetFocusedField(); f != nil {
		return f.GetKey()
	}
	return ""
}

// Typing reports whether the focused field takes free text, so that letters typed
// there are text and not commands.
func (s *Step) Typing() bool {
	return takesText(s.Form.GetFocusedField())
}

// FocusedTri returns the focused yes/no question and its current state.
func (s *Step) FocusedTri() (string, rubric.Tri, bool) {
	id := s.Focused()
	v, ok := s.tri[id]
	if !ok {
		return "", rubric.Unknown, false
	}
	return id, *v, true
}

// TriIndex is the position of a state in TriOptions.
func TriIndex(t rubric.Tri) int {
	switch t {
	case rubric.Yes:
		return 1
	case rubric.No:
		return 2
	}
	return 0
}

// takesText reports whether a field takes free text, where letters are text and not
// commands.
func takesText(f huh.Field) bool {
	switch Unwrap(f).(type) {
	case *huh.Input, *huh.Text, *noteField, *numberField:
		return true
	}
	return false
}
