package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// isFull reports whether err is SQLite's "database or disk is full".
func isFull(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL
}

// fillStore caps the store at its current size and fills the room left in the
// pages it has, the way a disk fills up: sessions, vendors, notes and answers are
// written, largest first, until none of them fits any more.
func fillStore(t *testing.T, store *db.Store) {
	t.Helper()
	ctx := context.Background()
	sid, err := store.CreateSession(ctx, db.SessionMeta{Title: "filler"})
	if err != nil {
		t.Fatal(err)
	}
	var vendors []int64
	for i := range 6 {
		id, err := store.AddVendor(ctx, sid, fmt.Sprintf("filler %d", i), "")
		if err != nil {
			t.Fatal(err)
		}
		vendors = append(vendors, id)
	}
	if _, err := store.LimitPages(ctx, 1); err != nil {
		t.Fatal(err)
	}
	// fill repeats a write until it no longer fits; each smaller size takes the room
	// the larger ones left.
	fill := func(write func(size, i int) error) {
		for _, size := range []int{900, 300, 100, 30, 10, 3, 1} {
			for i := 0; ; i++ {
				err := write(size, i)
				if isFull(err) {
					break
				}
				if err != nil {
					t.Fatalf("filling the store: %v", err)
				}
				if i > 500 {
					t.Fatal("the capped store keeps taking writes")
				}
			}
		}
	}
	fill(func(size, _ int) error {
		_, err := store.CreateSession(ctx, db.SessionMeta{Title: strings.Repeat("s", size)})
		return err
	})
	fill(func(size, i int) error {
		_, err := store.AddVendor(ctx, sid, fmt.Sprintf("%d%s", i, strings.Repeat("v", size)), "")
		return err
	})
	step := map[int64]int{}
	for _, size := range []int{900, 300, 100, 30, 10, 3, 1} {
		for _, id := range vendors {
			if step[id] > 5 {
				continue
			}
			err := store.ChangeNote(ctx, id, 2+step[id], "", strings.Repeat("n", size))
			if err == nil {
				step[id]++
			} else if !isFull(err) {
				t.Fatalf("filling the store: %v", err)
			}
		}
	}
	// Every yes/no answer of every filler vendor: those that do not fit fail.
	for _, id := range vendors {
		for _, q := range rubric.Questions {
			if q.Kind != rubric.KindTri {
				continue
			}
			if _, err := store.SaveAnswer(ctx, id, q.ID, &rubric.Value{Tri: rubric.Yes}, 0); err != nil && !isFull(err) {
				t.Fatalf("filling the store: %v", err)
			}
		}
	}
}

// saverInbox is a Saver whose reports are queued for the test to hand to the app,
// as the program's Send would.
type saverInbox struct {
	ch chan SavedMsg
}

func newSaverInbox(t *testing.T, c *Common) *saverInbox {
	t.Helper()
	in := &saverInbox{ch: make(chan SavedMsg, 1000)}
	c.Saver.Close(5 * time.Second)
	c.Saver = NewSaver(c.Store, func(m tea.Msg) {
		if s, ok := m.(SavedMsg); ok {
			in.ch <- s
		}
	})
	saver := c.Saver
	t.Cleanup(func() { saver.Close(5 * time.Second) })
	return in
}

// await hands the app every report until done is true of one, or fails after
// timeout (the saver retries a failed write every two seconds).
func (in *saverInbox) await(t *testing.T, app *App, timeout time.Duration, done func(SavedMsg) bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case m := <-in.ch:
			press(app, m)
			if done(m) {
				return
			}
		case <-deadline:
			t.Fatalf("no such save report within %v; status %q", timeout, app.status)
		}
	}
}

// drain hands the app the reports already in.
func (in *saverInbox) drain(app *App) {
	for {
		select {
		case m := <-in.ch:
			press(app, m)
		default:
			return
		}
	}
}

