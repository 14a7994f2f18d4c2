package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// Scrolling reads the next page in the background before the cursor reaches it, and
// a page read before the list changed is not kept.
func TestSessionsReadTheNextPageAhead(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		ctx := context.Background()
		for i := range 250 {
			if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: fmt.Sprintf("Session %03d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		s := newSessionsScreen(c)
		s.SetSize(100, 20)
		s.View()
		var ahead []tea.Msg
		for s.cursor < sessionPage-s.listHeight() {
			_, cmd := s.Update(keyOf(tea.KeyDown))
			ahead = append(ahead, benchRunAll(cmd)...)
		}
		if len(ahead) != 1 {
			t.Fatalf("%d pages read ahead on the way down the first page, want 1", len(ahead))
		}
		if _, ok := s.pages[1]; ok {
			t.Fatal("page 2 was read in the open while it was being read in the background")
		}
		s.Update(ahead[0])
		// Newest first: the second page starts sessionPage below the newest, 249.
		want := fmt.Sprintf("Session %03d", 249-sessionPage)
		if rows := s.pages[1]; len(rows) != sessionPage || rows[0].Title != want {
			t.Fatalf("page 2 read ahead holds %d rows, want %d from %s", len(rows), sessionPage, want)
		}
		// A page read before a reload belongs to the old list.
		_, cmd := s.Update(keyOf(tea.KeyPgDown))
		stale := benchRunAll(cmd)
		s.Update(reloadMsg{})
		for _, m := range stale {
			s.Update(m)
		}
		if len(s.pages) != 0 {
			t.Fatalf("%d pages kept from before the reload", len(s.pages))
		}
		if v := plain(s.View()); !strings.Contains(v, "› Session") {
			t.Errorf("the list is empty after the reload:\n%s", v)
		}
	})
}
