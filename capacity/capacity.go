// Package capacity sets what each vendor commits and charges beside what the
// company's volume needs: whether its seats carry the busiest half hour of a normal
// day and of the peak, and what its quote comes to for that volume, every billing
// model turned into the same figures (a normal month, a peak month, a year, a
// contact) so that vendors are compared like with like.
package capacity

import (
	"math"
	"slices"

	"vendorvet/rubric"
	"vendorvet/staffing"
)

// DaysInMonth is an average month.
const DaysInMonth = 365.0 / 12

// Coverage is how a vendor's committed seats compare with the agents needed.
type Coverage struct {
	// Seats and PeakSeats are what the vendor commits for the account at once;
	// HasSeats and HasPeakSeats say whether it did.
	Seats, PeakSeats       float64
	HasSeats, HasPeakSeats bool
	Ratio, PeakRatio       float64 // seats ÷ agents needed, when both are known
	Multiple               float64 // the stated expansion multiple, if no peak seats
	HasMultiple            bool
	// Basis says what the verdict on the peak rests on.
	Basis Basis
	// CoversPeak is the verdict: the peak seats carry the peak's busiest half hour,
	// or, without seats, the stated multiple reaches the peak multiple.
	CoversPeak bool
}

// Basis is what a peak verdict rests on.
type Basis int

const (
	// Unknown: neither seats nor a multiple, or no need to compare with.
	Unknown Basis = iota
	// BySeats: the committed peak seats against the agents needed.
	BySeats
	// ByMultiple: the stated expansion multiple against the peak multiple.
	ByMultiple
)

// Cover compares a vendor's answers with the need.
func Cover(c rubric.Capacity, peakMultiple float64, a rubric.Answers) Coverage {
	var cv Coverage
	cv.Seats, cv.HasSeats = a.Num("seats_normal")
	cv.PeakSeats, cv.HasPeakSeats = a.Num("seats_peak")
	cv.Multiple, cv.HasMultiple = a.Num("seat_multiple")
	sized := c.Sized()
	if sized && cv.HasSeats && c.Need.Agents > 0 {
		cv.Ratio = cv.Seats / float64(c.Need.Agents)
	}
	switch {
	case sized && cv.HasPeakSeats && c.Need.PeakAgents > 0:
		cv.PeakRatio = cv.PeakSeats / float64(c.Need.PeakAgents)
		cv.Basis, cv.CoversPeak = BySeats, cv.PeakRatio >= 1
	case cv.HasMultiple:
		cv.Basis, cv.CoversPeak = ByMultiple, cv.Multiple >= peakMultiple
	}
	return cv
}

// Year is the volume and staff a year of service takes: what every quote is priced
// on.
type Year struct {
	Daily        float64 // contacts on a normal day
	PeakMultiple float64
	// PeakMonths are the months with a peak, each holding PeakDays days of peak volume.
	PeakMonths, PeakDays float64
	// FTE and PeakFTE are the people to employ in a normal and in a peak week.
	FTE, PeakFTE float64
	// AgentHours and PeakAgentHours are agent hours on a normal and a peak service
	// day; ServiceDays the share of days with service (5 of 7 for 5×8).
	AgentHours, PeakAgentHours float64
	ServiceDays                float64
	Sized                      bool // the staff figures are known
}

// YearOf is the year the requirements describe.
func YearOf(r rubric.Requirements, c rubric.Capacity) Year {
	y := Year{
		Daily:        float64(r.DailyVolume),
		PeakMultiple: r.PeakMultiplier,
		PeakMonths:   c.PeakMonths,
		PeakDays:     math.Min(c.PeakDays, DaysInMonth),
		ServiceDays:  1,
	}
	if r.ServiceHours == "5x8" {
		y.ServiceDays = 5.0 / 7
	}
	if c.Sized() {
		y.Sized = true
		y.FTE, y.PeakFTE = math.Ceil(c.Need.FTE-1e-9), math.Ceil(c.Need.PeakFTE-1e-9)
		y.AgentHours, y.PeakAgentHours = c.Need.AgentHours, c.Need.PeakAgentHours
	}
	return y
}