// TestStatusSaysSavedOnlyWhenNothingIsWaiting: one write landing while another still
// fails must not tell the user that everything is saved.
func TestStatusSaysSavedOnlyWhenNothingIsWaiting(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 120, Height: 40})
	full := fmt.Errorf("save note: %w", syscall.ENOSPC)
	press(app, SavedMsg{Key: "n/1/2", What: "notes", Err: full, Retrying: true, At: fixedNow})
	press(app, SavedMsg{Key: "a/1/nda", What: "NDA", At: fixedNow})
	if status := plain(app.statusView()); !strings.Contains(status, "Not saved") {
		t.Errorf("an answer landing hid that the notes are still not saved: %q", status)
	}
	press(app, SavedMsg{Key: "n/1/2", What: "notes", At: fixedNow})
	if status := plain(app.statusView()); !strings.Contains(status, "Saved") || strings.Contains(status, "Not saved") {
		t.Errorf("once the notes landed the status line says %q", status)
	}
}

func TestNewSessionOnAFullDiskSaysSoAndKeepsTheForm(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				c := newTestCommon(t, lang)
				ctx := context.Background()
				if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: "existing"}); err != nil {
					t.Fatal(err)
				}
				fillStore(t, c.Store)
				app := NewApp(c)
				press(app, tea.WindowSizeMsg{Width: 100, Height: 30})
				press(app, runes("n"))
				if _, ok := app.top().(*formScreen); !ok {
					t.Fatalf("n opened %T", app.top())
				}
				title := strings.Repeat("客服外包选型 2026 ", 8)
				press(app, runes(title), keyOf(tea.KeyEnter), runes("ACME"), keyOf(tea.KeyEnter), runes("Wang"), keyOf(tea.KeyEnter))
				status := plain(app.statusView())
				if !strings.Contains(status, c.Lang.Pick("未保存", "Not saved")) || !strings.Contains(status, c.Lang.Pick("磁盘已满", "disk full")) {
					t.Errorf("status %q does not say the session was not created for want of room", status)
				}
				f, ok := app.top().(*formScreen)
				if !ok {
					t.Fatalf("after the failed save the top screen is %T", app.top())
				}
				// What was typed is still in the form, which still takes keys.
				if *f.values[0] != title || *f.values[1] != "ACME" || *f.values[2] != "Wang" {
					t.Errorf("form values %q %q %q", *f.values[0], *f.values[1], *f.values[2])
				}
				assertFits(t, app.View(), 100, 30)
				// Once there is room, submitting again creates the session.
				if _, err := c.Store.LimitPages(ctx, 0); err != nil {
					t.Fatal(err)
				}
				press(app, keyOf(tea.KeyEnter), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
				if _, ok := app.top().(*requirementsScreen); !ok {
					t.Fatalf("submitting with room left %T on top; status %q", app.top(), plain(app.statusView()))
				}
				n, err := c.Store.CountSessions(ctx, "选型")
				if err != nil || n != 1 {
					t.Errorf("%d sessions match the new title (%v), want 1", n, err)
				}
				// Esc on a failed form goes back.
				fillStore(t, c.Store)
				press(app, keyOf(tea.KeyEsc), keyOf(tea.KeyEsc), runes("n"), runes("x"), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter))
				if _, ok := app.top().(*formScreen); !ok {
					t.Fatalf("top screen %T, want the form", app.top())
				}
				press(app, keyOf(tea.KeyEsc))
				if _, ok := app.top().(*sessionsScreen); !ok {
					t.Errorf("esc on a form whose save failed left %T on top", app.top())
				}
			})
		})
	}
}

