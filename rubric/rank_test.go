package rubric

import (
	"math"
	"slices"
	"testing"
)

// cardOf builds a scorecard from raw dimension points under profile p.
func cardOf(p Profile, raw [4]int, band Band) Scorecard {
	c := Scorecard{Profile: p, Band: band}
	for d, dim := range Dimensions {
		c.Dimensions = append(c.Dimensions, DimensionScore{ID: dim.ID, Raw: raw[d], Max: dim.Max, Weight: p.Weights[d]})
	}
	c.Total = c.TotalUnder(p.Weights)
	if band == "" {
		c.Band = BandOf(c.Total, false)
	}
	return c
}

func TestRanking(t *testing.T) {
	p := DefaultProfile
	cards := []Scorecard{
		cardOf(p, [4]int{10, 20, 10, 10}, ""),           // 50
		cardOf(p, [4]int{20, 35, 25, 20}, Disqualified), // 100, knocked out
		cardOf(p, [4]int{15, 30, 20, 15}, ""),           // 80
		cardOf(p, [4]int{10, 20, 10, 10}, ""),           // 50, ties with 0
		cardOf(p, [4]int{5, 5, 5, 5}, Disqualified),     // 20, knocked out
		cardOf(p, [4]int{20, 30, 20, 15}, ""),           // 85
	}
	names := []string{"乙", "Top but out", "Beta", "Alpha", "Low and out", "Gamma"}
	got := Ranking(cards, names)
	// Best first; the tie at 50 by name ("Alpha" < "乙"); disqualified last, by total.
	if want := []int{5, 2, 3, 0, 1, 4}; !slices.Equal(got, want) {
		t.Errorf("ranking %v, want %v", got, want)
	}
	if got := Ranking(nil, nil); len(got) != 0 {
		t.Errorf("ranking of nothing: %v", got)
	}
}

func TestRankStability(t *testing.T) {
	p := DefaultProfile
	t.Run("fewer than two vendors in contention", func(t *testing.T) {
		// Two vendors of which one is disqualified have no order to test either:
		// the report once claimed this one stable while the screen said it could not be tested.
		one := cardOf(p, [4]int{1, 2, 3, 4}, "")
		out := cardOf(p, [4]int{20, 35, 25, 20}, Disqualified)
		for _, cards := range [][]Scorecard{nil, {one}, {one, out}, {out, out, one}} {
			st := RankStability(cards, []string{"a", "b", "c"}[:len(cards)], p)
			if st.Tested || !st.Stable || len(st.Flips) != 0 {
				t.Errorf("%d vendors: %+v, want untested", len(cards), st)
			}
		}
	})
	t.Run("far apart", func(t *testing.T) {
		cards := []Scorecard{cardOf(p, [4]int{14, 25, 18, 14}, ""), cardOf(p, [4]int{19, 33, 24, 19}, "")}
		st := RankStability(cards, []string{"weak", "strong"}, p)
		if !st.Tested || !st.Stable || len(st.Flips) != 0 || st.Top != [2]int{1, 0} {
			t.Errorf("%+v", st)
		}
	})
	t.Run("B +5 flips the top two", func(t *testing.T) {
		// X leads by 2 thanks to A, C and D; Y is 14 points better in B. With B at 40
		// the rest shrink by 60/65 and Y wins; every other shift keeps X ahead.
		x := cardOf(p, [4]int{20, 21, 25, 20}, "") // 86
		y := cardOf(p, [4]int{15, 35, 19, 15}, "") // 84
		third := cardOf(p, [4]int{5, 5, 5, 5}, "")
		names := []string{"X", "Y", "Z"}
		st := RankStability([]Scorecard{third, x, y}, []string{names[2], names[0], names[1]}, p)
		if st.Stable || !slices.Equal(st.Flips, []WeightShift{{"B", 5, [2]int{2, 1}}}) {
			t.Errorf("%+v, want unstable with exactly B +5", st)
		}
		// The same pair under B +5 really is in the other order.
		w := Shifted(p.Weights, 1, 5)
		if x.TotalUnder(w) >= y.TotalUnder(w) {
			t.Errorf("under %v: X %v, Y %v", w, x.TotalUnder(w), y.TotalUnder(w))
		}
	})
	t.Run("a disqualified leader does not count", func(t *testing.T) {
		cards := []Scorecard{cardOf(p, [4]int{20, 35, 25, 20}, Disqualified), cardOf(p, [4]int{19, 33, 24, 19}, ""), cardOf(p, [4]int{14, 25, 18, 14}, "")}
		st := RankStability(cards, []string{"a", "b", "c"}, p)
		if !st.Tested || !st.Stable || st.Top != [2]int{1, 2} {
			t.Errorf("%+v", st)
		}
	})
}

