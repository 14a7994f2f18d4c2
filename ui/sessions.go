package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
)

// sessionPage is how many sessions one query loads; the list never loads them all.
const sessionPage = 50

// syncFilterLimit is the most sessions a store holds for the filter to be applied
// in the key's own frame, within the keystroke budget; a larger store is searched
// in a command, off the UI goroutine.
const syncFilterLimit = 200

// sessionsScreen is home: the saved evaluation sessions, newest change first.
type sessionsScreen struct {
	c     *Common
	w, h  int
	count int
	pages map[int][]db.SessionSummary
	// loading holds the pages being read in the background; gen counts the lists
	// shown, so that a page read for one list is not kept in another.
	loading map[int]bool
	gen     int
	cursor  int
	offset  int
	filter  textinput.Model
	// shown is the filter of the list on screen; the field runs ahead of it while
	// a search is under way.
	shown string
	// search numbers the searches of the filter, so that only the latest one's
	// answer is shown; searching is true until it arrives. wanted is the filter of
	// the latest search, or of the list shown when none is under way.
	search    int
	searching bool
	wanted    string
	// total is the number of sessions when last counted without a filter: it
	// decides whether the filter is applied at once or searched in a command.
	total int
	// filtering is true while the filter field has the focus.
	filtering bool
	loadErr   error
	keys      sessionsKeys
}

func newSessionsScreen(c *Common) *sessionsScreen {
	s := &sessionsScreen{c: c}
	s.keys = c.keys().Sessions
	s.filter = newTextInput(c)
	s.filter.Prompt = "/ "
	s.filter.Placeholder = c.Lang.Pick("标题、客户或行业", "title, client or industry")
	s.filter.CharLimit = 100
	s.reload()
	return s
}

func (s *sessionsScreen) Init() tea.Cmd { return nil }
func (s *sessionsScreen) Title() string { return s.c.Lang.Pick("评估会话", "Sessions") }
func (s *sessionsScreen) Typing() bool  { return s.filtering }
func (s *sessionsScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.filter.Width = max(10, w-4)
	s.scroll()
}

func (s *sessionsScreen) ShortHelp() []key.Binding {
	if s.filtering {
		return []key.Binding{s.keys.Done}
	}
	if s.count == 0 && s.filter.Value() == "" && s.shown == "" {
		return []key.Binding{s.keys.New, s.keys.Demo}
	}
	return []key.Binding{s.keys.Open, s.keys.New, s.keys.Rename, s.keys.Delete, s.keys.Export, s.keys.Filter}
}

func (s *sessionsScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{s.keys.Up, s.keys.Down, s.keys.PageUp, s.keys.PageDown, s.keys.Open},
		{s.keys.New, s.keys.Demo, s.keys.Rename, s.keys.Delete, s.keys.Export, s.keys.Filter},
	}
}

// reload counts the sessions that match the filter and forgets loaded pages; a
// search under way is dropped, as this list is newer.
func (s *sessionsScreen) reload() {
	ctx, cancel := s.c.ctx()
	defer cancel()
	s.newList(s.filter.Value())
	s.count, s.loadErr = s.c.Store.CountSessions(ctx, s.shown)
	if s.shown == "" && s.loadErr == nil {
		s.total = s.count
	}
	s.cursor = min(s.cursor, max(0, s.count-1))
	s.scroll()
}

// newList starts showing the sessions that match filter, with no page loaded yet.
func (s *sessionsScreen) newList(filter string) {
	s.pages = map[int][]db.SessionSummary{}
	s.loading = map[int]bool{}
	s.gen++
	s.search++
	s.searching = false
	s.shown, s.wanted = filter, filter
}

// filteredMsg is the answer of a search: the sessions that match filter, counted,
// and the first page of them.
type filteredMsg struct {
	search int
	filter string
	count  int
	rows   []db.SessionSummary
	err    error
	// again is true for the same list read again (back from a session, after a
	// change): the cursor stays where it was.
	again bool
}

