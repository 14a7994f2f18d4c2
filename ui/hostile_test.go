package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/clean"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// hostileLine is one line of everything users paste: Chinese, emoji built of several
// code points (a ZWJ family, a flag, a subdivision flag, a skin tone), right-to-left
// scripts, a tab, and what a terminal would act on instead of print: clear screen,
// an OSC 52 clipboard write, an OSC 8 hyperlink, BEL, a C1 CSI, a right-to-left
// override and a lone carriage return.
const hostileLine = "客服外包 👨‍👩‍👧‍👦🇨🇳🏴󠁧󠁢󠁳󠁣󠁴󠁿👍🏽 مرحبا שלום\tTAB" +
	"\x1b[2J\x1b]52;c;aGk=\x07\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\" +
	" BEL\a CSI\u009b31m RLO\u202eolleh CR\rend"

// hostileText is several lines of it, with CRLF and lone CR line ends.
const hostileText = hostileLine + "\r\n第二行 line two\r\n\tindented\rline four 🇯🇵"

// storedLine is what a one-line field keeps of typed text: every control gone, a
// tab or a pasted line break one space.
func storedLine(typed string) string { return strings.TrimSpace(clean.Line(clean.Text(typed))) }

// storedText is what a multi-line field keeps: line breaks as "\n", and each tab
// four spaces, since the text area draws what it holds and a terminal cannot show a
// tab in place.
func storedText(typed string) string {
	return strings.ReplaceAll(clean.Text(typed), "\t", "    ")
}

// assertInert fails when a view holds anything a terminal would act on: with the
// Ascii profile not even styling emits ESC, and only "\n" may break lines. Each
// line is checked whole, as cleaning judges some characters by their neighbours
// (the tags of a subdivision flag, a variation selector).
func assertInert(t *testing.T, where, view string) {
	t.Helper()
	for _, line := range strings.Split(view, "\n") {
		if strings.IndexFunc(line, unicode.IsControl) >= 0 || clean.Line(line) != line {
			t.Errorf("%s: %q reaches the terminal", where, line)
			return
		}
	}
}

// checkScreen asserts that the app's view is inert and fits the terminal.
func checkScreen(t *testing.T, app *App, where string) {
	t.Helper()
	view := app.View()
	assertInert(t, where, view)
	assertFits(t, view, app.c.Width, app.c.Height)
}

// typeInto moves the focus of a form screen to a field and types text there.
func typeInto(t *testing.T, app *App, focused func() string, field, text string) {
	t.Helper()
	for i := 0; focused() != field; i++ {
		if i > 40 {
			t.Fatalf("field %s not reached; focus on %s", field, focused())
		}
		press(app, keyOf(tea.KeyTab))
	}
	press(app, runes(text))
}

