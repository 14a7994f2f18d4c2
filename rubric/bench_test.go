package rubric_test

import (
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
)

// BenchmarkScore scores one vendor, as every keystroke that changes an answer does,
// over vendors of every quality and progress. cpu-us is the process's processor time
// per score: on the shared machine ns/op also counts waiting for a processor.
func BenchmarkScore(b *testing.B) {
	s := gen.Session(gen.Rand(1), 50)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := latency.CPUTime()
	for i := range b.N {
		v := s.Vendors[i%len(s.Vendors)]
		_ = rubric.Score(s.Requirements, v.Answers, s.Profile)
	}
	b.ReportMetric(float64(latency.CPUTime()-cpu)/1e3/float64(b.N), "cpu-us")
}
