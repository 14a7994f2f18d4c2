package review

import (
	"encoding/json"
	"fmt"
	"strings"

	"vendorvet/capacity"
	"vendorvet/monitor"
	"vendorvet/report"
	"vendorvet/rubric"
)

// JSON is the review as a JSON document (Format), indented, ending in a newline.
func JSON(r Review) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Markdown is the review for the people who meet the vendor, in the review's
// language.
func Markdown(r Review) []byte {
	m := &md{r: r, lang: rubric.ParseLang(r.Lang)}
	m.title()
	m.terms()
	m.kpis()
	m.misses()
	m.credits()
	m.standing()
	m.qa()
	m.trial()
	return []byte(m.b.String())
}

type md struct {
	b    strings.Builder
	r    Review
	lang rubric.Lang
}

func (m *md) say(zh, en string, args ...any) string { return fmt.Sprintf(m.lang.Pick(zh, en), args...) }

func (m *md) line(s string) { m.b.WriteString(s + "\n") }

func (m *md) heading(zh, en string) { m.line("\n## " + m.lang.Pick(zh, en) + "\n") }

// money says an amount, or a dash when the fee is not known.
func (m *md) money(x float64) string {
	if !m.r.Credits.Known {
		return "—"
	}
	return capacity.Money(x)
}

func pctWords(x float64) string { return rubric.FormatGrouped(x) + "%" }

func (m *md) title() {
	m.line(m.say("# 月度业务回顾：%s", "# Monthly business review: %s", report.Inline(m.r.Vendor)))
	m.line("")
	var parts []string
	for _, s := range []string{m.r.Session, m.r.Client} {
		if strings.TrimSpace(s) != "" {
			parts = append(parts, report.Inline(s))
		}
	}
	if m.r.Through != "" {
		parts = append(parts, m.say("截至 %s", "through %s", m.r.Through))
	} else {
		parts = append(parts, m.lang.Pick("尚无数据", "no figures yet"))
	}
	m.line(strings.Join(parts, " · "))
}

func (m *md) terms() {
	e := m.r.Engagement
	m.heading("合作条款", "Terms")
	if e.TrialDays > 0 {
		m.line(m.say("- 试运营：%s 至 %s（%d 天）", "- Trial: %s to %s (%d days)", e.TrialStart, e.TrialLast, e.TrialDays))
	} else {
		m.line(m.lang.Pick("- 试运营：无", "- Trial: none"))
	}
	switch {
	case e.ContractStart == nil:
		m.line(m.lang.Pick("- 合同：尚未签订", "- Contract: not signed yet"))
	case e.ContractEnd == nil:
		m.line(m.say("- 合同：自 %s 起，未定结束日期", "- Contract: from %s, with no end set", *e.ContractStart))
	default:
		m.line(m.say("- 合同：%s 至 %s", "- Contract: %s to %s", *e.ContractStart, *e.ContractEnd))
	}
	m.line(m.say("- 周期：%s", "- Periods: %s", monitor.PeriodKind(e.PeriodKind).Name().In(m.lang)))
	threshold := ""
	if e.ThresholdS != nil {
		threshold = m.say("；阈值 %s 秒", "; threshold %s s", rubric.FormatGrouped(*e.ThresholdS))
	}
	m.line(m.say("- 服务水平口径：%s%s", "- Service level: %s%s", e.SLFormula, threshold))
	switch {
	case e.MonthlyFee == nil:
		m.line(m.lang.Pick("- 月服务费：未知，扣款只能按比例说明", "- Monthly fee: not known; credits are said in per cent of it only"))
	case e.FeeSource == string(monitor.FeeFromQuote):
		basis := rubric.BillingOptions.Label(e.FeeBasis, m.lang)
		if e.FeeBasis == capacity.QuotedMonthPrice {
			basis = m.lang.Pick("服务商自报月总价", "the vendor's own monthly figure")
		}
		m.line(m.say("- 月服务费：%s，按第 6 步报价折算的日常月成本（%s）", "- Monthly fee: %s, a normal month at our volume from the step-6 quote (%s)", capacity.Money(*e.MonthlyFee), basis))
	default:
		m.line(m.say("- 月服务费：%s（手动给出）", "- Monthly fee: %s (as given)", capacity.Money(*e.MonthlyFee)))
	}
	if e.PeriodKind == string(monitor.Weekly) && e.PeriodFee != nil {
		m.line(m.say("  每周扣款以周服务费 %s（月服务费 × 7 ÷ 30.4）为基数", "  A week's credits are a share of a week's fee, %s (the monthly fee × 7 ÷ 30.4)", capacity.Money(*e.PeriodFee)))
	}
	m.line(m.say("- 扣款规则：%s", "- Service credits: %s", e.Schedule.Words))
}

