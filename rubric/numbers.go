package rubric

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Measure is what a number field counts: the unit it is kept in and the units people
// type for it, each with the factor that turns it into the kept unit.
type Measure struct {
	// Unit is shown after a number: 秒 / s.
	Unit Text
	// Asks names what the field wants, for a message about a unit that does not fit.
	Asks  Text
	words map[string]float64
}

// Spellings of units as typed, lower case and without spaces.
var (
	secondWords = []string{"秒", "秒钟", "s", "sec", "secs", "second", "seconds"}
	minuteWords = []string{"分钟", "分", "min", "mins", "minute", "minutes"}
	hourWords   = []string{"小时", "个小时", "钟头", "h", "hr", "hrs", "hour", "hours"}
	dayWords    = []string{"天", "日", "d", "day", "days"}
	weekWords   = []string{"周", "星期", "个星期", "week", "weeks"}
	// A month of days is the 30 that payment terms mean by it (月结30天).
	monthWords = []string{"个月", "月", "month", "months"}
)

// per builds a table of spellings: per(1, secondWords, 60, minuteWords) reads
// seconds as 1 and minutes as 60.
func per(pairs ...any) map[string]float64 {
	m := map[string]float64{}
	for i := 0; i < len(pairs); i += 2 {
		for _, w := range pairs[i+1].([]string) {
			m[w] = pairs[i].(float64)
		}
	}
	return m
}

// The measures of the questions and requirements.
var (
	Seconds = &Measure{Text{"秒", "s"}, Text{"秒数", "seconds"},
		per(1.0, secondWords, 60.0, minuteWords, 3600.0, hourWords)}
	Hours = &Measure{Text{"小时", "hours"}, Text{"小时数", "hours"},
		per(1/3600.0, secondWords, 1/60.0, minuteWords, 1.0, hourWords, 24.0, dayWords)}
	// ClassHours are hours of training: a day of training is not 24 of them.
	ClassHours = &Measure{Text{"课时", "hours"}, Text{"课时数", "hours"},
		per(1/60.0, minuteWords, 1.0, append([]string{"课时", "学时"}, hourWords...))}
	Days = &Measure{Text{"天", "days"}, Text{"天数", "days"},
		per(1/24.0, hourWords, 1.0, dayWords, 7.0, weekWords, 30.0, monthWords)}
	Percent = &Measure{Text{"%", "%"}, Text{"百分比", "a percentage"},
		per(1.0, []string{"%", "pct", "percent"})}
	Multiple = &Measure{Text{"倍", "×"}, Text{"倍数", "a multiple"},
		per(1.0, []string{"倍", "x", "×", "times"})}
	Yuan = &Measure{Text{"元", "CNY"}, Text{"金额(元)", "an amount in yuan"},
		per(1.0, []string{"元", "块", "¥", "￥", "rmb", "cny", "yuan"})}
	Cases = &Measure{Text{"个", "cases"}, Text{"案例个数", "a number of cases"},
		per(1.0, []string{"个", "家", "例", "case", "cases"})}
	Inquiries = &Measure{Text{"次", "inquiries"}, Text{"咨询量", "a number of inquiries"},
		per(1.0, []string{"次", "人次", "人", "条", "通", "个", "单", "inquiries", "contacts", "people"})}
	Agents = &Measure{Text{"人", "agents"}, Text{"人数", "a number of agents"},
		per(1.0, []string{"人", "名", "个", "坐席", "席", "agents", "agent", "seats", "seat", "people"})}
	Months = &Measure{Text{"个月", "months"}, Text{"月数", "a number of months"},
		per(1.0, monthWords)}
	// Conversations are chats an agent carries at once.
	Conversations = &Measure{Text{"个", "conversations"}, Text{"会话数", "a number of conversations"},
		per(1.0, []string{"个", "路", "conversations", "chats"})}
	Rating = &Measure{Text{"", ""}, Text{"评分", "a rating"},
		per(1.0, []string{"分", "星", "point", "points", "star", "stars"})}

	// anyNumber is the measure of a spec that names none: a plain number.
	anyNumber = &Measure{Asks: Text{"一个数", "a number"}}

	measures = []*Measure{Seconds, Hours, ClassHours, Days, Percent, Multiple, Yuan, Cases, Inquiries, Agents, Months, Conversations, Rating}
)

