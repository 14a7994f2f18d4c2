package db

import (
	"context"
	"errors"
	"slices"
	"testing"

	"vendorvet/rubric"
)

// confinedAs opens a store on s's file as a team server does for one person.
func confinedAs(t *testing.T, s *Store, name string, mayStart bool) *Store {
	t.Helper()
	other := actingAs(t, s, name)
	other.MembersOnly(mayStart)
	return other
}

func titles(t *testing.T, s *Store) []string {
	t.Helper()
	list, err := s.ListSessions(context.Background(), "", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sum := range list {
		out = append(out, sum.Title)
	}
	slices.Sort(out)
	return out
}

func TestMembersOnlySeeTheirPanelsSessions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s) // Wang leads "panel"
	other, err := s.CreateSession(ctx, SessionMeta{Title: "other", Evaluator: "Zhao"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	if err := s.AddViewer(ctx, sid, "Chen"); err != nil {
		t.Fatal(err)
	}

	for name, want := range map[string][]string{"Wang": {"panel"}, "Li": {"panel"}, "Chen": {"panel"}, "Zhao": {"other"}, "Nobody": nil} {
		st := confinedAs(t, s, name, false)
		if got := titles(t, st); !slices.Equal(got, want) {
			t.Errorf("%s sees %v, want %v", name, got, want)
		}
		if n, err := st.CountSessions(ctx, ""); err != nil || n != len(want) {
			t.Errorf("%s counts %d (%v), want %d", name, n, err, len(want))
		}
	}
	if got := titles(t, s); !slices.Equal(got, []string{"other", "panel"}) {
		t.Errorf("an unconfined store sees %v", got)
	}

	li := confinedAs(t, s, "Li", false)
	if _, err := li.Session(ctx, other); !errors.Is(err, ErrNotFound) {
		t.Errorf("Li opening Zhao's session: %v, want ErrNotFound", err)
	}
	nobody := confinedAs(t, s, "Nobody", false)
	if _, err := nobody.SaveAnswer(ctx, vid, "nda", &yes, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone off the panel answering: %v, want ErrNotFound", err)
	}
	if _, err := nobody.Audit(ctx, vid); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone off the panel reading the history: %v, want ErrNotFound", err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Panel) != 2 || !slices.Equal(sess.Viewers, []string{"Chen"}) {
		t.Errorf("panel %v viewers %v: nobody joined by writing", sess.Panel, sess.Viewers)
	}
	for name, want := range map[string]bool{"Li": true, "Chen": false, "Wang": false} {
		list, err := confinedAs(t, s, name, false).ListSessions(ctx, "", 0, 10)
		if err != nil || len(list) != 1 || list[0].Blinded != want {
			t.Errorf("%s's list in blind review: %+v %v, want blinded %v", name, list, err, want)
		}
	}
	chen := confinedAs(t, s, "Chen", false)
	if sess, err := chen.Session(ctx, sid); err != nil || len(sess.Vendors) != 1 {
		t.Errorf("the viewer reading the session: %v", err)
	}
	// A viewer of the session, whatever their role on the server, is told so.
	if _, err := chen.SaveAnswer(ctx, vid, "nda", &yes, 0); !errors.Is(err, ErrViewOnly) {
		t.Errorf("the session's viewer answering: %v, want ErrViewOnly", err)
	}
	if _, err := chen.AddVendor(ctx, sid, "Gamma", ""); !errors.Is(err, ErrViewOnly) {
		t.Errorf("the session's viewer adding a vendor: %v, want ErrViewOnly", err)
	}
}

func TestMembersOnlyLeadsChangeTheSession(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	li := confinedAs(t, s, "Li", true)
	wang := confinedAs(t, s, "Wang", true)

	leadOnly := map[string]func(st *Store) error{
		"add evaluator": func(st *Store) error { return st.AddEvaluator(ctx, sid, "Sun", rubric.Member) },
		"add viewer":    func(st *Store) error { return st.AddViewer(ctx, sid, "Sun") },
		"blind review":  func(st *Store) error { return st.SetBlind(ctx, sid, false) },
		"weights":       func(st *Store) error { return st.SaveProfile(ctx, sid, rubric.DefaultProfile) },
		"rename": func(st *Store) error {
			return st.UpdateSessionMeta(ctx, sid, SessionMeta{Title: "x", Evaluator: "Wang"})
		},
		"remove vendor": func(st *Store) error { return st.RemoveVendor(ctx, vid) },
		"delete":        func(st *Store) error { return st.DeleteSession(ctx, sid) },
	}
	for what, change := range leadOnly {
		if err := change(li); !errors.Is(err, ErrLeadOnly) {
			t.Errorf("an evaluator's %s: %v, want ErrLeadOnly", what, err)
		}
	}
	// An evaluator answers and adds vendors.
	if _, err := li.SaveAnswer(ctx, vid, "nda", &yes, 0); err != nil {
		t.Errorf("the evaluator answering: %v", err)
	}
	if _, err := li.AddVendor(ctx, sid, "Beta", ""); err != nil {
		t.Errorf("the evaluator adding a vendor: %v", err)
	}
	// The lead may, but not rename themselves out of sight.
	if err := wang.AddViewer(ctx, sid, "Chen"); err != nil {
		t.Errorf("the lead adding a viewer: %v", err)
	}
	if err := wang.AddEvaluator(ctx, sid, "Chen", rubric.Member); err == nil {
		t.Error("a viewer's name added as an evaluator too")
	}
	err := wang.UpdateSessionMeta(ctx, sid, SessionMeta{Title: "panel", Evaluator: "Wang Two"})
	var evErr *EvaluatorError
	if !errors.As(err, &evErr) {
		t.Errorf("the lead renaming themselves: %v, want an *EvaluatorError", err)
	}
	if err := wang.DeleteSession(ctx, sid); err != nil {
		t.Errorf("the lead deleting: %v", err)
	}
}

