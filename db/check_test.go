package db

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vendorvet/rubric"
)

// damagePage3 scribbles over the middle of page 3, a b-tree page, and keeps the
// header intact: only a check of every page finds it.
func damagePage3(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2*4096 + 8; i < 3*4096-8; i++ {
		b[i] = 0xA5
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOpenCheckingFindsDamageAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.db")
	vendorvetFile(t, path)
	damagePage3(t, path)
	before := snapshot(t, dir)

	s, err := OpenChecking(path)
	if err != nil {
		t.Fatalf("OpenChecking refused a file whose first page is sound: %v", err)
	}
	ctx := context.Background()
	checked := s.Checked(ctx)
	t.Log(checked)
	var fe *FileError
	if !errors.Is(checked, ErrCorrupt) || !errors.As(checked, &fe) || fe.Path != path {
		t.Fatalf("Checked = %v, want a FileError for %s with ErrCorrupt", checked, path)
	}
	// Every kind of write is refused with the same finding.
	if _, err := s.CreateSession(ctx, SessionMeta{Title: "new", Lang: rubric.EN}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("CreateSession = %v, want ErrCorrupt", err)
	}
	if _, err := s.ImportSession(ctx, rubric.Session{Title: "imported", Lang: rubric.EN}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("ImportSession = %v, want ErrCorrupt", err)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "copy.db")); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Backup = %v, want ErrCorrupt", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

func TestOpenCheckingSoundFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.db")
	vendorvetFile(t, path)
	s, err := OpenChecking(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Reading does not wait for the check.
	n, err := s.CountSessions(ctx, "")
	if err != nil || n != 40 {
		t.Fatalf("CountSessions = %d, %v; want 40", n, err)
	}
	// A write made at once waits for the check, then goes through.
	id, err := s.CreateSession(ctx, SessionMeta{Title: "after", Lang: rubric.ZH})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Checked(ctx); err != nil {
		t.Fatalf("Checked = %v on a sound file", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, path)
	if _, err := s.Session(ctx, id); err != nil {
		t.Errorf("the session written after the check is gone: %v", err)
	}
}

// A damaged file at an older schema is upgraded on opening, which writes: it must
// be checked first, as Open does.
func TestOpenCheckingChecksBeforeUpgrading(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.db")
	vendorvetFile(t, path)
	raw := rawDB(t, path)
	mustExec(t, raw, "PRAGMA user_version = 1")
	raw.Close()
	damagePage3(t, path)
	before := snapshot(t, dir)
	if s, err := OpenChecking(path); !errors.Is(err, ErrCorrupt) {
		if s != nil {
			s.Close()
		}
		t.Fatalf("OpenChecking = %v, want ErrCorrupt before the upgrade", err)
	}
	sameSnapshot(t, before, snapshot(t, dir))
}

// Closing while the check runs stops it and leaves the folder as it was: no
// write-ahead log or shared-memory file kept open by the check's connection.
func TestCloseStopsTheCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s, rand.New(rand.NewPCG(5, 6)), 400, 5, 0.8)
	s.Close()
	before := snapshot(t, dir)
	for range 5 {
		s, err := OpenChecking(path)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- s.Close() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("Close did not stop the check")
		}
		if err := s.Checked(context.Background()); err != nil && !errors.Is(err, errClosed) {
			t.Fatalf("Checked after Close = %v", err)
		}
		sameSnapshot(t, before, snapshot(t, dir))
	}
}

func reopen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
