package db

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vendorvet/rubric"
)

// schema4 copies testdata/schema4.db, written by the store at schema 4 (rules
// as now) with testdata/schema4gen: the two demo sessions (answers, notes,
// evidence, an expired licence, follow-ups), a session typed answer by answer
// without an evaluator's name (versions, a draft, a place), and sessions whose
// evaluator is blank and 250 characters long.
func schema4(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/schema4.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The upgrade from schema 4 makes every session a panel of one: its evaluator the
// lead, who keeps every answer (with its version), note, piece of evidence and
// draft, while follow-ups and places stay the vendor's; every cached score stays
// as it was, and scoring again from the consensus gives the same.
func TestSchema4UpgradesToAPanelOfOne(t *testing.T) {
	path := schema4(t)
	if v := rawRows(t, path, "PRAGMA user_version"); v[0][0] != "4" {
		t.Fatalf("the fixture is at schema %s", v[0][0])
	}
	// Each table as it was, by vendor: the lead is to hold exactly these rows.
	tables := map[string]string{
		"answers":  "SELECT vendor_id, question, value, version, updated_at FROM answers ORDER BY 1, 2",
		"notes":    "SELECT vendor_id, step, text, updated_at FROM notes ORDER BY 1, 2",
		"evidence": "SELECT vendor_id, question, source, seen, link, valid_until, updated_at FROM evidence ORDER BY 1, 2",
		"drafts":   "SELECT vendor_id, question, text, updated_at FROM drafts ORDER BY 1, 2",
	}
	before := map[string][][]string{}
	for table, query := range tables {
		before[table] = rawRows(t, path, query)
		if len(before[table]) == 0 {
			t.Fatalf("the fixture has no %s", table)
		}
	}
	shared := map[string]string{
		"followups": "SELECT * FROM followups ORDER BY 1, 2",
		"places":    "SELECT * FROM places ORDER BY 1",
		"vendors":   "SELECT id, session_id, total, band, answered, applicable, answer_seq FROM vendors ORDER BY id",
	}
	sharedBefore := map[string][][]string{}
	for table, query := range shared {
		sharedBefore[table] = rawRows(t, path, query)
	}
	evaluators := rawRows(t, path, "SELECT id, evaluator FROM sessions ORDER BY id")

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path + upgradeCopySuffix); !os.IsNotExist(err) {
		t.Errorf("the copy kept during the upgrade is still there: %v", err)
	}
	if v := rawRows(t, path, "PRAGMA user_version"); v[0][0] != itoa(SchemaVersion) {
		t.Errorf("schema %s after the upgrade", v[0][0])
	}

	// Every session has a uid of its own.
	uids := rawRows(t, path, "SELECT DISTINCT uid FROM sessions WHERE length(uid) = 32")
	if len(uids) != len(evaluators) {
		t.Errorf("%d distinct uids for %d sessions", len(uids), len(evaluators))
	}

	// One lead per session, named after its evaluator.
	leads := map[string]string{}
	for _, r := range rawRows(t, path, "SELECT session_id, id, name, role FROM evaluators ORDER BY session_id") {
		if r[3] != "lead" || leads[r[0]] != "" {
			t.Errorf("session %s: member %v", r[0], r)
		}
		leads[r[0]] = r[1]
	}
	for _, r := range evaluators {
		want := strings.Trim(r[1], " ")
		switch {
		case want == "":
			want = UnnamedLead
		case len([]rune(want)) > EvaluatorNameLimit:
			want = string([]rune(want)[:EvaluatorNameLimit])
		}
		got := rawRows(t, path, "SELECT name FROM evaluators WHERE session_id = "+r[0])
		if len(got) != 1 || got[0][0] != want || leadName(r[1]) != want {
			t.Errorf("session %s, evaluator %q: lead %v, want %q (leadName %q)", r[0], r[1], got, want, leadName(r[1]))
		}
	}
	if len(leads) != len(evaluators) {
		t.Errorf("%d leads for %d sessions", len(leads), len(evaluators))
	}

	// Every row is the lead's, and nothing else changed.
	for table, query := range tables {
		got := rawRows(t, path, query)
		if !reflect.DeepEqual(got, before[table]) {
			t.Errorf("%s changed in the upgrade:\n%v\n%v", table, before[table], got)
		}
		notLead := rawRows(t, path, `SELECT count(*) FROM `+table+` t JOIN vendors v ON v.id = t.vendor_id
			JOIN evaluators e ON e.id = t.evaluator_id WHERE e.session_id != v.session_id OR e.role != 'lead'`)
		if notLead[0][0] != "0" {
			t.Errorf("%s: %s rows not the lead's", table, notLead[0][0])
		}
	}
	for table, query := range shared {
		if got := rawRows(t, path, query); !reflect.DeepEqual(got, sharedBefore[table]) {
			t.Errorf("%s changed in the upgrade:\n%v\n%v", table, sharedBefore[table], got)
		}
	}
	if bad := rawRows(t, path, "PRAGMA foreign_key_check"); len(bad) != 0 {
		t.Errorf("rows referring to nothing after the upgrade: %v", bad)
	}
	if n := rawRows(t, path, "SELECT count(*) FROM audit"); n[0][0] != "0" {
		t.Errorf("the upgrade wrote %s rows of history", n[0][0])
	}

	// Read through the store, each session is its lead's, blind, and scores from
	// the consensus what it cached.
	ctx := context.Background()
	for _, r := range evaluators {
		id := int64(atoi(t, r[0]))
		sess := mustSession(t, s, id)
		if len(sess.Panel) != 1 || sess.Panel[0].Role != rubric.Lead || sess.Acting != sess.Panel[0].Name || !sess.Blind {
			t.Errorf("session %d: panel %+v acting %q blind %v", id, sess.Panel, sess.Acting, sess.Blind)
		}
		assertCachedScores(t, s, id)
		assertConsensusCached(t, s, id)
	}
	// Scoring every vendor again from the panel's consensus moves no total.
	err = s.write(ctx, "score again", func(tx *sql.Tx, _ int64) error {
		for _, r := range evaluators {
			if err := rescore(ctx, tx, int64(atoi(t, r[0])), 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := rawRows(t, path, shared["vendors"]); !reflect.DeepEqual(got, sharedBefore["vendors"]) {
		t.Errorf("scores moved when scored from the consensus:\n%v\n%v", sharedBefore["vendors"], got)
	}
	if moves, err := s.ScoreMoves(ctx); err != nil || len(moves) != 0 {
		t.Errorf("moves %v, %v", moves, err)
	}

	// The lead answers on from where they were: the version stored before is theirs.
	typed := mustSession(t, s, 3)
	v := typed.Vendors[0]
	if v.Name != "Alpha" || typed.Acting != UnnamedLead || v.Drafts["response_s"] != "12a" || v.Notes[2] == "" || len(v.Evidence) != 1 {
		t.Fatalf("the hand-typed session reads %q acting %q: %+v", v.Name, typed.Acting, v)
	}
	if _, err := s.SaveAnswer(ctx, v.ID, "nda", &yes, v.Versions["nda"]); err != nil {
		t.Errorf("answering on from the version read before the upgrade: %v", err)
	}
	if h := historyOf(t, s, v.ID); len(h) != 1 || h[0].Evaluator != UnnamedLead || deref(h[0].Before) != `"no"` {
		t.Errorf("history after the first change: %+v", h)
	}
	if step, field, ok, err := s.Place(ctx, v.ID); err != nil || !ok || step != 3 || field != "fcr_pct" {
		t.Errorf("place %d %q %v %v", step, field, ok, err)
	}
	if !reflect.DeepEqual(v.Followups, map[string]rubric.Followup{"fcr_pct": {Owner: "Wang", Due: "2026-02-01"}}) {
		t.Errorf("follow-ups %+v", v.Followups)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	for _, c := range s {
		if c < '0' || c > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n
}
