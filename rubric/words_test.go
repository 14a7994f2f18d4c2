package rubric

import "testing"

// words pairs a sentence's Chinese and English.
type words struct{ zh, en string }

func checkWords(t *testing.T, what string, say func(Lang) string, want words) {
	t.Helper()
	if got := say(ZH); got != want.zh {
		t.Errorf("%s in Chinese = %q, want %q", what, got, want.zh)
	}
	if got := say(EN); got != want.en {
		t.Errorf("%s in English = %q, want %q", what, got, want.en)
	}
}

// Each requirement is said as the report's requirements table says it.
func TestRequirementWords(t *testing.T) {
	budget := 200000.0
	r := DefaultRequirements()
	r.Channels = []string{"web", "phone"}
	r.DailyVolume = 12000
	r.PeakMultiplier = 2.5
	r.Industry = "finance"
	r.BudgetMonth = &budget
	r.UserProfile = "  "
	cases := []struct {
		field string
		r     Requirements
		want  words
	}{
		{"channels", r, words{"网页在线、电话热线", "Web chat, Phone hotline"}},
		{"peak_periods", r, words{"无", "none"}},
		{"daily_volume", r, words{"12,000 次/天", "12,000 a day"}},
		{"peak_multiplier", r, words{"2.5 倍", "2.5× normal volume"}},
		{"service_hours", r, words{HoursOptions.Label("7x12", ZH), HoursOptions.Label("7x12", EN)}},
		{"industry", r, words{IndustryOptions.Label("finance", ZH) + "(强监管行业)", IndustryOptions.Label("finance", EN) + " (regulated industry)"}},
		{"industry", DefaultRequirements(), words{"未填写", "not given"}},
		{"target_response_s", r, words{"30 秒", "30 s"}},
		{"target_answer_pct", r, words{"99.5%", "99.5%"}},
		{"budget_month", r, words{"200,000 元", "200,000 CNY"}},
		{"budget_month", DefaultRequirements(), words{"未设定", "not set"}},
		{"user_profile", r, words{"—", "—"}},
		{"notes", with(func(r *Requirements) { r.Notes = "VIP 优先" }), words{"VIP 优先", "VIP 优先"}},
	}
	for _, c := range cases {
		f, ok := RequirementFieldByID(c.field)
		if !ok {
			t.Fatalf("no field %s", c.field)
		}
		checkWords(t, c.field, func(l Lang) string { return f.Words(c.r, l) }, c.want)
	}
}