func hostileRoundTrip(t *testing.T, lang rubric.Lang) {
	c := newTestCommon(t, lang)
	ctx := context.Background()
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40})

	// A new session, each field hostile.
	press(app, runes("n"))
	press(app, runes(hostileLine), keyOf(tea.KeyEnter))
	press(app, runes(hostileLine+" client"), keyOf(tea.KeyEnter))
	press(app, runes(hostileLine+" evaluator"))
	checkScreen(t, app, "new session form")
	press(app, keyOf(tea.KeyEnter))
	req, ok := app.top().(*requirementsScreen)
	if !ok {
		t.Fatalf("the new session opened %T; status %q", app.top(), app.status)
	}
	press(app, runes("x")) // the first channel
	typeInto(t, app, req.form.Focused, "user_profile", hostileLine)
	typeInto(t, app, req.form.Focused, "notes", hostileText)
	checkScreen(t, app, "requirements")
	press(app, keyOf(tea.KeyEsc))

	// Two vendors, the first hostile in name and contact.
	press(app, runes("a"), runes(hostileLine), keyOf(tea.KeyEnter), runes(hostileLine+" 138-0000"))
	checkScreen(t, app, "vendor form")
	press(app, keyOf(tea.KeyEnter))
	press(app, runes("a"), runes("B 服务商"), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
	sessScreen, ok := app.top().(*sessionScreen)
	if !ok || len(sessScreen.sess.Vendors) != 2 {
		t.Fatalf("after adding two vendors the top screen is %T; status %q", app.top(), app.status)
	}
	checkScreen(t, app, "session")

	// Each step's notes in the wizard of the hostile vendor.
	press(app, keyOf(tea.KeyUp), keyOf(tea.KeyUp), keyOf(tea.KeyEnter))
	v, ok := app.top().(*vendorScreen)
	if !ok {
		t.Fatalf("enter opened %T", app.top())
	}
	if v.vendor().Name != storedLine(hostileLine) {
		t.Fatalf("the wizard opened %q", v.vendor().Name)
	}
	press(app, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'2'}, Alt: true})
	for step := 2; step <= 7; step++ {
		if v.step != step {
			t.Fatalf("on step %d, want %d", v.step, step)
		}
		typeInto(t, app, v.form.Focused, wizard.NoteKey, hostileText+fmt.Sprintf(" step %d", step))
		checkScreen(t, app, fmt.Sprintf("wizard step %d", step))
		if got, want := v.form.Live().Note, storedText(hostileText+fmt.Sprintf(" step %d", step)); got != want {
			t.Errorf("step %d: the note field holds %q, want %q", step, got, want)
		}
		press(app, keyOf(tea.KeyPgDown))
	}
	if app.top() != screen(sessScreen) {
		t.Fatalf("past step 7 the top screen is %T", app.top())
	}
	checkScreen(t, app, "session after the wizard")

	// The comparison with every item shown, scrolled through.
	press(app, runes("c"), runes("i"))
	cmp, ok := app.top().(*compareScreen)
	if !ok {
		t.Fatalf("c opened %T", app.top())
	}
	for i := 0; i <= cmp.maxTop(); i += cmp.pageHeight() {
		checkScreen(t, app, "comparison")
		press(app, keyOf(tea.KeyPgDown))
	}
	press(app, keyOf(tea.KeyEsc))

	// Everything lands; the store holds the cleaned text.
	if !c.Saver.Flush(defaultFlush) {
		t.Fatal("saves did not land")
	}
	sess, err := c.Store.Session(ctx, sessScreen.sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ what, got, want string }{
		{"title", sess.Title, storedLine(hostileLine)},
		{"client", sess.Client, storedLine(hostileLine + " client")},
		{"evaluator", sess.Evaluator, storedLine(hostileLine + " evaluator")},
		{"user profile", sess.Requirements.UserProfile, storedLine(hostileLine)},
		{"requirements notes", sess.Requirements.Notes, storedText(hostileText)},
		{"vendor name", sess.Vendors[0].Name, storedLine(hostileLine)},
		{"vendor contact", sess.Vendors[0].Contact, storedLine(hostileLine + " 138-0000")},
	}
	for step := 2; step <= 7; step++ {
		checks = append(checks, struct{ what, got, want string }{
			fmt.Sprintf("notes of step %d", step), sess.Vendors[0].Notes[step], storedText(hostileText + fmt.Sprintf(" step %d", step))})
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s: stored %q, want %q", ch.what, ch.got, ch.want)
		}
		// What was clean comes back as typed.
		for _, part := range []string{"客服外包", "👨‍👩‍👧‍👦🇨🇳🏴󠁧󠁢󠁳󠁣󠁴󠁿👍🏽", "مرحبا שלום", "olleh", "end"} {
			if !strings.Contains(ch.got, part) {
				t.Errorf("%s: %q lost %q", ch.what, ch.got, part)
			}
		}
	}

	// The export screen: the preview scrolled through, then the report written.
	press(app, runes("e"))
	ex, ok := app.top().(*exportScreen)
	if !ok {
		t.Fatalf("e opened %T; status %q", app.top(), app.status)
	}
	press(app, keyOf(tea.KeyTab))
	for i := 0; i < 200 && !ex.preview.AtBottom(); i++ {
		checkScreen(t, app, "export preview")
		press(app, keyOf(tea.KeyPgDown))
	}
	checkScreen(t, app, "export preview end")
	for i := 0; i < 12; i++ {
		press(app, runes("l"))
		checkScreen(t, app, "export preview scrolled sideways")
	}
	path := filepath.Join(t.TempDir(), "report.md")
	press(app, keyOf(tea.KeyTab))
	setPath(ex, path)
	press(app, keyOf(tea.KeyEnter))
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the report was not written: %v; export says %q", err, ex.problem)
	}
	assertInert(t, "report", string(md))
	assertTablesKeepTheirColumns(t, string(md))
	if !strings.Contains(string(md), "👨‍👩‍👧‍👦") || !strings.Contains(string(md), "客服外包") {
		t.Error("the report lost the clean text")
	}
	press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc))

	// The sessions list shows the title and client.
	if _, ok := app.top().(*sessionsScreen); !ok {
		t.Fatalf("esc from the session left %T", app.top())
	}
	checkScreen(t, app, "sessions")
	if !strings.Contains(plain(app.View()), "客服外包") {
		t.Errorf("the sessions list does not show the title:\n%s", plain(app.View()))
	}
	// The same screens, opened again from the store, at other sizes.
	for _, sz := range [][2]int{{40, 12}, {80, 24}, {200, 60}} {
		press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		checkScreen(t, app, fmt.Sprintf("sessions %v", sz))
		stored, err := c.Store.Session(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		for name, s := range map[string]screen{
			"session":      newSessionScreen(c, stored),
			"requirements": newRequirementsScreen(c, stored),
			"wizard":       newVendorScreen(c, stored, 0, 4),
			"comparison":   newCompareScreen(c, stored),
			"export":       newExportScreen(c, stored),
		} {
			press(app, pushMsg{s})
			checkScreen(t, app, fmt.Sprintf("%s reopened at %v", name, sz))
			app.stack = app.stack[:1]
		}
	}
}

