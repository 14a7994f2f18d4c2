package rubric

import (
	"fmt"
	"math"
)

// Requirements are the company's needs (step 1 明确核心需求), one set per session.
// JSON names are those of the session format.
type Requirements struct {
	Channels        []string `json:"channels"`
	DailyVolume     int      `json:"daily_volume"`
	PeakMultiplier  float64  `json:"peak_multiplier"`
	PeakPeriods     []string `json:"peak_periods"`
	ServiceHours    string   `json:"service_hours"`
	Goals           []string `json:"goals"`
	Industry        string   `json:"industry"`
	StaffingMode    string   `json:"staffing_mode"`
	UserProfile     string   `json:"user_profile"`
	TargetResponseS int      `json:"target_response_s"`
	TargetFCRPct    float64  `json:"target_fcr_pct"`
	TargetAnswerPct float64  `json:"target_answer_pct"`
	TargetCSATPct   float64  `json:"target_csat_pct"`
	// BudgetMonth is optional: nil means no budget was given.
	BudgetMonth *float64 `json:"budget_month"`
	Notes       string   `json:"notes"`
}

// DefaultRequirements are the defaults of rubric.md §1.
func DefaultRequirements() Requirements {
	return Requirements{
		Channels:        []string{},
		PeakMultiplier:  1,
		PeakPeriods:     []string{},
		ServiceHours:    "7x12",
		Goals:           []string{},
		StaffingMode:    "process",
		TargetResponseS: 30,
		TargetFCRPct:    85,
		TargetAnswerPct: 99.5,
		TargetCSATPct:   90,
	}
}

// Regulated is derived: finance and healthcare are strongly regulated industries.
func (r Requirements) Regulated() bool {
	return r.Industry == "finance" || r.Industry == "healthcare"
}

// NeedsChannel reports whether the company requires channel c.
func (r Requirements) NeedsChannel(c string) bool {
	for _, have := range r.Channels {
		if have == c {
			return true
		}
	}
	return false
}

// FieldError names a field (its JSON name) and says what is wrong in both languages.
type FieldError struct {
	Field   string
	Message Text
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message.EN }

// Validate checks every field against rubric.md §1 and returns one error per bad field.
func (r Requirements) Validate() []FieldError {
	var errs []FieldError
	bad := func(field, zh, en string) { errs = append(errs, FieldError{field, Text{zh, en}}) }
	if len(r.Channels) == 0 {
		bad("channels", "请至少选择一个服务渠道", "choose at least one service channel")
	}
	errs = append(errs, checkSet("channels", r.Channels, ChannelOptions)...)
	if r.DailyVolume < 0 {
		bad("daily_volume", "日均咨询量不能为负数", "daily volume cannot be negative")
	}
	if !finite(r.PeakMultiplier) || r.PeakMultiplier < 1 || r.PeakMultiplier > 100 {
		bad("peak_multiplier", "高峰倍数须在 1 到 100 之间", "peak multiplier must be between 1 and 100")
	}
	errs = append(errs, checkSet("peak_periods", r.PeakPeriods, PeakPeriodOptions)...)
	if !HoursOptions.Has(r.ServiceHours) {
		bad("service_hours", "服务时长须为 5x8、7x12、7x16 或 7x24", "service hours must be 5x8, 7x12, 7x16 or 7x24")
	}
	errs = append(errs, checkSet("goals", r.Goals, GoalOptions)...)
	if r.Industry != "" && !IndustryOptions.Has(r.Industry) {
		bad("industry", "未知的行业: "+r.Industry, "unknown industry: "+r.Industry)
	}
	if !StaffingOptions.Has(r.StaffingMode) {
		bad("staffing_mode", "外包模式须为 process 或 dispatch", "staffing mode must be process or dispatch")
	}
	if r.TargetResponseS < 1 || r.TargetResponseS > 3600 {
		bad("target_response_s", "目标响应时间须在 1 到 3600 秒之间", "target response time must be between 1 and 3600 seconds")
	}
	for _, p := range []struct {
		field string
		v     float64
		zh    string
		en    string
	}{
		{"target_fcr_pct", r.TargetFCRPct, "目标一次性解决率", "target FCR"},
		{"target_answer_pct", r.TargetAnswerPct, "目标接通率", "target answer rate"},
		{"target_csat_pct", r.TargetCSATPct, "目标满意度", "target CSAT"},
	} {
		if !finite(p.v) || p.v < 0 || p.v > 100 {
			bad(p.field, p.zh+"须在 0 到 100 之间", p.en+" must be between 0 and 100")
		}
	}
	if r.BudgetMonth != nil && (!finite(*r.BudgetMonth) || *r.BudgetMonth < 0) {
		bad("budget_month", "月预算不能为负数", "monthly budget cannot be negative")
	}
	return errs
}

