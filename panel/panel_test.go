package panel

import (
	"maps"
	"slices"
	"testing"

	"vendorvet/rubric"
)

var (
	yes = rubric.Value{Tri: rubric.Yes}
	no  = rubric.Value{Tri: rubric.No}
)

// scorer scores answers for a plain e-commerce company with one web channel.
func scorer(a rubric.Answers) rubric.Scorecard { return rubric.Score(req(), a, rubric.DefaultProfile) }

func num(x float64) rubric.Value { return rubric.Value{Num: x} }

func req() rubric.Requirements {
	r := rubric.DefaultRequirements()
	r.Channels = []string{"web"}
	r.Industry = "ecommerce"
	return r
}

// One question, the panel's answers in order (absent: unknown), and what the rule
// makes of them.
func TestConsensusRules(t *testing.T) {
	for _, c := range []struct {
		name      string
		question  string
		given     []*rubric.Value
		agreement Agreement
		consensus *rubric.Value
	}{
		{"three yes", "nda", []*rubric.Value{&yes, &yes, &yes}, Unanimous, &yes},
		{"two yes, one no", "nda", []*rubric.Value{&yes, &no, &yes}, Majority, &yes},
		{"two yes, one unknown", "nda", []*rubric.Value{&yes, nil, &yes}, Unanimous, &yes},
		{"one yes, two unknown: the only vote", "nda", []*rubric.Value{&yes, nil, nil}, Unanimous, &yes},
		{"yes, no, unknown: one vote each", "nda", []*rubric.Value{&yes, &no, nil}, Split, nil},
		{"two yes, one no, one unknown", "nda", []*rubric.Value{&yes, &yes, &no, nil}, Majority, &yes},
		{"yes and no, two of the panel", "nda", []*rubric.Value{&yes, &no}, Split, nil},
		{"a panel of one", "nda", []*rubric.Value{&no}, Unanimous, &no},
		{"sets in any order", "report_cadence", []*rubric.Value{
			{Set: []string{"daily", "weekly"}}, {Set: []string{"weekly", "daily"}}, {Set: []string{"monthly"}}},
			Majority, &rubric.Value{Set: []string{"daily", "weekly"}}},
		{"a choice split three ways", "hours", []*rubric.Value{{Str: "7x12"}, {Str: "7x16"}, {Str: "7x24"}}, Split, nil},
		{"numbers: the median", "fcr_pct", []*rubric.Value{ptr(num(80)), ptr(num(85)), ptr(num(90))}, Spread, ptr(num(85))},
		{"numbers: two middles, the lower share for the client", "fcr_pct", []*rubric.Value{ptr(num(80)), ptr(num(90))}, Spread, ptr(num(80))},
		{"numbers: two middles, the longer time for the client", "response_s", []*rubric.Value{ptr(num(20)), ptr(num(40))}, Spread, ptr(num(40))},
		{"numbers: the same", "fcr_pct", []*rubric.Value{ptr(num(85)), ptr(num(85))}, Unanimous, ptr(num(85))},
		{"numbers: one unknown", "fcr_pct", []*rubric.Value{ptr(num(85)), nil, ptr(num(85))}, Unanimous, ptr(num(85))},
	} {
		t.Run(c.name, func(t *testing.T) {
			evaluators := []string{"a", "b", "c", "d"}[:len(c.given)]
			answers := map[string]rubric.Answers{}
			for i, e := range evaluators {
				answers[e] = rubric.Answers{}
				if c.given[i] != nil {
					answers[e][c.question] = *c.given[i]
				}
			}
			v := Evaluate(scorer, evaluators, answers, nil)
			rq, _ := rubric.QuestionByID(c.question)
			if got := Consensus(evaluators, answers, nil); !maps.EqualFunc(got, v.Consensus, func(a, b rubric.Value) bool {
				return rubric.SameValue(rq, a, b)
			}) {
				t.Errorf("Consensus %v, Evaluate's %v", got, v.Consensus)
			}
			i := slices.IndexFunc(v.Questions, func(q Question) bool { return q.ID == c.question })
			if i < 0 {
				t.Fatalf("question missing: %+v", v.Questions)
			}
			q := v.Questions[i]
			if q.Agreement != c.agreement {
				t.Errorf("agreement %d, want %d", q.Agreement, c.agreement)
			}
			got, known := v.Consensus[c.question]
			switch {
			case c.consensus == nil && known:
				t.Errorf("consensus %+v, want unknown", got)
			case c.consensus != nil && (!known || !rubric.SameValue(rq, got, *c.consensus)):
				t.Errorf("consensus %+v (known %v), want %+v", got, known, *c.consensus)
			}
		})
	}
}

func ptr(v rubric.Value) *rubric.Value { return &v }

// The lead's decision stands over the rule, and a decided question is no longer a
// disagreement.
func TestLeadDecides(t *testing.T) {
	answers := map[string]rubric.Answers{"a": {"trial": yes}, "b": {"trial": no}}
	v := Evaluate(scorer, []string{"a", "b"}, answers, nil)
	if _, known := v.Consensus["trial"]; known || len(v.Disagreements()) != 1 {
		t.Fatalf("split: consensus %v, disagreements %v", v.Consensus, v.Disagreements())
	}
	d := map[string]Decision{"trial": {Value: no, Known: true, Reason: "the contract draft has no trial clause", By: "a"}}
	v = Evaluate(scorer, []string{"a", "b"}, answers, d)
	if got := v.Consensus["trial"]; got.Tri != rubric.No {
		t.Errorf("decided consensus %+v", got)
	}
	if len(v.Disagreements()) != 0 {
		t.Errorf("a decided question is still a disagreement")
	}
	if v.Card.Item("D4").Points != 0 {
		t.Errorf("D4 %d points, want 0 (no trial)", v.Card.Item("D4").Points)
	}
}

