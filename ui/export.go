package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/report"
)

// exportScreen writes a session's Markdown report to a file the user names, and
// previews the report below the path.
type exportScreen struct {
	c    *Common
	sess *db.Session
	// markdown is what the preview shows: the report as last generated; mdGen
	// counts its changes.
	markdown []byte
	mdGen    int
	path     textinput.Model
	// preview holds the report laid out for the width and markdown in shown;
	// rendering those in asks, when not nil, is under way. Laying out a long
	// report is slow (glamour, tables and all), so always off the UI goroutine: meanwhile
	// the preview shows what it showed.
	preview   viewport.Model
	shown     *previewKey
	rendering *previewKey
	// previewFocus is true when the keys go to the preview instead of the path.
	previewFocus bool
	// confirm holds the absolute path waiting for "overwrite?"; "" when not asking.
	confirm string
	busy    bool
	written string
	problem string
	w, h    int
	keys    exportKeys
}

// exportHeader is the number of lines above the preview.
const exportHeader = 4

// openExport flushes queued writes, loads the session and shows the export screen.
// Over the team server there is none: it would write to the server's disk.
func openExport(c *Common, sessionID int64) tea.Cmd {
	if c.Remote {
		return reportErr(userErr(c.Lang.Pick("团队服务器上不写文件:用 ssh … export 编号 取得报告",
			"The team server writes no files: fetch the report with ssh … export ID")))
	}
	// Keys typed while the session loads are for the export screen.
	c.navigating++
	return func() tea.Msg {
		if c.Saver != nil {
			c.Saver.Flush(defaultFlush)
		}
		sess, err := loadSession(c, sessionID)
		if err != nil {
			return navFailedMsg{err}
		}
		if sess.BlindedAny() {
			return navFailedMsg{userErr(c.Lang.Pick(
				"盲评中:报告含小组全部答案,由组长导出,或你提交全部服务商后导出",
				"Blind review: only the lead, or you after submitting every vendor, can export"))}
		}
		// The preview is laid out after the screen shows (Init): glamour takes a
		// while over a long report, and the path can be typed meanwhile.
		return pushMsg{newExportScreen(c, sess)}
	}
}

// previewKey names a layout of the preview: the markdown's generation and the
// width.
type previewKey struct{ gen, width int }

// previewMsg is the preview laid out off the UI goroutine.
type previewMsg struct {
	key  previewKey
	view viewport.Model
}

// renderPreview lays the report out as the preview shows it at width. It runs in
// commands: it reads nothing a screen changes.
func renderPreview(c *Common, md []byte, gen, width int) previewMsg {
	v := newPreview()
	v.SetContent(previewMarkdown(c.Styles, md, width))
	return previewMsg{key: previewKey{gen, width}, view: v}
}

func newPreview() viewport.Model {
	v := viewport.New(0, 0)
	v.SetHorizontalStep(8)
	return v
}

// previewWidth is the width the report is laid out for on a screen w cells wide.
func previewWidth(w int) int { return max(20, w) }

func newExportScreen(c *Common, sess *db.Session) *exportScreen {
	s := &exportScreen{c: c, sess: sess}
	s.keys = c.keys().Export
	s.path = newTextInput(c)
	s.path.Prompt = ""
	s.path.CharLimit = 4096
	s.path.Placeholder = c.Lang.Pick("文件名或路径", "file name or path")
	s.path.SetValue(report.SafeFileName(sess.Title))
	s.path.Focus()
	s.preview = newPreview()
	s.markdown = report.Markdown(sess.Rubric(), c.Lang, c.Now())
	return s
}

// Init starts the cursor and, unless the screen came with it, the preview's layout.
func (s *exportScreen) Init() tea.Cmd { return tea.Batch(textinput.Blink, s.rerender()) }
func (s *exportScreen) Title() string { return s.c.Lang.Pick("导出", "Export") }

// Typing is true while the path field has the focus: letters are part of the path.
func (s *exportScreen) Typing() bool { return !s.previewFocus && s.confirm == "" }

func (s *exportScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	label := ansi.StringWidth(s.pathLabel())
	s.path.Width = max(1, w-label-1)
	s.preview.Width, s.preview.Height = w, max(1, h-exportHeader)
}

func (s *exportScreen) pathLabel() string { return s.c.Lang.Pick("文件:", "File: ") }

// rerender lays the preview out again in a command when the markdown or the width
// changed since the preview shown was laid out, and no such layout is under way.
func (s *exportScreen) rerender() tea.Cmd {
	want := previewKey{s.mdGen, previewWidth(s.w)}
	if (s.shown != nil && *s.shown == want) || (s.rendering != nil && *s.rendering == want) {
		return nil
	}
	s.rendering = &want
	c, md := s.c, s.markdown
	return func() tea.Msg { return renderPreview(c, md, want.gen, want.width) }
}

