package rubric

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// ItemScore is one item of a scorecard, with the reasons for its points.
type ItemScore struct {
	ID     string
	Points int // raw rubric points
	Max    int
	// Potential is the points with every unanswered question at its best.
	Potential int
	// Applicable is false for an item the requirements make moot (industry
	// compliance outside regulated industries): it then carries full points.
	Applicable bool
	// Answered and Questions count this item's applicable questions.
	Answered, Questions int
	// Why says, line by line, where the points come from.
	Why []Text
}

// DimensionScore is one dimension, raw and weighted by the profile.
type DimensionScore struct {
	ID           string
	Raw, Max     int
	PotentialRaw int
	Weight       float64
	Points       float64 // Raw ÷ Max × Weight, one decimal
	Potential    float64
}

// Scorecard is what Score makes of one vendor.
type Scorecard struct {
	Profile     Profile
	Items       []ItemScore      // in rubric order A1..D4
	Dimensions  []DimensionScore // A..D
	Total       float64          // sum of the weighted dimensions, one decimal
	Potential   float64          // the total with every unknown at its best
	Band        Band
	Provisional bool // an applicable question is still unanswered
	Answered    int
	Applicable  int
	Knockouts   []Finding
	Flags       []Finding
}

// Item returns the score of item id.
func (c Scorecard) Item(id string) ItemScore {
	for _, it := range c.Items {
		if it.ID == id {
			return it
		}
	}
	return ItemScore{}
}

// KnockoutCodes and FlagCodes list the codes, for output; a finding about one
// question's evidence says which: "unverified:nda".
func (c Scorecard) KnockoutCodes() []string { return codes(c.Knockouts) }
func (c Scorecard) FlagCodes() []string     { return codes(c.Flags) }

func codes(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
		if f.Question != "" {
			out[i] += ":" + f.Question
		}
	}
	return out
}

// Score scores a vendor's answers against the company's requirements under profile.
// It never fails: unknown answers score 0, and out-of-range values are clamped by the
// rules themselves. It neither changes nor keeps req and ans.
//
// The same rules run twice: on the answers as they are, making the items with their
// points and reasons and the findings, then on the best case (every unanswered
// question at its best answer) over the same items, adding up their potential.
func Score(req Requirements, ans Answers, profile Profile) Scorecard {
	now := scoring{req: &req, ans: answerView{ans: ans}}
	now.items = make([]ItemScore, 0, itemCount)
	now.why.grow()
	now.run()
	best := scoring{req: &req, ans: answerView{ans: ans, best: true, req: &req}, items: now.items}
	best.run()

	card := Scorecard{Profile: profile, Items: now.items, Knockouts: now.knockouts, Flags: now.flags}
	card.countAnswers(req, ans)
	card.weigh(profile)
	// Codes in a stable order, whatever order the rules ran in.
	sortFindings(card.Knockouts)
	sortFindings(card.Flags)
	card.Provisional = card.Answered < card.Applicable
	card.Band = card.verdict()
	return card
}

// countAnswers counts the applicable questions and those answered, in all and by item.
func (c *Scorecard) countAnswers(req Requirements, ans Answers) {
	for i := range Questions {
		q := &Questions[i]
		if !q.Applicable(req) {
			continue
		}
		known := ans.Known(*q)
		c.Applicable++
		if known {
			c.Answered++
		}
		// The item is found by its position, worked out once, rather than by comparing
		// ids with every item for every question.
		if at := questionItem[i]; at >= 0 {
			c.Items[at].Questions++
			if known {
				c.Items[at].Answered++
			}
		}
	}
}

// weigh adds up each dimension's items, weighs them by profile and totals them.
func (c *Scorecard) weigh(profile Profile) {
	c.Dimensions = make([]DimensionScore, 0, len(Dimensions))
	var total, potential int // tenths of a point, so that the total is exactly the sum
	for d, dim := range Dimensions {
		ds := DimensionScore{ID: dim.ID, Max: dim.Max, Weight: profile.Weights[d]}
		for _, it := range c.Items {
			if it.ID[:1] == dim.ID {
				ds.Raw += it.Points
				ds.PotentialRaw += it.Potential
			}
		}
		nowT, bestT := weightedTenths(ds.Raw, dim.Max, ds.Weight), weightedTenths(ds.PotentialRaw, dim.Max, ds.Weight)
		ds.Points, ds.Potential = float64(nowT)/10, float64(bestT)/10
		total += nowT
		potential += bestT
		c.Dimensions = append(c.Dimensions, ds)
	}
	c.Total, c.Potential = float64(total)/10, float64(potential)/10
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return strings.Compare(a.Code, b.Code) })
}

