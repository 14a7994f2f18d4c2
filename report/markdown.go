package report

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"vendorvet/capacity"
	"vendorvet/rubric"
)

// Markdown renders the session as the report a procurement manager sends to their
// boss and legal team (GitHub-flavoured Markdown, in lang): who and when, the
// recommendation first, the comparison, the panel when more than one evaluated (its
// totals, disagreements, outliers and the lead's decisions), the requirements and
// the capacity plan, the agents the volume needs with each vendor's seats and year
// of cost, then per vendor the scorecard with its reasons, knockouts and red flags,
// every answer and the evidence notes. User text is escaped: no control character,
// raw HTML or Markdown structure typed by a user reaches the document.
func Markdown(s rubric.Session, lang rubric.Lang, now time.Time) []byte {
	r := &mdReport{s: s, lang: lang, sc: scoreSession(s), loc: now.Location()}
	r.prepare()
	// Grown once, not doubled and copied a dozen times.
	r.b.Grow(r.sizeEstimate())
	r.header(now)
	r.summary()
	r.comparison()
	r.panelSection()
	r.followups(now)
	r.requirements()
	r.capacityCost()
	r.vendors()
	r.method(now)
	return r.b.Bytes()
}

type mdReport struct {
	b    bytes.Buffer
	s    rubric.Session
	lang rubric.Lang
	sc   scored
	// cells remembers escaped text: a report escapes the same labels and reasons
	// for every vendor, and escaping was a quarter of its time.
	cells map[string]string

	// What every vendor's part needs, worked out once a report rather than once a
	// vendor: the questions and their escaped labels, the steps' headings and
	// tables, the items' names, each vendor's price against the budget.
	questions []mdQuestion // in catalogue order
	steps     []mdStep     // steps 2–7
	items     map[string]string
	prices    []mdPrice
	// cmp sets each vendor's seats and quote beside the capacity the volume needs.
	cmp capacity.Comparison
	// panels is each vendor as the panel judged it; nil without a panel of more
	// than one, whose report is a single evaluator's.
	panels []panelVendor
	// loc is the time zone of the report's date, in which decisions are dated too.
	loc *time.Location
}

// mdQuestion is a question of steps 2–7 as the report shows it.
type mdQuestion struct {
	q *rubric.Question
	// applicable is q.Applicable for the session's requirements.
	applicable bool
	label      string // escaped
	row        string // "| label | ", the start of the question's row of answers
}

// mdStep is a step of the answers: its heading and table header, and its questions
// as indexes into mdReport.questions.
type mdStep struct {
	n         int
	head      string
	questions []int
}

// mdPrice is a vendor's quoted price and how it compares with the budget.
type mdPrice struct{ price, budget string }

// prepare works out what every vendor's part of the report shares.
func (r *mdReport) prepare() {
	r.cells = make(map[string]string, 256)
	r.questions = make([]mdQuestion, len(rubric.Questions))
	for i := range rubric.Questions {
		q := &rubric.Questions[i]
		label := r.cell(q.Label.In(r.lang))
		r.questions[i] = mdQuestion{q: q, applicable: q.Applicable(r.s.Requirements), label: label, row: "| " + label + " | "}
	}
	tableHead := r.tableHead([]string{r.lang.Pick("问题", "Question"), r.lang.Pick("回答", "Answer")}, "")
	for step := 2; step <= 7; step++ {
		st := mdStep{n: step}
		st.head = "##### " + r.lang.Pick("第 "+strconv.Itoa(step)+" 步 · ", "Step "+strconv.Itoa(step)+" · ") +
			r.cell(rubric.StepName(step, r.lang)) + "\n\n" + tableHead
		for i, q := range r.questions {
			if q.q.Step == step {
				st.questions = append(st.questions, i)
			}
		}
		r.steps = append(r.steps, st)
	}
	r.items = make(map[string]string, 20)
	for _, dim := range rubric.Dimensions {
		for _, it := range dim.Items {
			r.items[it.ID] = "| " + it.ID + " | " + r.cell(it.Name.In(r.lang)) + " | "
		}
	}
	r.prices = make([]mdPrice, len(r.s.Vendors))
	for i, v := range r.s.Vendors {
		r.prices[i].price, r.prices[i].budget = priceVsBudget(v.Answers, r.s.Requirements, r.lang)
	}
	r.cmp = capacity.Compare(r.s.Requirements, r.s.Vendors, r.sc.cards)
	r.panels = evaluatePanel(r.s, r.sc.profile)
}

