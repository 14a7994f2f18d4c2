package ui

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// A store scored by older rules says over the first screen, once, whose totals
// moved; closing the notice forgets them, and the next start goes straight to the
// sessions.
func TestTheFirstScreenSaysWhoseTotalsMoved(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	sess := newSessionWithVendors(t, c, "云帆呼叫中心")
	path := c.Store.Path()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE vendors SET total = 25, band = 'reject' WHERE id = ?; UPDATE rules SET version = 1", sess.Vendors[0].ID); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	c.Saver.Close(defaultFlush)
	c.Store.Close()
	store, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	c.Store, c.Saver = store, NewSaver(store, nil)
	t.Cleanup(func() { c.Saver.Close(defaultFlush) })

	app := NewApp(c)
	press(app, tea.WindowSizeMsg{Width: 80, Height: 24})
	expectTop[*movesScreen](t, app, "start after new rules")
	view := plain(app.View())
	card := rubric.Score(sess.Requirements, sess.Vendors[0].Answers, sess.Profile)
	want := "  云帆呼叫中心  25 → " + rubric.FormatPoints(card.Total)
	if !strings.Contains(view, want) || !strings.Contains(view, "评分规则已更新") {
		t.Fatalf("the notice does not say %q:\n%s", want, view)
	}
	assertFits(t, app.View(), 80, 24)
	press(app, keyOf(tea.KeyEnter))
	expectTop[*sessionsScreen](t, app, "enter on the notice")
	c.Saver.Flush(defaultFlush)
	if moves, err := c.Store.ScoreMoves(context.Background()); err != nil || len(moves) != 0 {
		t.Errorf("after the notice, %d moves remain (%v)", len(moves), err)
	}
	expectTop[*sessionsScreen](t, NewApp(c), "the next start")
}

// A move says the verdict: from what to what, or the one that stands.
func TestAMoveSaysTheVerdict(t *testing.T) {
	changed := db.ScoreMove{TotalThen: 25, BandThen: rubric.Reject, TotalNow: 31.5, BandNow: rubric.Incomplete}
	if got, want := moveText(rubric.EN, changed), "25 → 31.5 (+6.5)  Reject → Evaluation unfinished"; got != want {
		t.Errorf("moved: %q, want %q", got, want)
	}
	stands := db.ScoreMove{TotalThen: 72, BandThen: rubric.Disqualified, TotalNow: 64, BandNow: rubric.Disqualified}
	if got, want := moveText(rubric.ZH, stands), "72 → 64 (-8)  一票否决"; got != want {
		t.Errorf("verdict stands: %q, want %q", got, want)
	}
}
