package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// sessionScreen lists a session's vendors with their live totals and leads to the
// requirements, a vendor's wizard, the comparison and the export.
type sessionScreen struct {
	c     *Common
	sess  *db.Session
	cards []rubric.Scorecard
	// own marks the cards that are the acting evaluator's own, in blind review.
	own []bool
	// monitored are the vendors whose trial or contract is followed (o).
	monitored map[int64]bool
	cursor    int
	w, h      int
	keys      sessionKeys
}

func newSessionScreen(c *Common, sess *db.Session) *sessionScreen {
	s := &sessionScreen{c: c, sess: sess}
	s.keys = c.keys().Session
	s.rescore()
	s.readMonitored()
	return s
}

// readMonitored reads which vendors are followed after signing; the list marks
// them. A failed read marks none: the monitoring screen says what went wrong.
func (s *sessionScreen) readMonitored() {
	ctx, cancel := s.c.ctx()
	defer cancel()
	ids, err := s.c.Store.EngagedVendors(ctx, s.sess.ID)
	s.monitored = map[int64]bool{}
	if err == nil {
		for _, id := range ids {
			s.monitored[id] = true
		}
	}
}

// monitoredMark marks a vendor followed after signing.
const monitoredMark = "◉"

func (s *sessionScreen) Init() tea.Cmd    { return nil }
func (s *sessionScreen) Title() string    { return s.sess.Title }
func (s *sessionScreen) Typing() bool     { return false }
func (s *sessionScreen) SetSize(w, h int) { s.w, s.h = w, h }

func (s *sessionScreen) ShortHelp() []key.Binding {
	if len(s.sess.Vendors) == 0 {
		return []key.Binding{s.keys.Add, s.keys.Requirements, s.keys.Capacity, s.keys.Back}
	}
	keys := []key.Binding{s.keys.Open, s.keys.Add, s.keys.Requirements, s.keys.Compare, s.keys.Capacity, s.keys.Export, s.keys.Back}
	if isLead(s.sess) {
		// The help line leaves out, whole, what does not fit: the panel's keys last
		// but the monitoring's, which is for after the choice.
		keys = append(keys, s.keys.Blind, s.keys.AddEvaluator)
	}
	return append(keys, s.keys.Monitor)
}

func (s *sessionScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{s.keys.Up, s.keys.Down, s.keys.Open, s.keys.Back},
		{s.keys.Add, s.keys.Rename, s.keys.Remove},
		{s.keys.Requirements, s.keys.Compare, s.keys.Capacity, s.keys.Export, s.keys.Monitor},
		{s.keys.Blind, s.keys.AddEvaluator},
	}
}

// rescore scores every vendor from what is in memory, the same data the wizard
// edits, as the panel judges it (judge).
func (s *sessionScreen) rescore() {
	j := judge(s.sess)
	s.cards = scoreJudged(s.sess, j, s.cards)
	s.own = j.own
	s.cursor = max(0, min(s.cursor, len(s.sess.Vendors)-1))
}

