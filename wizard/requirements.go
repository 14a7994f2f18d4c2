package wizard

import (
	"slices"

	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// Requirements is a form over requirement fields: step 1 (NewRequirements), or any
// chosen list of them (NewRequirementFields), such as the capacity plan. Like Step,
// its bound values change live; Live returns what reads, keeping the last good value
// of a number that does not.
type Requirements struct {
	// sizedForm holds the form (Form) and draws it (Resize, View).
	sizedForm
	lang rubric.Lang
	// defs are the fields of the form, in its order.
	defs []rubric.RequirementField
	// good is the requirements as last read, with the last good value of every
	// number: a number that does not read keeps it.
	good rubric.Requirements

	// The values bound to the fields, by JSON name: sets, choices and texts, and
	// the texts of the number fields (numberKeys in form order).
	lists      map[string]*[]string
	strs       map[string]*string
	numbers    map[string]*string
	numberKeys []string
	// estimates are the plan's number fields, whose placeholder is the estimate an
	// empty field takes: it follows the other fields as they change.
	estimates map[string]estimateField
	// drafts are number texts that did not read, to show in place of the values.
	drafts map[string]string
}

// estimateField is a plan field's number and the cache that draws it.
type estimateField struct {
	number *numberField
	cache  *cachedField
}

// NewRequirements builds the step-1 form around the session's requirements, with
// drafts (see Drafts) in place of the number fields they name: every requirement
// field but those of the capacity plan, which is edited beside its results.
func NewRequirements(lang rubric.Lang, r rubric.Requirements, drafts map[string]string, opts ...Option) *Requirements {
	var ids []string
	for _, fd := range rubric.RequirementFields {
		if !fd.Plan {
			ids = append(ids, fd.ID)
		}
	}
	return NewRequirementFields(lang, r, drafts, ids, opts...)
}

// NewRequirementFields builds a form over the requirement fields named by ids, in
// that order, around r, with drafts (see Drafts) in place of the number fields they
// name. An empty plan field shows the estimate it takes under r.
func NewRequirementFields(lang rubric.Lang, r rubric.Requirements, drafts map[string]string, ids []string, opts ...Option) *Requirements {
	f := &Requirements{lang: lang, good: r, drafts: drafts, lists: map[string]*[]string{}, strs: map[string]*string{},
		numbers: map[string]*string{}, estimates: map[string]estimateField{}}
	fields := make([]huh.Field, 0, len(ids))
	for _, id := range ids {
		fd, ok := rubric.RequirementFieldByID(id)
		if !ok {
			continue
		}
		f.defs = append(f.defs, fd)
		field := cached(f.field(fd, r))
		if n, ok := Unwrap(field).(*numberField); ok && fd.Plan {
			f.estimates[fd.ID] = estimateField{n, field.(*cachedField)}
		}
		fields = append(fields, field)
	}
	f.fields = fields
	f.Form = newForm(lang, fields, opts)
	return f
}

// field makes the form field of fd, bound to a copy of its value in r.
func (f *Requirements) field(fd rubric.RequirementField, r rubric.Requirements) huh.Field {
	lang, key, title := f.lang, fd.ID, fd.Title.In(f.lang)
	switch fd.Kind {
	case rubric.KindSet:
		v := slices.Clone(*fd.List(&r))
		f.lists[key] = &v
		o := make([]huh.Option[string], 0, len(fd.Options))
		for _, opt := range fd.Options {
			o = append(o, huh.NewOption(opt.Label.In(lang), opt.Value).Selected(slices.Contains(v, opt.Value)))
		}
		return huh.NewMultiSelect[string]().Key(key).Title(title).Options(o...).Value(&v)
	case rubric.KindChoice:
		v := *fd.Str(&r)
		f.strs[key] = &v
		var o []huh.Option[string]
		if fd.Unset != (rubric.Text{}) {
			o = append(o, huh.NewOption("? "+fd.Unset.In(lang), ""))
		}
		for _, opt := range fd.Options {
			o = append(o, huh.NewOption(opt.Label.In(lang), opt.Value))
		}
		return huh.NewSelect[string]().Key(key).Title(title).Inline(true).Options(o...).Value(&v)
	case rubric.KindNumber:
		v := new(string)
		if x, known := r.Number(key); known {
			*v = rubric.FormatNumber(x)
		}
		if d, ok := f.drafts[key]; ok {
			*v = d
		}
		f.numbers[key] = v
		f.numberKeys = append(f.numberKeys, key)
		return newNumber(key, title, fd.Placeholder(r, lang), v, lang, func(s string) rubric.Reading { return f.good.ReadNumber(key, s) })
	}
	v := *fd.Str(&r)
	f.strs[key] = &v
	if fd.Multiline {
		return newNote(key, title, fd.Hint.In(lang), &v)
	}
	return huh.NewInput().Key(key).Title(title).CharLimit(fd.CharLimit).Placeholder(fd.Placeholder(r, lang)).Value(&v)
}

// Live returns the requirements as the form shows them, with numbers that do not
// read left at their last good value, and the messages for those numbers.
func (f *Requirements) Live() (rubric.Requirements, map[string]string) {
	r := f.good
	errs := map[string]string{}
	for _, fd := range f.defs {
		switch fd.Kind {
		case rubric.KindSet:
			*fd.List(&r) = orderedSet(*f.lists[fd.ID], fd.Options)
		case rubric.KindChoice, rubric.KindText:
			*fd.Str(&r) = *f.strs[fd.ID]
		}
	}
	for _, key := range f.numberKeys {
		got := r.ReadNumber(key, *f.numbers[key])
		if got.Err != nil {
			errs[key] = got.Err.Message.In(f.lang)
			continue
		}
		r.SetNumber(key, got.Value, got.Known)
	}
	f.good = r
	if _, ok := f.lists["channels"]; ok && len(r.Channels) == 0 {
		errs["channels"] = f.lang.Pick("请至少选择一个服务渠道", "choose at least one service channel")
	}
	f.showEstimates()
	return r, errs
}

// showEstimates puts in every empty plan field the estimate it now takes: one
// channel's share given changes the others', a response target the answer time.
func (f *Requirements) showEstimates() {
	changed := false
	for id, e := range f.estimates {
		if *f.numbers[id] != "" {
			continue
		}
		fd, _ := rubric.RequirementFieldByID(id)
		if p := fd.Placeholder(f.good, f.lang); p != e.number.input.Placeholder {
			e.number.input.Placeholder = p
			e.cache.valid = false
			changed = true
		}
	}
	if changed {
		// huh lays its group out in Update only: without one the new estimates
		// would show after the next key.
		f.Form.Update(estimatesShownMsg{})
	}
}

// estimatesShownMsg has the form laid out again; no field acts on it.
type estimatesShownMsg struct{}

// Drafts are the texts of the number fields that do not read, by JSON name: they
// are not in Live's requirements, and are lost unless given to the next form.
func (f *Requirements) Drafts() map[string]string {
	drafts := map[string]string{}
	for _, key := range f.numberKeys {
		if got := f.good.ReadNumber(key, *f.numbers[key]); got.Err != nil {
			drafts[key] = *f.numbers[key]
		}
	}
	return drafts
}

// Keys are the JSON names of the form's fields, in its order.
func (f *Requirements) Keys() []string {
	keys := make([]string, len(f.defs))
	for i, fd := range f.defs {
		keys[i] = fd.ID
	}
	return keys
}

// Typing reports whether the focused field takes free text.
func (f *Requirements) Typing() bool {
	return takesText(f.Form.GetFocusedField())
}

// Focused returns the key of the focused field.
func (f *Requirements) Focused() string {
	if fl := f.Form.GetFocusedField(); fl != nil {
		return fl.GetKey()
	}
	return ""
}
