package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// noteOfLines is a note of n lines of mixed text.
func noteOfLines(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第 %d 行:对方承诺 7×24 小时 evidence %d", i+1, i+1)
	}
	return strings.Join(lines, "\n")
}

// pasted is text pasted into the terminal, as Bubble Tea hands it over.
func pasted(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// A note of 150 lines takes enter at its end in a vendor's step, what is typed next
// goes on the new line, and the note is saved so.
func TestLongVendorNoteTakesEnter(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c, app, v := openVendor(t, rubric.ZH, 3, 120, 40)
		for v.form.Focused() != wizard.NoteKey {
			press(app, keyOf(tea.KeyTab))
		}
		note := noteOfLines(150)
		// The keys' commands are not followed: they are cursor blinks.
		app.Update(pasted(note))
		app.Update(keyOf(tea.KeyEnter))
		app.Update(runes("第 151 行"))
		want := note + "\n第 151 行"
		if got := v.form.Live().Note; got != want {
			t.Fatalf("the note has %d lines and ends %q, want %d ending 第 151 行",
				strings.Count(got, "\n")+1, got[max(0, len(got)-30):], strings.Count(want, "\n")+1)
		}
		if !strings.Contains(plain(app.View()), "第 151 行") {
			t.Errorf("the screen does not show the new line:\n%s", plain(app.View()))
		}
		if !c.Saver.Flush(defaultFlush) {
			t.Fatal("saves did not land")
		}
		sess, err := c.Store.Session(context.Background(), v.sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := sess.Vendors[0].Notes[3]; got != want {
			t.Errorf("stored a note of %d lines, want %d", strings.Count(got, "\n")+1, strings.Count(want, "\n")+1)
		}
	})
}

// The requirements' notes take enter past 99 lines too.
func TestLongRequirementsNoteTakesEnter(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c, "甲 Vendor")
		app := NewApp(c)
		r := newRequirementsScreen(c, sess)
		press(app, tea.WindowSizeMsg{Width: 120, Height: 40}, pushMsg{r})
		for i := 0; r.form.Focused() != "notes"; i++ {
			if i > 30 {
				t.Fatalf("tab did not reach the notes; focus on %s", r.form.Focused())
			}
			press(app, keyOf(tea.KeyTab))
		}
		note := noteOfLines(150)
		app.Update(pasted(note))
		app.Update(keyOf(tea.KeyEnter))
		app.Update(runes("line 151"))
		if got, _ := r.form.Live(); got.Notes != note+"\nline 151" {
			t.Errorf("the notes have %d lines and end %q", strings.Count(got.Notes, "\n")+1, got.Notes[max(0, len(got.Notes)-30):])
		}
	})
}

// openLongNote opens a vendor's step 2 whose note is the first size bytes of
// longNote, at 120×40, with the note focused and its cursor at the end, as
// BenchmarkWizardKeystrokeLongNote does.
func openLongNote(b *testing.B, size int) *App {
	b.Helper()
	app, v := openLongNoteStep(b, size)
	for i := 0; v.form.Focused() != wizard.NoteKey; i++ {
		if i > 40 {
			b.Fatal("the note field was not reached")
		}
		press(app, keyOf(tea.KeyTab))
	}
	return app
}

// openLongNoteStep opens a vendor's step 2 whose note is the first size bytes of
// longNote, at 120×40, on its first question.
func openLongNoteStep(b *testing.B, size int) (*App, *vendorScreen) {
	b.Helper()
	store, err := db.Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	saver := NewSaver(store, nil)
	b.Cleanup(func() { saver.Close(defaultFlush) })
	c := &Common{Styles: NewStyles(lipgloss.DefaultRenderer()), Theme: wizard.Theme(), Lang: rubric.ZH, Store: store, Saver: saver, Now: time.Now}
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "long note", Lang: rubric.ZH})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := store.AddVendor(ctx, id, "甲", ""); err != nil {
		b.Fatal(err)
	}
	note := longNote()
	note = note[:strings.LastIndex(note[:size], "\n")+1]
	if err := store.ChangeNote(ctx, mustVendor(b, c, id), 2, "", note); err != nil {
		b.Fatal(err)
	}
	sess, err := store.Session(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	app := NewApp(c)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	v := newVendorScreen(c, sess, 0, 2)
	app.Update(pushMsg{v})
	return app, v
}

// BenchmarkWizardNoteTyping is BenchmarkWizardKeystrokeLongNote's note case timed a
// key at a time: a letter typed at the end of a 10, 30 or 100 KB note and taken back,
// each with its frame; median, 99th percentile and processor time per key (the
// saver's writes of the note included).
func BenchmarkWizardNoteTyping(b *testing.B) {
	for _, size := range []int{10_000, 30_000, 100_000} {
		b.Run(fmt.Sprintf("%dKB", size/1000), func(b *testing.B) {
			app := openLongNote(b, size)
			keys := []tea.Msg{runes("x"), keyOf(tea.KeyBackspace)}
			var rec latency.Recorder
			rec.Start()
			for i := 0; b.Loop(); i++ {
				rec.Time(func() {
					app.Update(keys[i%len(keys)])
					_ = app.View()
				})
			}
			rec.Report(b)
		})
	}
}