// Three evaluators: one far more generous on several questions, and one alone in
// saying the vendor refuses an NDA (a knockout). The disagreements are ranked by
// the points at stake; both evaluators are named with what makes the difference.
func TestDisagreementsAndOutliers(t *testing.T) {
	common := rubric.Answers{"nda": yes, "trial": yes, "dashboard": yes, "raw_access": yes, "kpis_in_contract": yes}
	generous := common.Clone()
	for _, id := range []string{"iso9001", "iso27001", "encryption", "leak_plan", "mlps", "penalty", "emergency_plan"} {
		generous[id] = yes
	}
	strict := common.Clone()
	strict["nda"] = no
	answers := map[string]rubric.Answers{"lead": common, "kind": generous, "strict": strict}
	panel := []string{"lead", "kind", "strict"}
	v := Evaluate(scorer, panel, answers, nil)

	// The generous answers are each one evaluator's, the others abstaining: the
	// only vote stands, and is no disagreement.
	if q := v.Questions[slices.IndexFunc(v.Questions, func(q Question) bool { return q.ID == "iso9001" })]; q.Agreement != Unanimous || q.Consensus.Tri != rubric.Yes {
		t.Errorf("a lone answer with the others abstaining: %+v", q)
	}
	dis := v.Disagreements()
	if len(dis) == 0 || dis[0].ID != "nda" {
		t.Fatalf("disagreements %v, want the NDA first (a knockout puts the whole total at stake)", ids(dis))
	}
	for i := 1; i < len(dis); i++ {
		if dis[i].Stake > dis[i-1].Stake {
			t.Errorf("not ranked by stake: %v", dis)
		}
	}
	kind, strictM := v.Members[1], v.Members[2]
	if kind.Apart == nil || !kind.Apart.Far || kind.Apart.FromMedian < OutlierPoints {
		t.Fatalf("the generous evaluator is not named: %+v", kind.Apart)
	}
	if len(kind.Apart.Questions) != 7 || kind.Apart.Questions[0].Points <= 0 {
		t.Errorf("what makes the difference: %+v", kind.Apart.Questions)
	}
	if strictM.Apart == nil || !slices.Equal(strictM.Apart.AloneOnKnockout, []string{"nda"}) {
		t.Errorf("alone on the NDA knockout: %+v", strictM.Apart)
	}
	if v.Members[0].Apart != nil {
		t.Errorf("the lead sits with the median: %+v", v.Members[0].Apart)
	}
	if v.Low != strictM.Card.Total || v.High != kind.Card.Total {
		t.Errorf("range %v–%v", v.Low, v.High)
	}
	// Two evaluators: nobody is "apart" by distance alone.
	two := Evaluate(scorer, []string{"lead", "kind"}, answers, nil)
	if two.Members[1].Apart != nil {
		t.Errorf("apart in a panel of two: %+v", two.Members[1].Apart)
	}
}

func ids(qs []Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

// Who sits apart, as table rows: each evaluator's answers to a plain vendor (the
// others answer like the first), and whom the rule names and why.
func TestOutlierRules(t *testing.T) {
	base := rubric.Answers{"business_license": yes, "nda": yes, "data_ownership": yes, "trial": yes}
	generous := base.Clone()
	for _, id := range []string{"iso9001", "iso27001", "encryption", "leak_plan", "mlps", "penalty", "emergency_plan", "kpis_in_contract"} {
		generous[id] = yes
	}
	slightly := base.Clone()
	slightly["dashboard"] = yes // 2 points: near the median
	noNDA := base.Clone()
	noNDA["nda"] = no
	for _, c := range []struct {
		name      string
		panel     []rubric.Answers
		far       []bool
		knockouts []string // the knockout question each evaluator is alone on, "" for none
	}{
		{"three alike", []rubric.Answers{base, base, base}, []bool{false, false, false}, []string{"", "", ""}},
		{"one generous of three", []rubric.Answers{base, base, generous}, []bool{false, false, true}, []string{"", "", ""}},
		{"one a little kinder", []rubric.Answers{base, base, slightly}, []bool{false, false, false}, []string{"", "", ""}},
		{"generous in a panel of two", []rubric.Answers{base, generous}, []bool{false, false}, []string{"", ""}},
		{"alone on the NDA", []rubric.Answers{base, base, noNDA}, []bool{false, false, false}, []string{"", "", "nda"}},
		// Two split on the NDA: the one whose answer would disqualify is named.
		{"alone on the NDA in a panel of two", []rubric.Answers{base, noNDA}, []bool{false, false}, []string{"", "nda"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			names := []string{"a", "b", "c"}[:len(c.panel)]
			answers := map[string]rubric.Answers{}
			for i, n := range names {
				answers[n] = c.panel[i]
			}
			v := Evaluate(scorer, names, answers, nil)
			for i, m := range v.Members {
				far, alone := false, ""
				if m.Apart != nil {
					far = m.Apart.Far
					if len(m.Apart.AloneOnKnockout) > 0 {
						alone = m.Apart.AloneOnKnockout[0]
					}
				}
				if far != c.far[i] || alone != c.knockouts[i] {
					t.Errorf("%s: far %v alone on %q, want %v and %q (apart %+v)", m.Evaluator, far, alone, c.far[i], c.knockouts[i], m.Apart)
				}
			}
		})
	}
}