// sizeEstimate is a little more than the report will take: at most about 8.5 KB a vendor
// besides what the evaluator wrote, which escaping and quoting lengthen a little; a
// vendor's name is written three times, once more in the capacity and cost section.
func (r *mdReport) sizeEstimate() int {
	n := 20 << 10
	n += len(r.s.Requirements.Notes) + len(r.s.Requirements.UserProfile)
	for _, v := range r.s.Vendors {
		n += 8<<10 + 3*len(v.Name) + 2*len(v.Contact)
		for _, note := range v.Notes {
			n += len(note) + len(note)/4
		}
		if judgedByPanel(r.s) {
			// The panel's part: totals, disagreements, who sits apart, decisions.
			n += 4 << 10
		}
	}
	return n
}

// cell is Cell, remembered for the report. Text that Cell leaves as it is, most
// answers and reasons, is neither looked up nor remembered.
func (r *mdReport) cell(s string) string {
	if plainCell(s) {
		return s
	}
	if c, ok := r.cells[s]; ok {
		return c
	}
	if r.cells == nil {
		r.cells = map[string]string{}
	}
	c := Cell(s)
	r.cells[s] = c
	return c
}

// line writes one line of Markdown.
func (r *mdReport) line(parts ...string) {
	for _, p := range parts {
		r.b.WriteString(p)
	}
	r.b.WriteByte('\n')
}

// tableHead is the header and delimiter rows of a GFM table, the header already
// escaped; align has an 'r' for each column aligned right. The rows follow with row,
// and a blank line ends the table.
func (r *mdReport) tableHead(header []string, align string) string {
	seps := make([]string, len(header))
	for i := range seps {
		seps[i] = "---"
		if i < len(align) && align[i] == 'r' {
			seps[i] = "---:"
		}
	}
	return "| " + strings.Join(header, " | ") + " |\n|" + strings.Join(seps, "|") + "|\n"
}

// row writes one row of a table; every cell must already be escaped.
func (r *mdReport) row(cells ...string) {
	r.b.WriteString("| ")
	for i, c := range cells {
		if i > 0 {
			r.b.WriteString(" | ")
		}
		r.b.WriteString(c)
	}
	r.b.WriteString(" |\n")
}

func (r *mdReport) header(now time.Time) {
	title := r.s.Title
	if strings.TrimSpace(r.cell(title)) == "" {
		title = r.lang.Pick("客服外包服务商评估报告", "Customer-service outsourcing vendor evaluation")
	}
	r.line("# ", Inline(title))
	r.line()
	label := func(zh, en, value string) string {
		if strings.TrimSpace(value) == "" {
			value = "—"
		}
		return r.label(zh, en) + value
	}
	r.line(label("委托方", "Client", Inline(r.s.Client)), "  ")
	r.line(label("评估人", "Evaluator", Inline(r.s.Evaluator)), "  ")
	r.line(label("日期", "Date", now.Format("2006-01-02")), "  ")
	r.line(label("权重方案", "Weight profile", r.cell(r.sc.profile.Label(r.lang))))
	r.line()
}

// label is a bold lead-in such as "**Backup:** ". In Chinese the colon stays outside
// the bold: "**备选**:" — a closing ** after punctuation and before a CJK letter would
// not close (CommonMark flanking rules) and the asterisks would show.
func (r *mdReport) label(zh, en string) string {
	if r.lang == rubric.ZH {
		return "**" + zh + "**:"
	}
	return "**" + en + ":** "
}

func (r *mdReport) card(i int) rubric.Scorecard { return r.sc.cards[i] }
func (r *mdReport) name(i int) string           { return Inline(r.s.Vendors[i].Name) }

