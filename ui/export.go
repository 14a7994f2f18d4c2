package ui

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/db"
	"vendorvet/report"
)

// exportScreen writes a session's Markdown report to a file the user names, and
// previews the report below the path.
type exportScreen struct {
	c    *Common
	sess *db.Session
	// markdown is what the preview shows: the report as last generated.
	markdown []byte
	path     textinput.Model
	preview  viewport.Model
	// previewFocus is true when the keys go to the preview instead of the path.
	previewFocus bool
	// confirm holds the absolute path waiting for "overwrite?"; "" when not asking.
	confirm string
	busy    bool
	written string
	problem string
	w, h    int
	keys    struct {
		Write, Focus, Up, Down, PageUp, PageDown, Left, Right, Yes, No, Back key.Binding
	}
}

// exportHeader is the number of lines above the preview.
const exportHeader = 4

// openExport flushes queued writes, loads the session and shows the export screen.
func openExport(c *Common, sessionID int64) tea.Cmd {
	return func() tea.Msg {
		if c.Saver != nil {
			c.Saver.Flush(defaultFlush)
		}
		sess, err := loadSession(c, sessionID)
		if err != nil {
			return errMsg{err}
		}
		return pushMsg{newExportScreen(c, sess)}
	}
}

func newExportScreen(c *Common, sess *db.Session) *exportScreen {
	s := &exportScreen{c: c, sess: sess}
	k := &s.keys
	k.Write = c.bind([]string{"enter"}, "enter", "写入文件", "write file")
	k.Focus = c.bind([]string{"tab", "shift+tab"}, "tab", "预览", "preview")
	k.Up = c.bind([]string{"up"}, "↑/↓", "滚动预览", "scroll preview")
	k.Down = c.bind([]string{"down"}, "↓", "向下", "down")
	k.PageUp = c.bind([]string{"pgup"}, "pgup/pgdn", "翻页", "page")
	k.PageDown = c.bind([]string{"pgdown"}, "pgdn", "下一页", "page down")
	k.Left = c.bind([]string{"left", "h"}, "←/→", "左右滚动", "scroll sideways")
	k.Right = c.bind([]string{"right", "l"}, "→", "向右", "right")
	k.Yes = c.bind([]string{"y", "Y"}, "y", "覆盖", "overwrite")
	k.No = c.bind([]string{"n", "N", "esc"}, "n/esc", "不覆盖", "keep the file")
	k.Back = c.bind([]string{"esc"}, "esc", "返回", "back")
	s.path = textinput.New()
	s.path.Prompt = ""
	s.path.CharLimit = 4096
	s.path.Placeholder = c.tr("文件名或路径", "file name or path")
	s.path.SetValue(report.SafeFileName(sess.Title))
	s.path.Focus()
	s.preview = viewport.New(0, 0)
	s.preview.SetHorizontalStep(8)
	s.markdown = report.Markdown(sess.Session, c.Lang, c.Now())
	return s
}

func (s *exportScreen) Init() tea.Cmd { return textinput.Blink }
func (s *exportScreen) Title() string { return s.c.tr("导出", "Export") }

// Typing is true while the path field has the focus: letters are part of the path.
func (s *exportScreen) Typing() bool { return !s.previewFocus && s.confirm == "" }

func (s *exportScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	label := ansi.StringWidth(s.pathLabel())
	s.path.Width = max(1, w-label-1)
	s.preview.Width, s.preview.Height = w, max(1, h-exportHeader)
	s.renderPreview()
}

func (s *exportScreen) pathLabel() string { return s.c.tr("文件:", "File: ") }

func (s *exportScreen) renderPreview() {
	y := s.preview.YOffset
	s.preview.SetContent(plainMarkdown(s.c, string(s.markdown), max(20, s.w)))
	s.preview.SetYOffset(y)
}

func (s *exportScreen) ShortHelp() []key.Binding {
	s.refreshKeys()
	if s.confirm != "" {
		return []key.Binding{s.keys.Yes, s.keys.No}
	}
	// Most useful first: the help line drops what does not fit from the end.
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
		s.keys.Focus.SetHelp("tab", c.tr("编辑路径", "edit path"))
	} else {
		s.keys.Focus.SetHelp("tab", c.tr("聚焦预览", "focus preview"))
	}
	s.keys.Left.SetEnabled(s.previewFocus)
	s.keys.Right.SetEnabled(s.previewFocus)
	s.keys.Write.SetEnabled(!s.busy)
}

