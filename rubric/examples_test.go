package rubric

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

// formatExample is the session of format.md: its requirements and its one vendor's answers.
const formatRequirements = `{
    "channels": ["web", "app", "wechat", "phone", "email", "ecommerce", "offline"],
    "daily_volume": 5000,
    "peak_multiplier": 10,
    "peak_periods": ["promotions", "holidays", "launches", "evenings", "other"],
    "service_hours": "7x24",
    "goals": ["cost", "quality", "disputes", "retention"],
    "industry": "ecommerce",
    "staffing_mode": "process",
    "user_profile": "年轻用户,对响应速度要求高",
    "target_response_s": 30,
    "target_fcr_pct": 85,
    "target_answer_pct": 99.5,
    "target_csat_pct": 90,
    "budget_month": 200000,
    "notes": ""
}`

const formatAnswers = `{
    "business_license": "yes", "dispatch_permit": "yes", "telecom_license": "yes",
    "iso9001": "yes", "iso27001": "no",
    "nda": "yes", "encryption": "yes", "leak_plan": "yes", "mlps": "yes",
    "industry_filing": "yes",

    "seat_multiple": 8, "hours": "7x24", "prep_days": 30,
    "training_hours": 80, "periodic_assessment": "yes",
    "qa_staff": "yes", "trainers": "yes", "ops_manager": "no",
    "mock_rating": 4, "attrition_pct": 35,
    "channels": ["web", "app", "wechat", "ecommerce"],
    "elastic_model": "yes", "role_split": "yes",

    "same_industry_cases": 2, "reference_checked": "yes", "scale_match": "no",

    "response_s": 25, "fcr_pct": 80, "answer_pct": 99.0, "csat_pct": 92,
    "bad_review_pct": 1.5,
    "kpis_in_contract": "yes", "penalty": "no", "emergency_plan": "yes",

    "pricing_model": "per_hour", "price_month": 180000,
    "hidden_fees_reviewed": "yes", "hidden_fees": ["training"],
    "termination": "yes", "breach_liability": "yes", "data_ownership": "yes",
    "data_handover": "yes", "dispute_resolution": "yes", "trial": "yes",

    "dashboard": "yes", "raw_access": "no", "reports": "yes",
    "report_analysis": "yes", "account_manager": "yes", "feedback_hours": 2
}`

// decodeAnswers reads a vendor's answers the way an import does: each through its question.
func decodeAnswers(t *testing.T, doc string) Answers {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		t.Fatal(err)
	}
	a := Answers{}
	for id, msg := range raw {
		q, ok := QuestionByID(id)
		if !ok {
			t.Fatalf("format.md uses unknown id %q", id)
		}
		v, err := q.Decode(msg)
		if err != nil {
			t.Fatalf("decode %s: %v", id, err)
		}
		a[id] = v
	}
	return a
}

func TestFormatExample(t *testing.T) {
	var req Requirements
	if err := json.Unmarshal([]byte(formatRequirements), &req); err != nil {
		t.Fatal(err)
	}
	if errs := req.Validate(); len(errs) != 0 {
		t.Fatalf("the example's requirements are invalid: %v", errs)
	}
	a := decodeAnswers(t, formatAnswers)
	if len(a) != len(Questions) {
		t.Errorf("the example answers %d questions, the catalogue has %d", len(a), len(Questions))
	}
	card := Score(req, a, DefaultProfile)
	checkCard(t, card)

	wantItems := map[string]int{"A1": 6, "A2": 3, "A3": 6, "A4": 2,
		"B1": 5, "B2": 6, "B3": 7, "B4": 4,
		"C1": 6, "C2": 2, "C3": 3, "C4": 4, "C5": 2,
		"D1": 5, "D2": 8, "D3": 3, "D4": 2}
	gotItems := map[string]int{}
	for _, it := range card.Items {
		gotItems[it.ID] = it.Points
	}
	if !maps.Equal(gotItems, wantItems) {
		t.Errorf("items %v, want %v", gotItems, wantItems)
	}
	wantDims := []float64{17, 22, 17, 18}
	for d, ds := range card.Dimensions {
		if ds.Points != wantDims[d] || float64(ds.Raw) != wantDims[d] {
			t.Errorf("dimension %s = %v (raw %d), want %v", ds.ID, ds.Points, ds.Raw, wantDims[d])
		}
	}
	if card.Total != 74 || card.Potential != 74 || card.Band != Qualified || card.Provisional {
		t.Errorf("total %v potential %v band %s provisional %v, want 74 74 qualified false",
			card.Total, card.Potential, card.Band, card.Provisional)
	}
	if len(card.Knockouts) != 0 {
		t.Errorf("knockouts %v", card.Knockouts)
	}
	if got := card.FlagCodes(); !slices.Equal(got, []string{"hidden_fee", "seat_expansion_below_peak"}) {
		t.Errorf("flags %v", got)
	}
	// format.md's 55 is illustrative: process outsourcing in e-commerce leaves out the
	// dispatch permit and the industry filing, and the price and the fee list are not
	// counted, which leaves 46 scored questions.
	if card.Answered != card.Applicable || card.Applicable != 46 {
		t.Errorf("answered %d of %d, want 46 of 46", card.Answered, card.Applicable)
	}
}