// refilter shows the sessions that match the filter as typed. A large store is
// searched in a command, the list on screen staying until the answer arrives: a
// keystroke never waits for the two scans.
func (s *sessionsScreen) refilter() tea.Cmd {
	filter := s.filter.Value()
	switch {
	case filter == s.wanted:
		return nil
	case filter == s.shown:
		// Typed back to the list on screen: the search under way is not needed.
		s.search++
		s.searching, s.wanted = false, filter
		return nil
	}
	s.search++
	s.wanted = filter
	find := findSessions(s.c.Store, s.search, filter)
	if s.total <= syncFilterLimit {
		return s.filtered(find().(filteredMsg))
	}
	s.searching = true
	return find
}

// findSessions counts the sessions that match filter and reads their first page.
func findSessions(store *db.Store, search int, filter string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		m := filteredMsg{search: search, filter: filter}
		if m.count, m.err = store.CountSessions(ctx, filter); m.err != nil || m.count == 0 {
			return m
		}
		m.rows, m.err = store.ListSessions(ctx, filter, 0, sessionPage)
		return m
	}
}

// filtered shows the answer of the latest search, from its first row; an older
// search's answer is dropped.
func (s *sessionsScreen) filtered(m filteredMsg) tea.Cmd {
	if m.search != s.search {
		return nil
	}
	s.newList(m.filter)
	s.count, s.loadErr = m.count, m.err
	if m.err != nil {
		s.count = 0
		return nil
	}
	if m.filter == "" {
		s.total = m.count
	}
	if len(m.rows) > 0 {
		s.pages[0] = m.rows
	}
	if m.again {
		s.cursor = min(s.cursor, max(0, s.count-1))
	} else {
		s.cursor, s.offset = 0, 0
	}
	s.scroll()
	return s.prefetch()
}

// refresh reads the list on screen again after it may have changed. A filtered
// list of a large store is searched again in a command, as a key in the filter
// is, the list staying on screen until the answer; the rest is counted at once.
func (s *sessionsScreen) refresh() tea.Cmd {
	if s.shown == "" || s.total <= syncFilterLimit {
		s.reload()
		return nil
	}
	s.search++
	s.searching, s.wanted = true, s.shown
	find := findSessions(s.c.Store, s.search, s.shown)
	return func() tea.Msg {
		m := find().(filteredMsg)
		m.again = true
		return m
	}
}

// row returns session i, loading its page when needed.
func (s *sessionsScreen) row(i int) (db.SessionSummary, bool) {
	if i < 0 || i >= s.count {
		return db.SessionSummary{}, false
	}
	p := i / sessionPage
	rows, ok := s.pages[p]
	if !ok {
		ctx, cancel := s.c.ctx()
		defer cancel()
		var err error
		rows, err = s.c.Store.ListSessions(ctx, s.shown, p*sessionPage, sessionPage)
		if err != nil {
			s.loadErr = err
			return db.SessionSummary{}, false
		}
		s.keep(p, rows)
	}
	if j := i - p*sessionPage; j < len(rows) {
		return rows[j], true
	}
	return db.SessionSummary{}, false
}

// keep stores a loaded page. Only a few pages are kept, those around what is shown:
// scrolling through years of sessions stays light.
func (s *sessionsScreen) keep(p int, rows []db.SessionSummary) {
	if len(s.pages) > 8 {
		lh := s.listHeight()
		lo, hi := max(0, s.offset-lh)/sessionPage, (s.offset+2*lh)/sessionPage
		for q := range s.pages {
			if q < lo || q > hi {
				delete(s.pages, q)
			}
		}
	}
	s.pages[p] = rows
}

// pageMsg is a page of sessions read in the background.
type pageMsg struct {
	gen, page int
	rows      []db.SessionSummary
	err       error
}