// laidOut shows a layout of the preview unless the markdown or the width changed
// since it was asked for: then a newer one is under way, or shown already.
func (s *exportScreen) laidOut(m previewMsg) {
	if s.rendering != nil && *s.rendering == m.key {
		s.rendering = nil
	}
	if m.key != (previewKey{s.mdGen, previewWidth(s.w)}) {
		return
	}
	s.show(m)
}

// show puts a layout in the preview at the line that was on top; a new layout
// starts at the left edge.
func (s *exportScreen) show(m previewMsg) {
	v := m.view
	v.Width, v.Height = s.preview.Width, s.preview.Height
	v.SetYOffset(s.preview.YOffset)
	s.preview = v
	s.shown = &m.key
}

func (s *exportScreen) ShortHelp() []key.Binding {
	s.refreshKeys()
	if s.confirm != "" {
		return []key.Binding{s.keys.Yes, s.keys.No}
	}
	// Most useful first: the help line leaves out, whole, what does not fit.
	return []key.Binding{s.keys.Write, s.keys.Focus, s.keys.Back, s.keys.Up, s.keys.PageUp}
}

func (s *exportScreen) FullHelp() [][]key.Binding {
	s.refreshKeys()
	if s.confirm != "" {
		return [][]key.Binding{{s.keys.Yes, s.keys.No}}
	}
	return [][]key.Binding{
		{s.keys.Write, s.keys.Focus, s.keys.Back},
		// Up, PageUp and Left carry the help of their pairs.
		{s.keys.Up, s.keys.PageUp, s.keys.Left},
	}
}

// refreshKeys names what tab does next and offers sideways scrolling only in the
// preview, where ←/→ are not needed to edit the path.
func (s *exportScreen) refreshKeys() {
	c := s.c
	if s.previewFocus {
		s.keys.Focus.SetHelp("tab", c.Lang.Pick("编辑路径", "edit path"))
	} else {
		s.keys.Focus.SetHelp("tab", c.Lang.Pick("聚焦预览", "focus preview"))
	}
	s.keys.Left.SetEnabled(s.previewFocus)
	s.keys.Right.SetEnabled(s.previewFocus)
	s.keys.Write.SetEnabled(!s.busy)
}

func (s *exportScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportedMsg:
		return s, s.exported(msg)
	case previewMsg:
		s.laidOut(msg)
		return s, nil
	case tea.WindowSizeMsg:
		return s, s.rerender()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	if !s.previewFocus {
		var cmd tea.Cmd
		s.path, cmd = s.path.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s *exportScreen) key(k tea.KeyMsg) tea.Cmd {
	c := s.c
	if s.confirm != "" {
		switch {
		case key.Matches(k, s.keys.Yes):
			path := s.confirm
			s.confirm = ""
			return s.write(path, true)
		case key.Matches(k, s.keys.No):
			s.problem = fmt.Sprintf(c.Lang.Pick("未覆盖 %s。", "%s was left as it was."), s.confirm)
			s.confirm = ""
		}
		return nil
	}
	switch {
	case key.Matches(k, s.keys.Back):
		return s.c.pop()
	case key.Matches(k, s.keys.Write):
		if s.busy {
			return nil
		}
		path, err := s.target()
		if err != nil {
			s.problem = err.Error()
			return nil
		}
		return s.write(path, false)
	case key.Matches(k, s.keys.Focus):
		s.previewFocus = !s.previewFocus
		if s.previewFocus {
			s.path.Blur()
			return nil
		}
		return s.path.Focus()
	case key.Matches(k, s.keys.Up):
		s.preview.LineUp(1)
	case key.Matches(k, s.keys.Down):
		s.preview.LineDown(1)
	case key.Matches(k, s.keys.PageUp):
		s.preview.PageUp()
	case key.Matches(k, s.keys.PageDown):
		s.preview.PageDown()
	case s.previewFocus && key.Matches(k, s.keys.Left):
		s.preview.ScrollLeft(8)
	case s.previewFocus && key.Matches(k, s.keys.Right):
		s.preview.ScrollRight(8)
	case s.previewFocus && (k.String() == "k" || k.String() == "j"):
		// Vim keys scroll only when they cannot be part of a path.
		if k.String() == "k" {
			s.preview.LineUp(1)
		} else {
			s.preview.LineDown(1)
		}
	case !s.previewFocus:
		var cmd tea.Cmd
		s.path, cmd = s.path.Update(k)
		s.problem = ""
		return cmd
	}
	return nil
}

// target turns the typed path into an absolute file name: "~/" is the home
// directory, a relative path is under the current directory, and an existing
// directory gets the default file name.
func (s *exportScreen) target() (string, error) {
	c := s.c
	p := strings.TrimSpace(s.path.Value())
	if p == "" {
		return "", userErr(c.Lang.Pick("请输入文件名。", "Type a file name."))
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", userErr(c.Lang.Pick("找不到主目录,请写出完整路径。", "The home directory is unknown; type the full path."))
		}
		p = filepath.Join(home, strings.TrimPrefix(p[1:], "/"))
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", userErr(fmt.Sprintf(c.Lang.Pick("路径无效:%v", "Not a usable path: %v"), err))
	}
	if fi, err := os.Lstat(abs); err == nil && fi.IsDir() {
		abs = filepath.Join(abs, report.SafeFileName(s.sess.Title))
	}
	return abs, nil
}

