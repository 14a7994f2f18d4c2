package db

import (
	"slices"

	"vendorvet/panel"
	"vendorvet/rubric"
)

// vendorPanel is what one vendor's consensus is made of: every evaluator's answers
// and evidence by name, the leads' decisions by question, and who has submitted.
// The store builds it from the database to cache a vendor's score (rescore), and a
// Session from its vendors to give them as they are judged (Rubric), so that both
// follow the same rules.
type vendorPanel struct {
	// order is the session's panel in the order it joined.
	order []string
	// own is the evaluator whose answers the vendor shows when nobody takes part:
	// the one a Session was read as, "" for the store.
	own       string
	answers   map[string]rubric.Answers
	evidence  map[string]map[string]rubric.Evidence
	decisions map[string]rubric.Decision
	submitted map[string]bool
}

func newVendorPanel(order []string, own string) *vendorPanel {
	return &vendorPanel{order: order, own: own, answers: map[string]rubric.Answers{},
		evidence: map[string]map[string]rubric.Evidence{}, decisions: map[string]rubric.Decision{}, submitted: map[string]bool{}}
}

// answer keeps one evaluator's answer.
func (p *vendorPanel) answer(evaluator, question string, v rubric.Value) {
	if p.answers[evaluator] == nil {
		p.answers[evaluator] = rubric.Answers{}
	}
	p.answers[evaluator][question] = v
}

// members are the evaluators who take part in the vendor's consensus, in the
// panel's order: those who have answered at least one of its questions, or
// submitted it. A question one of them left unknown is no vote (panel's rules); a
// member who has not turned to the vendor at all is not counted among those who
// could have agreed, so that "everyone who answered agreed" is said of those who
// looked.
func (p *vendorPanel) members() []string {
	var out []string
	for _, name := range p.order {
		if len(p.answers[name]) > 0 || p.submitted[name] {
			out = append(out, name)
		}
	}
	return out
}

// consensus is the answers the vendor is judged by: the panel's rules
// (panel.Consensus) over its members, with the leads' decisions standing over them.
// A lone member and no decision is that member's answers exactly as stored: the
// rule's outcome for a panel of one, answers that say nothing (an empty list) kept
// as they are, so that a panel of one reads as a single evaluator always did.
func (p *vendorPanel) consensus() rubric.Answers {
	members := p.members()
	switch {
	case len(members) > 1 || len(p.decisions) > 0:
		return panel.Consensus(members, p.answers, p.decisions)
	case len(members) == 1:
		return p.answers[members[0]]
	}
	return p.answers[p.own]
}

// scoredEvidence is the evidence the consensus is scored with and reports show:
// for each question, the strongest any evaluator recorded (stronger), the first in
// the panel's order of equals. One evaluator's evidence is theirs as it is.
func (p *vendorPanel) scoredEvidence() map[string]rubric.Evidence {
	var authors []string
	for _, name := range p.order {
		if len(p.evidence[name]) > 0 {
			authors = append(authors, name)
		}
	}
	switch len(authors) {
	case 0:
		return p.evidence[p.own]
	case 1:
		return p.evidence[authors[0]]
	}
	out := map[string]rubric.Evidence{}
	for _, name := range authors {
		for q, e := range p.evidence[name] {
			if best, ok := out[q]; !ok || stronger(e, best) {
				out[q] = e
			}
		}
	}
	return out
}

// stronger reports whether evidence a outweighs b: evidence that verifies before
// the vendor's word alone, then the later day seen (the later check knows better: a
// licence renewed, a certificate lapsed), then the stronger source.
func stronger(a, b rubric.Evidence) bool {
	if a.Verified() != b.Verified() {
		return a.Verified()
	}
	if a.Seen != b.Seen {
		// YYYY-MM-DD, checked when stored: text order is day order.
		return a.Seen > b.Seen
	}
	return sourceRank(a.Source) < sourceRank(b.Source)
}

// sourceRank is a source's place in rubric.EvidenceSources, the strongest first.
func sourceRank(source string) int {
	i := slices.IndexFunc(rubric.EvidenceSources, func(o rubric.Option) bool { return o.Value == source })
	if i < 0 {
		return len(rubric.EvidenceSources)
	}
	return i
}

// card is the consensus scored, with the evidence it is scored with.
func (p *vendorPanel) card(req rubric.Requirements, prof rubric.Profile) rubric.Scorecard {
	return rubric.ScoreVendor(req, rubric.Vendor{Answers: p.consensus(), Evidence: p.scoredEvidence()}, prof)
}

// panelOrder is the session's panel by name, in order, with the evaluator the
// session was read as at the end when they are not on it yet: what a screen has
// them answer meanwhile counts as it will once saved.
func (s *Session) panelOrder() []string {
	order := make([]string, 0, len(s.Panel)+1)
	for _, e := range s.Panel {
		order = append(order, e.Name)
	}
	if s.Acting != "" && !slices.Contains(order, s.Acting) {
		order = append(order, s.Acting)
	}
	return order
}

// panelOf is what v's consensus is made of, as the session holds it: the acting
// evaluator's answers and evidence are v's own, which a screen may have changed
// since they were read.
func (v *Vendor) panelOf(order []string, acting string) *vendorPanel {
	p := newVendorPanel(order, acting)
	for name, a := range v.Panel {
		p.answers[name] = a
	}
	for name, e := range v.PanelEvidence {
		p.evidence[name] = e
	}
	p.answers[acting], p.evidence[acting] = v.Answers, v.Evidence
	if v.Decisions != nil {
		p.decisions = v.Decisions
	}
	if v.Submitted != nil {
		p.submitted = v.Submitted
	}
	return p
}

// panelNotes are v's notes as reports show them: one evaluator's as they are;
// several evaluators' notes on one step one after another, each under its author's
// name, in the panel's order.
func (v *Vendor) panelNotes(order []string, acting string, lang rubric.Lang) map[int]string {
	notes := func(name string) map[int]string {
		if name == acting {
			return v.Notes
		}
		return v.PanelNotes[name]
	}
	var authors []string
	for _, name := range order {
		if len(notes(name)) > 0 {
			authors = append(authors, name)
		}
	}
	switch len(authors) {
	case 0:
		return v.Notes
	case 1:
		return notes(authors[0])
	}
	out := map[int]string{}
	for _, name := range authors {
		for step, text := range notes(name) {
			if text == "" {
				continue
			}
			part := name + lang.Pick("：", ": ") + text
			if out[step] != "" {
				part = out[step] + "\n\n" + part
			}
			out[step] = part
		}
	}
	return out
}

// Evaluate is the panel's evaluation of v, one of the session's vendors, as
// panel.Evaluate gives it: per question the answers side by side with their
// agreement and the points at stake, per member how far they sit apart. Its
// members are those who take part in v's consensus, and its Consensus and Card are
// the ones the store caches; the acting evaluator's answers are v's own, as a
// screen may have changed them.
func (s *Session) Evaluate(v *Vendor) panel.Vendor {
	p := v.panelOf(s.panelOrder(), s.Acting)
	evidence := p.scoredEvidence()
	score := func(a rubric.Answers) rubric.Scorecard {
		return rubric.ScoreVendor(s.Requirements, rubric.Vendor{Answers: a, Evidence: evidence}, s.Profile)
	}
	out := panel.Evaluate(score, p.members(), p.answers, p.decisions)
	out.Consensus = p.consensus()
	out.Card = score(out.Consensus)
	return out
}
