package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/panel"
	"vendorvet/rubric"
)

// A session's vendors are evaluated by a panel: each evaluator answers on their own,
// and a vendor is judged by the panel's consensus (the panel package's rules). The
// screens judge every vendor by it, except in blind review, where an evaluator who
// has not submitted a vendor sees their own answers to it and their own score
// alone, marked as theirs, until they submit it. A lead and a viewer see
// everything (db.Session.SeesAll).

// isLead reports whether the evaluator the session was read as is a lead of its panel.
func isLead(sess *db.Session) bool {
	for _, e := range sess.Panel {
		if e.Name == sess.Acting {
			return e.Role == rubric.Lead
		}
	}
	return false
}

// judged are a session's vendors as the screens judge them, in the session's order:
// by the panel's consensus, or, where own is set, by the acting evaluator's own
// answers and evidence, as blind review hides the others'.
type judged struct {
	vendors []rubric.Vendor
	own     []bool
}

// judge is the session's vendors as the screens judge them.
func judge(sess *db.Session) judged {
	r := sess.Rubric()
	j := judged{vendors: r.Vendors, own: make([]bool, len(sess.Vendors))}
	for i := range sess.Vendors {
		if sess.Blinded(&sess.Vendors[i]) {
			j.vendors[i], j.own[i] = sess.Vendors[i].Vendor, true
		}
	}
	return j
}

// anyOwn reports whether some vendor is judged by the acting evaluator's own answers.
func (j judged) anyOwn() bool {
	for _, o := range j.own {
		if o {
			return true
		}
	}
	return false
}

// ownMark marks a total that is the acting evaluator's own, blind until they submit.
const ownMark = "*"

// ownWords explain ownMark.
func ownWords(c *Common) string {
	return c.Lang.Pick("* 你的评分,提交前盲评", "* your score, blind until you submit")
}

// panelNames are the session's evaluators in the panel's order, with the acting
// evaluator last when they are not on it yet: their first answer adds them.
func panelNames(sess *db.Session) []string {
	out := make([]string, 0, len(sess.Panel)+1)
	found := false
	for _, e := range sess.Panel {
		out = append(out, e.Name)
		found = found || e.Name == sess.Acting
	}
	if !found && sess.Acting != "" {
		out = append(out, sess.Acting)
	}
	return out
}

// answersOf are an evaluator's own answers to v: the acting evaluator's as they
// are on screen, the others' as stored.
func answersOf(sess *db.Session, v *db.Vendor, name string) rubric.Answers {
	if name == sess.Acting {
		return v.Answers
	}
	return v.Panel[name]
}

// panelRange is the lowest and highest of the evaluators' totals for v, each
// scored with the evidence the consensus is scored with; n is how many evaluators
// take part: those who answered or submitted v, as in the consensus.
func panelRange(sess *db.Session, v *db.Vendor, evidence map[string]rubric.Evidence) (lo, hi float64, n int) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, name := range panelNames(sess) {
		a := answersOf(sess, v, name)
		if len(a) == 0 && !v.Submitted[name] {
			continue
		}
		t := rubric.ScoreVendor(sess.Requirements, rubric.Vendor{Answers: a, Evidence: evidence}, sess.Profile).Total
		lo, hi, n = math.Min(lo, t), math.Max(hi, t), n+1
	}
	return lo, hi, n
}

// rangeWords is a range of totals, "62–81", or one total when they are the same.
func rangeWords(lo, hi float64) string {
	if lo == hi {
		return rubric.FormatNumber(lo)
	}
	return rubric.FormatNumber(lo) + "–" + rubric.FormatNumber(hi)
}

// roleWord names an evaluator with their role when they are a lead.
func roleWord(c *Common, e rubric.Evaluator) string {
	if e.Role == rubric.Lead {
		return e.Name + c.Lang.Pick("(组长)", " (lead)")
	}
	return e.Name
}

// notLead is what an evaluator who is no lead is told when they try a lead's change:
// in one line of a narrow terminal's status line.
func notLead(c *Common, what string) tea.Cmd {
	return reportErr(userErr(fmt.Sprintf(c.Lang.Pick("只有组长可以%s;你是评估人。", "Only a lead can %s; you are an evaluator."), what)))
}

