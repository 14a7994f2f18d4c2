package ui

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/clean"
	"vendorvet/usermsg"
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
	// rereadSession is set when reading the open session after a change elsewhere
	// failed: the next look reads it again, changed or not.
	rereadSession bool
	// body is the frame's body as last drawn, kept while the messages since
	// change nothing in it (keepsBody).
	body drawnBody
	// help is the help line as last drawn and what it said (helpLine).
	help struct{ said, line string }
	// partRead is set when the last read of the open session read one vendor
	// only (watchedVendor): a screen showing every vendor reads it whole.
	partRead bool
	// failing holds the writes whose last attempt failed, by key, until one lands:
	// "Saved" is said only when none is left.
	failing  map[string]SavedMsg
	fullHelp bool
	quitting bool
	keys     appKeys
	// waiting holds the keys that came while a screen change was on its way;
	// navSeen counts the changes that came, to tell a late change from a lost one.
	waiting []tea.KeyMsg
	navSeen int
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
	a.keys = c.keys().App
	a.stack = []screen{newSessionsScreen(c)}
	ctx, cancel := c.ctx()
	defer cancel()
	// Said over the first screen once, after the store was scored by new rules.
	if moves, err := c.Store.ScoreMoves(ctx); err == nil && len(moves) > 0 {
		a.stack = append(a.stack, newMovesScreen(c, moves))
	}
	return a
}

func (a *App) top() screen { return a.stack[len(a.stack)-1] }

// Init starts the first screen and the watch for other windows' changes.
func (a *App) Init() tea.Cmd { return tea.Batch(a.top().Init(), a.watchNext()) }

// bodySize is what a screen gets: the terminal less the title, status and help lines.
func (a *App) bodySize() (int, int) { return a.c.Width, max(0, a.c.Height-3) }

// Update handles global keys and navigation, then forwards to the active screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if !a.keepsBody(msg) {
		a.body.drawn = false
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return a, a.key(msg)
	case navStuckMsg:
		if msg.seen == a.navSeen && a.c.navigating > 0 {
			// A screen change was asked for and never came: the keys waiting for
			// it go to the screen there is.
			a.c.navigating = 0
			return a, a.replay()
		}
		return a, nil
	case tea.WindowSizeMsg:
		a.c.Width, a.c.Height = msg.Width, msg.Height
		w, h := a.bodySize()
		for _, s := range a.stack {
			s.SetSize(w, h)
		}
		return a, a.forward(msg)
	case pushMsg:
		w, h := a.bodySize()
		msg.s.SetSize(w, h)
		a.stack = append(a.stack, msg.s)
		return a, tea.Batch(msg.s.Init(), a.arrived())
	case replaceMsg:
		w, h := a.bodySize()
		msg.s.SetSize(w, h)
		a.stack[len(a.stack)-1] = msg.s
		return a, tea.Batch(msg.s.Init(), a.arrived())
	case popMsg:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		// The screen below may show what the popped one changed.
		return a, tea.Batch(a.forward(reloadMsg{}), a.arrived())
	case navFailedMsg:
		cmd := a.arrived()
		a.setStatus(a.c.errorText(msg.err), statusError)
		return a, cmd
	case writtenMsg:
		if msg.err != nil {
			// The form learns first, so that keys that waited are typed into it.
			fwd := a.forward(errMsg{msg.err})
			cmd := a.arrived()
			a.setStatus(a.c.errorText(msg.err), statusError)
			return a, tea.Batch(fwd, cmd)
		}
		var next tea.Cmd
		if msg.then != nil {
			next = msg.then()
		}
		return a, tea.Batch(next, a.arrived())
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

// navStuckMsg checks that a screen change asked for has come; seen is how many had
// come when the check was set.
type navStuckMsg struct{ seen int }

// navPatience is how long keys wait for a screen change before they go to the
// screen there is; a change takes a frame or two, and one that is lost must not
// swallow every key after it.
const navPatience = time.Second

