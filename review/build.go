package review

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"vendorvet/capacity"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// Build works the review out. A Through that is not a period of the engagement is
// refused with a *monitor.Error.
func Build(in Input) (Review, error) {
	rec, lang := in.Record, in.Lang
	e := rec.Engagement
	r := Review{Format: Format, Lang: string(lang), Session: in.Session, Client: in.Client, Vendor: in.Vendor,
		Engagement: engagementOf(e, lang), Misses: []Miss{}, QA: []QAEntry{}, KPIs: []KPITrend{}, Periods: []Period{}}

	stored := map[string]bool{}
	periods := e.Sorted(rec.Periods)
	for _, p := range rec.Periods {
		stored[p.Label] = true
	}
	if in.Through != "" {
		if err := e.CheckPeriod(monitor.Period{Label: in.Through}); err != nil {
			return r, err
		}
		last, _, _ := e.Kind.Span(in.Through)
		periods = slices.DeleteFunc(periods, func(p monitor.Period) bool {
			start, _, _ := e.Kind.Span(p.Label)
			return start.After(last)
		})
		r.Through = in.Through
	} else if len(periods) > 0 {
		r.Through = periods[len(periods)-1].Label
	}
	// Evaluated as stored, gaps filled again: Sorted is idempotent.
	results := e.Evaluate(periods)

	r.KPIs = trends(e, results, lang)
	credits := 0.0
	for _, res := range results {
		r.Periods = append(r.Periods, periodOf(e, res, stored[res.Period.Label], lang))
		if res.Skipped {
			continue
		}
		r.Misses = append(r.Misses, missesOf(e, res, lang)...)
		credits += res.Credit
		r.Credits.EarnedBack += res.EarnedBack
		r.Standing = standingOf(e, res, lang)
	}
	r.Credits.Owed, r.Credits.Known = credits, e.SLA.MonthlyFee > 0
	r.Credits.Net = credits - r.Credits.EarnedBack
	if r.Standing.Standing == "" {
		r.Standing.Name, r.Standing.Rule = monitor.Standing("").Name().In(lang), monitor.Standing("").Rule(e.SLA.Schedule).In(lang)
	}
	r.Standing.Chronic = nonNil(r.Standing.Chronic)
	for _, s := range monitor.Standings {
		r.Standing.Rules = append(r.Standing.Rules, StandingRule{string(s), s.Name().In(lang), s.Rule(e.SLA.Schedule).In(lang)})
	}

	for _, q := range rec.QA {
		if r.Through != "" && later(e, q.Period, r.Through) {
			continue
		}
		r.QA = append(r.QA, QAEntry{Period: q.Period, Ref: q.Ref, Score: q.Score, Finding: q.Finding, Action: q.Action})
	}
	slices.SortStableFunc(r.QA, func(a, b QAEntry) int {
		switch {
		case later(e, a.Period, b.Period):
			return 1
		case later(e, b.Period, a.Period):
			return -1
		}
		return 0
	})

	if t := e.Trial(results, in.Today); t.Ended {
		r.Trial = trialOf(e, t, lang)
	}
	return r, nil
}

