package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// cleaned is what the store keeps of sess: cleaned text, empty notes dropped.
func cleaned(sess rubric.Session) rubric.Session {
	out := sess
	out.Title, out.Client, out.Evaluator = clean.Line(sess.Title), clean.Line(sess.Client), clean.Line(sess.Evaluator)
	out.Requirements.UserProfile = clean.Text(sess.Requirements.UserProfile)
	out.Requirements.Notes = clean.Text(sess.Requirements.Notes)
	out.Vendors = []rubric.Vendor{}
	for _, v := range sess.Vendors {
		c := rubric.Vendor{Name: clean.Line(v.Name), Contact: clean.Line(v.Contact), Answers: v.Answers.Clone(), Notes: map[int]string{}}
		for step, text := range v.Notes {
			if t := clean.Text(text); t != "" {
				c.Notes[step] = t
			}
		}
		out.Vendors = append(out.Vendors, c)
	}
	return out
}

func TestImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(13, 14))
	for i := range 20 {
		sess := genSession(r, i, 4, 0.9)
		sess.Title = "选型 \x1b[1m" + sess.Title
		sess.Requirements.Notes = "第一行\r\n第二行\t✅"
		if len(sess.Vendors) > 0 {
			sess.Vendors[0].Contact = "张经理\x07 138-0000"
			sess.Vendors[0].Notes[3] = ""
		}
		id, err := s.ImportSession(ctx, sess)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Session(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		judged := got.Rubric()
		if len(judged.UID) != 32 {
			t.Errorf("session %d: uid %q", i, judged.UID)
		}
		// An imported session is a panel of one, its evaluator the lead, whose own
		// answers are the consensus.
		if len(judged.Panel) != 1 || judged.Panel[0].Role != rubric.Lead {
			t.Errorf("session %d: panel %+v", i, judged.Panel)
		}
		for j, v := range judged.Vendors {
			if len(v.Answers) > 0 && !reflect.DeepEqual(v.Panel[judged.Panel[0].Name], v.Answers) {
				t.Errorf("session %d, vendor %d: the lead's answers are not the consensus", i, j)
			}
		}
		if want := cleaned(sess); !reflect.DeepEqual(withoutPanel(judged), want) {
			t.Errorf("session %d differs after the round trip", i)
		}
		if len(got.Vendors) != len(sess.Vendors) {
			t.Fatalf("%d vendor records", len(got.Vendors))
		}
		for j, v := range got.Vendors {
			if len(v.Versions) != len(v.Answers) {
				t.Errorf("vendor %d: %d versions for %d answers", j, len(v.Versions), len(v.Answers))
			}
		}
		assertCachedScores(t, s, id)
	}
}

func TestImportNormalisesProfileAndLang(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, err := s.ImportSession(ctx, rubric.Session{Title: "bare", Lang: "fr", Requirements: rubric.DefaultRequirements()})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, id)
	if got.Profile != rubric.DefaultProfile || got.Lang != rubric.EN {
		t.Errorf("profile %+v lang %q", got.Profile, got.Lang)
	}
}

func TestImportIsAtomic(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(15, 16))
	good := func() rubric.Session {
		sess := genSession(r, 1, 3, 0.9)
		for len(sess.Vendors) < 3 {
			sess = genSession(r, 1, 3, 0.9)
		}
		return sess
	}
	tests := map[string]func(*rubric.Session){
		"invalid answer in the last vendor": func(sess *rubric.Session) {
			sess.Vendors[2].Answers["mock_rating"] = rubric.Value{Num: 6}
		},
		"unknown question in the last vendor": func(sess *rubric.Session) {
			sess.Vendors[2].Answers["no_such_question"] = rubric.Value{Tri: rubric.Yes}
		},
		"note for step 9 in the last vendor": func(sess *rubric.Session) { sess.Vendors[2].Notes[9] = "x" },
		"invalid profile":                    func(sess *rubric.Session) { sess.Profile.Weights[0]++ },
		"invalid requirements":               func(sess *rubric.Session) { sess.Requirements.ServiceHours = "24x7" },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			s := openTemp(t)
			keep, err := s.ImportSession(ctx, good())
			if err != nil {
				t.Fatal(err)
			}
			before := tableCounts(t, s)
			bad := good()
			spoil(&bad)
			if _, err := s.ImportSession(ctx, bad); err == nil {
				t.Fatal("imported")
			}
			if after := tableCounts(t, s); after != before {
				t.Errorf("rows %v, were %v", after, before)
			}
			if _, err := s.Session(ctx, keep); err != nil {
				t.Error(err)
			}
		})
	}
}

func tableCounts(t *testing.T, s *Store) [4]int {
	var n [4]int
	for i, table := range []string{"sessions", "vendors", "answers", "notes"} {
		n[i] = count(t, s, "SELECT count(*) FROM "+table)
	}
	return n
}

