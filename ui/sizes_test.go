package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/demo"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// longCJKName is a vendor name of 40 Chinese characters, told apart by its last two.
func longCJKName(i int) string {
	digits := []rune("〇一二三四五六七八九")
	base := []rune("上海浦东新区华东智能客服呼叫中心外包服务有限公司杭州西湖区数字化客户体验运营分公司")
	return string(base[:38]) + string(digits[i/10%10]) + string(digits[i%10])
}

// thirtyVendors is the sample session with 30 vendors of long Chinese names, their
// answers taken in turn from the sample's four vendors.
func thirtyVendors(lang rubric.Lang) rubric.Session {
	s := demo.Session(lang)
	s.Title = strings.Repeat("客服外包服务商选型评估", 4)
	base := s.Vendors
	s.Vendors = nil
	for i := range 30 {
		v := base[i%len(base)]
		v.Answers = v.Answers.Clone()
		v.Name = longCJKName(i)
		s.Vendors = append(s.Vendors, v)
	}
	return s
}

// sizeWalk drives the whole application through every screen at one size, checking
// each frame: it fits, and below the minimum it says the terminal is too small.
type sizeWalk struct {
	t    *testing.T
	app  *App
	w, h int
}

func (s *sizeWalk) check(where string) {
	t := s.t
	t.Helper()
	view := s.app.View()
	assertFits(t, view, s.w, s.h)
	assertInert(t, where, view)
	small := s.w < minWidth || s.h < minHeight
	says := strings.Contains(plain(view), s.app.c.Lang.Pick("终端窗口太小", "Terminal too small"))
	switch {
	case small && !says:
		t.Errorf("%s at %d×%d: no \"too small\" message:\n%s", where, s.w, s.h, plain(view))
	case !small && says:
		t.Errorf("%s at %d×%d: \"too small\" shown", where, s.w, s.h)
	}
	if t.Failed() {
		t.Fatalf("%s at %d×%d:\n%s", where, s.w, s.h, plain(view))
	}
}

func (s *sizeWalk) press(where string, msgs ...tea.Msg) {
	s.t.Helper()
	press(s.app, msgs...)
	s.check(where)
}

// expectTop fails unless the top screen is a T.
func expectTop[T screen](t *testing.T, app *App, where string) T {
	t.Helper()
	s, ok := app.top().(T)
	if !ok {
		var want T
		t.Fatalf("%s: top screen is %T, want %T; status %q", where, app.top(), want, app.status)
	}
	return s
}

