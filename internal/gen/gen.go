// Package gen makes large, realistic and reproducible vendorvet data for benchmarks
// and for measuring the program: sessions with Chinese and English names, vendors of
// varied quality answering as a real interview would, as plain rubric values
// (package gendb writes them into databases).
// The same seed always gives the same data.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"

	"vendorvet/rubric"
)

// Version changes whenever the data made from a seed changes, so that cached
// databases built by an older generator are not reused.
const Version = 3

// Rand returns the generator's random source for seed.
func Rand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

var (
	cities   = []string{"杭州", "成都", "苏州", "合肥", "西安", "武汉", "大连", "南京", "长沙", "郑州", "深圳", "济南"}
	citiesEN = []string{"Hangzhou", "Chengdu", "Suzhou", "Hefei", "Xi'an", "Wuhan", "Dalian", "Nanjing", "Changsha", "Zhengzhou", "Shenzhen", "Jinan"}
	brands   = []string{"澄言", "蓉和", "云帆", "声海", "知行", "远景", "启明", "海纳", "星河", "青禾", "博远", "安信", "汇通", "晨曦", "锦程", "易达"}
	brandsEN = []string{"Chengyan", "Ronghe", "Yunfan", "Shenghai", "Zhixing", "Yuanjing", "Qiming", "Haina", "Xinghe", "Qinghe", "Boyuan", "Anxin", "Huitong", "Chenxi", "Jincheng", "Yida"}
	suffixes = []string{"客服科技有限公司", "呼叫服务有限公司", "信息技术有限公司", "外包服务有限公司", "数字服务有限公司"}
	suffixEN = []string{"CX Technology Co., Ltd.", "Contact Services Co., Ltd.", "Information Technology Co., Ltd.", "Outsourcing Services Ltd.", "Digital Services Co., Ltd."}
	clients  = []string{"服饰", "美妆", "家电", "母婴", "食品", "证券", "保险", "口腔医院", "在线教育", "手游", "物流", "SaaS"}
	clientEN = []string{"Apparel", "Cosmetics", "Home Appliances", "Baby Care", "Foods", "Securities", "Insurance", "Dental Clinics", "Online Learning", "Mobile Games", "Logistics", "Cloud Software"}
	people   = []string{"王敏", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"}
	peopleEN = []string{"Laura Bennett", "Tom Walker", "Mei Lin", "Daniel Ortiz", "Sara Kim", "Ravi Patel", "Anna Novak", "Chris Evans"}
	notes    = []rubric.Text{
		{ZH: "营业执照已在国家企业信用信息公示系统核验;证书在有效期内。", EN: "Licence checked in the national registry; certificates are current."},
		{ZH: "现场参观基地,约 200 个坐席;去年双 11 扩容到 5 倍。模拟咨询回答准确,语气得体。", EN: "Visited the site, about 200 seats; scaled five times for last year's Double 11. The mock consultation was accurate and polite."},
		{ZH: "三个同行业案例,已电话回访其中一家,确认大促期间接通率达标。", EN: "Three same-industry cases; one reference called and confirmed the answer rate held at peak."},
		{ZH: "承诺指标均写入合同;每低于目标 1 个百分点扣当月服务费 2%。", EN: "Every KPI goes into the contract; 2% of the monthly fee for each point below target."},
		{ZH: "按工时计费;逐项确认无培训费、系统费和设备费。合同约定数据归我方所有。", EN: "Per-hour pricing; no training, system or equipment fees. The contract gives us the data."},
		{ZH: "演示了实时数据后台,可抽查聊天记录和通话录音;日报附问题分析。", EN: "Demonstrated the dashboard with sampling of chats and recordings; daily reports include analysis."},
	}
)

// pick returns one element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// subset returns the values of opts each kept with probability p, at least one when
// atLeastOne.
func subset(r *rand.Rand, opts rubric.Options, p float64, atLeastOne bool) []string {
	out := []string{}
	for _, o := range opts {
		if r.Float64() < p {
			out = append(out, o.Value)
		}
	}
	if atLeastOne && len(out) == 0 {
		out = append(out, pick(r, opts).Value)
	}
	return out
}

// Requirements returns a company's needs as step 1 would record them.
func Requirements(r *rand.Rand) rubric.Requirements {
	req := rubric.DefaultRequirements()
	req.Channels = subset(r, rubric.ChannelOptions, 0.45, true)
	req.DailyVolume = 500 + 100*r.IntN(200)
	req.PeakMultiplier = float64(1 + r.IntN(12))
	req.PeakPeriods = subset(r, rubric.PeakPeriodOptions, 0.4, false)
	req.ServiceHours = pick(r, rubric.HoursOptions).Value
	req.Goals = subset(r, rubric.GoalOptions, 0.5, false)
	req.Industry = pick(r, rubric.IndustryOptions).Value
	if r.IntN(3) == 0 {
		req.StaffingMode = "dispatch"
	}
	req.TargetResponseS = 15 + 5*r.IntN(10)
	req.TargetFCRPct = float64(75 + r.IntN(20))
	req.TargetCSATPct = float64(85 + r.IntN(12))
	if r.IntN(3) > 0 {
		budget := float64(50000 + 10000*r.IntN(40))
		req.BudgetMonth = &budget
	}
	return req
}

// Session returns an evaluation with the given number of vendors, in Chinese or
// English, with the answers an evaluator part-way or all the way through would have.
func Session(r *rand.Rand, vendors int) rubric.Session {
	lang := rubric.ZH
	if r.IntN(10) < 3 {
		lang = rubric.EN
	}
	ci, ii := r.IntN(len(cities)), r.IntN(len(clients))
	year, n := 2020+r.IntN(7), 1+r.IntN(4)
	s := rubric.Session{
		Title:        lang.Pick(fmt.Sprintf("%d 年第 %d 季度客服外包选型", year, n), fmt.Sprintf("Customer-service outsourcing selection %d Q%d", year, n)),
		Client:       lang.Pick(cities[ci]+pick(r, brands)+clients[ii]+"有限公司", pick(r, brandsEN)+" "+clientEN[ii]+" ("+citiesEN[ci]+") Co., Ltd."),
		Evaluator:    lang.Pick(pick(r, people), pick(r, peopleEN)),
		Lang:         lang,
		Profile:      rubric.DefaultProfile,
		Requirements: Requirements(r),
	}
	if s.Requirements.Regulated() && r.IntN(2) == 0 {
		s.Profile = rubric.RegulatedProfile
	}
	// Most sessions are finished; the rest stopped part-way.
	progress := 1.0
	if r.IntN(4) == 0 {
		progress = 0.2 + 0.7*r.Float64()
	}
	names := map[string]bool{}
	for i := range vendors {
		v := Vendor(r, lang, i, progress)
		if names[v.Name] {
			// Names tell vendors apart, and the store refuses a second of one
			// name in a session; two draws can make the same one.
			v.Name = fmt.Sprintf("%s %d", v.Name, i+1)
		}
		names[v.Name] = true
		s.Vendors = append(s.Vendors, v)
	}
	return s
}

// Vendor returns the i-th vendor of a session in lang, having answered about
// progress (0..1) of the questions.
func Vendor(r *rand.Rand, lang rubric.Lang, i int, progress float64) rubric.Vendor {
	ci, bi := r.IntN(len(cities)), (i+r.IntN(len(brands)))%len(brands)
	name := cities[ci] + brands[bi] + pick(r, suffixes)
	contact := pick(r, people) + "(商务经理)"
	if lang == rubric.EN {
		name = brandsEN[bi] + " " + pick(r, suffixEN)
		contact = pick(r, peopleEN) + ", account manager"
		if r.IntN(4) == 0 {
			// Mixed-language names are common: a Chinese company's English brand.
			name = brandsEN[bi] + " " + cities[ci] + pick(r, suffixes)
		}
	}
	if i >= len(brands) {
		// Long shortlists repeat brands: the number keeps names apart.
		name = fmt.Sprintf("%s %d", name, i+1)
	}
	v := rubric.Vendor{Name: name, Contact: contact, Answers: rubric.Answers{}, Notes: map[int]string{}}
	quality := r.Float64()
	for _, q := range rubric.Questions {
		if r.Float64() >= progress*0.97 {
			continue
		}
		if val, ok := Answer(r, q, quality); ok {
			v.Answers[q.ID] = val
		}
	}
	for step := 2; step <= 7; step++ {
		if r.Float64() < progress*0.6 {
			v.Notes[step] = pick(r, notes).In(lang)
		}
	}
	return v
}

// Answer returns a plausible answer to q from a vendor of the given quality (0..1):
// good vendors say yes more often and commit to better numbers. ok is false for a
// question left unknown.
func Answer(r *rand.Rand, q rubric.Question, quality float64) (rubric.Value, bool) {
	switch q.Kind {
	case rubric.KindTri:
		if r.Float64() < 0.5+0.48*quality {
			return rubric.Value{Tri: rubric.Yes}, true
		}
		return rubric.Value{Tri: rubric.No}, true
	case rubric.KindChoice:
		return rubric.Value{Str: pick(r, q.Options).Value}, true
	case rubric.KindSet:
		if q.Detail {
			// Hidden fees found: fewer at better vendors, often none.
			return rubric.Value{Set: subset(r, q.Options, 0.3*(1-quality), false)}, true
		}
		return rubric.Value{Set: subset(r, q.Options, 0.3+0.6*quality, true)}, true
	}
	lo, hi, step := numberRange(q)
	// Better vendors land nearer the good end of the range, with some noise.
	f := lo + (hi-lo)*math.Min(1, math.Max(0, quality+0.3*(r.Float64()-0.5)))
	f = math.Round(f/step) * step
	if q.Integer {
		f = math.Round(f)
	}
	f = math.Min(q.Max, math.Max(q.Min, f))
	// Rounding to the step can leave binary noise; one decimal is what people type.
	return rubric.Value{Num: math.Round(f*10) / 10}, true
}

// numberRange is where real answers to a number question fall, from the bad end to
// the good end, and the step people round to.
func numberRange(q rubric.Question) (bad, good, step float64) {
	switch q.ID {
	case "seat_multiple":
		return 2, 15, 1
	case "prep_days":
		return 60, 7, 1
	case "training_hours":
		return 24, 200, 8
	case "mock_rating":
		return 1, 5, 1
	case "attrition_pct":
		return 60, 12, 1
	case "same_industry_cases":
		return 0, 12, 1
	case "response_s":
		return 60, 10, 5
	case "fcr_pct":
		return 70, 95, 1
	case "answer_pct":
		return 95, 99.9, 0.1
	case "csat_pct":
		return 80, 98, 1
	case "bad_review_pct":
		return 5, 0.5, 0.5
	case "price_month":
		return 400000, 60000, 1000
	case "feedback_hours":
		return 24, 1, 1
	case "urgent_response_s":
		return 180, 20, 10
	case "resolution_h":
		return 72, 4, 1
	case "qa_pass_pct":
		return 85, 99, 1
	case "conversion_pct":
		return 15, 50, 1
	case "payment_days":
		return 90, 15, 15
	}
	return q.Min, math.Min(q.Max, q.Min+100), 1
}
