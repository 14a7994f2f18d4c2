package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vendorvet/rubric"
)

func TestDefaultPath(t *testing.T) {
	noDir := func() (string, error) { return "", errors.New("no home") }
	tests := []struct {
		name, goos, xdg string
		home, config    func() (string, error)
		want            string
		wantErr         bool
	}{
		{"linux xdg", "linux", "/data", nil, nil, "/data/vendorvet/vendorvet.db", false},
		{"linux home", "linux", "", func() (string, error) { return "/home/ann", nil }, nil, "/home/ann/.local/share/vendorvet/vendorvet.db", false},
		{"linux relative xdg ignored", "linux", "data", func() (string, error) { return "/home/ann", nil }, nil, "/home/ann/.local/share/vendorvet/vendorvet.db", false},
		{"freebsd home", "freebsd", "", func() (string, error) { return "/usr/home/ann", nil }, nil, "/usr/home/ann/.local/share/vendorvet/vendorvet.db", false},
		{"macos", "darwin", "", nil, func() (string, error) { return "/Users/ann/Library/Application Support", nil }, "/Users/ann/Library/Application Support/vendorvet/vendorvet.db", false},
		{"windows", "windows", "", nil, func() (string, error) { return `C:\Users\ann\AppData\Roaming`, nil }, `C:\Users\ann\AppData\Roaming\vendorvet\vendorvet.db`, false},
		{"no home", "linux", "", noDir, nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				if k == "XDG_DATA_HOME" {
					return tt.xdg
				}
				return ""
			}
			got, err := defaultPath(tt.goos, getenv, tt.home, tt.config)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpenNewDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	var app, version int
	s.db.QueryRow("PRAGMA application_id").Scan(&app)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	if app != applicationID || version != SchemaVersion {
		t.Errorf("application_id %#x user_version %d", app, version)
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "2", "busy_timeout": "5000"} {
		var got string
		s.db.QueryRow("PRAGMA " + pragma).Scan(&got)
		if got != want {
			t.Errorf("%s = %s, want %s", pragma, got, want)
		}
	}
	if n := count(t, s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"); n != 20 {
		t.Errorf("%d tables", n)
	}
}

func TestOpenPathWithSpacesCJKAndURISyntax(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my files 客服", "a?b#c%20d")
	path := filepath.Join(dir, "选型 2026.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateSession(context.Background(), SessionMeta{Title: "选型"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The file is where asked, not at a path SQLite read differently.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "选型 2026.db" {
		t.Fatalf("folder holds %v", entries)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Session(context.Background(), id)
	if err != nil || got.Title != "选型" {
		t.Fatalf("reopened: %v %+v", err, got)
	}
}

func TestOpenEmptyFileAndBlankSQLite(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	blank := filepath.Join(dir, "blank.db")
	db := rawDB(t, blank)
	mustExec(t, db, "PRAGMA journal_mode = WAL")
	db.Close()
	if st, err := os.Stat(blank); err != nil || st.Size() == 0 {
		t.Fatalf("blank SQLite file not written: %v", err)
	}
	for _, path := range []string{empty, blank} {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, err := s.CreateSession(context.Background(), SessionMeta{Title: "x"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var ids []int64
	for i := range 5 {
		id, err := s.ImportSession(ctx, genSession(r, i, 4, 0.8))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	vendor, err := s.AddVendor(ctx, ids[0], "新服务商", "李")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswer(ctx, vendor, "iso27001", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeNote(ctx, vendor, 3, "", "团队\n面谈"); err != nil {
		t.Fatal(err)
	}
	var before []*Session
	for _, id := range ids {
		sess, err := s.Session(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		before = append(before, sess)
	}
	list, _ := s.ListSessions(ctx, "", 0, 10)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-wal left after Close: %v", err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, id := range ids {
		sess, err := s.Session(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		assertSameSession(t, before[i], sess)
	}
	again, _ := s.ListSessions(ctx, "", 0, 10)
	if len(again) != len(list) {
		t.Fatalf("list: %d then %d", len(list), len(again))
	}
	for i := range list {
		if list[i] != again[i] {
			t.Errorf("list row %d: %+v then %+v", i, list[i], again[i])
		}
	}
}

// refusal is a file Open must refuse without touching it.
type refusal struct {
	name string
	make func(t *testing.T, path string)
	want error
}

func vendorvetFile(t *testing.T, path string) {
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, s, rand.New(rand.NewPCG(3, 4)), 40, 3, 0.5)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesForeignAndDamagedFiles(t *testing.T) {
	random := make([]byte, 8192)
	rand.NewChaCha8([32]byte{5, 6}).Read(random)
	tests := []refusal{
		{"random bytes", func(t *testing.T, p string) { os.WriteFile(p, random, 0o600) }, ErrNotVendorvet},
		{"text file", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("# shopping list\nmilk\neggs\n"), 0o644)
		}, ErrNotVendorvet},
		{"another application's SQLite", func(t *testing.T, p string) {
			db := rawDB(t, p)
			mustExec(t, db, "CREATE TABLE contacts (name TEXT); PRAGMA application_id = 1234")
			db.Close()
		}, ErrNotVendorvet},
		{"SQLite without application id, with tables", func(t *testing.T, p string) {
			db := rawDB(t, p)
			mustExec(t, db, "PRAGMA journal_mode = WAL; CREATE TABLE sessions (id INTEGER)")
			db.Close()
		}, ErrNotVendorvet},
		{"SQLite without application id, with a version", func(t *testing.T, p string) {
			db := rawDB(t, p)
			mustExec(t, db, "PRAGMA user_version = 7")
			db.Close()
		}, ErrNotVendorvet},
		{"newer schema", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			db := rawDB(t, p)
			mustExec(t, db, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1))
			db.Close()
		}, ErrNewerSchema},
		{"truncated vendorvet database", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			st, _ := os.Stat(p)
			if st.Size() < 3*4096 {
				t.Fatalf("seeded file too small to truncate: %d", st.Size())
			}
			os.Truncate(p, st.Size()/2)
		}, ErrCorrupt},
		{"vendorvet database cut inside its header", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			os.Truncate(p, 60)
		}, ErrCorrupt},
		{"zeroed file", func(t *testing.T, p string) { os.WriteFile(p, make([]byte, 16384), 0o600) }, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "file.db")
			tt.make(t, path)
			before := snapshot(t, dir)
			if _, ok := before["file.db"]; !ok || len(before) != 1 {
				t.Fatalf("setup left %d files", len(before))
			}
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			sameSnapshot(t, before, snapshot(t, dir))
			// The sentence for the user names the file (package usermsg).
			if fe := (*FileError)(nil); !errors.As(err, &fe) || fe.Path != path {
				t.Errorf("%v does not name %s", err, path)
			}
		})
	}
}

func TestOpenRefusesAFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir)
	if !errors.Is(err, ErrNotVendorvet) {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("folder now holds %v", entries)
	}
}

func TestOpenRefusesDamagedPage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "file.db")
	vendorvetFile(t, path)
	damagePage3(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	t.Log(err)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(b) {
		t.Error("damaged file was changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %v", entries)
	}
}

func TestFailedOpenLeavesNothing(t *testing.T) {
	base := t.TempDir()
	// A path the system accepts but SQLite does not (longer than its 512-byte limit),
	// so that Open fails after it created the folders and the file.
	long := base
	for range 6 {
		long = filepath.Join(long, strings.Repeat("d", 100))
	}
	_, err := Open(filepath.Join(long, "vendorvet.db"))
	t.Log(err)
	if err == nil {
		t.Fatal("opened")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
