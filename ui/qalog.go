package ui

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// qaScreen is a vendor's QA sampling log (step 7's quality check): each
// conversation sampled, in the order logged, with its period, checklist score,
// what was found and what the vendor is to do; the entry chosen is shown whole.
type qaScreen struct {
	c        *Common
	sess     *db.Session
	vendorID int64
	// period is the one the monitoring showed: a new entry's, unless changed.
	period  string
	entries []monitor.QAEntry
	rec     monitor.Record
	err     error
	cursor  int
	w, h    int
	keys    qaKeys
}

func newQAScreen(c *Common, sess *db.Session, vendorID int64, period string) *qaScreen {
	s := &qaScreen{c: c, sess: sess, vendorID: vendorID, period: period, keys: c.keys().QA}
	s.load()
	s.cursor = len(s.entries) - 1
	return s
}

func (s *qaScreen) load() {
	ctx, cancel := s.c.ctx()
	defer cancel()
	s.rec, s.err = s.c.Store.Monitoring(ctx, s.vendorID)
	s.entries = s.rec.QA
	s.cursor = max(0, min(s.cursor, len(s.entries)-1))
}

func (s *qaScreen) readsStore() {}

func (s *qaScreen) Init() tea.Cmd    { return nil }
func (s *qaScreen) Typing() bool     { return false }
func (s *qaScreen) SetSize(w, h int) { s.w, s.h = w, h }
func (s *qaScreen) Title() string    { return s.c.Lang.Pick("质检抽检", "QA sampling") }

func (s *qaScreen) ShortHelp() []key.Binding {
	if len(s.entries) == 0 {
		return []key.Binding{s.keys.Add, s.keys.Back}
	}
	return []key.Binding{s.keys.Up, s.keys.Add, s.keys.Remove, s.keys.Back}
}

func (s *qaScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.Down, s.keys.Add, s.keys.Remove, s.keys.Back}}
}

// qaAddedMsg says an entry was logged: it is the one chosen.
type qaAddedMsg struct{}

func (s *qaScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		s.load()
	case qaAddedMsg:
		s.load()
		s.cursor = len(s.entries) - 1
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *qaScreen) key(k tea.KeyMsg) tea.Cmd {
	c := s.c
	switch {
	case key.Matches(k, s.keys.Back):
		return c.pop()
	case s.err != nil:
	case key.Matches(k, s.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.keys.Down):
		s.cursor = max(0, min(len(s.entries)-1, s.cursor+1))
	case key.Matches(k, s.keys.Add):
		return c.push(s.addForm())
	case key.Matches(k, s.keys.Remove) && s.cursor < len(s.entries):
		q := s.entries[s.cursor]
		vendorID := s.vendorID
		return c.push(newConfirmScreen(c, c.Lang.Pick("删除抽检记录", "Remove a QA entry"),
			fmt.Sprintf(c.Lang.Pick("删除 %s 的抽检记录「%s」（%s 分）？", "Remove the entry of %s for “%s” (score %s)?"), q.Period, q.Ref, rubric.FormatNumber(q.Score)),
			func() tea.Cmd {
				return c.write(q.Ref, func(ctx context.Context, st *db.Store) error {
					return st.RemoveQA(ctx, vendorID, q.ID)
				}, func() tea.Cmd { return func() tea.Msg { return reloadMsg{} } })
			}))
	}
	return nil
}

// addForm logs a sampled conversation: its period (the one the monitoring showed),
// which one it was, its score on the checklist, what was found and what is to be done.
func (s *qaScreen) addForm() *formScreen {
	c := s.c
	lang := c.Lang
	vendorID := s.vendorID
	period := s.period
	if period == "" {
		period = s.rec.Kind.Label(monitor.Day(c.Now()))
	}
	f := newFormScreen(c, lang.Pick("记录质检抽检：", "Log a QA sample: ")+vendorName(s.sess, vendorID), []formField{
		{key: "period", label: lang.Pick("周期", "Period"), value: period, required: true, limit: 8,
			check: func(v string) error {
				_, _, err := s.rec.Kind.Span(strings.TrimSpace(v))
				return monitorErr(lang, err)
			}},
		{key: "ref", label: lang.Pick("会话编号或引用", "Conversation ID or reference"), required: true},
		{key: "score", label: lang.Pick("质检评分（0–100）", "Checklist score (0–100)"), required: true, limit: 6,
			check: func(v string) error { _, err := readScore(lang, v); return err }},
		{key: "finding", label: lang.Pick("发现的问题", "Finding"), placeholder: lang.Pick("可空", "optional"), limit: monitor.MaxQAText},
		{key: "action", label: lang.Pick("整改措施", "Action for the vendor"), placeholder: lang.Pick("可空", "optional"), limit: monitor.MaxQAText},
	}, func(vals []string) tea.Cmd {
		score, err := readScore(lang, vals[2])
		if err != nil {
			return reportErr(err)
		}
		q := monitor.QAEntry{Period: vals[0], Ref: vals[1], Score: score, Finding: vals[3], Action: vals[4]}
		if err := q.Check(); err != nil {
			return reportErr(err)
		}
		return c.write(q.Ref, func(ctx context.Context, st *db.Store) error {
			_, err := st.AddQA(ctx, vendorID, q)
			return err
		}, func() tea.Cmd { return tea.Sequence(c.pop(), func() tea.Msg { return qaAddedMsg{} }) })
	})
	return f.keepDraft(fmt.Sprintf("qa/%d", vendorID), db.DraftOf{SessionID: s.sess.ID, VendorID: vendorID})
}

