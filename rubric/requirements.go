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
