package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/clean"
	"vendorvet/db"
)

// Minimum terminal size for the screens; below it a message says so.
const (
	minWidth  = 40
	minHeight = 12
)

// App is the root model: a stack of screens under a title line, a status line and a
// help line.
type App struct {
	c     *Common
	stack []screen
	// status is the last save / info / error message and when it was set.
	status     string
	statusKind int // 0 info, 1 ok, 2 warning, 3 error
	lastSave   time.Time
	warnedAt   time.Time // when a conflict was last told; see conflictNotice
	// failing holds the writes whose last attempt failed, by key, until one lands:
	// "Saved" is said only when none is left.
	failing  map[string]SavedMsg
	fullHelp bool
	quitting bool
	keys     appKeys
}

type appKeys struct {
	Quit, ForceQuit, Help key.Binding
}

const (
	statusInfo = iota
	statusOK
	statusWarn
	statusError
)

// NewApp builds the root model on the sessions screen.
func NewApp(c *Common) *App {
	a := &App{c: c, failing: map[string]SavedMsg{}}
	a.keys = appKeys{
		Quit:      c.bind([]string{"q"}, "q", "退出", "quit"),
		ForceQuit: c.bind([]string{"ctrl+c"}, "ctrl+c", "保存并退出", "save & quit"),
		Help:      c.bind([]string{"?"}, "?", "全部按键", "all keys"),
	}
	a.stack = []screen{newSessionsScreen(c)}
	return a
}

func (a *App) top() screen { return a.stack[len(a.stack)-1] }

// Init starts the first screen and the watch for other windows' changes.
func (a *App) Init() tea.Cmd { return tea.Batch(a.top().Init(), a.watchNext()) }

// bodySize is what a screen gets: the terminal less the title, status and help lines.
func (a *App) bodySize() (int, int) { return a.c.Width, max(0, a.c.Height-3) }

// Update handles global keys and navigation, then forwards to the active screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyRunes {
		// Typed and pasted text is cleaned before any field takes it: the text
		// fields keep direction overrides and format characters, which would then
		// reach the screen, and turn a pasted CRLF into two line breaks.
		text := clean.Text(string(k.Runes))
		if text == "" {
			return a, nil
		}
		if text != string(k.Runes) {
			k.Runes = []rune(text)
			msg = k
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.c.Width, a.c.Height = msg.Width, msg.Height
		w, h := a.bodySize()
		for _, s := range a.stack {
			s.SetSize(w, h)
		}
		return a, a.forward(msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, a.keys.ForceQuit):
			return a, a.quit()
		case a.fullHelp:
			// Any key closes the full help.
			a.fullHelp = false
			return a, nil
		case !a.top().Typing() && key.Matches(msg, a.keys.Help):
			a.fullHelp = true
			return a, nil
		case !a.top().Typing() && key.Matches(msg, a.keys.Quit):
			return a, a.quit()
		}
	case pushMsg:
		w, h := a.bodySize()
		msg.s.SetSize(w, h)
		a.stack = append(a.stack, msg.s)
		return a, msg.s.Init()
	case replaceMsg:
		w, h := a.bodySize()
		msg.s.SetSize(w, h)
		a.stack[len(a.stack)-1] = msg.s
		return a, msg.s.Init()
	case popMsg:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		// The screen below may show what the popped one changed.
		return a, a.forward(reloadMsg{})
	case errMsg:
		a.setStatus(a.c.errorText(msg.err), statusError)
		// A form whose submit failed opens again with what was typed.
		return a, a.forward(msg)
	case infoMsg:
		a.setStatus(msg.text, statusInfo)
		return a, nil
	case SavedMsg:
		a.saved(msg)
		// Screens show per-field save problems too; a conflict puts back what the
		// store holds.
		return a, tea.Batch(a.forward(msg), a.settleConflict(msg))
	case watchMsg:
		return a, a.watch(msg)
	}
	return a, a.forward(msg)
}

