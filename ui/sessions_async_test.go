package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// searchedSessions opens the sessions screen on more sessions than are filtered at
// once, "Alpha 000" to "Alpha 124" and then "Beta 000" to "Beta 124", with the
// filter field focused. The field's cursor does not blink, so that a key's command
// is the search alone.
func searchedSessions(t *testing.T) (*Common, *sessionsScreen) {
	t.Helper()
	c := newTestCommon(t, rubric.EN)
	ctx := context.Background()
	for _, name := range []string{"Alpha", "Beta"} {
		for i := range 125 {
			if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: fmt.Sprintf("%s %03d", name, i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	s := newSessionsScreen(c)
	if s.total <= syncFilterLimit {
		t.Fatalf("%d sessions are filtered at once; the test needs more", s.total)
	}
	s.SetSize(100, 20)
	s.filter.Cursor.SetMode(cursor.CursorStatic)
	s.Update(runes("/"))
	return c, s
}

// typeFilter types text into the focused filter a key at a time and returns the
// command of each key, not run.
func typeFilter(s *sessionsScreen, text string) []tea.Cmd {
	var cmds []tea.Cmd
	for _, r := range text {
		_, cmd := s.Update(runes(string(r)))
		cmds = append(cmds, cmd)
	}
	return cmds
}

// searchAnswer runs a key's command, which must be a search.
func searchAnswer(t *testing.T, cmd tea.Cmd) filteredMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("the key started no search")
	}
	m, ok := cmd().(filteredMsg)
	if !ok {
		t.Fatalf("the key's command gave %T, want a search's answer", m)
	}
	return m
}

// shownTitles are the titles of the rows on screen, top to bottom.
func shownTitles(s *sessionsScreen) []string {
	var titles []string
	for _, l := range strings.Split(plain(s.View()), "\n") {
		if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "›")); len(f) >= 2 && (f[0] == "Alpha" || f[0] == "Beta") {
			titles = append(titles, f[0]+" "+f[1])
		}
	}
	return titles
}

// storeTitles are the titles of the first n sessions the store lists for filter.
func storeTitles(t *testing.T, c *Common, filter string, n int) []string {
	t.Helper()
	rows, err := c.Store.ListSessions(context.Background(), filter, 0, n)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, r := range rows {
		titles = append(titles, r.Title)
	}
	return titles
}

// A key in the filter of a large store starts a search and shows the list as it was
// meanwhile; an older search's answer arriving after a newer key is dropped.
func TestFilterSearchesInTheBackgroundAndDropsStaleAnswers(t *testing.T) {
	c, s := searchedSessions(t)
	before := shownTitles(s)
	a := typeFilter(s, "A")[0]
	if !s.searching || s.count != 250 {
		t.Fatalf("after a key: searching %v, count %d; want the old list of 250 while searching", s.searching, s.count)
	}
	view := plain(s.View())
	if !strings.Contains(view, "Searching…") || !equalTitles(shownTitles(s), before) {
		t.Fatalf("while searching the screen does not keep the list with a hint:\n%s", view)
	}
	al := typeFilter(s, "l")[0]
	// The answer for "A" comes after the key for "l": it is not shown.
	s.Update(searchAnswer(t, a))
	if !s.searching || s.count != 250 || !equalTitles(shownTitles(s), before) {
		t.Fatalf("the answer for %q was shown after %q was typed: count %d", "A", "Al", s.count)
	}
	answer := searchAnswer(t, al)
	s.Update(answer)
	if s.searching || s.count != 125 || s.shown != "Al" {
		t.Fatalf("after the answer for %q: searching %v, count %d, shown %q", "Al", s.searching, s.count, s.shown)
	}
	if got, want := shownTitles(s), storeTitles(t, c, "Al", s.listHeight()); !equalTitles(got, want) {
		t.Errorf("shown %v, want %v", got, want)
	}
	if strings.Contains(plain(s.View()), "Searching…") {
		t.Error("the hint stays after the answer")
	}
	// The same answer again, late, changes nothing.
	s.cursor = 3
	s.Update(answer)
	if s.cursor != 3 {
		t.Error("a second delivery of an answer was shown again")
	}
}

// Fast typing, with the answers arriving in any order, ends on the list of the
// last filter typed, exactly as the store lists it.
func TestFilterAfterFastTypingShowsTheLastFilter(t *testing.T) {
	c, s := searchedSessions(t)
	cmds := typeFilter(s, "beta 12")
	var answers []filteredMsg
	for _, cmd := range cmds {
		answers = append(answers, searchAnswer(t, cmd))
	}
	// Newest first, then the rest in the order typed.
	s.Update(answers[len(answers)-1])
	for _, m := range answers[:len(answers)-1] {
		s.Update(m)
	}
	n, err := c.Store.CountSessions(context.Background(), "beta 12")
	if err != nil {
		t.Fatal(err)
	}
	if s.count != n || n != 5 || s.searching {
		t.Fatalf("count %d (store %d), searching %v", s.count, n, s.searching)
	}
	if got, want := shownTitles(s), storeTitles(t, c, "beta 12", 100); !equalTitles(got, want) {
		t.Errorf("shown %v, want %v", got, want)
	}
	if s.cursor != 0 || !strings.Contains(plain(s.View()), "› Beta 124") {
		t.Errorf("cursor %d; the first match is not selected:\n%s", s.cursor, plain(s.View()))
	}

	// A key typed and taken back returns to the list shown: nothing to search, and
	// the answer for the key in between is dropped.
	x := typeFilter(s, "x")[0]
	_, back := s.Update(keyOf(tea.KeyBackspace))
	if back != nil || s.searching {
		t.Fatalf("typing back to the list shown still searches (searching %v)", s.searching)
	}
	s.Update(searchAnswer(t, x))
	if s.shown != "beta 12" || s.count != 5 {
		t.Errorf("the answer for %q replaced the list: shown %q, count %d", "beta 12x", s.shown, s.count)
	}
}

