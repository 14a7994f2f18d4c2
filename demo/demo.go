// Package demo builds a realistic sample evaluation to try the program with: a
// mid-size apparel brand selling on Tmall, JD and Douyin compares four customer-service
// outsourcing vendors of clearly different quality. Every company and person in it is
// fictional.
package demo

import (
	"maps"
	"vendorvet/rubric"
)

// Session returns the sample evaluation with its free text in lang: one excellent
// vendor, one qualified backup still missing two answers (so its score is
// provisional), one to reject, and one with a decent total that is disqualified
// because it will not give the client ownership of the customer data.
func Session(lang rubric.Lang) rubric.Session {
	in := func(t rubric.Text) string { return t.In(lang) }
	budget := 250000.0
	s := rubric.Session{
		Title:     in(rubric.Text{ZH: "2026 年客服外包服务商选型评估", EN: "Customer-service outsourcing vendor selection 2026"}),
		Client:    in(rubric.Text{ZH: "栖木服饰(杭州)有限公司", EN: "Qimu Apparel (Hangzhou) Co., Ltd."}),
		Evaluator: in(rubric.Text{ZH: "王敏", EN: "Laura Bennett"}),
		Lang:      lang,
		Profile:   rubric.DefaultProfile,
		Requirements: rubric.Requirements{
			Channels:        []string{"web", "app", "wechat", "phone", "ecommerce"},
			DailyVolume:     5000,
			PeakMultiplier:  10,
			PeakPeriods:     []string{"promotions", "holidays", "launches", "evenings"},
			ServiceHours:    "7x24",
			Goals:           []string{"cost", "quality", "disputes", "retention"},
			Industry:        "ecommerce",
			StaffingMode:    "process",
			UserProfile:     in(rubric.Text{ZH: "以 20–35 岁女性为主,咨询集中在尺码、退换货和物流,对响应速度敏感", EN: "Mostly women aged 20–35; questions are about sizes, returns and delivery, and they expect fast replies"}),
			TargetResponseS: 30,
			TargetFCRPct:    85,
			TargetAnswerPct: 99.5,
			TargetCSATPct:   90,
			BudgetMonth:     &budget,

			TargetUrgentResponseS: 60,
			TargetResolutionH:     24,
			TargetBadReviewPct:    1,
			TargetQAPassPct:       95,
			TargetConversionPct:   35,
			// The capacity plan: chat carries nine contacts in ten, three conversations
			// an agent; the evening rush puts 4 % of a day into its busiest half hour.
			// Shrinkage, occupancy, the phone's handle time and the peaks' length are
			// left at their estimates.
			PhoneSharePct:      num(10),
			ChatSharePct:       num(90),
			ChatAHTS:           num(240),
			ChatConcurrency:    num(3),
			BusiestIntervalPct: num(4),
			Notes: in(rubric.Text{
				ZH: "店铺在天猫、京东、抖音三个平台;618 和双 11 期间咨询量约为平日的 10 倍,需提前一个月完成扩容。\n电话热线只接售后投诉和 VIP 客户。",
				EN: "Shops on Tmall, JD and Douyin; at 618 and Double 11 inquiries reach about 10 times a normal day, so extra seats must be ready a month ahead.\nThe phone hotline takes after-sales complaints and VIP customers only.",
			}),
		},
	}
	for _, v := range vendors {
		notes := map[int]string{}
		for step, note := range v.notes {
			notes[step] = in(note)
		}
		s.Vendors = append(s.Vendors, rubric.Vendor{
			Name:     in(v.name),
			Contact:  in(v.contact),
			Answers:  v.answers.Clone(),
			Notes:    notes,
			Evidence: maps.Clone(v.evidence),
		})
	}
	return s
}

type sampleVendor struct {
	name, contact rubric.Text
	answers       rubric.Answers
	notes         map[int]rubric.Text
	evidence      map[string]rubric.Evidence
}

var (
	yes = rubric.Value{Tri: rubric.Yes}
	no  = rubric.Value{Tri: rubric.No}
)

func n(f float64) rubric.Value { return rubric.Value{Num: f} }

