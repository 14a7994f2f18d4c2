package db

import (
	"context"
	"errors"
	"testing"

	"vendorvet/rubric"
)

// An answer the evaluator changed both on the copy and here comes from the later
// change; the copy's change stays in the history either way.
func TestMergeResolvesByTheLaterChange(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	yes, no := rubric.Value{Tri: rubric.Yes}, rubric.Value{Tri: rubric.No}
	if err := s.ActAs("李四"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAnswer(ctx, vid, "trial", &yes, 0); err != nil {
		t.Fatal(err)
	}
	history, _ := s.Audit(ctx, vid)
	here := history[len(history)-1].At.UnixMilli()
	noText := `"no"`
	copyAt := func(at int64) []rubric.Change {
		return []rubric.Change{{At: at, Evaluator: "李四", Kind: "answer", Key: "trial", After: &noText}}
	}

	// The copy's change came first: the later one here stays.
	res, err := s.Merge(ctx, sid, "李四", []MergeVendor{{VendorID: vid, Answers: rubric.Answers{"trial": no}, History: copyAt(here - 1000)}})
	if err != nil || res.Kept != 1 || res.Written != 0 || res.Recorded != 1 {
		t.Fatalf("older copy: %+v, %v", res, err)
	}
	if v, _, _ := s.Answer(ctx, vid, "trial"); v == nil || v.Tri != rubric.Yes {
		t.Errorf("the later answer was replaced: %+v", v)
	}
	after, _ := s.Audit(ctx, vid)
	if last := after[len(after)-1]; last.Evaluator != "李四" || last.After == nil || *last.After != noText {
		t.Errorf("the value that lost is not in the history: %+v", last)
	}

	// The copy's change came later: it is written.
	res, err = s.Merge(ctx, sid, "李四", []MergeVendor{{VendorID: vid, Answers: rubric.Answers{"trial": no}, History: copyAt(here + 1000)}})
	if err != nil || res.Written != 1 {
		t.Fatalf("newer copy: %+v, %v", res, err)
	}
	if v, _, _ := s.Answer(ctx, vid, "trial"); v == nil || v.Tri != rubric.No {
		t.Errorf("the later answer from the copy was not written: %+v", v)
	}

	// Another evaluator's answer is never touched, and a bad name is refused.
	if err := s.ActAs(UnnamedLead); err != nil {
		t.Fatal(err)
	}
	if v, _, _ := s.Answer(ctx, vid, "trial"); v != nil {
		t.Errorf("the lead's answer changed: %+v", v)
	}
	var ee *EvaluatorError
	if _, err := s.Merge(ctx, sid, " ", nil); !errors.As(err, &ee) {
		t.Errorf("an empty name: %v", err)
	}
	if _, err := s.Merge(ctx, sid+100, "李四", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such session: %v", err)
	}
}