func (s *exportScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportedMsg:
		return s, s.exported(msg)
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
			s.problem = fmt.Sprintf(c.tr("未覆盖 %s。", "%s was left as it was."), s.confirm)
			s.confirm = ""
		}
		return nil
	}
	switch {
	case key.Matches(k, s.keys.Back):
		return pop
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
		return "", userErr(c.tr("请输入文件名。", "Type a file name."))
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", userErr(c.tr("找不到主目录,请写出完整路径。", "The home directory is unknown; type the full path."))
		}
		p = filepath.Join(home, strings.TrimPrefix(p[1:], "/"))
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", userErr(fmt.Sprintf(c.tr("路径无效:%v", "Not a usable path: %v"), err))
	}
	if fi, err := os.Lstat(abs); err == nil && fi.IsDir() {
		abs = filepath.Join(abs, report.SafeFileName(s.sess.Title))
	}
	return abs, nil
}

// write generates the report from what is saved and writes it, off the UI goroutine.
func (s *exportScreen) write(path string, force bool) tea.Cmd {
	s.busy, s.problem, s.written = true, "", ""
	c, id := s.c, s.sess.ID
	return func() tea.Msg { return writeReport(c, id, path, force) }
}

// exportedMsg reports a finished write; storeErr is a failure to read the session,
// fileErr one to write the file.
type exportedMsg struct {
	path     string
	markdown []byte
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
	m.markdown = report.Markdown(sess.Session, c.Lang, c.Now())
	m.fileErr = report.WriteFile(path, m.markdown, force)
	return m
}

// errUnsaved stops an export while changes are still waiting to be saved.
var errUnsaved = errors.New("changes are still waiting to be saved")

// exported shows how the write went and asks before an overwrite.
func (s *exportScreen) exported(m exportedMsg) tea.Cmd {
	c := s.c
	s.busy = false
	if m.markdown != nil {
		s.markdown = m.markdown
		s.renderPreview()
	}
	switch {
	case errors.Is(m.storeErr, errUnsaved):
		s.problem = c.tr("还有修改未能保存,为免报告与屏幕不符,暂不导出;请稍后再试。",
			"Some changes are not saved yet; the report would not match the screen, so nothing was written. Try again in a moment.")
	case m.storeErr != nil:
		s.problem = c.errorText(m.storeErr)
	case m.fileErr == nil:
		s.written = m.path
		return info(c.tr("已导出:", "Exported: ") + m.path)
	case errors.Is(m.fileErr, report.ErrExists):
		s.confirm = m.path
	case errors.Is(m.fileErr, report.ErrSymlink):
		s.problem = fmt.Sprintf(c.tr("%s 是符号链接,为安全起见不通过它写入;请换一个路径。",
			"%s is a symbolic link; for safety nothing is written through it. Choose another path."), m.path)
	default:
		s.problem = fmt.Sprintf(c.tr("写入 %s 失败:%v", "Could not write %s: %v"), m.path, unwrapPath(m.fileErr))
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
	lines = append(lines, st.Header.Render(c.tr("导出 Markdown 报告", "Export the Markdown report"))+"  "+st.Faint.Render(s.sess.Title))
	label := s.pathLabel()
	if !s.previewFocus && s.confirm == "" {
		label = st.Selected.Render(label)
	}
	lines = append(lines, label+s.path.View())
	lines = append(lines, s.statusLine())
	pct := int(s.preview.ScrollPercent() * 100)
	rule := c.tr("── 预览 ", "── Preview ") + fmt.Sprintf("%d%% ", pct)
	if s.previewFocus {
		rule = st.Selected.Render(rule + c.tr("(↑/↓ ←/→ 滚动,tab 回到路径)", "(↑/↓ ←/→ scroll, tab back to the path)"))
	} else {
		rule = st.Faint.Render(rule + c.tr("(↑/↓ pgup/pgdn 滚动)", "(↑/↓ pgup/pgdn scroll)"))
	}
	lines = append(lines, rule)
	lines = append(lines, s.preview.View())
	return fit(strings.Join(lines, "\n"), s.w, s.h)
}

// statusLine is the question, the problem, the result, or where the file will go.
func (s *exportScreen) statusLine() string {
	c, st := s.c, s.c.Styles
	switch {
	case s.confirm != "":
		return st.Warn.Render(fmt.Sprintf(c.tr("! %s 已存在。覆盖?[y] 覆盖 · [n] 保留原文件",
			"! %s already exists. Overwrite? [y] overwrite · [n] keep it"), s.confirm))
	case s.busy:
		return st.Faint.Render(c.tr("正在写入…", "Writing…"))
	case s.problem != "":
		return st.Error.Render("✗ " + s.problem)
	case s.written != "":
		return st.OK.Render(c.tr("✓ 已写入 ", "✓ Wrote ") + s.written)
	}
	if p, err := s.target(); err == nil {
		return st.Faint.Render(c.tr("将写入 ", "Will write ") + p + c.tr("(enter 写入)", " (enter writes)"))
	}
	return ""
}

// plainMarkdown lays the report out as terminal text: headings styled, emphasis and
// escapes removed, tables aligned into columns, paragraphs wrapped to width.
func plainMarkdown(c *Common, md string, width int) string {
	st := c.Styles
	var out []string
	lines := strings.Split(strings.TrimRight(md, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " ")
		switch {
		case strings.HasPrefix(l, "|"):
			j := i
			var rows [][]string
			for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
				rows = append(rows, tableCells(lines[j]))
			}
			out = append(out, plainTable(c, rows, width)...)
			i = j - 1
		case strings.HasPrefix(l, "#"):
			level := len(l) - len(strings.TrimLeft(l, "#"))
			text := plainInline(strings.TrimSpace(l[level:]))
			style := st.PanelTitle
			if level <= 2 {
				style = st.Header
			}
			for _, w := range wrapText(text, width) {
				out = append(out, style.Render(w))
			}
		case strings.HasPrefix(l, "> ") || l == ">":
			for _, w := range wrapText(plainInline(strings.TrimPrefix(strings.TrimPrefix(l, ">"), " ")), width-2) {
				out = append(out, st.Faint.Render("│ ")+w)
			}
		case strings.HasPrefix(l, "- "):
			for j, w := range wrapText(plainInline(l[2:]), width-2) {
				if j == 0 {
					out = append(out, "• "+w)
				} else {
					out = append(out, "  "+w)
				}
			}
		default:
			out = append(out, wrapText(plainInline(l), width)...)
		}
	}
	return strings.Join(out, "\n")
}

