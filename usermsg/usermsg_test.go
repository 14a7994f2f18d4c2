package usermsg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vendorvet/db"
	"vendorvet/rubric"
)

func openStore(t *testing.T) (*db.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	s, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// sqliteErrors provokes on real files the SQLite failures a user can meet while the
// store is in use: a write to a read-only database, and one while another
// connection holds the write lock.
func sqliteErrors(t *testing.T) map[string]error {
	t.Helper()
	s, path := openStore(t)
	s.Close()
	raw := func(dsn string) *sql.DB {
		d, err := sql.Open("sqlite", dsn)
		if err != nil {
			t.Fatal(err)
		}
		d.SetMaxOpenConns(1)
		t.Cleanup(func() { d.Close() })
		return d
	}
	out := map[string]error{}
	_, out["read-only"] = raw("file:" + path + "?mode=ro").Exec("INSERT INTO sessions (title) VALUES ('x')")
	ctx := context.Background()
	conn, err := raw(path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	_, out["busy"] = raw(path + "?_pragma=busy_timeout(0)").Exec("BEGIN IMMEDIATE")
	conn.ExecContext(ctx, "ROLLBACK")
	return out
}

func TestSQLiteErrors(t *testing.T) {
	want := map[string]string{"read-only": "read-only", "busy": "another vendorvet"}
	for name, err := range sqliteErrors(t) {
		if err == nil {
			t.Fatalf("%s: no error provoked", name)
		}
		wrapped := fmt.Errorf("save answer: %w", err)
		en, zh := For(wrapped, rubric.EN), For(wrapped, rubric.ZH)
		if !strings.HasPrefix(en, "Not saved: ") || !strings.Contains(en, want[name]) {
			t.Errorf("%s: %q (from %v)", name, en, err)
		}
		if !strings.HasPrefix(zh, "未保存") {
			t.Errorf("%s: %q", name, zh)
		}
	}
}

// A full disk, rehearsed with the store's own page cap, is said plainly; so is an
// import that does not fit.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	sid, err := s.CreateSession(ctx, db.SessionMeta{Title: "full"})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "A", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LimitPages(ctx, 1); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("录音抽查记录。", 20000)
	err = s.ChangeNote(ctx, vid, 3, "", big)
	for lang, want := range map[rubric.Lang]string{rubric.EN: "Not saved: disk full", rubric.ZH: "未保存：磁盘已满"} {
		if msg := For(err, lang); !strings.HasPrefix(msg, want) {
			t.Errorf("%s: %q (from %v)", lang, msg, err)
		}
	}
	_, err = s.ImportSession(ctx, rubric.Session{Title: "big", Requirements: rubric.DefaultRequirements(), Vendors: []rubric.Vendor{{Name: "big", Notes: map[int]string{7: big}}}})
	if msg := For(err, rubric.EN); !strings.Contains(msg, "disk full") {
		t.Errorf("import into a full database: %q (from %v)", msg, err)
	}
}

// The store's refusals read as what to do next, naming the field or the limit.
func TestRefusalsOfTheStore(t *testing.T) {
	ctx := context.Background()
	s, _ := openStore(t)
	sid, err := s.CreateSession(ctx, db.SessionMeta{Title: "refusals"})
	if err != nil {
		t.Fatal(err)
	}
	req := rubric.DefaultRequirements()
	req.PeakMultiplier = 0
	err = s.ChangeRequirements(ctx, sid, rubric.DefaultRequirements(), req)
	if got := For(err, rubric.EN); got != "Not saved: peak multiplier must be between 1 and 100." {
		t.Errorf("bad requirements: %q (from %v)", got, err)
	}
	vid, err := s.AddVendor(ctx, sid, "A", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 500}, 0)
	if got := For(err, rubric.EN); !strings.HasPrefix(got, "Not saved: ") {
		t.Errorf("bad answer: %q (from %v)", got, err)
	}
	_, err = s.AddVendor(ctx, sid, "A", "")
	if got := For(err, rubric.EN); !strings.Contains(got, "already has a vendor of that name") {
		t.Errorf("second vendor A: %q (from %v)", got, err)
	}
	many := rubric.Session{Title: "many"}
	for i := range rubric.MaxVendors + 1 {
		many.Vendors = append(many.Vendors, rubric.Vendor{Name: fmt.Sprint("v", i)})
	}
	_, err = s.ImportSession(ctx, many)
	if !errors.Is(err, db.ErrTooManyVendors) {
		t.Fatalf("import of %d vendors: %v", len(many.Vendors), err)
	}
	for lang, want := range map[rubric.Lang]string{
		rubric.EN: "Not saved: a session holds at most 1000 vendors",
		rubric.ZH: "未保存：一个评估最多有 1000 个服务商",
	} {
		if got := For(err, lang); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want it to begin %q", lang, got, want)
		}
	}
}

