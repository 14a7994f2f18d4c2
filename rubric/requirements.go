package rubric

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Requirements are the company's needs (step 1 明确核心需求), one set per session.
// JSON names are those of the session format.
type Requirements struct {
	Channels              []string `json:"channels"`
	DailyVolume           int      `json:"daily_volume"`
	PeakMultiplier        float64  `json:"peak_multiplier"`
	PeakPeriods           []string `json:"peak_periods"`
	ServiceHours          string   `json:"service_hours"`
	Goals                 []string `json:"goals"`
	Industry              string   `json:"industry"`
	StaffingMode          string   `json:"staffing_mode"`
	UserProfile           string   `json:"user_profile"`
	TargetResponseS       int      `json:"target_response_s"`
	TargetUrgentResponseS int      `json:"target_urgent_response_s"` // the longest wait for an urgent inquiry
	TargetFCRPct          float64  `json:"target_fcr_pct"`
	TargetResolutionH     float64  `json:"target_resolution_h"`
	TargetAnswerPct       float64  `json:"target_answer_pct"`
	TargetCSATPct         float64  `json:"target_csat_pct"`
	TargetBadReviewPct    float64  `json:"target_bad_review_pct"` // a ceiling: lower is better
	TargetQAPassPct       float64  `json:"target_qa_pass_pct"`
	TargetConversionPct   float64  `json:"target_conversion_pct"`
	// BudgetMonth is optional: nil means no budget was given.
	BudgetMonth *float64 `json:"budget_month"`
	// ContractEnd is the day the contract is planned to end, YYYY-MM-DD or "":
	// licences and certificates must stay valid until then.
	ContractEnd string `json:"contract_end"`
	Notes       string `json:"notes"`

	// The capacity plan (capacity.go). Each is optional: nil takes the estimate.
	BusiestIntervalPct *float64 `json:"busiest_interval_pct"`
	ShrinkagePct       *float64 `json:"shrinkage_pct"`
	MaxOccupancyPct    *float64 `json:"max_occupancy_pct"`
	PeakMonths         *float64 `json:"peak_months"`
	PeakDays           *float64 `json:"peak_days"`
	PhoneSharePct      *float64 `json:"phone_share_pct"`
	PhoneAHTS          *float64 `json:"phone_aht_s"`
	PhoneSLPct         *float64 `json:"phone_sl_pct"`
	PhoneSLS           *float64 `json:"phone_sl_s"`
	PhonePatienceS     *float64 `json:"phone_patience_s"`
	ChatSharePct       *float64 `json:"chat_share_pct"`
	ChatAHTS           *float64 `json:"chat_aht_s"`
	ChatSLPct          *float64 `json:"chat_sl_pct"`
	ChatSLS            *float64 `json:"chat_sl_s"`
	ChatConcurrency    *float64 `json:"chat_concurrency"`
	ChatPatienceS      *float64 `json:"chat_patience_s"`
	EmailSharePct      *float64 `json:"email_share_pct"`
	EmailAHTS          *float64 `json:"email_aht_s"`
	EmailResponseH     *float64 `json:"email_response_h"`
}

// DefaultRequirements are the defaults of rubric.md §1, and of the targets added
// since: an urgent inquiry answered within a minute (the first article's 紧急咨询1分钟内
// 响应); the articles give no number for the others, which are ours: a problem closed
// within a day, at most 1 % bad reviews, 95 % of sampled conversations passing QA and
// 35 % of inquiries converted, near the middle of what e-commerce chat teams report.
func DefaultRequirements() Requirements {
	return Requirements{
		Channels:              []string{},
		PeakMultiplier:        1,
		PeakPeriods:           []string{},
		ServiceHours:          "7x12",
		Goals:                 []string{},
		StaffingMode:          "process",
		TargetResponseS:       30,
		TargetUrgentResponseS: 60,
		TargetFCRPct:          85,
		TargetResolutionH:     24,
		TargetAnswerPct:       99.5,
		TargetCSATPct:         90,
		TargetBadReviewPct:    1,
		TargetQAPassPct:       95,
		TargetConversionPct:   35,
	}
}

