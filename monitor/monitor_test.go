package monitor

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 5e-4 {
		t.Errorf("%s = %.4f, want %.4f", what, got, want)
	}
}

// The design note's example: 1,060 offered, 1,000 answered, 860 within the
// threshold, 60 abandoned (20 within it, 40 after).
func TestServiceLevelDefinitions(t *testing.T) {
	p := Period{Offered: 1060, Answered: 1000, AnsweredInThreshold: 860, Abandoned: 60, AbandonedInThreshold: 20}
	for d, want := range map[SLDefinition]float64{
		AbandonsWithinMet:    0.830,
		AnsweredOnly:         0.860,
		AllAbandonsAgainst:   0.811,
		ShortAbandonsIgnored: 0.827,
	} {
		got, ok := p.ServiceLevel(d)
		if !ok {
			t.Fatalf("%s: unknown", d)
		}
		near(t, string(d), got, want)
	}
	if err := p.Check(); err != nil {
		t.Error(err)
	}
	if _, err := ParseSLDefinition("answered"); err == nil {
		t.Error("an unknown definition was read")
	}
}

// Every KPI of a period by its formula.
func TestKPIs(t *testing.T) {
	p := Period{Offered: 1000, Answered: 950, AnsweredInThreshold: 800, Abandoned: 50, AbandonedInThreshold: 10,
		HandleTimeS: 950 * 240, FirstContactResolved: 760, CSATResponses: 200, CSATPositive: 180,
		QASampled: 50, QAPassed: 47, Complaints: 3, PresaleInquiries: 400, Orders: 140}
	for k, want := range map[KPI]float64{
		AnswerRate: 0.95, Abandonment: 0.05, AHT: 240, FCR: 0.8, CSAT: 0.9, QAPass: 0.94,
		ComplaintsPerK: 3.0 / 950 * 1000, Conversion: 0.35,
	} {
		got, ok := p.Value(k, DefaultSLDefinition)
		if !ok {
			t.Fatalf("%s unknown", k)
		}
		near(t, string(k), got, want)
	}
	if _, ok := (Period{Offered: 10, Answered: 10}).Value(CSAT, DefaultSLDefinition); ok {
		t.Error("CSAT known without a survey answered")
	}
}

// Credit schedules, as table rows: tiers, linear points, the cap.
func TestCreditSchedules(t *testing.T) {
	tiered := Schedule{Tiers: []Tier{{1, 2}, {3, 5}, {5, 10}}, Cap: 10}
	linear := Schedule{PerPoint: 1.5, Cap: 6}
	for _, c := range []struct {
		name      string
		s         Schedule
		shortfall float64
		want      float64
	}{
		{"met", tiered, 0, 0},
		{"half a point short: no tier", tiered, 0.5, 0},
		{"one point", tiered, 1, 2},
		{"just under three", tiered, 2.99, 2},
		{"three", tiered, 3, 5},
		{"twelve: the top tier", tiered, 12, 10},
		{"linear, 2.7 points: two full", linear, 2.7, 3},
		{"linear, 0.9: none", linear, 0.9, 0},
	} {
		if got := c.s.Credit(c.shortfall); got != c.want {
			t.Errorf("%s: %v%%, want %v%%", c.name, got, c.want)
		}
	}
	// The cap holds a period's credits together.
	sla := SLA{Definition: DefaultSLDefinition, MonthlyFee: 100000, Schedule: linear,
		Targets: []Target{{FCR, 0.85}, {CSAT, 0.90}}}
	r := Evaluate([]Period{{Label: "m", Offered: 100, Answered: 100, FirstContactResolved: 80, CSATResponses: 100, CSATPositive: 85}}, sla)[0]
	// FCR 5 points short: 7.5 %; CSAT 5 short: 7.5 %; 15 % capped at 6 %.
	if r.CreditPercent != 6 || r.Credit != 6000 || r.Standing != Breach {
		t.Errorf("capped credit %v%% (%v), standing %s", r.CreditPercent, r.Credit, r.Standing)
	}
}

// Handle time and complaints fall short by per cent over their targets;
// abandonment by percentage points over.
func TestShortfalls(t *testing.T) {
	near(t, "AHT 264 s against 240", shortfall(AHT, 264, 240), 10)
	near(t, "abandonment 7 % against 5", shortfall(Abandonment, 0.07, 0.05), 2)
	near(t, "FCR 80 % against 85", shortfall(FCR, 0.80, 0.85), 5)
	if shortfall(AHT, 200, 240) > 0 {
		t.Error("a shorter handle time falls short")
	}
}