// panelScreen is a vendor as its panel evaluated it: per question the answers side by
// side with their agreement, the consensus and the points at stake, the
// disagreements first; the evaluators who sit apart and why. A lead sets the
// consensus of the question in focus, with a reason.
type panelScreen struct {
	c    *Common
	sess *db.Session
	vid  int64
	ev   panel.Vendor
	// order is the questions as listed: the disagreements by points at stake, the
	// decided, then those the panel agrees on.
	order  []panel.Question
	split  int // how many of order are disagreements
	voted  int // how many after them are decided
	cursor int
	top    int
	w, h   int
	keys   panelKeys
}

func newPanelScreen(c *Common, sess *db.Session, vendorID int64) *panelScreen {
	s := &panelScreen{c: c, sess: sess, vid: vendorID, keys: c.keys().Panel}
	s.evaluate()
	return s
}

func (s *panelScreen) vendor() *db.Vendor { return findVendor(s.sess, s.vid) }

// evaluate brings the panel's answers to the vendor together again.
func (s *panelScreen) evaluate() {
	v := s.vendor()
	if v == nil {
		s.ev, s.order = panel.Vendor{}, nil
		return
	}
	s.ev = s.sess.Evaluate(v)
	split := s.ev.Disagreements()
	var decided, agreed []panel.Question
	for _, q := range s.ev.Questions {
		switch {
		case q.Decided != nil:
			decided = append(decided, q)
		case !q.Differs():
			agreed = append(agreed, q)
		}
	}
	s.order = append(append(split, decided...), agreed...)
	s.split, s.voted = len(split), len(decided)
	s.cursor = max(0, min(s.cursor, len(s.order)-1))
}

// hidden reports whether blind review hides the others' answers from the acting
// evaluator.
func (s *panelScreen) hidden() bool {
	v := s.vendor()
	return v != nil && s.sess.Blinded(v)
}

func (s *panelScreen) Init() tea.Cmd { return nil }
func (s *panelScreen) Title() string { return s.c.Lang.Pick("评估小组", "Panel") }
func (s *panelScreen) Typing() bool  { return false }
func (s *panelScreen) SetSize(w, h int) {
	s.w, s.h = w, h
}
func (s *panelScreen) openSession() *db.Session { return s.sess }

func (s *panelScreen) ShortHelp() []key.Binding {
	if s.hidden() || len(s.order) == 0 {
		return []key.Binding{s.keys.History, s.keys.Back}
	}
	return []key.Binding{s.keys.Up, s.keys.Decide, s.keys.History, s.keys.Back}
}

func (s *panelScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.PageUp, s.keys.PageDown}, {s.keys.Decide, s.keys.History, s.keys.Back}}
}

func (s *panelScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg, sessionMergedMsg:
		s.evaluate()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *panelScreen) key(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, s.keys.Back):
		return s.c.pop()
	case key.Matches(k, s.keys.History):
		return s.c.push(newHistoryScreen(s.c, s.sess, s.vid))
	case s.hidden():
		// Nothing else to look at before submitting.
	case key.Matches(k, s.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.keys.Down):
		s.cursor = max(0, min(len(s.order)-1, s.cursor+1))
	case key.Matches(k, s.keys.PageUp):
		s.cursor = max(0, s.cursor-s.pageItems())
	case key.Matches(k, s.keys.PageDown):
		s.cursor = max(0, min(len(s.order)-1, s.cursor+s.pageItems()))
	case key.Matches(k, s.keys.Decide) && len(s.order) > 0:
		return s.decide(s.order[s.cursor])
	}
	return nil
}

// pageItems is how many questions a page moves: most take two lines.
func (s *panelScreen) pageItems() int { return max(1, s.listHeight()/2) }

