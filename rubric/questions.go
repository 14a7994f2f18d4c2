package rubric

import (
	"slices"

	"vendorvet/staffing"
)

// Kind is the shape of an answer.
type Kind int

const (
	// KindTri is yes / no / unknown.
	KindTri Kind = iota
	// KindNumber is a number that may be unknown.
	KindNumber
	// KindChoice is one option that may be unknown.
	KindChoice
	// KindSet is a set of options; unknown while empty (except where noted).
	KindSet
	// KindText is free text: only requirements have it.
	KindText
)

// Question is one thing the evaluator asks or checks in steps 2–7.
type Question struct {
	ID    string
	Step  int    // 2..7
	Item  string // the rubric item it feeds; "" when it is shown but not scored
	Kind  Kind
	Label Text
	// Help says what counts as "yes" or what the number means.
	Help    Text
	Options Options // KindChoice and KindSet
	// Min and Max bound a number; Integer rejects fractions.
	Min, Max float64
	Integer  bool
	// Measure is what a number counts, and so the units it may be typed in; Unit
	// is its unit as shown.
	Measure *Measure
	Unit    Text
	// Detail marks a question that refines another one (hidden_fees refines
	// hidden_fees_reviewed): it is never counted as unanswered on its own.
	Detail bool
	// Or names another question whose answer settles this one as well: the seats
	// a vendor commits at peak answer how far it expands.
	Or string
	// Models are the billing models a price is part of: it is asked for when the
	// vendor offers one of them.
	Models []string
}

// Unused reports whether q is a price no billing model the vendor offers needs,
// and it gave none: there is nothing to show.
func (q Question) Unused(a Answers) bool {
	if len(q.Models) == 0 || a.Known(q) {
		return false
	}
	offered, _ := a.Set("billing_models")
	for _, m := range q.Models {
		if slices.Contains(offered, m) {
			return false
		}
	}
	return true
}

// Step is one of the seven steps of the evaluation.
type Step struct {
	N    int
	Name Text
}

// Steps are the seven steps of the source article, in order.
var Steps = []Step{
	{1, Text{"明确核心需求", "Requirements"}},
	{2, Text{"核查资质合规", "Licences & data security"}},
	{3, Text{"考察服务团队", "Service team"}},
	{4, Text{"调研服务案例", "Reference cases"}},
	{5, Text{"明确服务标准", "Service levels (SLA)"}},
	{6, Text{"细审合同条款", "Contract terms"}},
	{7, Text{"搭建监控体系", "Monitoring"}},
}

// StepName returns the name of step n.
func StepName(n int, lang Lang) string {
	for _, s := range Steps {
		if s.N == n {
			return s.Name.In(lang)
		}
	}
	return ""
}

func tri(id string, step int, item, zh, en, helpZH, helpEN string) Question {
	return Question{ID: id, Step: step, Item: item, Kind: KindTri, Label: Text{zh, en}, Help: Text{helpZH, helpEN}}
}

func num(id string, step int, item, zh, en string, min, max float64, integer bool, m *Measure) Question {
	return Question{ID: id, Step: step, Item: item, Kind: KindNumber, Label: Text{zh, en},
		Min: min, Max: max, Integer: integer, Measure: m, Unit: m.Unit}
}

// priced makes q a price of the billing models named.
func priced(q Question, models ...string) Question {
	q.Models = models
	return q
}

// detail marks q a detail of its item: scored, but never counted as unanswered.
func detail(q Question) Question {
	q.Detail = true
	return q
}

// or lets the answer to other settle q too.
func or(q Question, other string) Question {
	q.Or = other
	return q
}

// helped gives q its help.
func helped(q Question, zh, en string) Question {
	q.Help = Text{zh, en}
	return q
}

