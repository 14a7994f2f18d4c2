package rubric

import (
	"math"
	"sort"
)

// Ranking orders vendors best first: disqualified vendors last, then by total, then by
// name so that the order is stable. It returns indexes into cards.
//
// An incomplete vendor takes its place by its total like any other: the total is what
// is established, its verdict and potential say beside it that it may rise, and
// ordering by what is not yet known would move it on guesses. The store picks each
// session's leader from the cached band and total by this same order.
func Ranking(cards []Scorecard, names []string) []int {
	totals := make([]float64, len(cards))
	for i, c := range cards {
		totals[i] = c.Total
	}
	return rankBy(cards, names, totals)
}

func rankBy(cards []Scorecard, names []string, totals []float64) []int {
	order := make([]int, len(cards))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		da, db := cards[a].Band == Disqualified, cards[b].Band == Disqualified
		if da != db {
			return !da
		}
		if totals[a] != totals[b] {
			return totals[a] > totals[b]
		}
		return names[a] < names[b]
	})
	return order
}

// Ranked counts the vendors that Ranking gives a place: those not disqualified, which
// are the first Ranked of its order.
func Ranked(cards []Scorecard) int {
	n := 0
	for _, c := range cards {
		if c.Band != Disqualified {
			n++
		}
	}
	return n
}

// Contenders counts the vendors still in contention (Band.InContention): excellent or
// qualified, with a settled verdict. A rejected, disqualified or incomplete vendor is
// no candidate to recommend, to benchmark a row against or to rank against another.
func Contenders(cards []Scorecard) int {
	n := 0
	for _, c := range cards {
		if c.Band.InContention() {
			n++
		}
	}
	return n
}

// WeightShift is one dimension weight moved by Delta points, the others re-normalised,
// and the first two places it gives among the vendors in contention (indexes into the
// cards ranked).
type WeightShift struct {
	Dim   string
	Delta float64
	Top   [2]int
}

// Stability says whether the top two vendors in contention keep their order under
// every ±5 weight shift, and which shifts change it. Tested is false when fewer than
// two vendors are in contention: there is then no order to test, and nothing may be
// claimed about it (Stable stays true, as nothing can change).
type Stability struct {
	Tested bool
	Stable bool
	// Top are the first two vendors in contention under the profile itself (indexes
	// into the cards), when Tested.
	Top   [2]int
	Flips []WeightShift
}

// ShiftStep is how far each weight is moved to test the ranking.
const ShiftStep = 5

// RankStability moves each dimension weight of profile by ±ShiftStep (the other three
// re-normalised to keep the sum at 100) and checks whether the first two places among
// the vendors in contention change. The others take no part: a rejected, disqualified
// or incomplete vendor has no place to lose, and its band was set under the profile.
func RankStability(cards []Scorecard, names []string, profile Profile) Stability {
	st := Stability{Stable: true}
	var in []int // indexes into cards of the vendors in contention
	for i, c := range cards {
		if c.Band.InContention() {
			in = append(in, i)
		}
	}
	if len(in) < 2 {
		return st
	}
	st.Tested = true
	sub := make([]Scorecard, len(in))
	subNames := make([]string, len(in))
	for k, i := range in {
		sub[k], subNames[k] = cards[i], names[i]
	}
	base := Ranking(sub, subNames)
	st.Top = [2]int{in[base[0]], in[base[1]]}
	for d := range Dimensions {
		for _, delta := range []float64{-ShiftStep, ShiftStep} {
			w := Shifted(profile.Weights, d, delta)
			totals := make([]float64, len(sub))
			for k, c := range sub {
				totals[k] = c.TotalUnder(w)
			}
			order := rankBy(sub, subNames, totals)
			if order[0] != base[0] || order[1] != base[1] {
				st.Stable = false
				st.Flips = append(st.Flips, WeightShift{Dimensions[d].ID, delta, [2]int{in[order[0]], in[order[1]]}})
			}
		}
	}
	return st
}

// Best is the best value of a row of the comparison among the vendors in contention,
// and whether it stands out at all: with a single contender, or all of them level,
// no value is the best.
type Best struct {
	Value  float64
	Stands bool
}

// BestInRow finds the best value of a row (value gives card i's, ok false for none)
// among the vendors in contention: a rejected, disqualified or incomplete vendor's
// value is no one's benchmark. lowerIsBetter is for rows such as price and red flags.
func BestInRow(cards []Scorecard, value func(i int) (v float64, ok bool), lowerIsBetter bool) Best {
	var b Best
	seen := false
	for i, c := range cards {
		if !c.Band.InContention() {
			continue
		}
		v, ok := value(i)
		switch {
		case !ok:
		case !seen:
			b.Value, seen = v, true
		case v != b.Value:
			b.Stands = true
			if (v < b.Value) == lowerIsBetter {
				b.Value = v
			}
		}
	}
	return b
}

// Marks reports whether card's value v is the row's best and is marked so.
func (b Best) Marks(card Scorecard, v float64) bool {
	return b.Stands && v == b.Value && card.Band.InContention()
}

// Shifted moves weight d by delta (kept within 0..100) and scales the others so that
// the four still sum to 100.
func Shifted(w [4]float64, d int, delta float64) [4]float64 {
	nw := math.Min(100, math.Max(0, w[d]+delta))
	rest := 100 - w[d]
	out := w
	out[d] = nw
	for i := range out {
		if i == d {
			continue
		}
		if rest > 0 {
			out[i] = w[i] * (100 - nw) / rest
		} else {
			out[i] = (100 - nw) / 3
		}
	}
	return out
}

// TotalUnder recomputes the total from the raw dimension points under other weights,
// rounded the way Score rounds.
func (c Scorecard) TotalUnder(w [4]float64) float64 {
	t := 0
	for d, ds := range c.Dimensions {
		t += weightedTenths(ds.Raw, ds.Max, w[d])
	}
	return float64(t) / 10
}

// NoOrderToTest says why the stability of a ranking is not told.
var NoOrderToTest = Text{"仍在考虑之列(优质或合格,结论已定)的服务商不足两家,没有名次可检验。",
	"Fewer than two vendors are in contention (excellent or qualified, verdict settled): there is no order to test."}
