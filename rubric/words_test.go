package rubric

import "testing"

func TestFormatPoints(t *testing.T) {
	for f, want := range map[float64]string{74: "74", 74.5: "74.5", 0: "0", 88.25: "88.3", 99.96: "100"} {
		if got := FormatPoints(f); got != want {
			t.Errorf("FormatPoints(%v) = %q, want %q", f, got, want)
		}
	}
}

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

// card is a scorecard under the default weights with the given weighted points.
func card(band Band, total, potential float64, answered, applicable int, points ...float64) Scorecard {
	c := Scorecard{Total: total, Potential: potential, Band: band, Answered: answered, Applicable: applicable,
		Provisional: answered < applicable}
	for d, dim := range Dimensions {
		c.Dimensions = append(c.Dimensions, DimensionScore{ID: dim.ID, Max: dim.Max, Weight: DefaultProfile.Weights[d], Points: points[d]})
	}
	return c
}

// A scorecard is said as the report says it; the other front-ends take these words.
func TestScorecardWords(t *testing.T) {
	best := card(Excellent, 93, 93, 46, 46, 19, 32, 23, 19)
	backup := card(Qualified, 76, 81, 44, 46, 16, 24, 19, 17)
	backup.Flags = []Finding{{Code: "hidden_fee", Item: "D1"}, {Code: "seat_expansion_below_peak", Item: "B2"}}
	oneOpen := card(Qualified, 76, 78, 45, 46, 16, 24, 19, 17)
	out := card(Disqualified, 83.5, 83.5, 46, 46, 19, 28, 20, 16.5)
	out.Knockouts = []Finding{{Code: "no_data_ownership", Item: "D2"}, {Code: "no_nda", Item: "A3"}}

	checkWords(t, "total", func(l Lang) string { return TotalWords(best.Total, l) }, words{"93 分", "93 / 100"})
	checkWords(t, "verdict", func(l Lang) string { return VerdictWords(best, l) }, words{"93 分,优质合作方", "93 / 100, Excellent"})
	checkWords(t, "provisional verdict", func(l Lang) string { return VerdictWords(backup, l) }, words{
		"76 分,合格备选(暂定:2 个问题未回答,最高可达 81 分)",
		"76 / 100, Qualified — backup (provisional: 2 questions unanswered, up to 81)"})
	checkWords(t, "points", func(l Lang) string { return PointsWords(backup, l) }, words{
		"76 分(暂定:2 个问题未回答,最高可达 81 分)", "76 / 100 (provisional: 2 questions unanswered, up to 81)"})
	checkWords(t, "points of a complete card", func(l Lang) string { return PointsWords(best, l) }, words{"93 分", "93 / 100"})
	checkWords(t, "one question open", func(l Lang) string { return ProvisionalWords(oneOpen, l) }, words{
		"暂定:1 个问题未回答,最高可达 78 分", "provisional: 1 question unanswered, up to 78"})
	checkWords(t, "not provisional", func(l Lang) string { return ProvisionalWords(best, l) }, words{"", ""})
	checkWords(t, "band", func(l Lang) string { return BandWords(backup, l) }, words{"合格备选(暂定)", "Qualified — backup (provisional)"})
	checkWords(t, "band of a complete card", func(l Lang) string { return BandWords(best, l) }, words{"优质合作方", "Excellent"})
	checkWords(t, "answered", func(l Lang) string { return AnsweredWords(backup, l) }, words{"已回答 44/46 个问题", "44 of 46 questions"})
	checkWords(t, "dimension", func(l Lang) string { return DimensionWords(out, 3, l) }, words{"合作细节与风险控制 16.5/20", "Cooperation & risk control 16.5/20"})
	checkWords(t, "disqualified", func(l Lang) string { return DisqualifiedWords(out, l) }, words{
		"总分 83.5 分,但客户数据不归属企业;不签订保密协议",
		"83.5 / 100, but the client does not own the customer data; refuses to sign an NDA"})
	checkWords(t, "flags", func(l Lang) string { return FlagsWords(backup, l) }, words{
		"风险提示:存在隐性收费;坐席扩容倍数低于高峰倍数。",
		"Red flags: hidden fees found; seat expansion below the required peak multiple."})
	checkWords(t, "no flags", func(l Lang) string { return FlagsWords(best, l) }, words{"", ""})
	checkWords(t, "finding", func(l Lang) string { return FindingWords(out.Knockouts[1], l) }, words{
		"不签订保密协议(A3 数据安全)", "refuses to sign an NDA (A3 Data security)"})
	checkWords(t, "knockout", func(l Lang) string { return KnockoutWords(out.Knockouts[1], l) }, words{
		"一票否决:不签订保密协议", "Knockout: refuses to sign an NDA"})
	checkWords(t, "red flag", func(l Lang) string { return FlagWords(backup.Flags[0], l) }, words{"风险提示:存在隐性收费", "Red flag: hidden fees found"})
	checkWords(t, "up to", func(l Lang) string { return UpToWords(80.9, l) }, words{"最高 80.9", "up to 80.9"})

	// A sentence said inside another starts a line of its own with a capital.
	checkWords(t, "a line of its own", func(l Lang) string { return Capitalized(ProvisionalWords(backup, l)) }, words{
		"暂定:2 个问题未回答,最高可达 81 分", "Provisional: 2 questions unanswered, up to 81"})
	checkWords(t, "sentences", func(l Lang) string { return Sentences(l, "76 / 100.", "", "Weakest: B.") }, words{
		"76 / 100.Weakest: B.", "76 / 100. Weakest: B."})
}

