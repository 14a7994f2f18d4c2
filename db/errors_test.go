package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vendorvet/rubric"
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

func TestUserMessageOfSQLiteErrors(t *testing.T) {
	errs := realErrors(t)
	want := map[string]string{"read-only": "read-only", "busy": "another vendorvet"}
	for name, err := range errs {
		if err == nil {
			t.Fatalf("%s: no error provoked", name)
		}
		wrapped := fmt.Errorf("save answer: %w", err)
		en, zh := UserMessage(wrapped, rubric.EN), UserMessage(wrapped, rubric.ZH)
		if !strings.HasPrefix(en, "Not saved: ") || !strings.Contains(en, want[name]) {
			t.Errorf("%s: %q (from %v)", name, en, err)
		}
		if !strings.HasPrefix(zh, "未保存") {
			t.Errorf("%s: %q", name, zh)
		}
	}
}

func TestUserMessageOfOwnErrors(t *testing.T) {
	seat, _ := rubric.QuestionByID("seat_multiple")
	tests := []struct {
		err    error
		en, zh string
	}{
		{nil, "", ""},
		{&FileError{Path: "/x/v.db", Kind: ErrNotVendorvet}, "/x/v.db is not a vendorvet database", "不是 vendorvet 数据库"},
		{&FileError{Path: "/x/v.db", Kind: ErrNewerSchema, Schema: 4}, "schema 4", "版本 4"},
		{&FileError{Path: "/x/v.db", Kind: ErrCorrupt}, "damaged", "已损坏"},
		{&FileError{Path: "/x/b.db", Kind: ErrExists}, "already exists", "已存在"},
		{fmt.Errorf("save answer: %w", &ConflictError{Question: "iso27001"}), "ISO 27001 certified", "ISO 27001 信息安全管理体系认证"},
		{fmt.Errorf("save answer: %w", seat.Check(rubric.Value{Num: 500})), "Not saved: Seat-expansion multiple: must be between 0 and 100.", "坐席扩容倍数"},
		{&requirementsError{rubric.FieldError{Field: "channels", Message: rubric.Text{ZH: "未知的取值", EN: "unknown value"}}}, "Not saved: unknown value.", "未知的取值"},
		{fmt.Errorf("vendor 3: %w", ErrNotFound), "no longer exists", "已不存在"},
		{context.Canceled, "cancelled", "取消"},
		{errors.New("something odd"), "Database error: something odd", "数据库出错"},
	}
	for _, tt := range tests {
		en, zh := UserMessage(tt.err, rubric.EN), UserMessage(tt.err, rubric.ZH)
		if !strings.Contains(en, tt.en) || !strings.Contains(zh, tt.zh) || (tt.err == nil) != (en == "") {
			t.Errorf("%v:\n en %q\n zh %q", tt.err, en, zh)
		}
		if strings.Contains(en, "\n") || strings.Contains(zh, "\n") {
			t.Errorf("%v: message spans lines", tt.err)
		}
	}
	if !errors.Is(&ConflictError{}, ErrConflict) {
		t.Error("ConflictError is not ErrConflict")
	}
}
