package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// historyScreen is a vendor's history, newest first: who changed what, when, from
// what to what. In blind review an evaluator who has not submitted the vendor sees
// only their own changes, as the others' would show their answers.
type historyScreen struct {
	c       *Common
	sess    *db.Session
	vid     int64
	entries []db.AuditEntry
	// own is set when only the acting evaluator's changes are shown.
	own  bool
	err  error
	top  int
	w, h int
	keys historyKeys
}

func newHistoryScreen(c *Common, sess *db.Session, vendorID int64) *historyScreen {
	s := &historyScreen{c: c, sess: sess, vid: vendorID, keys: c.keys().History}
	s.read()
	return s
}

// read reads the vendor's history again.
func (s *historyScreen) read() {
	ctx, cancel := s.c.ctx()
	defer cancel()
	all, err := s.c.Store.Audit(ctx, s.vid)
	s.err = err
	v := findVendor(s.sess, s.vid)
	s.own = v != nil && s.sess.Blinded(v)
	s.entries = s.entries[:0]
	// Newest first: what just happened is what is looked for.
	for i := len(all) - 1; i >= 0; i-- {
		if !s.own || all[i].Evaluator == s.sess.Acting {
			s.entries = append(s.entries, all[i])
		}
	}
}

func (s *historyScreen) Init() tea.Cmd            { return nil }
func (s *historyScreen) Title() string            { return s.c.Lang.Pick("修改记录", "History") }
func (s *historyScreen) Typing() bool             { return false }
func (s *historyScreen) SetSize(w, h int)         { s.w, s.h = w, h }
func (s *historyScreen) openSession() *db.Session { return s.sess }
func (s *historyScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Up, s.keys.PageDown, s.keys.Back}
}
func (s *historyScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Up, s.keys.PageUp, s.keys.PageDown, s.keys.Back}}
}

func (s *historyScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg, sessionMergedMsg:
		s.read()
	case tea.KeyMsg:
		page := s.pageHeight()
		switch {
		case key.Matches(msg, s.keys.Back):
			return s, s.c.pop()
		case key.Matches(msg, s.keys.Up):
			s.top--
		case key.Matches(msg, s.keys.Down):
			s.top++
		case key.Matches(msg, s.keys.PageUp):
			s.top -= page
		case key.Matches(msg, s.keys.PageDown):
			s.top += page
		}
	}
	return s, nil
}

// headLines are the lines above the scrolled entries.
const historyHeadLines = 2

func (s *historyScreen) pageHeight() int { return max(1, s.h-historyHeadLines) }

func (s *historyScreen) View() string {
	c, st := s.c, s.c.Styles
	if s.err != nil {
		return st.Error.Render(c.errorText(s.err))
	}
	head := c.Lang.Pick("谁 · 何时 · 改了什么:原值 → 新值(最新的在前)", "Who · when · what: before → after (newest first)")
	if s.own {
		head = c.Lang.Pick("盲评中:提交前只显示你自己的修改", "Blind review: only your own changes until you submit")
	}
	lines := []string{st.Faint.Render(truncate(head, s.w)), ""}
	var body []string
	for _, e := range s.entries {
		body = append(body, s.entryLines(e)...)
	}
	if len(body) == 0 {
		body = []string{st.Faint.Render(c.Lang.Pick("还没有修改。", "No changes yet."))}
	}
	page := s.pageHeight()
	s.top = max(0, min(s.top, len(body)-page))
	end := min(len(body), s.top+page)
	shown := append([]string(nil), body[s.top:end]...)
	if end < len(body) && len(shown) > 0 {
		shown[len(shown)-1] = st.Faint.Render(fmt.Sprintf(c.Lang.Pick("↓ 还有 %d 行(↓/pgdn)", "↓ %d more lines (↓/pgdn)"), len(body)-end+1))
	}
	return strings.Join(append(lines, shown...), "\n")
}

