package rubric_test

import (
	"fmt"
	"reflect"
	"testing"

	"vendorvet/internal/gen"
	"vendorvet/rubric"
)

// TestScoreMatchesReferenceOnGeneratedSessions compares Score with the reference on
// the generated sessions the benchmarks use: realistic companies and vendors of every
// quality, finished and stopped part-way, under each session's profile and the others.
func TestScoreMatchesReferenceOnGeneratedSessions(t *testing.T) {
	custom, err := rubric.CustomProfile(15, 40, 30, 15)
	if err != nil {
		t.Fatal(err)
	}
	rng := gen.Rand(7)
	sessions := 40
	if testing.Short() {
		sessions = 5
	}
	for n := range sessions {
		s := gen.Session(rng, 25)
		for _, p := range []rubric.Profile{s.Profile, rubric.DefaultProfile, rubric.RegulatedProfile, custom} {
			for i, v := range s.Vendors {
				got := rubric.Score(s.Requirements, v.Answers, p)
				want := rubric.ReferenceScore(s.Requirements, v.Answers, p)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("session %d, vendor %d, %s:\ngot  %s\nwant %s", n, i, p.Label(rubric.EN),
						fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want))
				}
			}
		}
	}
}
