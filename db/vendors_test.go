package db

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vendorvet/clean"
	"vendorvet/rubric"
)

func newVendor(t *testing.T, s *Store) (sessionID, vendorID int64) {
	t.Helper()
	ctx := context.Background()
	sessionID, err := s.CreateSession(ctx, SessionMeta{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	vendorID, err = s.AddVendor(ctx, sessionID, "v", "")
	if err != nil {
		t.Fatal(err)
	}
	return sessionID, vendorID
}

func TestVendorsAddUpdateRemove(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, _ := s.CreateSession(ctx, SessionMeta{Title: "t"})
	a, _ := s.AddVendor(ctx, id, "甲\x1b[2J", "张经理\n138")
	b, _ := s.AddVendor(ctx, id, "乙", "")
	c, _ := s.AddVendor(ctx, id, "丙", "")
	if err := s.UpdateVendor(ctx, b, "乙 renamed\u2066", "李\r"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveVendor(ctx, a); err != nil {
		t.Fatal(err)
	}
	d, _ := s.AddVendor(ctx, id, "丁", "")
	sess, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var ids []int64
	for i, v := range sess.Vendors {
		names, ids = append(names, v.Name), append(ids, v.ID)
		if sess.Vendors[i].Name != v.Name || !reflect.DeepEqual(sess.Vendors[i].Answers, v.Answers) {
			t.Errorf("Vendors[%d] and Vendors[%d] differ", i, i)
		}
	}
	if !reflect.DeepEqual(names, []string{"乙 renamed", "丙", "丁"}) || !reflect.DeepEqual(ids, []int64{b, c, d}) {
		t.Errorf("vendors %q %v", names, ids)
	}
	if sess.Vendors[0].Contact != clean.Line("李\r") {
		t.Errorf("contact %q", sess.Vendors[0].Contact)
	}
	if _, err := s.AddVendor(ctx, id+1, "x", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("vendor of a missing session: %v", err)
	}
	for _, err := range []error{s.UpdateVendor(ctx, a, "x", ""), s.RemoveVendor(ctx, a), s.ChangeNote(ctx, a, 2, "", "x")} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("removed vendor: %v", err)
		}
	}
	if _, err := s.SaveAnswer(ctx, a, "nda", &rubric.Value{Tri: rubric.Yes}, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("answer of a removed vendor: %v", err)
	}
}

func TestSaveAnswerVersions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)

	v1, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 8}, 0)
	if err != nil || v1 == 0 {
		t.Fatal(v1, err)
	}
	v2, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 9.5}, v1)
	if err != nil || v2 <= v1 {
		t.Fatal(v2, err)
	}
	got, version, err := s.Answer(ctx, vid, "seat_multiple")
	if err != nil || got == nil || got.Num != 9.5 || version != v2 {
		t.Fatalf("reloaded %+v %d %v", got, version, err)
	}
	if n := count(t, s, "SELECT count(*) FROM answers WHERE vendor_id = ?", vid); n != 1 {
		t.Errorf("%d rows for one answer", n)
	}
	set, err := s.SaveAnswer(ctx, vid, "channels", &rubric.Value{Set: []string{"web", "phone"}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	sess, _ := s.Session(ctx, sid)
	rec := sess.Vendors[0]
	if !reflect.DeepEqual(rec.Versions, map[string]int64{"seat_multiple": v2, "channels": set}) {
		t.Errorf("versions %v", rec.Versions)
	}
	if !reflect.DeepEqual(rec.Answers["channels"].Set, []string{"web", "phone"}) {
		t.Errorf("set %v", rec.Answers["channels"])
	}

	// Unknown removes the row; a later answer gets a version never handed out before.
	v3, err := s.SaveAnswer(ctx, vid, "seat_multiple", nil, v2)
	if err != nil || v3 != 0 {
		t.Fatal(v3, err)
	}
	if got, version, _ := s.Answer(ctx, vid, "seat_multiple"); got != nil || version != 0 {
		t.Errorf("after unknown: %+v %d", got, version)
	}
	v4, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 3}, 0)
	if err != nil || v4 <= set {
		t.Fatal(v4, err)
	}
	if _, err := s.SaveAnswer(ctx, vid, "seat_multiple", &rubric.Value{Num: 4}, v1); !errors.Is(err, ErrConflict) {
		t.Errorf("stale version %d reused: %v", v1, err)
	}
	// An unknown tri-state is the same as nil.
	if _, err := s.SaveAnswer(ctx, vid, "nda", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	_, ndaVersion, _ := s.Answer(ctx, vid, "nda")
	if v, err := s.SaveAnswer(ctx, vid, "nda", &rubric.Value{Tri: rubric.Unknown}, ndaVersion); err != nil || v != 0 {
		t.Errorf("unknown tri: %d %v", v, err)
	}
	assertCachedScores(t, s, sid)

	for _, bad := range []struct {
		q string
		v rubric.Value
	}{
		{"seat_multiple", rubric.Value{Num: 101}},
		{"prep_days", rubric.Value{Num: 1.5}},
		{"hours", rubric.Value{Str: "24x7"}},
		{"channels", rubric.Value{Set: []string{"web", "web"}}},
	} {
		_, err := s.SaveAnswer(ctx, vid, bad.q, &bad.v, 0)
		var fe *rubric.FieldError
		if !errors.As(err, &fe) || fe.Field != bad.q {
			t.Errorf("%s %+v: %v", bad.q, bad.v, err)
		}
	}
	if _, err := s.SaveAnswer(ctx, vid, "no_such_question", &rubric.Value{}, 0); err == nil {
		t.Error("unknown question saved")
	}
	if _, _, err := s.Answer(ctx, vid, "no_such_question"); err == nil {
		t.Error("unknown question loaded")
	}
}