func (r *mdReport) summary() {
	r.line("## ", r.lang.Pick("结论与建议", "Recommendation"))
	r.line()
	if len(r.s.Vendors) == 0 {
		r.line(r.lang.Pick("尚未添加服务商,暂无结论。", "No vendors have been added yet, so there is no recommendation."))
		r.line()
		return
	}
	// The recommendation speaks of vendors whose verdict is settled; an unfinished
	// one is listed with what it still lacks.
	var backups, unfinished, rejects, disqualified []int
	best := -1
	for _, i := range r.sc.order {
		switch c := r.card(i); {
		case c.Band == rubric.Disqualified:
			disqualified = append(disqualified, i)
		case c.Band == rubric.Reject:
			rejects = append(rejects, i)
		case c.Band == rubric.Incomplete:
			unfinished = append(unfinished, i)
		case best < 0:
			best = i
		default:
			backups = append(backups, i)
		}
	}
	switch {
	case best < 0 && len(unfinished) > 0:
		r.line(r.lang.Pick("**暂无推荐:** 结论已定的服务商中没有一家在无一票否决项的情况下达到 70 分;",
			"**No recommendation yet:** no vendor with a settled verdict reaches 70 points without a knockout, and "),
			r.unfinishedCount(len(unfinished)), r.lang.Pick(",完成后再作决定。", ": finish them before deciding."))
	case best < 0:
		r.line(r.lang.Pick("**不推荐任何服务商:** 没有一家在无一票否决项的情况下达到 70 分。",
			"**No vendor is recommended:** none reaches 70 points without a knockout."))
	default:
		c := r.card(best)
		price, budget := r.prices[best].price, r.prices[best].budget
		if c.Band == rubric.Excellent {
			r.line(r.lang.Pick("**推荐:", "**Recommended: "), r.name(best), "** — ", r.cell(rubric.VerdictWords(c, r.lang)), r.lang.Pick("。", "."),
				r.lang.Pick("月报价 ", " Quoted "), price, r.lang.Pick(",", " a month, "), budget, r.lang.Pick("。", "."))
		} else {
			r.line(r.lang.Pick("**没有服务商达到 85 分的优质线。** 最佳人选为 ", "**No vendor reaches the excellent band (85).** The best candidate is "),
				"**", r.name(best), "** — ", r.cell(rubric.VerdictWords(c, r.lang)), r.lang.Pick(";建议补足其短板后再签约。", "; close its gaps before signing."),
				r.lang.Pick("月报价 ", " Quoted "), price, r.lang.Pick(",", " a month, "), budget, r.lang.Pick("。", "."))
		}
		if c.Provisional {
			r.line()
			r.line(r.lang.Pick("签约前请补齐未回答的问题,评分可能变化。", "Answer the open questions before signing: the score may still change."))
		}
		overtake := 0
		for _, i := range unfinished {
			if r.card(i).Potential > c.Total {
				overtake++
			}
		}
		if overtake > 0 {
			r.line()
			if r.lang == rubric.ZH {
				r.line(strconv.Itoa(overtake), " 家评估未完成的服务商答完后可能超过它(见下),定案前请先完成评估。")
			} else {
				r.line(map[bool]string{true: "A vendor", false: strconv.Itoa(overtake) + " vendors"}[overtake == 1],
					" still being evaluated could overtake it once answered (see below): finish the evaluation before deciding.")
			}
		}
	}
	r.line()
	for _, i := range backups {
		c := r.card(i)
		r.line("- ", r.label("备选", "Backup"), r.name(i), " — ",
			r.cell(rubric.Sentences(r.lang, rubric.PointsWords(c, r.lang)+r.lang.Pick("。", "."), rubric.FlagsWords(c, r.lang))))
	}
	for _, i := range unfinished {
		c := r.card(i)
		r.line("- ", r.label("评估未完成", "Unfinished"), r.name(i), " — ",
			r.cell(rubric.Sentences(r.lang, rubric.NowUpToWords(c, r.lang)+r.lang.Pick("。", "."),
				r.missingWords(i), rubric.FlagsWords(c, r.lang))))
	}
	for _, i := range rejects {
		c := r.card(i)
		r.line("- ", r.label("放弃", "Reject"), r.name(i), " — ",
			r.cell(rubric.Sentences(r.lang, rubric.PointsWords(c, r.lang)+r.lang.Pick(",低于 70 分。", ", below 70."),
				rubric.WeakestWords(c, r.lang), rubric.FlagsWords(c, r.lang))))
	}
	for _, i := range disqualified {
		c := r.card(i)
		r.line("- ", r.label("一票否决", "Disqualified"), r.name(i), " — ",
			r.cell(rubric.DisqualifiedWords(c, r.lang)), r.lang.Pick("。", "."))
	}
	if len(backups)+len(unfinished)+len(rejects)+len(disqualified) > 0 {
		r.line()
	}
	r.line(r.label("排名稳定性", "Ranking stability"), stabilityWords(r.sc, r.lang, r.name))
	r.line()
}

