package db

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"vendorvet/rubric"
)

func cachedBand(t *testing.T, s *Store, vid int64) rubric.Band {
	t.Helper()
	var band string
	if err := s.db.QueryRow("SELECT band FROM vendors WHERE id = ?", vid).Scan(&band); err != nil {
		t.Fatal(err)
	}
	return rubric.Band(band)
}

func TestEvidenceIsKeptChangedTakenBackAndScored(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if _, err := s.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, vid, "nda", rubric.Evidence{Source: "vendor", Seen: "2026-11-02", Link: " https://x.example/nda\x1b[2J "}); err != nil {
		t.Fatal(err)
	}
	// Expired on the day it was checked: a knockout, cached at once.
	expired := rubric.Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2026-06-30"}
	if err := s.SetEvidence(ctx, vid, "business_license", expired); err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]rubric.Evidence{"nda": {Source: "vendor", Seen: "2026-11-02", Link: "https://x.example/nda[2J"}, "business_license": expired}
	if got := sess.Vendors[0].Evidence; !reflect.DeepEqual(got, want) {
		t.Errorf("evidence %+v, want %+v", got, want)
	}
	if got := cachedBand(t, s, vid); got != rubric.Disqualified {
		t.Errorf("cached band %s with an expired licence, want disqualified", got)
	}
	assertCachedScores(t, s, sid)

	renewed := rubric.Evidence{Source: "registry", Seen: "2026-11-30", ValidUntil: "2031-06-30"}
	if err := s.SetEvidence(ctx, vid, "business_license", renewed); err != nil {
		t.Fatal(err)
	}
	if got := cachedBand(t, s, vid); got == rubric.Disqualified {
		t.Errorf("still disqualified after the licence was renewed")
	}
	assertCachedScores(t, s, sid)

	if err := s.SetEvidence(ctx, vid, "business_license", expired); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveEvidence(ctx, vid, "business_license"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveEvidence(ctx, vid, "business_license"); err != nil {
		t.Errorf("taking back evidence that is gone: %v", err)
	}
	if got := cachedBand(t, s, vid); got == rubric.Disqualified {
		t.Errorf("still disqualified after the evidence was taken back")
	}
	sess, _ = s.Session(ctx, sid)
	if _, ok := sess.Vendors[0].Evidence["business_license"]; ok || len(sess.Vendors[0].Evidence) != 1 {
		t.Errorf("after taking business_license back: %+v", sess.Vendors[0].Evidence)
	}
	assertCachedScores(t, s, sid)

	for name, c := range map[string]struct {
		q string
		e rubric.Evidence
	}{
		"unknown question":   {"no_such", rubric.Evidence{Source: "document", Seen: "2026-11-30"}},
		"unknown source":     {"nda", rubric.Evidence{Source: "rumour", Seen: "2026-11-30"}},
		"no source":          {"nda", rubric.Evidence{Seen: "2026-11-30"}},
		"bad day seen":       {"nda", rubric.Evidence{Source: "document", Seen: "30/11"}},
		"no day seen":        {"nda", rubric.Evidence{Source: "document"}},
		"bad validity":       {"iso9001", rubric.Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2027-02-30"}},
		"validity on an NDA": {"nda", rubric.Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2027-01-01"}},
	} {
		var ee *EvidenceError
		if err := s.SetEvidence(ctx, vid, c.q, c.e); !errors.As(err, &ee) || ee.Message.ZH == "" || ee.Message.EN == "" {
			t.Errorf("%s: %v, want an EvidenceError in both languages", name, err)
		}
	}
	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, vid, "nda", rubric.Evidence{Source: "document", Seen: "2026-11-30"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("evidence of a removed vendor: %v, want ErrNotFound", err)
	}
}

func TestImportKeepsEvidenceAndScoresWithIt(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ev := map[string]rubric.Evidence{
		"business_license": {Source: "registry", Seen: "2026-11-30", Link: "https://gsxt.gov.cn/x", ValidUntil: "2026-01-31"},
		"nda":              {Source: "document", Seen: "2026-11-29"},
	}
	id, err := s.ImportSession(ctx, rubric.Session{Title: "t", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(),
		Profile: rubric.DefaultProfile, Vendors: []rubric.Vendor{{Name: "A", Evidence: ev,
			Answers: rubric.Answers{"business_license": {Tri: rubric.Yes}}}}})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sess.Vendors[0].Evidence, ev) {
		t.Errorf("imported evidence %+v, want %+v", sess.Vendors[0].Evidence, ev)
	}
	if got := cachedBand(t, s, sess.Vendors[0].ID); got != rubric.Disqualified {
		t.Errorf("imported with an expired licence: cached band %s", got)
	}
	assertCachedScores(t, s, id)

	// Bad evidence refuses the whole import.
	_, err = s.ImportSession(ctx, rubric.Session{Title: "bad", Lang: rubric.EN, Requirements: rubric.DefaultRequirements(),
		Profile: rubric.DefaultProfile, Vendors: []rubric.Vendor{{Name: "B", Evidence: map[string]rubric.Evidence{"nda": {Source: "gossip", Seen: "2026-11-30"}}}}})
	var ee *EvidenceError
	if !errors.As(err, &ee) {
		t.Errorf("import with an unknown source: %v, want an EvidenceError", err)
	}
}

// A change of requirements scores every vendor again with its evidence.
func TestRequirementsRescoreWithEvidence(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if _, err := s.SaveAnswer(ctx, vid, "telecom_license", &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidence(ctx, vid, "telecom_license", rubric.Evidence{Source: "document", Seen: "2026-11-30", ValidUntil: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	if got := cachedBand(t, s, vid); got == rubric.Disqualified {
		t.Fatalf("a licence the company does not need disqualified the vendor")
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	req := sess.Requirements
	req.Channels = []string{"phone"}
	if err := s.ChangeRequirements(ctx, sid, sess.Requirements, req); err != nil {
		t.Fatal(err)
	}
	if got := cachedBand(t, s, vid); got != rubric.Disqualified {
		t.Errorf("a phone hotline now needs the expired telecom licence: cached band %s", got)
	}
	assertCachedScores(t, s, sid)
}
