package db

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"strings"
	"testing"

	"vendorvet/panel"
	"vendorvet/rubric"
)

var (
	yes = rubric.Value{Tri: rubric.Yes}
	no  = rubric.Value{Tri: rubric.No}
)

// actingAs opens a second store on s's file that writes as name, as another
// evaluator's window would.
func actingAs(t *testing.T, s *Store, name string) *Store {
	t.Helper()
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if err := other.ActAs(name); err != nil {
		t.Fatal(err)
	}
	return other
}

// panelSession is a session for an e-commerce company on the web, whose lead is
// Wang, with one vendor.
func panelSession(t *testing.T, s *Store) (sessionID, vendorID int64) {
	t.Helper()
	ctx := context.Background()
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "panel", Evaluator: "Wang", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	req := rubric.DefaultRequirements()
	req.Channels, req.Industry = []string{"web"}, "ecommerce"
	if err := s.ChangeRequirements(ctx, sid, rubric.DefaultRequirements(), req); err != nil {
		t.Fatal(err)
	}
	vid, err := s.AddVendor(ctx, sid, "Alpha", "")
	if err != nil {
		t.Fatal(err)
	}
	return sid, vid
}

func mustAnswer(t *testing.T, s *Store, vendorID int64, question string, v *rubric.Value) int64 {
	t.Helper()
	version, err := s.SaveAnswer(context.Background(), vendorID, question, v, 0)
	if err != nil {
		t.Fatalf("%s: %v", question, err)
	}
	return version
}

