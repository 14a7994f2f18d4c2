package rubric_test

import (
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/rubric"
)

// BenchmarkScore scores one vendor, as every keystroke that changes an answer does,
// over vendors of every quality and progress.
func BenchmarkScore(b *testing.B) {
	s := gen.Session(gen.Rand(1), 50)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		v := s.Vendors[i%len(s.Vendors)]
		_ = rubric.Score(s.Requirements, v.Answers, s.Profile)
	}
}