func (a *App) forward(msg tea.Msg) tea.Cmd {
	s, cmd := a.top().Update(msg)
	a.stack[len(a.stack)-1] = s
	return cmd
}

func (a *App) setStatus(text string, kind int) { a.status, a.statusKind = text, kind }

// saved turns a finished write into the status line: the time of the last save, or
// plainly what was not saved and that it is still on screen. While any write is
// still failing, another one landing does not say "Saved".
func (a *App) saved(m SavedMsg) {
	c := a.c
	switch {
	case m.Conflict != nil:
		delete(a.failing, m.Key)
		a.warnedAt = c.Now()
		a.setStatus(c.tr("「"+m.What+"」已在另一窗口被修改,未覆盖;再次修改即以你的为准",
			"“"+m.What+"” was changed in another window and was not overwritten; change it again to keep yours"), statusWarn)
	case m.Err != nil:
		a.failing[m.Key] = m
		a.setStatus(a.notSaved(m), statusError)
	default:
		delete(a.failing, m.Key)
		a.lastSave = m.At
		if len(a.failing) > 0 {
			a.setStatus(a.notSaved(a.latestFailure()), statusError)
			return
		}
		if a.statusKind == statusError || (a.statusKind == statusWarn && c.Now().Sub(a.warnedAt) >= conflictNotice) || a.status == "" || strings.HasPrefix(a.status, c.tr("已保存", "Saved")) {
			a.setStatus(c.tr("已保存 ", "Saved ")+m.At.Format("15:04:05"), statusOK)
		}
	}
}

// notSaved says once that a write did not land, what it was, why, and whether it
// is being retried.
func (a *App) notSaved(m SavedMsg) string {
	c := a.c
	reason := db.UserMessage(m.Err, c.Lang)
	// The store's message may begin with "Not saved" itself.
	for _, p := range []string{"未保存：", "未保存:", "Not saved: "} {
		reason = strings.TrimPrefix(reason, p)
	}
	head := c.tr("未保存", "Not saved")
	if m.What != "" {
		head += c.tr("「"+m.What+"」", " ("+m.What+")")
	}
	msg := head + c.tr("：", ": ") + reason
	if m.Retrying {
		msg += c.tr(" — 内容仍在屏幕上,将自动重试", " — still on screen, retrying")
	}
	return msg
}

// latestFailure is the most recent of the writes still failing.
func (a *App) latestFailure() SavedMsg {
	var last SavedMsg
	for _, m := range a.failing {
		if last.Key == "" || m.At.After(last.At) || (m.At.Equal(last.At) && m.Key < last.Key) {
			last = m
		}
	}
	return last
}

// quit waits for the writes in flight, then ends the program.
func (a *App) quit() tea.Cmd {
	a.quitting = true
	saver := a.c.Saver
	return func() tea.Msg {
		if saver != nil {
			saver.Flush(5 * time.Second)
		}
		return tea.Quit()
	}
}

// View draws the title line, the screen, the status line and the help line.
func (a *App) View() string {
	c := a.c
	if c.Width == 0 {
		return ""
	}
	if c.Width < minWidth || c.Height < minHeight {
		msg := c.tr("终端窗口太小:", "Terminal too small: ") +
			c.tr("至少需要 ", "needs at least ") + itoa(minWidth) + "×" + itoa(minHeight) +
			c.tr(",当前 ", ", now ") + itoa(c.Width) + "×" + itoa(c.Height) +
			c.tr("。请放大窗口;ctrl+c 退出。", ". Enlarge the window; ctrl+c quits.")
		return fit(strings.Join(wrapText(msg, c.Width), "\n"), c.Width, c.Height)
	}
	s := c.Styles
	title := s.Title.Render("vendorvet") + s.Breadcrumb.Render(" › "+a.breadcrumb(c.Width-lipgloss.Width("vendorvet › ")))
	_, h := a.bodySize()
	var body string
	if a.fullHelp {
		body = a.helpView(h)
	} else {
		body = a.top().View()
	}
	body = fitBody(body, c.Width, h)
	return fit(title, c.Width, 1) + "\n" + body + "\n" + fit(a.statusView(), c.Width, 1) + "\n" + fit(a.helpLine(), c.Width, 1)
}

