//go:build slow

package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A process killed while it creates a database, or while it opens an existing one,
// never leaves a file that vendorvet then refuses: the next Open succeeds, the file
// passes integrity_check and takes writes, and what was there before is still there.
// The kill loop in concurrency_test.go kills writers only after they have opened.
func TestKilledWhileCreatingOrOpening(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	s, err := Open(existing)
	if err != nil {
		t.Fatal(err)
	}
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "before the kills"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// How long a child takes to create a database and stop: the window to kill in.
	start := time.Now()
	probe := childCmd(t, "ack", filepath.Join(dir, "probe.db"), 0, "p")
	probe.Run() // it fails once open: session 0 does not exist
	// Capped, so that a slow start on a busy machine does not stretch the test.
	window := min(time.Since(start), 300*time.Millisecond)

	r := rand.New(rand.NewPCG(31, 32))
	// What the kills of a creation left: no file, an empty one, or more.
	left := map[string]int{}
	for round := range 40 {
		path, id := existing, sid
		if round%2 == 0 {
			// A fresh path each time: the kill lands while the file is being created.
			path, id = filepath.Join(dir, fmt.Sprintf("new-%d.db", round)), 0
		}
		cmd := childCmd(t, "ack", path, id, fmt.Sprintf("r%d", round))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(window))))
		cmd.Process.Kill()
		cmd.Wait()

		st, err := os.Stat(path)
		if path != existing {
			switch {
			case os.IsNotExist(err):
				left["nothing"]++
			case st.Size() == 0:
				left["an empty file"]++
			default:
				left["a database file"]++
			}
		}
		if os.IsNotExist(err) {
			continue // killed before it created anything
		}
		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: after a kill the database is refused: %v", round, err)
		}
		var integrity string
		if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
			t.Fatalf("round %d: integrity_check: %q %v", round, integrity, err)
		}
		if _, err := s.CreateSession(ctx, SessionMeta{Title: "after"}); err != nil {
			t.Fatalf("round %d: cannot write after a kill: %v", round, err)
		}
		if path == existing {
			if got, err := s.Session(ctx, sid); err != nil || got.Title != "before the kills" {
				t.Fatalf("round %d: the session saved before is gone: %v", round, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("killed creations left %v", left)
	if left["an empty file"]+left["a database file"] == 0 {
		t.Error("no kill landed while the database was being created")
	}
}
