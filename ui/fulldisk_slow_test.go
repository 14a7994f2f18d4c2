//go:build slow

package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

func TestFullDiskKeepsWhatWasTypedAndSavesOnceThereIsRoom(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			c := newTestCommon(t, lang)
			inbox := newSaverInbox(t, c)
			sess := newSessionWithVendors(t, c, "甲 Vendor", "乙 Vendor")
			app := NewApp(c)
			press(app, tea.WindowSizeMsg{Width: 120, Height: 40})
			v := newVendorScreen(c, sess, 0, 2)
			press(app, pushMsg{v})
			vid := v.vendor().ID
			ctx := context.Background()

			fillStore(t, c.Store)
			// The writes the wizard is about to make do not fit: tried directly, they
			// fail and leave nothing behind.
			note := c.tr("对方口头承诺 7×24 小时,书面待补", "promised 24/7 on the phone; in writing still to come")
			if _, err := c.Store.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); !isFull(err) {
				t.Fatalf("the full store took the answer: %v", err)
			}
			if err := c.Store.SaveNote(ctx, vid, 2, note); !isFull(err) {
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
			notSaved := c.tr("未保存", "Not saved")
			if !strings.Contains(status, notSaved) || !strings.Contains(status, c.tr("磁盘已满", "disk full")) {
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
			if !strings.Contains(view, c.tr("对方口头承诺", "promised 24/7")) {
				t.Errorf("the note is not on screen:\n%s", view)
			}
			if !strings.Contains(view, c.tr("✓ 是", "✓ yes")) {
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
			if status := plain(app.statusView()); !strings.Contains(status, c.tr("已保存", "Saved")) {
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
			if got.VendorRecords[0].Answers.Tri("business_license") != rubric.Yes {
				t.Error("the answer is not in the store")
			}
			if got.VendorRecords[0].Notes[2] != note {
				t.Errorf("stored note = %q, want %q", got.VendorRecords[0].Notes[2], note)
			}
		})
	}
}