// assertTablesKeepTheirColumns fails when a row of a Markdown table has more or fewer
// cells than the table's header: an unescaped "|" or line break in a cell.
func assertTablesKeepTheirColumns(t *testing.T, md string) {
	t.Helper()
	want := -1
	for n, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		cells := len(tableCells(line))
		if want < 0 {
			want = cells
			continue
		}
		if cells != want {
			t.Errorf("report line %d has %d cells, its table %d: %q", n+1, cells, want, line)
		}
	}
}

// longNote is about 100 KB of notes: many lines of Chinese, emoji, tabs and text.
func longNote() string {
	var b strings.Builder
	for i := 0; b.Len() < 100_000; i++ {
		fmt.Fprintf(&b, "第 %d 行:对方承诺 7×24 小时 👨‍👩‍👧‍👦\t证据见合同附件 evidence %d\n", i, i)
	}
	return b.String()
}

func TestHundredKilobyteNoteKeepsTheWizardUsable(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.ZH, 3, 120, 40)
		for v.form.Focused() != wizard.NoteKey {
			press(app, keyOf(tea.KeyTab))
		}
		note := longNote()
		// Typing needs none of the commands it returns; following them would follow the
		// cursor's blinks for ever once a frame takes longer than a blink (as under the
		// race detector).
		app.Update(runes(note))
		app.Update(runes("尾"))
		got := v.form.Live().Note
		if len([]rune(got)) != len([]rune(storedText(note)))+1 || !strings.HasSuffix(got, "尾") {
			t.Fatalf("the note field holds %d runes ending %q, want %d ending 尾", len([]rune(got)), got[max(0, len(got)-20):], len([]rune(storedText(note)))+1)
		}
		checkScreen(t, app, "wizard with a 100 KB note")
		// Moving through the steps and back keeps it, and it is saved whole.
		app.Update(keyOf(tea.KeyPgDown))
		if v.step != 4 {
			t.Fatalf("pgdown went to step %d", v.step)
		}
		app.Update(keyOf(tea.KeyPgUp))
		if v.step != 3 || v.form.Live().Note != got {
			t.Error("the long note changed across a step change")
		}
		if !c.Saver.Flush(defaultFlush) {
			t.Fatal("saves did not land")
		}
		sess, err := c.Store.Session(context.Background(), v.sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sess.Vendors[0].Notes[3] != got {
			t.Errorf("stored note of %d bytes, want %d", len(sess.Vendors[0].Notes[3]), len(got))
		}
		// The export preview of it fits too.
		app.Update(keyOf(tea.KeyEsc))
		app.Update(popMsg{})
		ex := newExportScreen(c, sess)
		app.Update(pushMsg{ex})
		checkScreen(t, app, "export of a 100 KB note")
	})
}

