package report

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// format.md's example session scores byte for byte as testdata/format_scorecard.json,
// format.md's "Scorecards" block as the rubric now scores it: the example predates
// nine of the 55 questions that apply to its company, which it leaves open, and the
// rules that changed with them (rubric's TestFormatExample says how, item by item),
// and with its licences, NDA and data ownership answered yes without evidence flagged
// as not verified.
func TestScoreJSONFormatExample(t *testing.T) {
	example, err := os.ReadFile("testdata/format_example.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/format_scorecard.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := sessionfile.Import(example)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ScoreJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("score JSON differs from testdata/format_scorecard.json:\n%s\nwant\n%s", got, want)
	}
}

func TestScoreJSONShape(t *testing.T) {
	s := demo.Session(rubric.EN)
	custom, _ := rubric.CustomProfile(30, 30, 25, 15)
	s.Profile = custom
	out, err := ScoreJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Profile map[string]float64
		Vendors []struct {
			Name        string
			Dimensions  map[string]float64
			Items       map[string]int
			Total       float64
			Band        string
			Provisional bool
			Knockouts   []string
		}
		Ranking    []string
		RankStable *bool `json:"rank_stable"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Profile["A"] != 30 || len(doc.Vendors) != 4 || len(doc.Ranking) != 4 || doc.RankStable == nil {
		t.Fatalf("unexpected document:\n%s", out)
	}
	for i, v := range doc.Vendors {
		card := rubric.Score(s.Requirements, s.Vendors[i].Answers, custom)
		if v.Total != card.Total || v.Band != string(card.Band) || len(v.Items) != 17 || v.Dimensions["D"] != card.Dimensions[3].Points {
			t.Errorf("%s: %+v does not match its scorecard", v.Name, v)
		}
	}
	// Disqualified vendors rank last.
	if doc.Ranking[3] != s.Vendors[3].Name || doc.Vendors[3].Knockouts[0] != "no_data_ownership" {
		t.Errorf("ranking = %v", doc.Ranking)
	}
	// A weighted total with a fraction keeps one decimal, a whole one none.
	if strings.Contains(string(out), ".0,") || strings.Contains(string(out), ".0 ") {
		t.Errorf("whole numbers printed with a decimal:\n%s", out)
	}
}

// encoding/json writes the scorecards and only their layout is format.md's: a name
// that ends like a list or an object stays a string, a custom profile's weights go on
// one line, and an empty session keeps its empty lists.
func TestScoreJSONLayout(t *testing.T) {
	s := demo.Session(rubric.EN)
	s.Vendors = s.Vendors[:2]
	s.Vendors[0].Name, s.Vendors[1].Name = "Ends in {", "Ends in ["
	s.Profile, _ = rubric.CustomProfile(30, 30.5, 24.5, 15)
	// The first vendor's knockout answers verified, so that it has no flag at all.
	s.Vendors[0].Evidence = map[string]rubric.Evidence{}
	for _, id := range []string{"business_license", "telecom_license", "nda", "data_ownership"} {
		s.Vendors[0].Evidence[id] = rubric.Evidence{Source: "registry", Seen: "2026-11-30"}
	}
	out, err := ScoreJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) {
		t.Fatalf("not JSON:\n%s", out)
	}
	for _, want := range []string{
		"{\n  \"profile\": { \"A\": 30, \"B\": 30.5, \"C\": 24.5, \"D\": 15 },\n  \"vendors\": [\n    {\n",
		"      \"name\": \"Ends in {\",\n",
		"      \"items\": { \"A1\": 6, \"A2\": 6, \"A3\": 5, \"A4\": 2,\n                 \"B1\": ",
		"      \"knockouts\": [],\n      \"flags\": [],\n      \"capacity\": { \"covers_peak\": true, \"basis\": \"seats\",",
		"  \"ranking\": [\"Ends in {\", \"Ends in [\"],\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("score JSON lacks %q:\n%s", want, out)
		}
	}
	empty, err := ScoreJSON(rubric.Session{})
	if err != nil {
		t.Fatal(err)
	}
	// No order to test: no stability claimed.
	want := "{\n  \"profile\": \"default\",\n  \"vendors\": [],\n  \"ranking\": [],\n  \"rank_stable\": null,\n  \"need\": null,\n  \"cheapest_covering\": null\n}\n"
	if string(empty) != want {
		t.Errorf("empty session:\n%s\nwant\n%s", empty, want)
	}
}

func TestScoreText(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		out := ScoreText(s, lang)
		lines := strings.Split(out, "\n")
		// The table rows end where the header does: columns line up in display cells.
		var header int
		for i, l := range lines {
			if strings.HasPrefix(l, "#  ") {
				header = i
			}
		}
		for i := header + 1; i <= header+4; i++ {
			for _, col := range []string{"A/20", "D/20"} {
				h := cells.StringWidth(lines[header][:strings.Index(lines[header], col)+len(col)])
				prefix := cells.Truncate(lines[i], h, "")
				if cells.StringWidth(prefix) != h || strings.HasSuffix(prefix, " ") {
					t.Errorf("%s: row %q does not end column %s at cell %d", lang, lines[i], col, h)
				}
			}
		}
		// Long names are cut to fit the column, never dropped.
		for _, v := range s.Vendors {
			if !strings.Contains(out, string([]rune(v.Name)[:12])) {
				t.Errorf("%s: %s missing", lang, v.Name)
			}
		}
		if !strings.Contains(out, rubric.FindingText("no_data_ownership", lang)) {
			t.Errorf("%s: knockout sentence missing:\n%s", lang, out)
		}
	}
	if out := ScoreText(rubric.Session{}, rubric.EN); !strings.Contains(out, "No vendors") {
		t.Errorf("empty session: %q", out)
	}
}

// A vendor with nothing answered is incomplete in the JSON and the table alike, not a
// reject; a disqualified one has no "Up to" in the table.
func TestScoreUnfinishedVendor(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		s.Vendors = []rubric.Vendor{{Name: "Fresh", Answers: rubric.Answers{}}, s.Vendors[3]}
		out, err := ScoreJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Vendors []struct {
				Band        string
				Provisional bool
			}
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if v := doc.Vendors[0]; v.Band != "incomplete" || !v.Provisional {
			t.Errorf("a fresh vendor in the JSON: %+v", v)
		}
		txt := ScoreText(s, lang)
		var fresh, dq string
		for _, l := range strings.Split(txt, "\n") {
			switch {
			case strings.Contains(l, "Fresh") && strings.Contains(l, "/"):
				fresh = l
			case strings.HasPrefix(l, "—  "):
				dq = l
			}
		}
		if !strings.HasSuffix(fresh, rubric.Incomplete.Label(lang)) || strings.Contains(fresh, rubric.Reject.Label(lang)) {
			t.Errorf("%s: a fresh vendor's row: %q", lang, fresh)
		}
		if f := strings.Fields(dq); len(f) < 9 || f[len(f)-3] != "—" {
			t.Errorf("%s: the disqualified vendor's row says an up-to: %q", lang, dq)
		}
	}
}