// unfinishedCount says how many vendors are still being evaluated: "2 vendors are
// still being evaluated", "2 家服务商评估未完成".
func (r *mdReport) unfinishedCount(n int) string {
	if r.lang == rubric.ZH {
		return strconv.Itoa(n) + " 家服务商评估未完成"
	}
	if n == 1 {
		return "1 vendor is still being evaluated"
	}
	return strconv.Itoa(n) + " vendors are still being evaluated"
}

// missingWords says what vendor i has still to answer: how many questions, in which
// steps, for which items: "34 questions unanswered (step 2: 9, step 3: 13), in items
// A1, A2, B2, B3.". A few items are named in full.
func (r *mdReport) missingWords(i int) string {
	a, c := r.s.Vendors[i].Answers, r.card(i)
	var steps []string
	for _, st := range r.steps {
		open := 0
		for _, qi := range st.questions {
			if q := r.questions[qi]; q.applicable && !a.Known(*q.q) {
				open++
			}
		}
		if open > 0 {
			steps = append(steps, r.lang.Pick("第 "+strconv.Itoa(st.n)+" 步 "+strconv.Itoa(open)+" 个",
				"step "+strconv.Itoa(st.n)+": "+strconv.Itoa(open)))
		}
	}
	var items []rubric.ItemScore
	asked := 0 // the items with questions at all
	for _, it := range c.Items {
		if it.Questions > 0 {
			asked++
		}
		if it.Answered < it.Questions {
			items = append(items, it)
		}
	}
	words := rubric.UnansweredWords(c, r.lang)
	if len(steps) > 0 {
		words += r.lang.Pick("(", " (") + strings.Join(steps, r.lang.Pick("、", ", ")) + ")"
	}
	switch {
	case len(items) > 4 && len(items) == asked:
		n := strconv.Itoa(len(items))
		words += r.lang.Pick(",涉及全部 "+n+" 个评分项", ", in all "+n+" items")
	case len(items) > 0:
		names := make([]string, len(items))
		for k, it := range items {
			names[k] = it.ID
			if len(items) <= 4 {
				item, _, _ := rubric.ItemByID(it.ID)
				names[k] += " " + item.Name.In(r.lang)
			}
		}
		words += r.lang.Pick(",涉及评分项 ", ", in items ") + strings.Join(names, r.lang.Pick("、", ", "))
	}
	return words + r.lang.Pick("。", ".")
}

func (r *mdReport) comparison() {
	if len(r.s.Vendors) == 0 {
		return
	}
	r.line("## ", r.lang.Pick("横向对比", "Comparison"))
	r.line()
	header := []string{"#", r.lang.Pick("服务商", "Vendor")}
	for d, dim := range rubric.Dimensions {
		header = append(header, fmt.Sprintf("%s %s (%s)", dim.ID, r.cell(dim.Name.In(r.lang)), rubric.FormatNumber(r.sc.profile.Weights[d])))
	}
	header = append(header, r.lang.Pick("总分 (100)", "Total (100)"), r.lang.Pick("结论", "Band"), r.lang.Pick("完成度", "Answered"),
		r.lang.Pick("月报价", "Price / month"), r.lang.Pick("对比预算", "vs budget"))
	// The best value in each score column is bold.
	bestDim := make([]rubric.Best, len(rubric.Dimensions))
	for d := range bestDim {
		bestDim[d] = r.bestInRow(func(c rubric.Scorecard) float64 { return c.Dimensions[d].Points })
	}
	bestTotal := r.bestInRow(func(c rubric.Scorecard) float64 { return c.Total })
	r.b.WriteString(r.tableHead(header, "r rrrrr"))
	row := make([]string, 0, len(header))
	for pos, i := range r.sc.order {
		c := r.card(i)
		rank := strconv.Itoa(pos + 1)
		if c.Band == rubric.Disqualified {
			rank = "—"
		}
		row = append(row[:0], rank, r.cell(r.s.Vendors[i].Name))
		for d, ds := range c.Dimensions {
			row = append(row, marked(bestDim[d], c, ds.Points))
		}
		total := marked(bestTotal, c, c.Total)
		if c.HasPotential() {
			total += r.lang.Pick(",", ", ") + rubric.UpToWords(c.Potential, r.lang)
		}
		answered := strconv.Itoa(c.Answered) + "/" + strconv.Itoa(c.Applicable)
		row = append(row, total, r.cell(rubric.BandWords(c, r.lang)), answered, r.prices[i].price, r.prices[i].budget)
		r.row(row...)
	}
	r.line()
	r.line(r.lang.Pick("括号内为各维度在当前权重方案下的满分;每列最高分加粗(只比较仍在考虑之列的服务商:优质或合格、结论已定)。"+
		"“暂定”表示仍有问题未回答,分数最高可达所示数值;“评估未完成”表示答完后可能进入更高一档,暂不下结论。被一票否决的服务商不参与排名。",
		"Each dimension's maximum under the weight profile is in brackets; the best score in each column is in bold (among the vendors in contention only: excellent or qualified, verdict settled). "+
			"\"Provisional\" means questions are still unanswered and the score may rise up to the figure shown; \"evaluation unfinished\" means answering them could lift the vendor into a better band, so it has no verdict yet. "+
			"Disqualified vendors are not ranked."))
	r.line()
}