// Questions lists every question of steps 2–7 in the order the wizard asks them.
var Questions = []Question{
	// Step 2 — licences, certifications, data security, industry compliance.
	tri("business_license", 2, "A1", "营业执照", "Business licence", "已核验原件或国家企业信用信息公示系统", "verified against the original or the public registry"),
	tri("dispatch_permit", 2, "A1", "劳务派遣许可证", "Labour-dispatch permit", "人员外包(劳务派遣)模式下必需", "required for staff dispatch"),
	tri("telecom_license", 2, "A1", "增值电信业务经营许可证", "Value-added telecom licence", "涉及电话热线(呼叫中心)时必需", "required when a phone hotline is in scope"),
	tri("iso9001", 2, "A2", "ISO 9001 质量管理体系认证", "ISO 9001 certified", "", ""),
	tri("iso27001", 2, "A2", "ISO 27001 信息安全管理体系认证", "ISO 27001 certified", "", ""),
	tri("nda", 2, "A3", "签订保密协议(NDA)", "Signs an NDA", "不接受保密协议即一票否决", "refusing an NDA disqualifies"),
	tri("encryption", 2, "A3", "独立服务器与数据加密(存储和传输)", "Independent servers, encryption at rest and in transit", "", ""),
	tri("leak_plan", 2, "A3", "数据泄露应急预案", "Data-leak incident response plan", "", ""),
	tri("mlps", 2, "A3", "等保二级及以上认证", "MLPS (等保) level 2 or higher", "", ""),
	tri("industry_filing", 2, "A4", "行业合规备案", "Industry compliance filing", "金融、医疗等强监管行业必需", "required in finance and healthcare"),

	// Step 3 — the team: elasticity, professionalism, service mode.
	or(helped(num("seat_multiple", 3, "B2", "坐席扩容倍数", "Seat-expansion multiple", 0, 100, false, Multiple),
		"高峰坐席 ÷ 日常坐席;给出高峰坐席数时按坐席数计分", "peak seats ÷ normal seats; scored on seats when the peak seats are given"), "seats_peak"),
	detail(helped(num("seats_normal", 3, "B2", "日常承诺坐席数", "Seats committed, normal", 0, staffing.MaxAgents, true, Agents),
		"为我方账户同时在线的坐席数", "agents on our account at once")),
	detail(helped(num("seats_peak", 3, "B2", "高峰承诺坐席数", "Seats committed at peak", 0, staffing.MaxAgents, true, Agents),
		"大促期间为我方同时在线的坐席数,与所需坐席对比", "agents on our account at once during a promotion, compared with the agents needed")),
	{ID: "hours", Step: 3, Item: "B2", Kind: KindChoice, Label: Text{"服务商可提供的服务时长", "Vendor's service hours"}, Options: HoursOptions},
	num("prep_days", 3, "B2", "大促筹备周期", "Peak preparation lead time", 0, 365, true, Days),
	tri("recruitment_bar", 3, "B3", "明确的招聘门槛", "A stated hiring bar", "如学历、从业经验、笔试或面试", "e.g. education, experience, a written test or interview"),
	num("training_hours", 3, "B3", "岗前培训课时", "Onboarding training", 0, 2000, true, ClassHours),
	{ID: "training_topics", Step: 3, Item: "B3", Kind: KindSet, Label: Text{"岗前培训内容", "Onboarding training covers"}, Options: TrainingTopicOptions,
		Help: Text{"产品知识、服务礼仪、合规三项齐全计分", "counted when product knowledge, service etiquette and compliance are all covered"}},
	tri("periodic_assessment", 3, "B3", "定期考核", "Periodic assessment of agents", "", ""),
	tri("role_split", 3, "B3", "售前/售后/VIP 分工", "Pre-sales / after-sales / VIP roles", "", ""),
	tri("qa_staff", 3, "B3", "配备质检人员", "QA inspectors on the team", "", ""),
	tri("trainers", 3, "B3", "配备培训师", "Trainers on the team", "", ""),
	tri("ops_manager", 3, "B3", "专属运营经理", "Dedicated operations manager", "", ""),
	helped(num("mock_rating", 3, "B3", "模拟咨询评分(1–5)", "Mock-consultation rating (1–5)", 1, 5, true, Rating),
		"1 答错或态度差 · 2 答不全、需追问 · 3 答对但生硬或偏慢 · 4 准确清晰、态度好 · 5 准确热情、首次即解决",
		"1 wrong or rude · 2 incomplete, needed prompting · 3 correct but stiff or slow · 4 accurate, clear, friendly · 5 accurate, warm, resolved on first contact"),
	num("attrition_pct", 3, "B3", "年人员流失率", "Annual agent attrition", 0, 100, false, Percent),
	tri("retention_incentives", 3, "B3", "留存激励机制", "Retention incentives", "如薪资福利、晋升通道", "e.g. pay and benefits, a promotion path"),
	{ID: "channels", Step: 3, Item: "B4", Kind: KindSet, Label: Text{"服务商覆盖的渠道", "Channels the vendor covers"}, Options: ChannelOptions},
	tri("elastic_model", 3, "B4", "固定+弹性团队模式", "Fixed + elastic staffing model", "", ""),

	// Step 4 — reference cases.
	num("same_industry_cases", 4, "B1", "同行业案例数", "Same-industry cases", 0, 100000, true, Cases),
	tri("reference_checked", 4, "B1", "已联系案例客户核实", "A reference client was contacted and confirmed", "", ""),
	tri("scale_match", 4, "B1", "有规模相近的案例", "A case of similar scale to ours", "", ""),

	// Step 5 — service levels.
	num("response_s", 5, "C1", "承诺平均响应时间", "Committed average response time", 0, 3600, false, Seconds),
	helped(num("urgent_response_s", 5, "C1", "承诺紧急咨询响应时间", "Committed response time for urgent inquiries", 0, 3600, false, Seconds),
		"紧急咨询的最长响应时间", "the longest an urgent inquiry waits"),
	num("fcr_pct", 5, "C1", "承诺一次性解决率", "Committed first-contact resolution", 0, 100, false, Percent),
	helped(num("resolution_h", 5, "C1", "承诺平均解决时长", "Committed average resolution time", 0, 720, false, Hours),
		"从用户提出问题到问题解决", "from a customer's first contact to the problem solved"),
	num("answer_pct", 5, "C1", "承诺接通率", "Committed answer rate", 0, 100, false, Percent),
	num("csat_pct", 5, "C1", "承诺满意度", "Committed CSAT", 0, 100, false, Percent),
	helped(num("bad_review_pct", 5, "C1", "承诺差评率", "Committed bad-review rate", 0, 100, false, Percent),
		"不高于差评率上限计分", "counted when at or below the bad-review ceiling"),
	helped(num("qa_pass_pct", 5, "C1", "承诺质检合格率", "Committed QA pass rate", 0, 100, false, Percent),
		"抽检会话中合格的比例", "the share of sampled conversations that pass QA"),
	helped(num("conversion_pct", 5, "C1", "承诺询单转化率", "Committed inquiry conversion rate", 0, 100, false, Percent),
		"咨询后下单的比例;电商或以用户留存转化为诉求时计分", "the share of inquiries that end in an order; counted in e-commerce or with the retention & conversion goal"),
	tri("kpis_in_contract", 5, "C2", "全部指标写入合同", "All committed KPIs written into the contract", "", ""),
	tri("penalty", 5, "C2", "未达标赔付机制", "Penalty / compensation when KPIs are missed", "", ""),
	tri("emergency_plan", 5, "C5", "应急流程(责任人/时限)", "Emergency process with owner and time limit", "大规模投诉、系统故障", "mass complaints, system outages"),

	// Step 6 — the contract.
	{ID: "billing_models", Step: 6, Item: "D1", Kind: KindSet, Label: Text{"可选计费方式", "Billing models offered"}, Options: BillingOptions},
	helped(num("price_month", 6, "", "月报价", "Quoted monthly price", 0, 1e12, false, Yuan),
		"服务商自己报的月总价;下列单价可折算为同口径成本", "the vendor's own monthly total; the prices below give a like-for-like cost"),
	priced(helped(num("price_seat_month", 6, "", "按人数:每坐席月单价", "Per agent: price per agent a month", 0, 1e9, false, Yuan),
		"元/人/月", "CNY per agent per month"), "per_seat"),
	priced(helped(num("price_per_contact", 6, "", "按咨询量:每次咨询单价", "Per volume: price per contact", 0, 1e9, false, Yuan),
		"元/次", "CNY per contact"), "per_volume"),
	priced(helped(num("price_per_hour", 6, "", "按工时:每工时单价", "Per hour: price per agent hour", 0, 1e9, false, Yuan),
		"元/小时,按坐席在线工时计", "CNY per hour an agent is logged in"), "per_hour"),
	priced(helped(num("price_fixed_month", 6, "", "固定+浮动:固定月费", "Fixed + variable: fixed fee a month", 0, 1e12, false, Yuan),
		"元/月", "CNY a month"), "fixed_plus_variable"),
	priced(helped(num("price_variable_contact", 6, "", "固定+浮动:每次咨询浮动单价", "Fixed + variable: price per contact", 0, 1e9, false, Yuan),
		"元/次", "CNY per contact"), "fixed_plus_variable"),
	priced(helped(num("price_promo_package", 6, "", "大促专项套餐:每次大促价格", "Promotion package: price per promotion", 0, 1e12, false, Yuan),
		"承接一次大促高峰超出日常的部分", "covers one promotion's volume above normal"), "promo_package"),
	helped(num("hidden_fees_month", 6, "", "隐性收费:每月合计", "Hidden fees a month", 0, 1e12, false, Yuan),
		"系统费、设备费、加班费等报价外的月费用", "system, equipment, overtime and other fees outside the quote, a month"),
	helped(num("one_off_fees", 6, "", "一次性费用", "One-off fees", 0, 1e12, false, Yuan),
		"如培训费、上线费", "such as training and set-up fees"),
	helped(num("payment_days", 6, "D1", "付款周期", "Payment cycle", 0, 365, true, Days),
		"合同约定的付款周期,如月结 30 天", "as the contract sets it, e.g. 30 days, monthly"),
	{ID: "invoice_type", Step: 6, Item: "D1", Kind: KindChoice, Label: Text{"发票类型", "Invoice type"}, Options: InvoiceOptions,
		Help: Text{"专用发票可抵扣进项税", "a special invoice lets the client deduct input VAT"}},
	tri("hidden_fees_reviewed", 6, "D1", "已核查隐性收费", "Hidden fees reviewed", "逐项核查培训费、系统费、设备费、加班费", "training, system, equipment and overtime fees checked one by one"),
	{ID: "hidden_fees", Step: 6, Item: "D1", Kind: KindSet, Label: Text{"发现的隐性收费", "Hidden fees found"}, Options: HiddenFeeOptions, Detail: true},
	tri("termination", 6, "D2", "期限、终止条件与通知期", "Term, termination conditions and notice period", "", ""),
	tri("breach_liability", 6, "D2", "双方违约责任", "Breach liability for both sides", "", ""),
	tri("data_ownership", 6, "D2", "客户数据归属企业", "The client owns all customer data", "不归属企业即一票否决", "otherwise disqualified"),
	tri("data_handover", 6, "D2", "解约数据交接与销毁", "Data handover and deletion at exit", "", ""),
	tri("dispute_resolution", 6, "D2", "争议解决方式与管辖地", "Dispute resolution and venue", "", ""),
	tri("trial", 6, "D4", "提供1–2个月试运营", "Offers a 1–2 month trial", "", ""),

	// Step 7 — monitoring.
	tri("dashboard", 7, "C3", "实时数据后台", "Real-time dashboard for the client", "", ""),
	tri("raw_access", 7, "C3", "可抽查聊天记录/录音", "Client can sample chat logs and recordings", "", ""),
	{ID: "report_cadence", Step: 7, Item: "C4", Kind: KindSet, Label: Text{"定期报告", "Regular reports"}, Options: ReportCadences},
	tri("report_analysis", 7, "C4", "报告含问题分析与优化方案", "Reports include analysis and improvement plans", "", ""),
	tri("account_manager", 7, "D3", "专属对接人", "Dedicated account manager", "", ""),
	num("feedback_hours", 7, "D3", "问题反馈时限", "Incident feedback within", 0, 720, false, Hours),
}

