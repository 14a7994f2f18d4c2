package rubric

import (
	"fmt"
	"slices"
	"testing"
)

// itemRule is one rule of rubric.md §2: with these requirements and answers, the
// item earns exactly want raw points.
type itemRule struct {
	name string
	req  Requirements
	ans  Answers
	item string
	want int
}

func TestItemRules(t *testing.T) {
	r := baseReq()
	var rules []itemRule
	add := func(item string, req Requirements, rows ...any) {
		for i := 0; i < len(rows); i += 3 {
			rules = append(rules, itemRule{rows[i].(string), req, rows[i+1].(Answers), item, rows[i+2].(int)})
		}
	}

	// A1: business licence always; dispatch permit with dispatch staffing; telecom
	// licence with a phone channel. 6 × held ÷ required, integer division.
	add("A1", r,
		"process, no phone: licence held", yes("business_license"), 6,
		"process, no phone: licence unknown", Answers{}, 0,
		"process, no phone: licence no", ans("business_license", No), 0,
		"process, no phone: licences that are not required add nothing", yes("dispatch_permit", "telecom_license"), 0,
		"process, no phone: all three held is still 6", yes("business_license", "dispatch_permit", "telecom_license"), 6,
	)
	add("A1", with(phone),
		"process, phone: 2 of 2", yes("business_license", "telecom_license"), 6,
		"process, phone: business only, 1 of 2", yes("business_license"), 3,
		"process, phone: telecom only, 1 of 2", yes("telecom_license"), 3,
		"process, phone: 0 of 2", ans("business_license", No, "telecom_license", No), 0,
	)
	add("A1", with(dispatch),
		"dispatch, no phone: 2 of 2", yes("business_license", "dispatch_permit"), 6,
		"dispatch, no phone: 1 of 2", yes("business_license"), 3,
		"dispatch, no phone: telecom does not count", yes("business_license", "telecom_license"), 3,
	)
	add("A1", with(dispatch, phone),
		"dispatch, phone: 3 of 3", yes("business_license", "dispatch_permit", "telecom_license"), 6,
		"dispatch, phone: 2 of 3 → 4", yes("business_license", "dispatch_permit"), 4,
		"dispatch, phone: 1 of 3 → 2", yes("telecom_license"), 2,
		"dispatch, phone: 0 of 3", Answers{}, 0,
	)

	// A2: ISO 9001 → 3, ISO 27001 → 3.
	add("A2", r,
		"none", Answers{}, 0,
		"ISO 9001", yes("iso9001"), 3,
		"ISO 27001", yes("iso27001"), 3,
		"both", yes("iso9001", "iso27001"), 6,
		"both no", ans("iso9001", No, "iso27001", No), 0,
	)

	// A3: NDA 2, encryption 2, leak plan 1, MLPS 1.
	add("A3", r,
		"none", Answers{}, 0,
		"NDA", yes("nda"), 2,
		"encryption", yes("encryption"), 2,
		"leak plan", yes("leak_plan"), 1,
		"MLPS", yes("mlps"), 1,
		"all", yes("nda", "encryption", "leak_plan", "mlps"), 6,
		"NDA refused, the rest held", merge(ans("nda", No), yes("encryption", "leak_plan", "mlps")), 4,
	)

	// A4: regulated industries need the filing; elsewhere full 2 points.
	add("A4", with(finance),
		"finance: filing held", yes("industry_filing"), 2,
		"finance: filing unknown", Answers{}, 0,
		"finance: no filing", ans("industry_filing", No), 0,
	)
	add("A4", with(industry("healthcare")),
		"healthcare: filing held", yes("industry_filing"), 2,
		"healthcare: filing unknown", Answers{}, 0,
	)
	add("A4", r,
		"e-commerce: not applicable, full points", Answers{}, 2,
		"e-commerce: a missing filing does not matter", ans("industry_filing", No), 2,
	)
	add("A4", with(industry("")),
		"no industry given: not regulated", Answers{}, 2,
	)

	// B1: cases 0 → 0, 1–2 → 3, ≥ 3 → 5; reference +2; similar scale +1.
	add("B1", r,
		"cases unknown", Answers{}, 0,
		"0 cases", ans("same_industry_cases", 0), 0,
		"1 case", ans("same_industry_cases", 1), 3,
		"2 cases", ans("same_industry_cases", 2), 3,
		"3 cases", ans("same_industry_cases", 3), 5,
		"50000 cases", ans("same_industry_cases", 50000), 5,
		"reference confirmed", yes("reference_checked"), 2,
		"similar scale", yes("scale_match"), 1,
		"all", merge(ans("same_industry_cases", 3), yes("reference_checked", "scale_match")), 8,
	)

	// B2: seats ≥ peak → 5, ≥ half of it → 2, else 0; hours covered → 3; prep ≤ 30 days → 1.
	add("B2", with(peak(10)),
		"peak 10: seats 10", ans("seat_multiple", 10), 5,
		"peak 10: seats 12", ans("seat_multiple", 12), 5,
		"peak 10: seats 9.9", ans("seat_multiple", 9.9), 2,
		"peak 10: seats 5", ans("seat_multiple", 5), 2,
		"peak 10: seats 4.9", ans("seat_multiple", 4.9), 0,
		"peak 10: seats 0", ans("seat_multiple", 0), 0,
	)
	add("B2", r,
		"peak 1: seats 1", ans("seat_multiple", 1), 5,
		"peak 1: seats 0.5", ans("seat_multiple", 0.5), 2,
		"peak 1: seats 0.4", ans("seat_multiple", 0.4), 0,
		"prep 30 days", ans("prep_days", 30), 1,
		"prep 31 days", ans("prep_days", 31), 0,
		"prep 0 days", ans("prep_days", 0), 1,
		"prep unknown", Answers{}, 0,
		"all", ans("seat_multiple", 1, "hours", "7x12", "prep_days", 30), 9,
	)
	for ri, required := range []string{"5x8", "7x12", "7x16", "7x24"} {
		for vi, vendor := range []string{"5x8", "7x12", "7x16", "7x24"} {
			want := 0
			if vi >= ri { // each option covers every option before it
				want = 3
			}
			add("B2", with(hours(required)), fmt.Sprintf("hours %s for %s", vendor, required), ans("hours", vendor), want)
		}
	}

	// B3: hiring bar 1; training ≥ 100 → 3, 60–99 → 1; the three core topics 1;
	// assessment 1; roles 2 (all four) / 1 (some); mock rating 1→0 2→0 3→1 4→2 5→3;
	// attrition ≤ 30 → 2, ≤ 50 → 1, which retention incentives lift by 1 up to 2.
	core := []string{"product", "etiquette", "compliance"}
	add("B3", r,
		"nothing known", Answers{}, 0,
		"hiring bar", yes("recruitment_bar"), 1,
		"no hiring bar", ans("recruitment_bar", No), 0,
		"training 100", ans("training_hours", 100), 3,
		"training 99", ans("training_hours", 99), 1,
		"training 60", ans("training_hours", 60), 1,
		"training 59", ans("training_hours", 59), 0,
		"topics: the three core ones", ans("training_topics", core), 1,
		"topics: every one", ans("training_topics", allTrainingTopics), 1,
		"topics: no compliance", ans("training_topics", []string{"product", "etiquette", "platform_rules", "sales"}), 0,
		"topics: product only", ans("training_topics", []string{"product"}), 0,
		"topics: empty list says nothing", ans("training_topics", []string{}), 0,
		"periodic assessment", yes("periodic_assessment"), 1,
		"roles 0 of 4", ans("role_split", No, "qa_staff", No, "trainers", No, "ops_manager", No), 0,
		"roles 1 of 4", yes("qa_staff"), 1,
		"roles: role split alone", yes("role_split"), 1,
		"roles 3 of 4", yes("qa_staff", "trainers", "ops_manager"), 1,
		"roles 4 of 4", yes("role_split", "qa_staff", "trainers", "ops_manager"), 2,
		"mock rating 1", ans("mock_rating", 1), 0,
		"mock rating 2: incomplete answers earn nothing", ans("mock_rating", 2), 0,
		"mock rating 3", ans("mock_rating", 3), 1,
		"mock rating 4", ans("mock_rating", 4), 2,
		"mock rating 5", ans("mock_rating", 5), 3,
		"attrition 0", ans("attrition_pct", 0), 2,
		"attrition 30", ans("attrition_pct", 30), 2,
		"attrition 30.1", ans("attrition_pct", 30.1), 1,
		"attrition 50", ans("attrition_pct", 50), 1,
		"attrition 50.1", ans("attrition_pct", 50.1), 0,
		"retention incentives alone", yes("retention_incentives"), 1,
		"no retention incentives", ans("retention_incentives", No), 0,
		"attrition 40 with incentives", merge(ans("attrition_pct", 40), yes("retention_incentives")), 2,
		"attrition 20 with incentives: stability stays at 2", merge(ans("attrition_pct", 20), yes("retention_incentives")), 2,
		"attrition 60 with incentives", merge(ans("attrition_pct", 60), yes("retention_incentives")), 1,
		"attrition 40 without incentives", ans("attrition_pct", 40, "retention_incentives", No), 1,
		"all", merge(ans("training_hours", 120, "training_topics", core, "mock_rating", 5, "attrition_pct", 10),
			yes("recruitment_bar", "periodic_assessment", "role_split", "qa_staff", "trainers", "ops_manager")), 13,
	)

	// B4: covered ÷ required × 4 rounded down; elastic 1. The role split is B3's now.
	three := with(channels("web", "app", "wechat"))
	add("B4", three,
		"channels unknown", Answers{}, 0,
		"empty channel list says nothing", ans("channels", []string{}), 0,
		"covers 0 of 3", ans("channels", []string{"email"}), 0,
		"covers 1 of 3", ans("channels", []string{"web"}), 1,
		"covers 2 of 3", ans("channels", []string{"web", "app"}), 2,
		"covers 3 of 3", ans("channels", []string{"wechat", "app", "web"}), 4,
		"extra channels do not count", ans("channels", []string{"web", "app", "wechat", "email", "phone"}), 4,
		"elastic model", yes("elastic_model"), 1,
		"role split counts in B3", yes("role_split"), 0,
		"all", merge(ans("channels", []string{"web", "app", "wechat"}), yes("elastic_model")), 5,
	)
	all7 := with(channels("web", "app", "wechat", "phone", "email", "ecommerce", "offline"))
	add("B4", all7,
		"covers 4 of 7 → 2", ans("channels", []string{"web", "app", "wechat", "ecommerce"}), 2,
		"covers 6 of 7 → 3", ans("channels", []string{"web", "app", "wechat", "ecommerce", "email", "offline"}), 3,
		"covers 1 of 7 → 0", ans("channels", []string{"web"}), 0,
		"covers 2 of 7 → 1", ans("channels", []string{"web", "app"}), 1,
	)

	// C1: response ≤ target → 2, ≤ 2× → 1; urgent response ≤ target → 1; FCR ≥ target
	// → 2, within 10 → 1; resolution time ≤ target → 1; answer rate, CSAT, QA pass ≥
	// target → 1 each; bad-review rate ≤ its ceiling → 1; conversion ≥ target → 2 where
	// it counts (e-commerce or the retention goal), given otherwise.
	add("C1", r,
		"nothing committed", Answers{}, 0,
		"response at target", ans("response_s", 30), 2,
		"response faster", ans("response_s", 5), 2,
		"response just above target", ans("response_s", 30.5), 1,
		"response at 2× target", ans("response_s", 60), 1,
		"response above 2× target", ans("response_s", 60.5), 0,
		"urgent response at 60 s", ans("urgent_response_s", 60), 1,
		"urgent response 61 s", ans("urgent_response_s", 61), 0,
		"FCR at target", ans("fcr_pct", 85), 2,
		"FCR above target", ans("fcr_pct", 100), 2,
		"FCR at target − 10", ans("fcr_pct", 75), 1,
		"FCR below target − 10", ans("fcr_pct", 74.9), 0,
		"resolution 24 h", ans("resolution_h", 24), 1,
		"resolution 0.5 h", ans("resolution_h", 0.5), 1,
		"resolution 24.5 h", ans("resolution_h", 24.5), 0,
		"answer rate at target", ans("answer_pct", 99.5), 1,
		"answer rate below target", ans("answer_pct", 99.4), 0,
		"CSAT at target", ans("csat_pct", 90), 1,
		"CSAT below target", ans("csat_pct", 89.9), 0,
		"bad-review rate 0", ans("bad_review_pct", 0), 1,
		"bad-review rate at the 1 % ceiling", ans("bad_review_pct", 1), 1,
		"bad-review rate 1.1 %", ans("bad_review_pct", 1.1), 0,
		"bad-review rate 30 % earns nothing", ans("bad_review_pct", 30), 0,
		"QA pass at target", ans("qa_pass_pct", 95), 1,
		"QA pass below target", ans("qa_pass_pct", 94.9), 0,
		"e-commerce: conversion at target", ans("conversion_pct", 35), 2,
		"e-commerce: conversion below target", ans("conversion_pct", 34.9), 0,
		"e-commerce: conversion unknown", Answers{}, 0,
		"all", ans("response_s", 20, "urgent_response_s", 45, "fcr_pct", 90, "resolution_h", 8, "answer_pct", 100,
			"csat_pct", 95, "bad_review_pct", 0.5, "qa_pass_pct", 98, "conversion_pct", 40), 12,
	)
	retention := func(r *Requirements) { r.Goals = []string{"retention"} }
	add("C1", with(industry("saas")),
		"SaaS: conversion does not apply, its 2 points given", Answers{}, 2,
		"SaaS: a low conversion rate changes nothing", ans("conversion_pct", 1), 2,
	)
	add("C1", with(industry("saas"), retention),
		"SaaS with the conversion goal: conversion unknown", Answers{}, 0,
		"SaaS with the conversion goal: conversion at target", ans("conversion_pct", 35), 2,
	)
	custom := baseReq()
	custom.TargetResponseS, custom.TargetFCRPct, custom.TargetAnswerPct, custom.TargetCSATPct = 10, 70, 90, 80
	custom.TargetUrgentResponseS, custom.TargetResolutionH, custom.TargetBadReviewPct = 30, 4, 0.5
	custom.TargetQAPassPct, custom.TargetConversionPct = 98, 50
	add("C1", custom,
		"target 10 s: 20 s", ans("response_s", 20), 1,
		"target 10 s: 21 s", ans("response_s", 21), 0,
		"target FCR 70: 60", ans("fcr_pct", 60), 1,
		"target answer 90: 90", ans("answer_pct", 90), 1,
		"target CSAT 80: 80", ans("csat_pct", 80), 1,
		"urgent target 30 s: 45 s", ans("urgent_response_s", 45), 0,
		"resolution target 4 h: 4 h", ans("resolution_h", 4), 1,
		"resolution target 4 h: 8 h", ans("resolution_h", 8), 0,
		"bad-review ceiling 0.5 %: 1 %", ans("bad_review_pct", 1), 0,
		"bad-review ceiling 0.5 %: 0.5 %", ans("bad_review_pct", 0.5), 1,
		"QA target 98: 97", ans("qa_pass_pct", 97), 0,
		"conversion target 50: 45", ans("conversion_pct", 45), 0,
	)

	// C2–C5: yes/no items.
	add("C2", r,
		"KPIs in contract", yes("kpis_in_contract"), 2,
		"penalty", yes("penalty"), 2,
		"both", yes("kpis_in_contract", "penalty"), 4,
		"both no", ans("kpis_in_contract", No, "penalty", No), 0,
	)
	add("C3", r,
		"dashboard", yes("dashboard"), 2,
		"raw access", yes("raw_access"), 2,
		"both", yes("dashboard", "raw_access"), 4,
		"none", ans("dashboard", No), 0,
	)
	add("C4", r,
		"daily, weekly and monthly", ans("report_cadence", []string{"daily", "weekly", "monthly"}), 2,
		"weekly and monthly", ans("report_cadence", []string{"weekly", "monthly"}), 1,
		"weekly only", ans("report_cadence", []string{"weekly"}), 0,
		"no regular reports", ans("report_cadence", []string{"none"}), 0,
		"analysis", yes("report_analysis"), 1,
		"all reports and analysis", merge(ans("report_cadence", []string{"monthly", "daily", "weekly"}), yes("report_analysis")), 3,
		"none", Answers{}, 0,
	)
	add("C5", r,
		"emergency plan", yes("emergency_plan"), 2,
		"no plan", ans("emergency_plan", No), 0,
		"unknown", Answers{}, 0,
	)

	// D1: pricing stated 1; payment cycle and an invoice 1; hidden fees reviewed: none
	// → 4, one → 1, two or more → 0.
	fees := []string{"training", "system", "equipment", "overtime"}
	add("D1", r,
		"nothing known", Answers{}, 0,
		"one billing model", ans("billing_models", []string{"per_hour"}), 1,
		"several billing models", ans("billing_models", []string{"per_hour", "per_seat", "promo_package"}), 1,
		"billing models blank", ans("billing_models", []string{}), 0,
		"payment cycle and special invoice", ans("payment_days", 30, "invoice_type", "vat_special"), 1,
		"payment cycle and ordinary invoice", ans("payment_days", 60, "invoice_type", "vat_ordinary"), 1,
		"prepayment is still a stated cycle", ans("payment_days", 0, "invoice_type", "vat_special"), 1,
		"payment cycle without an invoice", ans("payment_days", 30, "invoice_type", "none"), 0,
		"payment cycle, invoice unknown", ans("payment_days", 30), 0,
		"invoice, payment cycle unknown", ans("invoice_type", "vat_special"), 0,
		"reviewed, no fee list", yes("hidden_fees_reviewed"), 4,
		"not reviewed", ans("hidden_fees_reviewed", No), 0,
		"not reviewed, listed fees ignored", ans("hidden_fees_reviewed", No, "hidden_fees", fees[:1]), 0,
		"review unknown, listed fees ignored", ans("hidden_fees", []string{}), 0,
		"everything clean", ans("billing_models", []string{"promo_package"}, "payment_days", 30, "invoice_type", "vat_special",
			"hidden_fees_reviewed", Yes, "hidden_fees", []string{}), 6,
		"pricing and one fee", ans("billing_models", []string{"per_volume"}, "hidden_fees_reviewed", Yes, "hidden_fees", fees[:1]), 2,
		"all clear but two fees", ans("billing_models", []string{"per_volume"}, "payment_days", 30, "invoice_type", "vat_special",
			"hidden_fees_reviewed", Yes, "hidden_fees", fees[:2]), 2,
		"five listed fees still floor at 0", ans("hidden_fees_reviewed", Yes, "hidden_fees", append(slices.Clone(fees), "training")), 0,
	)
	for n, want := range []int{4, 1, 0, 0, 0} {
		add("D1", r, fmt.Sprintf("reviewed with %d fees", n), ans("hidden_fees_reviewed", Yes, "hidden_fees", fees[:n]), want)
	}

	// D2: term 2, breach 2, data ownership 2, handover 1, dispute 1.
	add("D2", r,
		"term", yes("termination"), 2,
		"breach liability", yes("breach_liability"), 2,
		"data ownership", yes("data_ownership"), 2,
		"data handover", yes("data_handover"), 1,
		"dispute resolution", yes("dispute_resolution"), 1,
		"all", yes("termination", "breach_liability", "data_ownership", "data_handover", "dispute_resolution"), 8,
		"none", Answers{}, 0,
	)

	// D3: account manager 2; feedback ≤ 1 h → 2, ≤ 4 h → 1.
	add("D3", r,
		"account manager", yes("account_manager"), 2,
		"feedback 0.5 h", ans("feedback_hours", 0.5), 2,
		"feedback 1 h", ans("feedback_hours", 1), 2,
		"feedback 1.5 h", ans("feedback_hours", 1.5), 1,
		"feedback 4 h", ans("feedback_hours", 4), 1,
		"feedback 4.5 h", ans("feedback_hours", 4.5), 0,
		"feedback unknown", Answers{}, 0,
		"both", ans("account_manager", Yes, "feedback_hours", 1), 4,
	)

	// D4: a trial → 2.
	add("D4", r,
		"trial", yes("trial"), 2,
		"no trial", ans("trial", No), 0,
		"unknown", Answers{}, 0,
	)

	covered := map[string]bool{}
	for _, rule := range rules {
		covered[rule.item] = true
		t.Run(rule.item+"/"+rule.name, func(t *testing.T) {
			card := Score(rule.req, rule.ans, DefaultProfile)
			checkCard(t, card)
			if got := card.Item(rule.item); got.Points != rule.want {
				t.Errorf("%s = %d, want %d; why: %v", rule.item, got.Points, rule.want, got.Why)
			}
		})
	}
	for _, dim := range Dimensions {
		for _, it := range dim.Items {
			if !covered[it.ID] {
				t.Errorf("no rule tests item %s", it.ID)
			}
		}
	}
}

