package capacity

import (
	"math"
	"slices"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.4f, want %.4f", what, got, want)
	}
}

// phoneLine is a phone line around the clock: 4,800 calls a day, ten times that on
// the ten days of each of two promotions.
func phoneLine() rubric.Requirements {
	r := rubric.DefaultRequirements()
	r.Channels = []string{"phone"}
	r.ServiceHours = "7x24"
	r.DailyVolume = 4800
	r.PeakMultiplier = 10
	return r
}

func quote(kv ...any) rubric.Answers {
	a := rubric.Answers{}
	for i := 0; i < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case float64:
			a[kv[i].(string)] = rubric.Value{Num: v}
		case int:
			a[kv[i].(string)] = rubric.Value{Num: float64(v)}
		case []string:
			a[kv[i].(string)] = rubric.Value{Set: v}
		}
	}
	return a
}

// Every model's year worked out by hand from the volumes and the staff.
func TestEstimateEveryModelByHand(t *testing.T) {
	r := phoneLine()
	c := r.Capacity()
	if !c.Sized() {
		t.Fatal(c.Err)
	}
	y := YearOf(r, c)
	const dim = 365.0 / 12
	normalDays, peakDays := dim-10, 10.0
	normalContacts := 4800 * dim
	peakContacts := 4800 * (normalDays + 10*peakDays)
	yearContacts := 4800 * (365 + 2*10*9.0)
	near(t, "contacts a year", y.Contacts(), yearContacts)
	fte, peakFTE := math.Ceil(c.Need.FTE-1e-9), math.Ceil(c.Need.PeakFTE-1e-9)
	year := func(normal, peak float64) float64 { return 10*normal + 2*peak }

	cases := []struct {
		name         string
		a            rubric.Answers
		normal, peak float64
		withPackage  bool
		extraOptions int
	}{
		{"per contact", quote("billing_models", []string{"per_volume"}, PerContact, 2.5),
			2.5 * normalContacts, 2.5 * peakContacts, false, 0},
		{"per agent", quote("billing_models", []string{"per_seat"}, SeatMonth, 6000),
			6000 * fte, 6000 * (fte*normalDays + peakFTE*peakDays) / dim, false, 0},
		{"per hour", quote("billing_models", []string{"per_hour"}, PerHour, 30),
			30 * c.Need.AgentHours * dim, 30 * (c.Need.AgentHours*normalDays + c.Need.PeakAgentHours*peakDays), false, 0},
		{"fixed and variable", quote("billing_models", []string{"fixed_plus_variable"}, FixedMonth, 50000, VariableContact, 1),
			50000 + normalContacts, 50000 + peakContacts, false, 0},
		{"per contact with a package", quote("billing_models", []string{"per_volume", "promo_package"}, PerContact, 2.5, PromoPackage, 100000),
			2.5 * normalContacts, 2.5*normalContacts + 100000, true, 1},
	}
	for _, tc := range cases {
		e := y.Estimate(tc.a)
		if len(e.Options) != 1+tc.extraOptions {
			t.Fatalf("%s: %d options %+v", tc.name, len(e.Options), e.Options)
		}
		i := slices.IndexFunc(e.Options, func(o Option) bool { return o.WithPackage == tc.withPackage })
		o := e.Options[i]
		near(t, tc.name+" normal month", o.NormalMonth, tc.normal)
		near(t, tc.name+" peak month", o.PeakMonth, tc.peak)
		near(t, tc.name+" year", o.Annual, year(tc.normal, tc.peak))
		near(t, tc.name+" per contact", o.PerContact, year(tc.normal, tc.peak)/yearContacts)
	}
	// Paying per contact costs the price per contact, whatever the peaks.
	e := y.Estimate(cases[0].a)
	near(t, "per-contact price", e.Options[0].PerContact, 2.5)
}

// Hidden fees come every month, one-off fees once; the cheapest option comes first;
// a model offered without its price is named; nothing priced falls back to the
// vendor's own monthly figure.
func TestEstimateFeesOrderAndGaps(t *testing.T) {
	r := phoneLine()
	y := YearOf(r, r.Capacity())
	a := quote("billing_models", []string{"per_volume", "per_seat", "per_hour"},
		PerContact, 9.0, SeatMonth, 1000, HiddenFeesMonth, 5000, OneOffFees, 20000)
	e := y.Estimate(a)
	if len(e.Options) != 2 || e.Options[0].Model != "per_seat" || e.Options[1].Model != "per_volume" {
		t.Fatalf("options %+v", e.Options)
	}
	if !slices.Equal(e.Missing, []string{PerHour}) || e.MissingWords(rubric.EN) != "Per hour: price per agent hour" {
		t.Errorf("missing %v %q", e.Missing, e.MissingWords(rubric.EN))
	}
	bare := y.Estimate(quote("billing_models", []string{"per_volume"}, PerContact, 9.0))
	o, with := bare.Options[0], e.Options[1]
	near(t, "hidden fees a month", with.NormalMonth-o.NormalMonth, 5000)
	near(t, "fees in a year", with.Annual-o.Annual, 12*5000+20000)

	quoted := y.Estimate(quote("billing_models", []string{"per_hour"}, QuotedMonthPrice, 150000))
	if best, ok := quoted.Best(); !ok || !best.AsQuoted || best.NormalMonth != 150000 || best.Annual != 12*150000 {
		t.Errorf("as quoted: %+v", quoted.Options)
	}
	if _, ok := y.Estimate(rubric.Answers{}).Best(); ok {
		t.Error("a vendor with no price has a best option")
	}
	// Priced on staff with nothing sized (offline service only): said, not
	// guessed; a price per contact still stands.
	r.Channels = []string{"offline"}
	y = YearOf(r, r.Capacity())
	e = y.Estimate(quote("billing_models", []string{"per_seat", "per_volume"}, SeatMonth, 6000, PerContact, 2.0))
	if !e.NoStaff || len(e.Options) != 1 || e.Options[0].Model != "per_volume" {
		t.Errorf("per seat with nothing sized: %+v", e)
	}
	// Without a daily volume nothing is priced, not even a price per contact, which
	// would come to nothing and look cheapest.
	r.DailyVolume = 0
	y = YearOf(r, r.Capacity())
	if e := y.Estimate(quote("billing_models", []string{"per_volume"}, PerContact, 2.0, HiddenFeesMonth, 1000.0)); !e.NoVolume || len(e.Options) != 0 {
		t.Errorf("no volume: %+v", e)
	}
}