// RequirementField is one field of step 1 (rubric.md §1): what the wizard, the
// accessible flow, the report and the session file each need to ask for it, check
// it, say it and store it. Its default is DefaultRequirements'.
// RequirementFieldIDs lists the IDs of RequirementFields, in their order.
func RequirementFieldIDs() []string {
	ids := make([]string, len(RequirementFields))
	for i, f := range RequirementFields {
		ids[i] = f.ID
	}
	return ids
}

type RequirementField struct {
	// ID is the field's JSON name in the session file; errors name it.
	ID string
	// Name is the short label of tables and summaries; Prompt the question as the
	// accessible flow asks it; Title and Hint the wizard's title and placeholder.
	Name, Prompt, Title, Hint Text
	Kind                      Kind // KindSet, KindChoice, KindNumber or KindText
	Options                   Options
	// AtLeastOne is a set that may not be empty.
	AtLeastOne bool
	// Unset labels the empty choice of a choice that may stay unchosen.
	Unset Text
	// Invalid says why a value is not one of a choice's options.
	Invalid func(value string) Text
	// Unit is a number's unit as the accessible flow says it.
	Unit Text
	// Reading is how a typed number reads; Min and Max are the range Validate holds
	// it to, OutOfRange what it says outside it. Optional is a number that may be
	// left empty (the budget).
	Reading    NumberSpec
	Min, Max   float64
	OutOfRange Text
	Optional   bool
	// Multiline is free text of several lines.
	Multiline bool
	// CharLimit caps a one-line text field.
	CharLimit int
	// Day is a text field that holds a day, YYYY-MM-DD, or nothing.
	Day bool
	// Plan is a field of the capacity plan, edited beside its results rather than
	// in step 1; left empty it takes an estimate (Requirements.PlanNumber). Queue
	// is the plan's queue it belongs to, "" for the plan's shared fields.
	Plan  bool
	Queue string

	list func(*Requirements) *[]string
	str  func(*Requirements) *string
}

// Placeholder is what an empty field shows: its hint, or for a plan field the
// estimate it takes under r.
func (f RequirementField) Placeholder(r Requirements, lang Lang) string {
	if f.Plan {
		return f.emptyPlanWords(r, lang, FormatNumber)
	}
	return f.Hint.In(lang)
}

// emptyPlanWords says what an empty plan field takes, the number said by say: no
// abandonment for a patience, step 1's target, or an estimate.
func (f RequirementField) emptyPlanWords(r Requirements, lang Lang, say func(float64) string) string {
	x, _ := r.PlanNumber(f.ID)
	switch {
	case x == 0 && strings.HasSuffix(f.ID, "_patience_s"):
		return Text{"不计放弃", "nobody hangs up"}.In(lang)
	case FromTarget(f.ID):
		return Text{"同目标 ", "the target, "}.In(lang) + say(x)
	}
	return Text{"估算 ", "estimated "}.In(lang) + say(x)
}

// List is the set of a KindSet field in r.
func (f RequirementField) List(r *Requirements) *[]string { return f.list(r) }

// Str is the value of a KindChoice or KindText field in r.
func (f RequirementField) Str(r *Requirements) *string { return f.str(r) }

// Why a requirement takes the end of a range it takes: volumes are planned for at
// their highest, targets held at their strictest, and a budget not overstated.
var (
	planForMore  = Text{"区间取高值,按多的准备", "the higher end: plan for more"}
	strictTarget = Text{"区间取较严的一端", "the stricter end"}
	budgetLow    = Text{"区间取低值,不高估预算", "the lower end: the budget is not overstated"}
)

var (
	noMin  = math.Inf(-1)
	noMax  = math.Inf(1)
	pctSay = Text{"%", "%"}
)

