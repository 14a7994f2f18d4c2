package monitor

import (
	"reflect"
	"testing"

	"vendorvet/rubric"
)

// Starting keeps the commitments' targets and the quote's fee, and takes the
// terms chosen over the defaults: the weeks, the definition, a fee as the
// contract states it.
func TestStartTakesTheChosenTerms(t *testing.T) {
	r := rubric.DefaultRequirements()
	r.Industry, r.DailyVolume = "ecommerce", 5000
	a := rubric.Answers{"response_s": {Num: 30}, "fcr_pct": {Num: 85},
		"billing_models": {Set: []string{"per_volume"}}, "price_per_contact": {Num: 2}}
	from := day(t, "2027-01-04")

	plain := Start(r, a, Terms{From: from, TrialDays: DefaultTrialDays})
	if want := NewEngagement(r, a, from, DefaultTrialDays); !reflect.DeepEqual(plain, want) {
		t.Errorf("without choices Start gives %+v, want NewEngagement's %+v", plain, want)
	}
	if plain.Kind != Monthly || plain.SLA.Definition != DefaultSLDefinition || plain.FeeSource != FeeFromQuote {
		t.Errorf("defaults: %s, %s, fee from %s", plain.Kind, plain.SLA.Definition, plain.FeeSource)
	}

	chosen := Start(r, a, Terms{From: from, TrialDays: 30, Kind: Weekly, Definition: AnsweredOnly, Fee: 180000, FeeGiven: true})
	if err := chosen.Check(); err != nil {
		t.Fatal(err)
	}
	if chosen.Kind != Weekly || chosen.SLA.Definition != AnsweredOnly || chosen.TrialDays != 30 {
		t.Errorf("chosen terms not taken: %s, %s, %d days", chosen.Kind, chosen.SLA.Definition, chosen.TrialDays)
	}
	if chosen.FeeSource != FeeGiven || chosen.SLA.MonthlyFee != 180000 || chosen.FeeBasis != "" {
		t.Errorf("fee %v from %s (%q), want 180000 as given", chosen.SLA.MonthlyFee, chosen.FeeSource, chosen.FeeBasis)
	}
	if !reflect.DeepEqual(chosen.SLA.Targets, plain.SLA.Targets) {
		t.Errorf("targets moved with the terms: %+v, want %+v", chosen.SLA.Targets, plain.SLA.Targets)
	}
}

// Without a trial the contract starts on the day chosen.
func TestStartWithoutATrialStartsTheContract(t *testing.T) {
	e := Start(rubric.DefaultRequirements(), rubric.Answers{"fcr_pct": {Num: 85}}, Terms{From: day(t, "2027-01-04")})
	if err := e.Check(); err != nil {
		t.Fatal(err)
	}
	if !e.ContractStart.Equal(day(t, "2027-01-04")) || e.TrialDays != 0 {
		t.Errorf("contract from %v after %d days of trial, want 2027-01-04 at once", e.ContractStart, e.TrialDays)
	}
}
