package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/monitor"
	"vendorvet/rubric"
)

// wangmeng is the second article's vendor, 网萌科技, as it describes itself:
// replies within 30 s on average, 99.5 % of inquiries answered, 85 % of after-sales
// problems solved on first contact, 10× seats at a promotion, 100 hours of
// training; it bills per hour, per volume or by promotion package. The article
// gives no prices: ¥1.20 a contact is ours.
func wangmeng() rubric.Vendor {
	n := func(x float64) rubric.Value { return rubric.Value{Num: x} }
	yes := rubric.Value{Tri: rubric.Yes}
	return rubric.Vendor{Name: "网萌科技", Contact: "专属运营经理", Answers: rubric.Answers{
		"business_license": yes, "dispatch_permit": yes, "telecom_license": yes, "iso9001": yes, "iso27001": yes,
		"nda": yes, "encryption": yes, "seat_multiple": n(10), "training_hours": n(100), "prep_days": n(30),
		"response_s": n(30), "answer_pct": n(99.5), "fcr_pct": n(85), "kpis_in_contract": yes, "penalty": yes,
		"billing_models":    rubric.Value{Set: []string{"per_hour", "per_volume", "promo_package"}},
		"price_per_contact": n(1.2), "data_ownership": yes, "trial": yes, "dashboard": yes,
		"report_cadence": rubric.Value{Set: []string{"daily", "weekly", "monthly"}}, "account_manager": yes, "feedback_hours": n(1),
	}}
}

// monitorSession imports the apparel client's session with 网萌科技 as its only
// vendor and starts its three-month trial on 1 January 2027.
func monitorSession(t *testing.T) *harness {
	t.Helper()
	s := demo.Session(rubric.EN)
	s.Vendors = []rubric.Vendor{wangmeng()}
	path, _ := sessionFile(t, s)
	h := newHarness(t)
	h.run("import", path).ok(t)
	return h
}

func testCSV(name string) string { return filepath.Join("testdata", "monitor", name) }

