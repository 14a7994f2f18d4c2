package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"vendorvet/demo"
	"vendorvet/panel"
	"vendorvet/rubric"
)

var (
	yes = rubric.Value{Tri: rubric.Yes}
	no  = rubric.Value{Tri: rubric.No}
)

// decidedAt is when the lead settled the trial period: 2026-05-10 14:20 in the
// report's time zone (goldenNow's, UTC+8).
var decidedAt = time.Date(2026, 5, 10, 14, 20, 0, 0, goldenNow.Location()).Unix()

// panelNamesIn are the three evaluators: the lead, one far more generous than the
// others, and one who alone says the vendor refuses an NDA.
func panelNamesIn(lang rubric.Lang) (lead, generous, strict string) {
	if lang == rubric.ZH {
		return "王敏", "李娜", "陈刚"
	}
	return "Laura Bennett", "Nina Li", "Gang Chen"
}

// panelSession is the demo session evaluated by a panel of three. The backup vendor
// is answered by all three: the lead as the demo does; the generous evaluator
// answers its two open questions and seven more at their best, and leaves the trial
// period unknown; the strict one says it refuses an NDA, serves 7×12, loses more
// agents, sends no monthly report and offers no trial, and does not know whether
// its scale matches ours. The panel is split on the trial period, which the lead
// decides, and on the scale, which is left open. The excellent vendor is answered
// by the lead alone so far; the others by nobody.
func panelSession(lang rubric.Lang) rubric.Session {
	lead, generous, strict := panelNamesIn(lang)
	return panelSessionOf(lang, lead, generous, strict)
}

func panelSessionOf(lang rubric.Lang, lead, generous, strict string) rubric.Session {
	s := demo.Session(lang)
	s.Panel = []rubric.Evaluator{{Name: lead, Role: rubric.Lead}, {Name: generous, Role: rubric.Member}, {Name: strict, Role: rubric.Member}}
	s.Blind = true

	base := s.Vendors[1].Answers
	kind := base.Clone()
	for id, v := range map[string]rubric.Value{
		"mock_rating": {Num: 5}, "raw_access": yes, "iso27001": yes, "leak_plan": yes,
		"ops_manager": yes, "retention_incentives": yes, "dispute_resolution": yes, "attrition_pct": {Num: 20},
	} {
		kind[id] = v
	}
	kind["scale_match"] = yes
	delete(kind, "trial")
	hard := base.Clone()
	hard["nda"], hard["trial"] = no, no
	hard["hours"] = rubric.Value{Str: "7x12"}
	hard["attrition_pct"] = rubric.Value{Num: 45}
	hard["report_cadence"] = rubric.Value{Set: []string{"daily", "weekly"}}
	delete(hard, "scale_match")

	v := &s.Vendors[1]
	v.Panel = map[string]rubric.Answers{lead: base, generous: kind, strict: hard}
	v.Decisions = map[string]rubric.Decision{"trial": {Value: yes, Known: true,
		Reason: lang.Pick("合同草案第 4 条写明两个月试运营", "clause 4 of the draft contract gives a two-month trial"), By: lead, At: decidedAt}}
	v.Submitted = map[string]bool{lead: true, generous: true, strict: true}
	// The vendor's answers are the consensus, as the store gives them.
	v.Answers = panel.Evaluate(func(rubric.Answers) rubric.Scorecard { return rubric.Scorecard{} },
		[]string{lead, generous, strict}, v.Panel, v.Decisions).Consensus

	s.Vendors[0].Panel = map[string]rubric.Answers{lead: s.Vendors[0].Answers}
	return s
}

// panelCards are the scorecards of the backup vendor of a panel session: the
// consensus, then each evaluator's own answers, scored as the vendor is.
func panelCards(s rubric.Session, names ...string) (consensus rubric.Scorecard, own []rubric.Scorecard) {
	v := s.Vendors[1]
	consensus = rubric.ScoreVendor(s.Requirements, v, s.Profile)
	for _, name := range names {
		own = append(own, rubric.ScoreVendor(s.Requirements, rubric.Vendor{Answers: v.Panel[name], Evidence: v.Evidence}, s.Profile))
	}
	return consensus, own
}

