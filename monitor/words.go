package monitor

import (
	"fmt"
	"strconv"
	"strings"

	"vendorvet/rubric"
)

// kpiNames are the KPIs' names as screens and reports say them.
var kpiNames = map[KPI]rubric.Text{
	ServiceLevelKPI: {ZH: "服务水平", EN: "Service level"},
	AnswerRate:      {ZH: "接通率", EN: "Answer rate"},
	Abandonment:     {ZH: "放弃率", EN: "Abandonment"},
	AHT:             {ZH: "平均处理时长", EN: "Average handle time"},
	FCR:             {ZH: "一次性解决率", EN: "First-contact resolution"},
	CSAT:            {ZH: "满意度", EN: "CSAT"},
	QAPass:          {ZH: "质检合格率", EN: "QA pass rate"},
	ComplaintsPerK:  {ZH: "每千次咨询投诉", EN: "Complaints per 1,000 contacts"},
	Conversion:      {ZH: "询单转化率", EN: "Inquiry conversion"},
}

// Name is the KPI's name.
func (k KPI) Name() rubric.Text {
	if t, ok := kpiNames[k]; ok {
		return t
	}
	return rubric.Text{ZH: string(k), EN: string(k)}
}

// Format says a value of k: a share as "85.0%", handle time as "240 s", complaints
// as "3.2‰" (per thousand).
func (k KPI) Format(v float64) string {
	switch {
	case k == AHT:
		return strconv.FormatFloat(v, 'f', 0, 64) + " s"
	case k == ComplaintsPerK:
		return strconv.FormatFloat(v, 'f', 1, 64) + "‰"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// TargetWords says a target with its direction: "≥ 85.0%", "≤ 240 s".
func (k KPI) TargetWords(v float64) string {
	if k.LowerIsBetter() {
		return "≤ " + k.Format(v)
	}
	return "≥ " + k.Format(v)
}

// ShortfallWords says how far a value fell short: percentage points for a share,
// per cent over the target for handle time and complaints.
func (k KPI) ShortfallWords(points float64, lang rubric.Lang) string {
	n := strconv.FormatFloat(points, 'f', 1, 64)
	if k.IsShare() {
		return lang.Pick(n+" 个百分点", n+" points")
	}
	return lang.Pick("超出目标 "+n+"%", n+"% over the target")
}

// Name says the definition with its formula.
func (d SLDefinition) Name() rubric.Text {
	switch d {
	case AbandonsWithinMet:
		return rubric.Text{ZH: "阈值内放弃计为达标：（阈值内接通 + 阈值内放弃）÷ 进线", EN: "abandons within the threshold count as met: (answered within + abandoned within) ÷ offered"}
	case AnsweredOnly:
		return rubric.Text{ZH: "只计接通：阈值内接通 ÷ 接通", EN: "answered contacts only: answered within ÷ answered"}
	case AllAbandonsAgainst:
		return rubric.Text{ZH: "所有放弃都计为未达标：阈值内接通 ÷ 进线", EN: "every abandon counts against: answered within ÷ offered"}
	case ShortAbandonsIgnored:
		return rubric.Text{ZH: "不计阈值内放弃：阈值内接通 ÷（进线 − 阈值内放弃）", EN: "short abandons ignored: answered within ÷ (offered − abandoned within)"}
	}
	return rubric.Text{ZH: string(d), EN: string(d)}
}

// Name is the standing's name.
func (s Standing) Name() rubric.Text {
	switch s {
	case Meets:
		return rubric.Text{ZH: "达标", EN: "Meets"}
	case Watch:
		return rubric.Text{ZH: "观察", EN: "Watch"}
	case Breach:
		return rubric.Text{ZH: "违约", EN: "Breach"}
	case Chronic:
		return rubric.Text{ZH: "持续违约", EN: "Chronic breach"}
	}
	return rubric.Text{ZH: "无数据", EN: "No contacts"}
}

// Rule says when a period has standing s under schedule sch.
func (s Standing) Rule(sch Schedule) rubric.Text {
	switch s {
	case Meets:
		return rubric.Text{ZH: "每个有目标的指标都达到了目标", EN: "every KPI with a target met it"}
	case Watch:
		return rubric.Text{ZH: "有指标未达标，但差距不到扣款的程度", EN: "a KPI missed its target, by less than costs a credit"}
	case Breach:
		return rubric.Text{ZH: "有指标未达标，差距达到扣款的程度", EN: "a KPI missed its target by enough to owe a credit"}
	case Chronic:
		n := strconv.Itoa(sch.ChronicMisses)
		return rubric.Text{ZH: "同一指标连续 " + n + " 个周期未达标：企业有权解约", EN: "the same KPI missed in " + n + " periods in a row: the client may terminate"}
	}
	return rubric.Text{ZH: "本周期没有咨询，不计", EN: "no contacts in the period: not scored"}
}

// Standings are the standings from best to worst.
var Standings = []Standing{Meets, Watch, Breach, Chronic}

// Words says the schedule: how a shortfall costs, the cap, earn-back and the right
// to terminate.
func (s Schedule) Words(lang rubric.Lang) string {
	num := func(x float64) string { return rubric.FormatGrouped(x) }
	var parts []string
	if len(s.Tiers) > 0 {
		var tiers []string
		for i, t := range s.Tiers {
			points := num(t.Shortfall) + " points"
			if t.Shortfall == 1 {
				points = "1 point"
			}
			en := num(t.Percent) + "% from " + points
			if i == 0 {
				en = num(t.Percent) + "% of the monthly fee from " + points + " short"
			}
			tiers = append(tiers, lang.Pick("差 "+num(t.Shortfall)+" 点扣 "+num(t.Percent)+"%", en))
		}
		parts = append(parts, lang.Pick("分档扣月服务费：", "tiered: ")+strings.Join(tiers, lang.Pick("，", ", ")))
	} else {
		parts = append(parts, lang.Pick("按点扣款：每差 1 个整点扣月服务费的 "+num(s.PerPoint)+"%", "linear: "+num(s.PerPoint)+"% of the monthly fee for each full point short"))
	}
	if s.Cap > 0 {
		parts = append(parts, lang.Pick("每周期合计上限 "+num(s.Cap)+"%", "capped at "+num(s.Cap)+"% a period"))
	} else {
		parts = append(parts, lang.Pick("无上限", "no cap"))
	}
	if s.EarnBack > 0 {
		parts = append(parts, lang.Pick(fmt.Sprintf("该指标其后连续 %d 个周期达标即返还", s.EarnBack), fmt.Sprintf("earned back once the KPI meets its target in the %d periods that follow", s.EarnBack)))
	} else {
		parts = append(parts, lang.Pick("不返还", "no earn-back"))
	}
	if s.ChronicMisses > 0 {
		parts = append(parts, lang.Pick(fmt.Sprintf("同一指标连续 %d 个周期未达标，企业有权解约", s.ChronicMisses), fmt.Sprintf("the same KPI missed in %d periods in a row gives the client the right to terminate", s.ChronicMisses)))
	}
	return strings.Join(parts, lang.Pick("；", "; "))
}

// Name says a period kind.
func (k PeriodKind) Name() rubric.Text {
	if k == Weekly {
		return rubric.Text{ZH: "按周", EN: "weekly"}
	}
	return rubric.Text{ZH: "按月", EN: "monthly"}
}