// decide opens the dialog in which a lead sets a question's consensus with a reason.
func (s *panelScreen) decide(pq panel.Question) tea.Cmd {
	c := s.c
	q, ok := rubric.QuestionByID(pq.ID)
	if !ok {
		return nil
	}
	if !isLead(s.sess) {
		return notLead(c, c.Lang.Pick("裁定共识答案", "decide the consensus"))
	}
	vid, sess := s.vid, s.sess
	opts, current := decisionOptions(c, q, pq)
	fields := []formField{
		{key: "answer", label: c.Lang.Pick("共识答案(←/→ 选择)", "Consensus answer (←/→ to choose)"), value: current, options: opts},
		{key: "reason", label: c.Lang.Pick("理由", "Reason"), required: true,
			placeholder: c.Lang.Pick("如:已核对原件", "e.g. checked the original")},
	}
	title := c.Lang.Pick("裁定:", "Decide: ") + q.Label.In(c.Lang)
	f := newFormScreen(c, title, fields, func(vals []string) tea.Cmd {
		value, known := decodeOption(q, vals[0])
		var ptr *rubric.Value
		if known {
			ptr = &value
		}
		reason := vals[1]
		return c.write(title, func(ctx context.Context, st *db.Store) error {
			return st.Decide(ctx, vid, q.ID, ptr, reason)
		}, func() tea.Cmd {
			if v := findVendor(sess, vid); v != nil {
				if v.Decisions == nil {
					v.Decisions = map[string]rubric.Decision{}
				}
				v.Decisions[q.ID] = rubric.Decision{Value: value, Known: known, Reason: reason, By: sess.Acting, At: c.Now().Unix()}
			}
			return tea.Sequence(c.pop(), info(c.Lang.Pick("已裁定:", "Decided: ")+q.Label.In(c.Lang)))
		})
	})
	f.intro = c.Lang.Pick("小组的答案:", "The panel's answers: ") + givenWords(c, q, pq) +
		c.Lang.Pick("。裁定的答案优先于小组规则;理由记入该服务商的修改记录。", ". The answer decided stands over the panel's rule; the reason goes into the vendor's history.")
	return c.push(f.keepDraft(fmt.Sprintf("decide/%d/%s", vid, q.ID), db.DraftOf{SessionID: sess.ID, VendorID: vid}))
}

// decisionOptions are the answers a lead may decide: each answer the panel gave,
// once, and unknown; current is the consensus now. An answer is the option's value
// as its question encodes it, "null" for unknown.
func decisionOptions(c *Common, q rubric.Question, pq panel.Question) ([]formOption, string) {
	var opts []formOption
	seen := map[string]bool{}
	add := func(v *rubric.Value) {
		value := "null"
		if v != nil {
			value = string(q.Encode(*v))
		}
		if !seen[value] {
			seen[value] = true
			opts = append(opts, formOption{value: value, label: rubric.AnswerInline(q, v, c.Lang)})
		}
	}
	current := "null"
	if pq.Known {
		consensus := pq.Consensus
		add(&consensus)
		current = string(q.Encode(consensus))
	}
	for _, g := range pq.Given {
		if g.Known {
			given := g.Value
			add(&given)
		}
	}
	add(nil)
	return opts, current
}

// decodeOption reads a decision's option back; known is false for unknown.
func decodeOption(q rubric.Question, value string) (rubric.Value, bool) {
	if value == "null" {
		return rubric.Value{}, false
	}
	v, err := q.Decode(json.RawMessage(value))
	return v, err == nil
}

// givenWords are the panel's answers to a question side by side: "Wang yes · Li no".
func givenWords(c *Common, q rubric.Question, pq panel.Question) string {
	parts := make([]string, len(pq.Given))
	for i, g := range pq.Given {
		var v *rubric.Value
		if g.Known {
			given := g.Value
			v = &given
		}
		parts[i] = g.Evaluator + " " + rubric.AnswerInline(q, v, c.Lang)
	}
	return strings.Join(parts, " · ")
}

// agreementWord names how far the panel agrees on a question.
func agreementWord(c *Common, a panel.Agreement) string {
	switch a {
	case panel.Majority:
		return c.Lang.Pick("多数", "majority")
	case panel.Split:
		return c.Lang.Pick("分歧", "split")
	case panel.Spread:
		return c.Lang.Pick("不一致", "spread")
	}
	return c.Lang.Pick("一致", "unanimous")
}

