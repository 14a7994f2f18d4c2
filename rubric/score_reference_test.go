package rubric

// referenceScore is Score as it was before it was made cheaper (formatted reasons
// per call, the best case scored on a clone of the answers), kept word for word with
// its helpers renamed, so that TestScoreMatchesReference can show the faster Score
// gives the same scorecards.

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// referenceScore scores a vendor's answers against the company's requirements under profile.
// It never fails: unknown answers score 0, and out-of-range values are clamped by the
// rules themselves.
func referenceScore(req Requirements, ans Answers, profile Profile) Scorecard {
	if ans == nil {
		ans = Answers{}
	}
	now := refRawScore(req, ans, true)
	// Only the points of the best case are kept, not its reasons.
	best := refRawScore(req, refBestCase(req, ans), false)

	card := Scorecard{Profile: profile, Items: now.items, Knockouts: now.knockouts, Flags: now.flags}
	for i := range card.Items {
		card.Items[i].Potential = best.items[i].Points
	}
	for _, q := range Questions {
		if !q.Applicable(req) {
			continue
		}
		card.Applicable++
		if ans.Known(q) {
			card.Answered++
		}
		for i := range card.Items {
			if card.Items[i].ID == q.Item {
				card.Items[i].Questions++
				if ans.Known(q) {
					card.Items[i].Answered++
				}
			}
		}
	}
	var total, potential int // tenths of a point, so that the total is exactly the sum
	for d, dim := range Dimensions {
		ds := DimensionScore{ID: dim.ID, Max: dim.Max, Weight: profile.Weights[d]}
		for _, it := range card.Items {
			if it.ID[:1] == dim.ID {
				ds.Raw += it.Points
				ds.PotentialRaw += it.Potential
			}
		}
		nowT, bestT := refWeightedTenths(ds.Raw, dim.Max, ds.Weight), refWeightedTenths(ds.PotentialRaw, dim.Max, ds.Weight)
		ds.Points, ds.Potential = float64(nowT)/10, float64(bestT)/10
		total += nowT
		potential += bestT
		card.Dimensions = append(card.Dimensions, ds)
	}
	card.Total, card.Potential = float64(total)/10, float64(potential)/10
	// Codes in a stable order, whatever order the rules ran in.
	refSortFindings(card.Knockouts)
	refSortFindings(card.Flags)
	card.Band = BandOf(card.Total, len(card.Knockouts) > 0)
	card.Provisional = card.Answered < card.Applicable
	return card
}

func refSortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return strings.Compare(a.Code, b.Code) })
}

// refItemCount is the number of items of the rubric, so that a scorecard's list of items
// is made once at its size.
var refItemCount = func() int {
	n := 0
	for _, d := range Dimensions {
		n += len(d.Items)
	}
	return n
}()

func refWeightedTenths(raw, max int, weight float64) int {
	return int(math.Round(float64(raw) * weight * 10 / float64(max)))
}

// refBestNumbers are the values that earn every point a number can earn.
var refBestNumbers = map[string]float64{
	"seat_multiple": 100, "prep_days": 0, "training_hours": 2000, "mock_rating": 5,
	"attrition_pct": 0, "same_industry_cases": 100000, "response_s": 0, "fcr_pct": 100,
	"answer_pct": 100, "csat_pct": 100, "bad_review_pct": 0, "feedback_hours": 0,
}

// refBestCase fills every unanswered applicable question with its best answer.
func refBestCase(req Requirements, ans Answers) Answers {
	best := ans.Clone()
	for _, q := range Questions {
		if ans.Known(q) || q.Item == "" {
			continue
		}
		switch q.Kind {
		case KindTri:
			best[q.ID] = Value{Tri: Yes}
		case KindNumber:
			best[q.ID] = Value{Num: refBestNumbers[q.ID]}
		case KindChoice:
			best[q.ID] = Value{Str: q.Options[len(q.Options)-1].Value}
		case KindSet:
			if q.ID == "channels" {
				set := slices.Clone(req.Channels)
				// With no channel required yet, any stated channel earns full coverage;
				// an empty list would score as unknown and understate the potential.
				if len(set) == 0 {
					set = []string{ChannelOptions[0].Value}
				}
				best[q.ID] = Value{Set: set}
			}
		}
	}
	// An unreviewed fee list at its best has no hidden fees in it.
	if ans.Tri("hidden_fees_reviewed") != Yes {
		best["hidden_fees"] = Value{Set: []string{}}
	}
	return best
}

type refRaw struct {
	items     []ItemScore
	knockouts []Finding
	flags     []Finding
}

// refScoring carries one pass over the rules.
type refScoring struct {
	req Requirements
	ans Answers
	refRaw
	cur *ItemScore
	// reasons is false when the reasons would be thrown away.
	reasons bool
}