func TestCoverage(t *testing.T) {
	r := phoneLine()
	c := r.Capacity()
	need := c.Need.PeakAgents
	short := Cover(c, 10, quote("seats_peak", need-1, "seats_normal", c.Need.Agents))
	if short.Basis != BySeats || short.CoversPeak || short.PeakRatio >= 1 || short.Ratio != 1 {
		t.Errorf("one seat short: %+v", short)
	}
	enough := Cover(c, 10, quote("seats_peak", need, "seat_multiple", 2))
	if !enough.CoversPeak || enough.Basis != BySeats {
		t.Errorf("exactly enough seats (multiple ignored): %+v", enough)
	}
	byMultiple := Cover(c, 10, quote("seat_multiple", 10))
	if !byMultiple.CoversPeak || byMultiple.Basis != ByMultiple {
		t.Errorf("by multiple: %+v", byMultiple)
	}
	if u := Cover(c, 10, rubric.Answers{}); u.Basis != Unknown || u.CoversPeak {
		t.Errorf("unknown: %+v", u)
	}
	// 90 seats of 145 is 62 %, never rounded up to a cover.
	words := Coverage{Basis: BySeats, PeakSeats: 90, PeakRatio: 90.0 / 145}
	c.Need.PeakAgents = 145
	if got := words.Words(c, 10, rubric.EN); got != "peak seats 90 cover 62% of the 145 agents needed" {
		t.Errorf("words %q", got)
	}
	if got := rubric.PercentDown(0.9999); got != "99%" {
		t.Errorf("PercentDown(0.9999) = %s", got)
	}
}

// The sample session is the source article's apparel client (GMV 1.2亿, ten times the
// volume at 618 and 双11, around the clock): the vendor paid per hour with enough
// peak seats is the cheapest that carries the peak; the one short of seats is named
// with its share; the disqualified one, cheapest of all, is never named.
func TestApparelClient(t *testing.T) {
	s := demo.Session(rubric.EN)
	cards := make([]rubric.Scorecard, len(s.Vendors))
	for i, v := range s.Vendors {
		cards[i] = rubric.Score(s.Requirements, v.Answers, s.Profile)
	}
	cmp := Compare(s.Requirements, s.Vendors, cards)
	if !cmp.Capacity.Sized() {
		t.Fatal(cmp.Capacity.Err)
	}
	lines := cmp.Lines
	if !lines[0].Cover.CoversPeak || lines[1].Cover.CoversPeak || lines[2].Cover.Basis != ByMultiple || !lines[3].Out {
		t.Fatalf("coverage %+v", lines)
	}
	if got := lines[1].Cover.Words(cmp.Capacity, 10, rubric.EN); got != "peak seats 90 cover 62% of the 145 agents needed" {
		t.Errorf("short vendor: %q", got)
	}
	if cmp.Cheapest != 0 {
		t.Errorf("cheapest covering the peak: %d", cmp.Cheapest)
	}
	all, _ := lines[3].Cost.Best()
	for i := range lines[:3] {
		if o, _ := lines[i].Cost.Best(); o.Annual <= all.Annual {
			t.Errorf("the disqualified vendor is not the cheapest of all: %d", i)
		}
	}
	if cmp.CheapestAny == 3 {
		t.Error("a disqualified vendor was named cheapest")
	}
	best, _ := lines[0].Cost.Best()
	if best.Model != "per_hour" {
		t.Errorf("best option of the first vendor %+v", lines[0].Cost.Options)
	}
	if share, ok := cmp.BudgetShare(best.NormalMonth); !ok || share >= 1 {
		t.Errorf("the per-hour normal month %v against the budget: %v %v", best.NormalMonth, share, ok)
	}
	if w := EstimatedWords(cmp.Capacity, rubric.EN); w == "" {
		t.Error("no estimates named; the sample leaves shrinkage at its estimate")
	}
}

// Every billing model has its prices, and the promotion package's is its own.
func TestEveryModelIsPriced(t *testing.T) {
	for _, m := range rubric.BillingOptions {
		if len(modelPrices[m.Value]) == 0 {
			t.Errorf("%s has no price", m.Value)
		}
	}
	if !slices.Equal(modelPrices["fixed_plus_variable"], []string{FixedMonth, VariableContact}) {
		t.Errorf("fixed + variable: %v", modelPrices["fixed_plus_variable"])
	}
}
