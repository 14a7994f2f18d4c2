package gen

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"vendorvet/db"
	"vendorvet/rubric"
)

func TestSessionIsReproducible(t *testing.T) {
	a, b := Session(Rand(7), 12), Session(Rand(7), 12)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different sessions")
	}
	if c := Session(Rand(8), 12); reflect.DeepEqual(a, c) {
		t.Fatal("two seeds gave the same session")
	}
}

func TestSessionsAreValidAndVaried(t *testing.T) {
	r := Rand(1)
	var han, latin, unanswered, knockedOut, answered int
	for range 200 {
		s := Session(r, 5)
		if len(s.Vendors) != 5 {
			t.Fatalf("%d vendors, want 5", len(s.Vendors))
		}
		if errs := s.Requirements.Validate(); len(errs) > 0 {
			t.Fatalf("invalid requirements: %v", errs)
		}
		names := map[string]bool{}
		for _, v := range s.Vendors {
			if names[v.Name] {
				t.Fatalf("two vendors named %q in one session", v.Name)
			}
			names[v.Name] = true
			if strings.IndexFunc(v.Name, func(c rune) bool { return unicode.Is(unicode.Han, c) }) >= 0 {
				han++
			} else {
				latin++
			}
			for id, val := range v.Answers {
				q, ok := rubric.QuestionByID(id)
				if !ok {
					t.Fatalf("unknown question %q", id)
				}
				if err := q.Check(val); err != nil {
					t.Fatalf("%s: invalid answer %+v: %v", id, val, err)
				}
			}
			card := rubric.Score(s.Requirements, v.Answers, s.Profile)
			if card.Answered < card.Applicable {
				unanswered++
			}
			if len(card.Knockouts) > 0 {
				knockedOut++
			}
			answered += card.Answered
		}
	}
	// Benchmarks should see both languages, finished and unfinished vendors, and some
	// knockouts, as a real database holds.
	for what, n := range map[string]int{"Chinese names": han, "English names": latin, "unfinished vendors": unanswered, "knocked-out vendors": knockedOut} {
		if n == 0 {
			t.Errorf("no %s in 1,000 vendors", what)
		}
	}
	if per := answered / 1000; per < 30 {
		t.Errorf("vendors answer %d questions on average, want most of them", per)
	}
}

func TestDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.db")
	// Seed 1 with 5 vendors each once made two vendors of one name in session 77,
	// which the store refuses.
	if err := Database(path, 100, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := Database(path, 1, 1, 5); err == nil {
		t.Error("Database wrote over an existing file")
	}
	store, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	n, err := store.CountSessions(ctx, "")
	if err != nil || n != 100 {
		t.Fatalf("%d sessions (%v), want 100", n, err)
	}
	page, err := store.ListSessions(ctx, "", 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page {
		if s.Vendors != 5 || !s.HasLead {
			t.Errorf("session %d: %d vendors, lead %v; want 5 and a lead", s.ID, s.Vendors, s.HasLead)
		}
	}
}

func TestCopyCached(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	for _, name := range []string{"a.db", "b.db"} {
		if err := CopyCached(filepath.Join(dir, name), 4, 2, 9); err != nil {
			t.Fatal(err)
		}
	}
	if err := CopyCached(filepath.Join(dir, "a.db"), 4, 2, 9); err == nil {
		t.Error("CopyCached wrote over an existing file")
	}
	cached, err := Cached(4, 2, 9)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(cached) != CacheDir() {
		t.Errorf("cached at %s, want in %s", cached, CacheDir())
	}
	store, err := db.Open(filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, err := store.CountSessions(context.Background(), ""); err != nil || n != 4 {
		t.Fatalf("%d sessions in the copy (%v), want 4", n, err)
	}
}
