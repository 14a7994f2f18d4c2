package report

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"vendorvet/panel"
	"vendorvet/rubric"
)

// panelVendor is how the session's panel judged one vendor.
type panelVendor struct {
	// members are the evaluators who took part in the vendor, in the panel's
	// order; idle are those on the panel who have not turned to it yet.
	members, idle []string
	eval          panel.Vendor
	// score scores a set of answers to the vendor as its consensus is scored.
	score panel.Scorer
}

// judgedByPanel reports whether a session is judged by a panel of more than one
// evaluator. A panel of one is a single evaluator, reported as one always was.
func judgedByPanel(s rubric.Session) bool { return len(s.Panel) > 1 }

// evaluatePanel is every vendor as the panel judged it, in the session's order; nil
// when the session has no panel of more than one.
func evaluatePanel(s rubric.Session, profile rubric.Profile) []panelVendor {
	if !judgedByPanel(s) {
		return nil
	}
	out := make([]panelVendor, len(s.Vendors))
	for i, v := range s.Vendors {
		out[i] = evaluateVendor(s, profile, v)
	}
	return out
}

func evaluateVendor(s rubric.Session, profile rubric.Profile, v rubric.Vendor) panelVendor {
	pv := panelVendor{score: func(a rubric.Answers) rubric.Scorecard {
		return rubric.ScoreVendor(s.Requirements, rubric.Vendor{Answers: a, Evidence: v.Evidence}, profile)
	}}
	for _, name := range panelNames(s, []rubric.Vendor{v}) {
		// Someone who has answered nothing of a vendor and not submitted it has told
		// nothing: counted, their unknowns would pull every answer toward unknown,
		// as the store's consensus does not.
		if len(v.Panel[name]) > 0 || v.Submitted[name] {
			pv.members = append(pv.members, name)
		} else {
			pv.idle = append(pv.idle, name)
		}
	}
	pv.eval = panel.Evaluate(pv.score, pv.members, v.Panel, v.Decisions)
	return pv
}

// panelNames is the session's panel by name, in its order, then anyone else who
// answered one of vendors, by name: someone answering before they were added.
func panelNames(s rubric.Session, vendors []rubric.Vendor) []string {
	var names, others []string
	for _, e := range s.Panel {
		if !slices.Contains(names, e.Name) {
			names = append(names, e.Name)
		}
	}
	for _, v := range vendors {
		for name := range v.Panel {
			if !slices.Contains(names, name) && !slices.Contains(others, name) {
				others = append(others, name)
			}
		}
	}
	sort.Strings(others)
	return append(names, others...)
}

// member is the index of evaluator name among the vendor's members, or -1.
func (pv panelVendor) member(name string) int { return slices.Index(pv.members, name) }

// question is the panel's question id, or nil when nobody answered it.
func (pv panelVendor) question(id string) *panel.Question {
	for k := range pv.eval.Questions {
		if pv.eval.Questions[k].ID == id {
			return &pv.eval.Questions[k]
		}
	}
	return nil
}

// counts partitions the questions the panel answered: unanimous, still disputed,
// and decided by the lead.
func (pv panelVendor) counts() (unanimous, disputed, decided int) {
	for _, q := range pv.eval.Questions {
		switch {
		case q.Decided != nil:
			decided++
		case q.Differs():
			disputed++
		default:
			unanimous++
		}
	}
	return unanimous, disputed, decided
}

// decisions are the questions the lead decided, in the catalogue's order.
func (pv panelVendor) decisions() []panel.Question {
	var out []panel.Question
	for _, q := range pv.eval.Questions {
		if q.Decided != nil {
			out = append(out, q)
		}
	}
	return out
}

// raisesKnockout reports whether g, in place of the consensus on question id,
// disqualifies the vendor for something the consensus does not; otherwise it clears
// a knockout the consensus has.
func (pv panelVendor) raisesKnockout(id string, g panel.Given) bool {
	answers := pv.eval.Consensus.Clone()
	delete(answers, id)
	if g.Known {
		answers[id] = g.Value
	}
	consensus := pv.eval.Card.KnockoutCodes()
	for _, code := range pv.score(answers).KnockoutCodes() {
		if !slices.Contains(consensus, code) {
			return true
		}
	}
	return false
}

// agreementCode is an agreement as the score JSON names it.
func agreementCode(a panel.Agreement) string {
	switch a {
	case panel.Majority:
		return "majority"
	case panel.Split:
		return "split"
	case panel.Spread:
		return "spread"
	}
	return "unanimous"
}

