package demo

import (
	"testing"

	"vendorvet/rubric"
)

// The sample must show every verdict: one of each band, the knockout despite a decent
// total, and a provisional score.
func TestSessionBands(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := Session(lang)
		if errs := s.Requirements.Validate(); len(errs) > 0 {
			t.Fatalf("%s: requirements invalid: %v", lang, errs)
		}
		if len(s.Vendors) != 4 {
			t.Fatalf("%s: %d vendors, want 4", lang, len(s.Vendors))
		}
		want := []struct {
			band        rubric.Band
			provisional bool
			min, max    float64
		}{
			{rubric.Excellent, false, 85, 100},
			{rubric.Qualified, true, 70, 84.9},
			{rubric.Reject, false, 0, 69.9},
			{rubric.Disqualified, false, 70, 100},
		}
		for i, v := range s.Vendors {
			card := rubric.Score(s.Requirements, v.Answers, s.Profile)
			w := want[i]
			if card.Band != w.band || card.Provisional != w.provisional || card.Total < w.min || card.Total > w.max {
				t.Errorf("%s %s: total %v band %s provisional %v; want %s in %v..%v provisional %v",
					lang, v.Name, card.Total, card.Band, card.Provisional, w.band, w.min, w.max, w.provisional)
			}
			for q, a := range v.Answers {
				question, ok := rubric.QuestionByID(q)
				if !ok {
					t.Errorf("%s %s: unknown question %q", lang, v.Name, q)
					continue
				}
				if e := question.Check(a); e != nil {
					t.Errorf("%s %s: %v", lang, v.Name, e)
				}
			}
			for step := 2; step <= 7; step++ {
				if v.Notes[step] == "" {
					t.Errorf("%s %s: no notes for step %d", lang, v.Name, step)
				}
			}
			if w.band == rubric.Disqualified && len(card.Knockouts) == 0 {
				t.Errorf("%s %s: disqualified without a knockout", lang, v.Name)
			}
		}
		// Only the backup leaves questions open.
		if c := rubric.Score(s.Requirements, s.Vendors[1].Answers, s.Profile); c.Applicable-c.Answered > 2 {
			t.Errorf("%s: backup has %d unanswered questions, want 1 or 2", lang, c.Applicable-c.Answered)
		}
	}
}

func TestSessionLanguage(t *testing.T) {
	zh, en := Session(rubric.ZH), Session(rubric.EN)
	if zh.Title == en.Title || zh.Vendors[0].Name == en.Vendors[0].Name || zh.Vendors[0].Notes[2] == en.Vendors[0].Notes[2] {
		t.Error("the Chinese and English samples share text")
	}
	// Each call returns its own answers: editing one sample must not change the next.
	zh.Vendors[0].Answers["nda"] = rubric.Value{Tri: rubric.No}
	if Session(rubric.ZH).Vendors[0].Answers["nda"].Tri != rubric.Yes {
		t.Error("samples share their answers")
	}
}
