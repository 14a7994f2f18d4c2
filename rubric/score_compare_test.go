package rubric

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// ReferenceScore lets the tests of package rubric_test, which may use internal/gen
// (it imports rubric), compare Score with the reference too.
var ReferenceScore = referenceScore

// sameAsReference fails t when Score and referenceScore disagree on anything, down to
// nil against empty slices, or when Score changed its inputs.
func sameAsReference(t *testing.T, name string, req Requirements, a Answers, p Profile) {
	t.Helper()
	// Requirements are printed with %#v, not compared with DeepEqual: they may hold
	// NaN, which is never equal to itself; %#v still tells a nil list from an empty one.
	reqBefore, ansBefore := fmt.Sprintf("%#v", req), a.Clone()
	got := Score(req, a, p)
	if fmt.Sprintf("%#v", req) != reqBefore || !sameAnswers(a, ansBefore) {
		t.Fatalf("%s: Score changed its inputs", name)
	}
	want := referenceScore(req, a, p)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: Score differs from the reference:\n%s\nrequirements %+v\nanswers %+v",
			name, cardDiff(got, want), req, a)
	}
	// The best case as a map, which the tests of profiles use, is the same too.
	if got, want := bestCase(req, a), refBestCase(req, a); !sameAnswers(got, want) {
		t.Fatalf("%s: bestCase differs from the reference:\ngot  %#v\nwant %#v", name, got, want)
	}
}

// sameAnswers is reflect.DeepEqual for answers, except that a NaN equals a NaN and a
// nil map the empty one: both hold no answers.
func sameAnswers(a, b Answers) bool {
	if len(a) != len(b) {
		return false
	}
	for id, va := range a {
		vb, ok := b[id]
		if !ok || va.Tri != vb.Tri || va.Str != vb.Str || !reflect.DeepEqual(va.Set, vb.Set) ||
			math.Float64bits(va.Num) != math.Float64bits(vb.Num) {
			return false
		}
	}
	return true
}

// cardDiff names the parts of two scorecards that differ.
func cardDiff(got, want Scorecard) string {
	out := ""
	for i := range max(len(got.Items), len(want.Items)) {
		var g, w ItemScore
		if i < len(got.Items) {
			g = got.Items[i]
		}
		if i < len(want.Items) {
			w = want.Items[i]
		}
		if !reflect.DeepEqual(g, w) {
			out += fmt.Sprintf("item %d:\n  got  %#v\n  want %#v\n", i, g, w)
		}
	}
	got.Items, want.Items = nil, nil
	if !reflect.DeepEqual(got, want) {
		out += fmt.Sprintf("card:\n  got  %#v\n  want %#v\n", got, want)
	}
	return out
}

// TestScoreMatchesReferenceOnFuzzInputs feeds both implementations what FuzzScore
// makes of random bytes: bogus options, values of the wrong shape, NaN and infinite
// numbers, unknowns, every industry and random valid profiles.
func TestScoreMatchesReferenceOnFuzzInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 4000 {
		data := make([]byte, 64+rng.IntN(256))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		in := &fuzzInput{b: data}
		req, a, p := in.requirements(), in.answers(), in.profile()
		sameAsReference(t, fmt.Sprintf("fuzz input %d", n), req, a, p)
	}
}

// FuzzScoreMatchesReference lets the fuzzer look for inputs on which Score and the
// reference disagree.
func FuzzScoreMatchesReference(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("vendorvet"))
	f.Add([]byte{0x0f, 4, 0, 0, 0x00, 9, 0, 3, 1, 2, 0, 0, 1, 1, 0, 30, 2, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xf8})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{b: data}
		req := in.requirements()
		a := in.answers()
		p := in.profile()
		sameAsReference(t, "fuzz input", req, a, p)
	})
}

// comparedRequirements are companies that switch every requirement-dependent rule on
// and off: regulated industries, dispatch staffing, a phone channel, no channels at
// all, peaks, every service-hours level and extreme targets.
func comparedRequirements() map[string]Requirements {
	noChannels := baseReq()
	noChannels.Channels = nil
	emptyChannels := baseReq()
	emptyChannels.Channels = []string{}
	everything := with(channels("web", "app", "wechat", "phone", "email", "ecommerce", "offline"), peak(10), hours("7x24"))
	extreme := with(peak(100), hours("5x8"), func(r *Requirements) {
		r.TargetResponseS, r.TargetFCRPct, r.TargetAnswerPct, r.TargetCSATPct = 1, 100, 100, 100
	})
	lenient := with(peak(1.5), func(r *Requirements) {
		r.TargetResponseS, r.TargetFCRPct, r.TargetAnswerPct, r.TargetCSATPct = 3600, 0, 0, 0
	})
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
	}
}

func comparedProfiles() []Profile {
	even, _ := CustomProfile(25, 25, 25, 25)
	lopsided, _ := CustomProfile(0, 0, 0.1, 99.9)
	thirds, _ := CustomProfile(33.3, 33.3, 33.3, 0.1)
	return []Profile{DefaultProfile, RegulatedProfile, even, lopsided, thirds}
}

// TestScoreMatchesReference scores random vendors under every compared company and
// profile with both implementations.
func TestScoreMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vendors := 120
	if testing.Short() {
		vendors = 20
	}
	for name, req := range comparedRequirements() {
		for _, p := range comparedProfiles() {
			for v := range vendors {
				a := randomAnswers(rng, req)
				sameAsReference(t, fmt.Sprintf("%s, %s, vendor %d", name, p.Label(EN), v), req, a, p)
			}
			sameAsReference(t, name+", nothing answered", req, Answers{}, p)
			sameAsReference(t, name+", nil answers", req, nil, p)
			sameAsReference(t, name+", every answer at its best", req, fullAnswers(req), p)
		}
	}
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

// TestScoreReasonsAreTheirOwn appends to one item's reasons and checks that no other
// item's reasons, nor a second scorecard's, change: the reasons of a scorecard may
// share memory, but a caller must not be able to tell.
func TestScoreReasonsAreTheirOwn(t *testing.T) {
	req := with(finance, phone)
	a := fullAnswers(req)
	card := Score(req, a, DefaultProfile)
	other := Score(req, a, DefaultProfile)
	want := fmt.Sprintf("%+v", other.Items)
	for i := range card.Items {
		card.Items[i].Why = append(card.Items[i].Why, Text{"追加", "appended"})
	}
	for i := range card.Items {
		if n := len(card.Items[i].Why); card.Items[i].Why[n-1].EN != "appended" {
			t.Fatalf("%s: appended reason lost", card.Items[i].ID)
		}
		if i+1 < len(card.Items) && card.Items[i+1].Why[0].EN == "appended" {
			t.Fatalf("appending to %s overwrote the first reason of %s", card.Items[i].ID, card.Items[i+1].ID)
		}
	}
	if fmt.Sprintf("%+v", other.Items) != want {
		t.Errorf("appending to one scorecard's reasons changed another's")
	}
}
