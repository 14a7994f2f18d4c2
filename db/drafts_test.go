package db

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"vendorvet/rubric"
)

func TestDraftsKeepHalfTypedNumbers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sid, _ := s.CreateSession(ctx, SessionMeta{Title: "t"})
	vid, _ := s.AddVendor(ctx, sid, "v", "")
	if _, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 8}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, vid, "seat_multiple", "8a"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sess, _ := s.Session(ctx, sid)
	v := sess.Vendors[0]
	if v.Drafts["seat_multiple"] != "8a" {
		t.Errorf("draft after reopening = %q, want 8a", v.Drafts["seat_multiple"])
	}
	if n, _ := v.Answers.Num("seat_multiple"); n != 8 {
		t.Errorf("the last valid answer is %v, want 8", n)
	}
	// Text that does not read makes the answer unknown and keeps the draft, in
	// whichever order the two writes land.
	version, err := s.SaveAnswer(ctx, vid, "seat_multiple", nil, v.Versions["seat_multiple"])
	if err != nil {
		t.Fatal(err)
	}
	sess, _ = s.Session(ctx, sid)
	if d := sess.Vendors[0].Drafts["seat_multiple"]; d != "8a" {
		t.Errorf("draft after the answer was made unknown = %q, want 8a", d)
	}
	// A valid answer replaces the draft.
	if _, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 12}, version); err != nil {
		t.Fatal(err)
	}
	sess, _ = s.Session(ctx, sid)
	if d, ok := sess.Vendors[0].Drafts["seat_multiple"]; ok {
		t.Errorf("draft %q survived a valid answer", d)
	}
	// An empty draft forgets it; unknown questions are refused.
	if err := s.SaveDraft(ctx, vid, "prep_days", "3x"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, vid, "prep_days", ""); err != nil {
		t.Fatal(err)
	}
	sess, _ = s.Session(ctx, sid)
	if len(sess.Vendors[0].Drafts) != 0 {
		t.Errorf("drafts left: %v", sess.Vendors[0].Drafts)
	}
	if err := s.SaveDraft(ctx, vid, "no_such_question", "1"); err == nil {
		t.Error("a draft for an unknown question was accepted")
	}
	// Removing the vendor takes its drafts along.
	if err := s.SaveDraft(ctx, vid, "prep_days", "3x"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM drafts").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d drafts left after the vendor was removed (%v)", n, err)
	}
}

func TestMigrateFromSchemaOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	raw := rawDB(t, path)
	mustExec(t, raw, "PRAGMA journal_mode = WAL")
	mustExec(t, raw, migrations[0])
	mustExec(t, raw, "PRAGMA application_id = "+itoa(applicationID))
	mustExec(t, raw, "PRAGMA user_version = 1")
	mustExec(t, raw, `INSERT INTO sessions (title, client, evaluator, lang, industry, profile, requirements, created_at, updated_at)
		VALUES ('old', '', '', 'en', '', '"default"', '{"channels":["web"],"peak_multiplier":1,"service_hours":"7x12","staffing_mode":"process","target_response_s":30,"target_fcr_pct":85,"target_answer_pct":99.5,"target_csat_pct":90}', 1, 1)`)
	raw.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	if version != SchemaVersion {
		t.Errorf("user_version %d after opening, want %d", version, SchemaVersion)
	}
	rows, err := s.ListSessions(context.Background(), "", 0, 10)
	if err != nil || len(rows) != 1 || rows[0].Title != "old" {
		t.Fatalf("sessions after migration: %v %v", rows, err)
	}
	vid, err := s.AddVendor(context.Background(), rows[0].ID, "v", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(context.Background(), vid, "prep_days", "3x"); err != nil {
		t.Errorf("drafts table missing after migration: %v", err)
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

func TestVendorNamesAreUniqueInASession(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "u.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, _ := s.CreateSession(ctx, SessionMeta{Title: "a"})
	b, _ := s.CreateSession(ctx, SessionMeta{Title: "b"})
	v1, err := s.AddVendor(ctx, a, "Acme", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVendor(ctx, a, "Acme", "x"); !errors.Is(err, ErrDuplicateVendor) {
		t.Errorf("a second Acme in one session: %v", err)
	}
	if _, err := s.AddVendor(ctx, b, "Acme", ""); err != nil {
		t.Errorf("Acme in another session: %v", err)
	}
	v2, _ := s.AddVendor(ctx, a, "Beta", "")
	if err := s.UpdateVendor(ctx, v2, "Acme", ""); !errors.Is(err, ErrDuplicateVendor) {
		t.Errorf("renaming Beta to Acme: %v", err)
	}
	if err := s.UpdateVendor(ctx, v1, "Acme", "new contact"); err != nil {
		t.Errorf("keeping its own name: %v", err)
	}
	sess, _ := s.Session(ctx, a)
	if sess.Vendors[1].Name != "Beta" {
		t.Errorf("the refused rename changed the name to %q", sess.Vendors[1].Name)
	}
}