// itemCount is the number of items of the rubric, so that a scorecard's list of items
// is made once at its size.
var itemCount = func() int {
	n := 0
	for _, d := range Dimensions {
		n += len(d.Items)
	}
	return n
}()

// questionItem is, for each question in Questions, the position of its item in a
// scorecard's Items (the rubric order of Dimensions, in which run makes them),
// or -1 for a question that feeds no item.
var questionItem = func() []int {
	at := make([]int, len(Questions))
	for i, q := range Questions {
		at[i] = -1
		n := 0
		for _, d := range Dimensions {
			for _, it := range d.Items {
				if it.ID == q.Item {
					at[i] = n
				}
				n++
			}
		}
	}
	return at
}()

func weightedTenths(raw, max int, weight float64) int {
	return int(math.Round(float64(raw) * weight * 10 / float64(max)))
}

// bestNumbers are the values that earn every point a number can earn.
// Any stated payment cycle earns its point; the longest is the best for the client,
// so that a range counts at its shorter end.
var bestNumbers = map[string]float64{
	"seat_multiple": 100, "prep_days": 0, "training_hours": 2000, "mock_rating": 5,
	"attrition_pct": 0, "same_industry_cases": 100000, "response_s": 0, "urgent_response_s": 0,
	"fcr_pct": 100, "resolution_h": 0, "answer_pct": 100, "csat_pct": 100, "bad_review_pct": 0,
	"qa_pass_pct": 100, "conversion_pct": 100, "payment_days": 365, "feedback_hours": 0,
}

// allTrainingTopics is the best case's training curriculum: every topic.
var allTrainingTopics = func() []string {
	all := make([]string, len(TrainingTopicOptions))
	for i, o := range TrainingTopicOptions {
		all[i] = o.Value
	}
	return all
}()

// anyChannel is the best case's channel list when the company requires none yet: any
// stated channel earns full coverage, and an empty list would score as unknown and
// understate the potential. The rules only read it.
var anyChannel = []string{ChannelOptions[0].Value}

// answerView is the answers one pass of the rules reads: the vendor's own, or with
// best set the best case, in which every unanswered scored question holds its best
// answer. The best case is worked out for each answer as the rules read it rather
// than on a copy of the whole map: the copy, a map and a set for each answer, was a
// sixth of the time of a score.
type answerView struct {
	ans  Answers
	best bool
	req  *Requirements // the company's channels are the best case's channels
}

// value is the answer to id and whether there is one, as an Answers map holds it.
func (v answerView) value(id string) (Value, bool) {
	if v.best {
		return v.bestValue(id)
	}
	val, ok := v.ans[id]
	return val, ok
}

// Tri, Num, Str and Set read an answer as the methods of Answers do.
func (v answerView) Tri(id string) Tri { val, _ := v.value(id); return val.Tri }

func (v answerView) Num(id string) (float64, bool) {
	val, ok := v.value(id)
	return val.Num, ok
}

func (v answerView) Str(id string) (string, bool) {
	val, ok := v.value(id)
	return val.Str, ok && val.Str != ""
}

func (v answerView) Set(id string) ([]string, bool) {
	val, ok := v.value(id)
	return val.Set, ok
}

// bestValue is the answer to id in the best case: the vendor's own where it is known
// or the question is not scored, else the answer that earns every point.
func (v answerView) bestValue(id string) (Value, bool) {
	// An unreviewed fee list at its best has no hidden fees in it.
	if id == "hidden_fees" && v.ans.Tri("hidden_fees_reviewed") != Yes {
		return Value{Set: []string{}}, true
	}
	val, ok := v.ans[id]
	i, isQuestion := questionIndex[id]
	if !isQuestion {
		return val, ok
	}
	q := &Questions[i]
	if q.Item == "" || (ok && q.says(val)) {
		return val, ok
	}
	switch q.Kind {
	case KindTri:
		return Value{Tri: Yes}, true
	case KindNumber:
		// Seats the vendor did not state are not imagined: without them its stated
		// multiple is scored, at its best when unknown too.
		if best, known := bestNumbers[q.ID]; known {
			return Value{Num: best}, true
		}
		return val, ok
	case KindChoice:
		return Value{Str: q.Options[len(q.Options)-1].Value}, true
	case KindSet:
		switch q.ID {
		case "channels":
			if len(v.req.Channels) == 0 {
				return Value{Set: anyChannel}, true
			}
			return Value{Set: v.req.Channels}, true
		case "training_topics":
			return Value{Set: allTrainingTopics}, true
		case "report_cadence":
			return Value{Set: []string{"daily", "weekly", "monthly"}}, true
		case "billing_models":
			return Value{Set: []string{BillingOptions[0].Value}}, true
		}
	}
	return val, ok
}

