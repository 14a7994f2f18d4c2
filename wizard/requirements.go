package wizard

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// Requirements is the step-1 form. Like Step, its bound values change live; Live
// returns what parses, keeping the last good value of a field that does not.
type Requirements struct {
	// sizedForm holds the form (Form) and draws it (Resize, View).
	sizedForm
	lang rubric.Lang
	base rubric.Requirements

	channels, peakPeriods, goals *[]string
	hours, industry, staffing    *string
	volume, peak, response       *string
	fcr, answer, csat, budget    *string
	userProfile, notes           *string
}

// NewRequirements builds the step-1 form around the session's requirements.
func NewRequirements(lang rubric.Lang, r rubric.Requirements) *Requirements {
	f := &Requirements{lang: lang, base: r}
	strp := func(s string) *string { return &s }
	setp := func(s []string) *[]string { c := slices.Clone(s); return &c }
	num := func(x float64) *string { return strp(rubric.FormatNumber(x)) }
	f.channels, f.peakPeriods, f.goals = setp(r.Channels), setp(r.PeakPeriods), setp(r.Goals)
	f.hours, f.industry, f.staffing = strp(r.ServiceHours), strp(r.Industry), strp(r.StaffingMode)
	f.volume, f.peak, f.response = strp(strconv.Itoa(r.DailyVolume)), num(r.PeakMultiplier), strp(strconv.Itoa(r.TargetResponseS))
	f.fcr, f.answer, f.csat = num(r.TargetFCRPct), num(r.TargetAnswerPct), num(r.TargetCSATPct)
	f.budget = strp("")
	if r.BudgetMonth != nil {
		f.budget = num(*r.BudgetMonth)
	}
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
	input := func(key, title, placeholder string, v *string) *huh.Input {
		return huh.NewInput().Key(key).Title(title).Inline(true).Prompt(": ").Placeholder(placeholder).CharLimit(24).
			Validate(func(s string) error {
				if msg := f.check(key, s); msg != "" {
					return userError{msg}
				}
				return nil
			}).Value(v)
	}
	fields := []huh.Field{
		multi("channels", t("服务渠道(至少一个)", "Service channels (at least one)"), rubric.ChannelOptions, f.channels),
		input("daily_volume", t("日均咨询量", "Daily inquiries"), "5000", f.volume),
		input("peak_multiplier", t("高峰倍数(高峰量÷日常量)", "Peak multiplier (peak ÷ normal)"), "10", f.peak),
		multi("peak_periods", t("高峰时段", "Peak periods"), rubric.PeakPeriodOptions, f.peakPeriods),
		choice("service_hours", t("服务时长", "Service hours"), rubric.HoursOptions, f.hours, false),
		multi("goals", t("核心诉求", "Goals"), rubric.GoalOptions, f.goals),
		choice("industry", t("行业(金融、医疗为强监管)", "Industry (finance and healthcare are regulated)"), rubric.IndustryOptions, f.industry, true),
		choice("staffing_mode", t("外包模式", "Staffing mode"), rubric.StaffingOptions, f.staffing, false),
		huh.NewInput().Key("user_profile").Title(t("用户群体特征", "User profile")).CharLimit(500).
			Placeholder(t("如:年轻用户,对响应速度要求高", "e.g. young users who expect fast replies")).Value(f.userProfile),
		input("target_response_s", t("目标平均响应时间(秒)", "Target average response (s)"), "30", f.response),
		input("target_fcr_pct", t("目标一次性解决率 %", "Target first-contact resolution %"), "85", f.fcr),
		input("target_answer_pct", t("目标接通率 %", "Target answer rate %"), "99.5", f.answer),
		input("target_csat_pct", t("目标满意度 %", "Target CSAT %"), "90", f.csat),
		input("budget_month", t("月预算(元,可空)", "Monthly budget (CNY, optional)"), t("无", "none"), f.budget),
		newNote("notes", t("备注", "Notes"), "", f.notes),
	}
	for i := range fields {
		fields[i] = cached(fields[i])
	}
	f.fields = fields
	f.Form = newForm(lang, fields)
	return f
}