func TestMembersOnlyStartingSessions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	evaluator := confinedAs(t, s, "Li", false)
	if _, err := evaluator.CreateSession(ctx, SessionMeta{Title: "mine"}); !errors.Is(err, ErrMayNotStart) {
		t.Errorf("an evaluator starting a session: %v, want ErrMayNotStart", err)
	}
	if _, err := evaluator.ImportSession(ctx, rubric.Session{Title: "mine"}); !errors.Is(err, ErrMayNotStart) {
		t.Errorf("an evaluator importing a session: %v, want ErrMayNotStart", err)
	}

	lead := confinedAs(t, s, "Wang", true)
	id, err := lead.CreateSession(ctx, SessionMeta{Title: "started", Evaluator: "someone else"})
	if err != nil {
		t.Fatal(err)
	}
	imported, err := lead.ImportSession(ctx, rubric.Session{Title: "brought", Evaluator: "Zhao", Requirements: rubric.DefaultRequirements(),
		Panel: []rubric.Evaluator{{Name: "Zhao", Role: rubric.Lead}, {Name: "Wang", Role: rubric.Member}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, sid := range []int64{id, imported} {
		sess, err := lead.Session(ctx, sid)
		if err != nil {
			t.Fatalf("the lead cannot see what they brought: %v", err)
		}
		if !slices.ContainsFunc(sess.Panel, func(e rubric.Evaluator) bool { return e.Name == "Wang" && e.Role == rubric.Lead }) {
			t.Errorf("%q: panel %v, want Wang as a lead", sess.Title, sess.Panel)
		}
	}
	if got := titles(t, lead); !slices.Equal(got, []string{"brought", "started"}) {
		t.Errorf("the lead sees %v", got)
	}
}

// A vendor's engagement is its session's lead's to start; its figures are any
// panel member's to enter; someone off the panel reads none of it.
func TestMembersOnlyMonitoring(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	li, wang, nobody := confinedAs(t, s, "Li", false), confinedAs(t, s, "Wang", true), confinedAs(t, s, "Nobody", true)
	if err := li.StartEngagement(ctx, vid, trialOf(t)); !errors.Is(err, ErrLeadOnly) {
		t.Errorf("an evaluator starting the engagement: %v, want ErrLeadOnly", err)
	}
	if err := wang.StartEngagement(ctx, vid, trialOf(t)); err != nil {
		t.Fatalf("the lead starting the engagement: %v", err)
	}
	if err := li.SavePeriod(ctx, vid, month("2027-01", 800), false); err != nil {
		t.Errorf("an evaluator entering a month: %v", err)
	}
	if err := nobody.SavePeriod(ctx, vid, month("2027-02", 800), false); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone off the panel entering a month: %v, want ErrNotFound", err)
	}
	if _, err := nobody.Monitoring(ctx, vid); !errors.Is(err, ErrNotFound) {
		t.Errorf("someone off the panel reading the monitoring: %v, want ErrNotFound", err)
	}
	if ids, err := nobody.EngagedVendors(ctx, sid); !errors.Is(err, ErrNotFound) || len(ids) != 0 {
		t.Errorf("someone off the panel listing engaged vendors: %v %v", ids, err)
	}
	if rec, err := li.Monitoring(ctx, vid); err != nil || len(rec.Periods) != 1 {
		t.Errorf("the evaluator reading the monitoring: %d periods, %v", len(rec.Periods), err)
	}
}

// A session's viewers are kept when it is imported, and a viewer who is on the
// panel too is refused with nothing written.
func TestImportKeepsTheViewers(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sess := rubric.Session{Title: "imported", Evaluator: "Wang", Requirements: rubric.DefaultRequirements(),
		Panel: []rubric.Evaluator{{Name: "Wang", Role: rubric.Lead}}, Viewers: []string{"Chen"}}
	id, err := s.ImportSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(stored.Viewers, []string{"Chen"}) || !slices.Equal(stored.Rubric().Viewers, []string{"Chen"}) {
		t.Errorf("viewers %v after import (%v in the scoring view)", stored.Viewers, stored.Rubric().Viewers)
	}
	sess.Viewers = []string{"Wang"}
	if _, err := s.ImportSession(ctx, sess); !errors.Is(err, ErrDuplicateEvaluator) {
		t.Errorf("a viewer on the panel too: %v, want ErrDuplicateEvaluator", err)
	}
	if n := count(t, s, "SELECT count(*) FROM sessions"); n != 1 {
		t.Errorf("%d sessions after a refused import", n)
	}
}