// consensusWords say a question's consensus: the answer, or for numbers that differ
// the median and the spread, or the lead's decision and its reason.
func consensusWords(c *Common, q rubric.Question, pq panel.Question) string {
	answer := func(v rubric.Value, known bool) string {
		if !known {
			return rubric.AnswerInline(q, nil, c.Lang)
		}
		return rubric.AnswerInline(q, &v, c.Lang)
	}
	switch {
	case pq.Decided != nil:
		d := pq.Decided
		return fmt.Sprintf(c.Lang.Pick("%s 裁定:%s(%s)", "decided by %s: %s (%s)"), d.By, answer(d.Value, d.Known), d.Reason)
	case pq.Agreement == panel.Spread:
		// The spread as the lowest and highest answers: a difference of multiples
		// or percentages read as one would mislead.
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, g := range pq.Given {
			if g.Known {
				lo, hi = math.Min(lo, g.Value.Num), math.Max(hi, g.Value.Num)
			}
		}
		median := c.Lang.Pick("中位数 ", "median ") + answer(rubric.Value{Num: pq.Median}, true)
		if lo == hi {
			// One number, the others left unknown beside it.
			return median
		}
		return median + fmt.Sprintf(c.Lang.Pick(",范围 %s–%s", ", range %s–%s"), answer(rubric.Value{Num: lo}, true), answer(rubric.Value{Num: hi}, true))
	}
	return c.Lang.Pick("共识:", "consensus: ") + answer(pq.Consensus, pq.Known)
}

// stakeWords say the points a question puts at stake.
func stakeWords(c *Common, stake float64) string {
	return fmt.Sprintf(c.Lang.Pick("相差 %s 分", "%s pts at stake"), rubric.FormatNumber(stake))
}

// signed is a number of points with its sign: "+5", "−20".
func signed(x float64) string {
	if x < 0 {
		return "−" + rubric.FormatNumber(-x)
	}
	return "+" + rubric.FormatNumber(x)
}

// fixedPanelLines are the lines above the scrolled list: the consensus, the
// evaluators and a rule.
const fixedPanelLines = 3

func (s *panelScreen) listHeight() int { return max(1, s.h-fixedPanelLines) }

func (s *panelScreen) View() string {
	c, st := s.c, s.c.Styles
	v := s.vendor()
	if v == nil {
		return st.Faint.Render(c.Lang.Pick("该服务商已不存在。", "This vendor no longer exists."))
	}
	if s.hidden() {
		return s.blindView(v)
	}
	lines := []string{truncate(s.summaryLine(), s.w), truncate(s.membersLine(v), s.w), st.Faint.Render(strings.Repeat("─", s.w))}
	body, starts := s.bodyLines()
	page := s.listHeight()
	s.scrollTo(starts, len(body), page)
	end := min(len(body), s.top+page)
	shown := append([]string(nil), body[s.top:end]...)
	if end < len(body) && len(shown) > 0 {
		shown[len(shown)-1] = st.Faint.Render(fmt.Sprintf(c.Lang.Pick("↓ 还有 %d 行(↓/pgdn)", "↓ %d more lines (↓/pgdn)"), len(body)-end+1))
	}
	return strings.Join(append(lines, shown...), "\n")
}

// scrollTo keeps the question in focus on the page; the first question shows
// what is above it too.
func (s *panelScreen) scrollTo(starts []int, total, page int) {
	if len(starts) == 0 || s.cursor == 0 {
		s.top = 0
		return
	}
	from := starts[s.cursor]
	to := total
	if s.cursor+1 < len(starts) {
		to = starts[s.cursor+1]
	}
	// The last line of a page may say there is more: a block ends above it.
	if to > s.top+page-1 {
		s.top = to - page + 1
	}
	if from < s.top {
		s.top = from
	}
	s.top = max(0, min(s.top, total-1))
}

// summaryLine is the consensus total and band, the range of the evaluators' totals
// and how many submitted.
func (s *panelScreen) summaryLine() string {
	c, st := s.c, s.c.Styles
	card := s.ev.Card
	line := st.PanelTitle.Render(fmt.Sprintf(c.Lang.Pick("共识 %s", "Consensus %s"), rubric.FormatPoints(card.Total))) + "  " + bandWord(c, card.Band)
	var more []string
	if len(s.ev.Members) > 1 {
		more = append(more, c.Lang.Pick("评估人总分 ", "evaluators' totals ")+rangeWords(s.ev.Low, s.ev.High))
	}
	submitted := 0
	for _, name := range panelNames(s.sess) {
		if s.vendor().Submitted[name] {
			submitted++
		}
	}
	more = append(more, fmt.Sprintf(c.Lang.Pick("已提交 %d/%d", "submitted %d/%d"), submitted, len(panelNames(s.sess))))
	return line + st.Faint.Render(" · "+strings.Join(more, " · "))
}