// A page read for the list before a search's answer is not kept in the new list,
// and the answer shows the new list from its first row.
func TestFilterDropsPagesOfThePreviousList(t *testing.T) {
	c, s := searchedSessions(t)
	s.Update(keyOf(tea.KeyEnter))
	var ahead []tea.Msg
	for len(ahead) == 0 && s.cursor < 2*sessionPage {
		_, cmd := s.Update(keyOf(tea.KeyPgDown))
		ahead = append(ahead, benchRunAll(cmd)...)
	}
	if len(ahead) == 0 {
		t.Fatal("no page was read ahead")
	}
	s.Update(runes("/"))
	answer := searchAnswer(t, typeFilter(s, "alpha")[len("alpha")-1])
	s.Update(answer)
	for _, m := range ahead {
		s.Update(m)
	}
	if s.cursor != 0 || s.offset != 0 {
		t.Errorf("cursor %d, offset %d after the answer; want the first row", s.cursor, s.offset)
	}
	for p, rows := range s.pages {
		for _, r := range rows {
			if !strings.HasPrefix(r.Title, "Alpha") {
				t.Fatalf("page %d holds %q, read for the previous list", p, r.Title)
			}
		}
	}
	if got, want := shownTitles(s), storeTitles(t, c, "alpha", s.listHeight()); !equalTitles(got, want) {
		t.Errorf("shown %v, want %v", got, want)
	}
}

// esc empties the filter; the filtered list stays, under the emptied field, until
// the whole list arrives.
func TestFilterClearedWithEscSearchesToo(t *testing.T) {
	_, s := searchedSessions(t)
	s.Update(searchAnswer(t, typeFilter(s, "Alpha 00")[len("Alpha 00")-1]))
	s.Update(keyOf(tea.KeyEnter))
	if s.filtering || s.count != 10 {
		t.Fatalf("filtering %v, count %d", s.filtering, s.count)
	}
	_, cmd := s.Update(keyOf(tea.KeyEsc))
	view := plain(s.View())
	if s.filter.Value() != "" || !s.searching || !strings.Contains(view, "Alpha 009") || !strings.Contains(view, "Searching…") {
		t.Fatalf("after esc: filter %q, searching %v:\n%s", s.filter.Value(), s.searching, view)
	}
	if strings.Contains(view, "250 sessions") {
		t.Errorf("the count of every session is shown over the filtered list:\n%s", view)
	}
	s.Update(searchAnswer(t, cmd))
	if view := plain(s.View()); s.count != 250 || !strings.Contains(view, "250 sessions") || !strings.Contains(view, "› Beta 124") {
		t.Errorf("after the answer: count %d:\n%s", s.count, view)
	}
}

// A small store is filtered within the key: no command, no hint, no list of the
// previous filter.
func TestFilterOfASmallStoreAppliesAtOnce(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	ctx := context.Background()
	for _, title := range []string{"季度评审", "年度招标", "季度复盘"} {
		if _, err := c.Store.CreateSession(ctx, db.SessionMeta{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	s := newSessionsScreen(c)
	s.SetSize(80, 20)
	s.filter.Cursor.SetMode(cursor.CursorStatic)
	s.Update(runes("/"))
	cmds := typeFilter(s, "季度")
	if s.count != 2 || s.searching || s.shown != "季度" {
		t.Fatalf("count %d, searching %v, shown %q", s.count, s.searching, s.shown)
	}
	if view := plain(s.View()); strings.Contains(view, "年度招标") || strings.Contains(view, "搜索中") {
		t.Errorf("the filtered list is not shown at once:\n%s", view)
	}
	for _, cmd := range cmds {
		if msgs := benchRunAll(cmd); len(msgs) > 0 {
			t.Errorf("a key of a small store's filter sent %T", msgs[0])
		}
	}
}

func equalTitles(a, b []string) bool {
	return len(a) > 0 && strings.Join(a, "\n") == strings.Join(b, "\n")
}

// Back on a filtered list of a large store, the list is searched again in a
// command, not counted on the UI goroutine, and the cursor stays where it was.
func TestFilteredListReadAgainKeepsTheCursor(t *testing.T) {
	c, s := searchedSessions(t)
	s.Update(searchAnswer(t, typeFilter(s, "Alpha")[4]))
	s.Update(keyOf(tea.KeyEnter)) // done filtering
	for range 5 {
		s.Update(keyOf(tea.KeyDown))
	}
	// Meanwhile a session of the list went away, as a delete does.
	doomed, _ := s.row(0)
	if err := c.Store.DeleteSession(context.Background(), doomed.ID); err != nil {
		t.Fatal(err)
	}
	_, cmd := s.Update(reloadMsg{})
	if cmd == nil || s.count != 125 {
		t.Fatalf("read again: command %v, count %d; want a search and the list as it was (125) meanwhile", cmd != nil, s.count)
	}
	s.Update(searchAnswer(t, cmd))
	if s.count != 124 || s.shown != "Alpha" {
		t.Fatalf("after the answer: %d sessions for %q, want 124 for Alpha", s.count, s.shown)
	}
	if s.cursor != 5 {
		t.Errorf("cursor on row %d, want it left on row 5", s.cursor)
	}
}