// currencyPrefixes may stand before an amount: ¥5000, RMB 5000.
var currencyPrefixes = []string{"¥", "￥", "rmb", "cny"}

// multipliers stand between a number and its unit: 1.2万, 5k, 3千元. Their powers of
// ten move the decimal point, so 1.2万 is exactly 12000.
var multipliers = []struct {
	word  string
	power int
}{{"万", 4}, {"w", 4}, {"千", 3}, {"k", 3}}

// rangeMarks separate the two ends of a range: 20-30, 20~30, 20到30.
var rangeMarks = []string{"~", "到", "至", "-"}

// boundWords are said around a number without changing it: ≥90, 30秒以内, 约5000.
// The bound is what counts; for a commitment it is all the vendor commits to.
var (
	boundPrefixes = []string{">=", "<=", "≥", "≤", ">", "<", "~", "约", "大约", "至少", "最少", "不低于", "不少于", "最多", "不超过", "不高于",
		"about", "around", "atleast", "atmost", "upto", "within"}
	boundSuffixes = []string{"以上", "以内", "以下", "之内", "左右", "+"}
)

// unknownWords leave a number field unknown, as a blank does.
var unknownWords = []string{"", "?", "未知", "unknown"}

// RangeEnd says which end of a typed range a field takes.
type RangeEnd int8

const (
	// NoRange refuses a range: the field wants one number.
	NoRange RangeEnd = iota
	LowEnd
	HighEnd
)

// NumberSpec is how one field reads a number a person typed.
type NumberSpec struct {
	// Field names the field in errors: a question id or a requirements JSON name.
	Field    string
	Measure  *Measure
	Min, Max float64
	Integer  bool
	// Required refuses a blank; otherwise a blank is unknown.
	Required bool
	// Range is the end of a range that counts, and RangeWhy says why, beside the
	// reading.
	Range    RangeEnd
	RangeWhy Text
}

// Reading is what a typed number says.
type Reading struct {
	Value float64
	// Known is false for a blank (or "?"), which leaves the field unknown.
	Known bool
	// Shown is the value as read, with its unit, in both languages: "120 秒".
	Shown Text
	// Err says why the text does not read; Value and Known are then zero.
	Err *FieldError
}

// Says reports whether the reading tells the person more than the text they typed:
// a unit converted, a range narrowed, full-width digits or separators read.
func (r Reading) Says(typed string) bool {
	t := strings.TrimSpace(typed)
	return r.Err == nil && r.Known && t != FormatNumber(r.Value) && t != FormatGrouped(r.Value)
}

// Read reads s, as typed, for the field: units, full-width characters, thousands
// separators, 万/k multipliers and a range where the field takes one.
func (sp NumberSpec) Read(s string) Reading {
	if sp.Measure == nil {
		sp.Measure = anyNumber
	}
	s = normalizeNumber(s)
	for _, w := range unknownWords {
		if s == w {
			if sp.Required {
				return sp.fail("请填写", "required")
			}
			return Reading{}
		}
	}
	s = trimBound(s)
	lo, hi, isRange := splitRange(s)
	a, err := sp.readEnd(lo)
	if err != nil {
		return Reading{Err: err}
	}
	var x float64
	var why Text
	if isRange {
		if sp.Range == NoRange {
			return sp.fail("请填写一个数,不是区间", "enter one number, not a range")
		}
		b, err := sp.readEnd(hi)
		if err != nil {
			return Reading{Err: err}
		}
		a, b = inheritScale(a, b)
		x, why = sp.pick(a.value(sp.Measure), b.value(sp.Measure)), sp.RangeWhy
	} else {
		x = a.value(sp.Measure)
	}
	if e := checkNumber(sp.Field, x, sp.Min, sp.Max, sp.Integer); e != nil {
		return Reading{Err: e}
	}
	return Reading{Value: x, Known: true, Shown: sp.shown(x, why)}
}

func (sp NumberSpec) fail(zh, en string) Reading {
	return Reading{Err: &FieldError{sp.Field, Text{zh, en}}}
}