func TestSaveAnswerConflictBetweenTwoStores(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	sid, vid := newVendor(t, first)
	base, err := first.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 40}, 0)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	// Both windows show version base; the first saves 80, the second then saves 60.
	won, err := first.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 80}, base)
	if err != nil {
		t.Fatal(err)
	}
	_, err = second.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 60}, base)
	var conflict *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &conflict) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if conflict.Current == nil || conflict.Current.Num != 80 || conflict.Version != won || conflict.Question != "training_hours" {
		t.Errorf("conflict %+v", conflict)
	}
	for _, s := range []*Store{first, second} {
		if v, version, _ := s.Answer(ctx, vid, "training_hours"); v == nil || v.Num != 80 || version != won {
			t.Errorf("stored %+v %d, want 80 at %d", v, version, won)
		}
	}
	assertCachedScores(t, first, sid)

	// Having seen the current value, the second window may overwrite it.
	if _, err := second.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 60}, conflict.Version); err != nil {
		t.Fatal(err)
	}
	// A stale window that wants what is already stored is not told of a conflict.
	if v, err := first.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 60}, won); err != nil || v == won {
		t.Errorf("same value: %d %v", v, err)
	}
	// Clearing an answer someone else changed is a conflict too.
	_, err = first.SaveAnswer(ctx, vid, "training_hours", nil, won)
	if !errors.As(err, &conflict) || conflict.Current == nil || conflict.Current.Num != 60 {
		t.Errorf("clear over a change: %v", err)
	}
	// An answer deleted elsewhere: Current is nil.
	_, latest, _ := second.Answer(ctx, vid, "training_hours")
	if _, err := second.SaveAnswer(ctx, vid, "training_hours", nil, latest); err != nil {
		t.Fatal(err)
	}
	_, err = first.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: 10}, latest)
	if !errors.As(err, &conflict) || conflict.Current != nil || conflict.Version != 0 {
		t.Errorf("answer deleted elsewhere: %v %+v", err, conflict)
	}
}