// Contacts is a year's contacts: every day at the normal volume, the peak days at
// the peak's.
func (y Year) Contacts() float64 {
	return y.Daily * (365 + y.PeakMonths*y.PeakDays*(y.PeakMultiple-1))
}

// month is the days of a month at normal and at peak volume.
type month struct{ normal, peak float64 }

func (y Year) normalMonth() month { return month{DaysInMonth, 0} }
func (y Year) peakMonth() month   { return month{DaysInMonth - y.PeakDays, y.PeakDays} }

func (y Year) contacts(m month) float64 { return y.Daily * (m.normal + m.peak*y.PeakMultiple) }

// The prices a quote may give, by their questions.
const (
	SeatMonth        = "price_seat_month"
	PerContact       = "price_per_contact"
	PerHour          = "price_per_hour"
	FixedMonth       = "price_fixed_month"
	VariableContact  = "price_variable_contact"
	PromoPackage     = "price_promo_package"
	HiddenFeesMonth  = "hidden_fees_month"
	OneOffFees       = "one_off_fees"
	QuotedMonthPrice = "price_month"
)

// modelPrices are the prices each billing model needs, by model, as the questions
// say which models each price is part of.
var modelPrices = func() map[string][]string {
	m := map[string][]string{}
	for _, q := range rubric.Questions {
		for _, model := range q.Models {
			m[model] = append(m[model], q.ID)
		}
	}
	return m
}()

// Option is one way of paying a vendor, worked out for the year.
type Option struct {
	// Model is the billing model; WithPackage adds the promotion package for the
	// peaks, in place of paying the peak days by the model.
	Model       string
	WithPackage bool
	// AsQuoted is the vendor's own monthly figure, used when no model is priced:
	// it says nothing of the peak.
	AsQuoted                       bool
	NormalMonth, PeakMonth, Annual float64
	PerContact                     float64
}

// Estimate is a vendor's cost for the year.
type Estimate struct {
	// Options are the priced ways to pay, cheapest for the year first.
	Options []Option
	// Missing are the prices a model the vendor offers needs but did not give.
	Missing []string
	// HiddenMonth and OneOff are the fees outside the quote, in every option.
	HiddenMonth, OneOff float64
	// NoStaff: a model priced on staff cannot be worked out, as nothing is sized.
	NoStaff bool
	// NoVolume: without a daily volume no model can be worked out, nor the
	// vendor's own figure set beside the others.
	NoVolume bool
}

// Best is the cheapest option for the year; ok is false when nothing is priced.
func (e Estimate) Best() (Option, bool) {
	if len(e.Options) == 0 {
		return Option{}, false
	}
	return e.Options[0], true
}

// Estimate works out every billing model the vendor offers and priced.
func (y Year) Estimate(a rubric.Answers) Estimate {
	var e Estimate
	if y.Daily <= 0 {
		e.NoVolume = true
		return e
	}
	e.HiddenMonth, _ = a.Num(HiddenFeesMonth)
	e.OneOff, _ = a.Num(OneOffFees)
	models, _ := a.Set("billing_models")
	price := func(id string) (float64, bool) { return a.Num(id) }
	pkg, hasPkg := price(PromoPackage)
	hasPkg = hasPkg && slices.Contains(models, "promo_package")
	for _, model := range rubric.BillingOptions {
		id := model.Value
		if !slices.Contains(models, id) {
			continue
		}
		missing := false
		for _, p := range modelPrices[id] {
			if _, ok := price(p); !ok {
				e.Missing = append(e.Missing, p)
				missing = true
			}
		}
		if missing || id == "promo_package" {
			continue
		}
		cost, ok := y.monthly(id, a)
		if !ok {
			e.NoStaff = true
			continue
		}
		e.Options = append(e.Options, y.option(id, false, cost(y.normalMonth()), cost(y.peakMonth()), e))
		if hasPkg {
			// The package takes the peak's extra volume: the peak month costs a
			// normal month and the package.
			normal := cost(y.normalMonth())
			e.Options = append(e.Options, y.option(id, true, normal, normal+pkg, e))
		}
	}
	if len(e.Options) == 0 {
		if q, ok := price(QuotedMonthPrice); ok {
			o := y.option("", false, q, q, e)
			o.AsQuoted = true
			e.Options = append(e.Options, o)
		}
	}
	slices.SortStableFunc(e.Options, func(a, b Option) int {
		switch {
		case a.Annual < b.Annual:
			return -1
		case a.Annual > b.Annual:
			return 1
		}
		return 0
	})
	return e
}