// pick returns the end of a range the field takes.
func (sp NumberSpec) pick(a, b float64) float64 {
	if sp.Range == LowEnd {
		return min(a, b)
	}
	return max(a, b)
}

// shown is the reading with the field's unit, and why when a range was narrowed.
func (sp NumberSpec) shown(x float64, why Text) Text {
	n := FormatGrouped(x)
	if r := FormatGrouped(math.Round(x*100) / 100); r != n {
		n = "≈ " + r
	}
	out := Text{withUnit(n, sp.Measure.Unit.ZH), withUnit(n, sp.Measure.Unit.EN)}
	if why.ZH != "" {
		out.ZH += "(" + why.ZH + ")"
		out.EN += " (" + why.EN + ")"
	}
	return out
}

// withUnit glues % and × to the number and spaces the others: 85%, 3×, 120 s.
func withUnit(n, unit string) string {
	switch unit {
	case "":
		return n
	case "%", "×":
		return n + unit
	}
	return n + " " + unit
}

// end is one end of what was typed: its digits, the power of ten of a multiplier
// and the unit word, each "" or 0 when not typed.
type end struct {
	digits string
	power  int
	unit   string
}

// value is the end in the measure's unit, rounded to the 15 digits a float64 holds
// so that 0.1分钟 reads as 6 seconds and not 6.000000000000001.
func (e end) value(m *Measure) float64 {
	x, _ := strconv.ParseFloat(shiftDecimal(e.digits, e.power), 64)
	if e.unit != "" {
		x *= m.words[e.unit]
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return r
}

// readEnd reads one end: an optional currency sign, a number, an optional
// multiplier and an optional unit the field's measure knows.
func (sp NumberSpec) readEnd(s string) (end, *FieldError) {
	var e end
	for _, p := range currencyPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			e.unit, s = p, rest
			break
		}
	}
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = strings.TrimPrefix(s[:1], "+"), s[1:]
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '.' || r == ',') })
	if i < 0 {
		i = len(s)
	}
	digits, ok := plainDigits(s[:i])
	if !ok {
		return e, sp.notNumber()
	}
	e.digits = sign + digits
	rest := s[i:]
	if rest != "" && !knownUnit(rest) {
		for _, m := range multipliers {
			if after, ok := strings.CutPrefix(rest, m.word); ok && (after == "" || knownUnit(after)) {
				e.power, rest = m.power, after
				break
			}
		}
	}
	switch {
	case rest == "":
	case !knownUnit(rest):
		return e, sp.notNumber()
	case e.unit != "" && sp.Measure.words[rest] != sp.Measure.words[e.unit]:
		// ¥5000元 is fine; ¥5000秒 is not.
		return e, sp.wrongUnit(rest)
	default:
		e.unit = rest
	}
	if e.unit != "" && sp.Measure.words[e.unit] == 0 {
		return e, sp.wrongUnit(e.unit)
	}
	return e, nil
}

func (sp NumberSpec) notNumber() *FieldError {
	return &FieldError{sp.Field, Text{"请输入数字", "enter a number"}}
}

func (sp NumberSpec) wrongUnit(unit string) *FieldError {
	return &FieldError{sp.Field, Text{
		fmt.Sprintf("“%s”不适用:此处填%s", unit, sp.Measure.Asks.ZH),
		fmt.Sprintf("“%s” does not fit: enter %s", unit, sp.Measure.Asks.EN)}}
}

// knownUnit reports whether w is a unit some measure knows, so that a unit that
// does not fit the field is told apart from text that is no unit at all.
func knownUnit(w string) bool {
	for _, m := range measures {
		if _, ok := m.words[w]; ok {
			return true
		}
	}
	return false
}

// inheritScale gives an end typed bare the multiplier and unit of the other end,
// as people write them once: 20-30秒, 1-2万, 5~10k.
func inheritScale(a, b end) (end, end) {
	share := func(bare *end, from end) {
		if bare.unit == "" {
			bare.unit = from.unit
			if bare.power == 0 {
				bare.power = from.power
			}
		}
	}
	switch {
	case a.unit == "" && a.power == 0:
		share(&a, b)
	case b.unit == "" && b.power == 0:
		share(&b, a)
	case a.unit == "":
		a.unit = b.unit
	case b.unit == "":
		b.unit = a.unit
	}
	return a, b
}