// Only vendors in contention are ranked against each other: a rejected, incomplete or
// disqualified vendor neither counts towards the two needed nor takes a place, even
// when its total is above a contender's or a weight shift would lift it.
func TestRankStabilityCountsOnlyContenders(t *testing.T) {
	p := DefaultProfile
	qualified := cardOf(p, [4]int{14, 25, 18, 14}, "") // 71
	excellent := cardOf(p, [4]int{19, 33, 24, 19}, "") // 95
	reject := cardOf(p, [4]int{20, 28, 20, 0}, "")     // 68, strong but for D
	incomplete := cardOf(p, [4]int{20, 35, 24, 0}, Incomplete)
	out := cardOf(p, [4]int{20, 35, 25, 20}, Disqualified)
	for _, r := range []struct {
		name   string
		cards  []Scorecard
		tested bool
		top    [2]int
	}{
		{"a qualified and a reject", []Scorecard{qualified, reject}, false, [2]int{}},
		{"a qualified and an incomplete ahead of it", []Scorecard{incomplete, qualified}, false, [2]int{}},
		{"an excellent and a disqualified", []Scorecard{out, excellent}, false, [2]int{}},
		{"one of each", []Scorecard{incomplete, reject, out, qualified, excellent}, true, [2]int{4, 3}},
	} {
		names := []string{"a", "b", "c", "d", "e"}[:len(r.cards)]
		st := RankStability(r.cards, names, p)
		if st.Tested != r.tested || !st.Stable || st.Top != r.top {
			t.Errorf("%s: %+v, want tested %v, top %v", r.name, st, r.tested, r.top)
		}
	}
	// Shifting D by −5 would lift the reject above the qualified vendor: it is not a
	// place in contention, so the ranking stays stable.
	if w := Shifted(p.Weights, 3, -ShiftStep); reject.TotalUnder(w) <= qualified.TotalUnder(w) {
		t.Fatalf("under %v the reject (%v) does not pass the qualified vendor (%v)", w, reject.TotalUnder(w), qualified.TotalUnder(w))
	}
}

func TestContenders(t *testing.T) {
	p := DefaultProfile
	cards := []Scorecard{
		cardOf(p, [4]int{1, 1, 1, 1}, Disqualified),
		cardOf(p, [4]int{1, 1, 1, 1}, ""),         // reject
		cardOf(p, [4]int{2, 2, 2, 2}, Incomplete), // unfinished
		cardOf(p, [4]int{14, 25, 18, 14}, ""),     // qualified
		cardOf(p, [4]int{19, 33, 24, 19}, ""),     // excellent
	}
	if got := Contenders(cards); got != 2 {
		t.Errorf("Contenders = %d, want 2", got)
	}
	if got := Ranked(cards); got != 4 {
		t.Errorf("Ranked = %d, want 4", got)
	}
}

