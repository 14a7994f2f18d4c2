package db

import (
	"encoding/binary"
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
			// A page the log holds a newer copy of would hide the damage.
			page := pageOutsideLog(t, p+"-wal", len(b)/4096)
			clear(b[(page-1)*4096 : page*4096])
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

// pageOutsideLog is the first page after the header page of a database of pages
// pages (4 KiB each) that the write-ahead log at wal holds no copy of.
func pageOutsideLog(t *testing.T, wal string, pages int) int {
	t.Helper()
	b, err := os.ReadFile(wal)
	if err != nil {
		t.Fatal(err)
	}
	const header, frameHeader = 32, 24
	size := int(binary.BigEndian.Uint32(b[8:12]))
	inLog := map[int]bool{}
	for off := header; off+frameHeader+size <= len(b); off += frameHeader + size {
		inLog[int(binary.BigEndian.Uint32(b[off:off+4]))] = true
	}
	for p := 2; p <= pages; p++ {
		if !inLog[p] {
			return p
		}
	}
	t.Fatalf("the log holds every one of the %d pages", pages)
	return 0
}