func (s *sessionScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		s.rescore()
		s.readMonitored()
	case vendorsChangedMsg:
		// A vendor was added, renamed or removed: read the list again, keeping the
		// answers in memory, which may be ahead of the store while saves are queued.
		s.refreshVendors(msg.focus)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

// vendorsChangedMsg says the vendor list changed in the store.
type vendorsChangedMsg struct{ focus int64 }

func (s *sessionScreen) refreshVendors(focus int64) {
	fresh, err := loadSession(s.c, s.sess.ID)
	if err != nil {
		return
	}
	mem := map[int64]db.Vendor{}
	for _, v := range s.sess.Vendors {
		mem[v.ID] = v
	}
	for i, v := range fresh.Vendors {
		if m, ok := mem[v.ID]; ok {
			fresh.Vendors[i].Answers, fresh.Vendors[i].Notes = m.Answers, m.Notes
		}
		if v.ID == focus {
			s.cursor = i
		}
	}
	s.sess.Vendors = fresh.Vendors
	s.rescore()
}

func (s *sessionScreen) key(k tea.KeyMsg) tea.Cmd {
	c := s.c
	has := s.cursor < len(s.sess.Vendors)
	switch {
	case key.Matches(k, s.keys.Back):
		return c.pop()
	case key.Matches(k, s.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.keys.Down):
		s.cursor = min(len(s.sess.Vendors)-1, s.cursor+1)
	case key.Matches(k, s.keys.Requirements):
		return c.push(newRequirementsScreen(c, s.sess))
	case key.Matches(k, s.keys.Add):
		return c.push(s.vendorForm(nil))
	case key.Matches(k, s.keys.Open) && has:
		return c.push(s.openVendor(s.cursor))
	case key.Matches(k, s.keys.Rename) && has:
		return c.push(s.vendorForm(&s.sess.Vendors[s.cursor]))
	case key.Matches(k, s.keys.Compare) && has:
		return c.push(newCompareScreen(c, s.sess))
	case key.Matches(k, s.keys.Capacity):
		return c.push(newCapacityScreen(c, s.sess))
	case key.Matches(k, s.keys.Export):
		return openExport(c, s.sess.ID)
	case key.Matches(k, s.keys.Monitor) && has:
		return openMonitoring(c, s.sess, s.sess.Vendors[s.cursor].ID)
	case key.Matches(k, s.keys.Blind):
		return s.toggleBlind()
	case key.Matches(k, s.keys.AddEvaluator):
		return s.evaluatorForm()
	case key.Matches(k, s.keys.Remove) && has:
		v := s.sess.Vendors[s.cursor]
		return c.push(newConfirmScreen(c, c.Lang.Pick("移除服务商", "Remove vendor"),
			fmt.Sprintf(c.Lang.Pick("移除「%s」及其全部答案和备注?", "Remove “%s” with all its answers and notes?"), v.Name),
			func() tea.Cmd {
				// Queued saves of this vendor land (or fail) before it goes: they are ahead of it.
				return c.write(v.Name, func(ctx context.Context, st *db.Store) error {
					if err := st.RemoveVendor(ctx, v.ID); err != nil {
						return err
					}
					c.Saver.ForgetVendor(v.ID)
					return nil
				}, func() tea.Cmd { return func() tea.Msg { return vendorsChangedMsg{} } })
			}))
	}
	return nil
}

// openVendor opens a vendor's steps at the question the evaluator was on, or, the
// first time, at the first step with open questions.
func (s *sessionScreen) openVendor(vi int) *vendorScreen {
	ctx, cancel := s.c.ctx()
	defer cancel()
	step, question, ok, err := s.c.Store.Place(ctx, s.sess.Vendors[vi].ID)
	if err != nil || !ok {
		// A place not read costs a few keys, never an answer: open as the first time.
		return newVendorScreen(s.c, s.sess, vi, s.firstOpenStep(vi))
	}
	v := newVendorScreen(s.c, s.sess, vi, step)
	v.focus(question)
	return v
}

// firstOpenStep is where the wizard opens the first time: the first step with open
// questions.
func (s *sessionScreen) firstOpenStep(vi int) int {
	ans := s.sess.Vendors[vi].Answers
	for n := 2; n <= 7; n++ {
		for _, q := range rubric.StepQuestions(n) {
			if q.Applicable(s.sess.Requirements) && !ans.Known(q) {
				return n
			}
		}
	}
	return 2
}

// vendorForm adds a vendor (v == nil) or renames one.
func (s *sessionScreen) vendorForm(v *db.Vendor) screen {
	c := s.c
	title, name, contact := c.Lang.Pick("添加服务商", "Add vendor"), "", ""
	draft, of := fmt.Sprintf("add-vendor/%d", s.sess.ID), db.DraftOf{SessionID: s.sess.ID}
	if v != nil {
		title, name, contact = c.Lang.Pick("重命名服务商", "Rename vendor"), v.Name, v.Contact
		draft, of.VendorID = fmt.Sprintf("rename-vendor/%d", v.ID), v.ID
	}
	sessID := s.sess.ID
	return newFormScreen(c, title, []formField{
		{key: "name", label: c.Lang.Pick("服务商名称", "Vendor name"), value: name, required: true},
		{key: "contact", label: c.Lang.Pick("联系人/电话", "Contact"), value: contact, placeholder: c.Lang.Pick("可空", "optional")},
	}, func(vals []string) tea.Cmd {
		var id int64
		return c.write(vals[0], func(ctx context.Context, st *db.Store) (err error) {
			if v == nil {
				id, err = st.AddVendor(ctx, sessID, vals[0], vals[1])
				return err
			}
			id = v.ID
			return st.UpdateVendor(ctx, v.ID, vals[0], vals[1])
		}, func() tea.Cmd {
			return tea.Sequence(c.pop(), func() tea.Msg { return vendorsChangedMsg{focus: id} })
		})
	}).keepDraft(draft, of)
}

func (s *sessionScreen) View() string {
	c, st := s.c, s.c.Styles
	var b strings.Builder
	meta := []string{}
	if s.sess.Client != "" {
		meta = append(meta, s.sess.Client)
	}
	meta = append(meta, c.Lang.Pick("权重 ", "weights ")+s.sess.Profile.Label(c.Lang))
	b.WriteString(truncate(st.Header.Render(s.sess.Title), s.w) + "\n")
	b.WriteString(st.Faint.Render(truncate(strings.Join(meta, " · "), s.w)) + "\n")
	// The panel takes the place of the session's evaluator, its lead.
	b.WriteString(st.Faint.Render(truncate(panelLine(c, s.sess), s.w)) + "\n")
	b.WriteString(st.Faint.Render(truncate(requirementsLine(c, s.sess.Requirements), s.w)) + "\n")
	follow := openFollowups(s.sess)
	if len(follow) > 0 {
		overdue := 0
		for _, f := range follow {
			if f.Overdue(c.Now()) {
				overdue++
			}
		}
		line := fmt.Sprintf(c.Lang.Pick("⚑ 待确认 %d 项", "⚑ %d follow-ups"), len(follow))
		if overdue > 0 {
			line += fmt.Sprintf(c.Lang.Pick(",%d 项已逾期", ", %d overdue"), overdue)
			b.WriteString(st.Error.Render(truncate(line, s.w)) + "\n")
		} else {
			b.WriteString(st.Warn.Render(truncate(line, s.w)) + "\n")
		}
	}
	b.WriteString("\n")
	if len(s.sess.Vendors) == 0 {
		b.WriteString(c.Lang.Pick("还没有服务商。按 a 添加候选服务商;按 s 填写或修改需求(步骤 1)。",
			"No vendors yet. Press a to add one from the shortlist; press s to state or change the requirements (step 1)."))
		return b.String()
	}
	// The verdict column holds the longest band ("◐ Evaluation unfinished"), the
	// completeness column "0/46 up to 100".
	nameW := max(10, s.w-65)
	if s.w < 80 {
		nameW = max(8, s.w-40)
	}
	head := pad(c.Lang.Pick("服务商", "Vendor"), nameW) + " " + padLeft(c.Lang.Pick("总分", "Total"), 6) + "  " + pad(c.Lang.Pick("结论", "Verdict"), 24)
	if s.w >= 80 {
		head += " " + pad(c.Lang.Pick("完成度", "Answered"), 14) + " " + pad(c.Lang.Pick("否决/风险", "KO/flags"), 9)
	}
	b.WriteString("  " + st.Header.Render(head) + "\n")
	for i, v := range s.sess.Vendors {
		card := s.cards[i]
		// A total of the evaluator's own, in blind review, is marked as theirs.
		gap := "  "
		if s.own[i] {
			gap = ownMark + " "
		}
		name := v.Name
		if s.monitored[v.ID] {
			name = truncate(v.Name, nameW-2) + " " + monitoredMark
		}
		line := pad(name, nameW) + " " + padLeft(rubric.FormatNumber(card.Total), 6) + gap + pad(bandWord(c, card.Band), 24)
		if s.w >= 80 {
			done := fmt.Sprintf("%d/%d", card.Answered, card.Applicable)
			switch {
			case card.Band == rubric.Incomplete:
				// The band says it is unfinished; what it could reach says how far.
				done += " " + rubric.UpToWords(card.Potential, c.Lang)
			case card.Provisional:
				done += c.Lang.Pick(" 暂定", " prov.")
			}
			line += " " + pad(done, 14) +
				" " + pad(fmt.Sprintf("%d / %d", len(card.Knockouts), len(card.Flags)), 9)
		}
		if i == s.cursor {
			line = st.Selected.Render("› ") + line
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	if slices.Contains(s.own, true) {
		b.WriteString("  " + st.Faint.Render(truncate(ownWords(c), s.w-2)) + "\n")
	}
	if len(s.monitored) > 0 {
		b.WriteString("  " + st.Faint.Render(truncate(monitoredMark+c.Lang.Pick(" 签约后跟踪中(试运营或合同),o 查看", " followed after signing (trial or contract): o to open"), s.w-2)) + "\n")
	}
	if len(follow) > 0 {
		b.WriteString("\n  " + st.Header.Render(c.Lang.Pick("待确认事项", "Follow-ups")) + "\n")
		for _, f := range follow {
			line := truncate(f.vendor+" › "+f.question.Label.In(c.Lang)+" — "+followupWords(c, f.Followup), s.w-2)
			b.WriteString("  " + followupStyle(c, f.Followup).Render(line) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// requirementsLine summarises step 1 in one line.
func requirementsLine(c *Common, r rubric.Requirements) string {
	var ch []string
	for _, x := range r.Channels {
		ch = append(ch, rubric.ChannelOptions.Label(x, c.Lang))
	}
	parts := []string{}
	if len(ch) > 0 {
		parts = append(parts, strings.Join(ch, "/"))
	} else {
		parts = append(parts, c.Lang.Pick("未选渠道", "no channels yet"))
	}
	parts = append(parts,
		fmt.Sprintf(c.Lang.Pick("日均 %d", "%d/day"), r.DailyVolume),
		fmt.Sprintf(c.Lang.Pick("高峰 %s 倍", "peak ×%s"), rubric.FormatNumber(r.PeakMultiplier)),
		rubric.HoursOptions.Label(r.ServiceHours, c.Lang))
	if r.Industry != "" {
		ind := rubric.IndustryOptions.Label(r.Industry, c.Lang)
		if r.Regulated() {
			ind += c.Lang.Pick("(强监管)", " (regulated)")
		}
		parts = append(parts, ind)
	}
	return c.Lang.Pick("需求:", "Needs: ") + strings.Join(parts, " · ")
}
