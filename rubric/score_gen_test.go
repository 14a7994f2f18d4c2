package rubric_test

import (
	"fmt"
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/rubric"
)

// TestGoldenScorecardsOfGeneratedSessions scores the vendors of generated sessions —
// realistic companies and vendors of every quality, finished and stopped part-way —
// under each session's profile and a custom one, and compares the scorecards with
// those recorded in testdata.
func TestGoldenScorecardsOfGeneratedSessions(t *testing.T) {
	custom, err := rubric.CustomProfile(15, 40, 30, 15)
	if err != nil {
		t.Fatal(err)
	}
	type scored struct {
		Case string
		Card rubric.Scorecard
	}
	var cases []scored
	rng := gen.Rand(7)
	for n := range 8 {
		s := gen.Session(rng, 25)
		for i, v := range s.Vendors {
			p := s.Profile
			if i%5 == 4 {
				p = custom
			}
			cases = append(cases, scored{fmt.Sprintf("session %d, vendor %d, %s", n, i, p.Label(rubric.EN)), rubric.Score(s.Requirements, v.Answers, p)})
		}
	}
	rubric.CheckGolden(t, "scorecards_generated.json", cases)
}