// plainDigits checks a number typed with optional thousands separators (1,000 but
// not 1,5) and returns it without them, always with a point: "1000.", ".5".
func plainDigits(s string) (string, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || strings.ContainsAny(frac, ".,") {
		return "", false
	}
	if groups := strings.Split(whole, ","); len(groups) > 1 {
		for i, g := range groups {
			if len(g) != 3 && (i > 0 || len(g) == 0 || len(g) > 3) {
				return "", false
			}
		}
	}
	return strings.ReplaceAll(whole, ",", "") + "." + frac, true
}

// shiftDecimal multiplies a decimal "12.5" by 10^power by moving its point.
func shiftDecimal(digits string, power int) string {
	whole, frac, _ := strings.Cut(digits, ".")
	for ; power > 0; power-- {
		if frac == "" {
			whole += "0"
		} else {
			whole, frac = whole+frac[:1], frac[1:]
		}
	}
	return whole + "." + frac + "0"
}

// trimBound drops one of boundPrefixes and one of boundSuffixes.
func trimBound(s string) string {
	for _, p := range boundPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	for _, w := range boundSuffixes {
		if rest, ok := strings.CutSuffix(s, w); ok {
			return rest
		}
	}
	return s
}

// splitRange cuts "20-30" at its range mark; a leading minus is a sign, not a mark.
func splitRange(s string) (lo, hi string, ok bool) {
	for _, mark := range rangeMarks {
		if i := strings.Index(s[min(1, len(s)):], mark); i >= 0 {
			i += min(1, len(s))
			return s[:i], s[i+len(mark):], true
		}
	}
	return s, "", false
}

// normalizeNumber turns full-width characters into ASCII ones, dashes and the
// ideographic full stop and comma into -, . and ",", drops spaces and lower-cases
// letters.
func normalizeNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r >= '！' && r <= '～':
			r -= 0xFEE0
		case r == '。':
			r = '.'
		case r == '、':
			r = ','
		case r == '—' || r == '–' || r == '−':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// checkNumber validates a number for a field with its bounds.
func checkNumber(field string, x, lo, hi float64, integer bool) *FieldError {
	bad := func(zh, en string) *FieldError { return &FieldError{field, Text{zh, en}} }
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return bad("须为数字", "must be a number")
	}
	if integer && x != math.Trunc(x) {
		return bad("须为整数", "must be a whole number")
	}
	switch {
	case x > hi && math.IsInf(lo, -1):
		return bad("不能超过 "+FormatGrouped(hi), "must be at most "+FormatGrouped(hi))
	case x < lo && math.IsInf(hi, 1):
		return bad("不能小于 "+FormatGrouped(lo), "must be at least "+FormatGrouped(lo))
	case x < lo || x > hi:
		return bad(fmt.Sprintf("须在 %s 到 %s 之间", FormatNumber(lo), FormatNumber(hi)),
			fmt.Sprintf("must be between %s and %s", FormatNumber(lo), FormatNumber(hi)))
	}
	return nil
}

// FormatGrouped prints a number with thousands separators: 12,000 and 1,234.5.
func FormatGrouped(f float64) string {
	s := FormatNumber(f)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) <= 3 || strings.ContainsAny(whole, "e+") {
		return sign + s
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// worseEnd is why a question takes the end of a range it takes.
var worseEnd = Text{"区间取对我方不利的一端", "the end worse for us"}

// NumberSpec is how q reads a typed number. A range ("20-30") is a vendor hedging,
// so it counts at the end worse for the client: the slower response, the lower
// resolution rate, the higher price.
func (q Question) NumberSpec() NumberSpec {
	return NumberSpec{Field: q.ID, Measure: q.Measure, Min: q.Min, Max: q.Max, Integer: q.Integer,
		Range: q.worseEnd(), RangeWhy: worseEnd}
}

// worseEnd is the low end where the scorecard rewards high numbers; otherwise
// (low numbers score best, or a price, which is not scored) the high end.
func (q Question) worseEnd() RangeEnd {
	if best, scored := bestNumbers[q.ID]; scored && best == q.Max {
		return LowEnd
	}
	return HighEnd
}