// tableCells splits a table row at the pipes that are not escaped.
func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			cur.WriteByte(row[i])
			if i+1 < len(row) {
				i++
				cur.WriteByte(row[i])
			}
		case '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	if rest := strings.TrimSpace(cur.String()); rest != "" {
		cells = append(cells, rest)
	}
	return cells
}

// isDelimiterRow is the |---|---:| line under a table's header.
func isDelimiterRow(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, ":-") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return len(cells) > 0
}

// plainTable aligns a table's cells into columns two spaces apart, wrapping the
// widest columns so that the table fits width when it can.
func plainTable(c *Common, rows [][]string, width int) []string {
	st := c.Styles
	var body [][]string
	header := -1
	for _, r := range rows {
		if isDelimiterRow(r) {
			header = len(body) - 1
			continue
		}
		cells := make([]string, len(r))
		for i, cell := range r {
			cells[i] = plainInline(cell)
		}
		body = append(body, cells)
	}
	cols := 0
	for _, r := range body {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil
	}
	// A column never gets narrower than its longest word (up to a limit), so words
	// are not cut; a table that still does not fit scrolls sideways in the preview.
	const gap, longestWord = 2, 16
	widths, floor := make([]int, cols), make([]int, cols)
	for _, r := range body {
		for i, cell := range r {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
			for _, word := range strings.Fields(cell) {
				floor[i] = max(floor[i], min(longestWord, ansi.StringWidth(word)))
			}
		}
	}
	// Narrow the widest column that can give, a cell at a time, until the table fits.
	for {
		total := gap * (cols - 1)
		widest := -1
		for i, w := range widths {
			total += w
			if w > floor[i] && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if total <= width || widest < 0 {
			break
		}
		widths[widest]--
	}
	var out []string
	for ri, r := range body {
		wrapped := make([][]string, cols)
		height := 1
		for i := range cols {
			cell := ""
			if i < len(r) {
				cell = r[i]
			}
			wrapped[i] = wrapText(cell, widths[i])
			for j, l := range wrapped[i] {
				// A word cut at the column edge leaves its space at the next line's start.
				wrapped[i][j] = strings.TrimSpace(l)
			}
			height = max(height, len(wrapped[i]))
		}
		for line := range height {
			var parts []string
			for i := range cols {
				text := ""
				if line < len(wrapped[i]) {
					text = wrapped[i][line]
				}
				parts = append(parts, pad(text, widths[i]))
			}
			text := strings.TrimRight(strings.Join(parts, strings.Repeat(" ", gap)), " ")
			if ri == header {
				text = st.PanelTitle.Render(text)
			}
			out = append(out, text)
		}
		if ri == header {
			total := gap * (cols - 1)
			for _, w := range widths {
				total += w
			}
			out = append(out, st.Faint.Render(strings.Repeat("─", total)))
		}
	}
	return out
}

// plainInline removes Markdown emphasis and escapes and decodes entities, giving the
// text a reader of the rendered report would see.
func plainInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i++
			b.WriteByte(s[i])
		case ch == '*':
			// Emphasis markers; a literal asterisk arrives escaped.
		default:
			b.WriteByte(ch)
		}
	}
	return html.UnescapeString(b.String())
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