// monthly is the cost function of a month under a billing model; ok is false when
// the model is priced on staff and nothing is sized.
func (y Year) monthly(model string, a rubric.Answers) (func(month) float64, bool) {
	p := func(id string) float64 { x, _ := a.Num(id); return x }
	switch model {
	case "per_volume":
		return func(m month) float64 { return p(PerContact) * y.contacts(m) }, true
	case "fixed_plus_variable":
		return func(m month) float64 { return p(FixedMonth) + p(VariableContact)*y.contacts(m) }, true
	case "per_seat":
		if !y.Sized {
			return nil, false
		}
		// Temporary peak seats are paid for the days they serve.
		return func(m month) float64 {
			return p(SeatMonth) * (y.FTE*m.normal + y.PeakFTE*m.peak) / DaysInMonth
		}, true
	case "per_hour":
		if !y.Sized {
			return nil, false
		}
		return func(m month) float64 {
			return p(PerHour) * (y.AgentHours*m.normal + y.PeakAgentHours*m.peak) * y.ServiceDays
		}, true
	}
	return nil, false
}

// option completes an option from its months' prices: hidden fees every month,
// one-off fees once, and the year.
func (y Year) option(model string, pkg bool, normal, peak float64, e Estimate) Option {
	o := Option{Model: model, WithPackage: pkg, NormalMonth: normal + e.HiddenMonth, PeakMonth: peak + e.HiddenMonth}
	months := math.Min(y.PeakMonths, 12)
	o.Annual = (12-months)*o.NormalMonth + months*o.PeakMonth + e.OneOff
	if c := y.Contacts(); c > 0 {
		o.PerContact = o.Annual / c
	}
	return o
}

// Line is one vendor in the capacity and cost comparison.
type Line struct {
	Name  string
	Cover Coverage
	Cost  Estimate
	// Out is a vendor that cannot be chosen: disqualified.
	Out bool
}

// Comparison is the capacity and cost section of a session.
type Comparison struct {
	Capacity rubric.Capacity
	Year     Year
	Budget   *float64
	Lines    []Line // in the session's order
	// Cheapest is the line of the cheapest vendor for the year that covers the
	// peak and is not disqualified; CheapestAny the cheapest of those priced that
	// are not disqualified, covered or not. -1 when there is none.
	Cheapest, CheapestAny int
}

// Compare builds the comparison of the vendors with their scorecards.
func Compare(r rubric.Requirements, vendors []rubric.Vendor, cards []rubric.Scorecard) Comparison {
	c := r.Capacity()
	cmp := Comparison{Capacity: c, Year: YearOf(r, c), Budget: r.BudgetMonth, Cheapest: -1, CheapestAny: -1}
	cmp.Lines = make([]Line, len(vendors))
	for i, v := range vendors {
		l := Line{Name: v.Name, Cover: Cover(c, r.PeakMultiplier, v.Answers), Cost: cmp.Year.Estimate(v.Answers)}
		l.Out = i < len(cards) && cards[i].Band == rubric.Disqualified
		cmp.Lines[i] = l
		best, ok := l.Cost.Best()
		if !ok || l.Out {
			continue
		}
		if cmp.CheapestAny < 0 || best.Annual < cmp.annual(cmp.CheapestAny) {
			cmp.CheapestAny = i
		}
		if l.Cover.CoversPeak && (cmp.Cheapest < 0 || best.Annual < cmp.annual(cmp.Cheapest)) {
			cmp.Cheapest = i
		}
	}
	return cmp
}

func (c Comparison) annual(i int) float64 {
	o, _ := c.Lines[i].Cost.Best()
	return o.Annual
}

// BudgetShare is a monthly figure as a share of the budget; ok is false without one.
func (c Comparison) BudgetShare(month float64) (float64, bool) {
	if c.Budget == nil || *c.Budget <= 0 {
		return 0, false
	}
	return month / *c.Budget, true
}

// Need is the staffing need in short, for callers that only show it.
func (c Comparison) Need() staffing.Need { return c.Capacity.Need }
