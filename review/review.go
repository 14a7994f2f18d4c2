// Package review renders the monthly business review of a vendor under trial or
// contract: its KPIs against what it promised, period by period, the misses and
// the service credits they cost and why, its standing with the rule behind it, the
// QA sampling's findings and actions, and the trial's verdict once the trial is
// over; as Markdown for the people who meet the vendor, and as JSON. It knows no
// database: it is given the engagement's record.
package review

import (
	"time"

	"vendorvet/monitor"
	"vendorvet/rubric"
)

// Format names the JSON document.
const Format = "vendorvet.review/1"

// Input is what a review is made of.
type Input struct {
	Session, Client, Vendor string
	Record                  monitor.Record
	// Through is the last period the review covers; "" for the last one stored.
	Through string
	// Today decides whether the trial is over when the figures do not reach its end.
	Today time.Time
	Lang  rubric.Lang
}

// Review is a review worked out: the document JSON gives, and what Markdown says.
type Review struct {
	Format  string `json:"format"`
	Lang    string `json:"lang"`
	Session string `json:"session"`
	Client  string `json:"client"`
	Vendor  string `json:"vendor"`
	// Through is the last period covered; "" when no figures are stored yet.
	Through    string     `json:"through"`
	Engagement Engagement `json:"engagement"`
	// KPIs are the promised and delivered values of every KPI with a target, in
	// the order of monitor.KPIs, and of the others that were measured.
	KPIs []KPITrend `json:"kpis"`
	// Periods are every period up to Through, in time order, gaps included.
	Periods []Period `json:"periods"`
	// Misses are every KPI that missed its target, period by period.
	Misses  []Miss  `json:"misses"`
	Credits Credits `json:"credits"`
	// Standing is that of the last period with contacts.
	Standing Standing  `json:"standing"`
	QA       []QAEntry `json:"qa"`
	// Trial is the trial's verdict once the trial is over; nil before.
	Trial *Trial `json:"trial"`
}

// Engagement is the terms, as the review states them.
type Engagement struct {
	TrialStart    string  `json:"trial_start"`
	TrialLast     string  `json:"trial_last_day"`
	TrialDays     int     `json:"trial_days"`
	ContractStart *string `json:"contract_start"`
	ContractEnd   *string `json:"contract_end"`
	PeriodKind    string  `json:"period_kind"`
	SLDefinition  string  `json:"sl_definition"`
	SLFormula     string  `json:"sl_formula"`
	// ThresholdS is the service level's threshold, nil when not known.
	ThresholdS *float64 `json:"threshold_s"`
	MonthlyFee *float64 `json:"monthly_fee"`
	// FeeSource is quote, given or none; FeeBasis the billing model a fee from
	// the quote was worked out from.
	FeeSource string   `json:"fee_source"`
	FeeBasis  string   `json:"fee_basis,omitempty"`
	PeriodFee *float64 `json:"period_fee"`
	Schedule  Schedule `json:"schedule"`
}

// Schedule is the credit schedule.
type Schedule struct {
	Tiers         []Tier  `json:"tiers"`
	PerPoint      float64 `json:"per_point"`
	Cap           float64 `json:"cap"`
	EarnBack      int     `json:"earn_back"`
	ChronicMisses int     `json:"chronic_misses"`
	Words         string  `json:"words"`
}

// Tier is a step of a tiered schedule: a shortfall of at least Shortfall points
// costs Percent of the fee.
type Tier struct {
	Shortfall float64 `json:"shortfall"`
	Percent   float64 `json:"percent"`
}

// KPITrend is one KPI across the periods: what was promised and what came.
type KPITrend struct {
	KPI  string `json:"kpi"`
	Name string `json:"name"`
	// Target is nil for a KPI without one; Origin the step-5 question it was
	// committed in, "" when set by hand.
	Target    *float64    `json:"target"`
	Origin    string      `json:"origin,omitempty"`
	Delivered []Delivered `json:"delivered"`
}

// Delivered is one period's value of a KPI: nil when the period gives nothing to
// measure it by; Met nil without a target.
type Delivered struct {
	Period string   `json:"period"`
	Value  *float64 `json:"value"`
	Met    *bool    `json:"met"`
}

// Period is one period's outcome.
type Period struct {
	Period  string `json:"period"`
	InTrial bool   `json:"in_trial"`
	// Skipped: no contacts, or no figures stored; nothing is scored.
	Skipped  bool     `json:"skipped"`
	Stored   bool     `json:"stored"`
	Standing string   `json:"standing"`
	Rule     string   `json:"rule"`
	Chronic  []string `json:"chronic"`
	// CreditPercentBeforeCap is the sum of the misses' percentages; CreditPercent
	// what is owed after the cap.
	CreditPercentBeforeCap float64 `json:"credit_percent_before_cap"`
	CapApplied             bool    `json:"cap_applied"`
	CreditPercent          float64 `json:"credit_percent"`
	Credit                 float64 `json:"credit"`
	EarnedBack             float64 `json:"earned_back"`
}

// Miss is one KPI short of its target in one period, and what it costs.
type Miss struct {
	Period    string  `json:"period"`
	KPI       string  `json:"kpi"`
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Target    float64 `json:"target"`
	Shortfall float64 `json:"shortfall"`
	// Tier is the tier reached on a tiered schedule; nil on a linear one or when
	// the miss reaches none.
	Tier          *Tier   `json:"tier"`
	CreditPercent float64 `json:"credit_percent"`
	// Credit is its share of the period's credit, after the cap.
	Credit float64 `json:"credit"`
	// InARow is how many periods in a row the KPI has missed, this one included.
	InARow int    `json:"in_a_row"`
	Why    string `json:"why"`
}

// Credits are the totals over the periods covered.
type Credits struct {
	Owed       float64 `json:"owed"`
	EarnedBack float64 `json:"earned_back"`
	Net        float64 `json:"net"`
	// Known is false when the fee is not known: the credits are then per cent only.
	Known bool `json:"known"`
}

// Standing is where the engagement stands.
type Standing struct {
	Period   string   `json:"period"`
	Standing string   `json:"standing"`
	Name     string   `json:"name"`
	Rule     string   `json:"rule"`
	Chronic  []string `json:"chronic"`
	// Terminate: the client has the right to terminate.
	Terminate bool `json:"terminate"`
	// Rules say every standing's rule, best first.
	Rules []StandingRule `json:"rules"`
}

// StandingRule is one standing and when a period has it.
type StandingRule struct {
	Standing string `json:"standing"`
	Name     string `json:"name"`
	Rule     string `json:"rule"`
}

// QAEntry is one sampled conversation.
type QAEntry struct {
	Period  string  `json:"period"`
	Ref     string  `json:"ref"`
	Score   float64 `json:"score"`
	Finding string  `json:"finding"`
	Action  string  `json:"action"`
}

// Trial is the trial measured.
type Trial struct {
	Verdict    string       `json:"verdict"`
	Periods    int          `json:"periods"`
	MetAll     int          `json:"periods_meeting_every_target"`
	KPIs       []TrialTally `json:"kpis"`
	Credits    float64      `json:"credits"`
	EarnedBack float64      `json:"earned_back"`
	Worst      string       `json:"worst_standing"`
	Chronic    []string     `json:"chronic"`
	Sentence   string       `json:"sentence"`
}

// TrialTally is one KPI over the trial.
type TrialTally struct {
	KPI      string  `json:"kpi"`
	Target   float64 `json:"target"`
	Met      int     `json:"met"`
	Measured int     `json:"measured"`
}