var questionIndex = func() map[string]int {
	m := make(map[string]int, len(Questions))
	for i, q := range Questions {
		m[q.ID] = i
	}
	return m
}()

// QuestionByID finds a question by its id.
func QuestionByID(id string) (Question, bool) {
	i, ok := questionIndex[id]
	if !ok {
		return Question{}, false
	}
	return Questions[i], true
}

// stepIndex holds the positions in Questions of each step's questions.
var stepIndex = func() map[int][]int {
	m := map[int][]int{}
	for i, q := range Questions {
		m[q.Step] = append(m[q.Step], i)
	}
	return m
}()

// StepQuestions returns the questions of step n, in order, in a slice of its own.
// The slice is made at its final size: growing it question by question was a tenth
// of the time of a report.
func StepQuestions(n int) []Question {
	idx := stepIndex[n]
	if len(idx) == 0 {
		return nil
	}
	qs := make([]Question, len(idx))
	for i, j := range idx {
		qs[i] = Questions[j]
	}
	return qs
}

// StepProgress counts the questions of step n that apply to requirements r, and how
// many of them answers answer.
func StepProgress(n int, r Requirements, answers Answers) (answered, applicable int) {
	for _, q := range StepQuestions(n) {
		if !q.Applicable(r) {
			continue
		}
		applicable++
		if answers.Known(q) {
			answered++
		}
	}
	return answered, applicable
}

// Applicable reports whether q counts for a company with requirements r: a licence
// the company does not need, industry compliance outside regulated industries, the
// conversion rate where service does not sell, and questions that are shown but not
// scored do not count.
func (q Question) Applicable(r Requirements) bool {
	switch q.ID {
	case "dispatch_permit":
		return r.StaffingMode == "dispatch"
	case "telecom_license":
		return r.NeedsChannel("phone")
	case "industry_filing":
		return r.Regulated()
	case "conversion_pct":
		return r.ConversionCounts()
	}
	return q.Item != "" && !q.Detail
}

// Moot reports whether q is a scored question that requirements r make moot (本次不
// 适用): it is shown as not applicable, and a form passes over it.
func (q Question) Moot(r Requirements) bool {
	return q.Item != "" && !q.Detail && !q.Applicable(r)
}
