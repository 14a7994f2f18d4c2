package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"vendorvet/clean"
	"vendorvet/rubric"
)

func TestCreateSessionDefaultsAndCleaning(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	meta := SessionMeta{Title: "选型\x1b[31m 2026\r\n", Client: "某电商\u202e", Evaluator: "王敏\t", Lang: "zh_CN.UTF-8"}
	id, err := s.CreateSession(ctx, meta)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != clean.Line(meta.Title) || got.Client != clean.Line(meta.Client) || got.Evaluator != clean.Line(meta.Evaluator) {
		t.Errorf("meta not cleaned: %q %q %q", got.Title, got.Client, got.Evaluator)
	}
	if got.Lang != rubric.ZH {
		t.Errorf("lang %q", got.Lang)
	}
	if !reflect.DeepEqual(got.Requirements, rubric.DefaultRequirements()) {
		t.Errorf("requirements %+v", got.Requirements)
	}
	if got.Profile != rubric.DefaultProfile {
		t.Errorf("profile %+v", got.Profile)
	}
	if len(got.Vendors) != 0 || got.CreatedAt.IsZero() || !got.UpdatedAt.Equal(got.CreatedAt) {
		t.Errorf("new session %+v", got)
	}
	if _, err := s.Session(ctx, id+1); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing session: %v", err)
	}
}

func TestUpdateSessionMeta(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, _ := s.CreateSession(ctx, SessionMeta{Title: "old", Lang: rubric.EN})
	before, _ := s.Session(ctx, id)
	if err := s.UpdateSessionMeta(ctx, id, SessionMeta{Title: "new\x07", Client: "ACME", Evaluator: "Ann", Lang: rubric.ZH}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, id)
	if got.Title != "new" || got.Client != "ACME" || got.Evaluator != "Ann" || got.Lang != rubric.ZH {
		t.Errorf("meta %+v", got.Rubric())
	}
	if !got.UpdatedAt.After(before.UpdatedAt) {
		t.Errorf("updated_at %v, was %v", got.UpdatedAt, before.UpdatedAt)
	}
	if err := s.UpdateSessionMeta(ctx, id+1, SessionMeta{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing session: %v", err)
	}
}

func TestDeleteSessionCascades(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(7, 8))
	keep, _ := s.ImportSession(ctx, genSession(r, 1, 3, 1))
	sess := genSession(r, 2, 3, 1)
	for len(sess.Vendors) == 0 {
		sess = genSession(r, 2, 3, 1)
	}
	sess.Vendors[0].Notes[4] = "note"
	gone, err := s.ImportSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	rows := func(table string) int {
		return count(t, s, "SELECT count(*) FROM "+table+" WHERE vendor_id IN (SELECT id FROM vendors WHERE session_id = ?)", gone)
	}
	if rows("answers") == 0 || rows("notes") == 0 {
		t.Fatal("nothing to cascade")
	}
	totalBefore := count(t, s, "SELECT count(*) FROM answers")
	goneAnswers := rows("answers")
	if err := s.DeleteSession(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM vendors WHERE session_id = ?", gone); n != 0 {
		t.Errorf("%d vendors left", n)
	}
	if n := count(t, s, "SELECT count(*) FROM answers"); n != totalBefore-goneAnswers {
		t.Errorf("%d answers, want %d", n, totalBefore-goneAnswers)
	}
	if n := count(t, s, "SELECT count(*) FROM notes WHERE vendor_id NOT IN (SELECT id FROM vendors)"); n != 0 {
		t.Errorf("%d orphan notes", n)
	}
	if _, err := s.Session(ctx, keep); err != nil {
		t.Errorf("other session: %v", err)
	}
	if err := s.DeleteSession(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestChangeRequirementsAndProfileRescore(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	r := rand.New(rand.NewPCG(9, 10))
	sess := genSession(r, 1, 0, 0)
	sess.Requirements.Industry = "ecommerce"
	for i := range 3 {
		v := genSession(r, i, 1, 0.9)
		for len(v.Vendors) == 0 {
			v = genSession(r, i, 1, 0.9)
		}
		sess.Vendors = append(sess.Vendors, v.Vendors[0])
	}
	id, err := s.ImportSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	assertCachedScores(t, s, id)

	base := sess.Requirements
	req := base
	req.Industry = "finance"
	req.StaffingMode = "dispatch"
	req.Channels = []string{"phone", "web"}
	req.UserProfile = "年轻用户\x1b]0;x\x07\r\n对响应速度要求高"
	if err := s.ChangeRequirements(ctx, id, base, req); err != nil {
		t.Fatal(err)
	}
	base = req
	got, _ := s.Session(ctx, id)
	if got.Requirements.UserProfile != clean.Text(req.UserProfile) || got.Requirements.Industry != "finance" {
		t.Errorf("requirements %+v", got.Requirements)
	}
	assertCachedScores(t, s, id)

	if err := s.SaveProfile(ctx, id, rubric.RegulatedProfile); err != nil {
		t.Fatal(err)
	}
	assertCachedScores(t, s, id)
	custom, _ := rubric.CustomProfile(10, 20, 30, 40)
	if err := s.SaveProfile(ctx, id, custom); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, id); got.Profile != custom {
		t.Errorf("profile %+v", got.Profile)
	}
	assertCachedScores(t, s, id)

	bad := custom
	bad.Weights[0] = 50
	if err := s.SaveProfile(ctx, id, bad); err == nil {
		t.Error("weights summing to 140 saved")
	}
	req.PeakMultiplier = 0
	err = s.ChangeRequirements(ctx, id, base, req)
	if re := (*RequirementsError)(nil); !errors.As(err, &re) || re.Field.Field != "peak_multiplier" {
		t.Errorf("bad requirements: %v", err)
	}
	// A form may be saved before its first channel is chosen.
	req.PeakMultiplier, req.Channels = 2, nil
	if err := s.ChangeRequirements(ctx, id, base, req); err != nil {
		t.Errorf("no channel yet: %v", err)
	}
	if got, _ := s.Session(ctx, id); got.Requirements.Channels == nil || len(got.Requirements.Channels) != 0 {
		t.Errorf("channels %#v", got.Requirements.Channels)
	}
	if err := s.ChangeRequirements(ctx, id+1, base, req); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing session: %v", err)
	}
}

