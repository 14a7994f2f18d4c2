package rubric

import (
	"fmt"
	"math"
)

// Profile weights the four dimensions; the weights sum to 100. A dimension's weighted
// points are its raw points ÷ its maximum × its weight.
type Profile struct {
	// Name is "default", "regulated" or "custom".
	Name    string
	Weights [4]float64 // A, B, C, D
}

// DefaultProfile is the articles' 20/35/25/20.
var DefaultProfile = Profile{Name: "default", Weights: [4]float64{20, 35, 25, 20}}

// RegulatedProfile puts compliance first for finance and healthcare.
var RegulatedProfile = Profile{Name: "regulated", Weights: [4]float64{30, 30, 20, 20}}

// ProfileByName returns a named profile.
func ProfileByName(name string) (Profile, bool) {
	switch name {
	case "default", "":
		return DefaultProfile, true
	case "regulated":
		return RegulatedProfile, true
	}
	return Profile{}, false
}

// CustomProfile validates four weights and returns a custom profile.
func CustomProfile(a, b, c, d float64) (Profile, error) {
	p := Profile{Name: "custom", Weights: [4]float64{a, b, c, d}}
	return p, p.Validate()
}

// Validate checks that the weights are four non-negative numbers with at most one
// decimal, summing to 100. Tenths keep the weighted total exact: with 33.35 a full
// scorecard would round to 100.1.
func (p Profile) Validate() error {
	sum := 0.0
	for i, w := range p.Weights {
		id := Dimensions[i].ID
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return &FieldError{"profile." + id, Text{
				fmt.Sprintf("权重 %s 须为非负数", id), fmt.Sprintf("weight %s must be a non-negative number", id)}}
		}
		if t := w * 10; math.Abs(t-math.Round(t)) > 1e-6 {
			return &FieldError{"profile." + id, Text{
				fmt.Sprintf("权重 %s 最多一位小数", id), fmt.Sprintf("weight %s may have at most one decimal", id)}}
		}
		sum += w
	}
	if math.Abs(sum-100) > 1e-6 {
		total := FormatNumber(math.Round(sum*1000) / 1000)
		return &FieldError{"profile", Text{"四项权重之和须为 100,现为 " + total, "weights must sum to 100, not " + total}}
	}
	return nil
}

// Label names the profile with its weights, e.g. "default 20/35/25/20".
func (p Profile) Label(lang Lang) string {
	names := map[string]Text{
		"default":   {"默认", "default"},
		"regulated": {"强监管", "regulated"},
		"custom":    {"自定义", "custom"},
	}
	n, ok := names[p.Name]
	if !ok {
		n = Text{p.Name, p.Name}
	}
	w := p.Weights
	return fmt.Sprintf("%s %s/%s/%s/%s", n.In(lang), FormatNumber(w[0]), FormatNumber(w[1]), FormatNumber(w[2]), FormatNumber(w[3]))
}