// TestItemMaxima checks the item points add up to the dimension maxima of the articles.
func TestItemMaxima(t *testing.T) {
	want := map[string]int{"A": 20, "B": 35, "C": 25, "D": 20}
	total := 0
	for _, dim := range Dimensions {
		sum := 0
		for _, it := range dim.Items {
			sum += it.Max
		}
		if sum != dim.Max || dim.Max != want[dim.ID] {
			t.Errorf("dimension %s: items sum to %d, max %d, want %d", dim.ID, sum, dim.Max, want[dim.ID])
		}
		total += dim.Max
	}
	if total != 100 {
		t.Errorf("maxima sum to %d", total)
	}
}

// TestFullMarks answers everything at its best and expects every item at its maximum.
func TestFullMarks(t *testing.T) {
	for _, req := range []Requirements{baseReq(), with(dispatch, phone, finance), with(industry("healthcare"), peak(10), hours("7x24"))} {
		card := Score(req, fullAnswers(req), DefaultProfile)
		checkCard(t, card)
		for _, it := range card.Items {
			if it.Points != it.Max {
				t.Errorf("%s = %d of %d: %v", it.ID, it.Points, it.Max, it.Why)
			}
		}
		if card.Total != 100 || card.Potential != 100 || card.Band != Excellent || card.Provisional {
			t.Errorf("total %v potential %v band %s provisional %v", card.Total, card.Potential, card.Band, card.Provisional)
		}
		if len(card.Knockouts) != 0 || len(card.Flags) != 0 {
			t.Errorf("knockouts %v flags %v", card.Knockouts, card.Flags)
		}
	}
}

