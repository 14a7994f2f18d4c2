package capacity

import (
	"testing"

	"vendorvet/demo"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
)

var sink Comparison

// BenchmarkCompareWhatIf is what one keystroke of the what-if screen computes: the
// volume changed, the need sized afresh (no memo can answer it), and fifty vendors'
// coverage and cost set beside it. cpu-us is processor time per keystroke.
func BenchmarkCompareWhatIf(b *testing.B) {
	s := demo.Session(rubric.EN)
	vendors := make([]rubric.Vendor, 0, 52)
	for len(vendors) < 50 {
		vendors = append(vendors, s.Vendors...)
	}
	vendors = vendors[:50]
	cards := make([]rubric.Scorecard, len(vendors))
	for i, v := range vendors {
		cards[i] = rubric.Score(s.Requirements, v.Answers, s.Profile)
	}
	r := s.Requirements
	b.ReportAllocs()
	b.ResetTimer()
	cpu := latency.CPUTime()
	for i := range b.N {
		r.DailyVolume = 5000 + i%997
		sink = Compare(r, vendors, cards)
	}
	b.ReportMetric(float64(latency.CPUTime()-cpu)/1e3/float64(b.N), "cpu-us")
}
