package gen

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

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