// findingRule says whether code is raised (and by which item) for these answers.
type findingRule struct {
	name   string
	req    Requirements
	ans    Answers
	code   string
	item   string
	raised bool
}

var knockoutCodes = []string{"no_business_license", "no_dispatch_permit", "no_telecom_license", "no_nda", "no_industry_filing", "no_data_ownership"}

var findingRules = []findingRule{
	{"business licence no", baseReq(), ans("business_license", No), "no_business_license", "A1", true},
	{"business licence unknown", baseReq(), Answers{}, "no_business_license", "A1", false},
	{"dispatch permit no under dispatch", with(dispatch), ans("dispatch_permit", No), "no_dispatch_permit", "A1", true},
	{"dispatch permit unknown under dispatch", with(dispatch), Answers{}, "no_dispatch_permit", "A1", false},
	{"dispatch permit no under process", baseReq(), ans("dispatch_permit", No), "no_dispatch_permit", "A1", false},
	{"telecom licence no with phone", with(phone), ans("telecom_license", No), "no_telecom_license", "A1", true},
	{"telecom licence unknown with phone", with(phone), Answers{}, "no_telecom_license", "A1", false},
	{"telecom licence no without phone", baseReq(), ans("telecom_license", No), "no_telecom_license", "A1", false},
	{"NDA refused", baseReq(), ans("nda", No), "no_nda", "A3", true},
	{"NDA unknown", baseReq(), Answers{}, "no_nda", "A3", false},
	{"NDA signed", baseReq(), yes("nda"), "no_nda", "A3", false},
	{"no filing in finance", with(finance), ans("industry_filing", No), "no_industry_filing", "A4", true},
	{"no filing in healthcare", with(industry("healthcare")), ans("industry_filing", No), "no_industry_filing", "A4", true},
	{"filing unknown in finance", with(finance), Answers{}, "no_industry_filing", "A4", false},
	{"no filing in e-commerce", baseReq(), ans("industry_filing", No), "no_industry_filing", "A4", false},
	{"client does not own the data", baseReq(), ans("data_ownership", No), "no_data_ownership", "D2", true},
	{"data ownership unknown", baseReq(), Answers{}, "no_data_ownership", "D2", false},
	{"attrition 50.1", baseReq(), ans("attrition_pct", 50.1), "high_attrition", "B3", true},
	{"attrition 50", baseReq(), ans("attrition_pct", 50), "high_attrition", "B3", false},
	{"attrition unknown", baseReq(), Answers{}, "high_attrition", "B3", false},
	{"attrition 60 with retention incentives", baseReq(), merge(ans("attrition_pct", 60), yes("retention_incentives")), "high_attrition", "B3", true},
	{"two hidden fees", baseReq(), ans("hidden_fees_reviewed", Yes, "hidden_fees", []string{"system", "overtime"}), "hidden_fee", "D1", true},
	{"one hidden fee", baseReq(), ans("hidden_fees_reviewed", Yes, "hidden_fees", []string{"system"}), "hidden_fee", "D1", true},
	{"no hidden fee", baseReq(), ans("hidden_fees_reviewed", Yes, "hidden_fees", []string{}), "hidden_fee", "D1", false},
	{"fees listed but not reviewed", baseReq(), ans("hidden_fees_reviewed", No, "hidden_fees", []string{"system"}), "hidden_fee", "D1", false},
	{"no trial", baseReq(), ans("trial", No), "no_trial", "D4", true},
	{"trial unknown", baseReq(), Answers{}, "no_trial", "D4", false},
	{"KPIs not in contract", baseReq(), ans("kpis_in_contract", No), "kpis_not_in_contract", "C2", true},
	{"KPIs in contract unknown", baseReq(), Answers{}, "kpis_not_in_contract", "C2", false},
	{"7x16 for 7x24", with(hours("7x24")), ans("hours", "7x16"), "hours_not_covered", "B2", true},
	{"7x24 for 7x24", with(hours("7x24")), ans("hours", "7x24"), "hours_not_covered", "B2", false},
	{"hours unknown", with(hours("7x24")), Answers{}, "hours_not_covered", "B2", false},
	{"seats 9.9 for peak 10", with(peak(10)), ans("seat_multiple", 9.9), "seat_expansion_below_peak", "B2", true},
	{"seats 10 for peak 10", with(peak(10)), ans("seat_multiple", 10), "seat_expansion_below_peak", "B2", false},
	{"seats unknown", with(peak(10)), Answers{}, "seat_expansion_below_peak", "B2", false},
	{"peak seats one short", sizedReq(), ans("seats_peak", sizedNeed().PeakAgents-1), "peak_not_covered", "B2", true},
	{"peak seats just enough", sizedReq(), ans("seats_peak", sizedNeed().PeakAgents), "peak_not_covered", "B2", false},
	{"peak seats without a need", baseReq(), ans("seats_peak", 1), "peak_not_covered", "B2", false},
	{"normal seats one short", sizedReq(), ans("seats_peak", sizedNeed().PeakAgents, "seats_normal", sizedNeed().Agents-1), "normal_not_covered", "B2", true},
	{"normal seats just enough", sizedReq(), ans("seats_peak", sizedNeed().PeakAgents, "seats_normal", sizedNeed().Agents), "normal_not_covered", "B2", false},
	{"response 60.1 s for 30 s", baseReq(), ans("response_s", 60.1), "slow_response", "C1", true},
	{"response 60 s for 30 s", baseReq(), ans("response_s", 60), "slow_response", "C1", false},
	{"finance without ISO 27001", with(finance), ans("iso27001", No), "regulated_without_iso27001", "A2", true},
	{"finance, ISO 27001 unknown", with(finance), Answers{}, "regulated_without_iso27001", "A2", false},
	{"e-commerce without ISO 27001", baseReq(), ans("iso27001", No), "regulated_without_iso27001", "A2", false},
}