// bestCase is the best case as answers of their own: every answer the rules would read
// from answerView in the best case, with sets of their own and every other answer as
// it is.
func bestCase(req Requirements, ans Answers) Answers {
	v := answerView{ans: ans, best: true, req: &req}
	best := make(Answers, len(Questions))
	for id, val := range ans {
		if _, isQuestion := questionIndex[id]; !isQuestion {
			val.Set = slices.Clone(val.Set)
			best[id] = val
		}
	}
	for _, q := range Questions {
		if val, ok := v.bestValue(q.ID); ok {
			val.Set = slices.Clone(val.Set)
			best[q.ID] = val
		}
	}
	return best
}

// scoring carries one pass over the rules. On the answers as they are it makes the
// items with their points and reasons, and the findings. On the best case (ans.best)
// it visits the same items again in the same order and adds up their potential
// alone: its reasons and findings would be thrown away, so they are not made.
type scoring struct {
	req       *Requirements
	ans       answerView
	items     []ItemScore
	knockouts []Finding
	flags     []Finding
	cur       *ItemScore
	next      int // the best case's next item
	why       reasons
}

func (s *scoring) item(id string) {
	if s.ans.best {
		s.cur = &s.items[s.next]
		s.next++
		return
	}
	it, _, _ := ItemByID(id)
	s.items = append(s.items, ItemScore{ID: id, Max: it.Max, Applicable: true})
	s.cur = &s.items[len(s.items)-1]
	s.why.first = len(s.why.all)
}

// add gives points with a reason, written only when it is kept. The reason's zh and
// en texts are templates with {} where the args go, in order.
func (s *scoring) add(points int, zh, en string, args ...arg) {
	s.score(points)
	if !s.ans.best {
		s.because(s.why.write(points, zh, en, args))
	}
}

// score gives the current item points, or in the best case potential points.
func (s *scoring) score(points int) {
	if s.ans.best {
		s.cur.Potential += points
	} else {
		s.cur.Points += points
	}
}

// because adds a reason to the current item.
func (s *scoring) because(t Text) { s.cur.Why = s.why.add(t) }

func (s *scoring) knockout(code string) {
	if !s.ans.best {
		s.knockouts = append(s.knockouts, Finding{Code: code, Item: s.cur.ID})
	}
}

func (s *scoring) flag(code string) {
	if !s.ans.best {
		s.flags = append(s.flags, Finding{Code: code, Item: s.cur.ID})
	}
}

// flagNote raises a red flag that carries its figures.
func (s *scoring) flagNote(code string, note Text) {
	if !s.ans.best {
		s.flags = append(s.flags, Finding{Code: code, Item: s.cur.ID, Note: note})
	}
}

func (s *scoring) yes(id string) bool { return s.ans.Tri(id) == Yes }

// triPoints gives points for a yes and explains a no or an unknown.
func (s *scoring) triPoints(id string, points int) {
	answer := s.ans.Tri(id)
	if answer == Yes {
		s.score(points)
	}
	if s.ans.best {
		return
	}
	said := &triReasons[questionIndex[id]]
	switch {
	case answer == Yes && points >= 0 && points < len(said.yes):
		s.because(said.yes[points])
	case answer == Yes:
		s.because(s.why.write(points, "{}", "{}", []arg{label(said.label)}))
	case answer == No:
		s.because(said.no)
	default:
		s.because(said.unknown)
	}
}

// triReason is what the reasons of a yes/no question say, made once for every
// question: some 26 of a scorecard's 51 reasons are these.
type triReason struct {
	// yes is a yes by the points it earns, up to the most a yes earns in the rules;
	// a yes worth more is written when it is given.
	yes         [3 + 1]Text
	no, unknown Text
	label       Text
}

