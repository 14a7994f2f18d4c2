package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"vendorvet/rubric"
)

// release1 copies testdata/release1.db, written by the first release (schema 3,
// rules 1): two demo sessions and two generated ones.
func release1(t *testing.T) string {
	t.Helper()
	src, err := os.Open("testdata/release1.db")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawRows reads a query's rows as strings straight from a file, bypassing the store.
func rawRows(t *testing.T, path, query string) [][]string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	return out
}

// A database of the first release opens: its answers, notes and drafts are kept as
// they were, every vendor is scored by today's rules, and whose total or band moved
// is kept to be said once.
func TestFirstReleaseDatabaseUpgrades(t *testing.T) {
	path := release1(t)
	answersBefore := rawRows(t, path, "SELECT vendor_id, question, value, version FROM answers ORDER BY vendor_id, question")
	notesBefore := rawRows(t, path, "SELECT vendor_id, step, text FROM notes ORDER BY 1, 2")
	scoresBefore := map[string][2]string{}
	for _, r := range rawRows(t, path, "SELECT id, total, band FROM vendors") {
		scoresBefore[r[0]] = [2]string{r[1], r[2]}
	}
	if len(answersBefore) == 0 || len(scoresBefore) != 25 {
		t.Fatalf("the test database holds %d answers and %d vendors", len(answersBefore), len(scoresBefore))
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path + upgradeCopySuffix); !os.IsNotExist(err) {
		t.Errorf("the copy kept during the upgrade is still there: %v", err)
	}
	// Every answer is kept, those to the questions asked differently now carried to
	// their new form with their versions.
	var carried [][]string
	for _, r := range answersBefore {
		switch r[1] {
		case "pricing_model":
			var model string
			json.Unmarshal([]byte(r[2]), &model)
			carried = append(carried, []string{r[0], "billing_models", `["` + model + `"]`, r[3]})
		case "reports":
			want := map[string]string{`"yes"`: `["daily","weekly","monthly"]`, `"no"`: `["none"]`}[r[2]]
			if want == "" {
				t.Fatalf("the test database answers reports with %s", r[2])
			}
			carried = append(carried, []string{r[0], "report_cadence", want, r[3]})
		default:
			carried = append(carried, r)
		}
	}
	sort.Slice(carried, func(i, j int) bool {
		a, _ := strconv.Atoi(carried[i][0])
		b, _ := strconv.Atoi(carried[j][0])
		return a < b || a == b && carried[i][1] < carried[j][1]
	})
	got := rawRows(t, path, "SELECT vendor_id, question, value, version FROM answers ORDER BY vendor_id, question")
	if !reflect.DeepEqual(got, carried) {
		for i := range min(len(got), len(carried)) {
			if !reflect.DeepEqual(got[i], carried[i]) {
				t.Fatalf("answer %d after the upgrade %v, want %v", i, got[i], carried[i])
			}
		}
		t.Fatalf("%d answers after the upgrade, want %d", len(got), len(carried))
	}
	if n := len(rawRows(t, path, "SELECT 1 FROM answers WHERE question IN ('pricing_model', 'reports')")); n != 0 {
		t.Errorf("%d answers left under the first release's questions", n)
	}
	if got := rawRows(t, path, "SELECT vendor_id, step, text FROM notes ORDER BY 1, 2"); !reflect.DeepEqual(got, notesBefore) {
		t.Error("notes changed in the upgrade")
	}
	if got := rawRows(t, path, "SELECT version FROM rules"); len(got) != 1 || got[0][0] != itoa(rubric.RulesVersion) {
		t.Errorf("rules version %v, want %d", got, rubric.RulesVersion)
	}

	ctx := context.Background()
	moves, err := s.ScoreMoves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	moved := map[int64]ScoreMove{}
	for _, m := range moves {
		moved[m.VendorID] = m
	}
	rows, err := s.ListSessions(ctx, "", 0, 10)
	if err != nil || len(rows) != 4 {
		t.Fatalf("sessions %d, %v", len(rows), err)
	}
	for _, row := range rows {
		sess, err := s.Session(ctx, row.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range sess.Vendors {
			card := rubric.Score(sess.Requirements, v.Answers, sess.Profile)
			stored := rawRows(t, path, "SELECT total, band FROM vendors WHERE id = "+itoa(int(v.ID)))[0]
			if stored[0] != rawFloat(card.Total) || stored[1] != string(card.Band) {
				t.Errorf("%s: cached %v, today's rules give %v %s", v.Name, stored, card.Total, card.Band)
			}
			before := scoresBefore[itoa(int(v.ID))]
			m, ok := moved[v.ID]
			changed := before[0] != stored[0] || before[1] != stored[1]
			if ok != changed {
				t.Errorf("%s: %v → %v, but told as moved: %v", v.Name, before, stored, ok)
			}
			if ok && (rawFloat(m.TotalThen) != before[0] || string(m.BandThen) != before[1] || m.TotalNow != card.Total || m.BandNow != card.Band || m.Vendor != v.Name || m.Session != sess.Title) {
				t.Errorf("%s: move %+v, want from %v to %v %s", v.Name, m, before, card.Total, card.Band)
			}
		}
	}

	// Said once: forgotten, and a second open finds nothing more to say.
	if err := s.ForgetScoreMoves(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if moves, err := s.ScoreMoves(ctx); err != nil || len(moves) != 0 {
		t.Errorf("after being said, %d moves remain (%v)", len(moves), err)
	}
}

// rawFloat is a REAL as the raw reader above reads it.
func rawFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// A store scored by older rules is scored again on open; the move is kept from the
// total it showed before, and a copy left by an upgrade that did not finish goes
// once this one has committed.
func TestOlderRulesScoreAgainOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "Rules", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "Alpha", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE vendors SET total = 12.5, band = 'qualified' WHERE id = ?; UPDATE rules SET version = 1", vid); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.WriteFile(path+upgradeCopySuffix, []byte("left by an upgrade that stopped"), 0o600); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	moves, err := s.ScoreMoves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	card := rubric.Score(sess.Requirements, sess.Vendors[0].Answers, sess.Profile)
	want := []ScoreMove{{SessionID: sid, Session: "Rules", VendorID: vid, Vendor: "Alpha",
		TotalThen: 12.5, BandThen: rubric.Qualified, TotalNow: card.Total, BandNow: card.Band}}
	if !reflect.DeepEqual(moves, want) {
		t.Errorf("moves %+v, want %+v", moves, want)
	}
	if _, err := os.Stat(path + upgradeCopySuffix); !os.IsNotExist(err) {
		t.Errorf("the copy beside the file is still there after the upgrade: %v", err)
	}
}

// The copy kept during an upgrade is the whole database, readable by its owner only.
func TestCopyBesideIsPrivateAndWhole(t *testing.T) {
	path := release1(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	name, err := copyBeside(context.Background(), s.db, path)
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(name)
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v, want 0600", st.Mode().Perm())
	}
	if got, want := rawRows(t, name, "SELECT count(*) FROM answers"), rawRows(t, path, "SELECT count(*) FROM answers"); !reflect.DeepEqual(got, want) {
		t.Errorf("copy holds %v answers, the file %v", got, want)
	}
}
