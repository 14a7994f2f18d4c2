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

// Who uses the interface, and the panel's own changes: its evaluators and blind
// review.

// openSession opens a session's screen. When it has more than one evaluator and the
// interface does not know who uses it yet, it first asks who is evaluating; with
// one evaluator it acts as that one, the session's lead, as the store does.
func openSession(c *Common, id int64) tea.Cmd {
	mark := c.Saver.Mark()
	sess, err := loadSession(c, id)
	if err != nil {
		return reportErr(err)
	}
	if c.Evaluator == "" && len(sess.Panel) > 1 {
		// Read as the lead: what it holds is not the one who answers' own, and
		// becomes no base of their changes.
		return c.push(newWhoScreen(c, id, sess.Panel))
	}
	c.Saver.SeedSession(sess, mark)
	return c.push(newSessionScreen(c, sess))
}

// whoScreen asks who is evaluating: one of the panel, or someone new.
type whoScreen struct {
	c      *Common
	id     int64
	panel  []rubric.Evaluator
	cursor int // len(panel) is someone new
	// done is set once chosen: later keys must not choose again.
	done bool
	w, h int
	keys whoKeys
}

func newWhoScreen(c *Common, id int64, panel []rubric.Evaluator) *whoScreen {
	s := &whoScreen{c: c, id: id, panel: panel, keys: c.keys().Who}
	// The system's user first: on the panel, their name; else someone new.
	if c.UserName != "" {
		s.cursor = len(panel)
		for i, e := range panel {
			if e.Name == c.UserName {
				s.cursor = i
			}
		}
	}
	return s
}

func (s *whoScreen) Init() tea.Cmd    { return nil }
func (s *whoScreen) Title() string    { return s.c.Lang.Pick("谁在评估", "Who is evaluating") }
func (s *whoScreen) Typing() bool     { return false }
func (s *whoScreen) SetSize(w, h int) { s.w, s.h = w, h }
func (s *whoScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Up, s.keys.Choose, s.keys.Back}
}
func (s *whoScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *whoScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || s.done {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Back):
		s.done = true
		return s, s.c.pop()
	case key.Matches(k, s.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.keys.Down):
		s.cursor = min(len(s.panel), s.cursor+1)
	case key.Matches(k, s.keys.Choose):
		if s.cursor == len(s.panel) {
			return s, s.c.push(s.newcomerForm())
		}
		s.done = true
		return s, s.choose(s.panel[s.cursor].Name, s.c.replace)
	}
	return s, nil
}

// choose makes the interface act as name and shows the session as theirs, through
// show (replacing this question, or the dialog over it).
func (s *whoScreen) choose(name string, show func(screen) tea.Cmd) tea.Cmd {
	c := s.c
	if err := c.actAs(name); err != nil {
		s.done = false
		return reportErr(err)
	}
	sess, err := loadSeeded(c, s.id)
	if err != nil {
		return tea.Sequence(c.pop(), reportErr(err))
	}
	return show(newSessionScreen(c, sess))
}

// newcomerForm asks the name of someone not on the panel yet: their first answer
// adds them to it, as an evaluator.
func (s *whoScreen) newcomerForm() *formScreen {
	c := s.c
	f := newFormScreen(c, c.Lang.Pick("新评估人", "Someone new"), []formField{
		{key: "name", label: c.Lang.Pick("你的名字", "Your name"), value: c.UserName, required: true, limit: db.EvaluatorNameLimit},
	}, func(vals []string) tea.Cmd {
		s.done = true
		// The dialog and the question both give way to the session.
		return s.choose(vals[0], func(sc screen) tea.Cmd { return tea.Sequence(c.pop(), c.replace(sc)) })
	})
	f.intro = c.Lang.Pick("你的第一个答案会把你加入评估小组(角色:评估人)。", "Your first answer adds you to the panel, as an evaluator.")
	return f
}

func (s *whoScreen) View() string {
	c, st := s.c, s.c.Styles
	lines := []string{st.Header.Render(c.Lang.Pick("这个会话由评估小组评估。你是谁?", "A panel evaluates this session. Who are you?")), ""}
	for i, e := range s.panel {
		lines = append(lines, s.option(i, roleWord(c, e)))
	}
	lines = append(lines, s.option(len(s.panel), c.Lang.Pick("其他人(输入名字)…", "Someone new (type a name)…")))
	lines = append(lines, "")
	lines = append(lines, wrapText(c.Lang.Pick("你的答案、备注与凭证都记在你的名下;本次运行中一直以此身份评估。",
		"Your answers, notes and evidence are kept under your name; you evaluate as this person until the program ends."), max(20, s.w))...)
	for i, l := range lines {
		lines[i] = truncate(l, s.w)
	}
	return strings.Join(lines, "\n")
}

func (s *whoScreen) option(i int, text string) string {
	if i == s.cursor {
		return s.c.Styles.Selected.Render("› " + text)
	}
	return "  " + text
}

