package rubric

import (
	"strings"
	"testing"
)

func TestReadNumberForQuestions(t *testing.T) {
	for _, c := range []struct {
		id, in string
		want   float64
		known  bool
		// err is a piece of the English message, "" when the text reads.
		err string
		// shown is the reading in English, when it matters.
		shown string
	}{
		// Blank and unknown.
		{"response_s", "", 0, false, "", ""},
		{"response_s", " ？ ", 0, false, "", ""},
		{"response_s", "未知", 0, false, "", ""},
		{"response_s", "Unknown", 0, false, "", ""},
		// Seconds, minutes and hours into a question kept in seconds.
		{"response_s", "30", 30, true, "", "30 s"},
		{"response_s", "30秒", 30, true, "", "30 s"},
		{"response_s", "30 秒钟", 30, true, "", ""},
		{"response_s", "30s", 30, true, "", ""},
		{"response_s", "30 sec", 30, true, "", ""},
		{"response_s", "30 Seconds", 30, true, "", ""},
		{"response_s", "2分钟", 120, true, "", "120 s"},
		{"response_s", "2分", 120, true, "", ""},
		{"response_s", "1.5 min", 90, true, "", ""},
		{"response_s", "2 minutes", 120, true, "", ""},
		{"response_s", "0.1分钟", 6, true, "", "6 s"},
		{"response_s", "1小时", 3600, true, "", ""},
		{"response_s", "1h", 3600, true, "", ""},
		// Hours, with minutes and days, into a question kept in hours.
		{"feedback_hours", "2小时", 2, true, "", "2 hours"},
		{"feedback_hours", "2 hours", 2, true, "", ""},
		{"feedback_hours", "90分钟", 1.5, true, "", "1.5 hours"},
		{"feedback_hours", "100 min", 1.66666666666667, true, "", "≈ 1.67 hours"},
		{"feedback_hours", "2天", 48, true, "", ""},
		// Training is counted in class hours; a day of it is not 24 of them.
		{"training_hours", "80课时", 80, true, "", ""},
		{"training_hours", "80 hours", 80, true, "", ""},
		{"training_hours", "3天", 0, false, "“天” does not fit: enter hours", ""},
		// Days and weeks.
		{"prep_days", "30天", 30, true, "", "30 days"},
		{"prep_days", "2周", 14, true, "", "14 days"},
		{"prep_days", "2 weeks", 14, true, "", ""},
		{"payment_days", "1个月", 30, true, "", "30 days"},
		{"payment_days", "2 months", 60, true, "", ""},
		{"prep_days", "36小时", 0, false, "whole number", ""},
		// Percentages, full-width too.
		{"fcr_pct", "85%", 85, true, "", "85%"},
		{"fcr_pct", "８５％", 85, true, "", "85%"},
		{"fcr_pct", "99.5 %", 99.5, true, "", ""},
		{"answer_pct", "９９．５", 99.5, true, "", "99.5%"},
		{"answer_pct", "99。5%", 99.5, true, "", ""},
		// Multiples.
		{"seat_multiple", "3倍", 3, true, "", "3×"},
		{"seat_multiple", "3x", 3, true, "", ""},
		{"seat_multiple", "3X", 3, true, "", ""},
		{"seat_multiple", "3×", 3, true, "", ""},
		{"seat_multiple", "2.5 times", 2.5, true, "", ""},
		// Counts.
		{"same_industry_cases", "12个", 12, true, "", "12 cases"},
		{"same_industry_cases", "12家", 12, true, "", ""},
		{"same_industry_cases", "12 cases", 12, true, "", ""},
		{"mock_rating", "4分", 4, true, "", "4"},
		{"mock_rating", "4 stars", 4, true, "", ""},
		// Money: signs, separators, 万 and k.
		{"price_month", "180,000", 180000, true, "", "180,000 CNY"},
		{"price_month", "180，000元", 180000, true, "", ""},
		{"price_month", "1,234,567.5", 1234567.5, true, "", ""},
		{"price_month", "1.2万", 12000, true, "", "12,000 CNY"},
		{"price_month", "1.2万元", 12000, true, "", ""},
		{"price_month", "12w", 120000, true, "", ""},
		{"price_month", "5k", 5000, true, "", "5,000 CNY"},
		{"price_month", "5K 元", 5000, true, "", ""},
		{"price_month", "3千", 3000, true, "", ""},
		{"price_month", "¥12,000", 12000, true, "", ""},
		{"price_month", "￥12000", 12000, true, "", ""},
		{"price_month", "RMB 12,000", 12000, true, "", ""},
		{"price_month", "12000 CNY", 12000, true, "", ""},
		{"price_month", "0.123456万", 1234.56, true, "", ""},
		// Ranges count at the end worse for the client.
		{"response_s", "20-30", 30, true, "", "30 s (the end worse for us)"},
		{"response_s", "20~30秒", 30, true, "", ""},
		{"response_s", "20～30", 30, true, "", ""},
		{"response_s", "20到30秒", 30, true, "", ""},
		{"response_s", "20 至 30", 30, true, "", ""},
		{"response_s", "30—20", 30, true, "", ""},
		{"response_s", "1-2分钟", 120, true, "", "120 s (the end worse for us)"},
		{"response_s", "30秒-1分钟", 60, true, "", ""},
		{"fcr_pct", "80-85%", 80, true, "", "80% (the end worse for us)"},
		{"bad_review_pct", "1-2%", 2, true, "", ""},
		{"attrition_pct", "20%~30%", 30, true, "", ""},
		{"seat_multiple", "3-5倍", 3, true, "", ""},
		{"prep_days", "1-2周", 14, true, "", ""},
		{"training_hours", "60到80", 60, true, "", ""},
		{"same_industry_cases", "10-20", 10, true, "", ""},
		{"feedback_hours", "2-4", 4, true, "", ""},
		{"price_month", "1-2万", 20000, true, "", "20,000 CNY (the end worse for us)"},
		{"price_month", "8k-1.2万", 12000, true, "", ""},
		// Bounds said around a number.
		{"csat_pct", "≥90", 90, true, "", "90%"},
		{"csat_pct", "＞＝90%", 90, true, "", ""},
		{"csat_pct", "不低于90%", 90, true, "", ""},
		{"csat_pct", "90%以上", 90, true, "", ""},
		{"response_s", "30秒以内", 30, true, "", ""},
		{"response_s", "≤30s", 30, true, "", ""},
		{"response_s", "within 30 s", 30, true, "", ""},
		{"price_month", "约5万", 50000, true, "", ""},
		{"price_month", "~5000", 5000, true, "", ""},
		{"same_industry_cases", "10+", 10, true, "", ""},
		{"csat_pct", "≥", 0, false, "enter a number", ""},
		// Units that do not fit the question.
		{"response_s", "30%", 0, false, "“%” does not fit: enter seconds", ""},
		{"response_s", "30元", 0, false, "“元” does not fit: enter seconds", ""},
		{"seat_multiple", "5人", 0, false, "“人” does not fit: enter a multiple", ""},
		{"fcr_pct", "30秒", 0, false, "“秒” does not fit: enter a percentage", ""},
		{"price_month", "¥30秒", 0, false, "does not fit", ""},
		{"mock_rating", "4%", 0, false, "enter a rating", ""},
		{"response_s", "20%-30", 0, false, "does not fit", ""},
		// Not numbers at all.
		{"seat_multiple", "12a", 0, false, "enter a number", ""},
		{"seat_multiple", "abc", 0, false, "enter a number", ""},
		{"seat_multiple", "1,5", 0, false, "enter a number", ""},
		{"seat_multiple", "1.2.3", 0, false, "enter a number", ""},
		{"price_month", "12 000", 12000, true, "", ""},
		{"attrition_pct", "NaN", 0, false, "enter a number", ""},
		{"attrition_pct", "inf", 0, false, "enter a number", ""},
		{"attrition_pct", "1e3", 0, false, "enter a number", ""},
		{"response_s", "30-", 0, false, "enter a number", ""},
		{"response_s", "20-30-40", 0, false, "enter a number", ""},
		// Out of range, whole numbers, after units.
		{"response_s", "2小时", 0, false, "between 0 and 3600", ""},
		{"fcr_pct", "101%", 0, false, "between 0 and 100", ""},
		{"seat_multiple", "-1", 0, false, "between 0 and 100", ""},
		{"mock_rating", "6分", 0, false, "between 1 and 5", ""},
		{"same_industry_cases", "11万", 0, false, "between 0 and 100000", ""},
		{"training_hours", "80.5", 0, false, "whole number", ""},
		{"response_s", "50-100%", 0, false, "does not fit", ""},
	} {
		q, ok := QuestionByID(c.id)
		if !ok {
			t.Fatalf("no question %s", c.id)
		}
		got := q.NumberSpec().Read(c.in)
		if got.Value != c.want || got.Known != c.known {
			t.Errorf("%s %q = %v known %v, want %v known %v (%v)", c.id, c.in, got.Value, got.Known, c.want, c.known, got.Err)
		}
		switch {
		case c.err == "" && got.Err != nil:
			t.Errorf("%s %q: %s", c.id, c.in, got.Err.Message.EN)
		case c.err != "" && got.Err == nil:
			t.Errorf("%s %q reads as %v, want the error %q", c.id, c.in, got.Value, c.err)
		case c.err != "" && !strings.Contains(got.Err.Message.EN, c.err):
			t.Errorf("%s %q: error %q, want %q", c.id, c.in, got.Err.Message.EN, c.err)
		case got.Err != nil && (got.Err.Message.ZH == "" || got.Err.Field != c.id):
			t.Errorf("%s %q: error %+v lacks Chinese or the field", c.id, c.in, got.Err)
		}
		if c.shown != "" && got.Shown.EN != c.shown {
			t.Errorf("%s %q shows %q, want %q", c.id, c.in, got.Shown.EN, c.shown)
		}
	}
}