// setMaxPages limits the database to its current size plus extra pages. PRAGMA is
// per connection; the store has exactly one.
func setMaxPages(t *testing.T, s *Store, extra int) {
	t.Helper()
	pages := count(t, s, "PRAGMA page_count")
	mustExec(t, s.db, fmt.Sprintf("PRAGMA max_page_count = %d", pages+extra))
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if err := s.ChangeNote(ctx, vid, 2, "", "kept"); err != nil {
		t.Fatal(err)
	}
	setMaxPages(t, s, 0)

	big := strings.Repeat("录音抽查记录。", 20000)
	err := s.ChangeNote(ctx, vid, 3, "", big)
	if err == nil {
		t.Fatal("a 400 KB note fitted in a full database")
	}
	if !errors.Is(Cause(err), ErrDiskFull) {
		t.Errorf("%v is not told as a full disk", err)
	}
	// The failed import of a big session leaves nothing either.
	sess := genSession(rand.New(rand.NewPCG(17, 18)), 1, 3, 1)
	sess.Vendors = append(sess.Vendors, rubric.Vendor{Name: "big", Notes: map[int]string{7: big}})
	if _, err := s.ImportSession(ctx, sess); !errors.Is(Cause(err), ErrDiskFull) {
		t.Errorf("import into a full database: %v", err)
	}
	if n, _ := s.CountSessions(ctx, ""); n != 1 {
		t.Errorf("%d sessions after a failed import", n)
	}
	got, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if notes := got.Vendors[0].Notes; notes[2] != "kept" || notes[3] != "" {
		t.Errorf("notes after a full disk: %d entries", len(notes))
	}

	// Room is made: the same save now goes through.
	setMaxPages(t, s, 100000)
	if err := s.ChangeNote(ctx, vid, 3, "", big); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, sid); got.Vendors[0].Notes[3] != big {
		t.Error("note not saved once there was room")
	}
	if err := quickCheck(ctx, s.db, s.Path()); err != nil {
		t.Error(err)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	seed(t, s, rand.New(rand.NewPCG(19, 20)), 10, 3, 0.7)
	dir := t.TempDir()
	path := filepath.Join(dir, "备份 copy.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("backup folder holds %v", entries)
	}
	copyStore, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	want, _ := s.ListSessions(ctx, "", 0, 100)
	got, _ := copyStore.ListSessions(ctx, "", 0, 100)
	if !reflect.DeepEqual(got, want) || len(got) != 10 {
		t.Errorf("backup lists %d sessions, original %d", len(got), len(want))
	}
	for _, sum := range want {
		a, _ := s.Session(ctx, sum.ID)
		b, _ := copyStore.Session(ctx, sum.ID)
		assertSameSession(t, a, b)
	}

	existing := filepath.Join(dir, "existing.db")
	os.WriteFile(existing, []byte("mine"), 0o600)
	if err := s.Backup(ctx, existing); !errors.Is(err, ErrExists) {
		t.Errorf("over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Error("existing file overwritten")
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(filepath.Join(dir, "nowhere.db"), link); err == nil {
		if err := s.Backup(ctx, link); !errors.Is(err, ErrExists) {
			t.Errorf("through a dangling symlink: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "nowhere.db")); !errors.Is(err, os.ErrNotExist) {
			t.Error("backup written through a symlink")
		}
	}
}

// withoutPanel is s without who evaluated it: what a session file of one evaluator
// carries.
func withoutPanel(s rubric.Session) rubric.Session {
	s.Panel, s.Blind, s.UID = nil, false, ""
	s.Vendors = slices.Clone(s.Vendors)
	for i := range s.Vendors {
		s.Vendors[i].Panel, s.Vendors[i].Decisions, s.Vendors[i].Submitted = nil, nil, nil
	}
	return s
}

// A copy keeps the uid of the session it came from; a uid not made as the store
// makes them is replaced.
func TestImportKeepsTheSessionsUID(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, err := s.CreateSession(ctx, SessionMeta{Title: "T", Evaluator: "王敏"})
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := s.Session(ctx, id)
	copyID, err := s.ImportSession(ctx, orig.Rubric())
	if err != nil {
		t.Fatal(err)
	}
	cp, _ := s.Session(ctx, copyID)
	if cp.UID != orig.UID || len(orig.UID) != 32 {
		t.Errorf("copy uid %q, original %q", cp.UID, orig.UID)
	}
	bad := orig.Rubric()
	bad.UID = "not-a-uid"
	otherID, _ := s.ImportSession(ctx, bad)
	other, _ := s.Session(ctx, otherID)
	if other.UID == "not-a-uid" || len(other.UID) != 32 {
		t.Errorf("a malformed uid was kept: %q", other.UID)
	}
}