// bestInRow is the best of a score column among the vendors in contention, as the
// comparison screen finds it.
func (r *mdReport) bestInRow(value func(rubric.Scorecard) float64) rubric.Best {
	return rubric.BestInRow(r.sc.cards, func(i int) (float64, bool) { return value(r.sc.cards[i]), true }, false)
}

// marked prints a vendor's value in the column, bold when it is the best.
func marked(b rubric.Best, c rubric.Scorecard, v float64) string {
	if b.Marks(c, v) {
		return "**" + rubric.FormatPoints(v) + "**"
	}
	return rubric.FormatPoints(v)
}

// followups lists the open questions someone is finding out, soonest due first,
// those past their day marked.
func (r *mdReport) followups(now time.Time) {
	type open struct {
		vendor int
		q      rubric.Question
		f      rubric.Followup
	}
	var all []open
	for vi, v := range r.s.Vendors {
		for _, id := range v.OpenFollowups() {
			q, _ := rubric.QuestionByID(id)
			all = append(all, open{vi, q, v.Followups[id]})
		}
	}
	if len(all) == 0 {
		return
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].f.Due < all[j].f.Due })
	r.line("## ", r.lang.Pick("待确认事项", "Follow-ups"))
	r.line()
	r.b.WriteString(r.tableHead([]string{r.lang.Pick("服务商", "Vendor"), r.lang.Pick("问题", "Question"),
		r.lang.Pick("由谁跟进", "Who finds out"), r.lang.Pick("到期日", "Due")}, ""))
	for _, o := range all {
		due := o.f.Due
		if o.f.Overdue(now) {
			due += r.lang.Pick(" **已逾期**", " **overdue**")
		}
		r.row(r.cell(r.s.Vendors[o.vendor].Name), r.cell(o.q.Label.In(r.lang)), r.cell(o.f.Owner), due)
	}
	r.line()
}

func (r *mdReport) requirements() {
	r.line("## ", r.lang.Pick("核心需求(第 1 步)", "Requirements (step 1)"))
	r.line()
	r.b.WriteString(r.tableHead([]string{r.lang.Pick("项目", "Requirement"), r.lang.Pick("内容", "Value")}, ""))
	for _, f := range rubric.RequirementFields {
		if f.Plan {
			continue // in the capacity plan below
		}
		r.row(r.cell(f.Name.In(r.lang)), r.cell(f.Words(r.s.Requirements, r.lang)))
	}
	r.line()
	r.capacityPlan()
}

func (r *mdReport) vendors() {
	if len(r.s.Vendors) == 0 {
		return
	}
	r.line("## ", r.lang.Pick("服务商详情", "Vendor details"))
	r.line()
	for pos, i := range r.sc.order {
		r.vendor(pos+1, i)
	}
}