func mustSession(t *testing.T, s *Store, id int64) *Session {
	t.Helper()
	sess, err := s.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// cachedCard is a vendor's cached total, band, answered and applicable.
func cachedCard(t *testing.T, s *Store, vendorID int64) rubric.Scorecard {
	t.Helper()
	var c rubric.Scorecard
	var band string
	if err := s.db.QueryRow("SELECT total, band, answered, applicable FROM vendors WHERE id = ?", vendorID).
		Scan(&c.Total, &band, &c.Answered, &c.Applicable); err != nil {
		t.Fatal(err)
	}
	c.Band = rubric.Band(band)
	return c
}

// assertConsensusCached checks that every vendor's cached scorecard is its
// consensus scored, as Rubric gives it.
func assertConsensusCached(t *testing.T, s *Store, sessionID int64) {
	t.Helper()
	sess := mustSession(t, s, sessionID)
	judged := sess.Rubric()
	for i, v := range judged.Vendors {
		want := rubric.ScoreVendor(sess.Requirements, v, sess.Profile)
		got := cachedCard(t, s, sess.Vendors[i].ID)
		if got.Total != want.Total || got.Band != want.Band || got.Answered != want.Answered || got.Applicable != want.Applicable {
			t.Errorf("%s: cached %v %s %d/%d, consensus scores %v %s %d/%d", v.Name, got.Total, got.Band, got.Answered, got.Applicable,
				want.Total, want.Band, want.Answered, want.Applicable)
		}
	}
}

// Two evaluators answering the same question of the same vendor both keep their
// answer; neither conflicts with the other, while two windows of one evaluator
// still do.
func TestTwoEvaluatorsKeepTheirOwnAnswers(t *testing.T) {
	ctx := context.Background()
	lead := openTemp(t)
	sid, vid := panelSession(t, lead)
	legal := actingAs(t, lead, "法务 Legal")

	leadVersion := mustAnswer(t, lead, vid, "nda", &yes)
	legalVersion, err := legal.SaveAnswer(ctx, vid, "nda", &no, 0)
	if err != nil {
		t.Fatalf("a second evaluator's answer to the same question: %v", err)
	}
	if err := lead.ChangeNote(ctx, vid, 2, "", "signed copy seen"); err != nil {
		t.Fatal(err)
	}
	if err := legal.ChangeNote(ctx, vid, 2, "", "clause 7 missing"); err != nil {
		t.Fatalf("a second evaluator's note on the same step: %v", err)
	}
	if err := lead.SaveDraft(ctx, vid, "fcr_pct", "8a"); err != nil {
		t.Fatal(err)
	}
	if err := legal.SetEvidence(ctx, vid, "nda", rubric.Evidence{Source: "document", Seen: "2026-03-01"}); err != nil {
		t.Fatal(err)
	}

	mine, theirs := mustSession(t, lead, sid), mustSession(t, legal, sid)
	if mine.Acting != "Wang" || theirs.Acting != "法务 Legal" {
		t.Errorf("read as %q and %q", mine.Acting, theirs.Acting)
	}
	if want := []rubric.Evaluator{{Name: "Wang", Role: rubric.Lead}, {Name: "法务 Legal", Role: rubric.Member}}; !reflect.DeepEqual(theirs.Panel, want) {
		t.Errorf("panel %+v, want %+v", theirs.Panel, want)
	}
	m, o := mine.Vendors[0], theirs.Vendors[0]
	if !reflect.DeepEqual(m.Answers["nda"], yes) || !reflect.DeepEqual(o.Answers["nda"], no) {
		t.Errorf("own answers: lead %+v, legal %+v", m.Answers, o.Answers)
	}
	if m.Versions["nda"] != leadVersion || o.Versions["nda"] != legalVersion || leadVersion == legalVersion {
		t.Errorf("versions: lead %v (saved %d), legal %v (saved %d)", m.Versions, leadVersion, o.Versions, legalVersion)
	}
	if m.Notes[2] != "signed copy seen" || o.Notes[2] != "clause 7 missing" {
		t.Errorf("own notes: lead %q, legal %q", m.Notes[2], o.Notes[2])
	}
	if m.Drafts["fcr_pct"] != "8a" || len(o.Drafts) != 0 {
		t.Errorf("drafts: lead %v, legal %v", m.Drafts, o.Drafts)
	}
	if len(m.Evidence) != 0 || o.Evidence["nda"].Source != "document" {
		t.Errorf("evidence: lead %v, legal %v", m.Evidence, o.Evidence)
	}
	for _, v := range []Vendor{m, o} {
		if !reflect.DeepEqual(v.Panel["Wang"]["nda"], yes) || !reflect.DeepEqual(v.Panel["法务 Legal"]["nda"], no) {
			t.Errorf("panel's answers %+v", v.Panel)
		}
		if v.PanelNotes["Wang"][2] != "signed copy seen" || v.PanelNotes["法务 Legal"][2] != "clause 7 missing" {
			t.Errorf("panel's notes %+v", v.PanelNotes)
		}
	}
	if got, version, err := legal.Answer(ctx, vid, "nda"); err != nil || got == nil || !reflect.DeepEqual(*got, no) || version != legalVersion {
		t.Errorf("legal's answer reloaded: %v %d %v", got, version, err)
	}

	// The lead's second window, which saw nothing yet, conflicts with the lead only.
	again := actingAs(t, lead, "Wang")
	_, err = again.SaveAnswer(ctx, vid, "nda", &no, 0)
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Current == nil || !reflect.DeepEqual(*ce.Current, yes) || ce.Version != leadVersion {
		t.Errorf("the same evaluator's stale save: %v, want a conflict with the lead's yes", err)
	}
	if err := again.ChangeNote(ctx, vid, 2, "", "other"); !errors.Is(err, ErrConflict) {
		t.Errorf("the same evaluator's stale note: %v", err)
	}
	assertConsensusCached(t, lead, sid)
}

// setPanel gives one vendor the answers of three evaluators, Wang the lead first.
func setPanel(t *testing.T, s *Store, vendorID int64, answers map[string]map[string]rubric.Value) {
	t.Helper()
	for _, name := range []string{"Wang", "Li", "Zhao"} {
		w := actingAs(t, s, name)
		for q, v := range answers[name] {
			mustAnswer(t, w, vendorID, q, &v)
		}
	}
}

// The consensus, and so the cached score, follows the panel's rules: a majority
// answer stands over the lead's, a split leaves the answer unknown, a number is the
// median, and the lead's decision stands over them all.
func TestConsensusFollowsThePanelRules(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	setPanel(t, s, vid, map[string]map[string]rubric.Value{
		// The lead alone says no NDA, a knockout: the majority says yes.
		"Wang": {"nda": no, "hours": {Str: "7x12"}, "fcr_pct": {Num: 70}, "business_license": yes},
		"Li":   {"nda": yes, "hours": {Str: "7x16"}, "fcr_pct": {Num: 90}, "business_license": yes},
		"Zhao": {"nda": yes, "hours": {Str: "7x24"}, "fcr_pct": {Num: 85}, "business_license": yes},
	})
	sess := mustSession(t, s, sid)
	if n := len(sess.Panel); n != 3 {
		t.Fatalf("panel of %d", n)
	}
	judged := sess.Rubric().Vendors[0].Answers
	if !reflect.DeepEqual(judged["nda"], yes) {
		t.Errorf("two yes and one no: consensus %+v, want yes", judged["nda"])
	}
	if _, ok := judged["hours"]; ok {
		t.Errorf("three hours, a split: consensus %+v, want unknown", judged["hours"])
	}
	if judged["fcr_pct"].Num != 85 {
		t.Errorf("70, 90 and 85: consensus %v, want the median 85", judged["fcr_pct"].Num)
	}
	// What panel.Evaluate makes of the same answers is what the store caches.
	v := sess.Vendors[0]
	evaluated := panel.Evaluate(func(a rubric.Answers) rubric.Scorecard {
		return rubric.ScoreVendor(sess.Requirements, rubric.Vendor{Answers: a}, sess.Profile)
	}, []string{"Wang", "Li", "Zhao"}, v.Panel, nil)
	card := cachedCard(t, s, vid)
	if card.Total != evaluated.Card.Total || card.Band != evaluated.Card.Band {
		t.Errorf("cached %v %s, panel.Evaluate %v %s", card.Total, card.Band, evaluated.Card.Total, evaluated.Card.Band)
	}
	if card.Band == rubric.Disqualified {
		t.Error("disqualified by the lead's lone no")
	}
	if lone := rubric.ScoreVendor(sess.Requirements, rubric.Vendor{Answers: v.Panel["Wang"]}, sess.Profile); lone.Band != rubric.Disqualified {
		t.Fatalf("the lead's own answers are not disqualified (%s): the test proves nothing", lone.Band)
	}
	if got := sess.Evaluate(&v); got.Card.Total != card.Total || len(got.Members) != 3 || len(got.Disagreements()) == 0 {
		t.Errorf("Session.Evaluate: total %v, %d members, %d disagreements", got.Card.Total, len(got.Members), len(got.Disagreements()))
	}
	assertConsensusCached(t, s, sid)

	// The lead decides: no NDA after all. The decision stands over the majority.
	if err := s.Decide(ctx, vid, "nda", &no, "the NDA on file is unsigned"); err != nil {
		t.Fatal(err)
	}
	if card := cachedCard(t, s, vid); card.Band != rubric.Disqualified {
		t.Errorf("after the lead decided no: %s", card.Band)
	}
	sess = mustSession(t, s, sid)
	d, ok := sess.Vendors[0].Decisions["nda"]
	if !ok || !d.Known || !reflect.DeepEqual(d.Value, no) || d.Reason != "the NDA on file is unsigned" || d.By != "Wang" || d.At == 0 {
		t.Errorf("decision %+v", d)
	}
	assertConsensusCached(t, s, sid)
	// Decided unknown: no answer stands, the majority's yes included.
	if err := s.Decide(ctx, vid, "nda", nil, "to be checked with the signed copy"); err != nil {
		t.Fatal(err)
	}
	sess = mustSession(t, s, sid)
	if a, ok := sess.Rubric().Vendors[0].Answers["nda"]; ok || sess.Vendors[0].Decisions["nda"].Known {
		t.Errorf("decided unknown: consensus %+v", a)
	}
	assertConsensusCached(t, s, sid)
}

// Only those who have answered a vendor, or submitted it, take part in its
// consensus, and a question left unknown is no vote: a member who has not turned
// to the vendor changes nothing, nor does one who submitted having answered nothing.
func TestWhoTakesPartInAConsensus(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	mustAnswer(t, s, vid, "nda", &yes)
	before := cachedCard(t, s, vid)
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	if after := cachedCard(t, s, vid); after.Total != before.Total || after.Band != before.Band {
		t.Errorf("a member who answered nothing moved the score: %v → %v", before.Total, after.Total)
	}
	if a := mustSession(t, s, sid).Rubric().Vendors[0].Answers; !reflect.DeepEqual(a["nda"], yes) {
		t.Errorf("consensus %+v, want the lead's yes", a)
	}
	li := actingAs(t, s, "Li")
	if err := li.Submit(ctx, vid); err != nil {
		t.Fatal(err)
	}
	// Li abstains: the lead's yes is the only vote.
	if a := mustSession(t, s, sid).Rubric().Vendors[0].Answers; !reflect.DeepEqual(a["nda"], yes) {
		t.Errorf("consensus after Li submitted nothing: %+v, want the lead's yes", a)
	}
	assertConsensusCached(t, s, sid)
}

// Evidence is scored with the strongest each question has, whoever recorded it;
// notes in reports are every evaluator's, each under their name.
func TestTheConsensusHasThePanelsEvidenceAndNotes(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	li := actingAs(t, s, "Li")
	mustAnswer(t, s, vid, "nda", &yes)
	mustAnswer(t, li, vid, "nda", &yes)
	// The lead has the vendor's word only; Li saw the signed document.
	if err := s.SetEvidence(ctx, vid, "nda", rubric.Evidence{Source: "vendor", Seen: "2026-03-02"}); err != nil {
		t.Fatal(err)
	}
	if card := cachedCard(t, s, vid); card.Band == rubric.Disqualified {
		t.Fatalf("band %s", card.Band)
	}
	flagged := func() bool {
		sess := mustSession(t, s, sid)
		card := rubric.ScoreVendor(sess.Requirements, sess.Rubric().Vendors[0], sess.Profile)
		for _, f := range card.Flags {
			if f.Code == "unverified" && f.Question == "nda" {
				return true
			}
		}
		return false
	}
	if !flagged() {
		t.Fatal("the vendor's word alone is not flagged unverified: the test proves nothing")
	}
	if err := li.SetEvidence(ctx, vid, "nda", rubric.Evidence{Source: "document", Seen: "2026-03-01"}); err != nil {
		t.Fatal(err)
	}
	if flagged() {
		t.Error("Li's document does not verify the consensus")
	}
	if got := mustSession(t, s, sid).Rubric().Vendors[0].Evidence["nda"].Source; got != "document" {
		t.Errorf("the consensus's evidence is %q, want the document", got)
	}
	assertConsensusCached(t, s, sid)

	if err := s.ChangeNote(ctx, vid, 3, "", "fast replies"); err != nil {
		t.Fatal(err)
	}
	if got := mustSession(t, s, sid).Rubric().Vendors[0].Notes[3]; got != "fast replies" {
		t.Errorf("one author's note in the report: %q", got)
	}
	if err := li.ChangeNote(ctx, vid, 3, "", "slow at night"); err != nil {
		t.Fatal(err)
	}
	if got, want := mustSession(t, s, sid).Rubric().Vendors[0].Notes[3], "Wang: fast replies\n\nLi: slow at night"; got != want {
		t.Errorf("two authors' notes in the report: %q, want %q", got, want)
	}
}

// A decision by an evaluator who is not a lead is refused, and nothing is
// written: no decision, no history, no new member, no change to the session.
func TestDecisionByNonLeadIsRefused(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	mustAnswer(t, s, vid, "nda", &yes)
	// Li answered before, so is on the panel; Zhao has never written.
	li := actingAs(t, s, "Li")
	mustAnswer(t, li, vid, "nda", &no)
	zhao := actingAs(t, s, "Zhao")

	tables := func() map[string]int {
		out := map[string]int{}
		for _, table := range []string{"decisions", "audit", "evaluators", "answers"} {
			out[table] = count(t, s, "SELECT count(*) FROM "+table)
		}
		return out
	}
	before := tables()
	updated := mustSession(t, s, sid).UpdatedAt
	for name, store := range map[string]*Store{"Li": li, "Zhao": zhao} {
		err := store.Decide(ctx, vid, "nda", &no, "I read the contract")
		var de *DecisionError
		var fe *rubric.FieldError
		if !errors.Is(err, ErrNotLead) || !errors.As(err, &de) || de.Question != "nda" || !errors.As(err, &fe) || fe.Message.ZH == "" {
			t.Errorf("%s decided: %v", name, err)
		}
	}
	if err := s.Decide(ctx, vid, "nda", &no, "  \n "); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("a decision without a reason: %v", err)
	}
	if err := s.Decide(ctx, vid, "no_such_question", &no, "because"); err == nil {
		t.Error("a decision on a question there is not")
	}
	if after := tables(); !maps.Equal(after, before) {
		t.Errorf("rows %v after the refusals, %v before", after, before)
	}
	if sess := mustSession(t, s, sid); !sess.UpdatedAt.Equal(updated) || len(sess.Vendors[0].Decisions) != 0 {
		t.Errorf("the session changed: %v → %v, decisions %v", updated, sess.UpdatedAt, sess.Vendors[0].Decisions)
	}
	// A lead added to the panel may decide.
	if err := s.AddEvaluator(ctx, sid, "Chen", rubric.Lead); err != nil {
		t.Fatal(err)
	}
	if err := actingAs(t, s, "Chen").Decide(ctx, vid, "nda", &yes, "countersigned"); err != nil {
		t.Errorf("a second lead's decision: %v", err)
	}
}