// triReasons holds the triReason of each question in Questions, written as any
// other reason is.
var triReasons = func() []triReason {
	said := make([]triReason, len(Questions))
	var r reasons
	for i, q := range Questions {
		if q.Kind != KindTri {
			continue
		}
		name := label(q.Label)
		for p := range said[i].yes {
			said[i].yes[p] = r.write(p, "{}", "{}", []arg{name})
		}
		said[i].no = r.write(0, "{}:否", "{}: no", []arg{name})
		said[i].unknown = r.write(0, "{}:未知", "{}: unknown", []arg{name})
		said[i].label = q.Label
	}
	return said
}()

// run applies the rules of rubric.md §2, one function per item in rubric order.
func (s *scoring) run() {
	s.licences()
	s.certifications()
	s.dataSecurity()
	s.industryCompliance()
	s.cases()
	s.elasticity()
	s.professionalism()
	s.coverage()
	s.kpis()
	s.kpiContract()
	s.monitoring()
	s.reporting()
	s.emergency()
	s.pricing()
	s.contractTerms()
	s.afterSales()
	s.trial()
	s.redFlagsOfRequirements()
}

// A2: ISO 9001 and ISO 27001, 3 points each.
func (s *scoring) certifications() {
	s.item("A2")
	s.triPoints("iso9001", 3)
	s.triPoints("iso27001", 3)
}

// A3: an NDA (refusing one disqualifies), encryption, a leak plan and MLPS filing.
func (s *scoring) dataSecurity() {
	s.item("A3")
	s.triPoints("nda", 2)
	if s.ans.Tri("nda") == No {
		s.knockout("no_nda")
	}
	s.triPoints("encryption", 2)
	s.triPoints("leak_plan", 1)
	s.triPoints("mlps", 1)
}

// C2: the KPIs written into the contract, with penalties.
func (s *scoring) kpiContract() {
	s.item("C2")
	s.triPoints("kpis_in_contract", 2)
	if s.ans.Tri("kpis_in_contract") == No {
		s.flag("kpis_not_in_contract")
	}
	s.triPoints("penalty", 2)
}

// C3, real-time monitoring: a live dashboard, and the raw records for the client's
// own sampling (the first article's 定期质检), the one check of what the dashboard says.
func (s *scoring) monitoring() {
	s.item("C3")
	s.triPoints("dashboard", 2)
	s.triPoints("raw_access", 2)
}

// C4: regular reports, which make the data transparent (the second article's 实现数据
// 透明化管理), and analysis with improvement plans on top of them.
func (s *scoring) reporting() {
	s.item("C4")
	s.reportCadence()
	s.triPoints("report_analysis", 1)
}

// reportCadence, 2 of C4: daily, weekly and monthly reports all (the second
// article's 日报/周报/月报); two of them earn one point, one alone none.
func (s *scoring) reportCadence() {
	set, known := s.ans.Set("report_cadence")
	// Each cadence once, however often a stored list names it.
	n := 0
	for _, c := range []string{"daily", "weekly", "monthly"} {
		if slices.Contains(set, c) {
			n++
		}
	}
	switch {
	case !known || len(set) == 0:
		s.add(0, "定期报告:未知", "regular reports: unknown")
	case n == 0:
		s.add(0, "不提供定期报告", "no regular reports")
	case s.ans.best:
		s.score(max(0, n-1))
	default:
		s.add(max(0, n-1), "定期报告:{}", "regular reports: {}", label(optionList(ReportCadences, set)))
	}
}

// optionList names the chosen options in the options' order.
func optionList(o Options, chosen []string) Text {
	var zh, en []string
	for _, opt := range o {
		if slices.Contains(chosen, opt.Value) {
			zh, en = append(zh, opt.Label.ZH), append(en, opt.Label.EN)
		}
	}
	return Text{strings.Join(zh, "、"), strings.Join(en, ", ")}
}

// C5: an emergency plan.
func (s *scoring) emergency() {
	s.item("C5")
	s.triPoints("emergency_plan", 2)
}

// D2: the contract's terms; the client not owning the data disqualifies.
func (s *scoring) contractTerms() {
	s.item("D2")
	s.triPoints("termination", 2)
	s.triPoints("breach_liability", 2)
	s.triPoints("data_ownership", 2)
	if s.ans.Tri("data_ownership") == No {
		s.knockout("no_data_ownership")
	}
	s.triPoints("data_handover", 1)
	s.triPoints("dispute_resolution", 1)
}

// D4: a trial period; none is a red flag.
func (s *scoring) trial() {
	s.item("D4")
	s.triPoints("trial", 2)
	if s.ans.Tri("trial") == No {
		s.flag("no_trial")
	}
}

