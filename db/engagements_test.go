package db

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"vendorvet/monitor"
)

// trialOf is a three-month trial from 2027-01-01 with an FCR and a CSAT target.
func trialOf(t *testing.T) monitor.Engagement {
	t.Helper()
	from, _ := monitor.ParseDate("2027-01-01")
	return monitor.Engagement{
		TrialStart: from, TrialDays: 90, Kind: monitor.Monthly,
		SLA: monitor.SLA{Definition: monitor.DefaultSLDefinition, MonthlyFee: 120000,
			Schedule: monitor.Schedule{Tiers: []monitor.Tier{{Shortfall: 1, Percent: 2}, {Shortfall: 3, Percent: 5}}, Cap: 10, EarnBack: 2, ChronicMisses: 2},
			Targets:  []monitor.Target{{KPI: monitor.FCR, Value: 0.85}, {KPI: monitor.CSAT, Value: 0.9}}},
		ThresholdS: 30, FeeSource: monitor.FeeFromQuote, FeeBasis: "per_hour",
		Origins: map[monitor.KPI]string{monitor.FCR: "fcr_pct"},
	}
}

func month(label string, fcr int) monitor.Period {
	return monitor.Period{Label: label, Offered: 1000, Answered: 950, AnsweredInThreshold: 900, Abandoned: 50,
		AbandonedInThreshold: 10, HandleTimeS: 950 * 200, FirstContactResolved: fcr, CSATResponses: 100, CSATPositive: 92}
}

// monitoringRows is every row the engagement tables hold, to show a refused write
// changed nothing.
func monitoringRows(t *testing.T, s *Store) [][]string {
	t.Helper()
	var out [][]string
	for _, q := range []string{
		"SELECT * FROM engagements ORDER BY vendor_id",
		"SELECT * FROM sla_targets ORDER BY vendor_id, kpi",
		"SELECT * FROM periods ORDER BY vendor_id, label",
		"SELECT * FROM qa_log ORDER BY id",
	} {
		out = append(out, rawRows(t, s.Path(), q)...)
		out = append(out, []string{"--"})
	}
	return out
}