// RequirementFields are the fields of step 1 and of the capacity plan, in the order
// every front end shows them and the session file stores them.
var RequirementFields = append(stepOneFields, planFields...)

// stepOneFields are step 1's fields. A number's Reading bounds only keep a whole
// number within what an int holds; Min and Max are the rule.
var stepOneFields = []RequirementField{
	{ID: "channels", Kind: KindSet, Options: ChannelOptions, AtLeastOne: true,
		Name: Text{"服务渠道", "Service channels"}, Prompt: Text{"服务渠道", "Service channels"},
		Title: Text{"服务渠道(至少一个)", "Service channels (at least one)"},
		list:  func(r *Requirements) *[]string { return &r.Channels }},
	{ID: "daily_volume", Kind: KindNumber,
		Name: Text{"日均咨询量", "Daily inquiries"}, Prompt: Text{"日均咨询量", "Daily inquiries"},
		Title: Text{"日均咨询量", "Daily inquiries"}, Hint: Text{"5000", "5000"},
		Reading: NumberSpec{Measure: Inquiries, Integer: true, Required: true, Min: noMin, Max: 1e12, Range: HighEnd, RangeWhy: planForMore},
		Min:     0, Max: noMax, OutOfRange: Text{"日均咨询量不能为负数", "daily volume cannot be negative"}},
	{ID: "peak_multiplier", Kind: KindNumber,
		Name:   Text{"高峰倍数", "Peak multiple"},
		Prompt: Text{"高峰倍数(高峰量÷日常量)", "Peak multiplier (peak volume ÷ normal volume)"},
		Title:  Text{"高峰倍数(高峰量÷日常量)", "Peak multiplier (peak ÷ normal)"}, Hint: Text{"10", "10"},
		Reading: NumberSpec{Measure: Multiple, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: planForMore},
		Min:     1, Max: 100, OutOfRange: Text{"高峰倍数须在 1 到 100 之间", "peak multiplier must be between 1 and 100"}},
	{ID: "peak_periods", Kind: KindSet, Options: PeakPeriodOptions,
		Name: Text{"高峰时段", "Peak periods"}, Prompt: Text{"高峰时段", "Peak periods"}, Title: Text{"高峰时段", "Peak periods"},
		list: func(r *Requirements) *[]string { return &r.PeakPeriods }},
	{ID: "service_hours", Kind: KindChoice, Options: HoursOptions,
		Name: Text{"服务时长", "Service hours"}, Prompt: Text{"服务时长", "Service hours"}, Title: Text{"服务时长", "Service hours"},
		Invalid: func(string) Text {
			return Text{"服务时长须为 5x8、7x12、7x16 或 7x24", "service hours must be 5x8, 7x12, 7x16 or 7x24"}
		},
		str: func(r *Requirements) *string { return &r.ServiceHours }},
	{ID: "goals", Kind: KindSet, Options: GoalOptions,
		Name: Text{"核心诉求", "Goals"}, Prompt: Text{"核心诉求", "Goals"}, Title: Text{"核心诉求", "Goals"},
		list: func(r *Requirements) *[]string { return &r.Goals }},
	{ID: "industry", Kind: KindChoice, Options: IndustryOptions, Unset: Text{"未选择", "not chosen"},
		Name:    Text{"行业", "Industry"},
		Prompt:  Text{"行业(金融、医疗为强监管)", "Industry (finance and healthcare are regulated)"},
		Title:   Text{"行业(金融、医疗为强监管)", "Industry (finance and healthcare are regulated)"},
		Invalid: func(v string) Text { return Text{"未知的行业: " + v, "unknown industry: " + v} },
		str:     func(r *Requirements) *string { return &r.Industry }},
	{ID: "staffing_mode", Kind: KindChoice, Options: StaffingOptions,
		Name: Text{"外包模式", "Outsourcing mode"}, Prompt: Text{"外包模式", "Staffing mode"}, Title: Text{"外包模式", "Staffing mode"},
		Invalid: func(string) Text {
			return Text{"外包模式须为 process 或 dispatch", "staffing mode must be process or dispatch"}
		},
		str: func(r *Requirements) *string { return &r.StaffingMode }},
	{ID: "user_profile", Kind: KindText, CharLimit: 500,
		Name: Text{"用户群体特征", "User profile"}, Prompt: Text{"用户群体特征", "User profile"}, Title: Text{"用户群体特征", "User profile"},
		Hint: Text{"如:年轻用户,对响应速度要求高", "e.g. young users who expect fast replies"},
		str:  func(r *Requirements) *string { return &r.UserProfile }},
	{ID: "target_response_s", Kind: KindNumber, Unit: Text{"秒", "seconds"},
		Name: Text{"目标平均响应时间", "Target average response time"}, Prompt: Text{"目标平均响应时间", "Target average response time"},
		Title: Text{"目标平均响应时间(秒)", "Target average response (s)"}, Hint: Text{"30", "30"},
		Reading: NumberSpec{Measure: Seconds, Integer: true, Required: true, Min: noMin, Max: 1e12, Range: LowEnd, RangeWhy: strictTarget},
		Min:     1, Max: 3600, OutOfRange: Text{"目标响应时间须在 1 到 3600 秒之间", "target response time must be between 1 and 3600 seconds"}},
	{ID: "target_urgent_response_s", Kind: KindNumber, Unit: Text{"秒", "seconds"},
		Name: Text{"目标紧急咨询响应时间", "Target urgent response time"}, Prompt: Text{"目标紧急咨询响应时间(最长)", "Target response time for urgent inquiries (longest)"},
		Title: Text{"目标紧急咨询响应时间(秒)", "Target urgent response (s)"}, Hint: Text{"60", "60"},
		Reading: NumberSpec{Measure: Seconds, Integer: true, Required: true, Min: noMin, Max: 1e12, Range: LowEnd, RangeWhy: strictTarget},
		Min:     1, Max: 3600, OutOfRange: Text{"目标紧急响应时间须在 1 到 3600 秒之间", "target urgent response time must be between 1 and 3600 seconds"}},
	{ID: "target_fcr_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"目标一次性解决率", "Target first-contact resolution"}, Prompt: Text{"目标一次性解决率", "Target first-contact resolution"},
		Title: Text{"目标一次性解决率 %", "Target first-contact resolution %"}, Hint: Text{"85", "85"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"目标一次性解决率须在 0 到 100 之间", "target FCR must be between 0 and 100"}},
	{ID: "target_resolution_h", Kind: KindNumber, Unit: Text{"小时", "hours"},
		Name: Text{"目标平均解决时长", "Target average resolution time"}, Prompt: Text{"目标平均解决时长", "Target average resolution time"},
		Title: Text{"目标平均解决时长(小时)", "Target average resolution (hours)"}, Hint: Text{"24", "24"},
		Reading: NumberSpec{Measure: Hours, Required: true, Min: noMin, Max: noMax, Range: LowEnd, RangeWhy: strictTarget},
		Min:     0.1, Max: 720, OutOfRange: Text{"目标平均解决时长须在 0.1 到 720 小时之间", "target resolution time must be between 0.1 and 720 hours"}},
	{ID: "target_answer_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"目标接通率", "Target answer rate"}, Prompt: Text{"目标接通率", "Target answer rate"},
		Title: Text{"目标接通率 %", "Target answer rate %"}, Hint: Text{"99.5", "99.5"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"目标接通率须在 0 到 100 之间", "target answer rate must be between 0 and 100"}},
	{ID: "target_csat_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"目标满意度", "Target CSAT"}, Prompt: Text{"目标满意度", "Target CSAT"},
		Title: Text{"目标满意度 %", "Target CSAT %"}, Hint: Text{"90", "90"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"目标满意度须在 0 到 100 之间", "target CSAT must be between 0 and 100"}},
	{ID: "target_bad_review_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"差评率上限", "Bad-review ceiling"}, Prompt: Text{"差评率上限", "Highest acceptable bad-review rate"},
		Title: Text{"差评率上限 %", "Bad-review ceiling %"}, Hint: Text{"1", "1"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: LowEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"差评率上限须在 0 到 100 之间", "bad-review ceiling must be between 0 and 100"}},
	{ID: "target_qa_pass_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"目标质检合格率", "Target QA pass rate"}, Prompt: Text{"目标质检合格率", "Target QA pass rate"},
		Title: Text{"目标质检合格率 %", "Target QA pass rate %"}, Hint: Text{"95", "95"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"目标质检合格率须在 0 到 100 之间", "target QA pass rate must be between 0 and 100"}},
	{ID: "target_conversion_pct", Kind: KindNumber, Unit: pctSay,
		Name: Text{"目标询单转化率", "Target inquiry conversion"}, Prompt: Text{"目标询单转化率(电商或以用户留存转化为诉求时计分)", "Target inquiry conversion rate (counted in e-commerce or with the retention & conversion goal)"},
		Title: Text{"目标询单转化率 %", "Target inquiry conversion %"}, Hint: Text{"35", "35"},
		Reading: NumberSpec{Measure: Percent, Required: true, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: strictTarget},
		Min:     0, Max: 100, OutOfRange: Text{"目标询单转化率须在 0 到 100 之间", "target inquiry conversion must be between 0 and 100"}},
	{ID: "budget_month", Kind: KindNumber, Unit: Text{"元", "CNY"}, Optional: true,
		Name: Text{"月预算", "Monthly budget"}, Prompt: Text{"月预算", "Monthly budget"},
		Title: Text{"月预算(元,可空)", "Monthly budget (CNY, optional)"}, Hint: Text{"无", "none"},
		Reading: NumberSpec{Measure: Yuan, Min: noMin, Max: noMax, Range: LowEnd, RangeWhy: budgetLow},
		Min:     0, Max: noMax, OutOfRange: Text{"月预算不能为负数", "monthly budget cannot be negative"}},
	{ID: "contract_end", Kind: KindText, CharLimit: 10, Day: true,
		Name: Text{"计划合同截止日", "Planned contract end"}, Prompt: Text{"计划合同截止日(YYYY-MM-DD,可空)", "Planned contract end (YYYY-MM-DD, optional)"},
		Title: Text{"计划合同截止日(可空)", "Planned contract end (optional)"}, Hint: Text{"2027-12-31", "2027-12-31"},
		str: func(r *Requirements) *string { return &r.ContractEnd }},
	{ID: "notes", Kind: KindText, Multiline: true,
		Name: Text{"备注", "Notes"}, Prompt: Text{"备注", "Notes"}, Title: Text{"备注", "Notes"},
		str: func(r *Requirements) *string { return &r.Notes }},
}

