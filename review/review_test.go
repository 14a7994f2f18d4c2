package review

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vendorvet/monitor"
	"vendorvet/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./review -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; diff it with go test ./review -update and git diff", name)
	}
}

func day(s string) time.Time {
	d, err := monitor.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// month is a month of 10,000 contacts: service level 90 %, 99.6 % answered.
func month(label string, fcr, csat int) monitor.Period {
	return monitor.Period{Label: label, Offered: 10000, Answered: 9960, AnsweredInThreshold: 9000, Abandoned: 40,
		AbandonedInThreshold: 20, HandleTimeS: 9960 * 210, FirstContactResolved: fcr, CSATResponses: 1000, CSATPositive: csat,
		QASampled: 200, QAPassed: 192, Complaints: 12, PresaleInquiries: 3000, Orders: 1080}
}

// trial is a three-month trial under the default schedule, a fee of ¥182,500:
// January meets; February's FCR is 80.0 % of 9,960 (7,968), 5 points short, the
// 10 % tier, and CSAT 3 short, 5 %: 15 % capped at 10 %, ¥18,250; March's FCR
// 83.5 % (8,317 of 9,960 is 83.50 %), 1.5 short, 2 % = ¥3,650, the second miss
// in a row. Owed: ¥21,900.
func trial() monitor.Record {
	e := monitor.Engagement{TrialStart: day("2027-01-01"), TrialDays: 90, Kind: monitor.Monthly, ThresholdS: 30,
		SLA: monitor.SLA{Definition: monitor.DefaultSLDefinition, Schedule: monitor.DefaultSchedule, MonthlyFee: 182500,
			Targets: []monitor.Target{{KPI: monitor.ServiceLevelKPI, Value: 0.8}, {KPI: monitor.AnswerRate, Value: 0.995},
				{KPI: monitor.FCR, Value: 0.85}, {KPI: monitor.CSAT, Value: 0.9}}},
		FeeSource: monitor.FeeFromQuote, FeeBasis: "per_volume",
		Origins: map[monitor.KPI]string{monitor.ServiceLevelKPI: "response_s", monitor.AnswerRate: "answer_pct", monitor.FCR: "fcr_pct"}}
	return monitor.Record{Engagement: e,
		Periods: []monitor.Period{month("2027-03", 8317, 930), month("2027-01", 8600, 920), month("2027-02", 7968, 870)},
		QA: []monitor.QAEntry{
			{ID: 2, Period: "2027-03", Ref: "call-0311", Score: 88, Finding: "转接前未核实订单号", Action: "加入质检清单"},
			{ID: 1, Period: "2027-02", Ref: "chat-1042 | <b>", Score: 62, Finding: "Wrong return policy quoted", Action: "Retrain on the return policy by 2027-03-05"},
		}}
}

func TestTrialReview(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		r, err := Build(Input{Session: "2027 客服外包选型", Client: "Apparel Co.", Vendor: "网萌科技", Record: trial(),
			Today: day("2027-04-02"), Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if r.Credits.Owed != 21900 || r.Credits.Net != 21900 {
			t.Errorf("owed %v, net %v; want ¥21,900", r.Credits.Owed, r.Credits.Net)
		}
		if len(r.Misses) != 3 || !r.Periods[1].CapApplied || r.Misses[0].Credit+r.Misses[1].Credit != 18250 {
			t.Errorf("misses %+v", r.Misses)
		}
		if r.Standing.Standing != "chronic" || !r.Standing.Terminate || r.Trial == nil || r.Trial.Verdict != "broken" {
			t.Errorf("standing %+v, trial %+v", r.Standing, r.Trial)
		}
		if r.QA[0].Period != "2027-02" {
			t.Errorf("QA not in period order: %+v", r.QA)
		}
		md := Markdown(r)
		golden(t, "trial_"+string(lang)+".md", md)
		if strings.Contains(string(md), "<b>") {
			t.Error("HTML from a QA entry reached the report")
		}
		if lang == rubric.EN {
			for _, s := range []string{
				"**The vendor owes the client ¥21,900**",
				"First-contact resolution 80.0% against ≥ 85.0%, 5.0 points short: the 5-point tier, 10% of the fee (the period's 15% is capped at 10%",
				"missed 2 periods in a row, which gives the client the right to terminate",
			} {
				if !strings.Contains(string(md), s) {
					t.Errorf("the review does not say %q", s)
				}
			}
			js, err := JSON(r)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "trial_en.json", js)
			var back Review
			if err := json.Unmarshal(js, &back); err != nil || back.Credits.Owed != 21900 {
				t.Errorf("JSON read back: %v, %+v", err, back.Credits)
			}
		}
	}
}

// A review through February: before the trial is over, the misses and credits of
// the months so far, earned back once the schedule allows it.
func TestReviewThroughAPeriod(t *testing.T) {
	rec := trial()
	rec.SLA.Schedule.EarnBack = 1
	rec.Periods = append(rec.Periods, month("2027-04", 8600, 920))
	rec.ContractStart = day("2027-04-01")
	r, err := Build(Input{Vendor: "v", Record: rec, Through: "2027-02", Today: day("2027-02-20"), Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	if r.Trial != nil || len(r.Periods) != 2 || r.Credits.Owed != 18250 || len(r.QA) != 1 || r.Standing.Standing != "breach" {
		t.Errorf("through February: trial %v, %d periods, owed %v, %d QA, %s", r.Trial, len(r.Periods), r.Credits.Owed, len(r.QA), r.Standing.Standing)
	}
	// Through April: March forfeits FCR's earn-back (missed again) but CSAT's comes
	// back; April gives back March's FCR credit.
	r, err = Build(Input{Vendor: "v", Record: rec, Today: day("2027-05-02"), Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	// February's ¥18,250 splits 10:5 between FCR and CSAT after the cap: CSAT's
	// ¥6,083.33 back in March, March's FCR ¥3,650 back in April.
	if got := r.Periods[2].EarnedBack; got < 6083.33 || got > 6083.34 || r.Periods[3].EarnedBack != 3650 {
		t.Errorf("earned back %v in March, %v in April", r.Periods[2].EarnedBack, r.Periods[3].EarnedBack)
	}
	if _, err := Build(Input{Record: rec, Through: "2026-11", Lang: rubric.EN}); err == nil {
		t.Error("a period before the engagement was reviewed")
	}
	if !strings.Contains(string(Markdown(r)), "earned back ¥9,733") {
		t.Errorf("the total earned back is not said:\n%s", Markdown(r))
	}
}

// No figures yet, no fee: the review says so rather than inventing a figure.
func TestEmptyReview(t *testing.T) {
	rec := trial()
	rec.Periods, rec.QA = nil, nil
	rec.SLA.MonthlyFee, rec.FeeSource = 0, monitor.FeeUnknown
	r, err := Build(Input{Vendor: "v", Record: rec, Today: day("2027-01-05"), Lang: rubric.ZH})
	if err != nil {
		t.Fatal(err)
	}
	md := string(Markdown(r))
	for _, s := range []string{"尚无数据", "月服务费：未知", "还没有带咨询量的周期", "试运营至 2027-03-31"} {
		if !strings.Contains(md, s) {
			t.Errorf("does not say %q:\n%s", s, md)
		}
	}
	golden(t, "empty_zh.md", []byte(md))
}