// part is the text of md from the line that starts with heading up to the next
// heading of its level or above.
func part(t *testing.T, md, heading string) string {
	t.Helper()
	_, after, ok := strings.Cut(md, "\n"+heading+"\n")
	if !ok {
		t.Fatalf("no %q in the report", heading)
	}
	level := heading[:strings.IndexByte(heading, ' ')+1]
	for _, l := range strings.Split(after, "\n") {
		if strings.HasPrefix(l, "#") && strings.HasPrefix(level, l[:strings.IndexByte(l+" ", ' ')+1]) {
			return after[:strings.Index(after, "\n"+l+"\n")]
		}
	}
	return after
}

// tableRows are the rows of the first table after the line that starts with
// heading, each as its trimmed cells, without the header.
func tableRows(t *testing.T, text, heading string) [][]string {
	t.Helper()
	_, after, ok := strings.Cut(text, heading)
	if !ok {
		t.Fatalf("no %q", heading)
	}
	var rows [][]string
	inTable := false
	for _, l := range strings.Split(after, "\n") {
		switch {
		case strings.HasPrefix(l, "|---"):
			inTable = true
		case inTable && strings.HasPrefix(l, "|"):
			cells := splitRow(l)
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			rows = append(rows, cells)
		case inTable:
			return rows
		}
	}
	return rows
}

