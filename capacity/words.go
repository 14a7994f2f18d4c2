package capacity

import (
	"math"
	"strconv"
	"strings"

	"vendorvet/rubric"
	"vendorvet/staffing"
)

// The comparison in words, for every front end: the report and the screens keep
// only their layout.

// Name says an option: "Per agent", "Per agent + promotion package", "as quoted".
func (o Option) Name(lang rubric.Lang) string {
	if o.AsQuoted {
		return lang.Pick("服务商月报价(未含高峰)", "the vendor's monthly quote (no peak)")
	}
	s := rubric.BillingOptions.Label(o.Model, lang)
	if o.WithPackage {
		s += " + " + rubric.BillingOptions.Label("promo_package", lang)
	}
	return s
}

// Percent is a share as a whole percentage, rounded down so that a shortfall is
// never shown as 100 %: "62%".
func Percent(x float64) string {
	return strconv.FormatFloat(math.Floor(x*100+1e-9), 'f', 0, 64) + "%"
}

// Words says a vendor's coverage of the peak, with its figures.
func (cv Coverage) Words(c rubric.Capacity, peakMultiple float64, lang rubric.Lang) string {
	switch cv.Basis {
	case BySeats:
		need := strconv.Itoa(c.Need.PeakAgents)
		seats := rubric.FormatNumber(cv.PeakSeats)
		return lang.Pick("高峰坐席 "+seats+" 名,覆盖所需 "+need+" 名的 "+Percent(cv.PeakRatio),
			"peak seats "+seats+" cover "+Percent(cv.PeakRatio)+" of the "+need+" agents needed")
	case ByMultiple:
		m, p := rubric.FormatNumber(cv.Multiple), rubric.FormatNumber(peakMultiple)
		return lang.Pick("未给坐席数:扩容 "+m+" 倍,高峰需 "+p+" 倍", "no seats given: expands "+m+"×, peak needs "+p+"×")
	}
	return lang.Pick("未知:未给坐席数或扩容倍数", "unknown: no seats or expansion multiple given")
}

// NormalWords says how the normal seats compare, or "" when they cannot be compared.
func (cv Coverage) NormalWords(c rubric.Capacity, lang rubric.Lang) string {
	if !cv.HasSeats || !c.Sized() || c.Need.Agents == 0 {
		return ""
	}
	need := strconv.Itoa(c.Need.Agents)
	seats := rubric.FormatNumber(cv.Seats)
	return lang.Pick("日常坐席 "+seats+" 名,覆盖所需 "+need+" 名的 "+Percent(cv.Ratio),
		"normal seats "+seats+" cover "+Percent(cv.Ratio)+" of the "+need+" agents needed")
}

// TargetWords says a queue's target: "80/20s", "replies within 24 h".
func TargetWords(ch staffing.Channel, lang rubric.Lang) string {
	if ch.Kind == staffing.Written {
		h := rubric.FormatNumber(ch.ResponseHours)
		return lang.Pick(h+" 小时内回复", "replies within "+h+" h")
	}
	return rubric.FormatNumber(ch.Target.ServiceLevel*100) + "/" + rubric.FormatNumber(ch.Target.Within) + "s"
}

// MissingWords says the prices a vendor's models lack: "Per hour: price per agent
// hour".
func (e Estimate) MissingWords(lang rubric.Lang) string {
	parts := make([]string, 0, len(e.Missing))
	for _, id := range e.Missing {
		q, _ := rubric.QuestionByID(id)
		parts = append(parts, q.Label.In(lang))
	}
	return strings.Join(parts, lang.Pick("、", ", "))
}

// EstimatedWords names the plan fields taken at their estimate, or "".
func EstimatedWords(c rubric.Capacity, lang rubric.Lang) string {
	parts := make([]string, 0, len(c.Estimated))
	for _, id := range c.Estimated {
		if f, ok := rubric.RequirementFieldByID(id); ok {
			parts = append(parts, f.Name.In(lang))
		}
	}
	return strings.Join(parts, lang.Pick("、", ", "))
}

// Money says an amount in yuan, whole: "¥1,234,567".
func Money(x float64) string { return "¥" + rubric.FormatGrouped(math.Round(x)) }

// PerContactMoney says a cost per contact to the fen: "¥3.27".
func PerContactMoney(x float64) string { return "¥" + strconv.FormatFloat(x, 'f', 2, 64) }
