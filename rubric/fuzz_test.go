package rubric

import (
	"fmt"
	"math"
	"testing"
)

// fuzzInput turns fuzz bytes into requirements, answers and a profile. Running out of
// bytes reads zeros, so every input is usable.
type fuzzInput struct{ b []byte }

func (f *fuzzInput) byte() byte {
	if len(f.b) == 0 {
		return 0
	}
	c := f.b[0]
	f.b = f.b[1:]
	return c
}

// interesting are boundaries of the rules and values no form would let through.
var interesting = []float64{
	0, 0.5, 1, 2, 3, 4, 4.9, 5, 9.9, 10, 30, 30.1, 50, 50.1, 59, 60, 74.9, 75, 85, 99, 99.4, 99.5, 100, 101,
	3600, 1e5, 1e9, -1, -0.5, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1),
}

func (f *fuzzInput) float() float64 {
	switch f.byte() % 4 {
	case 0:
		return interesting[int(f.byte())%len(interesting)]
	case 1:
		return float64(int8(f.byte()))
	case 2:
		var bits uint64
		for range 8 {
			bits = bits<<8 | uint64(f.byte())
		}
		return math.Float64frombits(bits)
	}
	return float64(f.byte()) + float64(f.byte())/256
}

// choice picks one of the options, a blank or a value that is not an option.
func (f *fuzzInput) choice(opts Options) string {
	i := int(f.byte()) % (len(opts) + 2)
	switch i {
	case len(opts):
		return ""
	case len(opts) + 1:
		return "bogus"
	}
	return opts[i].Value
}

// set picks a subset of opts, sometimes with a repeated or foreign value.
func (f *fuzzInput) set(opts Options) []string {
	mask := f.byte()
	var out []string
	for i, o := range opts {
		if mask&(1<<(i%8)) != 0 {
			out = append(out, o.Value)
		}
	}
	switch extra := f.byte(); extra % 8 {
	case 0:
		if len(out) > 0 {
			out = append(out, out[0])
		}
	case 1:
		out = append(out, "bogus")
	case 2:
		out = nil
	}
	return out
}

func (f *fuzzInput) requirements() Requirements {
	r := Requirements{
		Channels:        f.set(ChannelOptions),
		DailyVolume:     int(int32(uint32(f.byte())<<24 | uint32(f.byte()))),
		PeakMultiplier:  f.float(),
		PeakPeriods:     f.set(PeakPeriodOptions),
		ServiceHours:    f.choice(HoursOptions),
		Goals:           f.set(GoalOptions),
		Industry:        f.choice(IndustryOptions),
		StaffingMode:    f.choice(StaffingOptions),
		TargetResponseS: int(int16(uint16(f.byte())<<8 | uint16(f.byte()))),
		TargetFCRPct:    f.float(),
		TargetAnswerPct: f.float(),
		TargetCSATPct:   f.float(),

		TargetUrgentResponseS: int(int16(uint16(f.byte())<<8 | uint16(f.byte()))),
		TargetResolutionH:     f.float(),
		TargetBadReviewPct:    f.float(),
		TargetQAPassPct:       f.float(),
		TargetConversionPct:   f.float(),
	}
	if f.byte()%2 == 0 {
		b := f.float()
		r.BudgetMonth = &b
	}
	return r
}

func (f *fuzzInput) answers() Answers {
	a := Answers{}
	for _, q := range Questions {
		var v Value
		switch k := f.byte() % 6; {
		case k == 0:
			continue // unknown
		case k == 5:
			// A value of the wrong shape, or every field at once.
			v = Value{Tri: Tri(int8(f.byte())), Num: f.float(), Str: f.choice(q.Options), Set: f.set(q.Options)}
		case q.Kind == KindTri:
			v.Tri = Tri(f.byte() % 4) // 3 is no state at all
		case q.Kind == KindNumber:
			v.Num = f.float()
		case q.Kind == KindChoice:
			v.Str = f.choice(q.Options)
		case q.Kind == KindSet:
			v.Set = f.set(q.Options)
		}
		a[q.ID] = v
	}
	return a
}

// profile is a valid profile: the two named ones, or four weights in whole tenths.
func (f *fuzzInput) profile() Profile {
	switch f.byte() % 3 {
	case 0:
		return DefaultProfile
	case 1:
		return RegulatedProfile
	}
	left := 1000
	var w [4]float64
	for i := range 3 {
		n := int(uint16(f.byte())<<8|uint16(f.byte())) % (left + 1)
		w[i] = float64(n) / 10
		left -= n
	}
	w[3] = float64(left) / 10
	p, err := CustomProfile(w[0], w[1], w[2], w[3])
	if err != nil {
		panic(fmt.Sprintf("fuzz built an invalid profile %v: %v", w, err))
	}
	return p
}

func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("vendorvet"))
	seq := make([]byte, 256)
	for i := range seq {
		seq[i] = byte(i)
	}
	f.Add(seq)
	full := make([]byte, 200)
	for i := range full {
		full[i] = 0xff
	}
	f.Add(full)
	f.Add([]byte{0x0f, 4, 0, 0, 0x00, 9, 0, 3, 1, 2, 0, 0, 1, 1, 0, 30, 2, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0xf8})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{b: data}
		req := in.requirements()
		a := in.answers()
		p := in.profile()
		reqBefore, ansBefore := fmt.Sprintf("%+v", req), fmt.Sprintf("%+v", a)

		card := Score(req, a, p)
		checkCard(t, card)
		if card.Answered > card.Applicable {
			t.Errorf("answered %d of %d", card.Answered, card.Applicable)
		}
		if card.TotalUnder(p.Weights) != card.Total {
			t.Errorf("TotalUnder %v, total %v", card.TotalUnder(p.Weights), card.Total)
		}
		if fmt.Sprintf("%+v", req) != reqBefore || fmt.Sprintf("%+v", a) != ansBefore {
			t.Errorf("Score changed its inputs")
		}
		if again := Score(req, a, p); fmt.Sprintf("%+v", again) != fmt.Sprintf("%+v", card) {
			t.Errorf("Score is not deterministic")
		}
		// Ranking and stability take any cards without panicking.
		other := Score(req, Answers{}, p)
		order := Ranking([]Scorecard{card, other}, []string{"a", "b"})
		if len(order) != 2 || order[0] == order[1] {
			t.Errorf("ranking %v", order)
		}
		_ = RankStability([]Scorecard{card, other}, []string{"a", "b"}, p)
	})
}