func TestBestInRow(t *testing.T) {
	p := DefaultProfile
	in, out := cardOf(p, [4]int{14, 25, 18, 14}, ""), cardOf(p, [4]int{1, 1, 1, 1}, Disqualified)
	reject, open := cardOf(p, [4]int{1, 1, 1, 1}, ""), cardOf(p, [4]int{1, 1, 1, 1}, Incomplete)
	rows := []struct {
		name   string
		cards  []Scorecard
		values []float64 // NaN for a vendor without a value
		lower  bool
		want   Best
	}{
		{"highest wins", []Scorecard{in, in, in}, []float64{3, 7, 5}, false, Best{7, true}},
		{"lowest wins", []Scorecard{in, in, in}, []float64{3, 7, 5}, true, Best{3, true}},
		{"a disqualified vendor's value is never the best", []Scorecard{out, in, in}, []float64{99, 7, 5}, false, Best{7, true}},
		{"a rejected vendor's value is never the best", []Scorecard{reject, in, in}, []float64{99, 7, 5}, false, Best{7, true}},
		{"an incomplete vendor's value is never the best", []Scorecard{in, open, in}, []float64{3, 1, 5}, true, Best{3, true}},
		{"a single contender stands out from no one", []Scorecard{out, in}, []float64{99, 7}, false, Best{7, false}},
		{"nor from a reject and an incomplete", []Scorecard{reject, in, open}, []float64{1, 7, 2}, false, Best{7, false}},
		{"all level: no best", []Scorecard{in, in}, []float64{4, 4}, true, Best{4, false}},
		{"a missing value does not count", []Scorecard{in, in, in}, []float64{math.NaN(), 2, 2}, true, Best{2, false}},
		{"no contenders", []Scorecard{out, reject, open}, []float64{1, 2, 3}, false, Best{}},
	}
	for _, r := range rows {
		got := BestInRow(r.cards, func(i int) (float64, bool) { return r.values[i], !math.IsNaN(r.values[i]) }, r.lower)
		if got != r.want {
			t.Errorf("%s: %+v, want %+v", r.name, got, r.want)
		}
	}
	best := Best{7, true}
	if !best.Marks(in, 7) || best.Marks(out, 7) || best.Marks(reject, 7) || best.Marks(open, 7) || best.Marks(in, 5) || (Best{7, false}).Marks(in, 7) {
		t.Error("Marks marks the wrong cells")
	}
}

func TestShifted(t *testing.T) {
	weights := [][4]float64{
		DefaultProfile.Weights, RegulatedProfile.Weights,
		{25, 25, 25, 25}, {100, 0, 0, 0}, {0, 0, 0, 100}, {2, 3, 0, 95}, {33.3, 33.3, 33.4, 0},
	}
	for _, w := range weights {
		for d := range 4 {
			for _, delta := range []float64{-ShiftStep, ShiftStep, -100, 100} {
				got := Shifted(w, d, delta)
				sum := 0.0
				for i, v := range got {
					if v < 0 || v > 100 || math.IsNaN(v) {
						t.Errorf("Shifted(%v, %d, %v)[%d] = %v", w, d, delta, i, v)
					}
					sum += v
				}
				if math.Abs(sum-100) > 1e-9 {
					t.Errorf("Shifted(%v, %d, %v) = %v sums to %v", w, d, delta, got, sum)
				}
				if want := math.Min(100, math.Max(0, w[d]+delta)); got[d] != want {
					t.Errorf("Shifted(%v, %d, %v)[%d] = %v, want %v", w, d, delta, d, got[d], want)
				}
			}
		}
	}
	// The others keep their proportions: 35/25/20 of 80 become 35/25/20 of 75.
	got := Shifted(DefaultProfile.Weights, 0, 5)
	want := [4]float64{25, 35 * 75.0 / 80, 25 * 75.0 / 80, 20 * 75.0 / 80}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("Shifted(default, A, +5) = %v, want %v", got, want)
		}
	}
}

// TestTotalUnderMatchesScore: recomputing under the profile's own weights gives Score's total.
func TestTotalUnderMatchesScore(t *testing.T) {
	a := decodeAnswers(t, formatAnswers)
	for _, p := range []Profile{DefaultProfile, RegulatedProfile, {Name: "custom", Weights: [4]float64{33.3, 33.3, 33.4, 0}}} {
		card := Score(baseReq(), a, p)
		if got := card.TotalUnder(p.Weights); got != card.Total {
			t.Errorf("%s: TotalUnder %v, Score %v", p.Label(EN), got, card.Total)
		}
	}
}