// later reports whether period a starts after period b.
func later(e monitor.Engagement, a, b string) bool {
	sa, _, errA := e.Kind.Span(a)
	sb, _, errB := e.Kind.Span(b)
	return errA == nil && errB == nil && sa.After(sb)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func engagementOf(e monitor.Engagement, lang rubric.Lang) Engagement {
	out := Engagement{
		TrialStart: e.TrialStart.Format(monitor.DateLayout), TrialLast: e.TrialEnd().AddDate(0, 0, -1).Format(monitor.DateLayout),
		TrialDays: e.TrialDays, PeriodKind: string(e.Kind), SLDefinition: string(e.SLA.Definition),
		SLFormula: e.SLA.Definition.Name().In(lang), FeeSource: string(e.FeeSource), FeeBasis: e.FeeBasis,
	}
	if !e.ContractStart.IsZero() {
		s := e.ContractStart.Format(monitor.DateLayout)
		out.ContractStart = &s
	}
	if !e.ContractEnd.IsZero() {
		s := e.ContractEnd.Format(monitor.DateLayout)
		out.ContractEnd = &s
	}
	if e.ThresholdS > 0 {
		out.ThresholdS = &e.ThresholdS
	}
	if e.FeeSource != monitor.FeeUnknown {
		fee, per := e.SLA.MonthlyFee, e.PeriodFee()
		out.MonthlyFee, out.PeriodFee = &fee, &per
	}
	s := e.SLA.Schedule
	out.Schedule = Schedule{Tiers: []Tier{}, PerPoint: s.PerPoint, Cap: s.Cap, EarnBack: s.EarnBack,
		ChronicMisses: s.ChronicMisses, Words: s.Words(lang)}
	for _, t := range s.Tiers {
		out.Schedule.Tiers = append(out.Schedule.Tiers, Tier{t.Shortfall, t.Percent})
	}
	return out
}

// trends is every KPI with a target, and every other one some period measured.
func trends(e monitor.Engagement, results []monitor.Result, lang rubric.Lang) []KPITrend {
	var out []KPITrend
	for _, k := range monitor.KPIs {
		tr := KPITrend{KPI: string(k), Name: k.Name().In(lang), Origin: e.Origins[k], Delivered: []Delivered{}}
		i := slices.IndexFunc(e.SLA.Targets, func(t monitor.Target) bool { return t.KPI == k })
		if i >= 0 {
			v := e.SLA.Targets[i].Value
			tr.Target = &v
		}
		measured := false
		for _, res := range results {
			d := Delivered{Period: res.Period.Label}
			for _, m := range res.KPIs {
				if m.KPI != k || !m.Known {
					continue
				}
				v := m.Value
				d.Value, measured = &v, true
				if m.HasTarget {
					met := m.Met
					d.Met = &met
				}
			}
			tr.Delivered = append(tr.Delivered, d)
		}
		if tr.Target != nil || measured {
			out = append(out, tr)
		}
	}
	return nonNil(out)
}

func periodOf(e monitor.Engagement, res monitor.Result, stored bool, lang rubric.Lang) Period {
	p := Period{Period: res.Period.Label, InTrial: e.InTrial(res.Period.Label), Skipped: res.Skipped, Stored: stored,
		Standing: string(res.Standing), Rule: res.Standing.Rule(e.SLA.Schedule).In(lang), Chronic: []string{},
		CreditPercent: res.CreditPercent, Credit: res.Credit, EarnedBack: res.EarnedBack}
	for _, m := range res.KPIs {
		p.CreditPercentBeforeCap += m.CreditPercent
	}
	p.CapApplied = p.CreditPercentBeforeCap > res.CreditPercent+1e-9
	for _, k := range res.Chronic {
		p.Chronic = append(p.Chronic, string(k))
	}
	return p
}

func missesOf(e monitor.Engagement, res monitor.Result, lang rubric.Lang) []Miss {
	var before float64
	for _, m := range res.KPIs {
		before += m.CreditPercent
	}
	var out []Miss
	for _, m := range res.KPIs {
		if !m.HasTarget || !m.Known || m.Met {
			continue
		}
		x := Miss{Period: res.Period.Label, KPI: string(m.KPI), Name: m.KPI.Name().In(lang), Value: m.Value,
			Target: m.Target, Shortfall: m.Shortfall, CreditPercent: m.CreditPercent, InARow: m.ConsecutiveMiss}
		if t, ok := e.SLA.Schedule.TierFor(m.Shortfall); ok {
			x.Tier = &Tier{t.Shortfall, t.Percent}
		}
		if before > 0 {
			x.Credit = res.Credit * m.CreditPercent / before
		}
		x.Why = why(e, res, x, before, lang)
		out = append(out, x)
	}
	return out
}

// why says a miss and what it costs in one sentence.
func why(e monitor.Engagement, res monitor.Result, x Miss, before float64, lang rubric.Lang) string {
	k := monitor.KPI(x.KPI)
	num := rubric.FormatGrouped
	var b strings.Builder
	fmt.Fprintf(&b, lang.Pick("%s %s，目标 %s，差 %s", "%s %s against %s, %s short"),
		x.Name, k.Format(x.Value), k.TargetWords(x.Target), k.ShortfallWords(x.Shortfall, lang))
	sch := e.SLA.Schedule
	switch {
	case x.CreditPercent == 0 && len(sch.Tiers) > 0:
		fmt.Fprintf(&b, lang.Pick("，未达最低一档（%s 点），不扣款", ": short of the first tier, the %s-point one: no credit"), num(sch.Tiers[0].Shortfall))
	case x.CreditPercent == 0:
		b.WriteString(lang.Pick("，不足一个整点，不扣款", ": less than a full point, no credit"))
	case x.Tier != nil:
		fmt.Fprintf(&b, lang.Pick("，达到 %s 点一档：扣月服务费的 %s%%", ": the %s-point tier, %s%% of the fee"), num(x.Tier.Shortfall), num(x.CreditPercent))
	default:
		fmt.Fprintf(&b, lang.Pick("，按 %s 个整点 × %s%%：扣月服务费的 %s%%", ": %s full points × %s%%, %s%% of the fee"),
			num(math.Floor(x.Shortfall+1e-9)), num(sch.PerPoint), num(x.CreditPercent))
	}
	if x.CreditPercent > 0 && before > res.CreditPercent+1e-9 {
		fmt.Fprintf(&b, lang.Pick("（本周期合计 %s%% 超过上限，按 %s%% 计，本项分摊 %s%%）", " (the period's %s%% is capped at %s%%, this KPI's share %s%%)"),
			num(before), num(res.CreditPercent), num(math.Round(res.CreditPercent*x.CreditPercent/before*100)/100))
	}
	if x.CreditPercent > 0 && e.SLA.MonthlyFee > 0 {
		fmt.Fprintf(&b, lang.Pick(" = %s", " = %s"), capacity.Money(x.Credit))
	}
	if n := sch.ChronicMisses; n > 0 && x.InARow >= n {
		fmt.Fprintf(&b, lang.Pick("；已连续 %d 个周期未达标，企业有权解约", "; missed %d periods in a row, which gives the client the right to terminate"), x.InARow)
	}
	b.WriteString(lang.Pick("。", "."))
	return b.String()
}

func standingOf(e monitor.Engagement, res monitor.Result, lang rubric.Lang) Standing {
	s := Standing{Period: res.Period.Label, Standing: string(res.Standing), Name: res.Standing.Name().In(lang),
		Rule: res.Standing.Rule(e.SLA.Schedule).In(lang), Terminate: res.Standing == monitor.Chronic}
	for _, k := range res.Chronic {
		s.Chronic = append(s.Chronic, string(k))
	}
	return s
}

func trialOf(e monitor.Engagement, t monitor.TrialResult, lang rubric.Lang) *Trial {
	out := &Trial{Verdict: string(t.Verdict), Periods: t.Periods, MetAll: t.MetAll, KPIs: []TrialTally{},
		Credits: t.Credits, EarnedBack: t.EarnedBack, Worst: string(t.Worst), Chronic: []string{},
		Sentence: t.Sentence(e.SLA.Schedule).In(lang)}
	for _, k := range t.KPIs {
		out.KPIs = append(out.KPIs, TrialTally{string(k.KPI), k.Target, k.Met, k.Measured})
	}
	for _, k := range t.Chronic {
		out.Chronic = append(out.Chronic, string(k))
	}
	return out
}