func (r *mdReport) vendor(rank, i int) {
	v, c := r.s.Vendors[i], r.card(i)
	if c.Band == rubric.Disqualified {
		r.line("### ", r.name(i), r.lang.Pick("(一票否决)", " (disqualified)"))
	} else {
		r.line("### ", strconv.Itoa(rank), ". ", r.name(i))
	}
	r.line()
	r.line(r.label("结论", "Verdict"), r.cell(rubric.VerdictWords(c, r.lang)), "  ")
	r.line(r.label("完成度", "Answered"), r.cell(rubric.AnsweredWords(c, r.lang)), "  ")
	r.line(r.label("月报价", "Quoted price"), r.prices[i].price, r.lang.Pick(",", " — "), r.prices[i].budget, "  ")
	contact := Inline(v.Contact)
	if strings.TrimSpace(contact) == "" {
		contact = "—"
	}
	r.line(r.label("联系人", "Contact"), contact)
	r.line()
	if len(c.Knockouts) > 0 {
		r.line(r.label("一票否决项", "Knockouts (disqualifying)"))
		r.line()
		r.findingList(c.Knockouts)
	}
	if len(c.Flags) > 0 {
		r.line(r.label("风险提示", "Red flags"))
		r.line()
		r.findingList(c.Flags)
	}
	r.openQuestions(v.Answers)
	r.scorecard(c)
	r.answers(v)
}

func (r *mdReport) findingList(fs []rubric.Finding) {
	for _, f := range fs {
		r.line("- ", r.cell(rubric.FindingWords(f, r.lang)))
	}
	r.line()
}

// openQuestions lists the applicable questions still unanswered, if any.
func (r *mdReport) openQuestions(a rubric.Answers) {
	sep := r.lang.Pick("、", "; ")
	open := 0
	for _, q := range r.questions {
		if !q.applicable || a.Known(*q.q) {
			continue
		}
		if open == 0 {
			r.b.WriteString(r.label("待确认", "Still to confirm"))
		} else {
			r.b.WriteString(sep)
		}
		r.b.WriteString(q.label)
		open++
	}
	if open > 0 {
		r.b.WriteString("\n\n")
	}
}

func (r *mdReport) scorecard(c rubric.Scorecard) {
	r.line("#### ", r.lang.Pick("评分明细", "Scorecard"))
	r.line()
	r.b.WriteString(r.tableHead([]string{r.lang.Pick("编号", "Item"), r.lang.Pick("评分项", "Name"), r.lang.Pick("得分", "Points"), r.lang.Pick("依据", "Basis")}, "  r"))
	for d, dim := range rubric.Dimensions {
		ds := c.Dimensions[d]
		r.b.WriteString("| **" + dim.ID + "** | **" + r.cell(dim.Name.In(r.lang)) + "** | **")
		r.b.WriteString(rubric.OutOf(float64(ds.Raw), float64(ds.Max)))
		r.b.WriteString("** | ")
		r.b.WriteString(r.cell(rubric.WeightedWords(ds, r.lang)))
		r.b.WriteString(" |\n")
		for _, it := range c.Items {
			if it.ID[:1] != dim.ID {
				continue
			}
			r.itemRow(c, it)
		}
	}
	r.row("", "**"+r.lang.Pick("总分", "Total")+"**", "**"+rubric.OutOf(c.Total, 100)+"**", r.cell(c.Band.Label(r.lang)))
	r.line()
}

// itemRow writes the row of item it of card c: its points and the reasons for them.
func (r *mdReport) itemRow(c rubric.Scorecard, it rubric.ItemScore) {
	head, ok := r.items[it.ID]
	if !ok {
		item, _, _ := rubric.ItemByID(it.ID)
		head = "| " + it.ID + " | " + r.cell(item.Name.In(r.lang)) + " | "
	}
	r.b.WriteString(head)
	r.b.WriteString(r.cell(rubric.ItemPointsWords(c, it, r.lang)))
	r.b.WriteString(" | ")
	r.b.WriteString(r.cell(rubric.ReasonWords(it, r.lang)))
	r.b.WriteString(" |\n")
}

