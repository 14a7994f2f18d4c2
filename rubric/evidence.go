package rubric

import (
	"strings"
	"time"
)

// Evidence is how an answer was verified: where it comes from, the day it was seen
// or checked, where the proof is kept, and for a licence or a certificate the day
// it is valid until.
type Evidence struct {
	Source string // one of EvidenceSources
	// Seen is the day it was seen or checked, YYYY-MM-DD.
	Seen string
	// Link is a URL or a file path, optional.
	Link string
	// ValidUntil is the last day a licence or certificate is valid, YYYY-MM-DD;
	// only questions with HasValidity carry one.
	ValidUntil string
}

// EvidenceSources are where evidence comes from, the strongest first; "vendor" is
// the vendor's word only, which verifies nothing.
var EvidenceSources = Options{
	{"document", Text{"查看了文件(原件或扫描件)", "document seen"}},
	{"registry", Text{"核查了官方登记系统", "registry checked"}},
	{"reference", Text{"联系了案例客户核实", "reference call"}},
	{"visit", Text{"实地考察", "site visit"}},
	{"vendor", Text{"仅服务商口述", "vendor's word only"}},
}

// validity lists the questions whose proof expires: the licences, whose lapse is a
// knockout, and the certificates, whose lapse is a red flag.
var validity = map[string]bool{
	"business_license": true, "dispatch_permit": true, "telecom_license": true,
	"iso9001": false, "iso27001": false, "mlps": false,
}

// HasValidity reports whether question id is a licence or certificate, whose
// evidence may say until when it is valid.
func HasValidity(id string) bool { _, ok := validity[id]; return ok }

// IsLicence reports whether question id is a licence (not a certificate).
func IsLicence(id string) bool { return validity[id] }

// knockoutQuestions are the questions whose "no" disqualifies, as the rules of
// Score apply them; each counts only where it applies to the company.
var knockoutQuestions = []string{"business_license", "dispatch_permit", "telecom_license", "nda", "industry_filing", "data_ownership"}

// Verified reports whether the evidence verifies anything: there is some, and it is
// more than the vendor's word.
func (e Evidence) Verified() bool { return e.Source != "" && e.Source != "vendor" }

// ScoreVendor is Score with what the vendor's evidence adds: a knockout question
// answered yes without evidence beyond the vendor's word is flagged unverified, and a
// licence already expired when it was checked disqualifies (a certificate is
// flagged). It reads no clock: only answers, evidence and requirements count.
func ScoreVendor(req Requirements, v Vendor, p Profile) Scorecard {
	card := Score(req, v.Answers, p)
	applyEvidence(&card, req, v, req.ContractEnd)
	return card
}

// applyEvidence adds the evidence findings to card. contractEnd, YYYY-MM-DD or "",
// is the day the contract is planned to end: proof must stay valid until then;
// without it, proof must have been valid on the day it was seen.
func applyEvidence(card *Scorecard, req Requirements, v Vendor, contractEnd string) {
	added := false
	for _, id := range knockoutQuestions {
		q, _ := QuestionByID(id)
		if !q.Applicable(req) || v.Answers.Tri(id) != Yes {
			continue
		}
		if !v.Evidence[id].Verified() {
			card.Flags = append(card.Flags, Finding{Code: "unverified", Item: q.Item, Question: id})
			added = true
		}
	}
	for _, q := range Questions {
		ev, ok := v.Evidence[q.ID]
		if !ok || !HasValidity(q.ID) || ev.ValidUntil == "" || v.Answers.Tri(q.ID) != Yes || !q.Applicable(req) {
			continue
		}
		code, by := "", contractEnd
		if by == "" {
			by = ev.Seen
		}
		if !before(ev.ValidUntil, by) {
			continue
		}
		switch {
		case IsLicence(q.ID) && contractEnd != "":
			code = "licence_lapses"
		case IsLicence(q.ID):
			code = "licence_expired"
		case contractEnd != "":
			code = "certificate_lapses"
		default:
			code = "certificate_expired"
		}
		f := Finding{Code: code, Item: q.Item, Question: q.ID, Day: ev.ValidUntil}
		if IsLicence(q.ID) {
			card.Knockouts = append(card.Knockouts, f)
		} else {
			card.Flags = append(card.Flags, f)
		}
		added = true
	}
	if added {
		sortFindings(card.Knockouts)
		sortFindings(card.Flags)
		card.Band = card.verdict()
	}
}

// before reports whether day a is before day b, both YYYY-MM-DD; a day that does not
// read is before nothing.
func before(a, b string) bool {
	ta, err1 := time.Parse(dateLayout, a)
	tb, err2 := time.Parse(dateLayout, b)
	return err1 == nil && err2 == nil && ta.Before(tb)
}

// EvidenceWords says evidence in one line: "registry checked 2026-11-30 · valid
// until 2027-06-30 · https://…".
func EvidenceWords(e Evidence, lang Lang) string {
	parts := []string{EvidenceSources.Label(e.Source, lang) + " " + e.Seen}
	if e.ValidUntil != "" {
		parts = append(parts, Text{"有效期至 ", "valid until "}.In(lang)+e.ValidUntil)
	}
	if e.Link != "" {
		parts = append(parts, e.Link)
	}
	return strings.Join(parts, " · ")
}

// Text says a finding as a sentence, with the question and the day it names, if any:
// "licence had expired when checked: Business licence, valid until 2026-01-31".
func (f Finding) Text(lang Lang) string {
	s := FindingText(f.Code, lang)
	if f.Note != (Text{}) {
		s += Text{":", ": "}.In(lang) + f.Note.In(lang)
	}
	if f.Question == "" {
		return s
	}
	q, _ := QuestionByID(f.Question)
	s += Text{":", ": "}.In(lang) + q.Label.In(lang)
	if f.Day != "" {
		s += Text{",有效期至 ", ", valid until "}.In(lang) + f.Day
	}
	return s
}

// findingParts says findings one by one, those of one code about several questions
// together: "not verified: Business licence, Signs an NDA".
func findingParts(fs []Finding, lang Lang) []string {
	parts := make([]string, 0, len(fs))
	for i, f := range fs {
		if i > 0 && f.Question != "" && f.Day == "" && fs[i-1].Code == f.Code && fs[i-1].Day == "" {
			q, _ := QuestionByID(f.Question)
			parts[len(parts)-1] += Text{"、", ", "}.In(lang) + q.Label.In(lang)
			continue
		}
		parts = append(parts, f.Text(lang))
	}
	return parts
}