func TestFullDiskKeepsWhatWasTypedAndSavesOnceThereIsRoom(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			onFakeClock(t, func(t *testing.T) {
				c := newTestCommon(t, lang)
				inbox := newSaverInbox(t, c)
				sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
				ctx := context.Background()
				// Answered once already in step 7, the vendor's next answer grows its row,
				// which the filled store has no room for; a vendor's very first answer
				// could slip into room the fill happens to leave among the answers.
				if _, err := c.Store.SaveAnswer(ctx, sess.Vendors[0].ID, "account_manager", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
					t.Fatal(err)
				}
				sess, err := c.Store.Session(ctx, sess.ID)
				if err != nil {
					t.Fatal(err)
				}
				app := NewApp(c)
				press(app, tea.WindowSizeMsg{Width: 120, Height: 40})
				v := newVendorScreen(c, sess, 0, 2)
				press(app, pushMsg{v})
				vid := v.vendor().ID

				fillStore(t, c.Store)
				// The writes the wizard is about to make do not fit: tried directly, they
				// fail and leave nothing behind.
				note := c.Lang.Pick("对方口头承诺 7×24 小时,书面待补", "promised 24/7 on the phone; in writing still to come")
				if _, err := c.Store.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); !isFull(err) {
					t.Fatalf("the full store took the answer: %v", err)
				}
				if err := c.Store.ChangeNote(ctx, vid, 2, "", note); !isFull(err) {
					t.Fatalf("the full store took the note: %v", err)
				}

				press(app, runes("y"))
				for v.form.Focused() != wizard.NoteKey {
					press(app, keyOf(tea.KeyTab))
				}
				press(app, runes(note))
				inbox.await(t, app, 10*time.Second, func(m SavedMsg) bool { return m.Err != nil && strings.HasPrefix(m.Key, "n/") })
				inbox.drain(app)

				view := plain(app.View())
				status := plain(app.statusView())
				notSaved := c.Lang.Pick("未保存", "Not saved")
				if !strings.Contains(status, notSaved) || !strings.Contains(status, c.Lang.Pick("磁盘已满", "disk full")) {
					t.Errorf("the status line does not say the change was not saved for want of room: %q", status)
				}
				if strings.Count(status, notSaved) != 1 {
					t.Errorf("the status line says %q more than once: %q", notSaved, status)
				}
				// What was typed is still there: on screen, in the form and in memory.
				if got := v.form.Live().Note; got != note {
					t.Errorf("form note = %q, want %q", got, note)
				}
				if got := v.vendor().Notes[2]; got != note {
					t.Errorf("note in memory = %q, want %q", got, note)
				}
				if v.vendor().Answers.Tri("business_license") != rubric.Yes {
					t.Error("the answer was dropped from memory")
				}
				if !strings.Contains(view, c.Lang.Pick("对方口头承诺", "promised 24/7")) {
					t.Errorf("the note is not on screen:\n%s", view)
				}
				if !strings.Contains(view, c.Lang.Pick("✓ 是", "✓ yes")) {
					t.Errorf("the answer is not on screen:\n%s", view)
				}
				assertFits(t, app.View(), 120, 40)

				// Room is made; the writes waiting are retried and land.
				if _, err := c.Store.LimitPages(ctx, 0); err != nil {
					t.Fatal(err)
				}
				landed := map[string]bool{}
				answerKey := answerKey(vid, "business_license")
				noteKey := fmt.Sprintf("n/%d/2", vid)
				inbox.await(t, app, 15*time.Second, func(m SavedMsg) bool {
					if m.Err == nil {
						landed[m.Key] = true
					}
					return landed[answerKey] && landed[noteKey]
				})
				inbox.drain(app)
				if status := plain(app.statusView()); !strings.Contains(status, c.Lang.Pick("已保存", "Saved")) {
					t.Errorf("after the retry landed the status line says %q", status)
				}

				// Reopened, the store has both.
				if !c.Saver.Close(5 * time.Second) {
					t.Fatal("writes still waiting after the retry landed")
				}
				path := c.Store.Path()
				c.Store.Close()
				store, err := db.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer store.Close()
				got, err := store.Session(ctx, sess.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Vendors[0].Answers.Tri("business_license") != rubric.Yes {
					t.Error("the answer is not in the store")
				}
				if got.Vendors[0].Notes[2] != note {
					t.Errorf("stored note = %q, want %q", got.Vendors[0].Notes[2], note)
				}
			})
		})
	}
}