func (s *refScoring) item(id string) {
	it, _, _ := ItemByID(id)
	s.items = append(s.items, ItemScore{ID: id, Max: it.Max, Applicable: true})
	s.cur = &s.items[len(s.items)-1]
}

// add gives points with a reason. The reasons are joined by hand: formatting them
// was a fifth of the time of a score.
func (s *refScoring) add(points int, zh, en string) {
	s.cur.Points += points
	if !s.reasons {
		return
	}
	p := strconv.Itoa(points)
	s.cur.Why = append(s.cur.Why, Text{zh + " → " + p, en + " → " + p})
}

func (s *refScoring) knockout(code string) {
	s.knockouts = append(s.knockouts, Finding{code, s.cur.ID})
}
func (s *refScoring) flag(code string) { s.flags = append(s.flags, Finding{code, s.cur.ID}) }

func (s *refScoring) yes(id string) bool { return s.ans.Tri(id) == Yes }

// triPoints gives points for a yes and explains a no or an unknown.
func (s *refScoring) triPoints(id string, points int) {
	q, _ := QuestionByID(id)
	switch s.ans.Tri(id) {
	case Yes:
		s.add(points, q.Label.ZH, q.Label.EN)
	case No:
		s.add(0, q.Label.ZH+":否", q.Label.EN+": no")
	default:
		s.add(0, q.Label.ZH+":未知", q.Label.EN+": unknown")
	}
}

func refRawScore(req Requirements, ans Answers, reasons bool) refRaw {
	s := &refScoring{req: req, ans: ans, reasons: reasons}
	s.items = make([]ItemScore, 0, refItemCount)
	s.licences()
	s.item("A2")
	s.triPoints("iso9001", 3)
	s.triPoints("iso27001", 3)
	s.item("A3")
	s.triPoints("nda", 2)
	if ans.Tri("nda") == No {
		s.knockout("no_nda")
	}
	s.triPoints("encryption", 2)
	s.triPoints("leak_plan", 1)
	s.triPoints("mlps", 1)
	s.industryCompliance()
	s.cases()
	s.elasticity()
	s.professionalism()
	s.coverage()
	s.kpis()
	s.item("C2")
	s.triPoints("kpis_in_contract", 2)
	if ans.Tri("kpis_in_contract") == No {
		s.flag("kpis_not_in_contract")
	}
	s.triPoints("penalty", 2)
	s.item("C3")
	s.triPoints("dashboard", 3)
	s.triPoints("raw_access", 2)
	s.item("C4")
	s.triPoints("reports", 2)
	s.triPoints("report_analysis", 2)
	s.item("C5")
	s.triPoints("emergency_plan", 2)
	s.pricing()
	s.item("D2")
	s.triPoints("termination", 2)
	s.triPoints("breach_liability", 2)
	s.triPoints("data_ownership", 2)
	if ans.Tri("data_ownership") == No {
		s.knockout("no_data_ownership")
	}
	s.triPoints("data_handover", 1)
	s.triPoints("dispute_resolution", 1)
	s.afterSales()
	s.item("D4")
	s.triPoints("trial", 2)
	if ans.Tri("trial") == No {
		s.flag("no_trial")
	}
	s.redFlagsOfRequirements()
	return s.refRaw
}

// A1: 6 × held ÷ required; a required licence answered "no" disqualifies.
func (s *refScoring) licences() {
	s.item("A1")
	required := []struct{ id, code string }{{"business_license", "no_business_license"}}
	if s.req.StaffingMode == "dispatch" {
		required = append(required, struct{ id, code string }{"dispatch_permit", "no_dispatch_permit"})
	}
	if s.req.NeedsChannel("phone") {
		required = append(required, struct{ id, code string }{"telecom_license", "no_telecom_license"})
	}
	held := 0
	for _, r := range required {
		switch s.ans.Tri(r.id) {
		case Yes:
			held++
		case No:
			s.knockout(r.code)
		}
	}
	s.add(6*held/len(required), fmt.Sprintf("所需资质 %d/%d 项", held, len(required)),
		fmt.Sprintf("%d of %d required licences held", held, len(required)))
}

// A4: only regulated industries need a compliance filing; elsewhere full points.
func (s *refScoring) industryCompliance() {
	s.item("A4")
	if !s.req.Regulated() {
		s.cur.Applicable = false
		s.add(2, "非强监管行业,不适用", "not a regulated industry: not applicable")
		return
	}
	s.triPoints("industry_filing", 2)
	if s.ans.Tri("industry_filing") == No {
		s.knockout("no_industry_filing")
	}
}

