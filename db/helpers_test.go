package db

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"vendorvet/rubric"
)

// openTemp opens a new database in a fresh temporary folder.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "vendorvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// snapshot reads every file of dir, to prove later that nothing changed.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			files[e.Name()+"/"] = nil
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func sameSnapshot(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, b := range after {
		old, ok := before[name]
		if !ok {
			t.Errorf("%s appeared", name)
		} else if !bytes.Equal(old, b) {
			t.Errorf("%s changed", name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s disappeared", name)
		}
	}
}

// rawDB opens an SQLite file without any of our checks, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func mustExec(t testing.TB, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func count(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// pick returns up to n distinct option values of opts, at least one when atLeastOne.
func pick(r *rand.Rand, opts rubric.Options, atLeastOne bool) []string {
	out := []string{}
	for _, i := range r.Perm(len(opts)) {
		if r.IntN(2) == 0 || (atLeastOne && len(out) == 0) {
			out = append(out, opts[i].Value)
		}
	}
	return out
}

// randomValue returns a valid answer to q.
func randomValue(r *rand.Rand, q rubric.Question) rubric.Value {
	switch q.Kind {
	case rubric.KindTri:
		// Mostly yes, so that some vendors pass the knockouts and some do not.
		if r.IntN(5) == 0 {
			return rubric.Value{Tri: rubric.No}
		}
		return rubric.Value{Tri: rubric.Yes}
	case rubric.KindNumber:
		hi := math.Min(q.Max, q.Min+200)
		f := q.Min + r.Float64()*(hi-q.Min)
		if q.Integer {
			f = math.Round(f)
		} else {
			f = math.Round(f*10) / 10
		}
		return rubric.Value{Num: math.Min(math.Max(f, q.Min), q.Max)}
	case rubric.KindChoice:
		return rubric.Value{Str: q.Options[r.IntN(len(q.Options))].Value}
	default:
		return rubric.Value{Set: pick(r, q.Options, !q.Detail)}
	}
}

// genSession builds a valid random session with up to maxVendors vendors, each
// answering about answered of the questions (0..1).
func genSession(r *rand.Rand, n, maxVendors int, answered float64) rubric.Session {
	industries := rubric.IndustryOptions
	req := rubric.DefaultRequirements()
	req.Channels = pick(r, rubric.ChannelOptions, true)
	req.Industry = industries[r.IntN(len(industries))].Value
	req.DailyVolume = r.IntN(20000)
	req.PeakMultiplier = float64(1 + r.IntN(10))
	req.Goals = pick(r, rubric.GoalOptions, false)
	if r.IntN(2) == 0 {
		req.StaffingMode = "dispatch"
	}
	if r.IntN(2) == 0 {
		budget := float64(r.IntN(500000))
		req.BudgetMonth = &budget
	}
	profile := rubric.DefaultProfile
	if r.IntN(4) == 0 {
		profile = rubric.RegulatedProfile
	}
	sess := rubric.Session{
		Title:        fmt.Sprintf("Evaluation %d 客服外包选型", n),
		Client:       fmt.Sprintf("Client %d", r.IntN(500)),
		Evaluator:    "王敏",
		Lang:         rubric.ZH,
		Profile:      profile,
		Requirements: req,
	}
	for v := range r.IntN(maxVendors + 1) {
		vendor := rubric.Vendor{
			Name:    fmt.Sprintf("Vendor %d-%d", n, v),
			Contact: "张经理",
			Answers: rubric.Answers{},
			Notes:   map[int]string{},
		}
		for _, q := range rubric.Questions {
			if r.Float64() < answered {
				vendor.Answers[q.ID] = randomValue(r, q)
			}
		}
		if r.IntN(2) == 0 {
			vendor.Notes[2+r.IntN(6)] = "营业执照已核验"
		}
		sess.Vendors = append(sess.Vendors, vendor)
	}
	return sess
}

// seed stores n generated sessions in one transaction: one fsync instead of n.
func seed(t testing.TB, s *Store, r *rand.Rand, n, maxVendors int, answered float64) {
	t.Helper()
	err := s.write(context.Background(), "seed", func(tx *sql.Tx, now int64) error {
		for i := range n {
			// Distinct times, as if the sessions had been written one by one.
			if _, err := importSession(context.Background(), tx, genSession(r, i, maxVendors, answered), now+int64(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func assertSameSession(t *testing.T, want, got *Session) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf("session %d differs:\nwant %+v\n got %+v", want.ID, want, got)
	}
}