// key routes one key message: to the screen changing, to each key of a burst in
// turn, or to the global keys and then the screen in front.
func (a *App) key(k tea.KeyMsg) tea.Cmd {
	if a.quitting {
		return nil
	}
	if k.Type == tea.KeyRunes {
		// Typed and pasted text is cleaned before any field takes it: the text
		// fields keep direction overrides and format characters, which would then
		// reach the screen, and turn a pasted CRLF into two line breaks.
		text := clean.Text(string(k.Runes))
		if text == "" {
			return nil
		}
		k.Runes = []rune(text)
		if text == " " {
			k.Type = tea.KeySpace
		}
	}
	if key.Matches(k, a.keys.ForceQuit) {
		return a.quit()
	}
	if k.Type == tea.KeyRunes && k.Alt && !k.Paste && !altDigit(k) {
		// Esc and the key typed right after it, read together (fast typing, SSH),
		// arrive as alt+key: esc then "n" is leave, then n, never an "n" typed into
		// the field being left. Only alt+digit means something of its own here.
		k.Alt = false
		return tea.Batch(a.key(tea.KeyMsg{Type: tea.KeyEsc}), a.key(k))
	}
	if k.Type == tea.KeyEsc && k.Alt {
		// Esc twice, read together, arrives as alt+esc: back twice.
		return tea.Batch(a.key(tea.KeyMsg{Type: tea.KeyEsc}), a.key(tea.KeyMsg{Type: tea.KeyEsc}))
	}
	if a.c.navigating > 0 {
		a.waiting = append(a.waiting, k)
		if len(a.waiting) > 1 {
			return nil
		}
		return a.checkNavComes()
	}
	if !a.top().Typing() && k.Type == tea.KeyRunes {
		if k.Paste {
			// Pasted text outside a text field is never run as commands: a pasted
			// "yynq" must not answer twice, say no and quit.
			a.setStatus(a.c.Lang.Pick("粘贴的内容未执行:此处没有文字框", "Pasted text ignored: no text field has the focus"), statusWarn)
			return nil
		}
		if len(k.Runes) > 1 {
			return a.burst(k)
		}
	}
	switch {
	case a.fullHelp:
		// Any key closes the full help.
		a.fullHelp = false
		return nil
	case !a.top().Typing() && key.Matches(k, a.keys.Help):
		a.fullHelp = true
		return nil
	case !a.top().Typing() && key.Matches(k, a.keys.Quit):
		return a.quit()
	}
	return a.forward(k)
}

// altDigit is alt+1…9: a step jump, not esc and a digit.
func altDigit(k tea.KeyMsg) bool {
	return len(k.Runes) == 1 && k.Runes[0] >= '1' && k.Runes[0] <= '9'
}

// burst handles keys the terminal delivered in one read (fast typing, SSH, a
// remote desktop) one by one, in order, each where it lands: "yy" answers two
// questions, and the rest of "ax" after a opened a dialog is typed into it.
func (a *App) burst(k tea.KeyMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(k.Runes))
	for i, r := range k.Runes {
		if a.c.navigating > 0 {
			// A key of the burst changes the screen: the rest waits for it, ahead of
			// any key typed after the burst.
			rest := k
			rest.Runes = k.Runes[i:]
			a.waiting = append([]tea.KeyMsg{rest}, a.waiting...)
			return tea.Batch(append(cmds, a.checkNavComes())...)
		}
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
		if r == ' ' {
			one.Type = tea.KeySpace
		}
		cmds = append(cmds, a.key(one))
	}
	return tea.Batch(cmds...)
}

// arrived records a screen change and lets the keys that waited for it act. A
// message belongs to the screen that made it, so it goes with that screen; only
// the state of saving, which is true on every screen, stays.
func (a *App) arrived() tea.Cmd {
	a.c.navigated()
	a.navSeen++
	if len(a.failing) == 0 && a.statusKind != statusOK {
		a.setStatus("", statusInfo)
	}
	return a.replay()
}