// A1: 6 × held ÷ required; a required licence answered "no" disqualifies.
func (s *scoring) licences() {
	s.item("A1")
	// Room for all three from the start keeps the list off the heap.
	required := make([]struct{ id, code string }, 0, 3)
	required = append(required, struct{ id, code string }{"business_license", "no_business_license"})
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
	s.add(6*held/len(required), "所需资质 {}/{} 项", "{} of {} required licences held", count(held), count(len(required)))
}

// A4: only regulated industries need a compliance filing; elsewhere full points.
func (s *scoring) industryCompliance() {
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
func (s *scoring) cases() {
	s.item("B1")
	if n, ok := s.ans.Num("same_industry_cases"); ok {
		p := 0
		switch {
		case n >= 3:
			p = 5
		case n >= 1:
			p = 3
		}
		s.add(p, "同行业案例 {} 个", "{} same-industry cases", number(n))
	} else {
		s.add(0, "同行业案例数:未知", "same-industry cases: unknown")
	}
	s.triPoints("reference_checked", 2)
	s.triPoints("scale_match", 1)
}

// B2: the seats the vendor commits against the agents our volume needs at the
// busiest half hour of a peak day, or, without seats or without a need, its stated
// expansion multiple against the peak multiple; then hours and preparation.
func (s *scoring) elasticity() {
	s.item("B2")
	if !s.seatsCover() {
		s.expansion()
	}
	if h, ok := s.ans.Str("hours"); ok {
		hv, hr := HoursOptions.Label(h, EN), HoursOptions.Label(s.req.ServiceHours, EN)
		if Covers(h, s.req.ServiceHours) {
			s.add(3, "服务时长 {} 满足 {}", "hours {} cover {}", text(hv), text(hr))
		} else {
			s.flag("hours_not_covered")
			s.add(0, "服务时长 {} 不满足 {}", "hours {} do not cover {}", text(hv), text(hr))
		}
	} else {
		s.add(0, "服务时长:未知", "service hours: unknown")
	}
	if d, ok := s.ans.Num("prep_days"); ok {
		p := 0
		if d <= 30 {
			p = 1
		}
		s.add(p, "大促筹备 {} 天", "peak preparation {} days", number(d))
	} else {
		s.add(0, "大促筹备周期:未知", "peak preparation: unknown")
	}
}

// seatsCover scores the committed seats on the capacity they cover, and reports
// whether it could: the vendor gave its peak seats and the requirements size a need.
// Covering the peak earns what expanding by the peak multiple earns; half of it,
// what half the multiple earns. Normal seats short of the normal need are flagged.
func (s *scoring) seatsCover() bool {
	seats, ok := s.ans.Num("seats_peak")
	if !ok {
		return false
	}
	c := s.req.Capacity()
	if !c.Sized() || c.Need.PeakAgents == 0 {
		return false
	}
	need := float64(c.Need.PeakAgents)
	ratio := seats / need
	p := 0
	switch {
	case ratio >= 1:
		p = 5
	case ratio >= 0.5:
		p = 2
	}
	if ratio < 1 {
		s.flagNote("peak_not_covered", coverNote(seats, c.Need.PeakAgents))
	}
	s.add(p, "高峰坐席 {} 名,覆盖所需 {} 名的 {}", "peak seats {} for the {} agents needed: {}",
		number(seats), number(need), text(PercentDown(ratio)))
	if normal, ok := s.ans.Num("seats_normal"); ok && c.Need.Agents > 0 && normal < float64(c.Need.Agents) {
		s.flagNote("normal_not_covered", coverNote(normal, c.Need.Agents))
	}
	return true
}

// coverNote says how far seats go: "62 % of the 180 agents needed".
func coverNote(seats float64, need int) Text {
	pct := PercentDown(seats / float64(need))
	return Text{
		"坐席覆盖所需 " + strconv.Itoa(need) + " 名的 " + pct,
		"seats cover " + pct + " of the " + strconv.Itoa(need) + " agents needed",
	}
}

// expansion scores the stated seat-expansion multiple against the peak multiple.
func (s *scoring) expansion() {
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
		s.add(p, "扩容 {} 倍,高峰需 {} 倍", "expands {}×, peak needs {}×", number(m), number(peak))
	} else {
		s.add(0, "坐席扩容倍数:未知", "seat expansion: unknown")
	}
}