// historyOf reads a vendor's history, failing the test on an error.
func historyOf(t *testing.T, s *Store, vendorID int64) []AuditEntry {
	t.Helper()
	h, err := s.Audit(context.Background(), vendorID)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func text(s string) *string { return &s }

// Every kind of change writes exactly one row of the vendor's history, with what
// was stored before and after; a write that changes nothing, or is refused,
// writes none.
func TestEveryChangeWritesOneHistoryRow(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	_, vid := panelSession(t, s)
	li := actingAs(t, s, "Li")
	var version int64
	steps := []struct {
		name  string
		write func() error
		want  *AuditEntry // nil: no row
	}{
		{"answer", func() (err error) { version, err = s.SaveAnswer(ctx, vid, "nda", &yes, 0); return },
			&AuditEntry{Evaluator: "Wang", Kind: AuditAnswer, Key: "nda", After: text(`"yes"`)}},
		{"answer changed", func() (err error) { version, err = s.SaveAnswer(ctx, vid, "nda", &no, version); return },
			&AuditEntry{Evaluator: "Wang", Kind: AuditAnswer, Key: "nda", Before: text(`"yes"`), After: text(`"no"`)}},
		{"answer refused as a conflict", func() error { _, err := s.SaveAnswer(ctx, vid, "nda", &yes, 0); return nil2(err, ErrConflict) }, nil},
		{"answer saved as it is", func() (err error) { version, err = s.SaveAnswer(ctx, vid, "nda", &no, 0); return }, nil},
		{"answer made unknown", func() error { _, err := s.SaveAnswer(ctx, vid, "nda", nil, version); return err },
			&AuditEntry{Evaluator: "Wang", Kind: AuditAnswer, Key: "nda", Before: text(`"no"`)}},
		{"another evaluator's answer", func() error { _, err := li.SaveAnswer(ctx, vid, "fcr_pct", &rubric.Value{Num: 80}, 0); return err },
			&AuditEntry{Evaluator: "Li", Kind: AuditAnswer, Key: "fcr_pct", After: text("80")}},
		{"note", func() error { return s.ChangeNote(ctx, vid, 4, "", "good trainers") },
			&AuditEntry{Evaluator: "Wang", Kind: AuditNote, Key: "4", After: text("good trainers")}},
		{"note saved as it is", func() error { return s.ChangeNote(ctx, vid, 4, "", "good trainers") }, nil},
		{"evidence", func() error {
			return s.SetEvidence(ctx, vid, "business_license", rubric.Evidence{Source: "registry", Seen: "2026-03-01", Link: "https://gsxt.gov.cn/?q=a&b", ValidUntil: "2030-01-01"})
		}, &AuditEntry{Evaluator: "Wang", Kind: AuditEvidence, Key: "business_license",
			After: text(`{"source":"registry","seen":"2026-03-01","link":"https://gsxt.gov.cn/?q=a&b","valid_until":"2030-01-01"}`)}},
		{"evidence saved as it is", func() error {
			return s.SetEvidence(ctx, vid, "business_license", rubric.Evidence{Source: "registry", Seen: "2026-03-01", Link: "https://gsxt.gov.cn/?q=a&b", ValidUntil: "2030-01-01"})
		}, nil},
		{"evidence removed", func() error { return s.RemoveEvidence(ctx, vid, "business_license") },
			&AuditEntry{Evaluator: "Wang", Kind: AuditEvidence, Key: "business_license",
				Before: text(`{"source":"registry","seen":"2026-03-01","link":"https://gsxt.gov.cn/?q=a&b","valid_until":"2030-01-01"}`)}},
		{"evidence there is not removed", func() error { return s.RemoveEvidence(ctx, vid, "business_license") }, nil},
		{"decision", func() error { return s.Decide(ctx, vid, "hours", &rubric.Value{Str: "7x24"}, "seen the rota") },
			&AuditEntry{Evaluator: "Wang", Kind: AuditDecision, Key: "hours", After: text(`{"value":"7x24","reason":"seen the rota"}`)}},
		{"decision made again", func() error { return s.Decide(ctx, vid, "hours", &rubric.Value{Str: "7x24"}, "seen the rota") }, nil},
		{"decision changed to unknown", func() error { return s.Decide(ctx, vid, "hours", nil, "the rota is a draft") },
			&AuditEntry{Evaluator: "Wang", Kind: AuditDecision, Key: "hours",
				Before: text(`{"value":"7x24","reason":"seen the rota"}`), After: text(`{"value":null,"reason":"the rota is a draft"}`)}},
		{"decision refused", func() error { return nil2(li.Decide(ctx, vid, "hours", nil, "no"), ErrNotLead) }, nil},
		{"submission", func() error { return li.Submit(ctx, vid) },
			&AuditEntry{Evaluator: "Li", Kind: AuditSubmit, After: text("submitted")}},
		{"submitted again", func() error { return li.Submit(ctx, vid) }, nil},
		{"draft, which has no history", func() error { return s.SaveDraft(ctx, vid, "fcr_pct", "9x") }, nil},
	}
	var last []AuditEntry
	for _, step := range steps {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		h := historyOf(t, s, vid)
		added := h[len(last):]
		switch {
		case len(last) > 0 && !reflect.DeepEqual(h[:len(last)], last):
			t.Fatalf("%s: earlier rows changed:\n%+v\n%+v", step.name, last, h[:len(last)])
		case step.want == nil && len(added) != 0:
			t.Errorf("%s: wrote %d rows, want none: %+v", step.name, len(added), added[0])
		case step.want != nil && len(added) != 1:
			t.Errorf("%s: wrote %d rows, want one", step.name, len(added))
		case step.want != nil:
			got, want := added[0], *step.want
			if got.Evaluator != want.Evaluator || got.Kind != want.Kind || got.Key != want.Key ||
				!sameText(got.Before, want.Before) || !sameText(got.After, want.After) || got.At.IsZero() {
				t.Errorf("%s: row %s %s %q %v → %v, want %s %s %q %v → %v", step.name, got.Evaluator, got.Kind, got.Key,
					deref(got.Before), deref(got.After), want.Evaluator, want.Kind, want.Key, deref(want.Before), deref(want.After))
			}
		}
		last = h
	}
	for i := 1; i < len(last); i++ {
		if last[i].At.Before(last[i-1].At) || last[i].ID <= last[i-1].ID {
			t.Errorf("history out of order at %d: %+v", i, last)
		}
	}
}

// nil2 is nil when err is target, so that a refusal a test expects passes.
func nil2(err, target error) error {
	if errors.Is(err, target) {
		return nil
	}
	if err == nil {
		return errors.New("not refused")
	}
	return err
}

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

// A note saved again and again as it is typed is one row of history, from the
// text before the first save to the last; anything else in between, or a note
// typed back to what it was, starts over or leaves none.
func TestNoteTypedIsOneHistoryRow(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	_, vid := panelSession(t, s)
	typed := ""
	for _, r := range "checked" {
		next := typed + string(r)
		if err := s.ChangeNote(ctx, vid, 2, typed, next); err != nil {
			t.Fatal(err)
		}
		typed = next
	}
	h := historyOf(t, s, vid)
	if len(h) != 1 || h[0].Before != nil || deref(h[0].After) != "checked" {
		t.Fatalf("a note typed letter by letter: %d rows, first %+v", len(h), h)
	}
	mustAnswer(t, s, vid, "nda", &yes)
	for _, next := range []string{"checked!", "checked!!"} {
		if err := s.ChangeNote(ctx, vid, 2, typed, next); err != nil {
			t.Fatal(err)
		}
		typed = next
	}
	h = historyOf(t, s, vid)
	if len(h) != 3 || deref(h[2].Before) != "checked" || deref(h[2].After) != "checked!!" {
		t.Errorf("typing on after an answer: %d rows, last %s → %s", len(h), deref(h[len(h)-1].Before), deref(h[len(h)-1].After))
	}
	// Another step is another note.
	if err := s.ChangeNote(ctx, vid, 3, "", "x"); err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeNote(ctx, vid, 3, "x", ""); err != nil {
		t.Fatal(err)
	}
	if h := historyOf(t, s, vid); len(h) != 3 {
		t.Errorf("a note typed and taken back left %d rows, want the 3 before it", len(h))
	}
}

// Removing a vendor removes everything the panel gave it; its history stays in the
// session, tied to no vendor, and a vendor that takes its id starts with none.
// Deleting the session removes its panel and its history.
func TestRemovingAVendorRemovesItsPanelRows(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	keep, err := s.AddVendor(ctx, sid, "Beta", "")
	if err != nil {
		t.Fatal(err)
	}
	li := actingAs(t, s, "Li")
	for _, w := range []*Store{s, li} {
		for _, v := range []int64{vid, keep} {
			mustAnswer(t, w, v, "nda", &yes)
			if err := w.ChangeNote(ctx, v, 2, "", "n"); err != nil {
				t.Fatal(err)
			}
			if err := w.SetEvidence(ctx, v, "nda", rubric.Evidence{Source: "document", Seen: "2026-03-01"}); err != nil {
				t.Fatal(err)
			}
			if err := w.SaveDraft(ctx, v, "fcr_pct", "1x"); err != nil {
				t.Fatal(err)
			}
			if err := w.Submit(ctx, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Decide(ctx, vid, "nda", &no, "r"); err != nil {
		t.Fatal(err)
	}
	if err := s.Decide(ctx, keep, "nda", &no, "r"); err != nil {
		t.Fatal(err)
	}
	tables := []string{"answers", "notes", "evidence", "drafts", "submissions", "decisions"}
	for _, table := range tables {
		if n := count(t, s, "SELECT count(*) FROM "+table+" WHERE vendor_id = ?", vid); n == 0 {
			t.Fatalf("%s holds nothing of the vendor: the test proves nothing", table)
		}
	}
	history := count(t, s, "SELECT count(*) FROM audit WHERE vendor_id = ?", vid)
	keptRows := map[string]int{}
	for _, table := range tables {
		keptRows[table] = count(t, s, "SELECT count(*) FROM "+table+" WHERE vendor_id = ?", keep)
	}

	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if n := count(t, s, "SELECT count(*) FROM "+table+" WHERE vendor_id = ?", vid); n != 0 {
			t.Errorf("%s keeps %d rows of the removed vendor", table, n)
		}
		if n := count(t, s, "SELECT count(*) FROM "+table+" WHERE vendor_id = ?", keep); n != keptRows[table] {
			t.Errorf("%s lost rows of the other vendor: %d, was %d", table, n, keptRows[table])
		}
	}
	if n := count(t, s, "SELECT count(*) FROM audit WHERE session_id = ? AND vendor_id IS NULL", sid); n != history {
		t.Errorf("%d history rows left untied, want the removed vendor's %d", n, history)
	}
	if n := count(t, s, "SELECT count(*) FROM evaluators WHERE session_id = ?", sid); n != 2 {
		t.Errorf("the session's panel has %d members after removing a vendor", n)
	}
	// SQLite gives a new row the id after the largest there is: with every vendor
	// removed, the first id is free again.
	if err := s.RemoveVendor(ctx, keep); err != nil {
		t.Fatal(err)
	}
	again, err := s.AddVendor(ctx, sid, "Gamma", "")
	if err != nil {
		t.Fatal(err)
	}
	if again != vid {
		t.Fatalf("the new vendor has id %d, not the removed %d: the test proves nothing", again, vid)
	}
	if h := historyOf(t, s, again); len(h) != 0 {
		t.Errorf("a new vendor starts with %d rows of history", len(h))
	}
	if _, err := s.Audit(ctx, keep); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of a removed vendor: %v", err)
	}

	if err := s.DeleteSession(ctx, sid); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"evaluators", "audit"} {
		if n := count(t, s, "SELECT count(*) FROM "+table+" WHERE session_id = ?", sid); n != 0 {
			t.Errorf("%s keeps %d rows of the deleted session", table, n)
		}
	}
}

// A name that is empty or too long is refused, in both languages, and the store
// goes on writing as before; the longest name there may be is taken.
func TestEvaluatorNamesAreChecked(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	for _, name := range []string{"", "  \t ", "\x07\x1b", strings.Repeat("评", EvaluatorNameLimit+1)} {
		err := s.ActAs(name)
		var ee *EvaluatorError
		var fe *rubric.FieldError
		if !errors.As(err, &ee) || !errors.As(err, &fe) || fe.Message.ZH == "" || fe.Message.EN == "" {
			t.Errorf("ActAs(%q): %v", name, err)
		}
		if err := s.AddEvaluator(ctx, sid, name, rubric.Member); !errors.As(err, &ee) {
			t.Errorf("AddEvaluator(%q): %v", name, err)
		}
	}
	mustAnswer(t, s, vid, "nda", &yes)
	if sess := mustSession(t, s, sid); sess.Acting != "Wang" || len(sess.Panel) != 1 || !reflect.DeepEqual(sess.Vendors[0].Answers["nda"], yes) {
		t.Errorf("after refused names the store acts as %q, panel %+v", sess.Acting, sess.Panel)
	}
	longest := strings.Repeat("评", EvaluatorNameLimit)
	if err := s.ActAs(" " + longest + " "); err != nil {
		t.Fatalf("a name of %d characters: %v", EvaluatorNameLimit, err)
	}
	mustAnswer(t, s, vid, "nda", &no)
	if sess := mustSession(t, s, sid); sess.Acting != longest || len(sess.Panel) != 2 || sess.Panel[1] != (rubric.Evaluator{Name: longest, Role: rubric.Member}) {
		t.Errorf("the longest name joined as %+v", sess.Panel)
	}
	err := s.AddEvaluator(ctx, sid, "Wang", rubric.Member)
	if !errors.Is(err, ErrDuplicateEvaluator) {
		t.Errorf("a name already on the panel: %v", err)
	}
	if err := s.AddEvaluator(ctx, sid, "Zhou", rubric.Role("observer")); err == nil {
		t.Error("a role there is not")
	}
	if err := s.AddEvaluator(ctx, 999, "Zhou", rubric.Member); !errors.Is(err, ErrNotFound) {
		t.Errorf("a session there is not: %v", err)
	}
}

// A session's evaluator is its lead: named when the session is made or imported,
// renamed with it, a blank one named UnnamedLead.
func TestTheSessionsEvaluatorIsItsLead(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	blank, err := s.CreateSession(ctx, SessionMeta{Title: "nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if p := mustSession(t, s, blank).Panel; !reflect.DeepEqual(p, []rubric.Evaluator{{Name: UnnamedLead, Role: rubric.Lead}}) {
		t.Errorf("panel of a session without an evaluator: %+v", p)
	}
	imported, err := s.ImportSession(ctx, rubric.Session{Title: "imported", Evaluator: " 王敏 ", Requirements: rubric.DefaultRequirements(),
		Vendors: []rubric.Vendor{{Name: "甲", Answers: rubric.Answers{"nda": yes}}}})
	if err != nil {
		t.Fatal(err)
	}
	sess := mustSession(t, s, imported)
	if !reflect.DeepEqual(sess.Panel, []rubric.Evaluator{{Name: "王敏", Role: rubric.Lead}}) || sess.Acting != "王敏" || !reflect.DeepEqual(sess.Vendors[0].Panel["王敏"]["nda"], yes) {
		t.Errorf("imported: panel %+v acting %q answers %+v", sess.Panel, sess.Acting, sess.Vendors[0].Panel)
	}

	sid, _ := panelSession(t, s)
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSessionMeta(ctx, sid, SessionMeta{Title: "panel", Evaluator: "Wang Min", Lang: rubric.EN}); err != nil {
		t.Fatal(err)
	}
	if sess := mustSession(t, s, sid); sess.Panel[0] != (rubric.Evaluator{Name: "Wang Min", Role: rubric.Lead}) || sess.Acting != "Wang Min" || sess.Evaluator != "Wang Min" {
		t.Errorf("renamed: panel %+v acting %q", sess.Panel, sess.Acting)
	}
	err = s.UpdateSessionMeta(ctx, sid, SessionMeta{Title: "renamed too", Evaluator: "Li", Lang: rubric.EN})
	if !errors.Is(err, ErrDuplicateEvaluator) {
		t.Errorf("the lead renamed as another member: %v", err)
	}
	if sess := mustSession(t, s, sid); sess.Title != "panel" || sess.Evaluator != "Wang Min" {
		t.Errorf("a refused rename changed the session: %q %q", sess.Title, sess.Evaluator)
	}
}

// Blind mode is on for a new session; an evaluator is blinded on a vendor until
// they submit it; a lead and a viewer never are.
func TestBlindModeEndsOnSubmitting(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	other, err := s.AddVendor(ctx, sid, "Beta", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Li", "Zhou"} {
		if err := s.AddEvaluator(ctx, sid, name, rubric.Member); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddViewer(ctx, sid, "Chen"); err != nil {
		t.Fatal(err)
	}
	liStore := actingAs(t, s, "Li")
	li := mustSession(t, liStore, sid)
	if !li.Blind || !li.Blinded(&li.Vendors[0]) || !li.Blinded(&li.Vendors[1]) || !li.BlindedAny() {
		t.Fatalf("a new session: blind %v", li.Blind)
	}
	if err := liStore.Submit(ctx, vid); err != nil {
		t.Fatal(err)
	}
	li = mustSession(t, liStore, sid)
	if li.Blinded(&li.Vendors[0]) || !li.Blinded(&li.Vendors[1]) || !li.Vendors[0].Submitted["Li"] {
		t.Errorf("after submitting the first vendor: blinded %v %v", li.Blinded(&li.Vendors[0]), li.Blinded(&li.Vendors[1]))
	}
	zhou := mustSession(t, actingAs(t, s, "Zhou"), sid)
	if !zhou.Blinded(&zhou.Vendors[0]) {
		t.Error("Zhou is not blinded by Li's submission")
	}
	for _, name := range []string{"Wang", "Chen"} {
		if sess := mustSession(t, actingAs(t, s, name), sid); sess.Blinded(&sess.Vendors[0]) || sess.BlindedAny() {
			t.Errorf("%s, who sees all, is blinded", name)
		}
	}
	if err := s.SetBlind(ctx, sid, false); err != nil {
		t.Fatal(err)
	}
	if sess := mustSession(t, actingAs(t, s, "Zhou"), sid); sess.Blind || sess.Blinded(&sess.Vendors[1]) {
		t.Error("blind mode stays on")
	}
	if err := s.SetBlind(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("a session there is not: %v", err)
	}
	if err := s.Submit(ctx, other+100); !errors.Is(err, ErrNotFound) {
		t.Errorf("a vendor there is not: %v", err)
	}
}

// A panel of one reads as the one evaluator always did: the consensus is their
// answers exactly as stored, an answer that says nothing included.
func TestAPanelOfOneReadsAsBefore(t *testing.T) {
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	mustAnswer(t, s, vid, "nda", &yes)
	// An empty list of channels says nothing, and is kept as it is.
	mustAnswer(t, s, vid, "channels", &rubric.Value{Set: []string{}})
	sess := mustSession(t, s, sid)
	judged := sess.Rubric().Vendors[0]
	if !reflect.DeepEqual(judged, sess.Vendors[0].Vendor) {
		t.Errorf("a panel of one's vendor as judged:\n%+v\nas stored:\n%+v", judged, sess.Vendors[0].Vendor)
	}
	assertCachedScores(t, s, sid)
	assertConsensusCached(t, s, sid)
}

// Every write of the panel marks the session changed, as every other write does:
// the sessions list is ordered by it.
func TestPanelWritesBumpTheSession(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	writes := []struct {
		name  string
		write func() error
	}{
		{"add evaluator", func() error { return s.AddEvaluator(ctx, sid, "Li", rubric.Member) }},
		{"blind mode", func() error { return s.SetBlind(ctx, sid, false) }},
		{"submit", func() error { return s.Submit(ctx, vid) }},
		{"decide", func() error { return s.Decide(ctx, vid, "nda", &yes, "seen") }},
	}
	last := mustSession(t, s, sid).UpdatedAt
	for _, w := range writes {
		if err := w.write(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		now := mustSession(t, s, sid).UpdatedAt
		if !now.After(last) {
			t.Errorf("%s left the session's last change at %v", w.name, now)
		}
		last = now
	}
}

// In blind review the sessions list keeps the leading vendor from an evaluator who
// is not a lead, as the session does; the lead, and the list of no one in
// particular, see it.
func TestListHidesTheLeaderInBlindReview(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := panelSession(t, s)
	mustAnswer(t, s, vid, "nda", &yes)
	if err := s.AddEvaluator(ctx, sid, "Li", rubric.Member); err != nil {
		t.Fatal(err)
	}
	lead, _ := s.ListSessions(ctx, "", 0, 10)
	if !lead[0].HasLead || lead[0].Blinded {
		t.Fatalf("the lead's list: %+v", lead[0])
	}
	li := actingAs(t, s, "Li")
	rows, _ := li.ListSessions(ctx, "", 0, 10)
	if rows[0].HasLead || !rows[0].Blinded {
		t.Errorf("a blind evaluator's list shows the leader: %+v", rows[0])
	}
	if err := s.SetBlind(ctx, sid, false); err != nil {
		t.Fatal(err)
	}
	if rows, _ := li.ListSessions(ctx, "", 0, 10); !rows[0].HasLead {
		t.Errorf("blind review off, the leader is still hidden: %+v", rows[0])
	}
}