// breadcrumb names the screens from home to here in w cells; when it does not fit,
// the screens passed through shrink first, so the current one keeps its name.
func (a *App) breadcrumb(w int) string {
	crumbs := make([]string, len(a.stack))
	for i, sc := range a.stack {
		crumbs[i] = sc.Title()
	}
	joined := strings.Join(crumbs, " › ")
	if lipgloss.Width(joined) <= w || len(crumbs) == 1 {
		return truncate(joined, w)
	}
	last := crumbs[len(crumbs)-1]
	room := w - lipgloss.Width(last) - 3*(len(crumbs)-1)
	each := max(1, room/(len(crumbs)-1))
	for i := range crumbs[:len(crumbs)-1] {
		crumbs[i] = truncate(crumbs[i], each)
	}
	return truncate(strings.Join(crumbs, " › "), w)
}

func (a *App) statusView() string {
	s := a.c.Styles
	if a.quitting {
		return s.Faint.Render(a.c.tr("正在保存并退出…", "Saving and quitting…"))
	}
	switch a.statusKind {
	case statusError:
		return s.Error.Render("✗ " + a.status)
	case statusWarn:
		return s.Warn.Render("! " + a.status)
	case statusOK:
		return s.OK.Render("✓ " + a.status)
	}
	return s.Faint.Render(a.status)
}

// helpLine lists the keys that work here, ending with the global ones; when the
// line is too narrow the screen's last entries give way, never the way to all keys.
func (a *App) helpLine() string {
	s := a.c.Styles
	global := []key.Binding{a.keys.Help, a.keys.Quit}
	if a.top().Typing() {
		global = []key.Binding{a.keys.ForceQuit}
	}
	sep := s.Help.Render(" · ")
	render := func(bs []key.Binding) []string {
		var out []string
		for _, b := range bs {
			if b.Enabled() {
				out = append(out, s.HelpKey.Render(b.Help().Key)+" "+s.Help.Render(b.Help().Desc))
			}
		}
		return out
	}
	tail := strings.Join(render(global), sep)
	room := a.c.Width - lipgloss.Width(tail) - lipgloss.Width(sep)
	line := ""
	for _, entry := range render(a.top().ShortHelp()) {
		next := entry
		if line != "" {
			next = line + sep + entry
		}
		if lipgloss.Width(next) > room {
			break
		}
		line = next
	}
	if line == "" {
		return tail
	}
	return line + sep + tail
}

func (a *App) helpView(h int) string {
	s := a.c.Styles
	var lines []string
	lines = append(lines, s.Header.Render(a.c.tr("本页按键", "Keys on this screen")))
	groups := append(a.top().FullHelp(), []key.Binding{a.keys.Help, a.keys.Quit, a.keys.ForceQuit})
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			lines = append(lines, "  "+pad(s.HelpKey.Render(b.Help().Key), 16)+" "+b.Help().Desc)
		}
		lines = append(lines, "")
	}
	lines = append(lines, s.Faint.Render(a.c.tr("按任意键返回", "Press any key to go back")))
	return strings.Join(lines, "\n")
}

// Quitting reports whether the user asked to quit.
func (a *App) Quitting() bool { return a.quitting }

// errorText is the message of an error in the user's language.
func (c *Common) errorText(err error) string {
	var ue userErr
	if errors.As(err, &ue) {
		return ue.Error()
	}
	return db.UserMessage(err, c.Lang)
}

// userErr is an error already phrased for the user.
type userErr string

func (e userErr) Error() string { return string(e) }

func itoa(n int) string { return fmtInt(n) }