// The Markdown report's section on the panel.

// apartShown is how many of the questions that set an evaluator apart are named;
// the rest are counted.
const apartShown = 5

// panelSection writes who was on the panel, each vendor's consensus total beside
// every evaluator's, then per vendor where the panel agreed and where it did not,
// who sits apart and why, and the lead's decisions.
func (r *mdReport) panelSection() {
	if r.panels == nil {
		return
	}
	r.line("## ", r.lang.Pick("评估小组", "The panel"))
	r.line()
	r.line(r.label("小组成员", "Evaluators"), r.panelMembers(), "  ")
	if r.s.Blind {
		r.line(r.label("盲评", "Blind mode"), r.lang.Pick("是,每位评估人提交之前看不到其他人对同一服务商的回答。",
			"yes — no evaluator saw the others' answers to a vendor before submitting their own."))
	} else {
		r.line(r.label("盲评", "Blind mode"), r.lang.Pick("否,评估人可以看到彼此的回答。", "no — evaluators could see each other's answers."))
	}
	r.line()
	if len(r.s.Vendors) == 0 {
		return
	}
	r.line(r.lang.Pick("每家服务商按小组的共识答案评分(规则见“评分方法”);下表是每位评估人按自己的回答得出的总分。",
		"Each vendor is judged by the panel's consensus answers (the rules are under \"How the scores work\"); below, each evaluator's own answers scored."))
	r.line()
	r.panelTotals()
	for _, i := range r.sc.order {
		r.panelVendor(i)
	}
}

// panelMembers names the panel in its order with each one's role: "Wang Min (lead),
// Li Na, Chen Gang".
func (r *mdReport) panelMembers() string {
	names := make([]string, len(r.s.Panel))
	for k, e := range r.s.Panel {
		names[k] = Inline(e.Name)
		if e.Role == rubric.Lead {
			names[k] += r.lang.Pick("(组长)", " (lead)")
		}
	}
	return strings.Join(names, r.lang.Pick("、", ", "))
}

// panelTotals writes each vendor's consensus total beside every evaluator's total
// and their range.
func (r *mdReport) panelTotals() {
	names := panelNames(r.s, r.s.Vendors)
	header := []string{r.lang.Pick("服务商", "Vendor"), r.lang.Pick("共识", "Consensus")}
	for _, name := range names {
		header = append(header, r.nameCell(name))
	}
	header = append(header, r.lang.Pick("范围", "Range"))
	r.b.WriteString(r.tableHead(header, " "+strings.Repeat("r", len(names)+2)))
	for _, i := range r.sc.order {
		pv := r.panels[i]
		row := []string{r.cell(r.s.Vendors[i].Name), r.panelTotal(r.card(i))}
		for _, name := range names {
			m := pv.member(name)
			if m < 0 {
				row = append(row, "—")
				continue
			}
			row = append(row, r.panelTotal(pv.eval.Members[m].Card))
		}
		spread := "—"
		if len(pv.members) > 1 {
			spread = rubric.FormatPoints(pv.eval.Low) + "–" + rubric.FormatPoints(pv.eval.High)
		}
		r.row(append(row, spread)...)
	}
	r.line()
	r.line(r.lang.Pick("“—”表示该评估人尚未评估这家服务商。", "\"—\": the evaluator has not evaluated the vendor yet."))
	r.line()
}

// nameCell is an evaluator's name in a table; a blank one is a dash, so that the
// column still says someone.
func (r *mdReport) nameCell(name string) string {
	c := r.cell(name)
	if strings.TrimSpace(c) == "" {
		return "—"
	}
	return c
}

// panelTotal is a total in the panel's table, a disqualified one marked.
func (r *mdReport) panelTotal(c rubric.Scorecard) string {
	t := rubric.FormatPoints(c.Total)
	if c.Band == rubric.Disqualified {
		t += r.lang.Pick("(一票否决)", " (disqualified)")
	}
	return t
}

// panelVendor writes how the panel judged vendor i.
func (r *mdReport) panelVendor(i int) {
	pv := r.panels[i]
	r.line("### ", r.name(i))
	r.line()
	// With nobody taking part, "nobody has answered" says it all.
	if len(pv.idle) > 0 && len(pv.members) > 0 {
		idle := make([]string, len(pv.idle))
		for k, name := range pv.idle {
			idle[k] = Inline(name)
		}
		r.line(r.label("尚未评估", "Not evaluated yet by"), strings.Join(idle, r.lang.Pick("、", ", ")), "  ")
	}
	r.line(r.label("一致程度", "Agreement"), r.agreementWords(pv))
	r.line()
	if len(pv.members) > 1 {
		r.disagreements(pv)
		r.apart(pv)
	}
	r.decisions(pv)
}

