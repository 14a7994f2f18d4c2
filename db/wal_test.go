package db

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// crashImage copies the vendorvet database at src and the write-ahead log it has
// while a raw connection holds changes in it, to dst and dst-wal: the files a crash
// leaves behind, or a log copied beside another database.
func crashImage(t *testing.T, src, dst, wal string) {
	t.Helper()
	raw := rawDB(t, src)
	defer raw.Close()
	mustExec(t, raw, "PRAGMA wal_autocheckpoint = 0")
	mustExec(t, raw, "UPDATE sessions SET title = title || ' (changed)'")
	for _, c := range [][2]string{{src, dst}, {src + "-wal", wal}} {
		if c[1] == "" {
			continue
		}
		b, err := os.ReadFile(c[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c[1], b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// A log SQLite would replay into a file vendorvet then refuses must not be
// replayed: the database, its log and the folder stay exactly as they were.
func TestRefusedLogLeavesFilesUntouched(t *testing.T) {
	tests := []refusal{
		{"another database's log beside it", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			other := filepath.Join(t.TempDir(), "other.db")
			s, err := Open(other)
			if err != nil {
				t.Fatal(err)
			}
			seed(t, s, rand.New(rand.NewPCG(7, 8)), 60, 4, 0.7)
			s.Close()
			crashImage(t, other, "", p+"-wal")
		}, ErrStrayLog},
		{"its own log and a zeroed page", func(t *testing.T, p string) {
			live := filepath.Join(t.TempDir(), "live.db")
			vendorvetFile(t, live)
			crashImage(t, live, p, p+"-wal")
			b, _ := os.ReadFile(p)
			clear(b[4096 : 2*4096])
			os.WriteFile(p, b, 0o600)
		}, ErrCorrupt},
		{"cut short, with a log that is not one", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			st, _ := os.Stat(p)
			os.Truncate(p, st.Size()/2)
			garbage := make([]byte, 8192)
			rand.NewChaCha8([32]byte{1}).Read(garbage)
			os.WriteFile(p+"-wal", garbage, 0o600)
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenChecking": OpenChecking} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "file.db")
				tt.make(t, path)
				before := snapshot(t, dir)
				if len(before) != 2 {
					t.Fatalf("setup left %d files", len(before))
				}
				s, err := open(path)
				if err == nil {
					err = s.Checked(t.Context())
					s.Close()
				}
				t.Log(err)
				if !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
				sameSnapshot(t, before, snapshot(t, dir))
			})
		}
	}
}