// B1: same-industry cases, a confirmed reference, a case of similar scale.
func (s *refScoring) cases() {
	s.item("B1")
	if n, ok := s.ans.Num("same_industry_cases"); ok {
		p := 0
		switch {
		case n >= 3:
			p = 5
		case n >= 1:
			p = 3
		}
		s.add(p, fmt.Sprintf("同行业案例 %s 个", FormatNumber(n)), fmt.Sprintf("%s same-industry cases", FormatNumber(n)))
	} else {
		s.add(0, "同行业案例数:未知", "same-industry cases: unknown")
	}
	s.triPoints("reference_checked", 2)
	s.triPoints("scale_match", 1)
}

// B2: seat expansion against the peak multiple, hours, preparation lead time.
func (s *refScoring) elasticity() {
	s.item("B2")
	peak := s.req.PeakMultiplier
	if m, ok := s.ans.Num("seat_multiple"); ok {
		p := 0
		switch {
		case m >= peak:
			p = 5
		case m >= peak/2:
			p = 2
		}
		if m < peak {
			s.flag("seat_expansion_below_peak")
		}
		s.add(p, fmt.Sprintf("扩容 %s 倍,高峰需 %s 倍", FormatNumber(m), FormatNumber(peak)),
			fmt.Sprintf("expands %s×, peak needs %s×", FormatNumber(m), FormatNumber(peak)))
	} else {
		s.add(0, "坐席扩容倍数:未知", "seat expansion: unknown")
	}
	if h, ok := s.ans.Str("hours"); ok {
		hv, hr := HoursOptions.Label(h, EN), HoursOptions.Label(s.req.ServiceHours, EN)
		if Covers(h, s.req.ServiceHours) {
			s.add(3, fmt.Sprintf("服务时长 %s 满足 %s", hv, hr), fmt.Sprintf("hours %s cover %s", hv, hr))
		} else {
			s.flag("hours_not_covered")
			s.add(0, fmt.Sprintf("服务时长 %s 不满足 %s", hv, hr), fmt.Sprintf("hours %s do not cover %s", hv, hr))
		}
	} else {
		s.add(0, "服务时长:未知", "service hours: unknown")
	}
	if d, ok := s.ans.Num("prep_days"); ok {
		p := 0
		if d <= 30 {
			p = 1
		}
		s.add(p, fmt.Sprintf("大促筹备 %s 天", FormatNumber(d)), fmt.Sprintf("peak preparation %s days", FormatNumber(d)))
	} else {
		s.add(0, "大促筹备周期:未知", "peak preparation: unknown")
	}
}

// B3: training, assessment, support roles, the mock consultation, attrition.
func (s *refScoring) professionalism() {
	s.item("B3")
	if h, ok := s.ans.Num("training_hours"); ok {
		p := 0
		switch {
		case h >= 100:
			p = 4
		case h >= 60:
			p = 2
		}
		s.add(p, fmt.Sprintf("岗前培训 %s 课时", FormatNumber(h)), fmt.Sprintf("%s training hours", FormatNumber(h)))
	} else {
		s.add(0, "岗前培训课时:未知", "training hours: unknown")
	}
	s.triPoints("periodic_assessment", 1)
	roles := 0
	for _, id := range []string{"qa_staff", "trainers", "ops_manager"} {
		if s.yes(id) {
			roles++
		}
	}
	p := 0
	switch {
	case roles == 3:
		p = 2
	case roles > 0:
		p = 1
	}
	s.add(p, fmt.Sprintf("质检/培训师/专属运营 %d/3", roles), fmt.Sprintf("QA, trainers, operations manager: %d of 3", roles))
	if r, ok := s.ans.Num("mock_rating"); ok {
		p := [...]int{0, 0, 1, 1, 2, 3}[refClampIndex(r, 5)]
		s.add(p, fmt.Sprintf("模拟咨询 %s 分", FormatNumber(r)), fmt.Sprintf("mock consultation rated %s", FormatNumber(r)))
	} else {
		s.add(0, "模拟咨询:未进行", "mock consultation: not done")
	}
	if a, ok := s.ans.Num("attrition_pct"); ok {
		p := 0
		switch {
		case a <= 30:
			p = 2
		case a <= 50:
			p = 1
		default:
			s.flag("high_attrition")
		}
		s.add(p, fmt.Sprintf("年流失率 %s%%", FormatNumber(a)), fmt.Sprintf("attrition %s%%", FormatNumber(a)))
	} else {
		s.add(0, "人员流失率:未知", "attrition: unknown")
	}
}

func refClampIndex(f float64, max int) int {
	i := int(f)
	if i < 0 {
		return 0
	}
	if i > max {
		return max
	}
	return i
}