// replay hands the waiting keys, in order, to the screen now in front, until one of
// them asks for another screen change.
func (a *App) replay() tea.Cmd {
	var cmds []tea.Cmd
	for a.c.navigating == 0 && len(a.waiting) > 0 {
		k := a.waiting[0]
		a.waiting = a.waiting[1:]
		cmds = append(cmds, a.key(k))
	}
	if len(a.waiting) > 0 {
		cmds = append(cmds, a.checkNavComes())
	}
	return tea.Batch(cmds...)
}

// checkNavComes sets the check that the screen change now awaited comes.
func (a *App) checkNavComes() tea.Cmd {
	seen := a.navSeen
	return tea.Tick(navPatience, func(time.Time) tea.Msg { return navStuckMsg{seen} })
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
		a.setStatus(c.Lang.Pick("「"+m.What+"」已在另一窗口被修改,未覆盖;再次修改即以你的为准",
			"“"+m.What+"” was changed in another window and was not overwritten; change it again to keep yours"), statusWarn)
	case m.Err != nil:
		// A write given up (the store refused it for good) is told once; one still
		// retried keeps "Saved" from being said until it lands.
		delete(a.failing, m.Key)
		if m.Retrying {
			a.failing[m.Key] = m
		}
		a.setStatus(a.notSaved(m), statusError)
	default:
		delete(a.failing, m.Key)
		a.lastSave = m.At
		if len(a.failing) > 0 {
			a.setStatus(a.notSaved(a.latestFailure()), statusError)
			return
		}
		if a.statusKind == statusError || (a.statusKind == statusWarn && c.Now().Sub(a.warnedAt) >= conflictNotice) || a.status == "" || strings.HasPrefix(a.status, c.Lang.Pick("已保存", "Saved")) {
			a.setStatus(c.Lang.Pick("已保存 ", "Saved ")+m.At.Format("15:04:05"), statusOK)
		}
	}
}

// notSaved says once that a write did not land, what it was, why, and whether it
// is being retried.
func (a *App) notSaved(m SavedMsg) string {
	c := a.c
	reason := usermsg.For(m.Err, c.Lang)
	// The store's message may begin with "Not saved" itself.
	for _, p := range []string{"未保存：", "未保存:", "Not saved: "} {
		reason = strings.TrimPrefix(reason, p)
	}
	head := c.Lang.Pick("未保存", "Not saved")
	if m.What != "" {
		head += c.Lang.Pick("「"+m.What+"」", " ("+m.What+")")
	}
	msg := head + c.Lang.Pick("：", ": ") + reason
	if m.Retrying {
		msg += c.Lang.Pick(" — 内容仍在屏幕上,将自动重试", " — still on screen, retrying")
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
		msg := c.Lang.Pick("终端窗口太小:", "Terminal too small: ") +
			c.Lang.Pick("至少需要 ", "needs at least ") + itoa(minWidth) + "×" + itoa(minHeight) +
			c.Lang.Pick(",当前 ", ", now ") + itoa(c.Width) + "×" + itoa(c.Height) +
			c.Lang.Pick("。请放大窗口;ctrl+c 退出。", ". Enlarge the window; ctrl+c quits.")
		return fit(strings.Join(wrapText(msg, c.Width), "\n"), c.Width, c.Height)
	}
	s := c.Styles
	title := s.Title.Render("vendorvet") + s.Breadcrumb.Render(" › "+a.breadcrumb(c.Width-lipgloss.Width("vendorvet › ")))
	_, h := a.bodySize()
	if !a.body.drawn || a.body.w != c.Width || a.body.h != h {
		var body string
		if a.fullHelp {
			body = a.helpView(h)
		} else {
			body = a.top().View()
		}
		a.body = drawnBody{text: fitBody(body, c.Width, h), w: c.Width, h: h, drawn: true}
	}
	return fit(title, c.Width, 1) + "\n" + a.body.text + "\n" + fit(a.statusView(), c.Width, 1) + "\n" + fit(a.helpLine(), c.Width, 1)
}