// entryLines are one change: when and who on the first line, what from what to
// what wrapped below it.
func (s *historyScreen) entryLines(e db.AuditEntry) []string {
	c, st := s.c, s.c.Styles
	when := e.At.Local().Format("2006-01-02 15:04")
	out := []string{truncate(st.PanelTitle.Render(when+"  "+e.Evaluator), s.w)}
	for _, l := range wrapText(changeWords(c, e), s.w-4) {
		out = append(out, "    "+l)
	}
	return out
}

// changeWords say what a change was: the question, step or decision, and what was
// stored before and after it.
func changeWords(c *Common, e db.AuditEntry) string {
	arrow := func(before, after string) string { return before + " → " + after }
	switch e.Kind {
	case db.AuditSubmit:
		return c.Lang.Pick("提交了评估", "submitted the evaluation")
	case db.AuditNote:
		return fmt.Sprintf(c.Lang.Pick("步骤 %s 的备注:", "notes of step %s: "), e.Key) + arrow(noteWords(c, e.Before), noteWords(c, e.After))
	case db.AuditAnswer:
		return questionLabel(c, e.Key) + c.Lang.Pick(":", ": ") + arrow(storedAnswerWords(c, e.Key, e.Before), storedAnswerWords(c, e.Key, e.After))
	case db.AuditEvidence:
		return c.Lang.Pick("凭证 · ", "evidence · ") + questionLabel(c, e.Key) + c.Lang.Pick(":", ": ") +
			arrow(evidenceWords(c, e.Before), evidenceWords(c, e.After))
	case db.AuditDecision:
		return c.Lang.Pick("裁定 · ", "decision · ") + questionLabel(c, e.Key) + c.Lang.Pick(":", ": ") +
			arrow(decisionWords(c, e.Key, e.Before), decisionWords(c, e.Key, e.After))
	}
	return string(e.Kind) + " " + e.Key
}

// none is what stood where nothing was stored.
func none(c *Common) string { return c.Lang.Pick("(无)", "(none)") }

// noteWords are a note's text on one line, cut short.
func noteWords(c *Common, text *string) string {
	if text == nil || *text == "" {
		return none(c)
	}
	return "“" + truncate(strings.Join(strings.Fields(*text), " "), 40) + "”"
}

// storedAnswerWords say an answer as stored (its JSON).
func storedAnswerWords(c *Common, question string, raw *string) string {
	if raw == nil {
		return none(c)
	}
	q, ok := rubric.QuestionByID(question)
	if !ok {
		return *raw
	}
	if *raw == "null" {
		return rubric.AnswerInline(q, nil, c.Lang)
	}
	v, err := q.Decode(json.RawMessage(*raw))
	if err != nil {
		return *raw
	}
	return rubric.AnswerInline(q, &v, c.Lang)
}

// evidenceWords say evidence as its history rows hold it.
func evidenceWords(c *Common, raw *string) string {
	if raw == nil {
		return none(c)
	}
	var e struct {
		Source     string `json:"source"`
		Seen       string `json:"seen"`
		Link       string `json:"link"`
		ValidUntil string `json:"valid_until"`
	}
	if err := json.Unmarshal([]byte(*raw), &e); err != nil {
		return *raw
	}
	return rubric.EvidenceWords(rubric.Evidence{Source: e.Source, Seen: e.Seen, Link: e.Link, ValidUntil: e.ValidUntil}, c.Lang)
}

// decisionWords say a decision as its history rows hold it: the answer and the reason.
func decisionWords(c *Common, question string, raw *string) string {
	if raw == nil {
		return none(c)
	}
	var d struct {
		Value  json.RawMessage `json:"value"`
		Reason string          `json:"reason"`
	}
	if err := json.Unmarshal([]byte(*raw), &d); err != nil {
		return *raw
	}
	value := string(d.Value)
	return storedAnswerWords(c, question, &value) + c.Lang.Pick("(理由:", " (reason: ") + d.Reason + c.Lang.Pick(")", ")")
}
