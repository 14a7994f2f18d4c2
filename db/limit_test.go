package db

import (
	"context"
	"errors"
	"strings"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

func TestLimitPagesRehearsesAFullDisk(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "full disk"})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "A", "")
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// SQLite keeps the cap at the current size at least.
	limit, err := s.LimitPages(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if limit != pages {
		t.Fatalf("cap %d, want the current size %d", limit, pages)
	}
	// A note longer than a page needs pages the file does not have.
	long := strings.Repeat("证据 evidence ", 4000)
	err = s.ChangeNote(ctx, vid, 2, "", long)
	if code := sqliteCode(err); code != sqlite3.SQLITE_FULL {
		t.Fatalf("saving past the cap: %v (code %d), want SQLITE_FULL", err, code)
	}
	if !errors.Is(Cause(err), ErrDiskFull) {
		t.Errorf("%v is not told as a full disk", err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if n := sess.Vendors[0].Notes[2]; n != "" {
		t.Errorf("a failed save left a note of %d bytes", len(n))
	}
	// Lifting the cap makes room: the same save lands.
	if limit, err = s.LimitPages(ctx, 0); err != nil || limit <= pages {
		t.Fatalf("lifting the cap: %d, %v", limit, err)
	}
	if err := s.ChangeNote(ctx, vid, 2, "", long); err != nil {
		t.Fatalf("save after making room: %v", err)
	}
	sess, err = s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if sess.Vendors[0].Notes[2] != long {
		t.Error("the note saved after making room did not come back")
	}
}

func TestLimitPagesAllowsGrowthUpToTheCap(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "room for one"})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "A", "")
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	limit, err := s.LimitPages(ctx, pages+40)
	if err != nil || limit != pages+40 {
		t.Fatalf("cap %d, %v; want %d", limit, err, pages+40)
	}
	// About 18 pages of text fit under a cap 40 pages above the current size, kept
	// twice: in the note and in the vendor's history. Twenty times that does not.
	if err := s.ChangeNote(ctx, vid, 2, "", strings.Repeat("x", 18*4000)); err != nil {
		t.Fatalf("a note within the cap: %v", err)
	}
	if err := s.ChangeNote(ctx, vid, 3, "", strings.Repeat("y", 360*4000)); sqliteCode(err) != sqlite3.SQLITE_FULL {
		t.Fatalf("a note past the cap: %v, want SQLITE_FULL", err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if pages > limit {
		t.Errorf("the database has %d pages, past its cap %d", pages, limit)
	}
}