// B3, the first article's three sides of a team (configuration, ability, stability)
// and the second's training hours: the hiring bar; training, by its hours and by what
// it covers; periodic assessment; the team's roles; the mock consultation; attrition
// and retention incentives.
func (s *scoring) professionalism() {
	s.item("B3")
	s.triPoints("recruitment_bar", 1)
	if h, ok := s.ans.Num("training_hours"); ok {
		p := 0
		switch {
		case h >= 100:
			p = 3
		case h >= 60:
			p = 1
		}
		s.add(p, "岗前培训 {} 课时", "{} training hours", number(h))
	} else {
		s.add(0, "岗前培训课时:未知", "training hours: unknown")
	}
	if topics, ok := s.ans.Set("training_topics"); ok && len(topics) > 0 {
		covered := 0
		for _, t := range CoreTrainingTopics {
			if slices.Contains(topics, t) {
				covered++
			}
		}
		p := 0
		if covered == len(CoreTrainingTopics) {
			p = 1
		}
		s.add(p, "培训覆盖产品知识/服务礼仪/合规 {}/{}", "training covers product, etiquette, compliance: {} of {}", count(covered), count(len(CoreTrainingTopics)))
	} else {
		s.add(0, "岗前培训内容:未知", "training topics: unknown")
	}
	s.triPoints("periodic_assessment", 1)
	roles := 0
	for _, id := range teamRoles {
		if s.yes(id) {
			roles++
		}
	}
	p := 0
	switch {
	case roles == len(teamRoles):
		p = 2
	case roles > 0:
		p = 1
	}
	s.add(p, "售前售后分工/质检/培训师/专属运营 {}/{}", "role split, QA, trainers, operations manager: {} of {}", count(roles), count(len(teamRoles)))
	if r, ok := s.ans.Num("mock_rating"); ok {
		// A 2 is answers incomplete or needing prompting (the rating's guide): no point.
		s.add(max(0, clampIndex(r, 5)-2), "模拟咨询 {} 分", "mock consultation rated {}", number(r))
	} else {
		s.add(0, "模拟咨询:未进行", "mock consultation: not done")
	}
	s.stability()
}

// teamRoles complete a team (the first article's 团队架构完整): roles split by
// pre-sales, after-sales and VIP, QA inspectors, trainers, and the dedicated
// operations manager of the second.
var teamRoles = []string{"role_split", "qa_staff", "trainers", "ops_manager"}

// stability, 2 of B3: attrition, which retention incentives lift by a point up to the
// 2: the rate is the outcome, the incentives a reason to expect it to hold or improve.
func (s *scoring) stability() {
	p := 0
	if a, ok := s.ans.Num("attrition_pct"); ok {
		switch {
		case a <= 30:
			p = 2
		case a <= 50:
			p = 1
		default:
			s.flag("high_attrition")
		}
		s.add(p, "年流失率 {}%", "attrition {}%", number(a))
	} else {
		s.add(0, "人员流失率:未知", "attrition: unknown")
	}
	switch s.ans.Tri("retention_incentives") {
	case Yes:
		if p < 2 {
			s.add(1, "留存激励机制", "retention incentives")
		} else {
			s.add(0, "留存激励机制(稳定性已满分)", "retention incentives (stability already full)")
		}
	case No:
		s.add(0, "留存激励机制:否", "retention incentives: no")
	default:
		s.add(0, "留存激励机制:未知", "retention incentives: unknown")
	}
}

func clampIndex(f float64, max int) int {
	i := int(f)
	if i < 0 {
		return 0
	}
	if i > max {
		return max
	}
	return i
}

// B4: required channels covered and the staffing model.
func (s *scoring) coverage() {
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
		s.add(p, "覆盖所需渠道 {}/{}", "covers {} of {} required channels", count(covered), count(need))
	} else {
		s.add(0, "渠道覆盖:未知", "channels covered: unknown")
	}
	s.triPoints("elastic_model", 1)
}

