package rubric

import (
	"reflect"
	"strings"
	"testing"
)

// verifiedAll is evidence from the registry for every knockout question.
func verifiedAll() map[string]Evidence {
	ev := map[string]Evidence{}
	for _, id := range knockoutQuestions {
		ev[id] = Evidence{Source: "registry", Seen: "2026-11-30"}
	}
	return ev
}

func withEvidence(ev map[string]Evidence, id string, e Evidence) map[string]Evidence {
	out := map[string]Evidence{}
	for k, v := range ev {
		out[k] = v
	}
	out[id] = e
	return out
}

func TestScoreVendorEvidenceRules(t *testing.T) {
	req := baseReq() // web only, e-commerce, process: only the business licence is required
	full := fullAnswers(req)
	none := map[string]Evidence{}
	cases := []struct {
		name      string
		req       Requirements
		ans       Answers
		ev        map[string]Evidence
		knockouts []Finding
		flags     []Finding
	}{
		{"every knockout question verified", req, full, verifiedAll(), nil, nil},
		{"no evidence at all: each applicable knockout question unverified", req, full, none, nil, []Finding{
			{Code: "unverified", Item: "A1", Question: "business_license"},
			{Code: "unverified", Item: "A3", Question: "nda"},
			{Code: "unverified", Item: "D2", Question: "data_ownership"},
		}},
		{"the vendor's word verifies nothing", req, full,
			withEvidence(verifiedAll(), "nda", Evidence{Source: "vendor", Seen: "2026-11-30"}), nil,
			[]Finding{{Code: "unverified", Item: "A3", Question: "nda"}}},
		{"a required licence and a regulated filing count where they apply",
			with(channels("phone"), staffingMode("dispatch"), industry("finance")), fullAnswers(with(channels("phone"))),
			map[string]Evidence{"business_license": {Source: "document", Seen: "2026-11-01"}, "nda": {Source: "visit", Seen: "2026-11-01"}, "data_ownership": {Source: "reference", Seen: "2026-11-01"}},
			nil, []Finding{
				{Code: "unverified", Item: "A1", Question: "dispatch_permit"},
				{Code: "unverified", Item: "A1", Question: "telecom_license"},
				{Code: "unverified", Item: "A4", Question: "industry_filing"},
			}},
		{"an unanswered or refused question is no unverified yes", req,
			merge(full, ans("nda", Unknown, "data_ownership", No)), map[string]Evidence{"business_license": {Source: "registry", Seen: "2026-11-30"}},
			[]Finding{{Code: "no_data_ownership", Item: "D2"}}, nil},
		{"a licence expired when checked disqualifies", req, full,
			withEvidence(verifiedAll(), "business_license", Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-11-29"}),
			[]Finding{{Code: "licence_expired", Item: "A1", Question: "business_license", Day: "2026-11-29"}}, nil},
		{"a licence valid on the day it was checked is fine", req, full,
			withEvidence(verifiedAll(), "business_license", Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-11-30"}), nil, nil},
		{"a licence the company does not need is not held against the vendor", req, full,
			withEvidence(verifiedAll(), "dispatch_permit", Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2020-01-01"}), nil, nil},
		{"an expired certificate is a red flag", req, full,
			withEvidence(verifiedAll(), "iso27001", Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2025-06-30"}), nil,
			[]Finding{{Code: "certificate_expired", Item: "A2", Question: "iso27001", Day: "2025-06-30"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			card := ScoreVendor(c.req, Vendor{Answers: c.ans, Evidence: c.ev}, DefaultProfile)
			if !reflect.DeepEqual(card.Knockouts, c.knockouts) {
				t.Errorf("knockouts = %+v, want %+v", card.Knockouts, c.knockouts)
			}
			if !reflect.DeepEqual(card.Flags, c.flags) {
				t.Errorf("flags = %+v, want %+v", card.Flags, c.flags)
			}
			plain := Score(c.req, c.ans, DefaultProfile)
			if card.Total != plain.Total || card.Potential != plain.Potential {
				t.Errorf("evidence moved points: %v/%v, without it %v/%v", card.Total, card.Potential, plain.Total, plain.Potential)
			}
			if (len(card.Knockouts) > 0) != (card.Band == Disqualified) {
				t.Errorf("band %s with knockouts %v", card.Band, card.Knockouts)
			}
			checkCard(t, card)
		})
	}
}

func TestExpiredLicenceSaysItsDay(t *testing.T) {
	req := baseReq()
	v := Vendor{Answers: fullAnswers(req), Evidence: withEvidence(verifiedAll(), "business_license",
		Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-03-31"})}
	card := ScoreVendor(req, v, DefaultProfile)
	if card.Band != Disqualified || len(card.Knockouts) != 1 {
		t.Fatalf("band %s, knockouts %v", card.Band, card.Knockouts)
	}
	for lang, want := range map[Lang]string{
		EN: "Knockout: licence had expired when checked: Business licence, valid until 2026-03-31",
		ZH: "一票否决:资质在核查时已过期:营业执照,有效期至 2026-03-31",
	} {
		if got := KnockoutWords(card.Knockouts[0], lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := DisqualifiedWords(card, EN); !strings.Contains(got, "2026-03-31") {
		t.Errorf("disqualified words %q do not say the day", got)
	}
}

func TestContractEndComparison(t *testing.T) {
	req := baseReq()
	ev := withEvidence(verifiedAll(), "business_license", Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2027-06-30"})
	ev["iso9001"] = Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2027-03-31"}
	v := Vendor{Answers: fullAnswers(req), Evidence: ev}
	for _, c := range []struct {
		end       string
		knockouts []Finding
		flags     []Finding
	}{
		{"", nil, nil}, // valid when seen
		{"2027-03-31", nil, nil},
		{"2027-04-01", nil, []Finding{{Code: "certificate_lapses", Item: "A2", Question: "iso9001", Day: "2027-03-31"}}},
		{"2027-12-31", []Finding{{Code: "licence_lapses", Item: "A1", Question: "business_license", Day: "2027-06-30"}},
			[]Finding{{Code: "certificate_lapses", Item: "A2", Question: "iso9001", Day: "2027-03-31"}}},
	} {
		// The planned contract end is a step-1 requirement.
		req.ContractEnd = c.end
		if errs := req.Validate(); len(errs) != 0 {
			t.Fatalf("contract end %q refused: %v", c.end, errs)
		}
		card := ScoreVendor(req, v, DefaultProfile)
		if !reflect.DeepEqual(card.Knockouts, c.knockouts) || !reflect.DeepEqual(card.Flags, c.flags) {
			t.Errorf("contract end %q: knockouts %+v flags %+v, want %+v %+v", c.end, card.Knockouts, card.Flags, c.knockouts, c.flags)
		}
	}
}

// The store caches scorecards, so the same inputs score the same whenever they are
// scored: a licence valid on the day it was seen stays so however late it is read.
func TestScoreVendorReadsNoClock(t *testing.T) {
	req := baseReq()
	v := Vendor{Answers: fullAnswers(req), Evidence: withEvidence(verifiedAll(), "business_license",
		Evidence{Source: "registry", Seen: "2001-01-01", ValidUntil: "2001-06-30"})}
	first := ScoreVendor(req, v, DefaultProfile)
	if len(first.Knockouts) != 0 || len(first.Flags) != 0 || first.Band == Disqualified {
		t.Fatalf("a licence valid when seen, long ago: %s %v %v", first.Band, first.Knockouts, first.Flags)
	}
	if again := ScoreVendor(req, v, DefaultProfile); !reflect.DeepEqual(first, again) {
		t.Errorf("scored twice, differently")
	}
}

func TestEvidenceWords(t *testing.T) {
	e := Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2027-06-30", Link: "https://gsxt.gov.cn/x"}
	if got, want := EvidenceWords(e, EN), "registry checked 2026-11-30 · valid until 2027-06-30 · https://gsxt.gov.cn/x"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got, want := EvidenceWords(Evidence{Source: "vendor", Seen: "2026-11-30"}, ZH), "仅服务商口述 2026-11-30"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	for _, id := range []string{"business_license", "dispatch_permit", "telecom_license", "iso9001", "iso27001", "mlps"} {
		if _, ok := QuestionByID(id); !ok || !HasValidity(id) {
			t.Errorf("%s: a question with a validity", id)
		}
	}
	if HasValidity("nda") || !IsLicence("telecom_license") || IsLicence("mlps") {
		t.Error("validity of nda, telecom_license or mlps")
	}
	for _, code := range []string{"unverified", "licence_expired", "licence_lapses", "certificate_expired", "certificate_lapses"} {
		if !KnownFinding(code) {
			t.Errorf("%s has no words", code)
		}
	}
}

var evidenceKnockoutCodes = []string{"licence_expired", "licence_lapses"}

// evidenceFindingRules are findingRules whose vendor carries the evidence of
// ruleEvidence under the rule's name; TestFindings checks them with the others.
var evidenceFindingRules = []findingRule{
	{"nda yes, no evidence", baseReq(), yes("nda"), "unverified", "A3", true},
	{"nda yes, vendor's word", baseReq(), yes("nda"), "unverified", "A3", true},
	{"nda yes, document seen", baseReq(), yes("nda"), "unverified", "A3", false},
	{"nda unknown, no evidence", baseReq(), Answers{}, "unverified", "A3", false},
	{"licence valid until the day before it was seen", baseReq(), yes("business_license"), "licence_expired", "A1", true},
	{"licence valid until the day it was seen", baseReq(), yes("business_license"), "licence_expired", "A1", false},
	{"licence lapses the day before the contract ends", baseReq(), yes("business_license"), "licence_lapses", "A1", true},
	{"licence valid until the contract ends", baseReq(), yes("business_license"), "licence_lapses", "A1", false},
	{"certificate valid until the day before it was seen", baseReq(), yes("mlps"), "certificate_expired", "A3", true},
	{"certificate expired, answered no", baseReq(), ans("mlps", No), "certificate_expired", "A3", false},
	{"certificate lapses before the contract ends", baseReq(), yes("iso9001"), "certificate_lapses", "A2", true},
	{"certificate valid past the contract end", baseReq(), yes("iso9001"), "certificate_lapses", "A2", false},
}

var ruleEvidence = map[string]struct {
	ev          map[string]Evidence
	contractEnd string
}{
	"nda yes, no evidence":                               {nil, ""},
	"nda yes, vendor's word":                             {map[string]Evidence{"nda": {Source: "vendor", Seen: "2026-11-30"}}, ""},
	"nda yes, document seen":                             {map[string]Evidence{"nda": {Source: "document", Seen: "2026-11-30"}}, ""},
	"nda unknown, no evidence":                           {nil, ""},
	"licence valid until the day before it was seen":     {map[string]Evidence{"business_license": {Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-11-29"}}, ""},
	"licence valid until the day it was seen":            {map[string]Evidence{"business_license": {Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-11-30"}}, ""},
	"licence lapses the day before the contract ends":    {map[string]Evidence{"business_license": {Source: "registry", Seen: "2026-11-30", ValidUntil: "2027-12-30"}}, "2027-12-31"},
	"licence valid until the contract ends":              {map[string]Evidence{"business_license": {Source: "registry", Seen: "2026-11-30", ValidUntil: "2027-12-31"}}, "2027-12-31"},
	"certificate valid until the day before it was seen": {map[string]Evidence{"mlps": {Source: "document", Seen: "2026-11-30", ValidUntil: "2026-11-29"}}, ""},
	"certificate expired, answered no":                   {map[string]Evidence{"mlps": {Source: "document", Seen: "2026-11-30", ValidUntil: "2026-11-29"}}, ""},
	"certificate lapses before the contract ends":        {map[string]Evidence{"iso9001": {Source: "document", Seen: "2026-11-30", ValidUntil: "2027-01-31"}}, "2027-12-31"},
	"certificate valid past the contract end":            {map[string]Evidence{"iso9001": {Source: "document", Seen: "2026-11-30", ValidUntil: "2028-01-31"}}, "2027-12-31"},
}

func TestFindingsWordsGroupOneCodesQuestions(t *testing.T) {
	fs := []Finding{{Code: "hidden_fee", Item: "D1"},
		{Code: "unverified", Item: "A1", Question: "business_license"}, {Code: "unverified", Item: "A3", Question: "nda"},
		{Code: "certificate_expired", Item: "A2", Question: "iso9001", Day: "2026-01-01"},
		{Code: "certificate_expired", Item: "A2", Question: "iso27001", Day: "2026-02-01"}}
	want := "hidden fees found; not verified: Business licence, Signs an NDA; " +
		"certificate had expired when checked: ISO 9001 certified, valid until 2026-01-01; " +
		"certificate had expired when checked: ISO 27001 certified, valid until 2026-02-01"
	if got := FindingsWords(fs, EN); got != want {
		t.Errorf("%q\nwant %q", got, want)
	}
	if got, want := FindingsWords(fs[1:3], ZH), "未经核实:营业执照、签订保密协议(NDA)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestContractEndIsADay(t *testing.T) {
	for _, end := range []string{"2027-13-01", "12-31", "soon", "2027/12/31"} {
		req := baseReq()
		req.ContractEnd = end
		errs := req.Validate()
		if len(errs) != 1 || errs[0].Field != "contract_end" || errs[0].Message.ZH == "" {
			t.Errorf("contract end %q: %v, want one error naming contract_end", end, errs)
		}
	}
}
