package monitor

import (
	"errors"
	"testing"
	"time"

	"vendorvet/rubric"
)

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Weeks are ISO weeks, months calendar months; a label of the other kind, or a
// 53rd week in a year of 52, does not read.
func TestPeriodSpans(t *testing.T) {
	for _, c := range []struct {
		kind       PeriodKind
		label      string
		start, end string
	}{
		{Monthly, "2027-02", "2027-02-01", "2027-03-01"},
		{Monthly, "2026-12", "2026-12-01", "2027-01-01"},
		{Weekly, "2027-W01", "2027-01-04", "2027-01-11"},
		{Weekly, "2026-W53", "2026-12-28", "2027-01-04"},
		{Weekly, "2025-W01", "2024-12-30", "2025-01-06"},
	} {
		start, end, err := c.kind.Span(c.label)
		if err != nil || !start.Equal(day(t, c.start)) || !end.Equal(day(t, c.end)) {
			t.Errorf("%s %s: %v – %v, %v", c.kind, c.label, start, end, err)
		}
		if got := c.kind.Label(start); got != c.label {
			t.Errorf("%s of %s is %s", c.kind, c.start, got)
		}
	}
	for _, c := range []struct {
		kind  PeriodKind
		label string
	}{{Monthly, "2027-W05"}, {Weekly, "2027-02"}, {Weekly, "2027-W53"}, {Monthly, "2027-13"}, {Monthly, "2027-2"}} {
		var e *Error
		if _, _, err := c.kind.Span(c.label); !errors.As(err, &e) || e.ZH == "" {
			t.Errorf("%s %q read: %v", c.kind, c.label, err)
		}
	}
}