// C1: each committed KPI against the company's target, in the first article's
// groups of three points each (response, resolution, service quality), then the
// answer rate and the inquiry conversion rate of the second. Conversion counts in
// e-commerce or with the retention & conversion goal; elsewhere its 2 points are
// given, as an industry filing's are outside regulated industries.
func (s *scoring) kpis() {
	s.item("C1")
	r := s.req
	if v, ok := s.ans.Num("response_s"); ok {
		t := float64(r.TargetResponseS)
		p := 0
		switch {
		case v <= t:
			p = 2
		case v <= 2*t:
			p = 1
		default:
			s.flag("slow_response")
		}
		s.add(p, "响应 {} 秒,目标 {} 秒", "response {} s, target {} s", number(v), number(t))
	} else {
		s.add(0, "承诺响应时间:未知", "committed response time: unknown")
	}
	s.atMost("urgent_response_s", float64(r.TargetUrgentResponseS), 1, seconds, "紧急咨询响应", "urgent response")
	if v, ok := s.ans.Num("fcr_pct"); ok {
		p := 0
		switch {
		case v >= r.TargetFCRPct:
			p = 2
		case v >= r.TargetFCRPct-10:
			p = 1
		}
		s.add(p, "一次性解决率 {}%,目标 {}%", "FCR {} %, target {} %", number(v), number(r.TargetFCRPct))
	} else {
		s.add(0, "承诺一次性解决率:未知", "committed FCR: unknown")
	}
	s.atMost("resolution_h", r.TargetResolutionH, 1, hoursUnit, "平均解决时长", "resolution time")
	s.target("answer_pct", r.TargetAnswerPct, 1, "接通率", "answer rate")
	s.target("csat_pct", r.TargetCSATPct, 1, "满意度", "CSAT")
	s.atMost("bad_review_pct", r.TargetBadReviewPct, 1, percent, "差评率", "bad-review rate")
	s.target("qa_pass_pct", r.TargetQAPassPct, 1, "质检合格率", "QA pass rate")
	if r.ConversionCounts() {
		s.target("conversion_pct", r.TargetConversionPct, 2, "询单转化率", "inquiry conversion")
	} else {
		s.add(2, "询单转化率:非电商且无留存转化诉求,不适用", "inquiry conversion: neither e-commerce nor the conversion goal, not applicable")
	}
}

// target gives points for a committed percentage at or above the target.
func (s *scoring) target(id string, target float64, points int, zh, en string) {
	v, ok := s.ans.Num(id)
	if !ok {
		s.add(0, "{}:未知", "{}: unknown", label(Text{zh, en}))
		return
	}
	p := 0
	if v >= target {
		p = points
	}
	s.add(p, "{} {}%,目标 {}%", "{} {} %, target {} %", label(Text{zh, en}), number(v), number(target))
}

// atMost gives points for a committed number at or below the target: a time, or a
// rate that should be low.
func (s *scoring) atMost(id string, target float64, points int, unit Text, zh, en string) {
	v, ok := s.ans.Num(id)
	if !ok {
		s.add(0, "{}:未知", "{}: unknown", label(Text{zh, en}))
		return
	}
	p := 0
	if v <= target {
		p = points
	}
	s.add(p, "{} {}{},上限 {}{}", "{} {}{}, at most {}{}", label(Text{zh, en}), number(v), label(unit), number(target), label(unit))
}

// Units after a number in a reason, spaced as the other reasons space them.
var (
	seconds   = Text{" 秒", " s"}
	hoursUnit = Text{" 小时", " h"}
	percent   = Text{"%", " %"}
)

// D1, the first article's fee terms (费用条款): the pricing model stated; the payment
// cycle and an invoice agreed; and hidden fees once reviewed, where one costs most of
// their 4 points and two or more all of them.
func (s *scoring) pricing() {
	s.item("D1")
	switch models, ok := s.ans.Set("billing_models"); {
	case ok && len(models) > 0 && s.ans.best:
		// The best case keeps no reasons: the list is not named for nothing.
		s.score(1)
	case ok && len(models) > 0:
		s.add(1, "计费方式:{}", "billing: {}", label(optionList(BillingOptions, models)))
	default:
		s.add(0, "计费方式:未明确", "billing: not stated")
	}
	s.paymentTerms()
	switch s.ans.Tri("hidden_fees_reviewed") {
	case Yes:
		fees, _ := s.ans.Set("hidden_fees")
		p := 0
		switch len(fees) {
		case 0:
			p = 4
		case 1:
			p = 1
		}
		if len(fees) > 0 {
			s.flag("hidden_fee")
		}
		s.add(p, "隐性收费 {} 项", "hidden fees found: {}", count(len(fees)))
	case No:
		s.add(0, "隐性收费:未核查", "hidden fees: not reviewed")
	default:
		s.add(0, "隐性收费:未知", "hidden fees: unknown")
	}
}

