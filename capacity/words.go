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

// Words says a vendor's coverage of the peak, with its figures.
func (cv Coverage) Words(c rubric.Capacity, peakMultiple float64, lang rubric.Lang) string {
	switch cv.Basis {
	case BySeats:
		need := strconv.Itoa(c.Need.PeakAgents)
		seats := rubric.FormatNumber(cv.PeakSeats)
		return lang.Pick("高峰坐席 "+seats+" 名,覆盖所需 "+need+" 名的 "+rubric.PercentDown(cv.PeakRatio),
			"peak seats "+seats+" cover "+rubric.PercentDown(cv.PeakRatio)+" of the "+need+" agents needed")
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
	return lang.Pick("日常坐席 "+seats+" 名,覆盖所需 "+need+" 名的 "+rubric.PercentDown(cv.Ratio),
		"normal seats "+seats+" cover "+rubric.PercentDown(cv.Ratio)+" of the "+need+" agents needed")
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

// Words says an option's figures on one line: "Per hour: ¥3,832,320 a year (normal
// month ¥233,600, peak month ¥748,160, ¥1.41 a contact)".
func (o Option) Words(lang rubric.Lang) string {
	return o.Name(lang) + lang.Pick(":全年 ", ": ") + Money(o.Annual) + lang.Pick("(平常月 ", " a year (normal month ") +
		Money(o.NormalMonth) + lang.Pick(",高峰月 ", ", peak month ") + Money(o.PeakMonth) +
		lang.Pick(",每次咨询 "+PerContactMoney(o.PerContact)+")", ", "+PerContactMoney(o.PerContact)+" a contact)")
}

// Priced reports whether a year's cost means anything: without a daily volume every
// price per contact comes to nothing.
func (c Comparison) Priced() bool { return c.Year.Contacts() > 0 }

// CheapestWords names the cheapest vendor for the year that covers the peak, or says
// that none does and names the cheapest that does not. A disqualified vendor is
// never named.
func (c Comparison) CheapestWords(lang rubric.Lang) string {
	if !c.Priced() {
		return lang.Pick("全年成本需先填日均咨询量。", "A year's cost needs the daily volume.")
	}
	var s string
	switch {
	case c.Cheapest >= 0:
		l := c.Lines[c.Cheapest]
		best, _ := l.Cost.Best()
		s = lang.Pick("能覆盖高峰的服务商中全年成本最低的是"+l.Name+":全年 "+Money(best.Annual)+"("+best.Name(lang)+")。",
			"Cheapest for the year among the vendors that cover the peak: "+l.Name+", "+Money(best.Annual)+" ("+best.Name(lang)+").")
		if c.CheapestAny != c.Cheapest {
			o := c.Lines[c.CheapestAny]
			ob, _ := o.Cost.Best()
			s += lang.Pick(o.Name+"更便宜(全年 "+Money(ob.Annual)+"),但不能确认覆盖高峰:"+o.Cover.Words(c.Capacity, c.Year.PeakMultiple, lang)+"。",
				" "+o.Name+" is cheaper ("+Money(ob.Annual)+") but is not shown to cover it: "+o.Cover.Words(c.Capacity, c.Year.PeakMultiple, lang)+".")
		}
	case c.CheapestAny >= 0:
		l := c.Lines[c.CheapestAny]
		best, _ := l.Cost.Best()
		why := l.Cover.Words(c.Capacity, c.Year.PeakMultiple, lang)
		s = lang.Pick("没有服务商能覆盖高峰;全年成本最低的"+l.Name+"(全年 "+Money(best.Annual)+","+best.Name(lang)+")也不能覆盖:"+why+"。",
			"No vendor covers the peak; the cheapest for the year, "+l.Name+" ("+Money(best.Annual)+", "+best.Name(lang)+"), does not either: "+why+".")
	default:
		s = lang.Pick("还没有服务商给出可以折算全年成本的报价。", "No vendor has given prices a year's cost can be worked out from.")
	}
	for _, l := range c.Lines {
		if l.Out {
			return s + lang.Pick("被一票否决的服务商不参与比较。", " Disqualified vendors are left out.")
		}
	}
	return s
}