// agreementWords says how far the panel agreed on a vendor: "unanimous on 40 of the
// 46 questions answered; 4 still disputed, 2 decided by the lead."
func (r *mdReport) agreementWords(pv panelVendor) string {
	switch len(pv.members) {
	case 0:
		return r.lang.Pick("还没有评估人回答这家服务商的问题。", "no evaluator has answered this vendor's questions yet.")
	case 1:
		return r.lang.Pick("目前只有", "only ") + Inline(pv.members[0]) +
			r.lang.Pick("评估了这家服务商,没有可比较的回答。", " has evaluated this vendor so far: there are no answers to compare.")
	}
	unanimous, disputed, decided := pv.counts()
	total := strconv.Itoa(unanimous + disputed + decided)
	if r.lang == rubric.ZH {
		return "已作答的 " + total + " 个问题中," + strconv.Itoa(unanimous) + " 个意见一致," +
			strconv.Itoa(disputed) + " 个仍有分歧," + strconv.Itoa(decided) + " 个由组长裁定。"
	}
	return "unanimous on " + strconv.Itoa(unanimous) + " of the " + total + " questions answered; " +
		strconv.Itoa(disputed) + " still disputed, " + strconv.Itoa(decided) + " decided by the lead."
}

// memberHeader is the columns of a table of the members' answers.
func (r *mdReport) memberHeader(pv panelVendor) []string {
	out := make([]string, len(pv.members))
	for k, name := range pv.members {
		out[k] = r.nameCell(name)
	}
	return out
}

// givenWords says each member's answer to a question, cells of a table.
func (r *mdReport) givenWords(q panel.Question) []string {
	rq, _ := rubric.QuestionByID(q.ID)
	out := make([]string, len(q.Given))
	for k, g := range q.Given {
		out[k] = r.cell(r.valueWords(rq, g.Value, g.Known))
	}
	return out
}

// valueWords says an answer to q, "Unknown" when there is none.
func (r *mdReport) valueWords(q rubric.Question, v rubric.Value, known bool) string {
	if !known {
		return r.lang.Pick("未知", "Unknown")
	}
	return rubric.ValueWords(q, v, r.lang)
}

// questionLabel is question id's label, escaped.
func (r *mdReport) questionLabel(id string) string {
	q, _ := rubric.QuestionByID(id)
	return r.cell(q.Label.In(r.lang))
}

// disagreements writes the questions the panel does not agree on and the lead has
// not decided, most points at stake first.
func (r *mdReport) disagreements(pv panelVendor) {
	dis := pv.eval.Disagreements()
	if len(dis) == 0 {
		return
	}
	r.line("#### ", r.lang.Pick("分歧(按涉及分值从高到低)", "Disagreements, most points at stake first"))
	r.line()
	header := append([]string{r.lang.Pick("问题", "Question")}, r.memberHeader(pv)...)
	header = append(header, r.lang.Pick("一致程度", "Agreement"), r.lang.Pick("共识", "Consensus"), r.lang.Pick("涉及分值", "Points at stake"))
	r.b.WriteString(r.tableHead(header, strings.Repeat(" ", len(header)-1)+"r"))
	for _, q := range dis {
		rq, _ := rubric.QuestionByID(q.ID)
		row := append([]string{r.questionLabel(q.ID)}, r.givenWords(q)...)
		consensus := r.valueWords(rq, q.Consensus, q.Known)
		if q.Agreement == panel.Split {
			consensus += r.lang.Pick("(待组长裁定)", " (for the lead to decide)")
		}
		r.row(append(row, r.cell(r.questionAgreementWords(rq, q)), r.cell(consensus), rubric.FormatPoints(q.Stake))...)
	}
	r.line()
	r.line(r.lang.Pick("涉及分值:把每位评估人的回答分别代入共识后,服务商总分的最高与最低之差;一票否决按 0 分计。",
		"Points at stake: the spread of the vendor's total with each evaluator's answer in place of the consensus, a knockout counting as no points at all."))
	r.line()
}