func (m *md) kpis() {
	m.heading("指标：承诺与实际", "KPIs: promised and delivered")
	if len(m.r.KPIs) == 0 {
		m.line(m.lang.Pick("没有设定目标的指标，也没有数据。", "No KPI has a target, and there are no figures."))
		return
	}
	head := "| " + m.lang.Pick("指标", "KPI") + " | " + m.lang.Pick("承诺", "promised")
	rule := "|---|---"
	for _, p := range m.r.Periods {
		head += " | " + p.Period
		rule += "|---"
	}
	m.line(head + " | " + m.lang.Pick("来源", "from") + " |")
	m.line(rule + "|---|")
	for _, k := range m.r.KPIs {
		kpi := monitor.KPI(k.KPI)
		promised := "—"
		if k.Target != nil {
			promised = kpi.TargetWords(*k.Target)
		}
		row := "| " + k.Name + " | " + promised
		for i, d := range k.Delivered {
			cell := "—"
			switch {
			case m.r.Periods[i].Skipped:
				cell = m.lang.Pick("无咨询", "no contacts")
				if !m.r.Periods[i].Stored {
					cell = m.lang.Pick("无数据", "no figures")
				}
			case d.Value != nil:
				cell = kpi.Format(*d.Value)
				if d.Met != nil && !*d.Met {
					cell += " ✗"
				}
			}
			row += " | " + cell
		}
		from := m.lang.Pick("手动设定", "set by hand")
		switch {
		case k.Target == nil:
			from = "—"
		case k.Origin != "":
			if q, ok := rubric.QuestionByID(k.Origin); ok {
				from = m.lang.Pick("第 5 步：", "step 5: ") + q.Label.In(m.lang)
			}
		}
		m.line(row + " | " + from + " |")
	}
	m.line("")
	m.line(m.lang.Pick("✗ 未达目标；— 没有可计算的数据。", "✗ missed its target; — nothing to measure it by."))
}

func (m *md) misses() {
	m.heading("未达标", "Misses")
	if len(m.r.Misses) == 0 {
		m.line(m.lang.Pick("没有指标未达标。", "No KPI missed its target."))
		return
	}
	for _, x := range m.r.Misses {
		m.line("- **" + x.Period + "** " + x.Why)
	}
}

func (m *md) credits() {
	m.heading("应得扣款", "Credits owed")
	if m.r.Standing.Period == "" {
		m.line(m.lang.Pick("还没有带咨询量的周期，无扣款。", "No period with contacts yet: no credit is owed."))
		return
	}
	m.line("| " + strings.Join([]string{m.lang.Pick("周期", "period"), m.lang.Pick("状态", "standing"),
		m.lang.Pick("各项合计", "misses' credits"), m.lang.Pick("封顶后", "after the cap"),
		m.lang.Pick("应扣", "owed"), m.lang.Pick("返还", "earned back")}, " | ") + " |")
	m.line("|---|---|---|---|---|---|")
	for _, p := range m.r.Periods {
		if p.Skipped {
			continue
		}
		capped := pctWords(p.CreditPercent)
		if p.CapApplied {
			capped += m.lang.Pick("（已封顶）", " (capped)")
		}
		m.line("| " + strings.Join([]string{p.Period, monitor.Standing(p.Standing).Name().In(m.lang),
			pctWords(p.CreditPercentBeforeCap), capped, m.money(p.Credit), m.money(p.EarnedBack)}, " | ") + " |")
	}
	m.line("")
	if !m.r.Credits.Known {
		m.line(m.lang.Pick("月服务费未知：用 vendorvet monitor set --fee 给出后即可算出金额。", "The monthly fee is not known: give it with vendorvet monitor set --fee to have the amounts."))
		return
	}
	m.line(m.say("**服务商应付企业 %s**（扣款 %s，返还 %s）。", "**The vendor owes the client %s** (credits %s, earned back %s).",
		capacity.Money(m.r.Credits.Net), capacity.Money(m.r.Credits.Owed), capacity.Money(m.r.Credits.EarnedBack)))
}

func (m *md) standing() {
	s := m.r.Standing
	m.heading("状态", "Standing")
	if s.Period == "" {
		m.line(m.lang.Pick("还没有带咨询量的周期。", "No period with contacts yet."))
	} else {
		var names []string
		for _, k := range s.Chronic {
			names = append(names, monitor.KPI(k).Name().In(m.lang))
		}
		missed := ""
		if len(names) > 0 {
			missed = m.say("（%s）", " (%s)", strings.Join(names, m.lang.Pick("、", ", ")))
		}
		m.line(m.say("**%s**（%s）：%s%s。", "**%s** (%s): %s%s.", s.Name, s.Period, s.Rule, missed))
	}
	m.line("")
	for _, r := range s.Rules {
		m.line("- " + r.Name + m.lang.Pick("：", ": ") + r.Rule)
	}
}

func (m *md) qa() {
	m.heading("质检抽检", "QA sampling")
	if len(m.r.QA) == 0 {
		m.line(m.lang.Pick("尚无抽检记录。", "No conversation sampled yet."))
		return
	}
	m.line("| " + strings.Join([]string{m.lang.Pick("周期", "period"), m.lang.Pick("会话", "conversation"),
		m.lang.Pick("评分", "score"), m.lang.Pick("发现", "finding"), m.lang.Pick("整改", "action")}, " | ") + " |")
	m.line("|---|---|---|---|---|")
	for _, q := range m.r.QA {
		m.line("| " + strings.Join([]string{q.Period, report.Cell(q.Ref), rubric.FormatGrouped(q.Score),
			dash(report.Cell(q.Finding)), dash(report.Cell(q.Action))}, " | ") + " |")
	}
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (m *md) trial() {
	m.heading("试运营结论", "Trial verdict")
	t := m.r.Trial
	if m.r.Engagement.TrialDays == 0 {
		m.line(m.lang.Pick("没有试运营。", "There was no trial."))
		return
	}
	if t == nil {
		m.line(m.say("试运营至 %s，结束后给出结论。", "The trial runs to %s; its verdict comes once it is over.", m.r.Engagement.TrialLast))
		return
	}
	m.line(t.Sentence)
	m.line("")
	for _, k := range t.KPIs {
		kpi := monitor.KPI(k.KPI)
		m.line(m.say("- %s（%s）：%d 个周期中 %d 个达标", "- %s (%s): met in %[4]d of %[3]d periods",
			kpi.Name().In(m.lang), kpi.TargetWords(k.Target), k.Measured, k.Met))
	}
}
