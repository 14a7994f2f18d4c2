package rubric

import (
	"math"
	"strconv"
	"strings"
)

// Shown is a's answer to q as the report and the screens show it; ok is false while
// it is unknown. A list of hidden fees left empty after a review that found nothing
// is shown as that empty list: reviewed with nothing listed is reviewed with nothing
// found.
func (a Answers) Shown(q Question) (v Value, ok bool) {
	v, present := a[q.ID]
	if q.Detail && !present && a.Tri("hidden_fees_reviewed") == Yes {
		return Value{Set: []string{}}, true
	}
	return v, a.Known(q)
}

// ValueWords says a known answer to q in words: "Yes", "8×", "30 days", "4 / 5", a
// price in yuan with thousands separators, the labels of the options chosen.
func ValueWords(q Question, v Value, lang Lang) string {
	switch q.Kind {
	case KindTri:
		switch v.Tri {
		case Yes:
			return Text{"是", "Yes"}.In(lang)
		case No:
			return Text{"否", "No"}.In(lang)
		}
		return Text{"未知", "Unknown"}.In(lang)
	case KindNumber:
		switch q.ID {
		case "mock_rating":
			return FormatNumber(v.Num) + " / 5"
		case "price_month":
			return MoneyWords(v.Num, lang)
		}
		return NumberWords(v.Num, q.Unit, lang)
	case KindChoice:
		return q.Options.Label(v.Str, lang)
	}
	return ListWords(v.Set, q.Options, lang)
}

// MoneyWords says a monthly amount in yuan: "138,000 元", "138,000 CNY".
func MoneyWords(f float64, lang Lang) string {
	return FormatGrouped(f) + Text{" 元", " CNY"}.In(lang)
}

// NumberWords says a number with a unit: "8×", "30 days", "1 day", "30 天".
func NumberWords(f float64, unit Text, lang Lang) string {
	u := unit.In(lang)
	n := FormatGrouped(f)
	switch u {
	case "":
		return n
	case "%", "×":
		return n + u
	}
	if f == 1 && lang == EN && strings.HasSuffix(u, "s") {
		u = strings.TrimSuffix(u, "s") // "1 hour", "1 day", "1 case"
	}
	return n + " " + u
}

// ListWords joins the labels of option values, or says none.
func ListWords(values []string, opts Options, lang Lang) string {
	if len(values) == 0 {
		return Text{"无", "none"}.In(lang)
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = opts.Label(v, lang)
	}
	return strings.Join(out, Text{"、", ", "}.In(lang))
}

// AnswerInline says an answer inside a sentence ("it is now: no"): yes, no and
// unknown in lower case, nil as unknown, anything else as ValueWords says it.
func AnswerInline(q Question, v *Value, lang Lang) string {
	unknown := Text{"未知", "unknown"}.In(lang)
	if v == nil {
		return unknown
	}
	switch q.Kind {
	case KindTri:
		switch v.Tri {
		case Yes:
			return Text{"是", "yes"}.In(lang)
		case No:
			return Text{"否", "no"}.In(lang)
		}
		return unknown
	case KindChoice:
		if v.Str == "" {
			return unknown
		}
	}
	return ValueWords(q, *v, lang)
}

