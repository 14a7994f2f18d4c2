// Package panel turns the independent answers of a panel of evaluators into one
// consensus scorecard a vendor is judged by, and shows where the panel disagrees:
// per question, the answers side by side with their agreement and the points at
// stake; per evaluator, whether their totals sit apart from the rest and why.
//
// The rules, stated once here and in the README:
//   - yes/no, a choice or a set: only the evaluators who gave an answer vote; one
//     who left it unknown abstains, as a panel divides the work (legal answers the
//     contract, customer service the team) and one who has not looked is no
//     opinion. Unanimous when everyone who answered gave the same answer; a majority
//     when one answer has more than half the votes; split otherwise. The consensus
//     is the unanimous or majority answer, and unknown when split or when nobody
//     answered.
//   - numbers: the median of the evaluators who gave one, with the spread (highest −
//     lowest); of two middle values, the one worse for the client. Unanimous when
//     everyone who gave one gave the same number, else a spread.
//   - the lead may set any question's consensus, with a reason; that decision stands
//     over the rule.
//   - the points at stake on a question are the spread of the vendor's total with
//     each answer given in the consensus's place, a knockout counting as the whole
//     total.
//   - an evaluator sits apart when, on a vendor, their total is OutlierPoints or
//     more from the panel's median (with three evaluators or more), or when they
//     alone give an answer that raises or clears a knockout.
package panel

import (
	"maps"
	"math"
	"slices"
	"sort"

	"vendorvet/rubric"
)

// OutlierPoints is how far from the panel's median total an evaluator's total must
// sit to be named.
const OutlierPoints = 10

// Agreement is how far a panel agrees on one question.
type Agreement int

const (
	// Unanimous: every evaluator gave the same answer.
	Unanimous Agreement = iota
	// Majority: more than half gave the same answer; the others differ.
	Majority
	// Split: no answer has more than half the panel.
	Split
	// Spread: numbers that differ; the median stands.
	Spread
)

// Decision is the lead's consensus answer to a question, with the reason.
type Decision = rubric.Decision

// Given is one evaluator's answer to a question.
type Given struct {
	Evaluator string
	Value     rubric.Value
	Known     bool
}

// Question is a question as the panel answered it.
type Question struct {
	ID        string
	Given     []Given // in the panel's order
	Agreement Agreement
	// Consensus is the answer the vendor is scored on; Known false is unknown.
	Consensus rubric.Value
	Known     bool
	// Median and Spread describe a number's answers.
	Median, Spread float64
	// Decided is the lead's decision, when there is one.
	Decided *Decision
	// Stake is the points between the highest and the lowest total the vendor
	// would have with each evaluator's answer in place of the consensus, a
	// disqualified vendor standing at zero.
	Stake float64
}

// Differs reports whether the panel gave more than one answer.
func (q Question) Differs() bool { return q.Agreement != Unanimous }

// Member is one evaluator's view of a vendor.
type Member struct {
	Evaluator string
	Card      rubric.Scorecard // their own answers, scored
	// Apart says why their totals sit apart from the panel's; nil when they do not.
	Apart *Apart
}

// Apart is why an evaluator is named.
type Apart struct {
	// FromMedian is their total minus the panel's median total.
	FromMedian float64
	// Far is set when FromMedian is OutlierPoints or more either way.
	Far bool
	// AloneOnKnockout names the questions where they alone give an answer that
	// raises or clears a knockout.
	AloneOnKnockout []string
	// Questions are the questions that make the difference: where their answer is
	// not that of the evaluator whose total is the median's, by the points it would
	// move that total, most first.
	Questions []Moved
}

// Moved is one question's part in an evaluator's distance from the consensus.
type Moved struct {
	ID     string
	Points float64 // the consensus total with their answer, minus the consensus total
}

// Vendor is a panel's evaluation of one vendor.
type Vendor struct {
	Consensus rubric.Answers
	Card      rubric.Scorecard // the consensus scored
	Members   []Member         // in the panel's order
	// Questions are every question any evaluator answered or the lead decided, in
	// the catalogue's order.
	Questions []Question
	// Low and High are the range of the evaluators' totals.
	Low, High float64
}

// Disagreements are the questions the panel does not agree on, most points at
// stake first.
func (v Vendor) Disagreements() []Question {
	var out []Question
	for _, q := range v.Questions {
		if q.Differs() && q.Decided == nil {
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Stake > out[j].Stake })
	return out
}

