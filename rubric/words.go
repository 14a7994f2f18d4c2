package rubric

import "strings"

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
		if !ok {
			return Text{"未设定", "not set"}.In(lang) // a budget not given
		}
		switch f.ID {
		case "daily_volume":
			return FormatGrouped(x) + Text{" 次/天", " a day"}.In(lang)
		case "peak_multiplier":
			return FormatNumber(x) + Text{" 倍", "× normal volume"}.In(lang)
		case "target_response_s":
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