func walkEveryScreen(t *testing.T, c *Common, w, h int) {
	app := NewApp(c)
	s := &sizeWalk{t: t, app: app, w: w, h: h}
	esc, enter, tab := keyOf(tea.KeyEsc), keyOf(tea.KeyEnter), keyOf(tea.KeyTab)
	alt := func(n int) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune('0' + n)}, Alt: true} }

	s.press("sessions", tea.WindowSizeMsg{Width: w, Height: h})
	expectTop[*sessionsScreen](t, app, "start")
	s.press("full help on sessions", runes("?"))
	s.press("sessions after help", esc)
	s.press("sessions filter", runes("/"), runes("客服"))
	s.press("sessions filtered", enter)
	s.press("new session form", runes("n"))
	expectTop[*formScreen](t, app, "n")
	s.press("sessions", esc)

	s.press("session", keyOf(tea.KeyHome), enter)
	sess := expectTop[*sessionScreen](t, app, "enter on a session")
	if len(sess.sess.Vendors) != 30 {
		t.Fatalf("the session has %d vendors", len(sess.sess.Vendors))
	}
	s.press("full help on the session", runes("?"))
	s.press("session after help", esc)
	for range 29 {
		s.press("session scrolled", keyOf(tea.KeyDown))
	}
	s.press("remove vendor confirm", runes("d"))
	expectTop[*confirmScreen](t, app, "d")
	s.press("confirm toggled", keyOf(tea.KeyRight))
	s.press("session", esc)
	s.press("add vendor form", runes("a"))
	expectTop[*formScreen](t, app, "a")
	s.press("add vendor form typed", runes(longCJKName(99)))
	s.press("session", esc)
	s.press("rename vendor form", runes("r"))
	expectTop[*formScreen](t, app, "r")
	s.press("session", esc)

	s.press("requirements", runes("s"))
	req := expectTop[*requirementsScreen](t, app, "s")
	for req.form.Focused() != "notes" {
		s.press(fmt.Sprintf("requirements field %s", req.form.Focused()), tab)
	}
	s.press("session", esc)
	if app.top() != screen(sess) {
		t.Fatalf("esc from the requirements left %T", app.top())
	}

	s.press("wizard", enter)
	v := expectTop[*vendorScreen](t, app, "enter on a vendor")
	for step := 2; step <= 7; step++ {
		s.press(fmt.Sprintf("wizard step %d", step), alt(step))
		if v.step != step {
			t.Fatalf("alt+%d: on step %d", step, v.step)
		}
		for i := 0; v.form.Focused() != wizard.NoteKey; i++ {
			if i > 40 {
				t.Fatalf("step %d: the note field was not reached; focus on %q, top %T", step, v.form.Focused(), app.top())
			}
			s.press(fmt.Sprintf("wizard step %d field %s", step, v.form.Focused()), tab)
		}
		s.press(fmt.Sprintf("wizard step %d notes", step), runes(strings.Repeat("证据 evidence ", 30)))
	}
	s.press("full help in the wizard", alt(2), runes("?"))
	if !app.fullHelp {
		t.Fatalf("? on a yes/no question did not open the help; focus on %q", v.form.Focused())
	}
	s.press("wizard after help", esc)
	s.press("session", esc)
	expectTop[*sessionScreen](t, app, "esc from the wizard")

	s.press("comparison", runes("c"))
	cmp := expectTop[*compareScreen](t, app, "c")
	s.press("comparison with items", runes("i"))
	if !cmp.items {
		t.Fatal("i did not show the items")
	}
	for i := 0; i < 8; i++ {
		s.press("comparison scrolled down", keyOf(tea.KeyPgDown))
	}
	for i := 0; i < 30; i++ {
		s.press("comparison scrolled sideways", keyOf(tea.KeyRight))
	}
	s.press("full help on the comparison", runes("?"))
	s.press("comparison after help", esc)
	s.press("custom weights form", runes("w"))
	expectTop[*formScreen](t, app, "w")
	s.press("comparison", esc)
	s.press("session", esc)

	// The export waits for queued saves and reads the session, longer than press
	// waits for a command: its command is run to the end here.
	_, open := app.Update(runes("e"))
	s.press("export", open())
	expectTop[*exportScreen](t, app, "e")
	s.press("export preview focused", tab)
	for i := 0; i < 8; i++ {
		s.press("export preview scrolled", keyOf(tea.KeyPgDown))
	}
	s.press("export preview sideways", keyOf(tea.KeyRight), keyOf(tea.KeyRight))
	s.press("full help on export", runes("?"))
	s.press("export after help", esc)
	s.press("session", esc)
	s.press("sessions", esc)
	expectTop[*sessionsScreen](t, app, "esc from the session")

	// Shrinking and growing an open screen lays it out again.
	s.press("wizard", enter, enter)
	for _, sz := range [][2]int{{200, 60}, {20, 5}, {39, 40}, {120, 11}, {80, 24}, {w, h}} {
		s.w, s.h = sz[0], sz[1]
		s.press(fmt.Sprintf("wizard resized to %v", sz), tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
	}
}

func TestFirstRunAndHelpFitEverySize(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		for _, lang := range langs {
			c := newTestCommon(t, lang)
			for _, sz := range [][2]int{{20, 5}, {40, 10}, {40, 12}, {80, 24}, {200, 60}} {
				app := NewApp(c)
				s := &sizeWalk{t: t, app: app, w: sz[0], h: sz[1]}
				s.press("welcome", tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				s.press("full help on the welcome", runes("?"))
				s.press("new session form", keyOf(tea.KeyEsc), runes("n"))
				s.press("new session form typed", runes(strings.Repeat("很长的标题", 30)))
			}
		}
	})
}