// BenchmarkWizardKeystrokeLongNote is one key typed in a step whose note is long,
// with the frame it draws: a letter at the end of the note, and a yes/no answer
// toggled above it (and shift+tab back to it) while the note is drawn blurred.
func BenchmarkWizardKeystrokeLongNote(b *testing.B) {
	for _, size := range []int{10_000, 30_000, 100_000} {
		for _, where := range []string{"note", "answer"} {
			b.Run(fmt.Sprintf("%dKB_%s", size/1000, where), func(b *testing.B) {
				benchLongNote(b, size, where)
			})
		}
	}
}

func benchLongNote(b *testing.B, size int, where string) {
	var app *App
	// An answer moves the focus on; shift+tab comes back to answer it again.
	keys := []tea.Msg{runes("y"), keyOf(tea.KeyShiftTab), runes("u"), keyOf(tea.KeyShiftTab)}
	if where == "note" {
		app = openLongNote(b, size)
		keys = []tea.Msg{runes("x"), keyOf(tea.KeyBackspace)}
	} else {
		app, _ = openLongNoteStep(b, size)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		app.Update(keys[i%len(keys)])
		_ = app.View()
	}
}

func mustVendor(b *testing.B, c *Common, sessionID int64) int64 {
	sess, err := c.Store.Session(context.Background(), sessionID)
	if err != nil || len(sess.Vendors) == 0 {
		b.Fatal(err)
	}
	return sess.Vendors[0].ID
}

func TestHostileTextIsStoredCleanAndNeverReachesTheTerminal(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				hostileRoundTrip(t, lang)
			})
		})
	}
}

// TestImportedHostileTextStaysInert: a session imported from a file keeps tabs and
// line breaks in its notes, as clean.Text allows; no screen may hand them to the
// terminal.
func TestImportedHostileTextStaysInert(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				c := newTestCommon(t, lang)
				s := demoWith(lang, 4)
				s.Title, s.Client, s.Evaluator = hostileLine, hostileLine, hostileLine
				s.Requirements.UserProfile, s.Requirements.Notes = hostileText, hostileText
				for i := range s.Vendors {
					s.Vendors[i].Name = fmt.Sprintf("%d %s", i, hostileLine)
					s.Vendors[i].Contact = hostileLine
					s.Vendors[i].Notes = map[int]string{}
					for step := 2; step <= 7; step++ {
						s.Vendors[i].Notes[step] = hostileText + "\n\t| a | b |\tc\\"
					}
				}
				sess := storeSession(t, c, s)
				if !strings.Contains(sess.Vendors[0].Notes[2], "\t") {
					t.Fatal("the imported notes lost their tabs; this test needs them")
				}
				for _, sz := range [][2]int{{40, 12}, {80, 24}, {200, 60}} {
					app := NewApp(c)
					press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					checkScreen(t, app, fmt.Sprintf("sessions %v", sz))
					for name, mk := range map[string]func() screen{
						"session":      func() screen { return newSessionScreen(c, sess) },
						"requirements": func() screen { return newRequirementsScreen(c, sess) },
						"comparison":   func() screen { return newCompareScreen(c, sess) },
						"export":       func() screen { return newExportScreen(c, sess) },
					} {
						press(app, pushMsg{mk()})
						for range 40 {
							checkScreen(t, app, fmt.Sprintf("%s %v", name, sz))
							press(app, keyOf(tea.KeyPgDown))
						}
						app.stack = app.stack[:1]
					}
					for step := 2; step <= 7; step++ {
						v := newVendorScreen(c, sess, 0, step)
						press(app, pushMsg{v})
						typeInto(t, app, v.form.Focused, wizard.NoteKey, "")
						checkScreen(t, app, fmt.Sprintf("wizard step %d %v", step, sz))
						app.stack = app.stack[:1]
					}
				}
			})
		})
	}
}
