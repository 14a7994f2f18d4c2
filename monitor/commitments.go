package monitor

import (
	"slices"
	"time"

	"vendorvet/capacity"
	"vendorvet/rubric"
)

// Commitment is how one step-5 question becomes a target: the question, the KPI it
// holds the vendor to, and how its answer converts.
type Commitment struct {
	Question string
	KPI      KPI
	// Convert turns the committed value (as the question counts it) into the
	// target's (as the KPI does).
	Convert func(float64) float64
}

func pct(x float64) float64 { return x / 100 }

// Commitments are the step-5 commitments the dashboard's figures can check, in
// the order of KPIs:
//
//   - response_s, the committed average response time, is the service level's
//     threshold: answered within it counts as in the threshold; the target is the
//     share the capacity plan asks within it (chat's, else the phone's, 80 %
//     unless set). The service-level KPI is built apart (ServiceLevelTarget), as it
//     needs the plan.
//   - answer_pct → answer rate; fcr_pct → first-contact resolution; csat_pct →
//     CSAT; qa_pass_pct → QA pass rate; conversion_pct → inquiry conversion (only
//     where the question applies: e-commerce or the conversion goal).
//   - bad_review_pct → complaints per thousand contacts, ×10: a contact ending in a
//     bad review is the complaint the dashboard counts.
//
// The urgent response time and the average resolution time have no column in the
// dashboard's figures and are not checked here; abandonment and handle time have
// no commitment and take a target only when one is set by hand.
var Commitments = []Commitment{
	{"answer_pct", AnswerRate, pct},
	{"fcr_pct", FCR, pct},
	{"csat_pct", CSAT, pct},
	{"qa_pass_pct", QAPass, pct},
	{"bad_review_pct", ComplaintsPerK, func(x float64) float64 { return x * 10 }},
	{"conversion_pct", Conversion, pct},
}

// ServiceLevelQuestion is the step-5 question whose answer is the service level's
// threshold.
const ServiceLevelQuestion = "response_s"

// ServiceLevelTarget is the share the plan asks answered within the threshold:
// chat's when the company serves chat, else the phone's (rubric.Requirements'
// capacity plan, 80 % unless set).
func ServiceLevelTarget(r rubric.Requirements) float64 {
	queues := r.QueuesInUse()
	for _, q := range []string{"chat", "phone"} {
		if slices.Contains(queues, q) {
			x, _ := r.PlanNumber(q + "_sl_pct")
			return x / 100
		}
	}
	x, _ := r.PlanNumber("chat_sl_pct")
	return x / 100
}

// NewEngagement is the engagement a chosen vendor starts with: a trial of
// trialDays from the day given, monthly periods, the default service-level
// definition and credit schedule, a target for every step-5 commitment the vendor
// made (Commitments), and the monthly fee its step-6 quote comes to for a normal
// month at the company's volume (capacity's cheapest option), FeeUnknown when it
// cannot be worked out.
func NewEngagement(r rubric.Requirements, a rubric.Answers, from time.Time, trialDays int) Engagement {
	e := Engagement{
		TrialStart: Day(from), TrialDays: trialDays, Kind: Monthly,
		SLA: SLA{
			Definition: DefaultSLDefinition,
			Schedule:   DefaultSchedule,
		},
		FeeSource: FeeUnknown,
		Origins:   map[KPI]string{},
	}
	e.SLA.Schedule.Tiers = slices.Clone(DefaultSchedule.Tiers)
	if s, ok := a.Num(ServiceLevelQuestion); ok && s > 0 {
		e.ThresholdS = s
		e.SLA.Targets = append(e.SLA.Targets, Target{ServiceLevelKPI, ServiceLevelTarget(r)})
		e.Origins[ServiceLevelKPI] = ServiceLevelQuestion
	}
	for _, c := range Commitments {
		if q, ok := rubric.QuestionByID(c.Question); ok && !q.Applicable(r) {
			continue
		}
		if x, ok := a.Num(c.Question); ok {
			e.SLA.Targets = append(e.SLA.Targets, Target{c.KPI, c.Convert(x)})
			e.Origins[c.KPI] = c.Question
		}
	}
	e.SLA.Targets = SortTargets(e.SLA.Targets)
	c := r.Capacity()
	if best, ok := capacity.YearOf(r, c).Estimate(a).Best(); ok && best.NormalMonth > 0 {
		e.SLA.MonthlyFee, e.FeeSource, e.FeeBasis = best.NormalMonth, FeeFromQuote, best.Model
		if best.AsQuoted {
			e.FeeBasis = capacity.QuotedMonthPrice
		}
	}
	return e
}

// SortTargets puts targets in the order of KPIs.
func SortTargets(ts []Target) []Target {
	out := slices.Clone(ts)
	slices.SortStableFunc(out, func(a, b Target) int {
		return slices.Index(KPIs, a.KPI) - slices.Index(KPIs, b.KPI)
	})
	return out
}
