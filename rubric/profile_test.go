package rubric

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestNamedProfiles(t *testing.T) {
	for _, c := range []struct {
		name string
		want [4]float64
		ok   bool
	}{
		{"default", [4]float64{20, 35, 25, 20}, true},
		{"", [4]float64{20, 35, 25, 20}, true},
		{"regulated", [4]float64{30, 30, 20, 20}, true},
		{"custom", [4]float64{}, false},
		{"Regulated", [4]float64{}, false},
	} {
		p, ok := ProfileByName(c.name)
		if ok != c.ok || p.Weights != c.want {
			t.Errorf("ProfileByName(%q) = %v %v", c.name, p, ok)
		}
		if ok && p.Validate() != nil {
			t.Errorf("profile %q is invalid: %v", c.name, p.Validate())
		}
	}
	// The default profile weights each dimension at its maximum: weighted = raw.
	for d, dim := range Dimensions {
		if DefaultProfile.Weights[d] != float64(dim.Max) {
			t.Errorf("default weight of %s is %v, max %d", dim.ID, DefaultProfile.Weights[d], dim.Max)
		}
	}
}

func TestCustomProfileValidation(t *testing.T) {
	for _, c := range []struct {
		name       string
		a, b, c, d float64
		wantErr    string
	}{
		{"quarters", 25, 25, 25, 25, ""},
		{"all on one", 0, 0, 0, 100, ""},
		{"tenths", 33.3, 33.3, 33.4, 0, ""},
		{"negative", -5, 45, 30, 30, "non-negative"},
		{"NaN", math.NaN(), 40, 30, 30, "non-negative"},
		{"infinite", math.Inf(1), 40, 30, 30, "non-negative"},
		{"sum 99.9", 30, 30, 20, 19.9, "sum to 100"},
		{"sum 100.1", 30, 30, 20, 20.1, "sum to 100"},
		{"sum 0", 0, 0, 0, 0, "sum to 100"},
		{"sum 200", 50, 50, 50, 50, "sum to 100"},
	} {
		p, err := CustomProfile(c.a, c.b, c.c, c.d)
		if c.wantErr == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if p.Name != "custom" || p.Weights != [4]float64{c.a, c.b, c.c, c.d} {
				t.Errorf("%s: %+v", c.name, p)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.wantErr)
		}
	}
}

func TestWeighting(t *testing.T) {
	a := decodeAnswers(t, formatAnswers) // raw 17 / 20 / 13 / 15
	req := DefaultRequirements()
	if err := jsonUnmarshal(formatRequirements, &req); err != nil {
		t.Fatal(err)
	}
	q, _ := CustomProfile(25, 25, 25, 25)
	odd, _ := CustomProfile(33.3, 33.3, 33.4, 0)
	for _, c := range []struct {
		profile Profile
		dims    [4]float64
		total   float64
	}{
		{DefaultProfile, [4]float64{17, 20, 13, 15}, 65},
		// 17/20×30 = 25.5, 20/35×30 = 17.142…, 13/25×20 = 10.4, 15/20×20 = 15.
		{RegulatedProfile, [4]float64{25.5, 17.1, 10.4, 15}, 68},
		// 21.25 → 21.3 (half away from zero), 14.285… → 14.3, 13, 18.75 → 18.8.
		{q, [4]float64{21.3, 14.3, 13, 18.8}, 67.4},
		// 28.305 → 28.3, 19.028… → 19, 17.368 → 17.4, 0.
		{odd, [4]float64{28.3, 19, 17.4, 0}, 64.7},
	} {
		card := Score(req, a, c.profile)
		checkCard(t, card)
		for d, ds := range card.Dimensions {
			if ds.Points != c.dims[d] || ds.Weight != c.profile.Weights[d] {
				t.Errorf("%s: dimension %s = %v (weight %v), want %v", c.profile.Label(EN), ds.ID, ds.Points, ds.Weight, c.dims[d])
			}
		}
		if card.Total != c.total {
			t.Errorf("%s: total %v, want %v", c.profile.Label(EN), card.Total, c.total)
		}
		if card.Profile != c.profile {
			t.Errorf("scorecard keeps profile %+v", card.Profile)
		}
	}
}

