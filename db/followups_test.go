package db

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"vendorvet/rubric"
)

func TestFollowupsAreKeptChangedAndTakenBack(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if err := s.SetFollowup(ctx, vid, "iso9001", rubric.Followup{Owner: " 王敏\x1b[2J ", Due: "2026-12-15"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFollowup(ctx, vid, "nda", rubric.Followup{Owner: "李", Due: "2026-12-20"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFollowup(ctx, vid, "nda", rubric.Followup{Owner: "张", Due: "2026-12-21"}); err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]rubric.Followup{"iso9001": {Owner: "王敏[2J", Due: "2026-12-15"}, "nda": {Owner: "张", Due: "2026-12-21"}}
	if got := sess.Vendors[0].Followups; !reflect.DeepEqual(got, want) {
		t.Errorf("follow-ups %+v, want %+v", got, want)
	}
	if err := s.RemoveFollowup(ctx, vid, "nda"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFollowup(ctx, vid, "nda"); err != nil {
		t.Errorf("taking back a follow-up that is gone: %v", err)
	}
	sess, _ = s.Session(ctx, sid)
	if _, ok := sess.Vendors[0].Followups["nda"]; ok || len(sess.Vendors[0].Followups) != 1 {
		t.Errorf("after taking nda back: %+v", sess.Vendors[0].Followups)
	}

	for name, f := range map[string]struct {
		q string
		f rubric.Followup
	}{
		"unknown question": {"no_such", rubric.Followup{Owner: "王", Due: "2026-12-15"}},
		"no owner":         {"nda", rubric.Followup{Owner: " \t", Due: "2026-12-15"}},
		"bad day":          {"nda", rubric.Followup{Owner: "王", Due: "15/12"}},
	} {
		var fe *FollowupError
		if err := s.SetFollowup(ctx, vid, f.q, f.f); !errors.As(err, &fe) || fe.Message.ZH == "" {
			t.Errorf("%s: %v, want a FollowupError in both languages", name, err)
		}
	}
	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFollowup(ctx, vid, "nda", rubric.Followup{Owner: "王", Due: "2026-12-15"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("follow-up of a removed vendor: %v, want ErrNotFound", err)
	}
}

func TestImportKeepsFollowups(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := map[string]rubric.Followup{"mlps": {Owner: "Chen", Due: "2027-01-04"}}
	id, err := s.ImportSession(ctx, rubric.Session{Title: "t", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(),
		Profile: rubric.DefaultProfile, Vendors: []rubric.Vendor{{Name: "A", Followups: f}}})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sess.Vendors[0].Followups, f) {
		t.Errorf("imported follow-ups %+v, want %+v", sess.Vendors[0].Followups, f)
	}
	_, err = s.ImportSession(ctx, rubric.Session{Title: "t", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(),
		Profile: rubric.DefaultProfile, Vendors: []rubric.Vendor{{Name: "A", Followups: map[string]rubric.Followup{"mlps": {Owner: "", Due: "2027-01-04"}}}}})
	var fe *FollowupError
	if !errors.As(err, &fe) {
		t.Errorf("a follow-up without an owner was imported: %v", err)
	}
}