func checkSet(field string, values []string, opts Options) []FieldError {
	seen := map[string]bool{}
	for _, v := range values {
		if !opts.Has(v) {
			return []FieldError{{field, Text{fmt.Sprintf("未知的取值: %q", v), fmt.Sprintf("unknown value %q", v)}}}
		}
		if seen[v] {
			return []FieldError{{field, Text{fmt.Sprintf("重复的取值: %q", v), fmt.Sprintf("value %q is listed twice", v)}}}
		}
		seen[v] = true
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Why a requirement takes the end of a range it takes: volumes are planned for at
// their highest, targets held at their strictest, and a budget not overstated.
var (
	planForMore  = Text{"区间取高值,按多的准备", "the higher end: plan for more"}
	strictTarget = Text{"区间取较严的一端", "the stricter end"}
	budgetLow    = Text{"区间取低值,不高估预算", "the lower end: the budget is not overstated"}
)

// requirementNumbers are the number fields of the requirements. Their bounds are
// Validate's; Max only keeps a whole number within what an int holds.
var requirementNumbers = map[string]NumberSpec{
	"daily_volume":      {Measure: Inquiries, Integer: true, Required: true, Min: math.Inf(-1), Max: 1e12, Range: HighEnd, RangeWhy: planForMore},
	"peak_multiplier":   {Measure: Multiple, Required: true, Min: math.Inf(-1), Max: math.Inf(1), Range: HighEnd, RangeWhy: planForMore},
	"target_response_s": {Measure: Seconds, Integer: true, Required: true, Min: math.Inf(-1), Max: 1e12, Range: LowEnd, RangeWhy: strictTarget},
	"target_fcr_pct":    {Measure: Percent, Required: true, Min: math.Inf(-1), Max: math.Inf(1), Range: HighEnd, RangeWhy: strictTarget},
	"target_answer_pct": {Measure: Percent, Required: true, Min: math.Inf(-1), Max: math.Inf(1), Range: HighEnd, RangeWhy: strictTarget},
	"target_csat_pct":   {Measure: Percent, Required: true, Min: math.Inf(-1), Max: math.Inf(1), Range: HighEnd, RangeWhy: strictTarget},
	"budget_month":      {Measure: Yuan, Min: math.Inf(-1), Max: math.Inf(1), Range: LowEnd, RangeWhy: budgetLow},
}

// RequirementSpec is how the requirements' number field (its JSON name) reads a
// typed number; ok is false for a field that is not a number.
func RequirementSpec(field string) (NumberSpec, bool) {
	sp, ok := requirementNumbers[field]
	sp.Field = field
	return sp, ok
}

// ReadNumber reads s, as typed, for the number field of r named field and checks it
// as Validate does, with r's other fields as they are.
func (r Requirements) ReadNumber(field, s string) Reading {
	sp, ok := RequirementSpec(field)
	if !ok {
		return Reading{Err: &FieldError{field, Text{"不是数字字段", "not a number field"}}}
	}
	got := sp.Read(s)
	if got.Err != nil {
		return got
	}
	r.SetNumber(field, got.Value, got.Known)
	for _, e := range r.Validate() {
		if e.Field == field {
			return Reading{Err: &e}
		}
	}
	return got
}

// Number returns the requirements' number field named field; known is false for no
// budget.
func (r Requirements) Number(field string) (x float64, known bool) {
	switch field {
	case "daily_volume":
		return float64(r.DailyVolume), true
	case "peak_multiplier":
		return r.PeakMultiplier, true
	case "target_response_s":
		return float64(r.TargetResponseS), true
	case "target_fcr_pct":
		return r.TargetFCRPct, true
	case "target_answer_pct":
		return r.TargetAnswerPct, true
	case "target_csat_pct":
		return r.TargetCSATPct, true
	case "budget_month":
		if r.BudgetMonth != nil {
			return *r.BudgetMonth, true
		}
	}
	return 0, false
}

// SetNumber sets the number field named field; known=false clears the budget.
func (r *Requirements) SetNumber(field string, x float64, known bool) {
	switch field {
	case "daily_volume":
		r.DailyVolume = int(x)
	case "peak_multiplier":
		r.PeakMultiplier = x
	case "target_response_s":
		r.TargetResponseS = int(x)
	case "target_fcr_pct":
		r.TargetFCRPct = x
	case "target_answer_pct":
		r.TargetAnswerPct = x
	case "target_csat_pct":
		r.TargetCSATPct = x
	case "budget_month":
		r.BudgetMonth = nil
		if known {
			r.BudgetMonth = &x
		}
	}
}