// drawnBody is the body of the last frame, at the size it was drawn for.
type drawnBody struct {
	text  string
	w, h  int
	drawn bool
}

// keepsBody reports whether msg leaves the body of the frame as it was drawn:
// Bubble Tea draws a frame after every message, and on the team server, where
// many people type at once, most messages are a save landing or the watch
// finding nothing, which the status line alone shows. The forms' screens draw
// nothing of either (their Update) and nothing that changes with the clock; the
// body is drawn again after any other message, and on any other screen.
func (a *App) keepsBody(msg tea.Msg) bool {
	if a.fullHelp {
		return false
	}
	switch a.top().(type) {
	case *vendorScreen, *capacityScreen, *whatIfScreen:
	default:
		return false
	}
	switch msg := msg.(type) {
	case SavedMsg:
		return msg.Err == nil && msg.Conflict == nil
	case watchTickMsg:
		return true
	case dataChangedMsg:
		return !msg.changed && !a.rereadSession && !a.partRead
	}
	return false
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
		return s.Faint.Render(a.c.Lang.Pick("正在保存并退出…", "Saving and quitting…"))
	}
	switch a.statusKind {
	case statusError:
		return s.Error.Render("✗ " + a.status)
	case statusWarn:
		return s.Warn.Render("! " + a.status)
	}
	if a.statusKind == statusInfo && a.status != "" {
		return s.Faint.Render(a.status)
	}
	if a.c.Saver != nil && a.c.Saver.Pending() > 0 {
		// "Saved" would speak of an older change than the one on screen.
		return s.Faint.Render(a.c.Lang.Pick("正在保存…", "Saving…"))
	}
	if a.statusKind == statusOK {
		return s.OK.Render("✓ " + a.status)
	}
	return ""
}

// helpLine lists the keys that work here, ending with the global ones; when the
// line is too narrow the screen's entries that do not fit give way whole, never the
// way to all keys.
func (a *App) helpLine() string {
	global := []key.Binding{a.keys.Help, a.keys.Quit}
	if a.top().Typing() {
		global = []key.Binding{a.keys.ForceQuit}
	}
	short := a.top().ShortHelp()
	// Drawn once for what it says at this width: it is on every frame, and
	// changes only with the screen and the field in focus.
	said := helpSaid(a.c.Width, global, short)
	if said == a.help.said {
		return a.help.line
	}
	line := a.drawHelpLine(global, short)
	a.help.said, a.help.line = said, line
	return line
}

// helpSaid is what a help line of these bindings says at width w, as one string.
func helpSaid(w int, lists ...[]key.Binding) string {
	var b strings.Builder
	b.WriteString(itoa(w))
	for _, bs := range lists {
		b.WriteByte(0)
		for _, k := range bs {
			if k.Enabled() {
				b.WriteString(k.Help().Key + "\x01" + k.Help().Desc + "\x02")
			}
		}
	}
	return b.String()
}

// drawHelpLine draws the screen's short help, as much as fits in whole entries,
// before the global keys.
func (a *App) drawHelpLine(global, short []key.Binding) string {
	s := a.c.Styles
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
	for _, entry := range render(short) {
		next := entry
		if line != "" {
			next = line + sep + entry
		}
		if lipgloss.Width(next) > room {
			// Whole entries only; a shorter one further on may still fit.
			continue
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
	lines = append(lines, s.Header.Render(a.c.Lang.Pick("本页按键", "Keys on this screen")))
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
	lines = append(lines, s.Faint.Render(a.c.Lang.Pick("按任意键返回", "Press any key to go back")))
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
	return usermsg.For(err, c.Lang)
}

// userErr is an error already phrased for the user.
type userErr string

func (e userErr) Error() string { return string(e) }

func itoa(n int) string { return fmtInt(n) }
