package db

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"vendorvet/rubric"
)

// twoStores opens the same file twice, as two windows do, with one session whose
// requirements both have loaded.
func twoStores(t *testing.T) (first, second *Store, sessionID, vendorID int64, loaded rubric.Requirements) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	var err error
	if first, err = Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { first.Close() })
	if second, err = Open(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { second.Close() })
	sessionID, vendorID = newVendor(t, first)
	sess, err := second.Session(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return first, second, sessionID, vendorID, sess.Requirements
}

func TestTwoWindowsChangeDifferentRequirementsBothKept(t *testing.T) {
	ctx := context.Background()
	first, second, sid, _, loaded := twoStores(t)
	volume := loaded
	volume.DailyVolume = 5000
	if err := first.ChangeRequirements(ctx, sid, loaded, volume); err != nil {
		t.Fatal(err)
	}
	peak := loaded
	peak.PeakMultiplier = 10
	if err := second.ChangeRequirements(ctx, sid, loaded, peak); err != nil {
		t.Fatalf("a change of another field was refused: %v", err)
	}
	got, err := first.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if got.Requirements.DailyVolume != 5000 || got.Requirements.PeakMultiplier != 10 {
		t.Errorf("stored volume %d and peak ×%v, want 5000 and ×10", got.Requirements.DailyVolume, got.Requirements.PeakMultiplier)
	}
	assertCachedScores(t, first, sid)
}

func TestTwoWindowsChangeTheSameRequirement(t *testing.T) {
	ctx := context.Background()
	first, second, sid, _, loaded := twoStores(t)
	mine := loaded
	mine.DailyVolume = 5000
	if err := first.ChangeRequirements(ctx, sid, loaded, mine); err != nil {
		t.Fatal(err)
	}
	theirs := loaded
	theirs.DailyVolume = 7000
	theirs.Industry = "finance"
	err := second.ChangeRequirements(ctx, sid, loaded, theirs)
	var conflict *RequirementsConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &conflict) {
		t.Fatalf("err = %v, want a requirements conflict", err)
	}
	if !slices.Equal(conflict.Fields, []string{"daily_volume"}) || conflict.Current.DailyVolume != 5000 {
		t.Errorf("conflict on %v with volume %d, want daily_volume at 5000", conflict.Fields, conflict.Current.DailyVolume)
	}
	got, _ := first.Session(ctx, sid)
	if got.Requirements.DailyVolume != 5000 || got.Requirements.Industry != "" {
		t.Errorf("after the conflict the store holds volume %d, industry %q: nothing should have been written",
			got.Requirements.DailyVolume, got.Requirements.Industry)
	}
	// Having seen the current value, the second window may overwrite it; the same
	// value as stored is no conflict either.
	if err := second.ChangeRequirements(ctx, sid, conflict.Current, CopyRequirement(conflict.Current, "daily_volume", theirs)); err != nil {
		t.Fatal(err)
	}
	if err := first.ChangeRequirements(ctx, sid, mine, theirs); err != nil {
		t.Errorf("changing to the value already stored: %v", err)
	}
	got, _ = first.Session(ctx, sid)
	if got.Requirements.DailyVolume != 7000 || got.Requirements.Industry != "finance" {
		t.Errorf("stored volume %d, industry %q, want 7000 and finance", got.Requirements.DailyVolume, got.Requirements.Industry)
	}
}

func TestChangedRequirementsNamesFields(t *testing.T) {
	a := rubric.DefaultRequirements()
	b := a
	b.Channels = []string{"web"}
	b.Notes = "x"
	if got := ChangedRequirements(a, b); !slices.Equal(got, []string{"channels", "notes"}) {
		t.Errorf("changed %v", got)
	}
	// nil and empty lists, and text that cleaning makes equal, are the same value.
	c := a
	c.Channels, c.UserProfile = nil, "\x1b\u202e"
	if got := ChangedRequirements(a, c); len(got) != 0 {
		t.Errorf("changed %v, want none", got)
	}
	if got := CopyRequirement(a, "notes", b); got.Notes != "x" || len(got.Channels) != 0 {
		t.Errorf("copied notes: %+v", got)
	}
}

