package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/db"
	"vendorvet/rubric"
)

// previewText is the whole preview as laid out, unstyled.
func previewText(s *exportScreen) string {
	v := s.preview
	// No width: the lines are neither cut nor padded.
	v.Width, v.Height = 0, v.TotalLineCount()
	v.SetYOffset(0)
	lines := strings.Split(ansi.Strip(v.View()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// plainAt is the report laid out at width as previewMarkdown does it, unstyled.
func plainAt(s *exportScreen, width int) string {
	lines := strings.Split(ansi.Strip(previewMarkdown(s.c.Styles, s.markdown, width)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// The export screen opens as soon as the session is read, saying the preview is
// coming; glamour lays the preview out in a command its Init starts, for the
// terminal's width, while the path can already be typed.
func TestExportOpensAtOnceAndLaysThePreviewOutAfter(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.ZH)
		sess := storeSession(t, c, demoWith(rubric.ZH, 4))
		app := NewApp(c)
		app.Update(tea.WindowSizeMsg{Width: 90, Height: 30})
		app.Update(pushMsg{newSessionScreen(c, sess)})
		_, init := app.Update(openExport(c, sess.ID)())
		s := expectTop[*exportScreen](t, app, "the export opened")
		if view := plain(app.View()); !strings.Contains(view, "正在生成预览") {
			t.Fatalf("the first frame does not say the preview is coming:\n%s", view)
		}
		before := s.path.Value()
		app.Update(runes("x"))
		if s.path.Value() != before+"x" {
			t.Errorf("typing while the preview is laid out gave the path %q", s.path.Value())
		}
		for _, m := range benchRunAll(init) {
			app.Update(m)
		}
		if s.shown == nil || s.shown.width != 90 || s.rendering != nil {
			t.Fatalf("preview laid out for %+v, being laid out for %+v; want 90 and nothing under way", s.shown, s.rendering)
		}
		if got, want := previewText(s), plainAt(s, 90); got != want {
			t.Errorf("preview differs from previewMarkdown at 90:\n%s\nwant:\n%s", got, want)
		}
		if view := plain(app.View()); !strings.Contains(view, "推荐") || strings.Contains(view, "正在生成预览") {
			t.Errorf("the preview is not shown once laid out:\n%s", view)
		}
	})
}

// A screen pushed without its layout says the preview is coming and lays it out
// in the command its Init starts.
func TestExportWithoutALayoutPreparesIt(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := storeSession(t, c, demoWith(rubric.EN, 4))
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	s := newExportScreen(c, sess)
	_, init := app.Update(pushMsg{s})
	if view := plain(app.View()); !strings.Contains(view, "Preparing the preview…") {
		t.Fatalf("an empty preview without a word:\n%s", view)
	}
	if s.rerender() != nil {
		t.Fatal("a second layout was started while the first is under way")
	}
	for _, m := range benchRunAll(init) {
		app.Update(m)
	}
	if got, want := previewText(s), plainAt(s, 100); got != want || s.shown == nil {
		t.Errorf("preview differs from previewMarkdown at 100:\n%s", got)
	}
}

// On a resize the preview keeps its layout until the one for the new width
// arrives; a layout for a width the screen no longer has is dropped.
func TestExportResizeLaysOutInTheBackground(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		_, _, s := exportFixture(t, rubric.EN)
		before := previewText(s)
		s.SetSize(60, 30)
		_, to60 := s.Update(tea.WindowSizeMsg{Width: 60, Height: 30})
		if to60 == nil {
			t.Fatal("a resize started no layout")
		}
		if previewText(s) != before || !strings.Contains(plain(s.View()), "Customer-service outsourcing") {
			t.Fatalf("the preview changed before its layout arrived:\n%s", plain(s.View()))
		}
		assertWithin(t, s.View(), 60, 30)
		s.SetSize(80, 30)
		_, to80 := s.Update(tea.WindowSizeMsg{Width: 80, Height: 30})
		s.Update(to60())
		if s.shown.width != 100 || previewText(s) != before {
			t.Fatalf("the layout for 60 was shown at 80 (shown %+v)", s.shown)
		}
		s.Update(to80())
		if s.shown.width != 80 || previewText(s) != plainAt(s, 80) {
			t.Fatalf("the layout for 80 is not shown (shown %+v)", s.shown)
		}

		// To 50 and back to 80 before the layout arrives: nothing more to lay out, and
		// a later resize to 50 lays out again.
		s.SetSize(50, 30)
		_, to50 := s.Update(tea.WindowSizeMsg{Width: 50, Height: 30})
		s.SetSize(80, 30)
		if _, cmd := s.Update(tea.WindowSizeMsg{Width: 80, Height: 30}); cmd != nil {
			t.Error("back to the width shown, the preview is laid out again")
		}
		s.Update(to50())
		if s.shown.width != 80 {
			t.Fatalf("the layout for 50 was shown at 80")
		}
		resizeExport(s, 50, 30)
		if s.shown.width != 50 || previewText(s) != plainAt(s, 50) {
			t.Errorf("after a late layout was dropped, resizing to its width shows %+v", s.shown)
		}
	})
}

// A write whose report differs from the preview lays it out in its command; one
// that does not leaves the preview where it was. A write's layout for a width the
// screen no longer has is replaced by one for the new width.
func TestExportWriteLaysOutAChangedReport(t *testing.T) {
	c, sess, s := exportFixture(t, rubric.EN)
	path := t.TempDir() + "/report.md"
	setPath(s, path)
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyTab})
	pressWrite(t, s, tea.KeyMsg{Type: tea.KeyPgDown})
	y := s.preview.YOffset
	_, cmd := s.Update(enter)
	m := cmd().(exportedMsg)
	if m.preview != nil {
		t.Error("an unchanged report was laid out again")
	}
	s.Update(m)
	if s.preview.YOffset != y || s.written != path {
		t.Errorf("after an unchanged write: offset %d, was %d; written %q", s.preview.YOffset, y, s.written)
	}

	rename := func(name string) {
		c.Saver.Save("rename", "name", func(ctx context.Context, st *db.Store) error {
			return st.UpdateVendor(ctx, sess.Vendors[0].ID, name, "")
		})
	}
	rename("Renamed first")
	pressWrite(t, s, enter)
	pressWrite(t, s, letter('y'))
	if s.written != path || !strings.Contains(previewText(s), "Renamed first") {
		t.Fatalf("the preview does not show the report as written (written %q, problem %q)", s.written, s.problem)
	}

	// The terminal narrows while the next write runs.
	rename("Renamed again")
	_, write := s.Update(enter)
	s.SetSize(70, 30)
	_, to70 := s.Update(tea.WindowSizeMsg{Width: 70, Height: 30})
	m = write().(exportedMsg)
	if m.preview == nil || m.preview.key.width != 100 {
		t.Fatalf("the write laid out %+v, want the width it started at", m.preview)
	}
	_, again := s.Update(m)
	if strings.Contains(previewText(s), "Renamed again") {
		t.Fatal("the write's layout for 100 was shown at 70")
	}
	s.Update(to70())
	if s.shown.width != 100 {
		t.Fatal("a layout of the report before the write was shown")
	}
	for _, msg := range benchRunAll(again) {
		s.Update(msg)
	}
	if s.shown.width != 70 || !strings.Contains(previewText(s), "Renamed again") || previewText(s) != plainAt(s, 70) {
		t.Errorf("after the write and the resize the preview shows %+v:\n%s", s.shown, previewText(s))
	}
}
