package monitor

import (
	"time"

	"vendorvet/rubric"
)

// DefaultTrialDays is a trial's length unless chosen: the second article advises
// one to two months.
const DefaultTrialDays = 60

// Terms are what is chosen when a vendor's monitoring starts; everything else
// comes from the vendor's answers.
type Terms struct {
	From      time.Time
	TrialDays int
	// Kind is how the figures are cut; "" is by month.
	Kind PeriodKind
	// Definition is how the service level is counted; "" is DefaultSLDefinition.
	Definition SLDefinition
	// Fee, when FeeGiven, is the monthly fee as the contract states it, in place of
	// the one the quote comes to.
	Fee      float64
	FeeGiven bool
}

// Start is the engagement a chosen vendor starts on, the one way every front-end
// starts it: NewEngagement's targets from the vendor's step-5 commitments and fee
// from its step-6 quote, a the vendor's answers as the panel judges them (the
// consensus), with the terms chosen; without a trial the contract starts on the
// first day. It is checked by the store when stored.
func Start(r rubric.Requirements, a rubric.Answers, t Terms) Engagement {
	e := NewEngagement(r, a, t.From, t.TrialDays)
	if t.Kind != "" {
		e.Kind = t.Kind
	}
	if t.Definition != "" {
		e.SLA.Definition = t.Definition
	}
	if t.TrialDays == 0 {
		e.ContractStart = e.TrialStart // no trial: the contract starts at once
	}
	if t.FeeGiven {
		e.SLA.MonthlyFee, e.FeeSource, e.FeeBasis = t.Fee, FeeGiven, ""
	}
	return e
}
