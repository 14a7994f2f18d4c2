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

// WeightShift is one dimension weight moved by Delta points, the others re-normalised.
type WeightShift struct {
	Dim   string
	Delta float64
}

// Stability says whether the top two keep their order under every ±5 weight shift,
// and which shifts change it.
type Stability struct {
	Stable bool
	Flips  []WeightShift
}

// ShiftStep is how far each weight is moved to test the ranking.
const ShiftStep = 5

// RankStability moves each dimension weight of profile by ±ShiftStep (the other three
// re-normalised to keep the sum at 100) and checks whether the first two places change.
func RankStability(cards []Scorecard, names []string, profile Profile) Stability {
	st := Stability{Stable: true}
	if len(cards) < 2 {
		return st
	}
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
				st.Flips = append(st.Flips, WeightShift{Dimensions[d].ID, delta})
			}
		}
	}
	return st
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
