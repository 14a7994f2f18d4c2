package ui

import "testing"

func TestSparkline(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []float64
		known  []bool
		want   string
	}{
		{"lowest to highest", []float64{0, 1, 2, 3, 4, 5, 6, 7}, []bool{true, true, true, true, true, true, true, true}, "▁▂▃▄▅▆▇█"},
		{"scaled to its own range", []float64{0.81, 0.85, 0.84}, []bool{true, true, true}, "▁█▆"},
		{"falling", []float64{90, 10}, []bool{true, true}, "█▁"},
		{"a gap is said", []float64{1, 0, 3}, []bool{true, false, true}, "▁·█"},
		{"all alike", []float64{0.5, 0.5}, []bool{true, true}, "▄▄"},
		{"one value", []float64{7}, []bool{true}, "▄"},
		{"nothing known", []float64{0, 0}, []bool{false, false}, "··"},
		{"none", nil, nil, ""},
	} {
		if got := sparkline(c.values, c.known); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