// TestArticleExample is 网萌科技 from the second article: 20 + 32 + 23 + 18 = 93.
// The answers are the facts rubric.md §5 lists; the ones the article does not mention
// are filled in as noted so that each dimension lands where the article puts it.
func TestArticleExample(t *testing.T) {
	req := DefaultRequirements()
	req.Channels = []string{"web", "app", "ecommerce", "phone"}
	req.PeakMultiplier = 10
	req.PeakPeriods = []string{"promotions"}
	req.ServiceHours = "7x24"
	req.Industry = "ecommerce"
	req.StaffingMode = "dispatch" // so that all three licences (三证齐全) are required
	if errs := req.Validate(); len(errs) != 0 {
		t.Fatal(errs)
	}
	facts := merge(
		// Stated: three licences, ISO 9001 + 27001, NDA, encrypted storage.
		yes("business_license", "dispatch_permit", "telecom_license", "iso9001", "iso27001", "nda", "encryption"),
		// Stated: 10× seats, 30 days' preparation, 7×24, ≥ 100 training hours with
		// assessment, fixed + elastic team, all mainstream platforms.
		ans("seat_multiple", 10, "prep_days", 30, "hours", "7x24", "training_hours", 100,
			"channels", []string{"web", "app", "ecommerce", "phone"}),
		yes("periodic_assessment", "elastic_model", "ops_manager"),
		// Stated: ≤ 30 s, 99.5 % answered, 85 % FCR, KPIs in the contract.
		ans("response_s", 30, "answer_pct", 99.5, "fcr_pct", 85),
		yes("kpis_in_contract"),
		// Stated: real-time dashboard, daily/weekly/monthly reports with analysis.
		yes("dashboard", "reports", "report_analysis"),
		// Stated: transparent pricing without hidden fees, data ownership and handover,
		// term, termination and breach liability, a dedicated manager, 1-hour feedback.
		ans("pricing_model", "per_hour", "hidden_fees_reviewed", Yes, "hidden_fees", []string{}, "feedback_hours", 1),
		yes("termination", "breach_liability", "data_ownership", "data_handover", "account_manager"),
	)
	assumed := merge(
		// A full marks: a leak plan and MLPS come with a full compliance score.
		yes("leak_plan", "mlps"),
		// 50000 clients, a 1.2亿 GMV clothing client of similar scale; the reference not yet called.
		ans("same_industry_cases", 50000),
		yes("scale_match"),
		// A team with QA and trainers, good mock consultation, ordinary attrition.
		yes("qa_staff", "trainers", "role_split"),
		ans("mock_rating", 4, "attrition_pct", 30),
		// Penalties agreed, raw logs open to the client, an emergency process; CSAT
		// and bad-review rate not committed.
		yes("penalty", "raw_access", "emergency_plan"),
		// Dispute resolution in the contract; no trial is mentioned.
		yes("dispute_resolution"),
		ans("trial", No),
	)
	card := Score(req, merge(facts, assumed), DefaultProfile)
	checkCard(t, card)
	want := []float64{20, 32, 23, 18}
	for d, ds := range card.Dimensions {
		if ds.Points != want[d] {
			t.Errorf("dimension %s = %v, want %v", ds.ID, ds.Points, want[d])
		}
	}
	if card.Total != 93 || card.Band != Excellent {
		t.Errorf("total %v band %s, want 93 excellent", card.Total, card.Band)
	}
	if !slices.Equal(card.FlagCodes(), []string{"no_trial"}) || len(card.Knockouts) != 0 {
		t.Errorf("knockouts %v flags %v", card.Knockouts, card.Flags)
	}

	// The stated facts alone, everything else unknown, still reach the Excellent band
	// once the unknowns are as good as the article implies.
	only := Score(req, facts, DefaultProfile)
	checkCard(t, only)
	if !only.Provisional || only.Potential < 85 {
		t.Errorf("facts only: provisional %v potential %v", only.Provisional, only.Potential)
	}
}