// Words says the field's value in r as the report's requirements table says it:
// volumes a day with thousands grouped, the peak as a multiple of normal volume,
// money in yuan, a blank text as a dash.
func (f RequirementField) Words(r Requirements, lang Lang) string {
	switch f.Kind {
	case KindSet:
		return ListWords(*f.List(&r), f.Options, lang)
	case KindChoice:
		s := *f.Str(&r)
		if s == "" {
			return Text{"未填写", "not given"}.In(lang)
		}
		label := f.Options.Label(s, lang)
		if f.ID == "industry" && r.Regulated() {
			label += Text{"(强监管行业)", " (regulated industry)"}.In(lang)
		}
		return label
	case KindNumber:
		x, ok := r.Number(f.ID)
		if !ok && f.Plan {
			return f.emptyPlanWords(r, lang, func(x float64) string { return NumberWords(x, f.Unit, lang) })
		}
		if !ok {
			return Text{"未设定", "not set"}.In(lang) // a budget not given
		}
		switch f.ID {
		case "daily_volume":
			return FormatGrouped(x) + Text{" 次/天", " a day"}.In(lang)
		case "peak_multiplier":
			return FormatNumber(x) + Text{" 倍", "× normal volume"}.In(lang)
		case "target_response_s", "target_urgent_response_s":
			// Seconds said short, as the committed times are.
			return FormatNumber(x) + Text{" 秒", " s"}.In(lang)
		case "budget_month":
			return MoneyWords(x, lang)
		}
		return NumberWords(x, f.Unit, lang)
	}
	if s := *f.Str(&r); strings.TrimSpace(s) != "" {
		return s
	}
	return "—"
}

// A scorecard in words. Every front-end says a scorecard with these, as the report
// does, and keeps only its layout: table cells, columns, colours, lines.

