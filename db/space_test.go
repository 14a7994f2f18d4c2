package db

import (
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

func TestFullDiskIsToldFromOtherFailures(t *testing.T) {
	room := func(n uint64) func() (uint64, error) { return func() (uint64, error) { return n, nil } }
	unknown := func() (uint64, error) { return 0, errors.New("unknown") }
	tests := []struct {
		name   string
		code   int
		enospc bool
		room   func() (uint64, error)
		want   bool
	}{
		{"SQLite says the disk is full", sqlite3.SQLITE_FULL, false, room(1 << 30), true},
		{"the system says so", 0, true, room(1 << 30), true},
		{"an index it cannot grow on a full disk", sqlite3.SQLITE_IOERR, false, room(0), true},
		{"an I/O error with a few bytes left", sqlite3.SQLITE_IOERR, false, room(8192), true},
		{"an I/O error with room to spare", sqlite3.SQLITE_IOERR, false, room(1 << 30), false},
		{"an I/O error where the room is unknown", sqlite3.SQLITE_IOERR, false, unknown, false},
		{"a damaged file on a full disk", sqlite3.SQLITE_CORRUPT, false, room(0), false},
		{"a lock on a full disk", sqlite3.SQLITE_BUSY, false, room(0), false},
	}
	for _, tt := range tests {
		if got := fullDiskSays(tt.code, tt.enospc, tt.room); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A real SQLITE_FULL, and ENOSPC however deeply wrapped, are a full disk.
func TestFullDiskFromRealErrors(t *testing.T) {
	s := openTemp(t)
	if _, err := s.db.Exec("PRAGMA max_page_count = 1"); err != nil {
		t.Fatal(err)
	}
	_, err := s.db.Exec("CREATE TABLE filler (x); INSERT INTO filler VALUES (randomblob(100000))")
	if err == nil {
		t.Fatal("the write fitted")
	}
	dir := filepath.Dir(s.Path())
	if !fullDisk(fmt.Errorf("open: %w", err), dir) {
		t.Errorf("%v is not taken for a full disk", err)
	}
	if !fullDisk(fmt.Errorf("open: %w", syscall.ENOSPC), dir) {
		t.Error("ENOSPC is not taken for a full disk")
	}
	if fullDisk(errors.New("something else"), dir) {
		t.Error("any error is taken for a full disk")
	}
}
