package rubric

import (
	"math/rand/v2"
	"testing"
)

func TestNothingAnswered(t *testing.T) {
	for _, c := range []struct {
		name       string
		req        Requirements
		applicable int
		total      float64
	}{
		// 57 scored questions, less the dispatch permit, the telecom licence and the
		// industry filing that this company does not need; A4 then carries its 2 points.
		{"plain", baseReq(), 54, 2},
		{"phone", with(phone), 55, 2},
		{"dispatch", with(dispatch), 55, 2},
		// Outside e-commerce, with no conversion goal, the conversion rate does not
		// apply either, and C1 carries its 2 points.
		{"regulated", with(finance), 54, 2},
		{"regulated dispatch with phone", with(finance, dispatch, phone), 56, 2},
		{"regulated with the conversion goal", with(finance, func(r *Requirements) { r.Goals = []string{"retention"} }), 55, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, a := range []Answers{nil, {}} {
				card := Score(c.req, a, DefaultProfile)
				checkCard(t, card)
				if !card.Provisional || card.Answered != 0 || card.Applicable != c.applicable {
					t.Errorf("provisional %v, answered %d of %d, want 0 of %d", card.Provisional, card.Answered, card.Applicable, c.applicable)
				}
				// Every unknown at its best reaches full marks: the maximum is 100.
				if card.Total != c.total || card.Potential != 100 {
					t.Errorf("total %v potential %v, want %v and 100", card.Total, card.Potential, c.total)
				}
				// Not a reject: nothing has been asked yet.
				if card.Band != Incomplete || len(card.Knockouts) != 0 || len(card.Flags) != 0 {
					t.Errorf("band %s knockouts %v flags %v", card.Band, card.Knockouts, card.Flags)
				}
				for _, it := range card.Items {
					if it.Potential != it.Max || it.Answered != 0 {
						t.Errorf("%s potential %d of %d, answered %d", it.ID, it.Potential, it.Max, it.Answered)
					}
				}
			}
		})
	}
}

func TestApplicableItems(t *testing.T) {
	a4 := Score(baseReq(), nil, DefaultProfile).Item("A4")
	if a4.Applicable || a4.Points != 2 || a4.Questions != 0 {
		t.Errorf("A4 outside regulated industries: applicable %v points %d questions %d", a4.Applicable, a4.Points, a4.Questions)
	}
	a4 = Score(with(finance), nil, DefaultProfile).Item("A4")
	if !a4.Applicable || a4.Points != 0 || a4.Questions != 1 {
		t.Errorf("A4 in finance: applicable %v points %d questions %d", a4.Applicable, a4.Points, a4.Questions)
	}
	for _, c := range []struct {
		req  Requirements
		want int
	}{{baseReq(), 1}, {with(phone), 2}, {with(dispatch), 2}, {with(dispatch, phone), 3}} {
		if got := Score(c.req, nil, DefaultProfile).Item("A1").Questions; got != c.want {
			t.Errorf("A1 questions with %s/%v = %d, want %d", c.req.StaffingMode, c.req.Channels, got, c.want)
		}
	}
	// Answering a question the company does not need changes nothing.
	before := Score(baseReq(), nil, DefaultProfile)
	after := Score(baseReq(), yes("dispatch_permit", "telecom_license", "industry_filing"), DefaultProfile)
	if after.Answered != 0 || after.Total != before.Total || after.Applicable != before.Applicable {
		t.Errorf("unneeded answers counted: answered %d, total %v", after.Answered, after.Total)
	}
	// Nor does a conversion rate where it does not apply: its points are given whatever it is.
	before = Score(with(finance), nil, DefaultProfile)
	after = Score(with(finance), ans("conversion_pct", 0), DefaultProfile)
	if after.Answered != 0 || after.Item("C1").Points != 2 || after.Total != before.Total || after.Applicable != before.Applicable {
		t.Errorf("a conversion rate that does not apply counted: answered %d, C1 %d", after.Answered, after.Item("C1").Points)
	}
	// Item counts add up to the card's. format.md's answers predate the questions asked since,
	// which leaves 48 of the 56 answered.
	card := Score(with(finance, dispatch, phone), decodeAnswers(t, formatAnswers), DefaultProfile)
	answered, questions := 0, 0
	for _, it := range card.Items {
		answered += it.Answered
		questions += it.Questions
	}
	if answered != card.Answered || questions != card.Applicable || card.Applicable != 56 || card.Answered != 48 || !card.Provisional {
		t.Errorf("items count %d of %d, card %d of %d", answered, questions, card.Answered, card.Applicable)
	}
}

func TestHiddenFeeListIsNotAQuestion(t *testing.T) {
	// Reviewed with no fees found answers D1's questions; the fee list refines them.
	card := Score(baseReq(), ans("billing_models", []string{"per_hour"}, "payment_days", 30, "invoice_type", "vat_ordinary",
		"hidden_fees_reviewed", Yes), DefaultProfile)
	d1 := card.Item("D1")
	if d1.Questions != 4 || d1.Answered != 4 || d1.Points != 6 || d1.Potential != 6 {
		t.Errorf("D1 %d of %d answered, %d points, potential %d", d1.Answered, d1.Questions, d1.Points, d1.Potential)
	}
	// The price is shown, not scored.
	if card.Answered != 4 {
		t.Errorf("answered %d", card.Answered)
	}
	if Score(baseReq(), ans("price_month", 1000), DefaultProfile).Answered != 0 {
		t.Errorf("the price counts as an answer")
	}
}

