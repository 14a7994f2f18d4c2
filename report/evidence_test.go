package report

import (
	"strings"
	"testing"
	"time"

	"vendorvet/rubric"
)

// An evidenced answer says its evidence in the answers table, and the findings it
// raises are listed with the question and the day.
func TestMarkdownSaysEvidenceAndItsFindings(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s := rubric.Session{Title: "T", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(), Profile: rubric.DefaultProfile,
		Vendors: []rubric.Vendor{{Name: "Acme",
			Answers: rubric.Answers{"business_license": {Tri: rubric.Yes}, "nda": {Tri: rubric.Yes}, "iso9001": {Tri: rubric.Yes}},
			Evidence: map[string]rubric.Evidence{
				"business_license": {Source: "registry", Seen: "2026-11-30", Link: "https://gsxt.gov.cn/a|b", ValidUntil: "2026-10-31"},
				"iso9001":          {Source: "document", Seen: "2026-11-30", ValidUntil: "2028-01-01"},
			}}}}
	md := string(Markdown(s, rubric.EN, now))
	for _, want := range []string{
		"| Yes; evidence: registry checked 2026-11-30 · valid until 2026-10-31 · https://gsxt.gov.cn/a\\|b |",
		"| Yes; evidence: document seen 2026-11-30 · valid until 2028-01-01 |",
		"**Knockouts (disqualifying):**",
		"- licence had expired when checked: Business licence, valid until 2026-10-31 (A1 Basic licences)",
		"- not verified: Signs an NDA (A3 Data security)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks\n%s\nin:\n%s", want, md)
		}
	}
	if strings.Contains(md, "not verified: Business licence") {
		t.Error("a licence checked in the registry is called unverified")
	}
}