func TestFindings(t *testing.T) {
	raised, notRaised := map[string]bool{}, map[string]bool{}
	for _, rule := range slices.Concat(findingRules, evidenceFindingRules) {
		t.Run(rule.code+"/"+rule.name, func(t *testing.T) {
			card := Score(rule.req, rule.ans, DefaultProfile)
			if e, ok := ruleEvidence[rule.name]; ok {
				applyEvidence(&card, rule.req, Vendor{Answers: rule.ans, Evidence: e.ev}, e.contractEnd)
			}
			checkCard(t, card)
			knockout := slices.Contains(knockoutCodes, rule.code) || slices.Contains(evidenceKnockoutCodes, rule.code)
			list, other := card.Flags, card.Knockouts
			if knockout {
				list, other = card.Knockouts, card.Flags
			}
			i := slices.IndexFunc(list, func(f Finding) bool { return f.Code == rule.code })
			if (i >= 0) != rule.raised {
				t.Fatalf("%s raised = %v, want %v (knockouts %v, flags %v)", rule.code, i >= 0, rule.raised, card.Knockouts, card.Flags)
			}
			if slices.ContainsFunc(other, func(f Finding) bool { return f.Code == rule.code }) {
				t.Errorf("%s is in the wrong list", rule.code)
			}
			if i >= 0 && list[i].Item != rule.item {
				t.Errorf("%s comes from %s, want %s", rule.code, list[i].Item, rule.item)
			}
			// A knockout disqualifies; a flag never does.
			if knockout && rule.raised && card.Band != Disqualified {
				t.Errorf("band %s after knockout %s", card.Band, rule.code)
			}
			if !knockout && len(card.Knockouts) == 0 && card.Band == Disqualified {
				t.Errorf("a flag disqualified the vendor")
			}
		})
		if rule.raised {
			raised[rule.code] = true
		} else {
			notRaised[rule.code] = true
		}
	}
	for code := range findingTexts {
		if !raised[code] || !notRaised[code] {
			t.Errorf("finding %s lacks a raising (%v) or a boundary (%v) test", code, raised[code], notRaised[code])
		}
		if FindingText(code, ZH) == "" || FindingText(code, EN) == "" || FindingText(code, ZH) == FindingText(code, EN) {
			t.Errorf("finding %s lacks a text in both languages", code)
		}
	}
	for _, code := range knockoutCodes {
		if !KnownFinding(code) {
			t.Errorf("knockout %s has no text", code)
		}
	}
	if KnownFinding("made_up") || FindingText("made_up", EN) != "made_up" {
		t.Errorf("an unknown code is known or explained")
	}
}