// FormatPoints prints points as a scorecard rounds them: whole (74) or with one
// decimal (74.5).
func FormatPoints(f float64) string {
	f = math.Round(f*10) / 10
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// OutOf says points out of the most there are, as tables and the panel show them:
// "15/35", "21.4/50", "93/100".
func OutOf(points, most float64) string {
	return FormatPoints(points) + "/" + FormatNumber(most)
}

// TotalWords says a total in a sentence: "76 / 100", "76 分".
func TotalWords(total float64, lang Lang) string {
	if lang == ZH {
		return FormatPoints(total) + " 分"
	}
	return FormatPoints(total) + " / 100"
}

// UpToWords says what a total or an item could reach once every open question is
// answered at its best: "up to 81", "最高 81".
func UpToWords(potential float64, lang Lang) string {
	return Text{"最高 ", "up to "}.In(lang) + FormatPoints(potential)
}

// HasPotential reports whether what c could still reach is worth saying: questions
// are open and no knockout has decided already. A disqualified card has no "up to".
func (c Scorecard) HasPotential() bool { return c.Provisional && c.Band != Disqualified }

// UnansweredWords counts the applicable questions still open: "2 questions
// unanswered", "2 个问题未回答".
func UnansweredWords(c Scorecard, lang Lang) string {
	open := c.Applicable - c.Answered
	n := strconv.Itoa(open)
	if lang == ZH {
		return n + " 个问题未回答"
	}
	if open == 1 {
		return n + " question unanswered"
	}
	return n + " questions unanswered"
}

// reachWords says what a card could reach: "up to 81", "最高可达 81 分".
func reachWords(c Scorecard, lang Lang) string {
	if lang == ZH {
		return "最高可达 " + FormatPoints(c.Potential) + " 分"
	}
	return "up to " + FormatPoints(c.Potential)
}

// ProvisionalWords says why a scorecard is provisional and what it could reach:
// "provisional: 2 questions unanswered, up to 81"; "" when it is not. An incomplete
// card's band says already that it is unfinished ("34 questions unanswered, up to
// 88"); a disqualified one reaches nothing ("provisional: 2 questions unanswered").
func ProvisionalWords(c Scorecard, lang Lang) string {
	if !c.Provisional {
		return ""
	}
	comma := Text{",", ", "}.In(lang)
	switch c.Band {
	case Incomplete:
		return UnansweredWords(c, lang) + comma + reachWords(c, lang)
	case Disqualified:
		// A knockout is final whatever is still open: nothing about it is provisional.
		return UnansweredWords(c, lang)
	}
	return ProvisionalMark.In(lang) + Text{":", ": "}.In(lang) + UnansweredWords(c, lang) + comma + reachWords(c, lang)
}

// NowUpToWords says where an open scorecard stands and what it could reach: "now 25,
// up to 88", "现 25 分,最高可达 88 分"; "" when it has no potential to tell.
func NowUpToWords(c Scorecard, lang Lang) string {
	if !c.HasPotential() {
		return ""
	}
	if lang == ZH {
		return "现 " + FormatPoints(c.Total) + " 分," + reachWords(c, lang)
	}
	return "now " + FormatPoints(c.Total) + ", " + reachWords(c, lang)
}

// PointsWords is the total with, on a provisional scorecard, what is open:
// "76 / 100 (provisional: 2 questions unanswered, up to 81)".
func PointsWords(c Scorecard, lang Lang) string {
	return TotalWords(c.Total, lang) + bracketed(ProvisionalWords(c, lang), lang)
}

// VerdictWords is the total and the band, with what is open on a provisional
// scorecard: "93 / 100, Excellent", "76 分,合格备选(暂定:…)", "25 分,评估未完成(…)".
func VerdictWords(c Scorecard, lang Lang) string {
	return TotalBandWords(c.Total, c.Band, lang) + bracketed(ProvisionalWords(c, lang), lang)
}

// TotalBandWords is a total and its band: "93 / 100, Excellent", "93 分,优质合作方".
func TotalBandWords(total float64, b Band, lang Lang) string {
	return TotalWords(total, lang) + Text{",", ", "}.In(lang) + b.Label(lang)
}

// ProvisionalMark marks a band or a total that may still change.
var ProvisionalMark = Text{"暂定", "provisional"}

// BandWords is the band, marked when provisional: "Qualified — backup (provisional)".
// An incomplete band needs no mark, it says so itself; a disqualified one is final.
func BandWords(c Scorecard, lang Lang) string {
	if !c.Provisional || c.Band == Incomplete || c.Band == Disqualified {
		return c.Band.Label(lang)
	}
	return c.Band.Label(lang) + bracketed(ProvisionalMark.In(lang), lang)
}

// AnsweredWords counts the questions answered: "44 of 46 questions", "已回答 44/46 个问题".
func AnsweredWords(c Scorecard, lang Lang) string {
	answered, applicable := strconv.Itoa(c.Answered), strconv.Itoa(c.Applicable)
	if lang == ZH {
		return "已回答 " + answered + "/" + applicable + " 个问题"
	}
	return answered + " of " + applicable + " questions"
}

// DimensionWords names dimension d of c with its weighted points:
// "Service capability fit 15/35".
func DimensionWords(c Scorecard, d int, lang Lang) string {
	ds := c.Dimensions[d]
	return Dimensions[d].Name.In(lang) + " " + OutOf(ds.Points, ds.Weight)
}

// WeightedWords says a dimension's points under a profile that does not give it its
// rubric maximum: "weighted 21.4 of 50"; "" when the profile keeps the maximum.
func WeightedWords(ds DimensionScore, lang Lang) string {
	if ds.Weight == float64(ds.Max) {
		return ""
	}
	if lang == ZH {
		return "加权后 " + OutOf(ds.Points, ds.Weight)
	}
	return "weighted " + FormatPoints(ds.Points) + " of " + FormatNumber(ds.Weight)
}

// Weakest lists the dimensions where c earned the smallest share of their weighted
// points, the total being their sum. A dimension the profile gives no weight costs
// the total nothing and is never the weakest.
func (c Scorecard) Weakest() []int {
	low := 2.0
	for _, d := range c.Dimensions {
		if d.Weight > 0 {
			low = min(low, d.Points/d.Weight)
		}
	}
	var weakest []int
	for i, d := range c.Dimensions {
		if d.Weight > 0 && d.Points/d.Weight == low {
			weakest = append(weakest, i)
		}
	}
	return weakest
}

// WeakestWords names the weakest dimensions in a sentence: "Weakest: Service
// capability fit 15/35."; "" when there is none.
func WeakestWords(c Scorecard, lang Lang) string {
	weakest := c.Weakest()
	if len(weakest) == 0 {
		return ""
	}
	parts := make([]string, len(weakest))
	for i, d := range weakest {
		parts[i] = DimensionWords(c, d, lang)
	}
	return Text{"最弱项:", "Weakest: "}.In(lang) + strings.Join(parts, Text{"、", ", "}.In(lang)) + Text{"。", "."}.In(lang)
}

// FindingsWords says findings one after the other: "hidden fees found; no trial period".
func FindingsWords(fs []Finding, lang Lang) string {
	return strings.Join(findingParts(fs, lang), Text{";", "; "}.In(lang))
}

// FindingWords says a finding with the item it comes from: "refuses to sign an NDA
// (A3 Data security)".
func FindingWords(f Finding, lang Lang) string {
	it, _, _ := ItemByID(f.Item)
	return f.Text(lang) + bracketed(f.Item+" "+it.Name.In(lang), lang)
}

// KnockoutWords says a knockout with its kind: "Knockout: refuses to sign an NDA".
func KnockoutWords(f Finding, lang Lang) string {
	return Text{"一票否决:", "Knockout: "}.In(lang) + f.Text(lang)
}

// FlagWords says a red flag as KnockoutWords says a knockout.
func FlagWords(f Finding, lang Lang) string {
	return Text{"风险提示:", "Red flag: "}.In(lang) + f.Text(lang)
}

// FlagsWords says a scorecard's red flags in a sentence: "Red flags: hidden fees
// found; no trial period."; "" when there are none.
func FlagsWords(c Scorecard, lang Lang) string {
	if len(c.Flags) == 0 {
		return ""
	}
	return Text{"风险提示:", "Red flags: "}.In(lang) + FindingsWords(c.Flags, lang) + Text{"。", "."}.In(lang)
}

// DisqualifiedWords says what knocked a vendor out, whatever its total: "83 / 100,
// but the client does not own the customer data".
func DisqualifiedWords(c Scorecard, lang Lang) string {
	if lang == ZH {
		return "总分 " + TotalWords(c.Total, lang) + ",但" + FindingsWords(c.Knockouts, lang)
	}
	return TotalWords(c.Total, lang) + ", but " + FindingsWords(c.Knockouts, lang)
}

// ItemPointsWords says the points of item it of card c, and what they could reach
// while its questions are open: "6/8 (up to 8)". On a disqualified card an item
// reaches nothing that matters and says no range.
func ItemPointsWords(c Scorecard, it ItemScore, lang Lang) string {
	p := OutOf(float64(it.Points), float64(it.Max))
	if c.Band != Disqualified && it.Potential > it.Points && it.Answered < it.Questions {
		p += bracketed(UpToWords(float64(it.Potential), lang), lang)
	}
	return p
}

// ReasonWords says where an item's points come from, reason after reason:
// "ISO 9001 certified → 3; ISO 27001 certified: no → 0".
func ReasonWords(it ItemScore, lang Lang) string {
	parts := make([]string, len(it.Why))
	for i, w := range it.Why {
		parts[i] = w.In(lang)
	}
	return strings.Join(parts, Text{";", "; "}.In(lang))
}

// Sentences joins sentences as each language does: Chinese without a space, English
// with one. Empty ones are left out.
func Sentences(lang Lang, sentences ...string) string {
	sep := " "
	if lang == ZH {
		sep = ""
	}
	var b strings.Builder
	for _, s := range sentences {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}

// Capitalized starts a phrase said inside a sentence ("provisional: …") as a line of
// its own: "Provisional: …". Chinese is left as it is.
func Capitalized(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// bracketed puts s in brackets after what it qualifies: " (s)", "(s)"; nothing when s
// is empty.
func bracketed(s string, lang Lang) string {
	if s == "" {
		return ""
	}
	if lang == ZH {
		return "(" + s + ")"
	}
	return " (" + s + ")"
}

// PercentDown says a share as a whole percentage rounded down, so that a shortfall
// never reads 100 %: "62%".
func PercentDown(x float64) string {
	return strconv.FormatFloat(math.Floor(x*100+1e-9), 'f', 0, 64) + "%"
}