// RequirementFieldByID returns the field of step 1 with JSON name id.
func RequirementFieldByID(id string) (RequirementField, bool) {
	for _, f := range RequirementFields {
		if f.ID == id {
			return f, true
		}
	}
	return RequirementField{}, false
}

// Regulated is derived: finance and healthcare are strongly regulated industries.
func (r Requirements) Regulated() bool {
	return r.Industry == "finance" || r.Industry == "healthcare"
}

// ConversionCounts reports whether the inquiry conversion rate is scored: it is the
// business KPI of e-commerce (询单转化率, the second article) and what the retention &
// conversion goal (用户留存转化, the first) asks for; elsewhere service does not sell.
func (r Requirements) ConversionCounts() bool {
	return r.Industry == "ecommerce" || slices.Contains(r.Goals, "retention")
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
	for _, f := range RequirementFields {
		switch f.Kind {
		case KindSet:
			set := *f.List(&r)
			if f.AtLeastOne && len(set) == 0 {
				bad(f.ID, "请至少选择一个服务渠道", "choose at least one service channel")
			}
			errs = append(errs, checkSet(f.ID, set, f.Options)...)
		case KindChoice:
			if v := *f.Str(&r); !(v == "" && f.Unset != Text{}) && !f.Options.Has(v) {
				errs = append(errs, FieldError{f.ID, f.Invalid(v)})
			}
		case KindNumber:
			if x, known := r.Number(f.ID); known && (!finite(x) || x < f.Min || x > f.Max) {
				errs = append(errs, FieldError{f.ID, f.OutOfRange})
			}
		case KindText:
			if v := *f.Str(&r); f.Day && v != "" {
				if _, err := time.Parse(dateLayout, v); err != nil {
					bad(f.ID, "须为日期 YYYY-MM-DD,如 2027-12-31", "must be a day, YYYY-MM-DD, such as 2027-12-31")
				}
			}
		}
	}
	if e := r.planShares(); e != nil {
		errs = append(errs, *e)
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

// RequirementSpec is how the requirements' number field (its JSON name) reads a
// typed number; ok is false for a field that is not a number.
func RequirementSpec(field string) (NumberSpec, bool) {
	f, ok := RequirementFieldByID(field)
	if !ok || f.Kind != KindNumber {
		return NumberSpec{}, false
	}
	sp := f.Reading
	sp.Field = field
	return sp, true
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
	// Shares too many for one day are the fault of the share being typed, wherever
	// Validate names them.
	if e := r.planShares(); e != nil && strings.HasSuffix(field, "_share_pct") {
		e.Field = field
		return Reading{Err: e}
	}
	return got
}

// Number returns the requirements' number field named field; known is false for no
// budget or a plan field left empty.
func (r Requirements) Number(field string) (x float64, known bool) {
	if v := r.planValue(field); v != nil {
		return *v, true
	}
	switch field {
	case "daily_volume":
		return float64(r.DailyVolume), true
	case "peak_multiplier":
		return r.PeakMultiplier, true
	case "target_response_s":
		return float64(r.TargetResponseS), true
	case "target_urgent_response_s":
		return float64(r.TargetUrgentResponseS), true
	case "target_fcr_pct":
		return r.TargetFCRPct, true
	case "target_resolution_h":
		return r.TargetResolutionH, true
	case "target_answer_pct":
		return r.TargetAnswerPct, true
	case "target_csat_pct":
		return r.TargetCSATPct, true
	case "target_bad_review_pct":
		return r.TargetBadReviewPct, true
	case "target_qa_pass_pct":
		return r.TargetQAPassPct, true
	case "target_conversion_pct":
		return r.TargetConversionPct, true
	case "budget_month":
		if r.BudgetMonth != nil {
			return *r.BudgetMonth, true
		}
	}
	return 0, false
}

// SetNumber sets the number field named field; known=false clears the budget.
func (r *Requirements) SetNumber(field string, x float64, known bool) {
	if slot := r.planSlot(field); slot != nil {
		*slot = nil
		if known {
			*slot = &x
		}
		return
	}
	switch field {
	case "daily_volume":
		r.DailyVolume = int(x)
	case "peak_multiplier":
		r.PeakMultiplier = x
	case "target_response_s":
		r.TargetResponseS = int(x)
	case "target_urgent_response_s":
		r.TargetUrgentResponseS = int(x)
	case "target_fcr_pct":
		r.TargetFCRPct = x
	case "target_resolution_h":
		r.TargetResolutionH = x
	case "target_answer_pct":
		r.TargetAnswerPct = x
	case "target_csat_pct":
		r.TargetCSATPct = x
	case "target_bad_review_pct":
		r.TargetBadReviewPct = x
	case "target_qa_pass_pct":
		r.TargetQAPassPct = x
	case "target_conversion_pct":
		r.TargetConversionPct = x
	case "budget_month":
		r.BudgetMonth = nil
		if known {
			r.BudgetMonth = &x
		}
	}
}