// Scorer scores one set of answers to the vendor: rubric.Score or rubric.ScoreVendor
// under the session's requirements, profile and the vendor's evidence.
type Scorer func(rubric.Answers) rubric.Scorecard

// Evaluate brings together the answers of the evaluators (in the panel's order) to
// one vendor, with the lead's decisions by question.
func Evaluate(score Scorer, evaluators []string, answers map[string]rubric.Answers, decisions map[string]Decision) Vendor {
	var v Vendor
	v.Consensus, v.Questions = consensus(evaluators, answers, decisions)
	v.Card = score(v.Consensus)

	// What each question puts at stake: the vendor's total with each evaluator's
	// answer in the consensus's place.
	try := newTrial(score, v.Consensus)
	for i := range v.Questions {
		q := &v.Questions[i]
		if !q.Differs() {
			continue
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, g := range q.Given {
			if !g.Known {
				continue // an abstention is no position to weigh
			}
			t := standing(try.with(q.ID, g))
			lo, hi = math.Min(lo, t), math.Max(hi, t)
		}
		q.Stake = round1(hi - lo)
	}

	v.Members = make([]Member, len(evaluators))
	totals := make([]float64, len(evaluators))
	for i, e := range evaluators {
		v.Members[i] = Member{Evaluator: e, Card: score(answers[e])}
		totals[i] = v.Members[i].Card.Total
	}
	if len(totals) > 0 {
		v.Low, v.High = slices.Min(totals), slices.Max(totals)
	}
	median := medianOf(totals)
	mid := closest(totals, median)
	for i := range v.Members {
		v.Members[i].Apart = v.apart(try, answers, i, mid, median, len(evaluators))
	}
	return v
}

// Consensus is the answers the vendor is judged by, by the rules alone: what
// Evaluate gives as Consensus, without scoring anything.
func Consensus(evaluators []string, answers map[string]rubric.Answers, decisions map[string]Decision) rubric.Answers {
	c, _ := consensus(evaluators, answers, decisions)
	return c
}

// consensus is the consensus answers and every question any evaluator answered or
// the lead decided, in the catalogue's order.
func consensus(evaluators []string, answers map[string]rubric.Answers, decisions map[string]Decision) (rubric.Answers, []Question) {
	out := rubric.Answers{}
	var questions []Question
	for _, q := range rubric.Questions {
		pq, any := gather(q, evaluators, answers)
		if d, ok := decisions[q.ID]; ok {
			pq.Decided = &d
			pq.Consensus, pq.Known = d.Value, d.Known
			any = true
		}
		if !any {
			continue
		}
		if pq.Known {
			out[q.ID] = pq.Consensus
		}
		questions = append(questions, pq)
	}
	return out, questions
}

// gather is one question's answers across the panel and its consensus by the rule.
// any is false when nobody answered.
func gather(q rubric.Question, evaluators []string, answers map[string]rubric.Answers) (Question, bool) {
	pq := Question{ID: q.ID}
	any := false
	for _, e := range evaluators {
		val, ok := answers[e][q.ID]
		known := ok && rubric.Says(q, val)
		pq.Given = append(pq.Given, Given{Evaluator: e, Value: val, Known: known})
		any = any || known
	}
	if q.Kind == rubric.KindNumber {
		numbers(&pq, q)
	} else {
		votes(&pq, q)
	}
	return pq, any
}

// votes applies the rule of yes/no, choices and sets: the answer more than half of
// those who gave one gave; an unknown abstains.
func votes(pq *Question, q rubric.Question) {
	voters := 0
	best, bestCount := -1, 0
	for i, g := range pq.Given {
		if !g.Known {
			continue
		}
		voters++
		count := 0
		for _, h := range pq.Given {
			if h.Known && rubric.SameValue(q, g.Value, h.Value) {
				count++
			}
		}
		if count > bestCount {
			best, bestCount = i, count
		}
	}
	switch {
	case voters == 0:
		pq.Agreement = Unanimous // nobody answered: unknown, and nothing to dispute
		return
	case bestCount == voters:
		pq.Agreement = Unanimous // everyone who answered: the others abstain
	case 2*bestCount > voters:
		pq.Agreement = Majority
	default:
		pq.Agreement = Split
		return
	}
	pq.Consensus, pq.Known = pq.Given[best].Value, true
}

// numbers applies the rule of numbers: the median of those given, the middle pair
// resolved against the client, and the spread.
func numbers(pq *Question, q rubric.Question) {
	var xs []float64
	for _, g := range pq.Given {
		if g.Known {
			xs = append(xs, g.Value.Num)
		}
	}
	if len(xs) == 0 {
		pq.Agreement = Unanimous
		return
	}
	sort.Float64s(xs)
	pq.Spread = xs[len(xs)-1] - xs[0]
	m := len(xs) / 2
	pq.Median = xs[m]
	if len(xs)%2 == 0 {
		lo, hi := xs[m-1], xs[m]
		pq.Median = lo
		if rubric.LowerIsBetter(q.ID) {
			pq.Median = hi
		}
	}
	pq.Consensus, pq.Known = rubric.Value{Num: pq.Median}, true
	pq.Agreement = Unanimous
	if pq.Spread != 0 {
		pq.Agreement = Spread
	}
}

// same reports whether two evaluators gave the same answer; two unknowns are the same.
func same(q rubric.Question, a, b Given) bool {
	if !a.Known || !b.Known {
		return a.Known == b.Known
	}
	return rubric.SameValue(q, a.Value, b.Value)
}

// trial scores the consensus with one question's answer replaced by g's, in a
// scratch copy that is put back after: a copy of the answers for every trial
// would be most of what a panel's report allocates.
type trial struct {
	score   Scorer
	scratch rubric.Answers
}

func newTrial(score Scorer, consensus rubric.Answers) *trial {
	return &trial{score: score, scratch: maps.Clone(consensus)}
}

func (t *trial) with(id string, g Given) rubric.Scorecard {
	was, had := t.scratch[id]
	delete(t.scratch, id)
	if g.Known {
		t.scratch[id] = g.Value
	}
	card := t.score(t.scratch)
	delete(t.scratch, id)
	if had {
		t.scratch[id] = was
	}
	return card
}

// apart says whether member i sits apart from the panel, and why.
func (v Vendor) apart(try *trial, answers map[string]rubric.Answers, i, mid int, median float64, panelSize int) *Apart {
	m := v.Members[i]
	a := &Apart{FromMedian: round1(m.Card.Total - median)}
	a.Far = panelSize >= 3 && math.Abs(a.FromMedian) >= OutlierPoints
	for _, q := range v.Questions {
		g := q.Given[i]
		if !q.Differs() || sameGiven(q.ID, g, Given{Value: q.Consensus, Known: q.Known}) {
			continue
		}
		if card := try.with(q.ID, g); alone(q, i) && !slices.Equal(card.KnockoutCodes(), v.Card.KnockoutCodes()) {
			a.AloneOnKnockout = append(a.AloneOnKnockout, q.ID)
		}
	}
	if !a.Far && len(a.AloneOnKnockout) == 0 {
		return nil
	}
	// What makes the difference: each answer of theirs put in the place of the
	// evaluator at the median's, by the points it moves that total. Measured against
	// a colleague rather than the consensus, as an answer nobody else gave is the
	// consensus when the others abstain, and still sets this total apart.
	if i != mid {
		base := newTrial(try.score, answers[v.Members[mid].Evaluator])
		for _, q := range v.Questions {
			g := q.Given[i]
			if sameGiven(q.ID, g, q.Given[mid]) {
				continue
			}
			if moved := round1(base.with(q.ID, g).Total - v.Members[mid].Card.Total); moved != 0 {
				a.Questions = append(a.Questions, Moved{ID: q.ID, Points: moved})
			}
		}
	}
	sort.SliceStable(a.Questions, func(x, y int) bool {
		return math.Abs(a.Questions[x].Points) > math.Abs(a.Questions[y].Points)
	})
	return a
}

// sameGiven reports whether two answers to question id are the same, two unknowns
// being the same.
func sameGiven(id string, a, b Given) bool {
	return same(mustQuestion(id), a, b)
}

// alone reports whether evaluator i's answer to q is given by nobody else.
func alone(q Question, i int) bool {
	rq := mustQuestion(q.ID)
	for j, g := range q.Given {
		if j != i && same(rq, g, q.Given[i]) {
			return false
		}
	}
	return len(q.Given) > 1
}

func mustQuestion(id string) rubric.Question {
	q, _ := rubric.QuestionByID(id)
	return q
}

// closest is the index of the value nearest x, the first of equals; -1 for none.
func closest(xs []float64, x float64) int {
	best := -1
	for i, y := range xs {
		if best < 0 || math.Abs(y-x) < math.Abs(xs[best]-x) {
			best = i
		}
	}
	return best
}

func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}

// standing is what a scorecard's total is worth: nothing once disqualified.
func standing(c rubric.Scorecard) float64 {
	if c.Band == rubric.Disqualified {
		return 0
	}
	return c.Total
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