// membersLine names every evaluator with their total for the vendor, "—" for one
// who has not answered it, and ✓ for one who submitted it.
func (s *panelScreen) membersLine(v *db.Vendor) string {
	c := s.c
	totals := map[string]float64{}
	for _, m := range s.ev.Members {
		totals[m.Evaluator] = m.Card.Total
	}
	var parts []string
	for _, name := range panelNames(s.sess) {
		who := roleWord(c, rubric.Evaluator{Name: name, Role: roleOf(s.sess, name)})
		total := "—"
		if t, ok := totals[name]; ok {
			total = rubric.FormatNumber(t)
		}
		part := who + " " + total
		if v.Submitted[name] {
			part += " ✓"
		}
		parts = append(parts, part)
	}
	line := c.Lang.Pick("评估人:", "Evaluators: ") + strings.Join(parts, " · ")
	if len(v.Submitted) > 0 {
		line += c.Lang.Pick("(✓ 已提交)", " (✓ submitted)")
	}
	return line
}

// roleOf is an evaluator's role on the session's panel; one not on it yet is an
// evaluator.
func roleOf(sess *db.Session, name string) rubric.Role {
	for _, e := range sess.Panel {
		if e.Name == name {
			return e.Role
		}
	}
	return rubric.Member
}

// bodyLines are the scrolled part: who sits apart, then every question, each
// starting at the line starts gives by its place in order.
func (s *panelScreen) bodyLines() ([]string, []int) {
	c, st := s.c, s.c.Styles
	var out []string
	for _, m := range s.ev.Members {
		if m.Apart != nil {
			for _, l := range wrapText(s.apartWords(m), s.w) {
				out = append(out, st.Warn.Render(l))
			}
		}
	}
	if len(out) > 0 {
		out = append(out, "")
	}
	if len(s.order) == 0 {
		return append(out, st.Faint.Render(c.Lang.Pick("还没有评估人回答这家服务商的问题。", "No evaluator has answered this vendor's questions yet."))), nil
	}
	starts := make([]int, len(s.order))
	section := func(i int, text string) {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, st.Header.Render(truncate(text, s.w)))
	}
	for i, pq := range s.order {
		switch {
		case i == 0 && s.split > 0:
			section(i, fmt.Sprintf(c.Lang.Pick("分歧 %d 项(相差分数最多的在前)", "Disagreements: %d, most points at stake first"), s.split))
		case i == s.split && s.voted > 0:
			section(i, fmt.Sprintf(c.Lang.Pick("已裁定 %d 项", "Decided: %d"), s.voted))
		case i == s.split+s.voted:
			section(i, fmt.Sprintf(c.Lang.Pick("意见一致 %d 项", "Agreed: %d"), len(s.order)-s.split-s.voted))
		}
		starts[i] = len(out)
		out = append(out, s.questionLines(i, pq)...)
	}
	out = append(out, "")
	for _, l := range wrapText(c.Lang.Pick("相差分数:把每位评估人对该题的答案代入共识后,服务商总分的最高与最低之差;被一票否决按 0 分计。",
		"Points at stake: how far the vendor's total moves between the evaluators' answers to the question, a knockout counting as the whole total."), s.w) {
		out = append(out, st.Faint.Render(l))
	}
	return out, starts
}