// prefetch reads in the background the pages a screen away from what is shown, so
// that scrolling finds them loaded instead of reading while the user waits.
func (s *sessionsScreen) prefetch() tea.Cmd {
	lh := s.listHeight()
	var cmds []tea.Cmd
	for _, i := range []int{s.offset - lh, s.offset + 2*lh - 1} {
		i = max(0, min(i, s.count-1))
		p := i / sessionPage
		if _, ok := s.pages[p]; ok || s.loading[p] || s.count == 0 {
			continue
		}
		s.loading[p] = true
		store, filter, gen := s.c.Store, s.shown, s.gen
		cmds = append(cmds, func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			rows, err := store.ListSessions(ctx, filter, p*sessionPage, sessionPage)
			return pageMsg{gen: gen, page: p, rows: rows, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// listHeight is the number of rows that fit under the header lines.
func (s *sessionsScreen) listHeight() int { return max(1, s.h-4) }

func (s *sessionsScreen) scroll() {
	lh := s.listHeight()
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+lh {
		s.offset = s.cursor - lh + 1
	}
	s.offset = max(0, min(s.offset, max(0, s.count-lh)))
}

func (s *sessionsScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		return s, s.refresh()
	case filteredMsg:
		return s, s.filtered(msg)
	case pageMsg:
		// A page that failed is read again, in the open, when it is needed.
		if msg.gen == s.gen {
			delete(s.loading, msg.page)
			if _, ok := s.pages[msg.page]; !ok && msg.err == nil {
				s.keep(msg.page, msg.rows)
			}
		}
		return s, nil
	case tea.KeyMsg:
		if s.filtering {
			if key.Matches(msg, s.keys.Done) {
				s.filtering = false
				s.filter.Blur()
				return s, nil
			}
			var cmd tea.Cmd
			s.filter, cmd = s.filter.Update(msg)
			return s, tea.Batch(cmd, s.refilter())
		}
		return s.key(msg)
	}
	return s, nil
}

func (s *sessionsScreen) key(k tea.KeyMsg) (screen, tea.Cmd) {
	c := s.c
	cur, ok := s.row(s.cursor)
	switch {
	case key.Matches(k, s.keys.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.keys.Down):
		s.cursor = min(max(0, s.count-1), s.cursor+1)
	case key.Matches(k, s.keys.PageUp):
		s.cursor = max(0, s.cursor-s.listHeight())
	case key.Matches(k, s.keys.PageDown):
		s.cursor = min(max(0, s.count-1), s.cursor+s.listHeight())
	case key.Matches(k, s.keys.Filter):
		s.filtering = true
		return s, s.filter.Focus()
	case k.String() == "esc" && s.filter.Value() != "":
		s.filter.SetValue("")
		return s, s.refilter()
	case key.Matches(k, s.keys.New):
		return s, c.push(newSessionForm(c))
	case key.Matches(k, s.keys.Demo):
		return s, s.createDemo()
	case key.Matches(k, s.keys.Open) && ok:
		return s, openSession(c, cur.ID)
	case key.Matches(k, s.keys.Rename) && ok:
		return s, renameSession(c, cur.ID)
	case key.Matches(k, s.keys.Export) && ok:
		return s, openExport(c, cur.ID)
	case key.Matches(k, s.keys.Delete) && ok:
		id, title := cur.ID, cur.Title
		return s, c.push(newConfirmScreen(c, c.Lang.Pick("删除会话", "Delete session"),
			fmt.Sprintf(c.Lang.Pick("删除「%s」及其全部服务商和答案?此操作不可撤销。", "Delete “%s” with all its vendors and answers? This cannot be undone."), title),
			func() tea.Cmd {
				return c.write(title, func(ctx context.Context, st *db.Store) error {
					return st.DeleteSession(ctx, id)
				}, func() tea.Cmd { return func() tea.Msg { return reloadMsg{} } })
			}))
	}
	s.scroll()
	return s, s.prefetch()
}

// createDemo adds the sample session and opens it.
func (s *sessionsScreen) createDemo() tea.Cmd {
	c := s.c
	var id int64
	return c.write(c.Lang.Pick("示例", "demo"), func(ctx context.Context, st *db.Store) (err error) {
		id, err = st.ImportSession(ctx, demo.Session(c.Lang))
		return err
	}, func() tea.Cmd {
		s.reload()
		return openSession(c, id)
	})
}

func (s *sessionsScreen) View() string {
	c, st := s.c, s.c.Styles
	if s.loadErr != nil {
		return st.Error.Render(c.errorText(s.loadErr))
	}
	if s.count == 0 && s.filter.Value() == "" && s.shown == "" && !s.filtering {
		return s.welcome()
	}
	var b strings.Builder
	// The field stays while a filtered list is shown, even once emptied.
	if s.filtering || s.filter.Value() != "" || s.shown != "" {
		b.WriteString(s.filter.View())
	} else {
		b.WriteString(st.Faint.Render(fmt.Sprintf(c.Lang.Pick("共 %d 个会话", "%d sessions"), s.count)))
	}
	b.WriteString("\n")
	if s.searching {
		// The list below is still that of the filter before the last keys.
		b.WriteString(st.Faint.Render(c.Lang.Pick("搜索中…", "Searching…")))
	}
	b.WriteString("\n")
	cols := s.columns()
	b.WriteString(st.Header.Render(s.line(cols, []string{
		c.Lang.Pick("标题", "Title"), c.Lang.Pick("客户", "Client"), c.Lang.Pick("行业", "Industry"),
		c.Lang.Pick("服务商", "Vendors"), c.Lang.Pick("领先", "Leader"), c.Lang.Pick("最后修改", "Last change")})))
	b.WriteString("\n")
	if s.count == 0 {
		b.WriteString(st.Faint.Render(c.Lang.Pick("没有匹配的会话", "No session matches")))
	}
	for i := s.offset; i < min(s.count, s.offset+s.listHeight()); i++ {
		r, ok := s.row(i)
		if !ok {
			break
		}
		lead := "—"
		switch {
		case r.HasLead:
			lead = fmt.Sprintf("%s %s %s", r.Lead, rubric.FormatNumber(r.LeadTotal), bandWord(c, r.LeadBand))
		case r.Blinded:
			lead = c.Lang.Pick("盲评中", "blind review")
		}
		line := s.line(cols, []string{r.Title, r.Client, rubric.IndustryOptions.Label(r.Industry, c.Lang),
			itoa(r.Vendors), lead, ago(c, r.UpdatedAt)})
		if i == s.cursor {
			line = st.Selected.Render("› " + line)
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// columns shares the width: title and leader get what is left after the fixed ones.
func (s *sessionsScreen) columns() []int {
	w := s.w - 2
	fixed := []int{0, 14, 10, 7, 0, 12}
	if w < 80 {
		fixed = []int{0, 0, 0, 5, 0, 10}
	}
	rest := w - (fixed[1] + fixed[2] + fixed[3] + fixed[5]) - 5
	title := max(8, rest*45/100)
	fixed[0], fixed[4] = title, max(0, rest-title)
	return fixed
}

func (s *sessionsScreen) line(cols []int, cells []string) string {
	var parts []string
	for i, w := range cols {
		if w <= 0 {
			continue
		}
		if i == 3 {
			parts = append(parts, padLeft(cells[i], w))
		} else {
			parts = append(parts, pad(cells[i], w))
		}
	}
	return strings.Join(parts, " ")
}

func (s *sessionsScreen) welcome() string {
	c, st := s.c, s.c.Styles
	// Text width; the dialog adds padding (4) and border (2) around it.
	w := max(20, min(s.w-8, 72))
	text := c.Lang.Pick(
		"欢迎使用 vendorvet —— 客服外包服务商评估。\n\n按七个步骤(明确需求 → 资质合规 → 服务团队 → 服务案例 → 服务标准 → 合同条款 → 监控体系)逐家评估服务商,按资质合规 20、服务能力 35、考核数据 25、合作风险 20 实时打分;每个答案即时保存。",
		"Welcome to vendorvet — evaluating customer-service outsourcing vendors.\n\nWalk each vendor through seven steps (requirements → licences → team → cases → SLA → contract → monitoring) while it is scored live on compliance 20, service fit 35, KPI & data 25 and cooperation & risk 20. Every answer is saved as you give it.")
	lines := wrapText(text, w)
	body := strings.Join(lines, "\n") + "\n\n" +
		st.HelpKey.Render("n") + "  " + c.Lang.Pick("新建评估会话", "start a new evaluation") + "\n" +
		st.HelpKey.Render("D") + "  " + c.Lang.Pick("打开示例会话(电商企业,四家服务商)", "open the demo session (an e-commerce company, four vendors)")
	return st.Dialog.Width(w + 4).Render(body)
}

// ago says when something changed, briefly.
func ago(c *Common, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	now := c.Now()
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return c.Lang.Pick("刚刚", "just now")
	case d < time.Hour:
		return fmt.Sprintf(c.Lang.Pick("%d 分钟前", "%d min ago"), int(d.Minutes()))
	case t.YearDay() == now.YearDay() && t.Year() == now.Year():
		return t.Local().Format("15:04")
	case t.Year() == now.Year():
		return t.Local().Format("01-02 15:04")
	}
	return t.Local().Format("2006-01-02")
}

// bandMarkers mark each band so that it reads without colour. An unfinished
// evaluation has the half circle the step tabs give a step partly answered: no
// verdict's star or diamond, and not a reject's open triangle.
var bandMarkers = map[rubric.Band]string{
	rubric.Excellent: "★", rubric.Qualified: "◆", rubric.Incomplete: "◐", rubric.Reject: "▽", rubric.Disqualified: "✗",
}

// bandWord names a band in words with a marker that reads without colour.
func bandWord(c *Common, b rubric.Band) string {
	return bandStyle(c, b).Render(bandMarkers[b] + " " + b.Label(c.Lang))
}

// bandStyle is a band's colour; a band without one of its own (incomplete: no
// verdict yet) is bold in the text's colour.
func bandStyle(c *Common, b rubric.Band) lipgloss.Style {
	if st, ok := c.Styles.Bands[b]; ok {
		return st
	}
	return c.Styles.PanelTitle
}

func newSessionForm(c *Common) screen {
	return newFormScreen(c, c.Lang.Pick("新建评估会话", "New evaluation session"), []formField{
		{key: "title", label: c.Lang.Pick("标题", "Title"), placeholder: c.Lang.Pick("如:2026 客服外包选型", "e.g. 2026 customer-service outsourcing"), required: true},
		{key: "client", label: c.Lang.Pick("客户/公司", "Client / company"), placeholder: c.Lang.Pick("如:某服装电商", "e.g. an apparel retailer")},
		// Whoever uses the interface leads the sessions they start: the store writes
		// as them, and would otherwise add them to the panel of someone else's.
		{key: "evaluator", label: c.Lang.Pick("评估人", "Evaluator"), value: c.Evaluator, placeholder: c.Lang.Pick("你的名字", "your name")},
	}, func(v []string) tea.Cmd {
		var id int64
		return c.write(v[0], func(ctx context.Context, st *db.Store) (err error) {
			id, err = st.CreateSession(ctx, db.SessionMeta{Title: v[0], Client: v[1], Evaluator: v[2], Lang: c.Lang})
			return err
		}, func() tea.Cmd {
			sess, err := loadSeeded(c, id)
			if err != nil {
				return tea.Sequence(c.pop(), reportErr(err))
			}
			// A new session starts with its requirements (step 1).
			return tea.Sequence(c.replace(newSessionScreen(c, sess)), c.push(newRequirementsScreen(c, sess)))
		})
	}).keepDraft("new-session", db.DraftOf{})
}

func renameSession(c *Common, id int64) tea.Cmd {
	sess, err := loadSession(c, id)
	if err != nil {
		return reportErr(err)
	}
	return c.push(newFormScreen(c, c.Lang.Pick("重命名会话", "Rename session"), []formField{
		{key: "title", label: c.Lang.Pick("标题", "Title"), value: sess.Title, required: true},
		{key: "client", label: c.Lang.Pick("客户/公司", "Client / company"), value: sess.Client},
		{key: "evaluator", label: c.Lang.Pick("评估人", "Evaluator"), value: sess.Evaluator},
	}, func(v []string) tea.Cmd {
		return c.write(v[0], func(ctx context.Context, st *db.Store) error {
			return st.UpdateSessionMeta(ctx, id, db.SessionMeta{Title: v[0], Client: v[1], Evaluator: v[2], Lang: sess.Lang})
		}, c.pop)
	}).keepDraft(fmt.Sprintf("rename-session/%d", id), db.DraftOf{SessionID: id}))
}

// loadSession reads a whole session.
func loadSession(c *Common, id int64) (*db.Session, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.Store.Session(ctx, id)
}