// questionAgreementWords says how far the panel agrees on one question: "majority",
// "split", "numbers 15% apart".
func (r *mdReport) questionAgreementWords(q rubric.Question, pq panel.Question) string {
	switch pq.Agreement {
	case panel.Majority:
		return r.lang.Pick("多数一致", "majority")
	case panel.Split:
		return r.lang.Pick("分歧", "split")
	case panel.Spread:
		if pq.Spread == 0 {
			// The numbers given agree; someone left it unknown.
			return r.lang.Pick("部分评估人未作答", "some did not answer")
		}
		gap := rubric.NumberWords(pq.Spread, q.Unit, r.lang)
		switch {
		case q.ID == "price_month":
			gap = rubric.MoneyWords(pq.Spread, r.lang)
		case q.Unit.EN == "%":
			// 20% and 45% are 25 points apart, not 25% of anything.
			gap = rubric.FormatGrouped(pq.Spread) + r.lang.Pick(" 个百分点", " percentage points")
		}
		return r.lang.Pick("数值不一(相差 "+gap+")", "numbers "+gap+" apart")
	}
	return r.lang.Pick("一致", "unanimous")
}

// apart names the evaluators who sit apart from the panel on a vendor, with the
// questions that make the difference.
func (r *mdReport) apart(pv panelVendor) {
	var apart []int
	for k, m := range pv.eval.Members {
		if m.Apart != nil {
			apart = append(apart, k)
		}
	}
	if len(apart) == 0 {
		return
	}
	r.line("#### ", r.lang.Pick("与小组相距较远的评估人", "Evaluators who sit apart"))
	r.line()
	for _, k := range apart {
		m := pv.eval.Members[k]
		words := []string{}
		if m.Apart.Far {
			words = append(words, r.farWords(m))
		}
		for _, id := range m.Apart.AloneOnKnockout {
			words = append(words, r.aloneWords(pv, k, id))
		}
		if w := r.movedWords(pv, k); w != "" {
			words = append(words, w)
		}
		// Each sentence ends in its own full stop; English puts a space after it.
		sep := " "
		if r.lang == rubric.ZH {
			sep = ""
		}
		r.line("- **", Inline(m.Evaluator), "**", r.lang.Pick("(", " ("), r.memberTotalWords(m.Card), ") — ", strings.Join(words, sep))
	}
	r.line()
}

// memberTotalWords is an evaluator's total in a sentence: "83 points", "66 分,一票否决".
func (r *mdReport) memberTotalWords(c rubric.Scorecard) string {
	t := rubric.FormatPoints(c.Total) + r.lang.Pick(" 分", " points")
	if c.Band == rubric.Disqualified {
		t += r.lang.Pick(",一票否决", ", disqualified")
	}
	return t
}

// farWords says how far an evaluator's total is from the panel's median: "15 points
// above the panel's median of 80."
func (r *mdReport) farWords(m panel.Member) string {
	median := rubric.FormatPoints(m.Card.Total - m.Apart.FromMedian)
	d := m.Apart.FromMedian
	gap := rubric.FormatPoints(max(d, -d))
	above := d > 0
	if r.lang == rubric.ZH {
		side := "低 "
		if above {
			side = "高 "
		}
		return "比小组总分的中位数(" + median + " 分)" + side + gap + " 分。"
	}
	side := " points below"
	if above {
		side = " points above"
	}
	return gap + side + " the panel's median total of " + median + "."
}

// aloneWords says that member k alone gives an answer to question id that raises
// or clears a knockout.
func (r *mdReport) aloneWords(pv panelVendor, k int, id string) string {
	q := pv.question(id)
	rq, _ := rubric.QuestionByID(id)
	g := q.Given[k]
	answer := r.cell(r.valueWords(rq, g.Value, g.Known))
	if r.lang == rubric.ZH {
		effect := "会解除一票否决"
		if pv.raisesKnockout(id, g) {
			effect = "会导致一票否决"
		}
		return "只有其对“" + r.questionLabel(id) + "”回答“" + answer + "”," + effect + "。"
	}
	effect := "which would clear a knockout"
	if pv.raisesKnockout(id, g) {
		effect = "which would disqualify the vendor"
	}
	return "Alone in answering " + answer + " to \"" + r.questionLabel(id) + "\", " + effect + "."
}