// B4: required channels covered, the staffing model, role specialisation.
func (s *refScoring) coverage() {
	s.item("B4")
	if vendor, ok := s.ans.Set("channels"); ok && len(vendor) > 0 {
		covered := 0
		for _, c := range s.req.Channels {
			if slices.Contains(vendor, c) {
				covered++
			}
		}
		p, need := 4, len(s.req.Channels)
		if need > 0 {
			p = 4 * covered / need
		}
		s.add(p, fmt.Sprintf("覆盖所需渠道 %d/%d", covered, need), fmt.Sprintf("covers %d of %d required channels", covered, need))
	} else {
		s.add(0, "渠道覆盖:未知", "channels covered: unknown")
	}
	s.triPoints("elastic_model", 1)
	s.triPoints("role_split", 1)
}

// C1: each committed KPI against the company's target.
func (s *refScoring) kpis() {
	s.item("C1")
	r := s.req
	if v, ok := s.ans.Num("response_s"); ok {
		t := float64(r.TargetResponseS)
		p := 0
		switch {
		case v <= t:
			p = 3
		case v <= 2*t:
			p = 1
		default:
			s.flag("slow_response")
		}
		s.add(p, fmt.Sprintf("响应 %s 秒,目标 %s 秒", FormatNumber(v), FormatNumber(t)), fmt.Sprintf("response %s s, target %s s", FormatNumber(v), FormatNumber(t)))
	} else {
		s.add(0, "承诺响应时间:未知", "committed response time: unknown")
	}
	if v, ok := s.ans.Num("fcr_pct"); ok {
		p := 0
		switch {
		case v >= r.TargetFCRPct:
			p = 3
		case v >= r.TargetFCRPct-10:
			p = 1
		}
		s.add(p, fmt.Sprintf("一次性解决率 %s%%,目标 %s%%", FormatNumber(v), FormatNumber(r.TargetFCRPct)), fmt.Sprintf("FCR %s %%, target %s %%", FormatNumber(v), FormatNumber(r.TargetFCRPct)))
	} else {
		s.add(0, "承诺一次性解决率:未知", "committed FCR: unknown")
	}
	s.target("answer_pct", r.TargetAnswerPct, 2, "接通率", "answer rate")
	s.target("csat_pct", r.TargetCSATPct, 1, "满意度", "CSAT")
	if v, ok := s.ans.Num("bad_review_pct"); ok {
		s.add(1, fmt.Sprintf("差评率已承诺 %s%%", FormatNumber(v)), fmt.Sprintf("bad-review rate stated: %s %%", FormatNumber(v)))
	} else {
		s.add(0, "差评率:未承诺", "bad-review rate: not stated")
	}
}

func (s *refScoring) target(id string, target float64, points int, zh, en string) {
	v, ok := s.ans.Num(id)
	if !ok {
		s.add(0, zh+":未知", en+": unknown")
		return
	}
	p := 0
	if v >= target {
		p = points
	}
	s.add(p, fmt.Sprintf("%s %s%%,目标 %s%%", zh, FormatNumber(v), FormatNumber(target)), fmt.Sprintf("%s %s %%, target %s %%", en, FormatNumber(v), FormatNumber(target)))
}

// D1: a stated pricing model, and 4 − 1 per hidden fee once the fees were reviewed.
func (s *refScoring) pricing() {
	s.item("D1")
	if m, ok := s.ans.Str("pricing_model"); ok {
		s.add(2, "计费方式:"+PricingOptions.Label(m, ZH), "pricing model: "+PricingOptions.Label(m, EN))
	} else {
		s.add(0, "计费方式:未明确", "pricing model: not stated")
	}
	switch s.ans.Tri("hidden_fees_reviewed") {
	case Yes:
		fees, _ := s.ans.Set("hidden_fees")
		if len(fees) > 0 {
			s.flag("hidden_fee")
		}
		s.add(max(0, 4-len(fees)), fmt.Sprintf("隐性收费 %d 项", len(fees)), fmt.Sprintf("hidden fees found: %d", len(fees)))
	case No:
		s.add(0, "隐性收费:未核查", "hidden fees: not reviewed")
	default:
		s.add(0, "隐性收费:未知", "hidden fees: unknown")
	}
}

// D3: a dedicated account manager and how fast incidents get feedback.
func (s *refScoring) afterSales() {
	s.item("D3")
	s.triPoints("account_manager", 2)
	if h, ok := s.ans.Num("feedback_hours"); ok {
		p := 0
		switch {
		case h <= 1:
			p = 2
		case h <= 4:
			p = 1
		}
		s.add(p, fmt.Sprintf("%s 小时内反馈", FormatNumber(h)), fmt.Sprintf("feedback within %s h", FormatNumber(h)))
	} else {
		s.add(0, "反馈时限:未知", "feedback time: unknown")
	}
}

// redFlagsOfRequirements raises the flags that depend on the industry.
func (s *refScoring) redFlagsOfRequirements() {
	if s.req.Regulated() && s.ans.Tri("iso27001") == No {
		s.flags = append(s.flags, Finding{"regulated_without_iso27001", "A2"})
	}
}
