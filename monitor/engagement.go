package monitor

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"vendorvet/capacity"
)

// PeriodKind is how an engagement's figures are cut: by ISO week or by calendar
// month.
type PeriodKind string

const (
	// Weekly periods are ISO weeks, Monday to Sunday, labelled "2027-W05".
	Weekly PeriodKind = "week"
	// Monthly periods are calendar months, labelled "2027-02".
	Monthly PeriodKind = "month"
)

// ParsePeriodKind reads "week" or "month".
func ParsePeriodKind(s string) (PeriodKind, error) {
	switch PeriodKind(strings.ToLower(strings.TrimSpace(s))) {
	case Weekly:
		return Weekly, nil
	case Monthly:
		return Monthly, nil
	}
	return "", errf("period_kind", "周期须为 week 或 month，而不是 %q", "a period is a week or a month, not %q", s)
}

// DateLayout is how a day is written: 2027-01-04.
const DateLayout = "2006-01-02"

// ParseDate reads a day written YYYY-MM-DD, as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, errf("date", "日期须为 YYYY-MM-DD，而不是 %q", "a day is written YYYY-MM-DD, not %q", s)
	}
	return d, nil
}

// Day is t's calendar day as midnight UTC, so that days compare and count
// whatever the clock's zone.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Label is the period of kind k that day falls in.
func (k PeriodKind) Label(day time.Time) string {
	if k == Weekly {
		y, w := day.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
	return day.Format("2006-01")
}

// Span is the days of a period of kind k: from its first day up to, not
// including, end. A label that is not a period of that kind is an *Error naming it.
func (k PeriodKind) Span(label string) (start, end time.Time, err error) {
	bad := func() (time.Time, time.Time, error) {
		if k == Weekly {
			return time.Time{}, time.Time{}, errf("period", "周期 %q 不是 YYYY-Www 形式的一周（如 2027-W05）", "period %q is not a week written YYYY-Www (2027-W05)", label)
		}
		return time.Time{}, time.Time{}, errf("period", "周期 %q 不是 YYYY-MM 形式的月份（如 2027-02）", "period %q is not a month written YYYY-MM (2027-02)", label)
	}
	if k == Weekly {
		y, w, ok := strings.Cut(label, "-W")
		year, yerr := strconv.Atoi(y)
		week, werr := strconv.Atoi(w)
		if !ok || len(y) != 4 || len(w) != 2 || yerr != nil || werr != nil || week < 1 || week > 53 {
			return bad()
		}
		// ISO week 1 is the week with 4 January in it.
		jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		start = monday.AddDate(0, 0, 7*(week-1))
		if gy, gw := start.ISOWeek(); gy != year || gw != week {
			return bad() // a 53rd week in a year of 52
		}
		return start, start.AddDate(0, 0, 7), nil
	}
	start, perr := time.Parse("2006-01", label)
	if perr != nil || len(label) != 7 {
		return bad()
	}
	return start, start.AddDate(0, 1, 0), nil
}

// FeeSource says where an engagement's monthly fee comes from.
type FeeSource string

const (
	// FeeFromQuote: the vendor's step-6 quote, worked out for a normal month at the
	// company's volume (capacity.Year.Estimate, its cheapest option).
	FeeFromQuote FeeSource = "quote"
	// FeeGiven: typed in, as the contract states it.
	FeeGiven FeeSource = "given"
	// FeeUnknown: neither; credits are said in per cent of the fee only.
	FeeUnknown FeeSource = "none"
)

// MaxTrialDays bounds a trial: the articles advise one to two months.
const MaxTrialDays = 366

// Engagement is a chosen vendor under trial and then contract: its dates, how its
// figures are cut, and the SLA it is held to.
type Engagement struct {
	// TrialStart is the trial's first day; the trial runs TrialDays days (0: no
	// trial, the contract starts at once).
	TrialStart time.Time
	TrialDays  int
	// ContractStart and ContractEnd are the contract's first and last day; zero
	// until the contract is signed, ContractEnd zero for a contract that runs on.
	ContractStart, ContractEnd time.Time
	Kind                       PeriodKind
	SLA                        SLA
	// ThresholdS is the service level's threshold, in seconds: what "answered
	// within the threshold" in the dashboard's figures means; 0 when not known.
	ThresholdS float64
	FeeSource  FeeSource
	// FeeBasis is the billing model the fee was worked out from (FeeFromQuote).
	FeeBasis string
	// Origins names, for each KPI whose target came from a step-5 commitment, the
	// question it came from (Commitments); a target set by hand has none.
	Origins map[KPI]string
}

// TrialEnd is the first day after the trial.
func (e Engagement) TrialEnd() time.Time { return e.TrialStart.AddDate(0, 0, e.TrialDays) }

// End is the first day after the engagement; open is true for a contract that
// runs on. Without a contract the engagement is its trial.
func (e Engagement) End() (end time.Time, open bool) {
	switch {
	case e.ContractStart.IsZero():
		return e.TrialEnd(), false
	case e.ContractEnd.IsZero():
		return time.Time{}, true
	}
	end = e.ContractEnd.AddDate(0, 0, 1)
	if t := e.TrialEnd(); t.After(end) {
		end = t
	}
	return end, false
}

// Check refuses an engagement that cannot be: a trial too long, a contract that
// ends before it starts or starts before the trial, an unknown service-level
// definition, a target out of range, a schedule that does not add up.
func (e Engagement) Check() error {
	switch {
	case e.TrialStart.IsZero():
		return errf("from", "缺少试运营开始日期", "the trial's first day is missing")
	case e.TrialDays < 0 || e.TrialDays > MaxTrialDays:
		return errf("trial_days", "试运营天数须在 0 到 %d 之间", "a trial lasts 0 to %d days", MaxTrialDays)
	case e.TrialDays == 0 && e.ContractStart.IsZero():
		return errf("trial_days", "没有试运营时须给出合同开始日期", "without a trial the contract's first day is needed")
	case !e.ContractStart.IsZero() && e.ContractStart.Before(e.TrialStart):
		return errf("contract_start", "合同开始日期早于试运营开始日期", "the contract starts before the trial")
	case !e.ContractEnd.IsZero() && e.ContractStart.IsZero():
		return errf("contract_end", "有合同结束日期却没有开始日期", "the contract has an end but no start")
	case !e.ContractEnd.IsZero() && e.ContractEnd.Before(e.ContractStart):
		return errf("contract_end", "合同结束日期早于开始日期", "the contract ends before it starts")
	}
	if e.Kind != Weekly && e.Kind != Monthly {
		return errf("period_kind", "周期须为 week 或 month，而不是 %q", "a period is a week or a month, not %q", e.Kind)
	}
	if _, err := ParseSLDefinition(string(e.SLA.Definition)); err != nil {
		return err
	}
	if f := e.SLA.MonthlyFee; f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return errf("fee", "月服务费须为不小于 0 的金额", "the monthly fee must be an amount, zero or more")
	}
	if e.ThresholdS < 0 || math.IsNaN(e.ThresholdS) || math.IsInf(e.ThresholdS, 0) {
		return errf("threshold_s", "服务水平阈值须为不小于 0 的秒数", "the service level's threshold must be seconds, zero or more")
	}
	switch e.FeeSource {
	case FeeFromQuote, FeeGiven, FeeUnknown:
	default:
		return errf("fee", "未知的服务费来源 %q", "unknown source of the fee %q", e.FeeSource)
	}
	seen := map[KPI]bool{}
	for _, t := range e.SLA.Targets {
		if err := t.Check(); err != nil {
			return err
		}
		if seen[t.KPI] {
			return errf(string(t.KPI), "指标 %s 有两个目标", "%s has two targets", t.KPI)
		}
		seen[t.KPI] = true
	}
	return e.SLA.Schedule.Check()
}