// check validates one number field as typed and returns a message, or "".
func (f *Requirements) check(key, s string) string {
	_, msg := f.parse(key, s)
	return msg
}

// parse reads a number field; blank is allowed only for the budget.
func (f *Requirements) parse(key, s string) (float64, string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	t := func(zh, en string) string { return tr(f.lang, zh, en) }
	if s == "" {
		if key == "budget_month" {
			return -1, ""
		}
		return 0, t("请填写", "required")
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, t("请输入数字", "enter a number")
	}
	probe := f.base
	switch key {
	case "daily_volume":
		if x != float64(int(x)) {
			return 0, t("须为整数", "must be a whole number")
		}
		probe.DailyVolume = int(x)
	case "peak_multiplier":
		probe.PeakMultiplier = x
	case "target_response_s":
		if x != float64(int(x)) {
			return 0, t("须为整数", "must be a whole number")
		}
		probe.TargetResponseS = int(x)
	case "target_fcr_pct":
		probe.TargetFCRPct = x
	case "target_answer_pct":
		probe.TargetAnswerPct = x
	case "target_csat_pct":
		probe.TargetCSATPct = x
	case "budget_month":
		probe.BudgetMonth = &x
	}
	probe.Channels = []string{"web"} // judge this field alone
	for _, e := range probe.Validate() {
		if e.Field == key {
			return 0, e.Message.In(f.lang)
		}
	}
	return x, ""
}

// Live returns the requirements as the form shows them, with fields that do not
// validate yet left at their last good value, and the messages for those fields.
func (f *Requirements) Live() (rubric.Requirements, map[string]string) {
	r := f.base
	errs := map[string]string{}
	r.Channels = orderedSet(*f.channels, rubric.ChannelOptions)
	r.PeakPeriods = orderedSet(*f.peakPeriods, rubric.PeakPeriodOptions)
	r.Goals = orderedSet(*f.goals, rubric.GoalOptions)
	r.ServiceHours, r.Industry, r.StaffingMode = *f.hours, *f.industry, *f.staffing
	r.UserProfile, r.Notes = *f.userProfile, *f.notes
	numbers := []struct {
		key string
		v   *string
		set func(float64)
	}{
		{"daily_volume", f.volume, func(x float64) { r.DailyVolume = int(x) }},
		{"peak_multiplier", f.peak, func(x float64) { r.PeakMultiplier = x }},
		{"target_response_s", f.response, func(x float64) { r.TargetResponseS = int(x) }},
		{"target_fcr_pct", f.fcr, func(x float64) { r.TargetFCRPct = x }},
		{"target_answer_pct", f.answer, func(x float64) { r.TargetAnswerPct = x }},
		{"target_csat_pct", f.csat, func(x float64) { r.TargetCSATPct = x }},
		{"budget_month", f.budget, func(x float64) {
			if x < 0 {
				r.BudgetMonth = nil
			} else {
				r.BudgetMonth = &x
			}
		}},
	}
	for _, n := range numbers {
		x, msg := f.parse(n.key, *n.v)
		if msg != "" {
			errs[n.key] = msg
			continue
		}
		n.set(x)
	}
	if len(r.Channels) == 0 {
		errs["channels"] = tr(f.lang, "请至少选择一个服务渠道", "choose at least one service channel")
	}
	return r, errs
}

// Typing reports whether the focused field takes free text.
func (f *Requirements) Typing() bool {
	switch Unwrap(f.Form.GetFocusedField()).(type) {
	case *huh.Input, *huh.Text, *noteField:
		return true
	}
	return false
}

// Focused returns the key of the focused field.
func (f *Requirements) Focused() string {
	if fl := f.Form.GetFocusedField(); fl != nil {
		return fl.GetKey()
	}
	return ""
}
