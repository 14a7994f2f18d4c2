package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
)

// realErrors provokes the SQLite failures a user can meet, on real files.
func realErrors(t *testing.T) map[string]error {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	out := map[string]error{}

	ro := rawDB(t, "file:"+path+"?mode=ro")
	_, out["read-only"] = ro.Exec("INSERT INTO sessions (title) VALUES ('x')")
	ro.Close()

	holder := rawDB(t, path)
	defer holder.Close()
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	other := rawDB(t, path+"?_pragma=busy_timeout(0)")
	_, out["busy"] = other.Exec("BEGIN IMMEDIATE")
	other.Close()
	conn.ExecContext(context.Background(), "ROLLBACK")
	return out
}

// The store names the SQLite failures a user can meet, whatever wraps them.
func TestCauseOfSQLiteErrors(t *testing.T) {
	want := map[string]error{"read-only": ErrReadOnly, "busy": ErrBusy}
	for name, err := range realErrors(t) {
		if err == nil {
			t.Fatalf("%s: no error provoked", name)
		}
		if got := Cause(fmt.Errorf("save answer: %w", err)); got != want[name] {
			t.Errorf("%s: Cause %v, want %v (from %v)", name, got, want[name], err)
		}
	}
	if got := Cause(fmt.Errorf("open: %w", syscall.ENOSPC)); got != ErrDiskFull {
		t.Errorf("ENOSPC: Cause %v", got)
	}
	for _, err := range []error{nil, errors.New("something odd"), ErrNotFound} {
		if got := Cause(err); got != nil {
			t.Errorf("Cause(%v) = %v, want nil", err, got)
		}
	}
	if !errors.Is(&ConflictError{}, ErrConflict) {
		t.Error("ConflictError is not ErrConflict")
	}
}
