package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"vendorvet/db"
	"vendorvet/report"
	"vendorvet/rubric"
)

// exportFixture stores the sample session and opens the export screen on it the way
// the session screens do, in a terminal of 100×33 (a body of 100×30).
func exportFixture(t *testing.T, lang rubric.Lang) (*Common, *db.Session, *exportScreen) {
	t.Helper()
	c := newTestCommon(t, lang)
	c.Width, c.Height = 100, 33
	sess := storeSession(t, c, demoWith(lang, 4))
	msg := openExport(c, sess.ID)()
	push, ok := msg.(pushMsg)
	if !ok {
		t.Fatalf("openExport gave %T: %v", msg, msg)
	}
	// No root receives this screen change: it is made here.
	c.navigated()
	s := push.s.(*exportScreen)
	s.SetSize(100, 30)
	s.Update(s.rerender()())
	return c, sess, s
}

// resizeExport gives the screen a new size as the application does, and lays the
// preview out again as the command the size starts does.
func resizeExport(s *exportScreen, w, h int) {
	s.SetSize(w, h)
	if _, cmd := s.Update(tea.WindowSizeMsg{Width: w, Height: h}); cmd != nil {
		s.Update(cmd())
	}
}

// setPath replaces the path in the field.
func setPath(s *exportScreen, path string) { s.path.SetValue(path) }

// pressWrite presses a key and, when it starts a write, waits for it and hands the
// result back to the screen.
func pressWrite(t *testing.T, s *exportScreen, k tea.KeyMsg) {
	t.Helper()
	_, cmd := s.Update(k)
	if cmd == nil {
		return
	}
	if m, ok := cmd().(exportedMsg); ok {
		s.Update(m)
	}
}

var enter = tea.KeyMsg{Type: tea.KeyEnter}

func TestExportWritesTheReportOfTheStore(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		c, sess, s := exportFixture(t, lang)
		if got := s.path.Value(); got != report.SafeFileName(sess.Title) {
			t.Errorf("default path %q, want %q", got, report.SafeFileName(sess.Title))
		}
		// A change still queued when enter is pressed is in the file.
		renamed := "Renamed vendor"
		c.Saver.Save("rename", "name", func(ctx context.Context, st *db.Store) error {
			return st.UpdateVendor(ctx, sess.Vendors[1].ID, renamed, "")
		})
		path := filepath.Join(t.TempDir(), "report.md")
		setPath(s, path)
		pressWrite(t, s, enter)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := c.Store.Session(context.Background(), sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The command line writes exactly these bytes for the same clock and language.
		want := report.Markdown(stored.Rubric(), lang, fixedNow)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: file differs from report.Markdown of the stored session", lang)
		}
		if !bytes.Contains(got, []byte(renamed)) {
			t.Errorf("%s: the queued rename is not in the file", lang)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
		}
		if s.written != path || !strings.Contains(ansi.Strip(s.View()), path) {
			t.Errorf("%s: the written path is not shown:\n%s", lang, ansi.Strip(s.View()))
		}
		// The preview now shows what was written.
		if !bytes.Equal(s.markdown, want) {
			t.Errorf("%s: preview is not the written report", lang)
		}
	}
}

func TestExportAsksBeforeOverwriting(t *testing.T) {
	_, _, s := exportFixture(t, rubric.EN)
	path := filepath.Join(t.TempDir(), "mine.md")
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	setPath(s, path)
	pressWrite(t, s, enter)
	if s.confirm != path {
		t.Fatalf("no question about the existing file; problem %q", s.problem)
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "already exists. Overwrite?") {
		t.Errorf("question not shown:\n%s", view)
	}
	if s.Typing() {
		t.Error("the question leaves letters to the path field")
	}
	pressWrite(t, s, letter('n'))
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Fatalf("n overwrote the file: %q", got)
	}
	if s.confirm != "" || !strings.Contains(s.problem, "left as it was") {
		t.Errorf("after n: confirm %q, problem %q", s.confirm, s.problem)
	}
	pressWrite(t, s, enter)
	pressWrite(t, s, letter('y'))
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, s.markdown) || s.written != path {
		t.Errorf("y did not overwrite: %q…", got[:min(20, len(got))])
	}
}

func TestExportRefusesASymlink(t *testing.T) {
	_, _, s := exportFixture(t, rubric.ZH)
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.md")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	setPath(s, link)
	pressWrite(t, s, enter)
	if s.confirm != "" {
		t.Error("asked to overwrite through a symbolic link")
	}
	if !strings.Contains(s.problem, "符号链接") {
		t.Errorf("problem %q does not name the symbolic link", s.problem)
	}
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Errorf("the link's target was changed: %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link itself was replaced")
	}
}

func TestExportIntoAFolderUsesTheDefaultName(t *testing.T) {
	_, sess, s := exportFixture(t, rubric.EN)
	dir := t.TempDir()
	setPath(s, dir)
	pressWrite(t, s, enter)
	want := filepath.Join(dir, report.SafeFileName(sess.Title))
	if s.written != want {
		t.Errorf("wrote %q, want %q (problem %q)", s.written, want, s.problem)
	}
}