// A trial of three months and an empty one: FCR misses twice in a row (a chronic
// breach, the right to terminate), a small miss is only watched, a month without
// contacts is skipped, and a credit is earned back after two good months.
func TestStandingAcrossPeriods(t *testing.T) {
	good := func(label string) Period {
		return Period{Label: label, Offered: 1000, Answered: 990, AnsweredInThreshold: 900, Abandoned: 10,
			AbandonedInThreshold: 5, FirstContactResolved: 870, CSATResponses: 100, CSATPositive: 93}
	}
	fcr := func(p Period, n int) Period { p.FirstContactResolved = n; return p }
	sla := SLA{Definition: DefaultSLDefinition, MonthlyFee: 200000,
		Schedule: Schedule{Tiers: []Tier{{1, 2}, {3, 5}}, Cap: 10, EarnBack: 2, ChronicMisses: 2},
		Targets:  []Target{{FCR, 0.85}, {CSAT, 0.90}, {ServiceLevelKPI, 0.80}}}
	periods := []Period{
		good("2027-01"),
		fcr(good("2027-02"), 810), // 81.8 % of 990: 3.2 points short, 5 %
		{Label: "2027-03"},        // no contacts
		fcr(good("2027-04"), 830), // 83.8 %: 1.2 short, 2 %; the second miss in a row
		fcr(good("2027-05"), 845), // 85.4 %: met
		good("2027-06"),
	}
	rs := Evaluate(periods, sla)
	want := []Standing{Meets, Breach, "", Chronic, Meets, Meets}
	for i, r := range rs {
		if r.Standing != want[i] {
			t.Errorf("%s: %s, want %s", r.Period.Label, r.Standing, want[i])
		}
	}
	if !rs[2].Skipped {
		t.Error("a month without contacts was scored")
	}
	if rs[1].Credit != 10000 || rs[3].Credit != 4000 {
		t.Errorf("credits %v and %v, want 10,000 and 4,000", rs[1].Credit, rs[3].Credit)
	}
	if len(rs[3].Chronic) != 1 || rs[3].Chronic[0] != FCR {
		t.Errorf("chronic %v", rs[3].Chronic)
	}
	// April's credit comes back after May and June meet FCR.
	if rs[5].EarnedBack != 4000 || rs[4].EarnedBack != 0 {
		t.Errorf("earned back %v in May, %v in June", rs[4].EarnedBack, rs[5].EarnedBack)
	}
	// A small miss that costs nothing is watched.
	small := Evaluate([]Period{fcr(good("x"), 838)}, sla)[0] // 84.6 %: 0.4 short
	if small.Standing != Watch || small.Credit != 0 {
		t.Errorf("a small miss: %s, %v", small.Standing, small.Credit)
	}
}

func TestReadCSV(t *testing.T) {
	header := strings.Join(Columns, ",")
	good := header + "\n2027-01,1060,1000,860,60,20,240000,850,100,92,50,48,2,400,140\n"
	ps, err := ReadCSV(strings.NewReader(good))
	if err != nil || len(ps) != 1 || ps[0].Offered != 1060 || ps[0].HandleTimeS != 240000 {
		t.Fatalf("%+v, %v", ps, err)
	}
	// Columns in any order.
	cols := append([]string{}, Columns...)
	cols[1], cols[2] = cols[2], cols[1]
	if ps, err := ReadCSV(strings.NewReader(strings.Join(cols, ",") + "\n2027-01,1000,1060,860,60,20,240000,850,100,92,50,48,2,400,140\n")); err != nil || ps[0].Offered != 1060 {
		t.Errorf("reordered columns: %+v, %v", ps, err)
	}
	for name, c := range map[string]struct {
		file  string
		lines []int
		says  string
	}{
		"unknown column":     {header + ",agents\n", []int{1}, `unknown column "agents"`},
		"missing column":     {strings.Replace(header, ",orders", "", 1) + "\n", []int{1}, `"orders" is missing`},
		"answered > offered": {header + "\n2027-01,900,1000,860,60,20,240000,850,100,92,50,48,2,400,140\n", []int{2}, "answered (1000) is greater than offered (900)"},
		"negative":           {header + "\n2027-01,1060,1000,860,60,20,240000,850,100,92,50,48,-2,400,140\n", []int{2}, "complaints must be a whole number"},
		"twice":              {good + "2027-01,1060,1000,860,60,20,240000,850,100,92,50,48,2,400,140\n", []int{3}, "already on line 2"},
		"every bad line":     {header + "\n2027-01,x,1,1,0,0,0,0,0,0,0,0,0,0,0\n2027-02,1,1,1,0,0,0,0,0,0,0,0,0,0,0\n2027-03,1,2,1,0,0,0,0,0,0,0,0,0,0,0\n", []int{2, 4}, "offered must be"},
		"short line":         {header + "\n2027-01,1,1\n", []int{2}, "3 fields"},
		"empty":              {"", []int{1}, "empty"},
	} {
		ps, err := ReadCSV(strings.NewReader(c.file))
		var ce *CSVError
		if !errors.As(err, &ce) || ps != nil {
			t.Errorf("%s: %v, %d periods", name, err, len(ps))
			continue
		}
		var lines []int
		for _, r := range ce.Rows {
			lines = append(lines, r.Line)
			if r.Err.ZH == "" {
				t.Errorf("%s: no Chinese", name)
			}
		}
		if len(lines) != len(c.lines) || lines[0] != c.lines[0] || lines[len(lines)-1] != c.lines[len(c.lines)-1] || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: lines %v, %q; want lines %v saying %q", name, lines, err, c.lines, c.says)
		}
	}
}

// Whatever the file holds, reading it never panics, and what it reads passes Check.
func FuzzReadCSV(f *testing.F) {
	header := strings.Join(Columns, ",")
	f.Add(header + "\n2027-01,1060,1000,860,60,20,240000,850,100,92,50,48,2,400,140\n")
	f.Add(header + "\n2027-01,1,2,3\n")
	f.Add("period\n\"a\n")
	f.Fuzz(func(t *testing.T, file string) {
		ps, err := ReadCSV(strings.NewReader(file))
		if err != nil {
			if ps != nil {
				t.Fatal("periods and an error")
			}
			return
		}
		for _, p := range ps {
			if e := p.Check(); e != nil {
				t.Fatalf("a period read fails its check: %v", e)
			}
			for _, k := range KPIs {
				if v, ok := p.Value(k, DefaultSLDefinition); ok && (math.IsNaN(v) || math.IsInf(v, 0) || v < 0) {
					t.Fatalf("%s = %v", k, v)
				}
			}
		}
		Evaluate(ps, SLA{Definition: DefaultSLDefinition, Schedule: DefaultSchedule, MonthlyFee: 1,
			Targets: []Target{{FCR, 0.85}, {AHT, 240}}})
	})
}