// ParseKPI reads a KPI's name.
func ParseKPI(s string) (KPI, error) {
	k := KPI(strings.TrimSpace(s))
	if slices.Contains(KPIs, k) {
		return k, nil
	}
	names := make([]string, len(KPIs))
	for i, k := range KPIs {
		names[i] = string(k)
	}
	return "", errf("kpi", "未知的指标 %q（可选：%s）", "unknown KPI %q (%s)", s, strings.Join(names, ", "))
}

// Check refuses a target out of its KPI's range: a share from 0 to 1, seconds or
// complaints zero or more.
func (t Target) Check() error {
	if _, err := ParseKPI(string(t.KPI)); err != nil {
		return err
	}
	v := t.Value
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || t.KPI.IsShare() && v > 1 {
		return errf(string(t.KPI), "%s 的目标超出范围", "the target of %s is out of range", t.KPI)
	}
	return nil
}

// MaxSchedulePeriods bounds earn-back and chronic misses: a year of months.
const MaxSchedulePeriods = 52

// Check refuses a schedule that does not add up: tiers out of order, percentages
// outside 0–100, counts of periods below zero.
func (s Schedule) Check() error {
	pct := func(x float64) bool { return x >= 0 && x <= 100 && !math.IsNaN(x) }
	for i, t := range s.Tiers {
		if !(t.Shortfall > 0) || math.IsInf(t.Shortfall, 0) || !pct(t.Percent) || i > 0 && t.Shortfall <= s.Tiers[i-1].Shortfall {
			return errf("tiers", "扣款档位须按差距从小到大排列，差距大于 0，比例在 0 到 100 之间", "credit tiers rise by shortfall, each above 0, each percentage from 0 to 100")
		}
	}
	switch {
	case !pct(s.PerPoint):
		return errf("per_point", "每点扣款比例须在 0 到 100 之间", "the credit per point is a percentage from 0 to 100")
	case !pct(s.Cap):
		return errf("cap", "扣款上限须在 0 到 100 之间", "the cap is a percentage from 0 to 100")
	case s.EarnBack < 0 || s.EarnBack > MaxSchedulePeriods:
		return errf("earn_back", "返还所需周期数须在 0 到 %d 之间", "earn-back takes 0 to %d periods", MaxSchedulePeriods)
	case s.ChronicMisses < 0 || s.ChronicMisses > MaxSchedulePeriods:
		return errf("chronic_misses", "连续未达标周期数须在 0 到 %d 之间", "chronic misses are 0 to %d periods", MaxSchedulePeriods)
	}
	return nil
}