// readScore reads a checklist score, a number from 0 to 100.
func readScore(lang rubric.Lang, v string) (float64, error) {
	v = strings.TrimSpace(v)
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || x < 0 || x > 100 {
		return 0, userErr(fmt.Sprintf(lang.Pick("质检评分须为 0 到 100 的数，而不是 %q", "a checklist score is a number from 0 to 100, not %q"), v))
	}
	return x, nil
}

// Columns of the log.
const (
	qaPeriodCol = 9
	qaScoreCol  = 6
)

func (s *qaScreen) View() string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	w := s.w
	var out []string
	out = append(out, st.Header.Render(truncate(vendorName(s.sess, s.vendorID)+lang.Pick(" · 质检抽检", " · QA sampling"), w)))
	if s.err != nil {
		return strings.Join(append(out, "", strings.Join(wrapText(c.errorText(s.err), w), "\n")), "\n")
	}
	sum := 0.0
	for _, q := range s.entries {
		sum += q.Score
	}
	summary := fmt.Sprintf(lang.Pick("共 %d 条", "%d entries"), len(s.entries))
	if len(s.entries) == 1 {
		summary = lang.Pick("共 1 条", "1 entry")
	}
	if len(s.entries) > 0 {
		summary += fmt.Sprintf(lang.Pick("，平均 %s 分", ", averaging %s"), rubric.FormatNumber(sum/float64(len(s.entries))))
	}
	out = append(out, st.Faint.Render(truncate(summary, w)), "")
	if len(s.entries) == 0 {
		out = append(out, wrapText(lang.Pick("还没有抽检记录。按 a 记录一条：抽检的会话、清单评分、发现的问题和整改措施。",
			"Nothing sampled yet. a logs a conversation: which one, its checklist score, what was found and what is to be done."), w)...)
		return strings.Join(out, "\n")
	}
	refW := max(8, min(24, (w-4-qaPeriodCol-qaScoreCol)/3))
	textW := max(4, w-4-qaPeriodCol-qaScoreCol-refW-3)
	head := pad(lang.Pick("周期", "Period"), qaPeriodCol) + " " + pad(lang.Pick("会话", "Conversation"), refW) + " " +
		padLeft(lang.Pick("评分", "Score"), qaScoreCol) + " " + lang.Pick("发现 → 措施", "Finding → action")
	out = append(out, "  "+st.Header.Render(truncate(head, w-2)))
	// The list takes what the entry in full below leaves.
	detail := s.detail(w)
	rows := max(1, s.h-len(out)-len(detail)-1)
	top := max(0, min(s.cursor-rows/2, len(s.entries)-rows))
	for i := top; i < min(len(s.entries), top+rows); i++ {
		q := s.entries[i]
		text := q.Finding
		if q.Action != "" {
			text += " → " + q.Action
		}
		line := pad(q.Period, qaPeriodCol) + " " + pad(q.Ref, refW) + " " + padLeft(rubric.FormatNumber(q.Score), qaScoreCol) + " " +
			truncate(strings.ReplaceAll(text, "\n", " "), textW)
		if i == s.cursor {
			out = append(out, st.Selected.Render("› ")+line)
		} else {
			out = append(out, "  "+line)
		}
	}
	out = append(out, "")
	out = append(out, detail...)
	return strings.Join(out, "\n")
}

// detail is the chosen entry whole: its finding and action, at most a few lines each.
func (s *qaScreen) detail(w int) []string {
	if s.cursor >= len(s.entries) {
		return nil
	}
	c, st := s.c, s.c.Styles
	lang := c.Lang
	q := s.entries[s.cursor]
	const most = 3
	clip := func(lines []string) []string {
		if len(lines) > most {
			lines = append(lines[:most-1], truncate(lines[most-1]+" …", w))
		}
		return lines
	}
	out := []string{st.Inks.Title.Paint(truncate(q.Period+" · "+q.Ref+" · "+rubric.FormatNumber(q.Score)+lang.Pick(" 分", " points"), w))}
	finding, action := q.Finding, q.Action
	if finding == "" {
		finding = lang.Pick("（未写）", "(none written)")
	}
	if action == "" {
		action = lang.Pick("（未写）", "(none written)")
	}
	out = append(out, clip(wrapText(lang.Pick("发现：", "Finding: ")+finding, w))...)
	out = append(out, clip(wrapText(lang.Pick("措施：", "Action: ")+action, w))...)
	return out
}