// assertCachedScores checks every vendor's cached score against rubric.ScoreVendor.
func assertCachedScores(t *testing.T, s *Store, id int64) {
	t.Helper()
	sess, err := s.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range sess.Vendors {
		card := rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile)
		var total float64
		var band string
		var answered, applicable int
		if err := s.db.QueryRow("SELECT total, band, answered, applicable FROM vendors WHERE id = ?", v.ID).Scan(&total, &band, &answered, &applicable); err != nil {
			t.Fatal(err)
		}
		if total != card.Total || rubric.Band(band) != card.Band || answered != card.Answered || applicable != card.Applicable {
			t.Errorf("vendor %s: cached %v %s %d/%d, scored %v %s %d/%d", v.Name, total, band, answered, applicable,
				card.Total, card.Band, card.Answered, card.Applicable)
		}
	}
}

func TestListOrderAndPaging(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var ids []int64
	for i := range 25 {
		id, err := s.CreateSession(ctx, SessionMeta{Title: fmt.Sprintf("session %02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	// Touching the oldest moves it to the top, even within the same millisecond.
	if _, err := s.AddVendor(ctx, ids[0], "v", ""); err != nil {
		t.Fatal(err)
	}
	want := append([]int64{ids[0]}, reverse(ids[1:])...)
	var got []int64
	for offset := 0; ; offset += 7 {
		page, err := s.ListSessions(ctx, "", offset, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > 7 {
			t.Fatalf("page of %d", len(page))
		}
		for _, p := range page {
			got = append(got, p.ID)
		}
		if len(page) < 7 {
			break
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if n, _ := s.CountSessions(ctx, ""); n != 25 {
		t.Errorf("count %d", n)
	}
	if _, err := s.ListSessions(ctx, "", 0, 0); err == nil {
		t.Error("limit 0 accepted")
	}
}

func reverse(ids []int64) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[len(ids)-1-i] = id
	}
	return out
}

func TestListFilter(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	create := func(title, client, industry string) int64 {
		id, err := s.CreateSession(ctx, SessionMeta{Title: title, Client: client})
		if err != nil {
			t.Fatal(err)
		}
		if industry != "" {
			req := rubric.DefaultRequirements()
			req.Industry = industry
			if err := s.ChangeRequirements(ctx, id, rubric.DefaultRequirements(), req); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	discount := create("100% discount", "", "")
	underscore := create("a_b", "", "")
	plain := create("axb 100 percent", "Acme Corp", "")
	shop := create("选型", "某服装电商", "ecommerce")
	bank := create("Bank RFP", `back\slash`, "finance")
	tests := []struct {
		filter string
		want   []int64
	}{
		{"", []int64{bank, shop, plain, underscore, discount}},
		{"%", []int64{discount}},
		{"_", []int64{underscore}},
		{"a_b", []int64{underscore}},
		{`\`, []int64{bank}},
		{"ACME", []int64{plain}},
		{"  acme ", []int64{plain}},
		{"服装", []int64{shop}},
		{"ecommerce", []int64{shop}},
		{"电商", []int64{shop}},      // the industry's Chinese label and the client
		{"Finance", []int64{bank}}, // the industry's English label
		{"100", []int64{plain, discount}},
		{"nothing like it", nil},
	}
	for _, tt := range tests {
		page, err := s.ListSessions(ctx, tt.filter, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, p := range page {
			got = append(got, p.ID)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("filter %q: %v, want %v", tt.filter, got, tt.want)
		}
		if n, _ := s.CountSessions(ctx, tt.filter); n != len(tt.want) {
			t.Errorf("filter %q: count %d, want %d", tt.filter, n, len(tt.want))
		}
	}
	page, _ := s.ListSessions(ctx, "电商", 0, 1)
	if len(page) != 1 || page[0].Industry != "ecommerce" || page[0].Client != "某服装电商" {
		t.Errorf("summary %+v", page)
	}
}

func TestListLeadMatchesScore(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	seed(t, s, rand.New(rand.NewPCG(11, 12)), 60, 5, 0.85)
	page, err := s.ListSessions(ctx, "", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 60 {
		t.Fatalf("%d sessions", len(page))
	}
	var disqualifiedLeads, plainLeads int
	for _, sum := range page {
		sess, err := s.Session(ctx, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Vendors != len(sess.Vendors) || sum.Title != sess.Title {
			t.Errorf("summary %+v of %d vendors", sum, len(sess.Vendors))
		}
		if len(sess.Vendors) == 0 {
			if sum.HasLead {
				t.Errorf("session %d: lead without vendors", sum.ID)
			}
			continue
		}
		cards := make([]rubric.Scorecard, len(sess.Vendors))
		names := make([]string, len(sess.Vendors))
		for i, v := range sess.Vendors {
			cards[i], names[i] = rubric.Score(sess.Requirements, v.Answers, sess.Profile), v.Name
		}
		best := rubric.Ranking(cards, names)[0]
		if !sum.HasLead || sum.Lead != names[best] || sum.LeadTotal != cards[best].Total || sum.LeadBand != cards[best].Band {
			t.Errorf("session %d: lead %q %v %s, scored %q %v %s", sum.ID, sum.Lead, sum.LeadTotal, sum.LeadBand,
				names[best], cards[best].Total, cards[best].Band)
		}
		if sum.LeadBand == rubric.Disqualified {
			disqualifiedLeads++
		} else {
			plainLeads++
		}
	}
	if disqualifiedLeads == 0 || plainLeads == 0 {
		t.Errorf("generator gave %d disqualified and %d other leads: both cases must be covered", disqualifiedLeads, plainLeads)
	}
}

func TestLeadSkipsDisqualified(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id, _ := s.CreateSession(ctx, SessionMeta{Title: "t"})
	strong, _ := s.AddVendor(ctx, id, "Strong but no NDA", "")
	weak, _ := s.AddVendor(ctx, id, "Weak", "")
	for _, q := range rubric.Questions {
		if q.Kind == rubric.KindTri {
			if _, err := s.SaveAnswer(ctx, strong, q.ID, &rubric.Value{Tri: rubric.Yes}, 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	lead := func() SessionSummary {
		page, err := s.ListSessions(ctx, "", 0, 1)
		if err != nil || len(page) != 1 {
			t.Fatalf("%v %v", page, err)
		}
		return page[0]
	}
	if l := lead(); l.Lead != "Strong but no NDA" {
		t.Fatalf("lead %+v", l)
	}
	v, version, err := s.Answer(ctx, strong, "nda")
	if err != nil || v == nil || v.Tri != rubric.Yes || version == 0 {
		t.Fatal(v, version, err)
	}
	if _, err := s.SaveAnswer(ctx, strong, "nda", &rubric.Value{Tri: rubric.No}, version); err != nil {
		t.Fatal(err)
	}
	if l := lead(); l.Lead != "Weak" || l.LeadBand == rubric.Disqualified {
		t.Errorf("lead %+v, want the weak but not disqualified vendor", l)
	}
	if err := s.RemoveVendor(ctx, weak); err != nil {
		t.Fatal(err)
	}
	if l := lead(); l.Lead != "Strong but no NDA" || l.LeadBand != rubric.Disqualified || l.Vendors != 1 {
		t.Errorf("lead %+v, want the disqualified vendor when it is the only one", l)
	}
}

// A part of a session is its whole list of vendors with one of them read through:
// the same as the whole session's reading of that vendor.
func TestSessionPartReadsOneVendor(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, alpha := panelSession(t, s)
	beta, err := s.AddVendor(ctx, sid, "Beta", "")
	if err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, s, alpha, "nda", &yes)
	mustAnswer(t, s, beta, "nda", &no)
	if err := s.ChangeNote(ctx, beta, 2, "", "beta's note"); err != nil {
		t.Fatal(err)
	}
	whole, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	part, err := s.SessionPart(ctx, sid, beta)
	if err != nil {
		t.Fatal(err)
	}
	if part.Part != beta || whole.Part != 0 || len(part.Vendors) != 2 || part.Vendors[0].Name != "Alpha" {
		t.Fatalf("part %d of %d vendors", part.Part, len(part.Vendors))
	}
	if len(part.Vendors[0].Answers) != 0 {
		t.Errorf("the vendor outside the part was read: %v", part.Vendors[0].Answers)
	}
	if !reflect.DeepEqual(part.Vendors[1], whole.Vendors[1]) {
		t.Errorf("the part's vendor differs from the whole session's:\n%+v\n%+v", part.Vendors[1], whole.Vendors[1])
	}
}
