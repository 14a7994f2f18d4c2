package rubric

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden scorecards in testdata")

// CheckGolden lets the tests of package rubric_test, which may use internal/gen (it
// imports rubric), keep golden scorecards too.
func CheckGolden[C any](t *testing.T, name string, cases []C) {
	t.Helper()
	checkGolden(t, name, cases)
}

// checkGolden compares cases, as JSON one case a line, with testdata/name, or rewrites the file
// under -update. The files were recorded once and change only with a rule.
func checkGolden[C any](t *testing.T, name string, cases []C) {
	t.Helper()
	// One line per case keeps the files small and a diff to the case that changed.
	var got []byte
	for _, c := range cases {
		line, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		got = append(append(got, line...), '\n')
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./rubric -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./rubric -update, then git diff):\n%s", name, firstLineDiff(got, want))
	}
}

// firstLineDiff shows the first case that differs.
func firstLineDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}

// goldenCase is one scored vendor of a golden file: what it was scored against and
// the scorecard.
type goldenCase struct {
	Case string
	Card Scorecard
}

// TestGoldenScorecardsOfOddAnswers scores vendors whose answers are what an interview
// leaves (absent, present but unknown) or what no form lets through (values of the
// wrong shape, out of range, NaN), under companies that switch every
// requirement-dependent rule on and off and under lopsided profiles.
func TestGoldenScorecardsOfOddAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var cases []goldenCase
	for _, name := range sortedKeys(comparedRequirements()) {
		req := comparedRequirements()[name]
		for _, p := range comparedProfiles() {
			for v := range 1 {
				a := randomAnswers(rng, req)
				cases = append(cases, goldenCase{fmt.Sprintf("%s, %s, vendor %d", name, p.Label(EN), v), Score(req, a, p)})
			}
			cases = append(cases, goldenCase{name + ", " + p.Label(EN) + ", nothing answered", Score(req, nil, p)})
			cases = append(cases, goldenCase{name + ", " + p.Label(EN) + ", every answer at its best", Score(req, fullAnswers(req), p)})
		}
	}
	checkGolden(t, "scorecards_odd.json", cases)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// comparedRequirements are companies that switch every requirement-dependent rule on
// and off: regulated industries, dispatch staffing, a phone channel, no channels at
// all, peaks, every service-hours level, extreme targets, and the conversion rate
// counted outside e-commerce.
func comparedRequirements() map[string]Requirements {
	noChannels := baseReq()
	noChannels.Channels = nil
	emptyChannels := baseReq()
	emptyChannels.Channels = []string{}
	everything := with(channels("web", "app", "wechat", "phone", "email", "ecommerce", "offline"), peak(10), hours("7x24"))
	extreme := with(peak(100), hours("5x8"), func(r *Requirements) {
		r.TargetResponseS, r.TargetFCRPct, r.TargetAnswerPct, r.TargetCSATPct = 1, 100, 100, 100
		r.TargetUrgentResponseS, r.TargetResolutionH, r.TargetBadReviewPct, r.TargetQAPassPct, r.TargetConversionPct = 1, 0.1, 0, 100, 100
	})
	lenient := with(peak(1.5), func(r *Requirements) {
		r.TargetResponseS, r.TargetFCRPct, r.TargetAnswerPct, r.TargetCSATPct = 3600, 0, 0, 0
		r.TargetUrgentResponseS, r.TargetResolutionH, r.TargetBadReviewPct, r.TargetQAPassPct, r.TargetConversionPct = 3600, 720, 100, 0, 0
	})
	education := with(industry("education"), func(r *Requirements) { r.Goals = []string{"retention"} })
	return map[string]Requirements{
		"default":                DefaultRequirements(),
		"e-commerce, web":        baseReq(),
		"no channels":            noChannels,
		"empty channels":         emptyChannels,
		"finance, phone":         with(finance, phone),
		"healthcare, dispatch":   with(industry("healthcare"), dispatch, peak(3)),
		"finance, all of them":   with(finance, dispatch, phone, peak(10), hours("7x16")),
		"every channel, 7x24":    everything,
		"extreme targets":        extreme,
		"lenient targets":        lenient,
		"unknown hours":          with(hours("bogus")),
		"gaming, dispatch, 7x12": with(industry("gaming"), dispatch, hours("7x12")),
		"education, retention":   education,
	}
}

func comparedProfiles() []Profile {
	even, _ := CustomProfile(25, 25, 25, 25)
	lopsided, _ := CustomProfile(0, 0, 0.1, 99.9)
	thirds, _ := CustomProfile(33.3, 33.3, 33.3, 0.1)
	return []Profile{DefaultProfile, RegulatedProfile, even, lopsided, thirds}
}

// randomAnswers answers each question as an interview might leave it: absent, present
// but still unknown, a value on either side of a rule's threshold, or a value no form
// would let through.
func randomAnswers(rng *rand.Rand, req Requirements) Answers {
	a := Answers{}
	for _, q := range Questions {
		switch r := rng.IntN(20); {
		case r < 5:
			continue // not asked yet
		case r < 7:
			a[q.ID] = Value{} // saved, but says nothing yet
		case r < 8:
			a[q.ID] = oddValue(rng, q)
		default:
			a[q.ID] = plausibleValue(rng, q, req)
		}
	}
	return a
}

// thresholds are the numbers the rules compare with, and their neighbours.
var thresholds = []float64{0, 0.5, 1, 1.5, 2, 3, 4, 5, 10, 29, 30, 30.5, 31, 50, 51, 59, 60, 75, 85, 89.9, 90, 99, 99.5, 100, 2000}

func plausibleValue(rng *rand.Rand, q Question, req Requirements) Value {
	switch q.Kind {
	case KindTri:
		return Value{Tri: []Tri{Yes, Yes, No, Unknown}[rng.IntN(4)]}
	case KindNumber:
		if rng.IntN(2) == 0 {
			return Value{Num: thresholds[rng.IntN(len(thresholds))]}
		}
		return Value{Num: math.Round(rng.Float64()*q.Max*10) / 10}
	case KindChoice:
		return Value{Str: q.Options[rng.IntN(len(q.Options))].Value}
	}
	// Sets: some of the options, or exactly the company's channels.
	if q.ID == "channels" && rng.IntN(3) == 0 {
		return Value{Set: slices.Clone(req.Channels)}
	}
	set := []string{}
	for _, o := range q.Options {
		if rng.IntN(3) == 0 {
			set = append(set, o.Value)
		}
	}
	return Value{Set: set}
}

// oddValue is a value of the wrong shape, out of range or not an option.
func oddValue(rng *rand.Rand, q Question) Value {
	switch rng.IntN(6) {
	case 0:
		return Value{Tri: Tri(3 + rng.IntN(4)), Num: -1, Str: "bogus", Set: []string{"bogus"}}
	case 1:
		return Value{Num: []float64{math.NaN(), math.Inf(1), math.Inf(-1), -5, 1e12, math.Copysign(0, -1)}[rng.IntN(6)]}
	case 2:
		return Value{Str: "bogus"}
	case 3:
		return Value{Set: nil}
	case 4:
		if len(q.Options) > 0 {
			return Value{Set: []string{q.Options[0].Value, q.Options[0].Value}}
		}
	}
	return Value{Tri: Yes, Num: 100, Str: "7x24", Set: []string{"web", "phone"}}
}
