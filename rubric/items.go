package rubric

// Item is one line of the scorecard.
type Item struct {
	ID   string // "A1"
	Name Text
	Max  int
	Step int // the step whose questions feed it
}

// Dimension is one of the four parts of the scorecard.
type Dimension struct {
	ID    string // "A".."D"
	Name  Text
	Max   int
	Items []Item
}

// Dimensions is the default rubric: the dimension totals and bands are the
// articles'; the item points are ours (rubric.md §2), moved within a dimension since:
// B3 13 and B4 5, as the team's role split joined the team's other roles in B3 (the
// first article's 团队配置); C1 12, C3 4 and C4 3, as the committed KPIs, which the
// second article calls the core of C, grew from five to nine.
var Dimensions = []Dimension{
	{"A", Text{"资质与合规性", "Qualification & compliance"}, 20, []Item{
		{"A1", Text{"基础资质", "Basic licences"}, 6, 2},
		{"A2", Text{"体系认证", "Certifications"}, 6, 2},
		{"A3", Text{"数据安全", "Data security"}, 6, 2},
		{"A4", Text{"行业合规", "Industry compliance"}, 2, 2},
	}},
	{"B", Text{"服务能力匹配度", "Service capability fit"}, 35, []Item{
		{"B1", Text{"同行业案例", "Industry cases"}, 8, 4},
		{"B2", Text{"峰值弹性", "Peak elasticity"}, 9, 3},
		{"B3", Text{"客服专业度", "Agent professionalism"}, 13, 3},
		{"B4", Text{"服务模式与渠道覆盖", "Service mode & coverage"}, 5, 3},
	}},
	{"C", Text{"考核与数据能力", "KPI & data capability"}, 25, []Item{
		{"C1", Text{"承诺指标", "Committed KPIs vs targets"}, 12, 5},
		{"C2", Text{"指标写入合同", "KPIs in the contract"}, 4, 5},
		{"C3", Text{"实时监控后台", "Real-time monitoring"}, 4, 7},
		{"C4", Text{"定期报告", "Reports"}, 3, 7},
		{"C5", Text{"应急处理", "Emergency handling"}, 2, 5},
	}},
	{"D", Text{"合作细节与风险控制", "Cooperation & risk control"}, 20, []Item{
		{"D1", Text{"收费透明", "Pricing transparency"}, 6, 6},
		{"D2", Text{"合同条款", "Contract rigour"}, 8, 6},
		{"D3", Text{"售后响应", "After-sales response"}, 4, 7},
		{"D4", Text{"试运营", "Trial period"}, 2, 6},
	}},
}

// ItemByID finds an item and the index of its dimension.
func ItemByID(id string) (Item, int, bool) {
	for d, dim := range Dimensions {
		for _, it := range dim.Items {
			if it.ID == id {
				return it, d, true
			}
		}
	}
	return Item{}, -1, false
}

// Band is the verdict on a vendor.
type Band string

const (
	Excellent Band = "excellent"
	Qualified Band = "qualified"
	// Incomplete is a vendor not yet judged: questions are still open and answering
	// them could lift it into a better band than its total gives now.
	Incomplete   Band = "incomplete"
	Reject       Band = "reject"
	Disqualified Band = "disqualified"
)

// bandLabels name each band in full, as sentences and lists say it, and in short,
// as a table column says it.
var bandLabels = map[Band]struct{ full, short Text }{
	Excellent:    {Text{"优质合作方", "Excellent"}, Text{"优质", "Excellent"}},
	Qualified:    {Text{"合格备选", "Qualified — backup"}, Text{"合格", "Qualified"}},
	Incomplete:   {Text{"评估未完成", "Evaluation unfinished"}, Text{"未完成", "To finish"}},
	Reject:       {Text{"果断放弃", "Reject"}, Text{"放弃", "Reject"}},
	Disqualified: {Text{"一票否决", "Disqualified"}, Text{"否决", "Disqualif."}},
}

// Label names the band in lang.
func (b Band) Label(lang Lang) string { return bandLabels[b].full.In(lang) }

// Short names the band in a word or two, for a narrow column.
func (b Band) Short(lang Lang) string { return bandLabels[b].short.In(lang) }