func TestEngagementIsKeptWithItsPeriodsAndQALog(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if _, err := s.Engagement(ctx, vid); !errors.Is(err, ErrNoEngagement) {
		t.Errorf("before it starts: %v, want ErrNoEngagement", err)
	}
	e := trialOf(t)
	if err := s.StartEngagement(ctx, vid, e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Engagement(ctx, vid)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, e)
	}
	if err := s.StartEngagement(ctx, vid, e); !errors.Is(err, ErrEngagementExists) {
		t.Errorf("started twice: %v", err)
	}
	if ids, err := s.EngagedVendors(ctx, sid); err != nil || len(ids) != 1 || ids[0] != vid {
		t.Errorf("engaged vendors %v, %v", ids, err)
	}

	// Stored out of order, read in time order.
	if err := s.ImportPeriods(ctx, vid, []monitor.Period{month("2027-03", 800), month("2027-01", 850)}, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePeriod(ctx, vid, month("2027-02", 810), false); err != nil {
		t.Fatal(err)
	}
	ps, err := s.Periods(ctx, vid)
	if err != nil || len(ps) != 3 || ps[0].Label != "2027-01" || ps[2].Label != "2027-03" || ps[1] != month("2027-02", 810) {
		t.Fatalf("periods %+v, %v", ps, err)
	}

	// Again: refused, naming both, unless replaced.
	before := monitoringRows(t, s)
	var pe *PeriodExistsError
	err = s.ImportPeriods(ctx, vid, []monitor.Period{month("2027-03", 900), month("2027-02", 900)}, false)
	if !errors.As(err, &pe) || !errors.Is(err, ErrPeriodExists) || !reflect.DeepEqual(pe.Labels, []string{"2027-02", "2027-03"}) {
		t.Errorf("a period imported twice: %v", err)
	}
	if after := monitoringRows(t, s); !reflect.DeepEqual(before, after) {
		t.Error("a refused import changed the store")
	}
	if err := s.ImportPeriods(ctx, vid, []monitor.Period{month("2027-03", 900)}, true); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.Periods(ctx, vid); ps[2].FirstContactResolved != 900 {
		t.Errorf("replaced: %+v", ps[2])
	}

	// QA log: added, listed in order, taken back.
	id1, err := s.AddQA(ctx, vid, monitor.QAEntry{Period: "2027-02", Ref: " chat-1042\x1b[2J ", Score: 72, Finding: "退换货政策答错", Action: "重新培训退换货政策"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddQA(ctx, vid, monitor.QAEntry{Period: "2027-03", Ref: "call-77", Score: 95}); err != nil {
		t.Fatal(err)
	}
	log, err := s.QALog(ctx, vid)
	if err != nil || len(log) != 2 || log[0].ID != id1 || log[0].Ref != "chat-1042[2J" || log[1].Ref != "call-77" {
		t.Fatalf("QA log %+v, %v", log, err)
	}
	if err := s.RemoveQA(ctx, vid, id1); err != nil {
		t.Fatal(err)
	}
	if log, _ := s.QALog(ctx, vid); len(log) != 1 {
		t.Errorf("after taking one back: %+v", log)
	}

	// Bad input: one *monitor.Error each, nothing written.
	before = monitoringRows(t, s)
	bad := month("2027-02", 800)
	bad.Answered = 1200
	neg := month("2027-02", 800)
	neg.Complaints = -1
	for name, write := range map[string]func() error{
		"answered > offered": func() error { return s.SavePeriod(ctx, vid, bad, true) },
		"negative count":     func() error { return s.SavePeriod(ctx, vid, neg, true) },
		"outside":            func() error { return s.SavePeriod(ctx, vid, month("2027-04", 800), false) },
		"a week":             func() error { return s.SavePeriod(ctx, vid, month("2027-W05", 800), false) },
		"one bad of two": func() error {
			return s.ImportPeriods(ctx, vid, []monitor.Period{month("2027-01", 1), month("2026-12", 1)}, true)
		},
		"QA outside": func() error {
			_, err := s.AddQA(ctx, vid, monitor.QAEntry{Period: "2026-12", Ref: "x", Score: 50})
			return err
		},
		"QA score": func() error {
			_, err := s.AddQA(ctx, vid, monitor.QAEntry{Period: "2027-01", Ref: "x", Score: 101})
			return err
		},
		"weekly with months": func() error { w := e; w.Kind = monitor.Weekly; return s.SaveEngagement(ctx, vid, w) },
		"shorter trial": func() error {
			w := e
			w.TrialDays = 40 // March falls outside
			return s.SaveEngagement(ctx, vid, w)
		},
		"unknown definition": func() error { w := e; w.SLA.Definition = "answered"; return s.SaveEngagement(ctx, vid, w) },
	} {
		var me *monitor.Error
		if err := write(); !errors.As(err, &me) || me.ZH == "" || me.EN == "" {
			t.Errorf("%s: %v, want a *monitor.Error in both languages", name, err)
		}
	}
	if after := monitoringRows(t, s); !reflect.DeepEqual(before, after) {
		t.Error("refused writes changed the store")
	}

	// New terms: the contract after the trial, the fee given, a target set by hand.
	e.ContractStart, _ = monitor.ParseDate("2027-04-01")
	e.ContractEnd, _ = monitor.ParseDate("2028-03-31")
	e.SLA.MonthlyFee, e.FeeSource, e.FeeBasis = 100000, monitor.FeeGiven, ""
	e.SLA.Targets = append(e.SLA.Targets, monitor.Target{KPI: monitor.AHT, Value: 240})
	if err := s.SaveEngagement(ctx, vid, e); err != nil {
		t.Fatal(err)
	}
	rec, err := s.Monitoring(ctx, vid)
	e.SLA.Targets = monitor.SortTargets(e.SLA.Targets)
	if err != nil || !reflect.DeepEqual(rec.Engagement, e) || len(rec.Periods) != 3 || len(rec.QA) != 1 {
		t.Errorf("after new terms: %+v, %v", rec, err)
	}
	if err := s.SavePeriod(ctx, vid, month("2027-04", 800), false); err != nil {
		t.Errorf("a month of the contract: %v", err)
	}
	if end, open := e.End(); open || !end.Equal(time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("end %v, open %v", end, open)
	}
}

// Someone who may only look cannot change an engagement; removing the vendor
// removes it, its periods and its QA log.
func TestEngagementWritesAndRemoval(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sid, vid := newVendor(t, s)
	if err := s.StartEngagement(ctx, vid, trialOf(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePeriod(ctx, vid, month("2027-01", 850), false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddQA(ctx, vid, monitor.QAEntry{Period: "2027-01", Ref: "c-1", Score: 80}); err != nil {
		t.Fatal(err)
	}

	viewer, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer viewer.Close()
	viewer.ViewOnly()
	before := monitoringRows(t, s)
	for name, err := range map[string]error{
		"start":  viewer.StartEngagement(ctx, vid, trialOf(t)),
		"save":   viewer.SaveEngagement(ctx, vid, trialOf(t)),
		"period": viewer.SavePeriod(ctx, vid, month("2027-02", 850), false),
		"remove": viewer.RemoveEngagement(ctx, vid),
		"qa": func() error {
			_, err := viewer.AddQA(ctx, vid, monitor.QAEntry{Period: "2027-01", Ref: "c", Score: 1})
			return err
		}(),
	} {
		if !errors.Is(err, ErrViewOnly) {
			t.Errorf("%s by a viewer: %v", name, err)
		}
	}
	if rec, err := viewer.Monitoring(ctx, vid); err != nil || len(rec.Periods) != 1 {
		t.Errorf("a viewer reads: %+v, %v", rec, err)
	}
	if after := monitoringRows(t, s); !reflect.DeepEqual(before, after) {
		t.Error("a viewer changed the store")
	}

	if err := s.RemoveVendor(ctx, vid); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"engagements", "sla_targets", "periods", "qa_log"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s keeps %d rows of a removed vendor", table, n)
		}
	}
	if err := s.SavePeriod(ctx, vid, month("2027-02", 850), false); !errors.Is(err, ErrNotFound) {
		t.Errorf("a removed vendor's period: %v", err)
	}

	// A session deleted takes its vendors' engagements with it.
	vid2, err := s.AddVendor(ctx, sid, "w", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StartEngagement(ctx, vid2, trialOf(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePeriod(ctx, vid2, month("2027-01", 850), false); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, sid); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM engagements") + count(t, s, "SELECT count(*) FROM periods"); n != 0 {
		t.Errorf("%d rows left of a deleted session", n)
	}
}

// A database at schema 5 (the panel's) gains the engagement tables when opened: its
// sessions and vendors stay as they were, and a vendor can be engaged at once.
func TestSchema5UpgradeAddsEngagements(t *testing.T) {
	path := schema4(t)
	raw := rawDB(t, path)
	mustExec(t, raw, migrations[4])
	mustExec(t, raw, "PRAGMA user_version = 5")
	raw.Close()
	vendors := rawRows(t, path, "SELECT id, session_id, name, total, band FROM vendors ORDER BY id")
	if len(vendors) == 0 {
		t.Fatal("the fixture has no vendors")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := rawRows(t, path, "PRAGMA user_version"); v[0][0] != itoa(SchemaVersion) {
		t.Errorf("schema %s after the upgrade", v[0][0])
	}
	if got := rawRows(t, path, "SELECT id, session_id, name, total, band FROM vendors ORDER BY id"); !reflect.DeepEqual(got, vendors) {
		t.Error("the upgrade changed the vendors")
	}
	vid := int64(0)
	fmt.Sscan(vendors[0][0], &vid)
	if err := s.StartEngagement(context.Background(), vid, trialOf(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePeriod(context.Background(), vid, month("2027-01", 850), false); err != nil {
		t.Fatal(err)
	}
}