// The report of a panel of three shows every evaluator's total beside the
// consensus and their range; the disagreements, most points at stake first, each
// evaluator's answer beside the consensus; the evaluators who sit apart with the
// questions that make the difference; and the lead's decision with its reason, who
// decided and when. The recommendation is the consensus's.
func TestMarkdownPanel(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			s := panelSession(lang)
			lead, generous, strict := panelNamesIn(lang)
			consensus, own := panelCards(s, lead, generous, strict)
			if own[2].Band != rubric.Disqualified || consensus.Band == rubric.Disqualified ||
				own[1].Total-own[0].Total < panel.OutlierPoints || own[2].Total > own[0].Total {
				t.Fatalf("test data: consensus %v %s, %s %v, %s %v, %s %v %s", consensus.Total, consensus.Band,
					lead, own[0].Total, generous, own[1].Total, strict, own[2].Total, own[2].Band)
			}
			md := string(Markdown(s, lang, goldenNow))
			checkTables(t, md)
			sec := part(t, md, lang.Pick("## 评估小组", "## The panel"))

			for _, want := range []string{
				lang.Pick("**小组成员**:"+lead+"(组长)、"+generous+"、"+strict, "**Evaluators:** "+lead+" (lead), "+generous+", "+strict),
				lang.Pick("**盲评**:是", "**Blind mode:** yes"),
			} {
				if !strings.Contains(sec, want) {
					t.Errorf("the panel section lacks %q:\n%s", want, sec)
				}
			}

			// The totals: the consensus, each evaluator's, the range.
			totals := tableRows(t, sec, "| "+lang.Pick("服务商", "Vendor")+" | ")
			i := slices.IndexFunc(totals, func(row []string) bool { return row[0] == s.Vendors[1].Name })
			if i < 0 {
				t.Fatalf("no row of totals for %s:\n%s", s.Vendors[1].Name, sec)
			}
			want := []string{s.Vendors[1].Name, rubric.FormatPoints(consensus.Total), rubric.FormatPoints(own[0].Total), rubric.FormatPoints(own[1].Total),
				rubric.FormatPoints(own[2].Total) + lang.Pick("(一票否决)", " (disqualified)"),
				rubric.FormatPoints(own[2].Total) + "–" + rubric.FormatPoints(own[1].Total)}
			if !slices.Equal(totals[i], want) {
				t.Errorf("totals %q, want %q", totals[i], want)
			}

			vendor := part(t, sec, "### "+s.Vendors[1].Name)
			label := func(id string) string { q, _ := rubric.QuestionByID(id); return q.Label.In(lang) }

			// The disagreements, most points at stake first: the NDA first, as the
			// strict answer would disqualify the vendor, so the whole total is at stake.
			dis := tableRows(t, vendor, lang.Pick("#### 分歧", "#### Disagreements"))
			if len(dis) < 4 {
				t.Fatalf("%d disagreements:\n%s", len(dis), vendor)
			}
			nda := []string{label("nda"), lang.Pick("是", "Yes"), lang.Pick("是", "Yes"), lang.Pick("否", "No"),
				lang.Pick("多数一致", "majority"), lang.Pick("是", "Yes"), rubric.FormatPoints(consensus.Total)}
			if !slices.Equal(dis[0], nda) {
				t.Errorf("first disagreement %q, want %q", dis[0], nda)
			}
			stakes := make([]float64, len(dis))
			for k, row := range dis {
				stakes[k], _ = strconv.ParseFloat(row[len(row)-1], 64)
				if row[0] == label("trial") {
					t.Errorf("the decided trial period is still a disagreement: %q", row)
				}
				if k > 0 && stakes[k] > stakes[k-1] {
					t.Errorf("disagreements not ranked by stake: %v", stakes)
				}
			}
			rowOf := func(id string) []string {
				for _, row := range dis {
					if row[0] == label(id) {
						return row
					}
				}
				t.Fatalf("no disagreement on %s:\n%s", id, vendor)
				return nil
			}
			if row := rowOf("hours"); row[3] != lang.Pick("7×12小时", "7×12") || row[4] != lang.Pick("多数一致", "majority") || row[5] != lang.Pick("7×24小时", "7×24") {
				t.Errorf("the majority on the hours: %q", row)
			}
			if row := rowOf("scale_match"); row[4] != lang.Pick("分歧", "split") || row[5] != lang.Pick("未知(待组长裁定)", "Unknown (for the lead to decide)") {
				t.Errorf("the split on the scale: %q", row)
			}
			if row := rowOf("attrition_pct"); row[4] != lang.Pick("数值不一(相差 25 个百分点)", "numbers 25 percentage points apart") || row[5] != "38%" {
				t.Errorf("the attrition's median: %q", row)
			}
			unanimousWords := lang.Pick("个意见一致,"+strconv.Itoa(len(dis))+" 个仍有分歧,1 个由组长裁定。",
				" questions answered; "+strconv.Itoa(len(dis))+" still disputed, 1 decided by the lead.")
			if !strings.Contains(vendor, unanimousWords) {
				t.Errorf("the agreement does not count %d disagreements and a decision:\n%s", len(dis), vendor)
			}

			// Who sits apart: the generous evaluator by distance, with the questions;
			// the strict one alone on the NDA; not the lead.
			apart := map[string]string{}
			for _, l := range strings.Split(vendor, "\n") {
				for _, name := range []string{lead, generous, strict} {
					if strings.HasPrefix(l, "- **"+name+"**") {
						apart[name] = l
					}
				}
			}
			if l, ok := apart[lead]; ok {
				t.Errorf("the lead, at the median, is named: %q", l)
			}
			gap, median := rubric.FormatPoints(own[1].Total-own[0].Total), rubric.FormatPoints(own[0].Total)
			for _, want := range []string{
				lang.Pick("比小组总分的中位数("+median+" 分)高 "+gap+" 分。", gap+" points above the panel's median total of "+median+"."),
				label("iso27001") + lang.Pick(":是(+", ": Yes (+"),
				label("raw_access") + lang.Pick(":是(+", ": Yes (+"),
			} {
				if !strings.Contains(apart[generous], want) {
					t.Errorf("the generous evaluator's line lacks %q: %q", want, apart[generous])
				}
			}
			alone := lang.Pick("只有其对“"+label("nda")+"”回答“否”,会导致一票否决。",
				"Alone in answering No to \""+label("nda")+"\", which would disqualify the vendor.")
			if !strings.Contains(apart[strict], alone) {
				t.Errorf("the strict evaluator's line lacks %q: %q", alone, apart[strict])
			}

			// The lead's decision, with the panel's answers, the reason, who and when.
			decisions := tableRows(t, vendor, lang.Pick("#### 组长裁定", "#### The lead's decisions"))
			trial := []string{label("trial"), lang.Pick("是", "Yes"), lang.Pick("未知", "Unknown"), lang.Pick("否", "No"), lang.Pick("是", "Yes"),
				s.Vendors[1].Decisions["trial"].Reason, lead, "2026-05-10 14:20 +08:00"}
			if len(decisions) != 1 || !slices.Equal(decisions[0], trial) {
				t.Errorf("decisions %q, want %q", decisions, trial)
			}

			// A vendor only the lead has evaluated has nothing to compare.
			first := part(t, sec, "### "+s.Vendors[0].Name)
			if !strings.Contains(first, lang.Pick("目前只有"+lead+"评估了这家服务商", "only "+lead+" has evaluated this vendor")) ||
				strings.Contains(first, "####") {
				t.Errorf("a vendor one evaluator has answered:\n%s", first)
			}

			// The recommendation speaks of the consensus, and the method of the rules.
			if !strings.Contains(md, lang.Pick("**备选**:", "**Backup:** ")+s.Vendors[1].Name+" — "+rubric.PointsWords(consensus, lang)) {
				t.Errorf("the backup is not recommended on the consensus's %v", consensus.Total)
			}
			if !strings.Contains(part(t, md, lang.Pick("## 评分方法", "## How the scores work")), lang.Pick("\n- 评估小组:", "\n- The panel: ")) {
				t.Error("the method does not state the panel's rules")
			}
		})
	}
}

