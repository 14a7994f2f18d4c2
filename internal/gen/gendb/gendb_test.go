package gendb

import (
	"context"
	"path/filepath"
	"testing"

	"vendorvet/db"
)

func TestDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	// Seed 1 with 5 vendors each draws the same name twice in session 77, which the
	// store refuses: names are kept unique.
	if err := Database(path, 100, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := Database(path, 1, 1, 5); err == nil {
		t.Error("Database wrote over an existing file")
	}
	store, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	n, err := store.CountSessions(ctx, "")
	if err != nil || n != 100 {
		t.Fatalf("%d sessions (%v), want 100", n, err)
	}
	page, err := store.ListSessions(ctx, "", 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page {
		if s.Vendors != 5 || !s.HasLead {
			t.Errorf("session %d: %d vendors, lead %v; want 5 and a lead", s.ID, s.Vendors, s.HasLead)
		}
	}
}

func TestCopyCached(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	for _, name := range []string{"a.db", "b.db"} {
		if err := CopyCached(filepath.Join(dir, name), 4, 2, 9); err != nil {
			t.Fatal(err)
		}
	}
	if err := CopyCached(filepath.Join(dir, "a.db"), 4, 2, 9); err == nil {
		t.Error("CopyCached wrote over an existing file")
	}
	cached, err := Cached(4, 2, 9)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(cached) != CacheDir() {
		t.Errorf("cached at %s, want in %s", cached, CacheDir())
	}
	store, err := db.Open(filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, err := store.CountSessions(context.Background(), ""); err != nil || n != 4 {
		t.Fatalf("%d sessions in the copy (%v), want 4", n, err)
	}
}