func TestExportPathTakesLettersNotCommands(t *testing.T) {
	c, sess, _ := exportFixture(t, rubric.EN)
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_, init := app.Update(openExport(c, sess.ID)())
	for _, m := range benchRunAll(init) {
		app.Update(m)
	}
	s := expectTop[*exportScreen](t, app, "the export opened")
	s.path.SetValue("")
	for _, r := range "q?x.md" {
		app.Update(letter(r))
	}
	if app.Quitting() || s.path.Value() != "q?x.md" {
		t.Errorf("path %q, quitting %v", s.path.Value(), app.Quitting())
	}
	if !s.Typing() {
		t.Error("Typing is false while the path has the focus")
	}
	app.Update(tea.KeyMsg{Type: tea.KeyTab})
	if s.Typing() || !s.previewFocus {
		t.Error("tab did not move the focus to the preview")
	}
	app.Update(letter('j'))
	if s.path.Value() != "q?x.md" || s.preview.YOffset != 1 {
		t.Errorf("j in the preview: path %q, offset %d", s.path.Value(), s.preview.YOffset)
	}
}

func TestExportPreviewScrolls(t *testing.T) {
	_, _, s := exportFixture(t, rubric.EN)
	if s.preview.TotalLineCount() <= s.preview.Height {
		t.Fatalf("preview of %d lines fits %d", s.preview.TotalLineCount(), s.preview.Height)
	}
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Customer-service outsourcing vendor selection 2026") || strings.Contains(view, "|---") {
		t.Errorf("preview does not show the report laid out:\n%s", view)
	}
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyPgDown})
	if s.preview.YOffset == 0 {
		t.Error("pgdn did not scroll")
	}
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyUp})
	before := s.preview.YOffset
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyDown})
	if s.preview.YOffset != before+1 {
		t.Errorf("↓ moved from %d to %d", before, s.preview.YOffset)
	}
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyPgUp})
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyPgUp})
	if s.preview.YOffset != 0 {
		t.Errorf("pgup twice left offset %d", s.preview.YOffset)
	}
}

func TestExportFitsEverySize(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		_, _, s := exportFixture(t, lang)
		for w := 40; w <= 220; w += 9 {
			for _, h := range []int{9, 21, 57} {
				resizeExport(s, w, h)
				assertWithin(t, s.View(), w, h)
			}
		}
	}
}

func TestExportOfAMissingSessionSaysSo(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	msg := openExport(c, 999)()
	e, ok := msg.(navFailedMsg)
	if !ok {
		t.Fatalf("openExport of a missing session gave %T", msg)
	}
	if !strings.Contains(c.errorText(e.err), "no longer exists") {
		t.Errorf("message %q", c.errorText(e.err))
	}
}

// Without colours the preview is glamour's plain layout of the report: entities
// and escapes read as the characters they stand for, tables as columns, and no line
// is wider than the preview.
func TestPreviewMarkdown(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	md := "# Title \\*not\\* bold\n\n**Client:** A &amp; B &lt;x&gt;  \n**Date:** today\n\n| a | b |\n|---|---:|\n| 1 \\| 2 | long cell text here |\n\n- item\n\n> quoted\n"
	got := previewMarkdown(c.Styles, []byte(md), 40)
	if got != ansi.Strip(got) {
		t.Errorf("colours without a colour profile:\n%q", got)
	}
	for _, want := range []string{"Title *not* bold", "A & B <x>", "1 | 2", "• item", "| quoted"} {
		if !strings.Contains(got, want) {
			t.Errorf("preview lacks %q:\n%s", want, got)
		}
	}
	// The report's lines of facts stay one a line.
	if !regexp.MustCompile(`A & B <x>\s*\n\s*\**Date`).MatchString(got) {
		t.Errorf("the line break after the client is lost:\n%s", got)
	}
	if strings.Contains(got, "|---|") || strings.Contains(got, "&amp;") || strings.Contains(got, `\|`) {
		t.Errorf("Markdown syntax left in:\n%s", got)
	}
	for _, line := range strings.Split(previewMarkdown(c.Styles, []byte(md), 20), "\n") {
		if ansi.StringWidth(line) > 20 {
			t.Errorf("line wider than 20: %q", line)
		}
	}
}

// Chinese paragraphs have no spaces to wrap at: at 80 columns (and narrower) every
// line of the Chinese report still fits, in colour and without, and no character is lost.
func TestPreviewFitsChineseText(t *testing.T) {
	plain := newTestCommon(t, rubric.ZH)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	colour := NewStyles(r)
	md := report.Markdown(demoWith(rubric.ZH, 4), rubric.ZH, fixedNow)
	sentence := "一票否决:缺少必需资质、不签保密协议、客户数据不归属企业、强监管行业无合规备案——无论总分多少均不予考虑。"
	for _, st := range []*Styles{plain.Styles, colour} {
		for _, w := range []int{80, 60, 40} {
			out := previewMarkdown(st, md, w)
			joined := ""
			for _, line := range strings.Split(out, "\n") {
				if n := ansi.StringWidth(line); n > w {
					t.Errorf("%s at %d: a line of %d cells: %q", st.Markdown, w, n, ansi.Strip(line))
				}
				joined += strings.TrimSpace(ansi.Strip(line))
			}
			if !strings.Contains(joined, sentence) {
				t.Errorf("%s at %d: the long sentence is not all there", st.Markdown, w)
			}
		}
	}
}

// tableCells splits a Markdown table row at the pipes that are not escaped; the
// cells keep their escapes.
func tableCells(row string) []string {
	row = strings.TrimPrefix(strings.TrimSpace(row), "|")
	var cells []string
	start := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, strings.TrimSpace(row[start:i]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(row[min(start, len(row)):]); rest != "" {
		cells = append(cells, rest)
	}
	return cells
}