func TestReadNumberSpeaksChinese(t *testing.T) {
	q, _ := QuestionByID("response_s")
	for in, want := range map[string]string{
		"2分钟":   "120 秒",
		"20-30": "30 秒(区间取对我方不利的一端)",
	} {
		if got := q.NumberSpec().Read(in).Shown.ZH; got != want {
			t.Errorf("%q shows %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"30%":  "“%”不适用:此处填秒数",
		"30秒x": "请输入数字",
		"2小时":  "须在 0 到 3600 之间",
	} {
		if got := q.NumberSpec().Read(in).Err; got == nil || got.Message.ZH != want {
			t.Errorf("%q: %+v, want %q", in, got, want)
		}
	}
	price, _ := QuestionByID("price_month")
	if got := price.NumberSpec().Read("1.2万").Shown.ZH; got != "12,000 元" {
		t.Errorf("1.2万 shows %q", got)
	}
	seats, _ := QuestionByID("seat_multiple")
	if got := seats.NumberSpec().Read("3x").Shown.ZH; got != "3 倍" {
		t.Errorf("3x shows %q", got)
	}
}

// Every number question takes a range at the end its score likes least.
func TestRangesCountAtTheWorseEnd(t *testing.T) {
	for _, q := range Questions {
		if q.Kind != KindNumber {
			continue
		}
		lo, hi := q.Min+(q.Max-q.Min)/4, q.Min+(q.Max-q.Min)/2
		if q.Integer {
			lo, hi = float64(int(lo)), float64(int(hi))
		}
		r := q.NumberSpec().Read(FormatNumber(lo) + "-" + FormatNumber(hi))
		if r.Err != nil {
			t.Errorf("%s: %v", q.ID, r.Err)
			continue
		}
		best, scored := bestNumbers[q.ID]
		higherIsBetter := scored && best == q.Max
		if want := map[bool]float64{true: lo, false: hi}[higherIsBetter]; r.Value != want {
			t.Errorf("%s: %v-%v reads %v, want %v", q.ID, lo, hi, r.Value, want)
		}
		if q.Measure == nil || q.Unit != q.Measure.Unit {
			t.Errorf("%s: measure %+v, unit %+v", q.ID, q.Measure, q.Unit)
		}
	}
}

// A spec that names no measure reads plain numbers.
func TestReadPlainNumber(t *testing.T) {
	sp := NumberSpec{Field: "n", Min: 0, Max: 10}
	if r := sp.Read("５"); r.Value != 5 || !r.Known || r.Shown.EN != "5" {
		t.Errorf("５ reads %+v", r)
	}
	if r := sp.Read("5秒"); r.Err == nil || r.Err.Message.EN != "“秒” does not fit: enter a number" {
		t.Errorf("5秒 reads %+v", r)
	}
	if r := sp.Read("2-3"); r.Err == nil || r.Err.Message.EN != "enter one number, not a range" {
		t.Errorf("2-3 reads %+v", r)
	}
}

func TestSaysOnlyWhatTheTextDoesNot(t *testing.T) {
	q, _ := QuestionByID("price_month")
	for in, want := range map[string]bool{
		"12000": false, "12,000": false, " 12000 ": false, "": false, "12a": false,
		"1.2万": true, "12000元": true, "１２０００": true, "1-2万": true,
	} {
		if got := q.NumberSpec().Read(in).Says(in); got != want {
			t.Errorf("Says(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestReadRequirementNumbers(t *testing.T) {
	r := DefaultRequirements()
	r.Channels = []string{"web"}
	for _, c := range []struct {
		field, in string
		want      float64
		known     bool
		err       string
	}{
		{"daily_volume", "5000", 5000, true, ""},
		{"daily_volume", "1.2万", 12000, true, ""},
		{"daily_volume", "5,000次", 5000, true, ""},
		{"daily_volume", "5000人", 5000, true, ""},
		{"daily_volume", "4000-6000", 6000, true, ""},
		{"daily_volume", "", 0, false, "required"},
		{"daily_volume", "-5", 0, false, "daily volume cannot be negative"},
		{"daily_volume", "50.5", 0, false, "whole number"},
		{"daily_volume", "5000秒", 0, false, "does not fit"},
		{"daily_volume", "1e20", 0, false, "enter a number"},
		{"daily_volume", "1000000000万", 0, false, "at most 1,000,000,000,000"},
		{"peak_multiplier", "10倍", 10, true, ""},
		{"peak_multiplier", "8-10x", 10, true, ""},
		{"peak_multiplier", "0.5", 0, false, "peak multiplier must be between 1 and 100"},
		{"peak_multiplier", "10人", 0, false, "“人” does not fit: enter a multiple"},
		{"target_response_s", "30秒", 30, true, ""},
		{"target_response_s", "1分钟", 60, true, ""},
		{"target_response_s", "20-30", 20, true, ""},
		{"target_response_s", "0", 0, false, "between 1 and 3600 seconds"},
		{"target_response_s", "30%", 0, false, "does not fit"},
		{"target_fcr_pct", "85%", 85, true, ""},
		{"target_fcr_pct", "80-85", 85, true, ""},
		{"target_answer_pct", "９９．５％", 99.5, true, ""},
		{"target_csat_pct", "101", 0, false, "target CSAT must be between 0 and 100"},
		// The targets added since: the strict end of a range is the lower one for a time
		// or a ceiling, the higher one for a rate to reach.
		{"target_urgent_response_s", "1分钟", 60, true, ""},
		{"target_urgent_response_s", "30-60秒", 30, true, ""},
		{"target_urgent_response_s", "0", 0, false, "between 1 and 3600 seconds"},
		{"target_resolution_h", "2天", 48, true, ""},
		{"target_resolution_h", "30分钟", 0.5, true, ""},
		{"target_resolution_h", "12-24小时", 12, true, ""},
		{"target_resolution_h", "0", 0, false, "between 0.1 and 720 hours"},
		{"target_bad_review_pct", "0.5%", 0.5, true, ""},
		{"target_bad_review_pct", "1-2%", 1, true, ""},
		{"target_bad_review_pct", "101", 0, false, "bad-review ceiling must be between 0 and 100"},
		{"target_qa_pass_pct", "95-98%", 98, true, ""},
		{"target_conversion_pct", "35%", 35, true, ""},
		{"target_conversion_pct", "30-40", 40, true, ""},
		{"target_conversion_pct", "35秒", 0, false, "does not fit"},
		{"budget_month", "", 0, false, ""},
		{"budget_month", "20万", 200000, true, ""},
		{"budget_month", "15-20万元", 150000, true, ""},
		{"budget_month", "-1", 0, false, "monthly budget cannot be negative"},
		{"phone_aht_s", "4分钟", 240, true, ""},
		{"phone_aht_s", "", 0, false, ""},
		{"chat_concurrency", "3个", 3, true, ""},
		{"chat_concurrency", "5", 0, false, "Chat concurrency must be between 1 and 4"},
		{"peak_months", "2个月", 2, true, ""},
		{"email_response_h", "1天", 24, true, ""},
		{"busiest_interval_pct", "6%", 6, true, ""},
	} {
		got := r.ReadNumber(c.field, c.in)
		if got.Value != c.want || got.Known != c.known {
			t.Errorf("%s %q = %v known %v, want %v known %v (%v)", c.field, c.in, got.Value, got.Known, c.want, c.known, got.Err)
		}
		switch {
		case c.err == "" && got.Err != nil:
			t.Errorf("%s %q: %s", c.field, c.in, got.Err.Message.EN)
		case c.err != "" && (got.Err == nil || !strings.Contains(got.Err.Message.EN, c.err)):
			t.Errorf("%s %q: error %+v, want %q", c.field, c.in, got.Err, c.err)
		case got.Err != nil && (got.Err.Message.ZH == "" || got.Err.Field != c.field):
			t.Errorf("%s %q: error %+v lacks Chinese or the field", c.field, c.in, got.Err)
		}
	}
	// Number and SetNumber agree on every field.
	numbers := 0
	for _, f := range RequirementFields {
		if f.Kind != KindNumber {
			continue
		}
		numbers++
		var s Requirements
		s.SetNumber(f.ID, 42, true)
		if x, known := s.Number(f.ID); x != 42 || !known {
			t.Errorf("%s: set 42, got %v %v", f.ID, x, known)
		}
	}
	if numbers != 31 {
		t.Errorf("%d number fields, want 31", numbers)
	}
	if _, ok := RequirementSpec("channels"); ok {
		t.Error("channels has a number spec")
	}
}

// Whatever is typed, reading it never panics, and what reads is within the field's
// bounds and says so in both languages.
func FuzzReadNumber(f *testing.F) {
	for _, s := range []string{"30秒", "1.2万", "20-30", "¥5k", "８５％", "1,000", "-", "1-2万元", "..", "万"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range Questions {
			if q.Kind != KindNumber {
				continue
			}
			r := q.NumberSpec().Read(s)
			switch {
			case r.Err != nil && (r.Known || r.Value != 0):
				t.Fatalf("%s %q: an error with a value %v", q.ID, s, r.Value)
			case r.Known && (r.Value < q.Min || r.Value > q.Max || r.Shown.ZH == "" || r.Shown.EN == ""):
				t.Fatalf("%s %q reads %v, shown %+v", q.ID, s, r.Value, r.Shown)
			}
		}
	})
}