func (r *mdReport) answers(v rubric.Vendor) {
	r.line("#### ", r.lang.Pick("回答与证据", "Answers and evidence"))
	r.line()
	for _, st := range r.steps {
		r.b.WriteString(st.head)
		for _, qi := range st.questions {
			q := &r.questions[qi]
			if q.q.Unused(v.Answers) {
				continue // a price of a billing model not offered
			}
			r.b.WriteString(q.row)
			r.b.WriteString(r.cell(answerWords(q.q, q.applicable, v.Answers, r.lang)))
			if e, ok := v.Evidence[q.q.ID]; ok {
				r.b.WriteString(r.lang.Pick(";凭证:", "; evidence: "))
				r.b.WriteString(r.cell(rubric.EvidenceWords(e, r.lang)))
			}
			r.b.WriteString(" |\n")
		}
		r.line()
		if note := Quote(v.Notes[st.n]); note != "" {
			r.line(r.lang.Pick("*评估人备注*:", "*Evaluator's notes:*"))
			r.line()
			r.line(note)
			r.line()
		}
	}
}

func (r *mdReport) method(now time.Time) {
	r.line("## ", r.lang.Pick("评分方法", "How the scores work"))
	r.line()
	if r.lang == rubric.ZH {
		r.line("- 四维评分表满分 100 分:资质与合规性 20、服务能力匹配度 35、考核与数据能力 25、合作细节与风险控制 20;权重方案按比例换算各维度得分。")
		r.line("- 85 分及以上为优质合作方,70–84 分为合格备选,69 分及以下果断放弃。")
		r.line("- 一票否决:缺少必需资质、不签保密协议、客户数据不归属企业、强监管行业无合规备案——无论总分多少均不予考虑。")
		r.line("- 凭证:会导致一票否决的问题回答“是”却没有凭证或仅有服务商口述的,标为“未经核实”;资质在核查时已过期即一票否决,认证过期为风险提示。")
		r.line("- 未回答的问题计 0 分。答完后可能进入更高一档的服务商记为“评估未完成”,暂不下结论,也不参与推荐;答完也无法进入更高一档的,按当前总分定档并标为“暂定”。“最高可达”是所有未答问题取最佳答案时的总分;被一票否决者不计。")
		r.line("- 容量与成本:最忙半小时所需坐席按 Erlang C 计算(填写客户耐心时按 Erlang A),平日与高峰日分别计算;服务商的每种计费方式都折算为平常月、高峰月、全年和每次咨询的成本,含每月隐性费用和一次性费用;只在能覆盖高峰且未被一票否决的服务商中指出全年成本最低的一家。")
		r.line(fmt.Sprintf("- 排名稳定性:将任一维度权重上下调整 %d 分(其余维度按比例调整),检查仍在考虑之列(优质或合格、结论已定)的前两家顺序是否改变。", rubric.ShiftStep))
		r.panelRules()
		r.line()
		r.line("*由 vendorvet 于 ", now.Format("2006-01-02"), " 生成。*")
	} else {
		r.line("- The four-dimension scorecard totals 100 points: qualification & compliance 20, service capability fit 35, KPI & data capability 25, cooperation & risk control 20; a weight profile rescales each dimension.")
		r.line("- 85 or more: excellent, the preferred partner; 70–84: qualified, a backup; 69 or less: reject.")
		r.line("- Knockouts: a missing required licence, refusing an NDA, the client not owning the customer data, or no compliance filing in a regulated industry disqualify a vendor whatever its total.")
		r.line("- Evidence: a question whose \"no\" disqualifies, answered yes with no evidence or the vendor's word only, is flagged as not verified; a licence expired when it was checked disqualifies, an expired certificate is a red flag.")
		r.line("- Unanswered questions score 0. A vendor whose open questions could lift it into a better band is \"evaluation unfinished\": it has no verdict yet and is not recommended; one that cannot leave its band is judged by its total and marked provisional. \"Up to\" is the total if every open question got its best answer; a disqualified vendor has none.")
		r.line("- Capacity and cost: the agents for the busiest half hour of a normal and of a peak day by Erlang C (Erlang A where a patience is given); every billing model a vendor offers is turned into a normal month, a peak month, a year and a contact, monthly hidden fees and one-off fees included; the cheapest for the year is named only among the vendors that cover the peak and are not disqualified.")
		r.line(fmt.Sprintf("- Ranking stability: each dimension weight is moved by ±%d points (the others re-normalised) to see whether the top two in contention (excellent or qualified, verdict settled) swap places.", rubric.ShiftStep))
		r.panelRules()
		r.line()
		r.line("*Generated by vendorvet on ", now.Format("2006-01-02"), ".*")
	}
}