// Opening a file that is refused names the file, on one line, in either language.
func TestRefusedFilesAreNamed(t *testing.T) {
	kinds := []error{db.ErrNotVendorvet, db.ErrNewerSchema, db.ErrCorrupt, db.ErrStrayLog, db.ErrReadOnly, db.ErrDiskFull, db.ErrExists}
	for _, kind := range kinds {
		err := fmt.Errorf("open: %w", &db.FileError{Path: "/data/vendorvet.db", Kind: kind, Schema: 9})
		for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
			msg := For(err, lang)
			if !strings.Contains(msg, "/data/vendorvet.db") || strings.Contains(msg, "\n") {
				t.Errorf("%v, %s: %q", kind, lang, msg)
			}
		}
	}
	say := map[error]map[rubric.Lang][]string{
		db.ErrStrayLog:    {rubric.ZH: {"/data/vendorvet.db-wal", "不属于"}, rubric.EN: {"/data/vendorvet.db-wal", "does not belong"}},
		db.ErrDiskFull:    {rubric.ZH: {"磁盘已满"}, rubric.EN: {"disk is full"}},
		db.ErrNewerSchema: {rubric.ZH: {"版本 9"}, rubric.EN: {"schema 9"}},
	}
	for kind, byLang := range say {
		err := &db.FileError{Path: "/data/vendorvet.db", Kind: kind, Schema: 9}
		for lang, words := range byLang {
			for _, w := range words {
				if msg := For(err, lang); !strings.Contains(msg, w) {
					t.Errorf("%v, %s: %q does not say %q", kind, lang, msg, w)
				}
			}
		}
	}
}

func TestOwnErrors(t *testing.T) {
	seat, _ := rubric.QuestionByID("seat_multiple")
	tests := []struct {
		err    error
		en, zh string
	}{
		{nil, "", ""},
		{&db.FileError{Path: "/x/v.db", Kind: db.ErrNotVendorvet}, "/x/v.db is not a vendorvet database", "不是 vendorvet 数据库"},
		{&db.FileError{Path: "/x/v.db", Kind: db.ErrNewerSchema, Schema: 9}, "schema 9", "版本 9"},
		{&db.FileError{Path: "/x/v.db", Kind: db.ErrCorrupt}, "damaged", "已损坏"},
		{&db.FileError{Path: "/x/b.db", Kind: db.ErrExists}, "already exists", "已存在"},
		{fmt.Errorf("save answer: %w", &db.ConflictError{Question: "iso27001"}), "ISO 27001 certified", "ISO 27001 信息安全管理体系认证"},
		{fmt.Errorf("save answer: %w", seat.Check(rubric.Value{Num: 500})), "Not saved: Seat-expansion multiple: must be between 0 and 100.", "坐席扩容倍数"},
		{&db.RequirementsError{Field: rubric.FieldError{Field: "channels", Message: rubric.Text{ZH: "未知的取值", EN: "unknown value"}}}, "Not saved: unknown value.", "未知的取值"},
		{fmt.Errorf("wrapped: %w", db.ErrDuplicateVendor), "already has a vendor of that name", "同名服务商"},
		{fmt.Errorf("save follow-up: %w", &db.FollowupError{Question: "nda", Message: rubric.Text{ZH: "请写明由谁跟进", EN: "say who follows it up"}}), "Follow-up not saved: say who follows it up.", "待确认事项未保存：请写明由谁跟进"},
		{fmt.Errorf("save evidence: %w", &db.EvidenceError{Question: "nda", Message: rubric.Text{ZH: "核查日期须为 YYYY-MM-DD", EN: "the day it was seen must be YYYY-MM-DD"}}), "Evidence not saved: the day it was seen must be YYYY-MM-DD.", "凭证未保存：核查日期须为 YYYY-MM-DD"},
		{fmt.Errorf("session 3: %w", db.ErrTooManyVendors), "at most 1000 vendors", "最多有 1000 个服务商"},
		{fmt.Errorf("vendor 3: %w", db.ErrNotFound), "no longer exists", "已不存在"},
		{fmt.Errorf("set blind mode: %w", db.ErrLeadOnly), "only a lead of this session's panel", "只有本评估的组长"},
		{fmt.Errorf("create session: %w", db.ErrMayNotStart), "may join panels but not start sessions", "不能新建评估"},
		{context.Canceled, "cancelled", "取消"},
		{errors.New("something odd"), "Database error: something odd", "数据库出错"},
	}
	for _, tt := range tests {
		en, zh := For(tt.err, rubric.EN), For(tt.err, rubric.ZH)
		if !strings.Contains(en, tt.en) || !strings.Contains(zh, tt.zh) || (tt.err == nil) != (en == "") {
			t.Errorf("%v:\n en %q\n zh %q", tt.err, en, zh)
		}
		if strings.Contains(en, "\n") || strings.Contains(zh, "\n") {
			t.Errorf("%v: message spans lines", tt.err)
		}
	}
}