// write generates the report from what is saved and writes it, off the UI
// goroutine; a report that differs from the one previewed is laid out there too.
func (s *exportScreen) write(path string, force bool) tea.Cmd {
	s.busy, s.problem, s.written = true, "", ""
	c, id, previewed, width := s.c, s.sess.ID, s.markdown, previewWidth(s.w)
	return func() tea.Msg {
		m := writeReport(c, id, path, force)
		if m.markdown != nil && !bytes.Equal(m.markdown, previewed) {
			// The generation is the screen's to give when the message arrives.
			p := renderPreview(c, m.markdown, 0, width)
			m.preview = &p
		}
		return m
	}
}

// exportedMsg reports a finished write; storeErr is a failure to read the session,
// fileErr one to write the file. preview, when not nil, is the report laid out.
type exportedMsg struct {
	path     string
	markdown []byte
	preview  *previewMsg
	storeErr error
	fileErr  error
}

// writeReport flushes queued saves, reads the session again and writes its report:
// the file holds exactly what is in the store, as the command line would write it.
func writeReport(c *Common, sessionID int64, path string, force bool) exportedMsg {
	m := exportedMsg{path: path}
	if c.Saver != nil && !c.Saver.Flush(defaultFlush) {
		m.storeErr = errUnsaved
		return m
	}
	ctx, cancel := context.WithTimeout(context.Background(), defaultFlush)
	defer cancel()
	sess, err := c.Store.Session(ctx, sessionID)
	if err != nil {
		m.storeErr = err
		return m
	}
	m.markdown = report.Markdown(sess.Rubric(), c.Lang, c.Now())
	m.fileErr = report.WriteFile(path, m.markdown, force)
	return m
}

// errUnsaved stops an export while changes are still waiting to be saved.
var errUnsaved = errors.New("changes are still waiting to be saved")

// exported shows how the write went and asks before an overwrite.
func (s *exportScreen) exported(m exportedMsg) tea.Cmd {
	return tea.Batch(s.previewWritten(m), s.reportWrite(m))
}

// previewWritten makes the preview show the report as written, when it changed.
func (s *exportScreen) previewWritten(m exportedMsg) tea.Cmd {
	if m.markdown == nil || bytes.Equal(m.markdown, s.markdown) {
		return nil
	}
	s.markdown = m.markdown
	s.mdGen++
	if m.preview != nil {
		p := *m.preview
		p.key.gen = s.mdGen
		s.laidOut(p)
	}
	return s.rerender()
}

// reportWrite says how the write went and asks before an overwrite.
func (s *exportScreen) reportWrite(m exportedMsg) tea.Cmd {
	c := s.c
	s.busy = false
	switch {
	case errors.Is(m.storeErr, errUnsaved):
		s.problem = c.Lang.Pick("还有修改未能保存,为免报告与屏幕不符,暂不导出;请稍后再试。",
			"Some changes are not saved yet; the report would not match the screen, so nothing was written. Try again in a moment.")
	case m.storeErr != nil:
		s.problem = c.errorText(m.storeErr)
	case m.fileErr == nil:
		s.written = m.path
		return info(c.Lang.Pick("已导出:", "Exported: ") + m.path)
	case errors.Is(m.fileErr, report.ErrExists):
		s.confirm = m.path
	case errors.Is(m.fileErr, report.ErrSymlink):
		s.problem = fmt.Sprintf(c.Lang.Pick("%s 是符号链接,为安全起见不通过它写入;请换一个路径。",
			"%s is a symbolic link; for safety nothing is written through it. Choose another path."), m.path)
	default:
		s.problem = fmt.Sprintf(c.Lang.Pick("写入 %s 失败:%v", "Could not write %s: %v"), m.path, unwrapPath(m.fileErr))
	}
	return nil
}