// paymentTerms, 1 of D1: a payment cycle and an invoice, both agreed. Any cycle does:
// what matters is that it is written down; no invoice leaves the client unable to
// book the cost.
func (s *scoring) paymentTerms() {
	days, knownDays := s.ans.Num("payment_days")
	invoice, knownInvoice := s.ans.Str("invoice_type")
	switch {
	case knownInvoice && invoice == "none":
		s.add(0, "不开发票", "no invoice")
	case knownDays && knownInvoice:
		s.add(1, "付款周期 {} 天,{}", "payment within {} days, {}", number(days),
			label(Text{InvoiceOptions.Label(invoice, ZH), InvoiceOptions.Label(invoice, EN)}))
	case knownDays:
		s.add(0, "付款周期 {} 天,发票类型:未知", "payment within {} days, invoice type: unknown", number(days))
	case knownInvoice:
		s.add(0, "付款周期:未知", "payment cycle: unknown")
	default:
		s.add(0, "付款周期与发票类型:未知", "payment cycle and invoice type: unknown")
	}
}

// D3: a dedicated account manager and how fast incidents get feedback.
func (s *scoring) afterSales() {
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
		s.add(p, "{} 小时内反馈", "feedback within {} h", number(h))
	} else {
		s.add(0, "反馈时限:未知", "feedback time: unknown")
	}
}

// redFlagsOfRequirements raises the flags that depend on the industry.
func (s *scoring) redFlagsOfRequirements() {
	if !s.ans.best && s.req.Regulated() && s.ans.Tri("iso27001") == No {
		s.flags = append(s.flags, Finding{Code: "regulated_without_iso27001", Item: "A2"})
	}
}

// reasons collects the reasons of one scorecard: their texts one after the other in
// one string, and the reasons in one slice that each item's Why is a part of. A
// string or two and a growing slice for each of some 51 reasons were most of the
// allocations of a score.
type reasons struct {
	// text only ever grows, so that the strings cut out of it never change.
	text strings.Builder
	all  []Text
	// first is the first reason of the current item.
	first int
}

// grow makes room for a whole scorecard's reasons at once: the texts of some 25
// reasons with numbers, the others being made once (triReasons), and the reasons.
func (r *reasons) grow() {
	r.text.Grow(2048)
	r.all = make([]Text, 0, 56)
}

// write makes a reason: its zh and en templates filled with args, each followed by
// the points, " → 3".
func (r *reasons) write(points int, zh, en string, args []arg) Text {
	start := r.text.Len()
	r.fill(zh, ZH, args)
	r.writePoints(points)
	mid := r.text.Len()
	r.fill(en, EN, args)
	r.writePoints(points)
	all := r.text.String()
	return Text{all[start:mid], all[mid:]}
}

// add adds t to the reasons of the current item and returns them all. They are
// capped, so that appending to one item's reasons copies them rather than overwrite
// the next item's.
func (r *reasons) add(t Text) []Text {
	r.all = append(r.all, t)
	return r.all[r.first:len(r.all):len(r.all)]
}

func (r *reasons) writePoints(points int) {
	var digits [20]byte
	r.text.WriteString(" → ")
	r.text.Write(strconv.AppendInt(digits[:0], int64(points), 10))
}

// fill writes template in lang with each {} replaced by the next of args.
func (r *reasons) fill(template string, lang Lang, args []arg) {
	for _, a := range args {
		at := strings.Index(template, "{}")
		if at < 0 {
			break
		}
		r.text.WriteString(template[:at])
		r.writeArg(a, lang)
		template = template[at+len("{}"):]
	}
	r.text.WriteString(template)
}

// writeArg writes a as FormatNumber, strconv.Itoa or the text itself would.
func (r *reasons) writeArg(a arg, lang Lang) {
	var digits [32]byte
	switch {
	case a.kind == argNumber:
		r.text.Write(strconv.AppendFloat(digits[:0], a.num, 'f', -1, 64))
	case a.kind == argCount:
		r.text.Write(strconv.AppendInt(digits[:0], int64(a.count), 10))
	case lang == ZH:
		r.text.WriteString(a.text.ZH)
	default:
		r.text.WriteString(a.text.EN)
	}
}

// arg is a value shown in a reason: a number as FormatNumber prints it, a count, a
// text the same in both languages, or a label in each.
type arg struct {
	kind  argKind
	num   float64
	count int
	text  Text
}

type argKind int8

const (
	argNumber argKind = iota
	argCount
	argText
)

func number(f float64) arg { return arg{kind: argNumber, num: f} }
func count(n int) arg      { return arg{kind: argCount, count: n} }
func text(s string) arg    { return arg{kind: argText, text: Text{s, s}} }
func label(t Text) arg     { return arg{kind: argText, text: t} }