// apartWords say why an evaluator sits apart: how far from the median, the
// knockouts only they raise or clear, and the questions that make the difference.
func (s *panelScreen) apartWords(m panel.Member) string {
	c := s.c
	a := m.Apart
	var parts []string
	if a.Far {
		dist := rubric.FormatNumber(math.Abs(a.FromMedian))
		if a.FromMedian > 0 {
			parts = append(parts, fmt.Sprintf(c.Lang.Pick("总分比小组中位数高 %s 分", "%s points above the panel's median"), dist))
		} else {
			parts = append(parts, fmt.Sprintf(c.Lang.Pick("总分比小组中位数低 %s 分", "%s points below the panel's median"), dist))
		}
	}
	if len(a.AloneOnKnockout) > 0 {
		labels := make([]string, len(a.AloneOnKnockout))
		for i, id := range a.AloneOnKnockout {
			labels[i] = questionLabel(c, id)
		}
		parts = append(parts, c.Lang.Pick("仅其一人的答案触发或解除一票否决:", "alone in raising or clearing a knockout: ")+strings.Join(labels, c.Lang.Pick("、", ", ")))
	}
	// The knockouts are named already: their points say nothing of what they weigh.
	var moved []string
	for _, q := range a.Questions {
		if len(moved) < 3 && !slices.Contains(a.AloneOnKnockout, q.ID) {
			moved = append(moved, truncate(questionLabel(c, q.ID), 28)+" "+signed(q.Points))
		}
	}
	if len(moved) > 0 {
		parts = append(parts, c.Lang.Pick("差别来自:", "the difference: ")+strings.Join(moved, c.Lang.Pick("、", ", ")))
	}
	return "! " + m.Evaluator + c.Lang.Pick(" 与小组意见偏离:", " sits apart: ") + strings.Join(parts, c.Lang.Pick(";", "; "))
}

// questionLabel is a question's label, or its id when this version has none.
func questionLabel(c *Common, id string) string {
	if q, ok := rubric.QuestionByID(id); ok {
		return q.Label.In(c.Lang)
	}
	return id
}

// questionLines draw question i of order: its label with the agreement and the
// points at stake, then, where the panel differs or the lead decided, the answers
// side by side and the consensus.
func (s *panelScreen) questionLines(i int, pq panel.Question) []string {
	c, st := s.c, s.c.Styles
	q, _ := rubric.QuestionByID(pq.ID)
	mark := "  "
	if i == s.cursor {
		mark = st.Selected.Render("› ")
	}
	right := agreementWord(c, pq.Agreement)
	if pq.Decided != nil {
		right = c.Lang.Pick("已裁定", "decided")
	}
	if pq.Stake > 0 {
		right += " · " + stakeWords(c, pq.Stake)
	}
	if !pq.Differs() && pq.Decided == nil {
		right += " · " + truncate(consensusWords(c, q, pq), max(8, s.w/3))
	}
	labelW := max(8, s.w-2-width(right)-1)
	label := pad(q.Label.In(c.Lang), labelW)
	if i == s.cursor {
		label = st.Selected.Render(label)
	}
	out := []string{mark + label + " " + right}
	if !pq.Differs() && pq.Decided == nil {
		return out
	}
	detail := givenWords(c, q, pq) + " → " + consensusWords(c, q, pq)
	for _, l := range wrapText(detail, s.w-4) {
		out = append(out, "    "+st.Faint.Render(l))
	}
	return out
}

// blindView is the vendor's panel to an evaluator who has not submitted it in blind
// review: who is on the panel, and nothing of their answers.
func (s *panelScreen) blindView(v *db.Vendor) string {
	c, st := s.c, s.c.Styles
	var names []string
	for _, e := range s.sess.Panel {
		names = append(names, roleWord(c, e))
	}
	lines := []string{st.PanelTitle.Render(truncate(c.Lang.Pick("评估小组:", "The panel: ")+strings.Join(names, c.Lang.Pick("、", ", ")), s.w)), ""}
	text := c.Lang.Pick("盲评进行中:在你提交这家服务商的评估之前,看不到其他评估人的答案与评分。评估完成后,在它的步骤中按 ctrl+s 提交。",
		"Blind review: the other evaluators' answers and scores stay hidden until you submit your evaluation of this vendor. When you are done, press ctrl+s in its steps to submit.")
	lines = append(lines, wrapText(text, s.w)...)
	own := rubric.ScoreVendor(s.sess.Requirements, v.Vendor, s.sess.Profile)
	lines = append(lines, "", fmt.Sprintf(c.Lang.Pick("你的评分:%s(仅你的答案)", "Your score: %s (your answers only)"), rubric.FormatPoints(own.Total))+"  "+bandWord(c, own.Band))
	return strings.Join(lines, "\n")
}
