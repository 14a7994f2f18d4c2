package monitor

import (
	"math"
	"slices"
)

// Target is the level a vendor committed to for one KPI: a share (0.85) for the
// rates, seconds for handle time, complaints per thousand contacts.
type Target struct {
	KPI   KPI
	Value float64
}

// Tier is a step of a tiered credit schedule: a shortfall of at least Shortfall
// points costs Percent of the monthly fee.
type Tier struct {
	Shortfall, Percent float64
}

// Schedule is how a missed KPI costs the vendor. A shortfall is counted in points:
// percentage points below a share's target, or per cent worse than the target for
// handle time and complaints.
type Schedule struct {
	// Tiers, when given, make the schedule tiered: the highest tier a shortfall
	// reaches applies. Without them it is linear: PerPoint per cent of the fee for
	// each full point short.
	Tiers    []Tier
	PerPoint float64
	// Cap is the most, in per cent of the monthly fee, a period's credits may
	// reach altogether.
	Cap float64
	// EarnBack, when above 0, returns a KPI's credit once the KPI meets its target
	// in that many following periods with contacts; a miss among them forfeits it.
	EarnBack int
	// ChronicMisses, when above 0, is the number of consecutive periods with
	// contacts in which the same KPI missed that gives the client the right to
	// terminate.
	ChronicMisses int
}

// DefaultSchedule is the schedule an engagement starts with: the design note's
// example of tiers (a point short costs 2 % of the fee, three 5 %, five 10 %),
// capped at 10 %, no earn-back, and two consecutive misses of one KPI a chronic
// breach.
var DefaultSchedule = Schedule{
	Tiers:         []Tier{{1, 2}, {3, 5}, {5, 10}},
	Cap:           10,
	ChronicMisses: 2,
}

// Credit is the per cent of the monthly fee a shortfall costs under s.
func (s Schedule) Credit(shortfall float64) float64 {
	if shortfall <= 0 {
		return 0
	}
	if len(s.Tiers) == 0 {
		return math.Floor(shortfall+1e-9) * s.PerPoint
	}
	pct := 0.0
	for _, t := range s.Tiers {
		if shortfall+1e-9 >= t.Shortfall {
			pct = math.Max(pct, t.Percent)
		}
	}
	return pct
}

// SLA is what the contract holds the vendor to.
type SLA struct {
	Definition SLDefinition
	Targets    []Target
	Schedule   Schedule
	MonthlyFee float64 // what the credits are a share of
}

// Standing is how a period stands.
type Standing string

const (
	// Meets: every KPI with a target met it.
	Meets Standing = "meets"
	// Watch: a KPI missed, by less than costs a credit.
	Watch Standing = "watch"
	// Breach: a credit is owed.
	Breach Standing = "breach"
	// Chronic: a KPI missed in Schedule.ChronicMisses periods in a row; the client
	// may terminate.
	Chronic Standing = "chronic"
)

// Measured is one KPI of a period against its target.
type Measured struct {
	KPI             KPI
	Value           float64
	Known           bool // the period gives something to measure it by
	Target          float64
	HasTarget       bool
	Met             bool
	Shortfall       float64 // points short, when missed
	CreditPercent   float64 // of the monthly fee, before the cap
	ConsecutiveMiss int     // periods in a row it missed, this one included
}

// Result is one period worked out.
type Result struct {
	Period Period
	// Skipped is a period without contacts: no KPI, no credit, no standing.
	Skipped  bool
	KPIs     []Measured
	Standing Standing
	// Chronic names the KPIs missed in enough periods in a row to terminate.
	Chronic []KPI
	// CreditPercent is the period's credits, capped; Credit the amount.
	CreditPercent, Credit float64
	// EarnedBack is the amount returned in this period for credits earned back.
	EarnedBack float64
}

// Evaluate works the periods out in order under the SLA: each KPI against its
// target, the credits (capped per period), earn-backs, and each period's standing.
func Evaluate(periods []Period, sla SLA) []Result {
	out := make([]Result, len(periods))
	streak := map[KPI]int{}
	type pending struct {
		kpi    KPI
		amount float64
		since  int // periods met since
	}
	var owed []pending
	for i, p := range periods {
		r := Result{Period: p}
		if p.Empty() {
			r.Skipped = true
			out[i] = r
			continue
		}
		credit := 0.0
		missed := map[KPI]bool{}
		for _, k := range KPIs {
			m := Measured{KPI: k}
			m.Value, m.Known = p.Value(k, sla.Definition)
			if t, ok := targetOf(sla.Targets, k); ok {
				m.Target, m.HasTarget = t, true
			}
			if m.Known && m.HasTarget {
				m.Shortfall = shortfall(k, m.Value, m.Target)
				m.Met = m.Shortfall <= 0
				if !m.Met {
					m.CreditPercent = sla.Schedule.Credit(m.Shortfall)
					credit += m.CreditPercent
					missed[k] = true
					streak[k]++
				} else {
					streak[k] = 0
				}
				m.ConsecutiveMiss = streak[k]
			}
			r.KPIs = append(r.KPIs, m)
		}
		r.CreditPercent = credit
		if sla.Schedule.Cap > 0 {
			r.CreditPercent = math.Min(credit, sla.Schedule.Cap)
		}
		r.Credit = r.CreditPercent / 100 * sla.MonthlyFee

		// Earn-back: each KPI's credit, in its share of the capped amount, comes
		// back once the KPI has met its target in the periods that follow; a miss
		// among them forfeits it.
		if sla.Schedule.EarnBack > 0 {
			next := owed[:0]
			for _, o := range owed {
				if missed[o.kpi] {
					continue // forfeited: the credit stands
				}
				o.since++
				if o.since >= sla.Schedule.EarnBack {
					r.EarnedBack += o.amount
					continue
				}
				next = append(next, o)
			}
			owed = next
			for _, m := range r.KPIs {
				if m.CreditPercent > 0 && credit > 0 {
					owed = append(owed, pending{kpi: m.KPI, amount: r.Credit * m.CreditPercent / credit})
				}
			}
		}

		switch {
		case len(missed) == 0:
			r.Standing = Meets
		case r.CreditPercent == 0:
			r.Standing = Watch
		default:
			r.Standing = Breach
		}
		if n := sla.Schedule.ChronicMisses; n > 0 {
			for _, m := range r.KPIs {
				if m.ConsecutiveMiss >= n {
					r.Chronic = append(r.Chronic, m.KPI)
				}
			}
			if len(r.Chronic) > 0 {
				r.Standing = Chronic
			}
		}
		out[i] = r
	}
	return out
}

func targetOf(ts []Target, k KPI) (float64, bool) {
	i := slices.IndexFunc(ts, func(t Target) bool { return t.KPI == k })
	if i < 0 {
		return 0, false
	}
	return ts[i].Value, true
}

// shortfall is how far a value falls short of its target, in points: percentage
// points for a share, per cent worse than the target for handle time and
// complaints; 0 or less when met.
func shortfall(k KPI, value, target float64) float64 {
	gap := target - value
	if k.LowerIsBetter() {
		gap = value - target
	}
	switch {
	case k.IsShare():
		return gap * 100
	case target > 0:
		return gap / target * 100
	}
	return gap * 100
}