func TestTwoWindowsChangeNotes(t *testing.T) {
	ctx := context.Background()
	first, second, sid, vid, _ := twoStores(t)
	if err := first.ChangeNote(ctx, vid, 2, "", "licences seen"); err != nil {
		t.Fatal(err)
	}
	// A note of another step is another field.
	if err := second.ChangeNote(ctx, vid, 3, "", "team visited"); err != nil {
		t.Fatalf("a note of another step was refused: %v", err)
	}
	err := second.ChangeNote(ctx, vid, 2, "", "licence expired")
	var conflict *NoteConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &conflict) {
		t.Fatalf("err = %v, want a note conflict", err)
	}
	if conflict.Current != "licences seen" || conflict.Step != 2 || conflict.VendorID != vid {
		t.Errorf("conflict %+v", conflict)
	}
	sess, _ := first.Session(ctx, sid)
	notes := sess.Vendors[0].Notes
	if notes[2] != "licences seen" || notes[3] != "team visited" {
		t.Errorf("stored notes %v", notes)
	}
	// From the current text the change lands; clearing it is a change too.
	if err := second.ChangeNote(ctx, vid, 2, conflict.Current, "licence expired"); err != nil {
		t.Fatal(err)
	}
	if err := first.ChangeNote(ctx, vid, 2, "licences seen", ""); !errors.Is(err, ErrConflict) {
		t.Errorf("clearing a note changed meanwhile: %v, want a conflict", err)
	}
	if err := first.ChangeNote(ctx, vid, 2, "licence expired", ""); err != nil {
		t.Fatal(err)
	}
	if n := count(t, first, "SELECT count(*) FROM notes WHERE vendor_id = ? AND step = 2", vid); n != 0 {
		t.Errorf("%d notes left after clearing", n)
	}
}

func TestWatcherSeesCommitsOfOtherStoresOnly(t *testing.T) {
	ctx := context.Background()
	first, second, sid, _, loaded := twoStores(t)
	w, err := first.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Fatalf("changed %v, %v before anything was written", changed, err)
	}
	next := loaded
	next.DailyVolume = 10
	if err := second.ChangeRequirements(ctx, sid, loaded, next); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Changed(ctx); err != nil || !changed {
		t.Errorf("changed %v, %v after another store wrote", changed, err)
	}
	if changed, _ := w.Changed(ctx); changed {
		t.Error("one write was reported twice")
	}
	// The watching store's own writes are no news to it.
	mine := next
	mine.DailyVolume = 20
	if err := first.ChangeRequirements(ctx, sid, next, mine); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Changed(ctx); err != nil || changed {
		t.Errorf("changed %v, %v after the store's own write", changed, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Changed(ctx); err == nil {
		t.Error("a closed watcher answered")
	}
}

// The capacity plan's fields are fields of their own: two windows filling in two of
// them both keep theirs, and one window clearing a field back to its estimate does
// not undo the other's.
func TestTwoWindowsChangeDifferentPlanFields(t *testing.T) {
	ctx := context.Background()
	first, second, sid, _, loaded := twoStores(t)
	aht, share := 300.0, 80.0
	a := loaded
	a.ChatAHTS = &aht
	if err := first.ChangeRequirements(ctx, sid, loaded, a); err != nil {
		t.Fatal(err)
	}
	b := loaded
	b.ChatSharePct = &share
	if err := second.ChangeRequirements(ctx, sid, loaded, b); err != nil {
		t.Fatalf("a change of another plan field was refused: %v", err)
	}
	got, err := first.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	r := got.Requirements
	if r.ChatAHTS == nil || *r.ChatAHTS != 300 || r.ChatSharePct == nil || *r.ChatSharePct != 80 {
		t.Fatalf("stored AHT %v share %v", r.ChatAHTS, r.ChatSharePct)
	}
	cleared := r
	cleared.ChatAHTS = nil
	if err := second.ChangeRequirements(ctx, sid, r, cleared); err != nil {
		t.Fatal(err)
	}
	got, _ = first.Session(ctx, sid)
	if got.Requirements.ChatAHTS != nil || got.Requirements.ChatSharePct == nil {
		t.Errorf("after clearing the AHT: AHT %v share %v", got.Requirements.ChatAHTS, got.Requirements.ChatSharePct)
	}
	// Shares that add up to more than the day are refused by the store.
	over := got.Requirements
	much := 30.0
	over.PhoneSharePct = &much
	over.Channels = []string{"phone", "web"}
	var re *RequirementsError
	if err := first.ChangeRequirements(ctx, sid, got.Requirements, over); !errors.As(err, &re) {
		t.Errorf("shares of 110 %%: %v", err)
	}
}
