package rubric

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"vendorvet/staffing"
)

// baseReq is a plain, valid company: one web channel, e-commerce, process outsourcing,
// every other field at its default.
func baseReq() Requirements {
	r := DefaultRequirements()
	r.Channels = []string{"web"}
	r.Industry = "ecommerce"
	return r
}

// with applies changes to a copy of baseReq.
func with(changes ...func(*Requirements)) Requirements {
	r := baseReq()
	for _, c := range changes {
		c(&r)
	}
	return r
}

func channels(cs ...string) func(*Requirements) {
	return func(r *Requirements) { r.Channels = cs }
}

func industry(i string) func(*Requirements) { return func(r *Requirements) { r.Industry = i } }

func staffingMode(m string) func(*Requirements) { return func(r *Requirements) { r.StaffingMode = m } }

func peak(p float64) func(*Requirements) { return func(r *Requirements) { r.PeakMultiplier = p } }

func hours(h string) func(*Requirements) { return func(r *Requirements) { r.ServiceHours = h } }

var (
	phone    = channels("web", "phone")
	dispatch = staffingMode("dispatch")
	finance  = industry("finance")
)

// ans builds answers from id, value pairs: a Tri, a number (int or float64), a choice
// (string) or a set ([]string).
func ans(kv ...any) Answers {
	if len(kv)%2 != 0 {
		panic("ans needs id, value pairs")
	}
	a := Answers{}
	for i := 0; i < len(kv); i += 2 {
		id := kv[i].(string)
		switch v := kv[i+1].(type) {
		case Tri:
			a[id] = Value{Tri: v}
		case int:
			a[id] = Value{Num: float64(v)}
		case float64:
			a[id] = Value{Num: v}
		case string:
			a[id] = Value{Str: v}
		case []string:
			a[id] = Value{Set: v}
		default:
			panic(fmt.Sprintf("ans: %s has an unsupported value %T", id, v))
		}
	}
	return a
}

// yes answers every listed tri question with Yes.
func yes(ids ...string) Answers {
	a := Answers{}
	for _, id := range ids {
		a[id] = Value{Tri: Yes}
	}
	return a
}

// merge combines answer sets; later ones win.
func merge(sets ...Answers) Answers {
	out := Answers{}
	for _, s := range sets {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

// fullAnswers answers every scored question at its best for req.
func fullAnswers(req Requirements) Answers {
	a := Answers{}
	for _, q := range Questions {
		switch q.Kind {
		case KindTri:
			a[q.ID] = Value{Tri: Yes}
		case KindNumber:
			a[q.ID] = Value{Num: bestNumbers[q.ID]}
		case KindChoice:
			a[q.ID] = Value{Str: q.Options[len(q.Options)-1].Value}
		case KindSet:
			switch q.ID {
			case "channels":
				a[q.ID] = Value{Set: slices.Clone(req.Channels)}
			case "training_topics":
				a[q.ID] = Value{Set: slices.Clone(allTrainingTopics)}
			case "billing_models":
				a[q.ID] = Value{Set: []string{"per_seat", "per_volume"}}
			case "report_cadence":
				a[q.ID] = Value{Set: []string{"daily", "weekly", "monthly"}}
			default:
				a[q.ID] = Value{Set: []string{}} // no hidden fee found
			}
		}
	}
	a["price_month"] = Value{Num: 100000}
	return a
}

// checkCard asserts what must hold for every scorecard, whatever went in.
func checkCard(t testing.TB, card Scorecard) {
	t.Helper()
	if len(card.Items) != 17 {
		t.Fatalf("%d items, want 17", len(card.Items))
	}
	i := 0
	for _, dim := range Dimensions {
		for _, it := range dim.Items {
			got := card.Items[i]
			if got.ID != it.ID || got.Max != it.Max {
				t.Fatalf("item %d is %s/%d, want %s/%d", i, got.ID, got.Max, it.ID, it.Max)
			}
			if got.Points < 0 || got.Points > got.Max {
				t.Errorf("%s = %d, outside 0..%d", got.ID, got.Points, got.Max)
			}
			if got.Potential < got.Points || got.Potential > got.Max {
				t.Errorf("%s potential %d, outside %d..%d", got.ID, got.Potential, got.Points, got.Max)
			}
			i++
		}
	}
	sum, tenths := 0.0, 0
	for d, ds := range card.Dimensions {
		w := card.Profile.Weights[d]
		if ds.Points < 0 || ds.Points > w+1e-9 {
			t.Errorf("dimension %s = %v, outside 0..%v", ds.ID, ds.Points, w)
		}
		if ds.Potential < ds.Points || ds.Potential > w+1e-9 {
			t.Errorf("dimension %s potential %v, outside %v..%v", ds.ID, ds.Potential, ds.Points, w)
		}
		sum += ds.Points
		tenths += int(math.Round(ds.Points * 10))
	}
	if math.Abs(card.Total-sum) > 1e-9 || int(math.Round(card.Total*10)) != tenths {
		t.Errorf("total %v is not the sum of the dimensions %v", card.Total, sum)
	}
	if card.Potential < card.Total {
		t.Errorf("potential %v below total %v", card.Potential, card.Total)
	}
	// The band is the total's, unless questions are open that could lift the total
	// into another band and no knockout has decided.
	byTotal := BandOf(card.Total, len(card.Knockouts) > 0)
	switch {
	case card.Band == Incomplete:
		if !card.Provisional || byTotal == Disqualified || BandOf(card.Potential, false) == byTotal {
			t.Errorf("incomplete with %d of %d answered, band by total %s, potential %v", card.Answered, card.Applicable, byTotal, card.Potential)
		}
	case card.Band != byTotal:
		t.Errorf("band %s, BandOf says %s", card.Band, byTotal)
	case card.Provisional && byTotal != Disqualified && BandOf(card.Potential, false) != byTotal:
		t.Errorf("band %s, but its potential %v reaches %s", card.Band, card.Potential, BandOf(card.Potential, false))
	}
	if card.Provisional != (card.Answered < card.Applicable) {
		t.Errorf("provisional %v with %d of %d answered", card.Provisional, card.Answered, card.Applicable)
	}
	for _, f := range append(slices.Clone(card.Knockouts), card.Flags...) {
		if !KnownFinding(f.Code) {
			t.Errorf("unknown finding code %q", f.Code)
		}
		if _, _, ok := ItemByID(f.Item); !ok {
			t.Errorf("finding %s names unknown item %q", f.Code, f.Item)
		}
	}
}

func jsonUnmarshal(doc string, v any) error { return json.Unmarshal([]byte(doc), v) }

// sizedReq is a phone line whose need is sized: 4,800 calls a day around the clock,
// peaking tenfold.
func sizedReq() Requirements {
	return with(channels("phone"), hours("7x24"), peak(10), func(r *Requirements) { r.DailyVolume = 4800 })
}

// sizedNeed is what sizedReq needs.
func sizedNeed() staffing.Need {
	c := sizedReq().Capacity()
	if !c.Sized() {
		panic(c.Err)
	}
	return c.Need
}