// TestFindingsSorted checks codes come out in a stable order, several at once.
func TestFindingsSorted(t *testing.T) {
	a := ans("business_license", No, "nda", No, "data_ownership", No, "trial", No, "kpis_in_contract", No,
		"attrition_pct", 80, "response_s", 100, "seat_multiple", 1, "hours", "5x8",
		"hidden_fees_reviewed", Yes, "hidden_fees", []string{"training"}, "iso27001", No, "industry_filing", No)
	card := Score(with(finance, peak(3), hours("7x24")), a, DefaultProfile)
	checkCard(t, card)
	wantK := []string{"no_business_license", "no_data_ownership", "no_industry_filing", "no_nda"}
	wantF := []string{"hidden_fee", "high_attrition", "hours_not_covered", "kpis_not_in_contract", "no_trial",
		"regulated_without_iso27001", "seat_expansion_below_peak", "slow_response"}
	if !slices.Equal(card.KnockoutCodes(), wantK) || !slices.Equal(card.FlagCodes(), wantF) {
		t.Errorf("knockouts %v flags %v", card.KnockoutCodes(), card.FlagCodes())
	}
}

func TestBandOf(t *testing.T) {
	for _, c := range []struct {
		total float64
		ko    bool
		want  Band
	}{
		{0, false, Reject}, {69, false, Reject}, {69.9, false, Reject},
		{70, false, Qualified}, {84, false, Qualified}, {84.9, false, Qualified},
		{85, false, Excellent}, {100, false, Excellent},
		{0, true, Disqualified}, {69.9, true, Disqualified}, {70, true, Disqualified}, {85, true, Disqualified}, {100, true, Disqualified},
	} {
		if got := BandOf(c.total, c.ko); got != c.want {
			t.Errorf("BandOf(%v, %v) = %s, want %s", c.total, c.ko, got, c.want)
		}
	}
	for _, b := range []Band{Excellent, Qualified, Incomplete, Reject, Disqualified} {
		if b.Label(ZH) == "" || b.Label(EN) == "" || b.Label(ZH) == b.Label(EN) {
			t.Errorf("band %s lacks a label in both languages", b)
		}
		if b.Short(ZH) == "" || b.Short(EN) == "" || b.Short(ZH) == b.Short(EN) {
			t.Errorf("band %s lacks a short label in both languages", b)
		}
	}
	if Excellent.Label(ZH) != "优质合作方" || Qualified.Label(ZH) != "合格备选" || Reject.Label(ZH) != "果断放弃" || Disqualified.Label(ZH) != "一票否决" {
		t.Errorf("Chinese band labels differ from the articles")
	}
}

