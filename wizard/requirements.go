package wizard

import (
	"slices"

	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// Requirements is the step-1 form. Like Step, its bound values change live; Live
// returns what reads, keeping the last good value of a number that does not.
type Requirements struct {
	// sizedForm holds the form (Form) and draws it (Resize, View).
	sizedForm
	lang rubric.Lang
	// good is the requirements as last read, with the last good value of every
	// number: a number that does not read keeps it.
	good rubric.Requirements

	channels, peakPeriods, goals *[]string
	hours, industry, staffing    *string
	userProfile, notes           *string
	// numbers are the texts of the number fields, by JSON name, in form order.
	numbers    map[string]*string
	numberKeys []string
}

// NewRequirements builds the step-1 form around the session's requirements.
func NewRequirements(lang rubric.Lang, r rubric.Requirements) *Requirements {
	f := &Requirements{lang: lang, good: r, numbers: map[string]*string{}}
	strp := func(s string) *string { return &s }
	setp := func(s []string) *[]string { c := slices.Clone(s); return &c }
	f.channels, f.peakPeriods, f.goals = setp(r.Channels), setp(r.PeakPeriods), setp(r.Goals)
	f.hours, f.industry, f.staffing = strp(r.ServiceHours), strp(r.Industry), strp(r.StaffingMode)
	f.userProfile, f.notes = strp(r.UserProfile), strp(r.Notes)

	t := func(zh, en string) string { return tr(lang, zh, en) }
	multi := func(key, title string, opts rubric.Options, v *[]string) *huh.MultiSelect[string] {
		o := make([]huh.Option[string], 0, len(opts))
		for _, opt := range opts {
			o = append(o, huh.NewOption(opt.Label.In(lang), opt.Value).Selected(slices.Contains(*v, opt.Value)))
		}
		return huh.NewMultiSelect[string]().Key(key).Title(title).Options(o...).Value(v)
	}
	choice := func(key, title string, opts rubric.Options, v *string, unknown bool) *huh.Select[string] {
		var o []huh.Option[string]
		if unknown {
			o = append(o, huh.NewOption(t("? 未选择", "? not chosen"), ""))
		}
		for _, opt := range opts {
			o = append(o, huh.NewOption(opt.Label.In(lang), opt.Value))
		}
		return huh.NewSelect[string]().Key(key).Title(title).Inline(true).Options(o...).Value(v)
	}
	input := func(key, title, placeholder string) huh.Field {
		v := new(string)
		if x, known := r.Number(key); known {
			*v = rubric.FormatNumber(x)
		}
		f.numbers[key] = v
		f.numberKeys = append(f.numberKeys, key)
		return newNumber(key, title, placeholder, v, lang, func(s string) rubric.Reading { return f.good.ReadNumber(key, s) })
	}
	fields := []huh.Field{
		multi("channels", t("服务渠道(至少一个)", "Service channels (at least one)"), rubric.ChannelOptions, f.channels),
		input("daily_volume", t("日均咨询量", "Daily inquiries"), "5000"),
		input("peak_multiplier", t("高峰倍数(高峰量÷日常量)", "Peak multiplier (peak ÷ normal)"), "10"),
		multi("peak_periods", t("高峰时段", "Peak periods"), rubric.PeakPeriodOptions, f.peakPeriods),
		choice("service_hours", t("服务时长", "Service hours"), rubric.HoursOptions, f.hours, false),
		multi("goals", t("核心诉求", "Goals"), rubric.GoalOptions, f.goals),
		choice("industry", t("行业(金融、医疗为强监管)", "Industry (finance and healthcare are regulated)"), rubric.IndustryOptions, f.industry, true),
		choice("staffing_mode", t("外包模式", "Staffing mode"), rubric.StaffingOptions, f.staffing, false),
		huh.NewInput().Key("user_profile").Title(t("用户群体特征", "User profile")).CharLimit(500).
			Placeholder(t("如:年轻用户,对响应速度要求高", "e.g. young users who expect fast replies")).Value(f.userProfile),
		input("target_response_s", t("目标平均响应时间(秒)", "Target average response (s)"), "30"),
		input("target_fcr_pct", t("目标一次性解决率 %", "Target first-contact resolution %"), "85"),
		input("target_answer_pct", t("目标接通率 %", "Target answer rate %"), "99.5"),
		input("target_csat_pct", t("目标满意度 %", "Target CSAT %"), "90"),
		input("budget_month", t("月预算(元,可空)", "Monthly budget (CNY, optional)"), t("无", "none")),
		newNote("notes", t("备注", "Notes"), "", f.notes),
	}
	for i := range fields {
		fields[i] = cached(fields[i])
	}
	f.fields = fields
	f.Form = newForm(lang, fields)
	return f
}

// Live returns the requirements as the form shows them, with numbers that do not
// read left at their last good value, and the messages for those numbers.
func (f *Requirements) Live() (rubric.Requirements, map[string]string) {
	r := f.good
	errs := map[string]string{}
	r.Channels = orderedSet(*f.channels, rubric.ChannelOptions)
	r.PeakPeriods = orderedSet(*f.peakPeriods, rubric.PeakPeriodOptions)
	r.Goals = orderedSet(*f.goals, rubric.GoalOptions)
	r.ServiceHours, r.Industry, r.StaffingMode = *f.hours, *f.industry, *f.staffing
	r.UserProfile, r.Notes = *f.userProfile, *f.notes
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
		errs["channels"] = tr(f.lang, "请至少选择一个服务渠道", "choose at least one service channel")
	}
	return r, errs
}

// Drafts are the texts of the number fields that do not read, by JSON name: they
// are not in Live's requirements, and are lost unless kept.
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
