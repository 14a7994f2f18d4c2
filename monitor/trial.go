package monitor

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"vendorvet/capacity"
	"vendorvet/rubric"
)

// Verdict is what a trial showed of a vendor's promises.
type Verdict string

const (
	// Kept: every KPI with a target met it in every period of the trial.
	Kept Verdict = "kept"
	// KeptMostly: some misses, but no KPI missed long enough to terminate.
	KeptMostly Verdict = "mostly_kept"
	// Broken: a KPI missed in enough periods in a row to terminate.
	Broken Verdict = "broken"
	// Unmeasured: no period of the trial had contacts.
	Unmeasured Verdict = "unmeasured"
)

// KPITally is how often one KPI met its target in the trial.
type KPITally struct {
	KPI           KPI
	Target        float64
	Met, Measured int // periods it met its target in, of those that measured it
}

// TrialResult is the trial measured: does the vendor keep its promises?
type TrialResult struct {
	// Ended: the trial is over, by the day given or by the figures, which reach
	// its last day.
	Ended bool
	// Periods are the trial's periods with contacts; MetAll those in which every
	// KPI with a target met it.
	Periods, MetAll int
	KPIs            []KPITally
	// Credits owed over the trial's periods, and the amount earned back in them.
	Credits, EarnedBack float64
	// Worst is the worst standing of a period of the trial; Chronic the KPIs
	// missed long enough to terminate.
	Worst   Standing
	Chronic []KPI
	Verdict Verdict
}

// Trial measures the trial from the engagement's results (Evaluate), as of today:
// the trial has ended once today is past it or the results reach its last day.
func (e Engagement) Trial(results []Result, today time.Time) TrialResult {
	var t TrialResult
	t.Ended = !e.TrialEnd().After(Day(today))
	for _, tg := range e.SLA.Targets {
		t.KPIs = append(t.KPIs, KPITally{KPI: tg.KPI, Target: tg.Value})
	}
	for _, r := range results {
		if _, end, err := e.Kind.Span(r.Period.Label); err == nil && !e.TrialEnd().After(end) {
			t.Ended = true
		}
		if r.Skipped || !e.InTrial(r.Period.Label) {
			continue
		}
		t.Periods++
		if r.Standing == Meets {
			t.MetAll++
		}
		t.Credits += r.Credit
		t.EarnedBack += r.EarnedBack
		if slices.Index(Standings, r.Standing) > slices.Index(Standings, t.Worst) {
			t.Worst = r.Standing
		}
		for _, k := range r.Chronic {
			if !slices.Contains(t.Chronic, k) {
				t.Chronic = append(t.Chronic, k)
			}
		}
		for _, m := range r.KPIs {
			i := slices.IndexFunc(t.KPIs, func(x KPITally) bool { return x.KPI == m.KPI })
			if i < 0 || !m.Known || !m.HasTarget {
				continue
			}
			t.KPIs[i].Measured++
			if m.Met {
				t.KPIs[i].Met++
			}
		}
	}
	switch {
	case t.Periods == 0:
		t.Verdict = Unmeasured
	case len(t.Chronic) > 0:
		t.Verdict = Broken
	case t.MetAll == t.Periods:
		t.Verdict = Kept
	default:
		t.Verdict = KeptMostly
	}
	return t
}

// Sentence says the trial's verdict with what it rests on.
func (t TrialResult) Sentence(sch Schedule) rubric.Text {
	names := func(lang rubric.Lang) string {
		var out []string
		for _, k := range t.Chronic {
			out = append(out, k.Name().In(lang))
		}
		return strings.Join(out, lang.Pick("、", ", "))
	}
	money := capacity.Money(t.Credits)
	switch t.Verdict {
	case Unmeasured:
		return rubric.Text{ZH: "试运营期间没有带咨询量的周期，无法判断服务商是否兑现承诺。",
			EN: "No period of the trial had contacts: whether the vendor keeps its promises cannot be said."}
	case Kept:
		return rubric.Text{
			ZH: fmt.Sprintf("服务商兑现了承诺：试运营的 %d 个周期全部达标，无扣款。", t.Periods),
			EN: fmt.Sprintf("The vendor kept its promises: every KPI met its target in all %d periods of the trial, and no credit is owed.", t.Periods)}
	case Broken:
		return rubric.Text{
			ZH: fmt.Sprintf("服务商未兑现承诺：%s连续 %d 个周期未达标，企业有权解约；试运营 %d 个周期中 %d 个全部达标，扣款合计 %s。",
				names(rubric.ZH), sch.ChronicMisses, t.Periods, t.MetAll, money),
			EN: fmt.Sprintf("The vendor did not keep its promises: %s missed its target in %d periods in a row, which gives the client the right to terminate; %d of the trial's %d periods met every target, and %s is owed in credits.",
				names(rubric.EN), sch.ChronicMisses, t.MetAll, t.Periods, money)}
	}
	return rubric.Text{
		ZH: fmt.Sprintf("服务商基本兑现了承诺：试运营 %d 个周期中 %d 个全部达标，未达标的指标没有持续到可解约的程度，扣款合计 %s。", t.Periods, t.MetAll, money),
		EN: fmt.Sprintf("The vendor mostly kept its promises: %d of the trial's %d periods met every target, no miss lasted long enough to terminate, and %s is owed in credits.", t.MetAll, t.Periods, money)}
}