// A three-month trial of the article's vendor, from its dashboard's CSV files. Its
// commitments become the targets: service level 80 % within its 30 s (the plan's
// chat service level), answer rate 99.5 %, FCR 85 %. Its quote, ¥1.20 a contact ×
// 5,000 contacts a day × 365/12 days, makes the monthly fee ¥182,500.
//
// January meets every target. February's FCR is 112,914 of 139,400 answered,
// 81.0 %: 4.0 points short, the 3-point tier of the default schedule, 5 % of the
// fee, ¥9,125. March's is 128,841 of 154,300, 83.5 %: 1.5 points short, the
// 1-point tier, 2 %, ¥3,650, and the second miss in a row: a chronic breach, the
// client may terminate. Neither month reaches the 10 % cap, and the default
// schedule has no earn-back: the client is owed ¥9,125 + ¥3,650 = ¥12,775.
func TestThreeMonthTrialOfTheArticlesVendor(t *testing.T) {
	h := monitorSession(t)
	start := h.run("monitor", "start", "1", "网萌科技", "--from", "2027-01-01", "--trial-days", "90").ok(t).stdout
	for _, s := range []string{
		"2027-01-01 to 2027-03-31 (90 days)",
		"Service level ≥ 80.0% within 30 s (Committed average response time)",
		"Answer rate ≥ 99.5% (Committed answer rate)",
		"First-contact resolution ≥ 85.0% (Committed first-contact resolution)",
		"Monthly fee: ¥182,500, a normal month at our volume from the step-6 quote.",
	} {
		if !strings.Contains(start, s) {
			t.Errorf("monitor start does not say %q:\n%s", s, start)
		}
	}
	h.run("monitor", "import", "1", "网萌科技", testCSV("wangmeng-2027-01-02.csv")).ok(t)
	// The vendor by its number; March's columns come in another order.
	h.run("monitor", "import", "1", "1", testCSV("wangmeng-2027-03.csv")).ok(t)
	h.run("monitor", "qa", "1", "网萌科技", "--period", "2027-02", "--ref", "chat-20270214-1042", "--score", "62",
		"--finding", "Quoted the old 7-day return policy", "--action", "Retrain the team on the 15-day policy by 2027-03-05").ok(t)

	md := h.run("monitor", "report", "1", "网萌科技").ok(t).stdout
	for _, s := range []string{
		"| First-contact resolution | ≥ 85.0% | 85.5% | 81.0% ✗ | 83.5% ✗ |",
		"- **2027-02** First-contact resolution 81.0% against ≥ 85.0%, 4.0 points short: the 3-point tier, 5% of the fee = ¥9,125.",
		"- **2027-03** First-contact resolution 83.5% against ≥ 85.0%, 1.5 points short: the 1-point tier, 2% of the fee = ¥3,650; missed 2 periods in a row, which gives the client the right to terminate.",
		"**The vendor owes the client ¥12,775** (credits ¥12,775, earned back ¥0).",
		"**Chronic breach** (2027-03): the same KPI missed in 2 periods in a row: the client may terminate (First-contact resolution).",
		"| 2027-02 | chat-20270214-1042 | 62 | Quoted the old 7-day return policy | Retrain the team on the 15-day policy by 2027-03-05 |",
		"The vendor did not keep its promises: First-contact resolution missed its target in 2 periods in a row",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("the review does not say %q:\n%s", s, md)
		}
	}

	var doc struct {
		Credits struct{ Owed, Net float64 }
		Misses  []struct {
			Period, KPI   string
			CreditPercent float64 `json:"credit_percent"`
			Credit        float64
			Tier          *struct{ Shortfall, Percent float64 }
		}
		Standing struct{ Standing string }
		Trial    *struct{ Verdict string }
	}
	if err := json.Unmarshal([]byte(h.run("monitor", "report", "1", "网萌科技", "--format", "json").ok(t).stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Credits.Owed != 12775 || doc.Credits.Net != 12775 || len(doc.Misses) != 2 ||
		doc.Misses[0].Credit != 9125 || doc.Misses[0].Tier == nil || doc.Misses[0].Tier.Shortfall != 3 ||
		doc.Misses[1].Credit != 3650 || doc.Misses[1].KPI != "fcr" || doc.Standing.Standing != "chronic" ||
		doc.Trial == nil || doc.Trial.Verdict != "broken" {
		t.Errorf("the JSON review: %+v", doc)
	}

	// The review as of February: only February's credit.
	feb := h.run("monitor", "report", "1", "网萌科技", "--period", "2027-02").ok(t).stdout
	if !strings.Contains(feb, "**The vendor owes the client ¥9,125**") || strings.Contains(feb, "| 2027-03 |") || strings.Contains(feb, "**2027-03**") {
		t.Errorf("the review through February:\n%s", feb)
	}
	zh := h.run("--lang", "zh", "monitor", "report", "1", "网萌科技").ok(t).stdout
	if !strings.Contains(zh, "**服务商应付企业 ¥12,775**") || !strings.Contains(zh, "差 4.0 个百分点，达到 3 点一档：扣月服务费的 5% = ¥9,125") {
		t.Errorf("the Chinese review:\n%s", zh)
	}

	// Corrected figures for March replace the old only when asked to.
	fixed := filepath.Join(t.TempDir(), "march.csv")
	b, _ := os.ReadFile(testCSV("wangmeng-2027-03.csv"))
	os.WriteFile(fixed, bytes.Replace(b, []byte(",128841,"), []byte(",132000,"), 1), 0o600)
	h.run("monitor", "import", "1", "网萌科技", fixed).failed(t, 1)
	h.run("monitor", "import", "1", "网萌科技", fixed, "--replace").ok(t)
	if md := h.run("monitor", "report", "1", "网萌科技").ok(t).stdout; !strings.Contains(md, "**The vendor owes the client ¥9,125**") {
		t.Errorf("after March was replaced:\n%s", md)
	}
}

// Bad input is one line in the user's language and writes nothing.
func TestMonitorRefusesBadInputAndWritesNothing(t *testing.T) {
	h := monitorSession(t)
	h.run("monitor", "start", "1", "网萌科技", "--from", "2027-01-01", "--trial-days", "90").ok(t)
	h.run("monitor", "import", "1", "网萌科技", testCSV("wangmeng-2027-01-02.csv")).ok(t)
	state := func() string {
		return h.run("monitor", "report", "1", "网萌科技", "--format", "json").ok(t).stdout +
			h.run("export", "1", "--format", "json").ok(t).stdout
	}
	before := state()
	header := strings.Join(monitor.Columns, ",")
	march := "2027-03,155000,154300,139500,700,310,27774000,128841,9100,8400,300,291,41,40500,14200"
	file := func(body string) string {
		p := filepath.Join(t.TempDir(), "figures.csv")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		says []string // English, then Chinese
	}{
		{"imported twice", []string{"monitor", "import", "1", "网萌科技", testCSV("wangmeng-2027-01-02.csv")}, 1,
			[]string{"2027-01, 2027-02 of", "are imported already; add --replace", "已导入；要替换请加 --replace"}},
		{"answered > offered", []string{"monitor", "import", "1", "网萌科技", file(header + "\n" + strings.Replace(march, "155000,154300", "155000,155300", 1) + "\n")}, 1,
			[]string{"line 2: answered (155300) is greater than offered (155000)", "第 2 行：answered(155300)大于 offered(155000)"}},
		{"negative", []string{"monitor", "import", "1", "网萌科技", file(header + "\n" + strings.Replace(march, ",41,", ",-41,", 1) + "\n")}, 1,
			[]string{"line 2: complaints must be a whole number, zero or more", "第 2 行：complaints 须为不小于 0 的整数"}},
		{"outside the engagement", []string{"monitor", "import", "1", "网萌科技", file(header + "\n" + march + "\n" + strings.Replace(march, "2027-03", "2027-04", 1) + "\n")}, 1,
			[]string{"period 2027-04 is outside the engagement (2027-01-01 to 2027-03-31)", "周期 2027-04 不在合作期内（2027-01-01 至 2027-03-31）"}},
		{"a week in a monthly engagement", []string{"monitor", "import", "1", "网萌科技", file(header + "\n" + strings.Replace(march, "2027-03", "2027-W10", 1) + "\n")}, 1,
			[]string{`period "2027-W10" is not a month written YYYY-MM`, `周期 "2027-W10" 不是 YYYY-MM 形式的月份`}},
		{"unknown column", []string{"monitor", "import", "1", "网萌科技", file(header + ",agents\n")}, 1,
			[]string{`line 1: unknown column "agents"`, `第 1 行：未知的列 "agents"`}},
		{"unknown definition", []string{"monitor", "set", "1", "网萌科技", "--sl-definition", "answered"}, 2,
			[]string{`--sl-definition: unknown service-level definition "answered"`, `--sl-definition：未知的服务水平口径 "answered"`}},
		{"a shorter trial leaves February out", []string{"monitor", "set", "1", "网萌科技", "--trial-days", "31"}, 1,
			[]string{"period 2027-02 is outside the engagement", "周期 2027-02 不在合作期内"}},
		{"started twice", []string{"monitor", "start", "1", "网萌科技"}, 1,
			[]string{"under trial or monitoring already", "已开始试运营或监控"}},
		{"QA outside", []string{"monitor", "qa", "1", "网萌科技", "--period", "2026-12", "--ref", "c-1", "--score", "80"}, 1,
			[]string{"period 2026-12 is outside the engagement", "周期 2026-12 不在合作期内"}},
		{"QA score", []string{"monitor", "qa", "1", "网萌科技", "--period", "2027-01", "--ref", "c-1", "--score", "120"}, 2,
			[]string{"a checklist score is from 0 to 100", "质检评分须在 0 到 100 之间"}},
		{"no such vendor", []string{"monitor", "report", "1", "Ronghe"}, 1,
			[]string{`Session 1 has no vendor "Ronghe" (its vendors: 1 网萌科技)`, `会话 1 没有服务商 "Ronghe"（其服务商：1 网萌科技）`}},
	} {
		for i, lang := range []string{"en", "zh"} {
			want := c.says[0]
			if i == 1 {
				want = c.says[len(c.says)-1]
			} else if len(c.says) > 2 {
				want = c.says[1]
			}
			msg := h.run(append([]string{"--lang", lang}, c.args...)...).failed(t, c.code)
			if !strings.Contains(msg, want) || (i == 0 && !strings.Contains(msg, c.says[0])) {
				t.Errorf("%s (%s): %q, want it to say %q", c.name, lang, msg, want)
			}
		}
	}
	if after := state(); after != before {
		t.Error("refused input changed the store")
	}
}

// A vendor not under trial says so; help names every subcommand.
func TestMonitorNeedsAStart(t *testing.T) {
	h := monitorSession(t)
	msg := h.run("monitor", "report", "1", "网萌科技").failed(t, 1)
	if !strings.Contains(msg, "run vendorvet monitor start first") {
		t.Errorf("%q", msg)
	}
	help := h.run("monitor", "--help").ok(t).stdout
	for _, sub := range []string{"monitor start", "monitor import", "monitor report", "monitor set", "monitor qa"} {
		if !strings.Contains(help, sub) {
			t.Errorf("the help does not name %s", sub)
		}
	}
	if main := h.run("help").ok(t).stdout; !strings.Contains(main, "monitor") {
		t.Error("the main help does not list monitor")
	}
	// A fee given, a contract signed, a target set by hand: the terms change.
	h.run("monitor", "start", "1", "网萌科技", "--from", "2027-01-01", "--fee", "20万").ok(t)
	out := h.run("monitor", "set", "1", "网萌科技", "--contract-start", "2027-03-02", "--contract-end", "2028-03-01",
		"--target", "csat=90%", "--target", "aht_s=4min", "--tiers", "none", "--per-point", "1.5", "--cap", "8", "--earn-back", "2").ok(t).stdout
	for _, s := range []string{"Monthly fee: ¥200,000 (as given).", "Contract: 2027-03-02 to 2028-03-01.", "CSAT ≥ 90.0% (set by hand)",
		"Average handle time ≤ 240 s (set by hand)", "linear: 1.5% of the monthly fee for each full point short; capped at 8% a period; earned back once the KPI meets its target in the 2 periods that follow"} {
		if !strings.Contains(out, s) {
			t.Errorf("monitor set does not say %q:\n%s", s, out)
		}
	}
}

// Without a trial the contract starts on the day given, and runs on.
func TestMonitorWithoutATrial(t *testing.T) {
	h := monitorSession(t)
	out := h.run("--lang", "zh", "monitor", "start", "1", "网萌科技", "--from", "2027-01-01", "--trial-days", "0", "--period", "week").ok(t).stdout
	if !strings.Contains(out, "网萌科技：无试运营，按周统计。") || !strings.Contains(out, "合同：自 2027-01-01 起，未定结束日期。") {
		t.Errorf("%s", out)
	}
	// Week 53 of 2026 holds 1 January 2027; week 1 of 2027 has no figures.
	body := strings.Join(monitor.Columns, ",") + "\n2026-W53,100,100,90,0,0,18000,80,10,9,5,5,0,10,4\n2027-W02,100,100,90,0,0,18000,90,10,9,5,5,0,10,4\n"
	p := filepath.Join(t.TempDir(), "weeks.csv")
	os.WriteFile(p, []byte(body), 0o600)
	h.run("monitor", "import", "1", "网萌科技", p).ok(t)
	md := h.run("monitor", "report", "1", "网萌科技").ok(t).stdout
	// A week's fee is ¥182,500 × 7 ÷ 30.4167 = ¥42,000; FCR 80 % is 5 points short,
	// 10 %: ¥4,200.
	for _, s := range []string{"- Trial: none", "There was no trial.", "**The vendor owes the client ¥4,200**",
		"| First-contact resolution | ≥ 85.0% | 80.0% ✗ | no figures | 90.0% | step 5: Committed first-contact resolution |"} {
		if !strings.Contains(md, s) {
			t.Errorf("the review does not say %q:\n%s", s, md)
		}
	}
}
