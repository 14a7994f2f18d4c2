package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// The source article's apparel client (an online clothing shop of GMV 1.2亿: 5,000
// contacts a day, ten times that at 618 and 双11, around the clock) and three
// vendors quoting in different billing models, through the commands a planner runs:
// import, score --json and export. Which vendors carry the peak, and what each costs
// a year, with the arithmetic that checks it:
//   - Ronghe, per contact: ¥1.80 × 2,725,000 contacts (5,000 × (365 + 2 peaks × 10
//     days × 9 extra)) + ¥6,000 hidden fees × 12 = ¥4,977,000; 90 peak seats of 145.
//   - Hengqi, fixed + variable with the promotion package: ¥60,000 × 12 + ¥0.90 ×
//     1,825,000 normal contacts + 2 packages × ¥150,000 + ¥3,000 × 12 = ¥2,698,500;
//     200 peak seats.
//   - Chengyan, per hour: ¥32 × the agent hours of a year; 160 peak seats.
func TestApparelClientCapacityAndCost(t *testing.T) {
	s := demo.Session(rubric.EN)
	hengqi := s.Vendors[3]
	hengqi.Answers = hengqi.Answers.Clone()
	hengqi.Answers["data_ownership"] = rubric.Value{Tri: rubric.Yes} // eligible here
	s.Vendors = []rubric.Vendor{s.Vendors[0], s.Vendors[1], hengqi}
	path, _ := sessionFile(t, s)

	h := newHarness(t)
	h.run("import", path).ok(t)
	var doc struct {
		Vendors []struct {
			Name     string
			Capacity struct {
				CoversPeak *bool    `json:"covers_peak"`
				PeakRatio  *float64 `json:"peak_ratio"`
				Billing    *string
				Annual     *int64
			}
		}
		Need struct {
			Agents     int
			PeakAgents int `json:"peak_agents"`
		}
		Cheapest *string `json:"cheapest_covering"`
	}
	if err := json.Unmarshal([]byte(h.run("score", path, "--json").ok(t).stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Need.Agents != 17 || doc.Need.PeakAgents != 145 {
		t.Errorf("need %+v, want 17 agents normally and 145 at the peak", doc.Need)
	}
	want := []struct {
		covers  bool
		billing string
		annual  int64
	}{{true, "per_hour", 3832320}, {false, "per_volume", 4977000}, {true, "fixed_plus_variable", 2698500}}
	for i, w := range want {
		c := doc.Vendors[i].Capacity
		if c.CoversPeak == nil || *c.CoversPeak != w.covers || *c.Billing != w.billing || *c.Annual != w.annual {
			t.Errorf("%s: covers %v, %v, %v a year; want %+v", doc.Vendors[i].Name, deref(c.CoversPeak), deref(c.Billing), deref(c.Annual), w)
		}
	}
	if doc.Cheapest == nil || *doc.Cheapest != hengqi.Name {
		t.Errorf("cheapest covering the peak: %v, want %s", deref(doc.Cheapest), hengqi.Name)
	}

	report := h.run("export", "1").ok(t).stdout
	for _, line := range []string{
		"peak seats 90 cover 62% of the 145 agents needed",
		"Cheapest for the year among the vendors that cover the peak: " + hengqi.Name + ", ¥2,698,500",
	} {
		if !strings.Contains(report, line) {
			t.Errorf("the report does not say %q", line)
		}
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