// InContention reports whether a vendor of band b is still a candidate: excellent or
// qualified. Those bands are settled when they are given (see verdict), so a vendor
// in contention can only rise within its band or be knocked out by an open question.
func (b Band) InContention() bool { return b == Excellent || b == Qualified }

// BandOf applies the thresholds of the articles: ≥ 85 excellent, 70–84 qualified,
// below 70 reject; any knockout disqualifies whatever the total.
func BandOf(total float64, knockedOut bool) Band {
	switch {
	case knockedOut:
		return Disqualified
	case total >= 85:
		return Excellent
	case total >= 70:
		return Qualified
	}
	return Reject
}

// bandRank orders the bands a total can give, best last.
var bandRank = map[Band]int{Reject: 1, Qualified: 2, Excellent: 3}

// verdict is the band of a scored card: BandOf its total, except that a provisional
// card whose potential reaches a better band is incomplete. Judged by its total alone,
// a vendor not yet asked anything would read as a reject. A knockout is final
// whatever is still open, and a card whose potential stays in its band keeps it.
func (c *Scorecard) verdict() Band {
	now := BandOf(c.Total, len(c.Knockouts) > 0)
	if c.Provisional && now != Disqualified && bandRank[BandOf(c.Potential, false)] > bandRank[now] {
		return Incomplete
	}
	return now
}

// Finding is a knockout or a red flag: a stable code and the item it comes from.
type Finding struct {
	Code string
	Item string
	// Question and Day are what a finding about evidence names: the question, and
	// the day a licence or certificate is valid until.
	Question string `json:",omitempty"`
	Day      string `json:",omitempty"`
	// Note carries a finding's figures: "seats cover 62% of the 180 agents needed".
	Note Text `json:",omitzero"`
}

// findingTexts explain each knockout and red flag as a sentence.
var findingTexts = map[string]Text{
	"no_business_license":        {"无营业执照(基础资质缺一不可)", "no business licence (every required licence is a must)"},
	"no_dispatch_permit":         {"人员外包模式下无劳务派遣许可证", "no labour-dispatch permit although staff are dispatched"},
	"no_telecom_license":         {"涉及电话热线但无增值电信业务经营许可证", "no value-added telecom licence although a phone hotline is required"},
	"no_nda":                     {"不签订保密协议", "refuses to sign an NDA"},
	"no_industry_filing":         {"强监管行业但无行业合规备案", "no industry compliance filing in a regulated industry"},
	"no_data_ownership":          {"客户数据不归属企业", "the client does not own the customer data"},
	"high_attrition":             {"年人员流失率超过 50%", "annual attrition above 50%"},
	"hidden_fee":                 {"存在隐性收费", "hidden fees found"},
	"no_trial":                   {"不提供试运营", "no trial period"},
	"kpis_not_in_contract":       {"服务指标未写入合同", "KPIs are not written into the contract"},
	"hours_not_covered":          {"服务时长不满足要求", "service hours do not cover the required hours"},
	"seat_expansion_below_peak":  {"坐席扩容倍数低于高峰倍数", "seat expansion below the required peak multiple"},
	"peak_not_covered":           {"高峰承诺坐席不足", "peak seats fall short of the agents needed"},
	"normal_not_covered":         {"日常承诺坐席不足", "normal seats fall short of the agents needed"},
	"slow_response":              {"承诺响应时间超过目标的 2 倍", "committed response time worse than twice the target"},
	"regulated_without_iso27001": {"强监管行业但无 ISO 27001 认证", "regulated industry without ISO 27001"},
	"unverified":                 {"未经核实", "not verified"},
	"licence_expired":            {"资质在核查时已过期", "licence had expired when checked"},
	"licence_lapses":             {"资质在合同结束前到期", "licence expires before the contract ends"},
	"certificate_expired":        {"认证在核查时已过期", "certificate had expired when checked"},
	"certificate_lapses":         {"认证在合同结束前到期", "certificate expires before the contract ends"},
}

// FindingText explains a knockout or flag code in lang.
func FindingText(code string, lang Lang) string {
	if t, ok := findingTexts[code]; ok {
		return t.In(lang)
	}
	return code
}

// KnownFinding reports whether code is a knockout or flag code of this rubric.
func KnownFinding(code string) bool { _, ok := findingTexts[code]; return ok }
