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

// A database path that is a symbolic link to a file not there yet: the file is
// created where the link points, as private as any other, and the link stays.
func TestDanglingLinkCreatesPrivateTarget(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	base := t.TempDir()
	link := filepath.Join(base, "vendorvet.db")
	target := filepath.Join(base, "elsewhere", "real.db")
	if err := os.Mkdir(filepath.Dir(target), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("elsewhere", "real.db"), link); err != nil {
		t.Fatal(err)
	}
	s, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateSession(context.Background(), SessionMeta{Title: "t"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{target, target + "-wal", target + "-shm"} {
		st, err := os.Lstat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if st.Mode() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", p, st.Mode())
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	s.Close()
	s, err = Open(link)
	if err != nil {
		t.Fatalf("reopening through the link: %v", err)
	}
	defer s.Close()
	if n, err := s.CountSessions(context.Background(), ""); err != nil || n != 1 {
		t.Errorf("through the link: %d sessions, %v", n, err)
	}
}