// movedWords names the questions where member k's answer moves the consensus total
// most, with the points: "Their answers that would move the consensus most: ISO
// 9001 certified: Yes (+2); …".
func (r *mdReport) movedWords(pv panelVendor, k int) string {
	moved := pv.eval.Members[k].Apart.Questions
	if len(moved) == 0 {
		return ""
	}
	parts := make([]string, 0, apartShown)
	for _, mv := range moved[:min(len(moved), apartShown)] {
		rq, _ := rubric.QuestionByID(mv.ID)
		g := pv.question(mv.ID).Given[k]
		points := rubric.FormatPoints(mv.Points)
		if mv.Points > 0 {
			points = "+" + points
		}
		parts = append(parts, r.questionLabel(mv.ID)+r.lang.Pick(":", ": ")+r.cell(r.valueWords(rq, g.Value, g.Known))+
			r.lang.Pick("(", " (")+points+")")
	}
	words := strings.Join(parts, r.lang.Pick(";", "; "))
	if more := len(moved) - len(parts); more > 0 {
		words += r.lang.Pick(";另有 "+strconv.Itoa(more)+" 个问题", "; and "+strconv.Itoa(more)+" more")
	}
	return r.lang.Pick("其回答代入共识后影响总分最大的:", "Their answers that would move the consensus total most: ") + words + r.lang.Pick("。", ".")
}

// decisions writes the lead's consensus decisions on a vendor: the panel's answers,
// the decision, its reason, who decided and when.
func (r *mdReport) decisions(pv panelVendor) {
	ds := pv.decisions()
	if len(ds) == 0 {
		return
	}
	r.line("#### ", r.lang.Pick("组长裁定", "The lead's decisions"))
	r.line()
	header := append([]string{r.lang.Pick("问题", "Question")}, r.memberHeader(pv)...)
	header = append(header, r.lang.Pick("裁定", "Decision"), r.lang.Pick("理由", "Reason"), r.lang.Pick("裁定人", "Decided by"), r.lang.Pick("时间", "When"))
	r.b.WriteString(r.tableHead(header, ""))
	for _, q := range ds {
		rq, _ := rubric.QuestionByID(q.ID)
		d := q.Decided
		reason := r.cell(d.Reason)
		if strings.TrimSpace(reason) == "" {
			reason = "—"
		}
		by := r.cell(d.By)
		if strings.TrimSpace(by) == "" {
			by = "—"
		}
		row := append([]string{r.questionLabel(q.ID)}, r.givenWords(q)...)
		r.row(append(row, r.cell(r.valueWords(rq, d.Value, d.Known)), reason, by, r.decidedAt(d.At))...)
	}
	r.line()
}

// decidedAt is when a decision was made, in the report's time zone and saying it:
// "2026-05-10 14:20 +08:00", as a reader elsewhere may take the time for theirs;
// "—" when it is not known.
func (r *mdReport) decidedAt(at int64) string {
	if at <= 0 {
		return "—"
	}
	return time.Unix(at, 0).In(r.loc).Format("2006-01-02 15:04 -07:00")
}

// panelRules states the consensus rules in the method section, when a panel
// judged the vendors.
func (r *mdReport) panelRules() {
	if r.panels == nil {
		return
	}
	if r.lang == rubric.ZH {
		r.line("- 评估小组:每位评估人独立作答,服务商按共识答案评分。是/否、单选和多选题只由作答的评估人投票(未作答即弃权,因小组分工作答),取超过半数票的答案,没有过半数的答案即为分歧,共识记为未知;" +
			"数值题取作答者的中位数(居中两个数值取对企业不利的一个)。组长可以裁定任一问题的共识并注明理由,裁定优先于上述规则。" +
			"涉及分值是把每位评估人的回答分别代入共识后总分的最高与最低之差,一票否决按 0 分计。" +
			"小组有三人及以上时,个人总分与小组中位数相差 " + strconv.Itoa(panel.OutlierPoints) + " 分及以上的评估人会被列出;单独给出导致或解除一票否决的回答的评估人也会被列出。")
		return
	}
	r.line("- The panel: each evaluator answers on their own, and a vendor is judged by the consensus. Yes/no questions, choices and sets are voted on by those who answered (one who left a question unknown abstains, as a panel divides the work) and take the answer with more than half the votes; without one the panel is split and the consensus unknown. " +
		"Numbers take the median of those who gave one (of two middle values, the one worse for the client). The lead may decide any question's consensus, with a reason, and that decision stands over the rules. " +
		"The points at stake on a question are the spread of the vendor's total with each evaluator's answer in place of the consensus, a knockout counting as no points. " +
		"An evaluator sits apart when, with three evaluators or more, their total is " + strconv.Itoa(panel.OutlierPoints) + " points or more from the panel's median, or when they alone give an answer that raises or clears a knockout.")
}