// TestTotalIsTheSumOfDimensions: the total is exactly the sum of the rounded
// dimensions, printed with at most one decimal, for every raw score and many weights.
func TestTotalIsTheSumOfDimensions(t *testing.T) {
	profiles := []Profile{DefaultProfile, RegulatedProfile}
	for _, w := range [][4]float64{{33.3, 33.3, 33.4, 0}, {10.1, 20.2, 30.3, 39.4}, {0.1, 0.2, 0.3, 99.4}, {17, 33, 29, 21}} {
		p, err := CustomProfile(w[0], w[1], w[2], w[3])
		if err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, p)
	}
	for _, p := range profiles {
		for raw := 0; raw <= 35; raw++ {
			card := Scorecard{Profile: p}
			tenths := 0
			for d, dim := range Dimensions {
				r := min(raw, dim.Max)
				// Exact reference in integers: the weights here are whole tenths, so
				// raw × weight ÷ max in tenths is r×W/max, rounded half up.
				W := int(math.Round(p.Weights[d] * 10))
				want := float64((2*r*W+dim.Max)/(2*dim.Max)) / 10
				got := float64(weightedTenths(r, dim.Max, p.Weights[d])) / 10
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: %d/%d weighted %v, want %v", p.Label(EN), r, dim.Max, got, want)
				}
				card.Dimensions = append(card.Dimensions, DimensionScore{ID: dim.ID, Raw: r, Max: dim.Max})
				tenths += weightedTenths(r, dim.Max, p.Weights[d])
			}
			total := card.TotalUnder(p.Weights)
			if total != float64(tenths)/10 {
				t.Errorf("%s raw %d: total %v, tenths %d", p.Label(EN), raw, total, tenths)
			}
			if s := strconv.FormatFloat(total, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.Index(s, ".") > 2 {
				t.Errorf("%s raw %d: total prints as %s", p.Label(EN), raw, s)
			}
		}
	}
}

func TestProfileLabel(t *testing.T) {
	custom, _ := CustomProfile(33.3, 33.3, 33.4, 0)
	for _, c := range []struct {
		p    Profile
		lang Lang
		want string
	}{
		{DefaultProfile, EN, "default 20/35/25/20"},
		{DefaultProfile, ZH, "默认 20/35/25/20"},
		{RegulatedProfile, EN, "regulated 30/30/20/20"},
		{RegulatedProfile, ZH, "强监管 30/30/20/20"},
		{custom, EN, "custom 33.3/33.3/33.4/0"},
		{custom, ZH, "自定义 33.3/33.3/33.4/0"},
		{Profile{Name: "board", Weights: [4]float64{40, 20, 20, 20}}, ZH, "board 40/20/20/20"},
	} {
		if got := c.p.Label(c.lang); got != c.want {
			t.Errorf("Label(%s) = %q, want %q", c.lang, got, c.want)
		}
	}
}

func TestCustomWeightsAreTenths(t *testing.T) {
	if _, err := CustomProfile(33.35, 33.35, 33.3, 0); err == nil {
		t.Fatal("33.35 accepted: a full scorecard would total 100.1")
	}
	p, err := CustomProfile(33.4, 33.3, 33.3, 0)
	if err != nil {
		t.Fatal(err)
	}
	full := Score(fullRequirementsForTenths(), bestAnswersForTenths(), p)
	if full.Total != 100 {
		t.Errorf("full marks under 33.4/33.3/33.3/0 total %v, want 100", full.Total)
	}
	var fe *FieldError
	if _, err := CustomProfile(-1, 51, 25, 25); !errors.As(err, &fe) || fe.Message.ZH == "" {
		t.Errorf("a negative weight gives %v, want a bilingual FieldError", err)
	}
}

func fullRequirementsForTenths() Requirements {
	r := DefaultRequirements()
	r.Channels = []string{"web"}
	return r
}

// bestAnswersForTenths answers every question at its best.
func bestAnswersForTenths() Answers {
	return bestCase(fullRequirementsForTenths(), Answers{"hidden_fees_reviewed": {Tri: Yes}})
}
