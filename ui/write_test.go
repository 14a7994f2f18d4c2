package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// A change the user waits for runs after the writes queued before it: removing a
// vendor right after answering cannot overtake the answer and leave it to fail.
func TestDoRunsAfterTheWritesQueuedBeforeIt(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "Alpha")
	vid := sess.Vendors[0].ID
	var order []string
	c.Saver.Save("first", "first", func(context.Context, *db.Store) error {
		time.Sleep(50 * time.Millisecond)
		order = append(order, "first")
		return nil
	})
	err := c.Saver.Do("remove", func(ctx context.Context, st *db.Store) error {
		order = append(order, "do")
		return st.RemoveVendor(ctx, vid)
	})
	if err != nil || strings.Join(order, ",") != "first,do" {
		t.Fatalf("Do = %v, order %v; want nil, first,do", err, order)
	}
	wantErr := errors.New("refused")
	if err := c.Saver.Do("fails", func(context.Context, *db.Store) error { return wantErr }); !errors.Is(err, wantErr) {
		t.Errorf("Do returned %v, want the change's error", err)
	}
	if n := c.Saver.Pending(); n != 0 {
		t.Errorf("%d writes left queued: a failed Do must not be retried", n)
	}
	c.Saver.Close(time.Second)
	if err := c.Saver.Do("late", func(context.Context, *db.Store) error { return nil }); err == nil {
		t.Error("Do on a closed saver reported success")
	}
}

// A dialog whose write is refused stays open with what was typed and says why;
// keys typed after go on into it.
func TestARefusedDialogWriteKeepsWhatWasTyped(t *testing.T) {
	c := newTestCommon(t, rubric.EN)
	sess := newSessionWithVendors(t, c, "Alpha")
	tm, _ := startApp(t, c, 100, 30)
	waitFor(t, tm, "Selection")
	tm.Send(keyOf(tea.KeyEnter))
	waitFor(t, tm, "Alpha")
	tm.Send(runes("a"))
	waitFor(t, tm, "Add vendor")
	answerField(tm, "Alpha")
	answerField(tm, "")
	waitFor(t, tm, "already has a vendor of that name")
	tm.Send(runes(" 2"))
	answerField(tm, "")
	answerField(tm, "")
	waitFor(t, tm, "Alpha 2")
	finalView(t, tm)
	got, err := c.Store.Session(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Vendors) != 2 || got.Vendors[1].Name != "Alpha 2" {
		t.Errorf("vendors after the retry: %d, last %q; want Alpha and Alpha 2", len(got.Vendors), got.Vendors[len(got.Vendors)-1].Name)
	}
}

// Two dialogs typed in one write, as SSH and remote desktops deliver fast typing:
// each enter moves on at once, so the second vendor's keys never reach the first
// vendor's name.
func TestDialogsTypedInOneWrite(t *testing.T) {
	c := newTestCommon(t, rubric.ZH)
	sess := newSessionWithVendors(t, c)
	tm, _ := startApp(t, c, 100, 30)
	waitFor(t, tm, "Selection")
	tm.Send(keyOf(tea.KeyEnter))
	waitFor(t, tm, "添加")
	for _, m := range []tea.Msg{runes("a云帆呼叫中心"), keyOf(tea.KeyEnter), runes("张"), keyOf(tea.KeyEnter),
		runes("a网萌科技"), keyOf(tea.KeyEnter), keyOf(tea.KeyEnter), runes("a"), keyOf(tea.KeyEnter)} {
		tm.Send(m)
	}
	// The third dialog's empty name is refused, and the refusal stays on screen
	// through the cursor's blinks.
	waitFor(t, tm, "此项必填")
	time.Sleep(1200 * time.Millisecond)
	if view := plain(finalView(t, tm)); !strings.Contains(view, "此项必填") {
		t.Errorf("the refusal is gone from the dialog:\n%s", view)
	}
	got, err := c.Store.Session(context.Background(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range got.Vendors {
		names = append(names, v.Name+"/"+v.Contact)
	}
	if strings.Join(names, ",") != "云帆呼叫中心/张,网萌科技/" {
		t.Errorf("vendors = %q, want 云帆呼叫中心/张 and 网萌科技/", names)
	}
}

// The custom weights, typed in one write, land as typed; half-typed weights are
// kept across ctrl+c like every dialog's text.
func TestWeightsTypedInOneWriteAndKept(t *testing.T) {
	onFakeClock(t, func(t *testing.T) {
		c := newTestCommon(t, rubric.EN)
		sess := newSessionWithVendors(t, c, "Alpha", "Beta")
		open := func() (*App, *formScreen) {
			app := NewApp(c)
			press(app, tea.WindowSizeMsg{Width: 100, Height: 30}, pushMsg{newCompareScreen(c, sess)}, runes("w"))
			return app, expectTop[*formScreen](t, app, "w opened the weights")
		}
		app, _ := open()
		press(app, keyOf(tea.KeyCtrlU), runes("3"), keyOf(tea.KeyCtrlC))
		c.Saver.Flush(defaultFlush)
		app, f := open()
		if got := *f.values[0]; got != "3" {
			t.Fatalf("the weights opened with A = %q, want the half-typed 3", got)
		}
		press(app, runes("0"), keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlU), runes("25"), keyOf(tea.KeyEnter),
			keyOf(tea.KeyCtrlU), runes("25"), keyOf(tea.KeyEnter), keyOf(tea.KeyCtrlU), runes("20"), keyOf(tea.KeyEnter))
		c.Saver.Flush(defaultFlush)
		stored, err := c.Store.Session(context.Background(), sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Profile.Name != "custom" || stored.Profile.Weights != [4]float64{30, 25, 25, 20} {
			t.Errorf("stored profile %+v, want custom 30/25/25/20", stored.Profile)
		}
	})
}