func TestPotential(t *testing.T) {
	// "62 now, up to 88": known answers stay, unknowns count at their best.
	card := Score(baseReq(), ans("training_hours", 59, "attrition_pct", 70, "nda", No), DefaultProfile)
	checkCard(t, card)
	// Below 60 hours the training hours' 3 points are lost; at 70 % attrition the
	// stability's 2 are lost but for the 1 retention incentives may still bring.
	if got := card.Item("B3"); got.Points != 0 || got.Potential != 13-3-1 {
		t.Errorf("B3 %d up to %d, want 0 up to 9", got.Points, got.Potential)
	}
	if got := card.Item("A3"); got.Potential != 4 {
		t.Errorf("A3 potential %d, want 4", got.Potential)
	}
	if card.Potential != 100-4-2 {
		t.Errorf("potential %v, want 94", card.Potential)
	}
	// Fees listed before the review is answered do not lower the potential.
	if got := Score(baseReq(), ans("hidden_fees", []string{"training", "system"}), DefaultProfile).Item("D1"); got.Potential != 6 {
		t.Errorf("D1 potential %d with an unreviewed fee list", got.Potential)
	}
	// One reviewed fee costs 3 of the fees' 4 points.
	if got := Score(baseReq(), ans("hidden_fees_reviewed", Yes, "hidden_fees", []string{"training"}), DefaultProfile).Item("D1"); got.Potential != 3 {
		t.Errorf("D1 potential %d with one reviewed fee, want 3", got.Potential)
	}
}

// validValues are candidate answers to q; callers keep those q.Check accepts.
func validValues(q Question) []Value {
	switch q.Kind {
	case KindTri:
		return []Value{{Tri: Yes}, {Tri: No}}
	case KindChoice:
		var vs []Value
		for _, o := range q.Options {
			vs = append(vs, Value{Str: o.Value})
		}
		return vs
	case KindSet:
		vs := []Value{{Set: []string{}}}
		for i := range q.Options {
			vs = append(vs, Value{Set: []string{q.Options[i].Value}})
		}
		all := []string{}
		for _, o := range q.Options {
			all = append(all, o.Value)
		}
		return append(vs, Value{Set: all})
	}
	lo, hi := q.Min, q.Max
	return []Value{{Num: lo}, {Num: hi}, {Num: lo + (hi-lo)/7}, {Num: lo + 1}, {Num: 30}, {Num: 50.5}, {Num: 85}, {Num: 100}}
}

// TestAnsweringNeverRaisesPotential answers questions one by one in random orders with
// random valid values: the potential never rises and never falls below the total.
func TestAnsweringNeverRaisesPotential(t *testing.T) {
	reqs := []Requirements{baseReq(), with(finance, dispatch, phone), with(peak(10), hours("7x24"), channels("web", "app", "ecommerce"))}
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		req := reqs[int(seed)%len(reqs)]
		a := Answers{}
		prev := Score(req, a, DefaultProfile)
		for _, i := range rng.Perm(len(Questions)) {
			q := Questions[i]
			var vs []Value
			for _, v := range validValues(q) {
				if q.Check(v) == nil && (Answers{q.ID: v}).Known(q) {
					vs = append(vs, v)
				}
			}
			if len(vs) == 0 {
				t.Fatalf("no valid answer to %s", q.ID)
			}
			v := vs[rng.IntN(len(vs))]
			a[q.ID] = v
			card := Score(req, a, DefaultProfile)
			checkCard(t, card)
			if card.Potential > prev.Potential {
				t.Fatalf("seed %d: answering %s = %+v raised the potential from %v to %v", seed, q.ID, v, prev.Potential, card.Potential)
			}
			if card.Answered < prev.Answered {
				t.Fatalf("seed %d: answering %s lowered the answered count", seed, q.ID)
			}
			prev = card
		}
		if prev.Provisional || prev.Potential != prev.Total {
			t.Errorf("seed %d: everything answered but provisional %v, potential %v, total %v", seed, prev.Provisional, prev.Potential, prev.Total)
		}
	}
}

// TestPotentialWithoutRequiredChannels: before the company has picked a channel, any
// channel list the vendor states earns full coverage, so the potential must count it.
func TestPotentialWithoutRequiredChannels(t *testing.T) {
	req := with(channels())
	before := Score(req, nil, DefaultProfile)
	after := Score(req, ans("channels", []string{"web"}), DefaultProfile)
	if after.Item("B4").Points != 4 {
		t.Fatalf("B4 = %d with no channel required", after.Item("B4").Points)
	}
	if before.Potential != 100 || before.Item("B4").Potential != 5 || after.Potential > before.Potential {
		t.Errorf("potential %v (B4 %d) before answering, %v after", before.Potential, before.Item("B4").Potential, after.Potential)
	}
}

func TestStepProgressCountsOnlyWhatApplies(t *testing.T) {
	r := DefaultRequirements()
	r.Channels = []string{"web"}
	r.Industry = "ecommerce"
	answers := Answers{}
	_, all := StepProgress(2, r, answers)
	if want := len(StepQuestions(2)) - 3; all != want {
		// No phone hotline, no dispatch, no regulated industry: three questions do not apply.
		t.Fatalf("step 2 has %d applicable questions, want %d", all, want)
	}
	answers["business_license"] = Value{Tri: Yes}
	answers["telecom_license"] = Value{Tri: Yes} // answered, but does not apply here
	if answered, _ := StepProgress(2, r, answers); answered != 1 {
		t.Errorf("answered %d, want 1: an answer to a question that does not apply is not counted", answered)
	}
}