// A trial alone is the engagement; a contract extends it, or leaves it open.
func TestWhichPeriodsAreInside(t *testing.T) {
	e := Engagement{TrialStart: day(t, "2027-01-10"), TrialDays: 60, Kind: Monthly,
		SLA: SLA{Definition: DefaultSLDefinition, Schedule: DefaultSchedule}, FeeSource: FeeUnknown}
	if err := e.Check(); err != nil {
		t.Fatal(err)
	}
	inside := func(label string) bool {
		in, err := e.Overlaps(label)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	// 60 days from 10 January: up to 10 March, not including it.
	if !inside("2027-01") || !inside("2027-03") || inside("2026-12") || inside("2027-04") {
		t.Error("the trial's months")
	}
	if !e.InTrial("2027-03") || e.InTrial("2027-04") {
		t.Error("the months of the trial")
	}
	e.ContractStart = day(t, "2027-03-11")
	if !inside("2030-01") {
		t.Error("a contract without an end runs on")
	}
	e.ContractEnd = day(t, "2027-12-31")
	if !inside("2027-12") || inside("2028-01") {
		t.Error("the contract's last month")
	}
	if err := e.CheckPeriod(Period{Label: "2028-01", Offered: 1}); err == nil {
		t.Error("a period after the contract was taken")
	}
	if err := e.CheckPeriod(Period{Label: "2027-05", Offered: 1, Answered: 2}); err == nil {
		t.Error("more answered than offered was taken")
	}
	for name, bad := range map[string]func(*Engagement){
		"contract before the trial": func(e *Engagement) { e.ContractStart = day(t, "2026-12-01") },
		"end before start":          func(e *Engagement) { e.ContractEnd = day(t, "2027-01-01") },
		"unknown definition":        func(e *Engagement) { e.SLA.Definition = "answered" },
		"share above 1":             func(e *Engagement) { e.SLA.Targets = []Target{{FCR, 85}} },
		"tiers out of order":        func(e *Engagement) { e.SLA.Schedule.Tiers = []Tier{{3, 5}, {1, 2}} },
		"trial of a year and more":  func(e *Engagement) { e.TrialDays = 400 },
		"a fortnight":               func(e *Engagement) { e.Kind = "fortnight" },
	} {
		x := e
		bad(&x)
		if err := x.Check(); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
}

// Missing months are filled in empty, and skipped; a week's credit is a share of a
// week's fee.
func TestEvaluateInTimeOrder(t *testing.T) {
	e := Engagement{TrialStart: day(t, "2027-01-01"), TrialDays: 120, Kind: Monthly,
		SLA: SLA{Definition: DefaultSLDefinition, Schedule: DefaultSchedule, MonthlyFee: 100000,
			Targets: []Target{{FCR, 0.85}}}}
	p := func(label string, fcr int) Period {
		return Period{Label: label, Offered: 100, Answered: 100, FirstContactResolved: fcr}
	}
	rs := e.Evaluate([]Period{p("2027-04", 82), p("2027-01", 90)})
	if len(rs) != 4 || rs[0].Period.Label != "2027-01" || !rs[1].Skipped || rs[2].Period.Label != "2027-03" || !rs[2].Skipped {
		t.Fatalf("%+v", rs)
	}
	// 3 points short: the 5 % tier of 100,000.
	if rs[3].Credit != 5000 {
		t.Errorf("April's credit %v", rs[3].Credit)
	}
	e.Kind = Weekly
	rs = e.Evaluate([]Period{p("2027-W02", 82)})
	near(t, "a week's credit", rs[0].Credit, 5000*7/(365.0/12))
}

// The article's vendor commits 30 s, 99.5 % answered, 85 % first-contact
// resolution; each becomes its target, and the quote its fee.
func TestNewEngagementFromCommitments(t *testing.T) {
	r := rubric.DefaultRequirements()
	r.Industry = "ecommerce"
	r.DailyVolume = 5000
	a := rubric.Answers{
		"response_s":        {Num: 30},
		"answer_pct":        {Num: 99.5},
		"fcr_pct":           {Num: 85},
		"csat_pct":          {Num: 92},
		"bad_review_pct":    {Num: 0.5},
		"conversion_pct":    {Num: 35},
		"billing_models":    {Set: []string{"per_volume"}},
		"price_per_contact": {Num: 2},
	}
	e := NewEngagement(r, a, time.Date(2027, 1, 1, 15, 4, 0, 0, time.FixedZone("CST", 8*3600)), 60)
	if err := e.Check(); err != nil {
		t.Fatal(err)
	}
	want := map[KPI]float64{ServiceLevelKPI: 0.8, AnswerRate: 0.995, FCR: 0.85, CSAT: 0.92, ComplaintsPerK: 5, Conversion: 0.35}
	if len(e.SLA.Targets) != len(want) {
		t.Errorf("targets %+v", e.SLA.Targets)
	}
	for _, tg := range e.SLA.Targets {
		near(t, string(tg.KPI), tg.Value, want[tg.KPI])
		if e.Origins[tg.KPI] == "" {
			t.Errorf("%s has no origin", tg.KPI)
		}
	}
	if e.ThresholdS != 30 || e.TrialStart.Format(DateLayout) != "2027-01-01" || e.TrialEnd().Format(DateLayout) != "2027-03-02" {
		t.Errorf("threshold %v, trial %v – %v", e.ThresholdS, e.TrialStart, e.TrialEnd())
	}
	// ¥2 × 5,000 contacts × 365/12 days.
	if e.FeeSource != FeeFromQuote || e.FeeBasis != "per_volume" {
		t.Errorf("fee from %s (%s)", e.FeeSource, e.FeeBasis)
	}
	near(t, "fee", e.SLA.MonthlyFee, 2*5000*365.0/12)

	// Without a price, no fee; a company that does not sell has no conversion target.
	r.Industry, r.Goals = "saas", nil
	e = NewEngagement(r, rubric.Answers{"conversion_pct": {Num: 35}}, time.Now(), 60)
	if e.FeeSource != FeeUnknown || len(e.SLA.Targets) != 0 {
		t.Errorf("fee %s, targets %+v", e.FeeSource, e.SLA.Targets)
	}
}

// The trial's verdict: kept, mostly kept, broken, or not measured; over only when
// the day or the figures reach its end.
func TestTrialVerdict(t *testing.T) {
	e := Engagement{TrialStart: day(t, "2027-01-01"), TrialDays: 59, Kind: Monthly,
		SLA: SLA{Definition: DefaultSLDefinition, Schedule: DefaultSchedule, MonthlyFee: 100000, Targets: []Target{{FCR, 0.85}}}}
	p := func(label string, fcr int) Period {
		return Period{Label: label, Offered: 100, Answered: 100, FirstContactResolved: fcr}
	}
	for _, c := range []struct {
		name    string
		periods []Period
		today   string
		ended   bool
		verdict Verdict
		credits float64
	}{
		{"kept", []Period{p("2027-01", 90), p("2027-02", 86)}, "2027-01-15", true, Kept, 0},
		{"one miss", []Period{p("2027-01", 82), p("2027-02", 86)}, "2027-03-01", true, KeptMostly, 5000},
		{"two in a row", []Period{p("2027-01", 82), p("2027-02", 84)}, "2027-03-01", true, Broken, 7000},
		{"not over", []Period{p("2027-01", 90)}, "2027-02-27", false, Kept, 0},
		{"no contacts", []Period{{Label: "2027-01"}, {Label: "2027-02"}}, "2027-03-01", true, Unmeasured, 0},
		// A contract month after the trial counts for nothing in it.
		{"after the trial", []Period{p("2027-01", 90), p("2027-02", 90), p("2027-03", 50)}, "2027-04-01", true, Kept, 0},
	} {
		e := e
		e.ContractStart = day(t, "2027-03-01")
		tr := e.Trial(e.Evaluate(c.periods), day(t, c.today))
		if tr.Ended != c.ended || tr.Verdict != c.verdict || tr.Credits != c.credits {
			t.Errorf("%s: ended %v, %s, credits %v", c.name, tr.Ended, tr.Verdict, tr.Credits)
		}
		if s := tr.Sentence(e.SLA.Schedule); s.ZH == "" || s.EN == "" {
			t.Errorf("%s: no sentence", c.name)
		}
	}
}
