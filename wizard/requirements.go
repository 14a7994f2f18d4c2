package wizard

import (
	"slices"

	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// Requirements is the step-1 form, one field per rubric.RequirementFields. Like
// Step, its bound values change live; Live returns what reads, keeping the last good
// value of a number that does not.
type Requirements struct {
	// sizedForm holds the form (Form) and draws it (Resize, View).
	sizedForm
	lang rubric.Lang
	// good is the requirements as last read, with the last good value of every
	// number: a number that does not read keeps it.
	good rubric.Requirements

	// The values bound to the fields, by JSON name: sets, choices and texts, and
	// the texts of the number fields (numberKeys in form order).
	lists      map[string]*[]string
	strs       map[string]*string
	numbers    map[string]*string
	numberKeys []string
	// drafts are number texts that did not read, to show in place of the values.
	drafts map[string]string
}

// NewRequirements builds the step-1 form around the session's requirements, with
// drafts (see Drafts) in place of the number fields they name.
func NewRequirements(lang rubric.Lang, r rubric.Requirements, drafts map[string]string) *Requirements {
	f := &Requirements{lang: lang, good: r, drafts: drafts, lists: map[string]*[]string{}, strs: map[string]*string{}, numbers: map[string]*string{}}
	fields := make([]huh.Field, 0, len(rubric.RequirementFields))
	for _, fd := range rubric.RequirementFields {
		fields = append(fields, cached(f.field(fd, r)))
	}
	f.fields = fields
	f.Form = newForm(lang, fields)
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
		return newNumber(key, title, fd.Hint.In(lang), v, lang, func(s string) rubric.Reading { return f.good.ReadNumber(key, s) })
	}
	v := *fd.Str(&r)
	f.strs[key] = &v
	if fd.Multiline {
		return newNote(key, title, fd.Hint.In(lang), &v)
	}
	return huh.NewInput().Key(key).Title(title).CharLimit(fd.CharLimit).Placeholder(fd.Hint.In(lang)).Value(&v)
}

// Live returns the requirements as the form shows them, with numbers that do not
// read left at their last good value, and the messages for those numbers.
func (f *Requirements) Live() (rubric.Requirements, map[string]string) {
	r := f.good
	errs := map[string]string{}
	for _, fd := range rubric.RequirementFields {
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
	if len(r.Channels) == 0 {
		errs["channels"] = f.lang.Pick("请至少选择一个服务渠道", "choose at least one service channel")
	}
	return r, errs
}

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