// Notes are stored cleaned, one per step 2..7; emptying a note removes it.
func TestChangeNoteCleansAndChecksTheStep(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	hostile := "证据：营业执照 ✅👩‍💻\tשלום\r\n第二行\x1b]8;;http://x\x07link\x1b]8;;\x07\u202e\u009b31m\x9b" + strings.Repeat("长", 40000)
	if len(hostile) < 100_000 {
		t.Fatalf("note of %d bytes", len(hostile))
	}
	for step := 2; step <= 7; step++ {
		if err := s.ChangeNote(ctx, vid, step, "", hostile); err != nil {
			t.Fatal(err)
		}
	}
	// The base the caller saw is compared after cleaning, as the note is stored.
	if err := s.ChangeNote(ctx, vid, 5, hostile, ""); err != nil {
		t.Fatal(err)
	}
	sess, _ := s.Session(ctx, sid)
	notes := sess.Vendors[0].Notes
	if len(notes) != 5 {
		t.Errorf("%d notes", len(notes))
	}
	if _, ok := notes[5]; ok {
		t.Error("emptied note kept")
	}
	if notes[2] != clean.Text(hostile) || strings.ContainsAny(notes[2], "\x1b\x07\r\u202e\u009b") {
		t.Error("note not cleaned, or changed beyond cleaning")
	}
	if !strings.Contains(notes[2], "\t") || !strings.Contains(notes[2], "👩‍💻") {
		t.Error("tab or emoji lost")
	}
	for _, step := range []int{0, 1, 8} {
		if err := s.ChangeNote(ctx, vid, step, "", "x"); err == nil {
			t.Errorf("note for step %d saved", step)
		}
	}
}

func TestStoredAnswersThisVersionDoesNotKnow(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if _, err := s.SaveAnswer(ctx, vid, "iso9001", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	// As a later version might have written them.
	lead := count(t, s, "SELECT id FROM evaluators WHERE session_id = ? AND role = 'lead'", sid)
	mustExec(t, s.db, "INSERT INTO answers VALUES (?, ?, 'future_question', '\"yes\"', 40, 0)", vid, lead)
	mustExec(t, s.db, "INSERT INTO answers VALUES (?, ?, 'mock_rating', '9', 41, 0)", vid, lead)
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	rec := sess.Vendors[0]
	if len(rec.Answers) != 1 || rec.Answers["iso9001"].Tri != rubric.Yes {
		t.Errorf("answers %+v", rec.Answers)
	}
	if _, ok := rec.Versions["future_question"]; ok {
		t.Error("version of an unknown question")
	}
	if _, err := s.SaveAnswer(ctx, vid, "mock_rating", &rubric.Value{Num: 4}, rec.Versions["mock_rating"]); err != nil {
		t.Errorf("overwriting a refused value: %v", err)
	}
	if _, err := s.SaveAnswer(ctx, vid, "iso9001", &rubric.Value{Tri: rubric.No}, rec.Versions["iso9001"]); err != nil {
		t.Errorf("re-scoring beside an unknown question: %v", err)
	}
	assertCachedScores(t, s, sid)
}

func TestEveryWriteBumpsTheSession(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	last := func() int64 {
		sess, err := s.Session(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		return sess.UpdatedAt.UnixMilli()
	}
	prev := last()
	custom, _ := rubric.CustomProfile(25, 25, 25, 25)
	writes := map[string]func() error{
		"meta": func() error { return s.UpdateSessionMeta(ctx, sid, SessionMeta{Title: "u"}) },
		"requirements": func() error {
			req := rubric.DefaultRequirements()
			req.Notes = "r"
			return s.ChangeRequirements(ctx, sid, rubric.DefaultRequirements(), req)
		},
		"profile":       func() error { return s.SaveProfile(ctx, sid, custom) },
		"add vendor":    func() error { _, err := s.AddVendor(ctx, sid, "w", ""); return err },
		"update vendor": func() error { return s.UpdateVendor(ctx, vid, "v2", "") },
		"answer": func() error {
			_, err := s.SaveAnswer(ctx, vid, "trial", &rubric.Value{Tri: rubric.Yes}, 0)
			return err
		},
		"note": func() error { return s.ChangeNote(ctx, vid, 7, "", "n") },
		"remove vendor": func() error {
			sess, _ := s.Session(ctx, sid)
			return s.RemoveVendor(ctx, sess.Vendors[len(sess.Vendors)-1].ID)
		},
	}
	for name, write := range writes {
		if err := write(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if now := last(); now <= prev {
			t.Errorf("%s: updated_at %d, was %d", name, now, prev)
		} else {
			prev = now
		}
	}
}