// Evaluators' names are user text: escaped in the tables' headers and the lines
// that name them, so that no table loses its columns and no HTML gets through.
func TestMarkdownPanelHostileNames(t *testing.T) {
	names := strings.Split(hostile, "\n")
	s := panelSessionOf(rubric.EN, names[9]+names[10], names[11]+"*", names[0]+names[12])
	md := string(Markdown(s, rubric.EN, goldenNow))
	checkTables(t, md)
	if r, ok := hasControl(md); ok {
		t.Errorf("control character %U in the report", r)
	}
	if loc := rawTag.FindStringIndex(md); loc != nil {
		t.Errorf("raw HTML in the report: %q", md[max(0, loc[0]-20):loc[1]+20])
	}
	if !strings.Contains(md, "- **"+Inline(names[11]+"*")+"** (") {
		t.Error("the generous evaluator is not named, escaped, among those apart")
	}
}

// score --json gives per vendor each evaluator's total in the panel's order, and
// the disagreements with every evaluator's answer as the session file writes it.
func TestScoreJSONPanel(t *testing.T) {
	s := panelSession(rubric.EN)
	lead, generous, strict := panelNamesIn(rubric.EN)
	consensus, own := panelCards(s, lead, generous, strict)
	out, err := ScoreJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Vendors []struct {
			Name  string
			Total float64
			Panel []struct {
				Evaluator string
				Total     float64
				Band      string
			}
			Disagreements []struct {
				Question  string
				Answers   map[string]json.RawMessage
				Agreement string
				Stake     float64
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	v := doc.Vendors[1]
	if v.Total != consensus.Total || len(v.Panel) != 3 {
		t.Fatalf("the backup vendor: %+v", v)
	}
	for k, name := range []string{lead, generous, strict} {
		if m := v.Panel[k]; m.Evaluator != name || m.Total != own[k].Total || m.Band != string(own[k].Band) {
			t.Errorf("panel[%d] = %+v, want %s at %v, %s", k, m, name, own[k].Total, own[k].Band)
		}
	}
	agreement := map[string]string{}
	for k, d := range v.Disagreements {
		agreement[d.Question] = d.Agreement
		if k > 0 && d.Stake > v.Disagreements[k-1].Stake {
			t.Errorf("disagreements not ranked by stake: %s %v after %v", d.Question, d.Stake, v.Disagreements[k-1].Stake)
		}
	}
	for id, want := range map[string]string{"nda": "majority", "hours": "majority", "scale_match": "split", "attrition_pct": "spread"} {
		if agreement[id] != want {
			t.Errorf("%s: agreement %q, want %q", id, agreement[id], want)
		}
	}
	if _, ok := agreement["trial"]; ok {
		t.Error("the decided trial period is still a disagreement")
	}
	nda := v.Disagreements[0]
	if nda.Question != "nda" || nda.Stake != consensus.Total ||
		string(nda.Answers[lead]) != `"yes"` || string(nda.Answers[generous]) != `"yes"` || string(nda.Answers[strict]) != `"no"` {
		t.Errorf("first disagreement %+v, want the NDA at stake for the whole %v", nda, consensus.Total)
	}
	for _, d := range v.Disagreements {
		switch d.Question {
		case "scale_match":
			if string(d.Answers[strict]) != "null" {
				t.Errorf("an unknown answer is %s, want null", d.Answers[strict])
			}
		case "report_cadence":
			var set []string
			if err := json.Unmarshal(d.Answers[strict], &set); err != nil || !slices.Equal(set, []string{"daily", "weekly"}) {
				t.Errorf("a set is %s", d.Answers[strict])
			}
		}
	}
	// The answers in the panel's order, each evaluator's total on a line.
	for _, want := range []string{
		`"answers": { "` + lead + `": "yes", "` + generous + `": "yes", "` + strict + `": "no" },`,
		`        { "evaluator": "` + lead + `", "total": ` + rubric.FormatPoints(own[0].Total) + `, "band": "` + string(own[0].Band) + `" },` + "\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("score JSON lacks %q:\n%s", want, out)
		}
	}
	// One evaluator so far: their total, nothing to disagree on; nobody: nothing.
	if p := doc.Vendors[0].Panel; len(p) != 1 || p[0].Evaluator != lead || len(doc.Vendors[0].Disagreements) != 0 {
		t.Errorf("a vendor the lead alone evaluated: %+v", doc.Vendors[0])
	}
	if d := doc.Vendors[2]; d.Panel == nil || len(d.Panel) != 0 || d.Disagreements == nil || len(d.Disagreements) != 0 {
		t.Errorf("a vendor nobody evaluated: %+v", d)
	}
	if !strings.Contains(string(out), "\"panel\": [],\n      \"disagreements\": []\n") {
		t.Error("no empty lists for a vendor nobody evaluated")
	}
}

// A panel of one is a single evaluator: the report and the score JSON are byte for
// byte the demo's, which has no panel.
func TestPanelOfOneIsOneEvaluator(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		s.Panel = []rubric.Evaluator{{Name: s.Evaluator, Role: rubric.Lead}}
		for i := range s.Vendors {
			v := &s.Vendors[i]
			v.Panel = map[string]rubric.Answers{s.Evaluator: v.Answers}
			v.Submitted = map[string]bool{s.Evaluator: true}
		}
		md, err := os.ReadFile(filepath.Join("testdata", "demo_"+string(lang)+".md"))
		if err != nil {
			t.Fatal(err)
		}
		if got := Markdown(s, lang, goldenNow); string(got) != string(md) {
			t.Errorf("%s: the report of a panel of one differs from the demo's\n%s", lang, firstDiff(got, md))
		}
		js, err := os.ReadFile(filepath.Join("testdata", "demo_"+string(lang)+".score.json"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := ScoreJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(js) {
			t.Errorf("%s: the score JSON of a panel of one differs from the demo's\n%s", lang, firstDiff(got, js))
		}
	}
}
