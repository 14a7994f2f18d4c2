//go:build unix

package db

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestPermissionsUnderOpenUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	base := t.TempDir()
	path := filepath.Join(base, "data", "vendorvet", "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, err := s.CreateSession(context.Background(), SessionMeta{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVendor(context.Background(), id, "v", ""); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{
		filepath.Join(base, "data"):              os.ModeDir | 0o700,
		filepath.Join(base, "data", "vendorvet"): os.ModeDir | 0o700,
		path:                                     0o600,
		path + "-wal":                            0o600,
		path + "-shm":                            0o600,
	}
	for p, mode := range want {
		st, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if st.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", p, st.Mode(), mode)
		}
	}

	backup := filepath.Join(base, "backup.db")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(backup); err != nil || st.Mode() != 0o600 {
		t.Errorf("backup: %v %v", st.Mode(), err)
	}
}
