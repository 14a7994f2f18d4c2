package db

import (
	"context"
	"slices"
	"testing"
)

func TestPlaceIsKeptPerVendorAndGoesWithIt(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "v", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := s.Place(ctx, vid); ok || err != nil {
		t.Fatalf("a new vendor has a place (%v, %v)", ok, err)
	}
	if err := s.SavePlace(ctx, vid, 8, "nda"); err == nil {
		t.Error("step 8 was taken as a place")
	}
	for _, q := range []string{"nda", "iso27001"} {
		if err := s.SavePlace(ctx, vid, 2, q); err != nil {
			t.Fatal(err)
		}
	}
	step, q, ok, err := s.Place(ctx, vid)
	if err != nil || !ok || step != 2 || q != "iso27001" {
		t.Fatalf("place = %d %q %v %v, want 2 iso27001", step, q, ok, err)
	}
	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM places"); n != 0 {
		t.Errorf("%d places left after the vendor was removed", n)
	}
}

func TestFormDraftKeepsWhatWasTyped(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	typed := []string{"新会话 \x1b[2Jtitle", "客户", ""}
	if err := s.SaveFormDraft(ctx, "new-session", DraftOf{}, typed); err != nil {
		t.Fatal(err)
	}
	got, err := s.FormDraft(ctx, "new-session")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"新会话 [2Jtitle", "客户", ""}; !slices.Equal(got, want) {
		t.Errorf("draft %q, want %q", got, want)
	}
	if other, _ := s.FormDraft(ctx, "add-vendor/1"); other != nil {
		t.Errorf("another dialog has a draft: %q", other)
	}
	if err := s.SaveFormDraft(ctx, "new-session", DraftOf{}, []string{" ", "", ""}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FormDraft(ctx, "new-session"); got != nil {
		t.Errorf("blank fields kept a draft: %q", got)
	}
}

func TestFormDraftGoesWithWhatItIsAbout(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "t"})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "v", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFormDraft(ctx, "rename-vendor", DraftOf{SessionID: sid, VendorID: vid}, []string{"half"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFormDraft(ctx, "add-vendor", DraftOf{SessionID: sid}, []string{"other"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FormDraft(ctx, "rename-vendor"); got != nil {
		t.Errorf("the draft of a removed vendor's dialog is still there: %q", got)
	}
	if err := s.DeleteSession(ctx, sid); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FormDraft(ctx, "add-vendor"); got != nil {
		t.Errorf("the draft of a deleted session's dialog is still there: %q", got)
	}
}