// unwrapPath drops the path from a file-system error: the message names it already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (s *exportScreen) View() string {
	c, st := s.c, s.c.Styles
	var lines []string
	lines = append(lines, st.Header.Render(c.Lang.Pick("导出 Markdown 报告", "Export the Markdown report"))+"  "+st.Faint.Render(s.sess.Title))
	label := s.pathLabel()
	if !s.previewFocus && s.confirm == "" {
		label = st.Selected.Render(label)
	}
	lines = append(lines, label+s.path.View())
	lines = append(lines, s.statusLine())
	pct := int(s.preview.ScrollPercent() * 100)
	rule := c.Lang.Pick("── 预览 ", "── Preview ") + fmt.Sprintf("%d%% ", pct)
	if s.previewFocus {
		rule = st.Selected.Render(rule + c.Lang.Pick("(↑/↓ ←/→ 滚动,tab 回到路径)", "(↑/↓ ←/→ scroll, tab back to the path)"))
	} else {
		rule = st.Faint.Render(rule + c.Lang.Pick("(↑/↓ pgup/pgdn 滚动)", "(↑/↓ pgup/pgdn scroll)"))
	}
	lines = append(lines, rule)
	if s.shown == nil {
		lines = append(lines, st.Faint.Render(c.Lang.Pick("正在生成预览…", "Preparing the preview…")))
	} else {
		lines = append(lines, s.preview.View())
	}
	return fit(strings.Join(lines, "\n"), s.w, s.h)
}

// statusLine is the question, the problem, the result, or where the file will go.
func (s *exportScreen) statusLine() string {
	c, st := s.c, s.c.Styles
	switch {
	case s.confirm != "":
		return st.Warn.Render(fmt.Sprintf(c.Lang.Pick("! %s 已存在。覆盖?[y] 覆盖 · [n] 保留原文件",
			"! %s already exists. Overwrite? [y] overwrite · [n] keep it"), s.confirm))
	case s.busy:
		return st.Faint.Render(c.Lang.Pick("正在写入…", "Writing…"))
	case s.problem != "":
		return st.Error.Render("✗ " + s.problem)
	case s.written != "":
		return st.OK.Render(c.Lang.Pick("✓ 已写入 ", "✓ Wrote ") + s.written)
	}
	if p, err := s.target(); err == nil {
		return st.Faint.Render(c.Lang.Pick("将写入 ", "Will write ") + p + c.Lang.Pick("(enter 写入)", " (enter writes)"))
	}
	return ""
}

// previewMarkdown lays the report out for a terminal width cells wide through
// glamour, in the style the styles chose for it (plain when colours are off).
func previewMarkdown(st *Styles, md []byte, width int) string {
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(st.Markdown),
		glamour.WithColorProfile(st.Profile),
		glamour.WithWordWrap(width),
		// The report breaks lines where it means to ("**Client:** …  " lines).
		glamour.WithPreservedNewLines(),
	)
	var out string
	if err == nil {
		out, err = r.Render(string(md))
	}
	if err != nil {
		// The report as written still reads; the preview is never empty.
		return string(md)
	}
	return fitWidth(strings.Trim(out, "\n"), width)
}

// markdownStyle is glamour's style for a renderer: its plain one without colours,
// otherwise the one for the terminal's background.
func markdownStyle(r *lipgloss.Renderer) string {
	switch {
	case r.ColorProfile() == termenv.Ascii:
		return glamourstyles.NoTTYStyle
	case r.HasDarkBackground():
		return glamourstyles.DarkStyle
	}
	return glamourstyles.LightStyle
}

// fitWidth breaks the lines of s wider than width: glamour wraps at spaces only,
// and Chinese runs without them. The rest of a broken line keeps its indentation
// (and a quote its bar).
func fitWidth(s string, width int) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		lead := leadOf(ansi.Strip(line))
		n := ansi.StringWidth(lead)
		if n >= width/2 {
			lead, n = "", 0
		}
		next := strings.ReplaceAll(lead, "•", " ")
		body := ansi.Cut(line, n, ansi.StringWidth(line))
		for i, part := range strings.Split(ansi.Wrap(body, width-n, ""), "\n") {
			if i == 0 {
				out = append(out, ansi.Cut(line, 0, n)+part)
			} else {
				out = append(out, next+part)
			}
		}
	}
	return strings.Join(out, "\n")
}

// leadOf is the indentation a line begins with: spaces, a quote's bar, a bullet.
func leadOf(plain string) string {
	end := len(plain) - len(strings.TrimLeft(plain, " │|•"))
	return plain[:end]
}