// The weakest dimension is the smallest share of its weighted points; a tie names
// both, and a dimension without weight is never the weakest.
func TestWeakestWords(t *testing.T) {
	reject := card(Reject, 54, 54, 46, 46, 13, 15, 12, 14)
	checkWords(t, "weakest", func(l Lang) string { return WeakestWords(reject, l) }, words{
		"最弱项:服务能力匹配度 15/35。", "Weakest: Service capability fit 15/35."})

	tie := card(Reject, 50, 50, 46, 46, 10, 17.5, 20, 10)
	checkWords(t, "a tie", func(l Lang) string { return WeakestWords(tie, l) }, words{
		"最弱项:资质与合规性 10/20、服务能力匹配度 17.5/35、合作细节与风险控制 10/20。",
		"Weakest: Qualification & compliance 10/20, Service capability fit 17.5/35, Cooperation & risk control 10/20."})

	unweighted := reject
	unweighted.Dimensions = append([]DimensionScore(nil), reject.Dimensions...)
	unweighted.Dimensions[1].Weight, unweighted.Dimensions[1].Points = 0, 0
	if got := unweighted.Weakest(); len(got) != 1 || got[0] != 2 {
		t.Errorf("weakest without B's weight = %v, want [2] (C, 12/25)", got)
	}
	if got := WeakestWords(Scorecard{}, EN); got != "" {
		t.Errorf("weakest of no dimensions = %q, want nothing", got)
	}
}

func TestItemWords(t *testing.T) {
	open := ItemScore{ID: "A3", Points: 2, Max: 6, Potential: 6, Answered: 1, Questions: 4,
		Why: []Text{{"签订保密协议 → 2", "Signs an NDA → 2"}, {"数据加密:未知 → 0", "encryption: unknown → 0"}}}
	checkWords(t, "open item", func(l Lang) string { return ItemPointsWords(Scorecard{}, open, l) }, words{"2/6(最高 6)", "2/6 (up to 6)"})
	checkWords(t, "reasons", func(l Lang) string { return ReasonWords(open, l) }, words{
		"签订保密协议 → 2;数据加密:未知 → 0", "Signs an NDA → 2; encryption: unknown → 0"})
	// An answered item, or one whose open questions cannot add a point, says no range.
	done := open
	done.Answered = done.Questions
	checkWords(t, "answered item", func(l Lang) string { return ItemPointsWords(Scorecard{}, done, l) }, words{"2/6", "2/6"})
	stuck := open
	stuck.Potential = stuck.Points
	checkWords(t, "item at its best", func(l Lang) string { return ItemPointsWords(Scorecard{}, stuck, l) }, words{"2/6", "2/6"})
}

func TestWeightedWords(t *testing.T) {
	ds := DimensionScore{ID: "B", Raw: 15, Max: 35, Weight: 50, Points: 21.4}
	checkWords(t, "weighted", func(l Lang) string { return WeightedWords(ds, l) }, words{"加权后 21.4/50", "weighted 21.4 of 50"})
	ds.Weight, ds.Points = 35, 15
	checkWords(t, "at its maximum", func(l Lang) string { return WeightedWords(ds, l) }, words{"", ""})
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