// toggleBlind turns the session's blind review on or off: a lead's change.
func (s *sessionScreen) toggleBlind() tea.Cmd {
	c, sess := s.c, s.sess
	if !isLead(sess) {
		return notLead(c, c.Lang.Pick("开关盲评", "turn blind review on or off"))
	}
	blind := !sess.Blind
	id := sess.ID
	what := c.Lang.Pick("盲评", "blind review")
	return c.write(what, func(ctx context.Context, st *db.Store) error {
		return st.SetBlind(ctx, id, blind)
	}, func() tea.Cmd {
		sess.Blind = blind
		s.rescore()
		if blind {
			return info(c.Lang.Pick("盲评已开启:评估人提交一家服务商之前,只能看到自己的答案与评分", "Blind review on: until they submit a vendor, evaluators see only their own answers and score"))
		}
		return info(c.Lang.Pick("盲评已关闭:每位评估人都能看到小组的答案", "Blind review off: every evaluator sees the panel's answers"))
	})
}

// viewerRole is the form's choice of someone who only reads the session: no role
// on the panel, as they are not on it (db.Store.AddViewer).
const viewerRole = "viewer"

// evaluatorForm adds someone to the session's panel, or as a viewer: a lead's change.
func (s *sessionScreen) evaluatorForm() tea.Cmd {
	c, sess := s.c, s.sess
	if !isLead(sess) {
		return notLead(c, c.Lang.Pick("添加评估人或查看者", "add an evaluator or a viewer"))
	}
	id := sess.ID
	roles := []formOption{
		{value: string(rubric.Member), label: c.Lang.Pick("评估人", "evaluator")},
		{value: string(rubric.Lead), label: c.Lang.Pick("组长(可裁定共识)", "lead (decides the consensus)")},
		{value: viewerRole, label: c.Lang.Pick("查看者(只读,不评分)", "viewer (reads, does not evaluate)")},
	}
	f := newFormScreen(c, c.Lang.Pick("添加评估人或查看者", "Add an evaluator or a viewer"), []formField{
		{key: "name", label: c.Lang.Pick("姓名或部门", "Name or department"), required: true, limit: db.EvaluatorNameLimit,
			placeholder: c.Lang.Pick("如:法务部 李", "e.g. Legal, Li")},
		{key: "role", label: c.Lang.Pick("角色(←/→ 选择)", "Role (←/→ to choose)"), options: roles},
	}, func(vals []string) tea.Cmd {
		e := rubric.Evaluator{Name: vals[0], Role: rubric.Role(vals[1])}
		if vals[1] == viewerRole {
			return c.write(e.Name, func(ctx context.Context, st *db.Store) error {
				return st.AddViewer(ctx, id, e.Name)
			}, func() tea.Cmd {
				sess.Viewers = append(sess.Viewers, e.Name)
				return tea.Sequence(c.pop(), info(fmt.Sprintf(c.Lang.Pick("%s 现在可以查看本评估", "%s may now view this session"), e.Name)))
			})
		}
		return c.write(e.Name, func(ctx context.Context, st *db.Store) error {
			return st.AddEvaluator(ctx, id, e.Name, e.Role)
		}, func() tea.Cmd {
			sess.Panel = append(sess.Panel, e)
			return tea.Sequence(c.pop(), info(fmt.Sprintf(c.Lang.Pick("已将 %s 加入评估小组", "%s joined the panel"), roleWord(c, e))))
		})
	})
	f.intro = c.Lang.Pick("每位评估人各自作答;服务商按小组的共识评分。查看者只能查看,不作答。",
		"Each evaluator answers on their own; vendors are scored by the panel's consensus. A viewer only looks.")
	if c.People != nil {
		// On the team server a name is someone's only as the keys file spells it.
		f.intro += "\n" + c.Lang.Pick("可加入的人(密钥文件):", "People with a key: ") +
			strings.Join(notOn(c.People(), sess), c.Lang.Pick("、", ", "))
	}
	return c.push(f.keepDraft(fmt.Sprintf("add-evaluator/%d", id), db.DraftOf{SessionID: id}))
}

// notOn are the names not on the session's panel nor among its viewers.
func notOn(names []string, sess *db.Session) []string {
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(sess.Panel, func(e rubric.Evaluator) bool { return e.Name == n }) && !slices.Contains(sess.Viewers, n) {
			out = append(out, n)
		}
	}
	return out
}

// panelLine names the session's panel with their roles, says whether blind review
// is on and who the interface acts as.
// Who the interface acts as and blind review come first: a panel of many names
// runs past the screen's edge.
func panelLine(c *Common, sess *db.Session) string {
	var parts []string
	if len(panelNames(sess)) > 1 {
		parts = append(parts, c.Lang.Pick("你是 ", "You are ")+sess.Acting)
	}
	if sess.Blind {
		parts = append(parts, c.Lang.Pick("盲评:开", "Blind review: on"))
	} else {
		parts = append(parts, c.Lang.Pick("盲评:关", "Blind review: off"))
	}
	var names []string
	for _, e := range sess.Panel {
		names = append(names, roleWord(c, e))
	}
	parts = append(parts, c.Lang.Pick("评估小组:", "Panel: ")+strings.Join(names, c.Lang.Pick("、", ", ")))
	if len(sess.Viewers) > 0 {
		parts = append(parts, c.Lang.Pick("查看者:", "Viewers: ")+strings.Join(sess.Viewers, c.Lang.Pick("、", ", ")))
	}
	return strings.Join(parts, " · ")
}