// TierFor is the tier a shortfall reaches on a tiered schedule; ok is false when
// the schedule is linear or the shortfall reaches none.
func (s Schedule) TierFor(shortfall float64) (Tier, bool) {
	var best Tier
	ok := false
	for _, t := range s.Tiers {
		if shortfall+1e-9 >= t.Shortfall && (!ok || t.Percent >= best.Percent) {
			best, ok = t, true
		}
	}
	return best, ok
}

// Overlaps reports whether the period label, of the engagement's kind, has a day
// in the engagement; a label that does not read is an *Error.
func (e Engagement) Overlaps(label string) (bool, error) {
	start, end, err := e.Kind.Span(label)
	if err != nil {
		return false, err
	}
	last, open := e.End()
	return end.After(e.TrialStart) && (open || start.Before(last)), nil
}

// InTrial reports whether the period label has a day in the trial.
func (e Engagement) InTrial(label string) bool {
	start, end, err := e.Kind.Span(label)
	return err == nil && end.After(e.TrialStart) && start.Before(e.TrialEnd())
}

// CheckPeriod refuses a period the engagement cannot hold: a label not of its
// kind, a period with no day in the engagement, figures that cannot be.
func (e Engagement) CheckPeriod(p Period) error {
	in, err := e.Overlaps(p.Label)
	if err != nil {
		return err
	}
	if !in {
		last, _ := e.End()
		return errf("period", "周期 %s 不在合作期内（%s 至 %s）", "period %s is outside the engagement (%s to %s)",
			p.Label, e.TrialStart.Format(DateLayout), last.AddDate(0, 0, -1).Format(DateLayout))
	}
	if perr := p.Check(); perr != nil {
		return &Error{perr.Field, "周期 " + p.Label + ":" + perr.ZH, "period " + p.Label + ": " + perr.EN}
	}
	return nil
}

