package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"vendorvet/rubric"
)

// t picks the Chinese or the English of a phrase.
func t(lang rubric.Lang, zh, en string) string { return rubric.Text{ZH: zh, EN: en}.In(lang) }

// score prints points as an integer when whole and with one decimal otherwise (74,
// 74.5), the way the scorecard rounds them.
func score(f float64) string {
	f = math.Round(f*10) / 10
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// grouped prints a number with thousands separators (200,000; 1,234.5).
func grouped(f float64) string {
	s := rubric.FormatNumber(f)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) <= 3 || strings.ContainsAny(whole, "e+") {
		// Nothing to group: most numbers of a report are below a thousand.
		return sign + s
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// money prints a monthly amount in yuan.
func money(f float64, lang rubric.Lang) string {
	if lang == rubric.ZH {
		return grouped(f) + " 元"
	}
	return grouped(f) + " CNY"
}

// pct prints a percentage.
func pct(f float64) string { return rubric.FormatNumber(f) + "%" }

// withUnit prints a number with a question's unit: "8×", "30 days", "30天".
func withUnit(f float64, unit rubric.Text, lang rubric.Lang) string {
	u := unit.In(lang)
	n := grouped(f)
	switch u {
	case "":
		return n
	case "%", "×":
		return n + u
	}
	if f == 1 && lang == rubric.EN && strings.HasSuffix(u, "s") {
		u = strings.TrimSuffix(u, "s") // "1 hour", "1 day", "1 case"
	}
	return n + " " + u
}

func yesNo(tri rubric.Tri, lang rubric.Lang) string {
	switch tri {
	case rubric.Yes:
		return t(lang, "是", "Yes")
	case rubric.No:
		return t(lang, "否", "No")
	}
	return unknownWord(lang)
}

func unknownWord(lang rubric.Lang) string { return t(lang, "未知", "Unknown") }

// labels joins the labels of option values.
func labels(values []string, opts rubric.Options, lang rubric.Lang) string {
	if len(values) == 0 {
		return t(lang, "无", "none")
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = opts.Label(v, lang)
	}
	return strings.Join(out, t(lang, "、", ", "))
}

// answerWords says a vendor's answer to q in words, "Unknown" when there is none,
// "not required" for a question the requirements make moot (applicable is
// q.Applicable for the session's requirements).
func answerWords(q *rubric.Question, applicable bool, a rubric.Answers, lang rubric.Lang) string {
	v, present := a[q.ID]
	known := a.Known(*q)
	if q.Detail && !present && a.Tri("hidden_fees_reviewed") == rubric.Yes {
		// Reviewed with nothing listed is reviewed with nothing found.
		present, known = true, true
	}
	var words string
	switch {
	case !known:
		words = unknownWord(lang)
	case q.Kind == rubric.KindTri:
		words = yesNo(v.Tri, lang)
	case q.Kind == rubric.KindNumber && q.ID == "mock_rating":
		words = rubric.FormatNumber(v.Num) + " / 5"
	case q.Kind == rubric.KindNumber && q.ID == "price_month":
		words = money(v.Num, lang)
	case q.Kind == rubric.KindNumber:
		words = withUnit(v.Num, q.Unit, lang)
	case q.Kind == rubric.KindChoice:
		words = q.Options.Label(v.Str, lang)
	case q.Kind == rubric.KindSet:
		words = labels(v.Set, q.Options, lang)
	}
	if q.Item != "" && !applicable && !q.Detail {
		if !known {
			return t(lang, "不适用", "Not required")
		}
		return words + t(lang, "(不适用)", " (not required)")
	}
	return words
}

// requirementWords says the value of a field of step 1 (rubric.md §1) in words.
func requirementWords(f rubric.RequirementField, r rubric.Requirements, l rubric.Lang) string {
	switch f.ID {
	case "daily_volume":
		return t(l, grouped(float64(r.DailyVolume))+" 次/天", grouped(float64(r.DailyVolume))+" a day")
	case "peak_multiplier":
		return t(l, rubric.FormatNumber(r.PeakMultiplier)+" 倍", rubric.FormatNumber(r.PeakMultiplier)+"× normal volume")
	case "industry":
		if r.Industry == "" {
			return t(l, "未填写", "not given")
		}
		ind := rubric.IndustryOptions.Label(r.Industry, l)
		if r.Regulated() {
			return ind + t(l, "(强监管行业)", " (regulated industry)")
		}
		return ind
	case "target_response_s":
		return t(l, fmt.Sprintf("%d 秒", r.TargetResponseS), fmt.Sprintf("%d s", r.TargetResponseS))
	case "budget_month":
		if r.BudgetMonth == nil {
			return t(l, "未设定", "not set")
		}
		return money(*r.BudgetMonth, l)
	}
	switch f.Kind {
	case rubric.KindSet:
		return labels(*f.List(&r), f.Options, l)
	case rubric.KindChoice:
		return f.Options.Label(*f.Str(&r), l)
	case rubric.KindNumber: // the targets in percent
		x, _ := r.Number(f.ID)
		return pct(x)
	}
	return orNone(*f.Str(&r), l)
}

func orNone(s string, lang rubric.Lang) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// priceVsBudget compares a quoted monthly price with the budget, or says why it cannot.
func priceVsBudget(a rubric.Answers, r rubric.Requirements, lang rubric.Lang) (price, verdict string) {
	p, ok := a.Num("price_month")
	if !ok {
		return t(lang, "未报价", "not quoted"), "—"
	}
	price = money(p, lang)
	if r.BudgetMonth == nil || *r.BudgetMonth <= 0 {
		return price, t(lang, "未设预算", "no budget set")
	}
	b := *r.BudgetMonth
	share := math.Round(p / b * 100)
	if p <= b {
		return price, t(lang, fmt.Sprintf("预算内(%s%%)", score(share)), fmt.Sprintf("within budget (%s%%)", score(share)))
	}
	over := math.Round((p - b) / b * 100)
	return price, t(lang, fmt.Sprintf("超出预算 %s%%", score(over)), fmt.Sprintf("%s%% over budget", score(over)))
}