// TestBandsViaScore puts the same vendor (dimension A full, nothing else known)
// through profiles that weight A at the boundary totals. The open questions of B
// could reach 100, so below 85 the vendor is incomplete, whatever band its total alone
// would give.
func TestBandsViaScore(t *testing.T) {
	aFull := yes("business_license", "iso9001", "iso27001", "nda", "encryption", "leak_plan", "mlps")
	for _, c := range []struct {
		a       float64
		byTotal Band
		want    Band
	}{
		{69, Reject, Incomplete}, {69.9, Reject, Incomplete}, {70, Qualified, Incomplete}, {84, Qualified, Incomplete},
		{84.9, Qualified, Incomplete}, {85, Excellent, Excellent}, {100, Excellent, Excellent},
	} {
		p, err := CustomProfile(c.a, 100-c.a, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		card := Score(baseReq(), aFull, p)
		checkCard(t, card)
		if card.Total != c.a || BandOf(card.Total, false) != c.byTotal || card.Band != c.want {
			t.Errorf("A weighted %v: total %v band %s, want %v %s", c.a, card.Total, card.Band, c.a, c.want)
		}
		// A knockout in a dimension weighted 0 still disqualifies, whatever the total.
		ko := Score(baseReq(), merge(aFull, ans("data_ownership", No)), p)
		if ko.Total != c.a || ko.Band != Disqualified {
			t.Errorf("A weighted %v with a knockout: total %v band %s", c.a, ko.Total, ko.Band)
		}
	}
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