// num is an optional number of the requirements.
func num(f float64) *float64         { return &f }
func str(s string) rubric.Value      { return rubric.Value{Str: s} }
func set(s ...string) rubric.Value   { return rubric.Value{Set: append([]string{}, s...)} }
func text(zh, en string) rubric.Text { return rubric.Text{ZH: zh, EN: en} }

// seen is evidence from source on a day; until, when given, is how long a licence
// or certificate holds.
func seen(source, day, until string) rubric.Evidence {
	return rubric.Evidence{Source: source, Seen: day, ValidUntil: until}
}

var vendors = []sampleVendor{
	{
		// The preferred partner: strong everywhere, priced near the top of the budget.
		name:    text("杭州澄言客服科技有限公司", "Chengyan CX Technology (Hangzhou) Co., Ltd."),
		contact: text("陈立(大客户经理)chen.li@example.com", "Li Chen, key account manager, chen.li@example.com"),
		answers: rubric.Answers{
			"business_license": yes, "telecom_license": yes, "iso9001": yes, "iso27001": yes,
			"nda": yes, "encryption": yes, "leak_plan": yes, "mlps": no,
			"seat_multiple": n(10), "hours": str("7x24"), "prep_days": n(30),
			"training_hours": n(120), "periodic_assessment": yes, "qa_staff": yes, "trainers": yes,
			"ops_manager": yes, "mock_rating": n(4), "attrition_pct": n(32),
			"channels": set("web", "app", "wechat", "phone", "email", "ecommerce"), "elastic_model": yes, "role_split": yes,
			"same_industry_cases": n(4), "reference_checked": yes, "scale_match": no,
			"response_s": n(25), "fcr_pct": n(83), "answer_pct": n(99.5), "csat_pct": n(91), "bad_review_pct": n(1),
			"kpis_in_contract": yes, "penalty": yes, "emergency_plan": yes,
			"seats_normal": n(20), "seats_peak": n(160),
			"billing_models": set("per_hour", "per_seat"), "price_month": n(196000), "price_per_hour": n(32), "price_seat_month": n(6200), "hidden_fees_reviewed": yes, "hidden_fees": set(),
			"termination": yes, "breach_liability": yes, "data_ownership": yes, "data_handover": yes,
			"dispute_resolution": yes, "trial": yes,
			"dashboard": yes, "raw_access": yes, "report_cadence": set("daily", "weekly", "monthly"), "report_analysis": yes,
			"account_manager": yes, "feedback_hours": n(2),
			"recruitment_bar": yes, "training_topics": set("product", "etiquette", "compliance", "platform_rules"),
			"retention_incentives": yes, "urgent_response_s": n(60), "resolution_h": n(12), "qa_pass_pct": n(96),
			"conversion_pct": n(38), "payment_days": n(30), "invoice_type": str("vat_special"),
		},
		evidence: map[string]rubric.Evidence{
			"business_license": seen("registry", "2026-11-10", ""),
			"telecom_license":  seen("registry", "2026-11-10", "2029-03-31"),
			"iso9001":          seen("document", "2026-11-10", "2027-08-15"),
			"iso27001":         seen("document", "2026-11-10", "2027-05-20"),
			"nda":              seen("document", "2026-11-12", ""),
			"data_ownership":   seen("document", "2026-11-12", ""),
		},
		notes: map[int]rubric.Text{
			2: text("营业执照、增值电信业务经营许可证已在国家企业信用信息公示系统核验;ISO 9001 与 ISO 27001 证书在有效期内。等保二级测评预计今年三季度完成。",
				"Business and telecom licences checked in the national enterprise credit registry; ISO 9001 and ISO 27001 certificates are current. MLPS level-2 assessment expected in Q3."),
			3: text("现场参观杭州基地,约 300 个坐席;去年双 11 从 40 人扩到 400 人。模拟咨询(退换货场景)回答准确,语气得体,扣分点是查询物流稍慢。",
				"Visited the Hangzhou site, about 300 seats; scaled from 40 to 400 agents for last year's Double 11. Mock consultation (a return request) was accurate and polite; checking the parcel status was a little slow."),
			4: text("四个服装/美妆电商案例;电话回访了其中一家女装品牌的客服负责人,确认大促期间接通率达标。暂无与我们规模相近的案例。",
				"Four apparel and beauty e-commerce cases; called the head of service at one womenswear brand, who confirmed the answer rate held at peak. No case of our size yet."),
			5: text("承诺响应 25 秒、接通率 99.5%、满意度 91%;一次性解决率只承诺 83%,低于我们的 85%。赔付条款:每低于目标 1 个百分点扣当月服务费 2%。",
				"Commits to 25 s response, 99.5% answer rate and 91% CSAT; first-contact resolution only 83%, below our 85%. Penalty: 2% of the monthly fee for each point below target."),
			6: text("按工时计费,报价 19.6 万元/月;逐项确认无培训费、系统费、设备费和加班费。合同约定数据归我方所有,解约后 15 日内交接并销毁。同意 2 个月试运营。",
				"Per-hour pricing, quoted 196,000 CNY a month; confirmed item by item that there are no training, system, equipment or overtime fees. Contract gives us the data, handed over and deleted within 15 days of exit. Two-month trial agreed."),
			7: text("演示了实时数据后台,可抽查聊天记录和通话录音;日报/周报/月报附问题分析。专属对接人承诺 2 小时内反馈问题。",
				"Demonstrated the real-time dashboard with sampling of chats and call recordings; daily, weekly and monthly reports include analysis. The account manager commits to feedback within 2 hours."),
		},
	},
	{
		// The backup: solid but thinner at peak; two answers still to be checked.
		name:    text("成都蓉和呼叫服务有限公司", "Ronghe Contact Services (Chengdu) Co., Ltd."),
		contact: text("刘倩(商务总监)liu.qian@example.com", "Qian Liu, business director, liu.qian@example.com"),
		answers: rubric.Answers{
			"business_license": yes, "telecom_license": yes, "iso9001": yes, "iso27001": no,
			"nda": yes, "encryption": yes, "leak_plan": no, "mlps": yes,
			"seat_multiple": n(6), "hours": str("7x24"), "prep_days": n(45),
			"training_hours": n(100), "periodic_assessment": yes, "qa_staff": yes, "trainers": yes,
			"ops_manager": no, "attrition_pct": n(38),
			"channels": set("web", "wechat", "phone", "ecommerce"), "elastic_model": yes, "role_split": yes,
			"same_industry_cases": n(3), "reference_checked": yes, "scale_match": no,
			"response_s": n(30), "fcr_pct": n(80), "answer_pct": n(99), "csat_pct": n(90), "bad_review_pct": n(2),
			"kpis_in_contract": yes, "penalty": yes, "emergency_plan": yes,
			"seats_normal": n(18), "seats_peak": n(90),
			"billing_models": set("per_volume"), "price_month": n(172000), "price_per_contact": n(1.8), "hidden_fees_month": n(6000), "hidden_fees_reviewed": yes, "hidden_fees": set("overtime"),
			"termination": yes, "breach_liability": yes, "data_ownership": yes, "data_handover": yes,
			"dispute_resolution": no, "trial": yes,
			"dashboard": yes, "report_cadence": set("daily", "weekly", "monthly"), "report_analysis": yes,
			"account_manager": yes, "feedback_hours": n(4),
			"recruitment_bar": yes, "training_topics": set("product", "etiquette", "compliance"),
			"retention_incentives": no, "urgent_response_s": n(60), "resolution_h": n(24), "qa_pass_pct": n(95),
			"conversion_pct": n(33), "payment_days": n(45), "invoice_type": str("vat_special"),
		},
		evidence: map[string]rubric.Evidence{
			"business_license": seen("registry", "2026-11-11", ""),
			"telecom_license":  seen("registry", "2026-11-11", "2028-06-30"),
			"nda":              seen("document", "2026-11-13", ""),
			// Said in the meeting; the contract draft is still to come.
			"data_ownership": seen("vendor", "2026-11-13", ""),
		},
		notes: map[int]rubric.Text{
			2: text("两证齐全;有 ISO 9001,ISO 27001 仍在认证中。尚无书面的数据泄露应急预案,对方称下月补齐。",
				"Both licences held; ISO 9001 yes, ISO 27001 still in progress. No written data-leak response plan yet; promised for next month."),
			3: text("成都基地约 150 个坐席,大促最多扩到 6 倍,需提前 45 天准备。模拟咨询尚未安排,下周补做。",
				"Chengdu site with about 150 seats; can scale to 6 times at peak with 45 days' notice. Mock consultation not done yet, booked for next week."),
			4: text("三个服装电商案例,已联系其中一家核实。", "Three apparel e-commerce cases; one reference called and confirmed."),
			5: text("指标均写入合同并有赔付;接通率只承诺 99%。", "All KPIs go into the contract with penalties; answer rate committed at 99% only."),
			6: text("按咨询量计费,约 17.2 万元/月;大促期间另收加班费。合同未写明争议解决方式与管辖地。",
				"Per-volume pricing, about 172,000 CNY a month; overtime is charged on top at peak. The contract does not state dispute resolution or venue."),
			7: text("有实时后台;能否让我方直接抽查录音待确认。", "Real-time dashboard available; whether we can sample recordings ourselves is still to be confirmed."),
		},
	},
	{
		// The cheapest bid: too small for our peaks and weak on service levels.
		name:    text("合肥捷应外包服务有限公司", "Jieying Outsourcing Services (Hefei) Co., Ltd."),
		contact: text("赵磊(销售经理)zhao.lei@example.com", "Lei Zhao, sales manager, zhao.lei@example.com"),
		answers: rubric.Answers{
			"business_license": yes, "telecom_license": yes, "iso9001": yes, "iso27001": no,
			"nda": yes, "encryption": no, "leak_plan": no, "mlps": no,
			"seat_multiple": n(5), "hours": str("7x16"), "prep_days": n(20),
			"training_hours": n(60), "periodic_assessment": yes, "qa_staff": yes, "trainers": no,
			"ops_manager": no, "mock_rating": n(2), "attrition_pct": n(55),
			"channels": set("web", "wechat", "ecommerce"), "elastic_model": no, "role_split": no,
			"same_industry_cases": n(2), "reference_checked": yes, "scale_match": no,
			"response_s": n(45), "fcr_pct": n(75), "answer_pct": n(98), "csat_pct": n(85), "bad_review_pct": n(3),
			"kpis_in_contract": yes, "penalty": no, "emergency_plan": yes,
			"billing_models": set("per_hour"), "price_month": n(138000), "price_per_hour": n(26), "hidden_fees_month": n(9000), "one_off_fees": n(30000), "hidden_fees_reviewed": yes, "hidden_fees": set("training", "system"),
			"termination": yes, "breach_liability": yes, "data_ownership": yes, "data_handover": no,
			"dispute_resolution": yes, "trial": no,
			"dashboard": yes, "raw_access": no, "report_cadence": set("daily", "weekly", "monthly"), "report_analysis": no,
			"account_manager": yes, "feedback_hours": n(4),
			"recruitment_bar": no, "training_topics": set("product"),
			"retention_incentives": no, "urgent_response_s": n(120), "resolution_h": n(48), "qa_pass_pct": n(90),
			"conversion_pct": n(25), "payment_days": n(15), "invoice_type": str("vat_ordinary"),
		},
		evidence: map[string]rubric.Evidence{
			"business_license": seen("registry", "2026-11-14", ""),
			"nda":              seen("document", "2026-11-14", ""),
			"data_ownership":   seen("document", "2026-11-14", ""),
		},
		notes: map[int]rubric.Text{
			2: text("资质齐全,但聊天数据存放在公共云盘,未加密。", "Licences in order, but chat data sits on a shared cloud drive without encryption."),
			3: text("夜间 23 点后无人值守,不满足 7×24。去年人员流失率约 55%。模拟咨询中两次答错退货规则。",
				"Nobody on duty after 11 pm, so 7×24 is not covered. Attrition about 55% last year. Got the return policy wrong twice in the mock consultation."),
			4: text("两家小型电商客户,规模远小于我们。", "Two small e-commerce clients, far smaller than us."),
			5: text("承诺响应 45 秒,未达标不赔付。", "Commits to 45 s response; no compensation when targets are missed."),
			6: text("报价最低(13.8 万元/月),但另收培训费和系统使用费;不提供试运营。",
				"Lowest quote (138,000 CNY a month), but training and system fees come on top; no trial period."),
			7: text("只有月报,没有问题分析。", "Monthly report only, without analysis."),
		},
	},
	{
		// A strong operator that wants to keep the customer data: disqualified.
		name:    text("深圳衡启数智客服有限公司", "Hengqi Digital Service (Shenzhen) Co., Ltd."),
		contact: text("周航(解决方案总监)zhou.hang@example.com", "Hang Zhou, solutions director, zhou.hang@example.com"),
		answers: rubric.Answers{
			"business_license": yes, "telecom_license": yes, "iso9001": yes, "iso27001": yes,
			"nda": yes, "encryption": yes, "leak_plan": yes, "mlps": no,
			"seat_multiple": n(10), "hours": str("7x24"), "prep_days": n(25),
			"training_hours": n(80), "periodic_assessment": yes, "qa_staff": yes, "trainers": yes,
			"ops_manager": no, "mock_rating": n(3), "attrition_pct": n(40),
			"channels": set("web", "app", "wechat", "phone", "ecommerce"), "elastic_model": yes, "role_split": no,
			"same_industry_cases": n(5), "reference_checked": yes, "scale_match": yes,
			"response_s": n(20), "fcr_pct": n(85), "answer_pct": n(99.5), "csat_pct": n(88), "bad_review_pct": n(1.2),
			"kpis_in_contract": yes, "penalty": no, "emergency_plan": yes,
			"seats_normal": n(20), "seats_peak": n(200),
			"billing_models": set("promo_package", "fixed_plus_variable"), "price_month": n(185000),
			"price_fixed_month": n(60000), "price_variable_contact": n(0.9), "price_promo_package": n(150000), "hidden_fees_month": n(3000), "hidden_fees_reviewed": yes, "hidden_fees": set("system"),
			"termination": yes, "breach_liability": yes, "data_ownership": no, "data_handover": no,
			"dispute_resolution": yes, "trial": yes,
			"dashboard": yes, "raw_access": no, "report_cadence": set("daily", "weekly", "monthly"), "report_analysis": yes,
			"account_manager": yes, "feedback_hours": n(1),
			"recruitment_bar": yes, "training_topics": set("product", "etiquette", "compliance", "platform_rules", "sales"),
			"retention_incentives": yes, "urgent_response_s": n(45), "resolution_h": n(8), "qa_pass_pct": n(97),
			"conversion_pct": n(40), "payment_days": n(30), "invoice_type": str("vat_special"),
		},
		evidence: map[string]rubric.Evidence{
			"business_license": seen("registry", "2026-11-15", ""),
			"telecom_license":  seen("registry", "2026-11-15", "2027-12-31"),
			"nda":              seen("document", "2026-11-15", ""),
		},
		notes: map[int]rubric.Text{
			2: text("资质与认证齐全,同意签署保密协议。", "Licences and certifications complete; will sign the NDA."),
			3: text("深圳、长沙两个基地,大促可扩 10 倍。", "Two sites (Shenzhen and Changsha); can scale 10 times at peak."),
			4: text("五个服装电商案例,其中一家规模与我们相当,已电话核实。", "Five apparel e-commerce cases, one of our size, confirmed by phone."),
			5: text("指标写入合同,但拒绝赔付条款。", "KPIs go into the contract, but no penalty clause."),
			6: text("合同草案第 9.3 条:会话数据归其智能客服平台所有,解约后不交接、仅提供脱敏统计报表。法务意见:不可接受。",
				"Draft contract clause 9.3: conversation data belongs to their AI service platform; at exit only anonymised statistics are handed over. Legal's view: not acceptable."),
			7: text("后台功能完善,但不开放原始录音抽查;1 小时内反馈问题。", "A full dashboard, but no sampling of raw recordings; feedback within 1 hour."),
		},
	},
}