// PeriodFee is what the credits of one period are a share of: the monthly fee,
// or for a week the monthly fee × 7 ÷ the days of an average month.
func (e Engagement) PeriodFee() float64 {
	if e.Kind == Weekly {
		return e.SLA.MonthlyFee * 7 / capacity.DaysInMonth
	}
	return e.SLA.MonthlyFee
}

// Sorted is the periods in time order, with every period missing between the
// first and the last put in empty (Skipped when evaluated): a gap in the figures
// is said as such, never taken for the periods on either side of it meeting.
func (e Engagement) Sorted(periods []Period) []Period {
	type dated struct {
		p     Period
		start time.Time
	}
	var ds []dated
	for _, p := range periods {
		start, _, err := e.Kind.Span(p.Label)
		if err != nil {
			continue // not a period of this engagement; CheckPeriod keeps such out
		}
		ds = append(ds, dated{p, start})
	}
	slices.SortStableFunc(ds, func(a, b dated) int { return a.start.Compare(b.start) })
	var out []Period
	for i, d := range ds {
		if i > 0 {
			_, prevEnd, _ := e.Kind.Span(ds[i-1].p.Label)
			// A gap of years in an open contract is bounded as a file is.
			for gap := prevEnd; gap.Before(d.start) && len(out) < MaxRows; {
				label := e.Kind.Label(gap)
				out = append(out, Period{Label: label})
				_, gap, _ = e.Kind.Span(label)
			}
		}
		out = append(out, d.p)
	}
	return out
}

// Evaluate works out the engagement's periods in time order (Sorted), each
// period's credits a share of PeriodFee.
func (e Engagement) Evaluate(periods []Period) []Result {
	sla := e.SLA
	sla.MonthlyFee = e.PeriodFee()
	return Evaluate(e.Sorted(periods), sla)
}

// QAEntry is one conversation sampled in a period's quality check (step 7): which
// one, its score on the checklist, what was found and what the vendor is to do.
type QAEntry struct {
	ID      int64 // the store's, 0 before it is stored
	Period  string
	Ref     string  // the conversation's ID or reference
	Score   float64 // on the checklist, 0 to 100
	Finding string
	Action  string
}

// MaxQAText bounds a finding or an action.
const MaxQAText = 2000

// Check refuses an entry without a conversation, with a score outside 0–100, or
// with text beyond MaxQAText.
func (q QAEntry) Check() error {
	switch {
	case strings.TrimSpace(q.Ref) == "":
		return errf("ref", "请写明抽检的会话编号或引用", "say which conversation was sampled")
	case math.IsNaN(q.Score) || q.Score < 0 || q.Score > 100:
		return errf("score", "质检评分须在 0 到 100 之间", "a checklist score is from 0 to 100")
	case len([]rune(q.Finding)) > MaxQAText || len([]rune(q.Action)) > MaxQAText || len([]rune(q.Ref)) > MaxQAText:
		return errf("finding", "文字过长（最多 %d 字）", "the text is too long (at most %d characters)", MaxQAText)
	}
	return nil
}

// Record is everything kept of an engagement: its terms, its periods' figures in
// time order, its QA log in the order entered.
type Record struct {
	Engagement
	Periods []Period
	QA      []QAEntry
}
