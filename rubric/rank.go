package rubric

import (
	"math"
	"sort"
)

// Ranking orders vendors best first: disqualified vendors last, then by total, then by
// name so that the order is stable. It returns indexes into cards.
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

// Contenders counts the vendors still in contention: those not disqualified. Ranking
// puts them first, so they are the first Contenders of its order.
func Contenders(cards []Scorecard) int {
	n := 0
	for _, c := range cards {
		if c.Band != Disqualified {
			n++
		}
	}
	return n
}

// WeightShift is one dimension weight moved by Delta points, the others re-normalised,
// and the first two places it gives (indexes into the cards ranked).
type WeightShift struct {
	Dim   string
	Delta float64
	Top   [2]int
}

// Stability says whether the top two keep their order under every ±5 weight shift,
// and which shifts change it. Tested is false when fewer than two vendors are in
// contention: there is then no order to test, and nothing may be claimed about it
// (Stable stays true, as nothing can change).
type Stability struct {
	Tested bool
	Stable bool
	Flips  []WeightShift
}

// ShiftStep is how far each weight is moved to test the ranking.
const ShiftStep = 5

// RankStability moves each dimension weight of profile by ±ShiftStep (the other three
// re-normalised to keep the sum at 100) and checks whether the first two places change.
// Only the vendors in contention take part: a disqualified vendor has no place to lose.
func RankStability(cards []Scorecard, names []string, profile Profile) Stability {
	st := Stability{Stable: true}
	if Contenders(cards) < 2 {
		return st
	}
	st.Tested = true
	base := Ranking(cards, names)
	for d := range Dimensions {
		for _, delta := range []float64{-ShiftStep, ShiftStep} {
			w := Shifted(profile.Weights, d, delta)
			totals := make([]float64, len(cards))
			for i, c := range cards {
				totals[i] = c.TotalUnder(w)
			}
			order := rankBy(cards, names, totals)
			if order[0] != base[0] || order[1] != base[1] {
				st.Stable = false
				st.Flips = append(st.Flips, WeightShift{Dimensions[d].ID, delta, [2]int{order[0], order[1]}})
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
// among the vendors in contention: a disqualified vendor's value is no one's
// benchmark. lowerIsBetter is for rows such as price and red flags.
func BestInRow(cards []Scorecard, value func(i int) (v float64, ok bool), lowerIsBetter bool) Best {
	var b Best
	seen := false
	for i, c := range cards {
		if c.Band == Disqualified {
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
	return b.Stands && v == b.Value && card.Band != Disqualified
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
var NoOrderToTest = Text{"未被否决的服务商不足两家,没有名次可检验。",
	"Fewer than two vendors are not disqualified: there is no order to test."}
