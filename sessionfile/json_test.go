package sessionfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// formatExample is format.md's example session; it lives beside the scorecards it
// scores to, and the command line's tests read it there too.
const formatExample = "../report/testdata/format_example.json"

func TestRoundTripDemo(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		data, err := Export(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Import(data)
		if err != nil {
			t.Fatalf("%s: import of our own export: %v", lang, err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip changed the session:\n got %#v\nwant %#v", lang, back, s)
		}
	}
}

func TestRoundTripProfilesAndBudget(t *testing.T) {
	custom, err := rubric.CustomProfile(30, 30, 25, 15)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []rubric.Profile{rubric.DefaultProfile, rubric.RegulatedProfile, custom} {
		s := demo.Session(rubric.EN)
		s.Profile = p
		s.Requirements.BudgetMonth = nil
		data, err := Export(s)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `"budget_month": null`) {
			t.Errorf("no budget should export as null")
		}
		back, err := Import(data)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip changed the session", p.Name)
		}
	}
}

// format.md's example imports, and exports as the same document (key order and
// whitespace aside), with the targets added to step 1 since at their defaults.
func TestFormatExample(t *testing.T) {
	example, err := os.ReadFile(formatExample)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Import(example)
	if err != nil {
		t.Fatalf("format.md example: %v", err)
	}
	if s.Title != "2026 客服外包选型" || len(s.Vendors) != 1 || s.Vendors[0].Notes[2] != "营业执照已核验" {
		t.Errorf("example read wrongly: %+v", s)
	}
	if _, ok := s.Vendors[0].Notes[3]; ok {
		t.Errorf("an empty note should read as no note")
	}
	out, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(example, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	// The example is a /1 file; written again it is /2, with no follow-ups or evidence and
	// with the targets added since at their defaults.
	doc := want.(map[string]any)
	if doc["format"] != FormatV1 {
		t.Fatalf("the example is %v, want a %s file", doc["format"], FormatV1)
	}
	doc["format"] = Format
	for _, v := range doc["vendors"].([]any) {
		v.(map[string]any)["followups"] = map[string]any{}
		v.(map[string]any)["evidence"] = map[string]any{}
	}
	// Its answers to questions asked differently since come back in their new form.
	for _, v := range doc["vendors"].([]any) {
		answers := v.(map[string]any)["answers"].(map[string]any)
		for id, value := range answers {
			raw, _ := json.Marshal(value)
			if to, carried, ok := rubric.CarryForward(id, raw); ok {
				delete(answers, id)
				set := []any{}
				for _, x := range carried.Set {
					set = append(set, x)
				}
				answers[to] = set
			}
		}
	}
	req := doc["requirements"].(map[string]any)
	added := 0
	for _, f := range rubric.RequirementFields {
		_, ok := req[f.ID]
		switch {
		case ok || f.Kind != rubric.KindNumber:
		case f.Plan:
			req[f.ID] = nil // the capacity plan, left at its estimates
		default:
			x, _ := rubric.DefaultRequirements().Number(f.ID)
			req[f.ID] = x
			added++
		}
	}
	if added != 5 {
		t.Errorf("format.md's example lacks %d targets, want the 5 added since", added)
	}
	// …and no planned contract end.
	req["contract_end"] = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("export differs from format.md's example:\n%s", out)
	}
}

// Missing keys mean unknown: the smallest valid document is the format line, and
// requirements left out keep the rubric's defaults.
func TestImportDefaults(t *testing.T) {
	s, err := Import([]byte(`{"format": "vendorvet.session/1", "requirements": {"channels": ["phone"]},
		"vendors": [{"name": "甲"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := rubric.DefaultRequirements()
	want.Channels = []string{"phone"}
	if !reflect.DeepEqual(s.Requirements, want) {
		t.Errorf("requirements = %+v, want defaults %+v", s.Requirements, want)
	}
	if s.Profile != rubric.DefaultProfile {
		t.Errorf("profile = %+v, want default", s.Profile)
	}
	if v := s.Vendors[0]; v.Name != "甲" || len(v.Answers) != 0 || v.Notes != nil {
		t.Errorf("vendor = %+v", v)
	}
	// "unknown" is accepted and means the same as absent.
	s, err = Import([]byte(`{"format": "vendorvet.session/1", "vendors": [{"name": "A", "answers": {"nda": "unknown", "iso9001": "yes"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Vendors[0].Answers["nda"]; ok || s.Vendors[0].Answers.Tri("iso9001") != rubric.Yes {
		t.Errorf("answers = %+v", s.Vendors[0].Answers)
	}
}

// The questions and targets added to the rubric read and write like the others; a
// file written before them (format.md's) reads with the targets at their defaults
// and the questions unknown.
func TestImportAddedQuestionsAndTargets(t *testing.T) {
	doc := `{"format": "vendorvet.session/1",
		"requirements": {"channels": ["web"], "target_urgent_response_s": 45, "target_resolution_h": 4,
			"target_bad_review_pct": 0.5, "target_qa_pass_pct": 98, "target_conversion_pct": 40},
		"vendors": [{"name": "甲", "answers": {"recruitment_bar": "yes", "training_topics": ["product", "compliance"],
			"retention_incentives": "no", "urgent_response_s": 50, "resolution_h": 3.5, "qa_pass_pct": 99,
			"conversion_pct": 42, "payment_days": 30, "invoice_type": "vat_special"}}]}`
	s, err := Import([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	r := s.Requirements
	if r.TargetUrgentResponseS != 45 || r.TargetResolutionH != 4 || r.TargetBadReviewPct != 0.5 ||
		r.TargetQAPassPct != 98 || r.TargetConversionPct != 40 {
		t.Errorf("targets read as %+v", r)
	}
	a := s.Vendors[0].Answers
	if a.Tri("recruitment_bar") != rubric.Yes || a.Tri("retention_incentives") != rubric.No ||
		a["resolution_h"].Num != 3.5 || a["invoice_type"].Str != "vat_special" ||
		strings.Join(a["training_topics"].Set, ",") != "product,compliance" {
		t.Errorf("answers read as %+v", a)
	}
	out, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Import(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Requirements, s.Requirements) || !reflect.DeepEqual(again.Vendors[0].Answers, a) {
		t.Errorf("export and import again changed the session:\n%s", out)
	}

	example, err := os.ReadFile(formatExample)
	if err != nil {
		t.Fatal(err)
	}
	old, err := Import(example)
	if err != nil {
		t.Fatal(err)
	}
	d := rubric.DefaultRequirements()
	if r := old.Requirements; r.TargetUrgentResponseS != d.TargetUrgentResponseS || r.TargetResolutionH != d.TargetResolutionH ||
		r.TargetBadReviewPct != d.TargetBadReviewPct || r.TargetQAPassPct != d.TargetQAPassPct || r.TargetConversionPct != d.TargetConversionPct {
		t.Errorf("an older file's targets read as %+v", r)
	}
	for _, id := range []string{"recruitment_bar", "training_topics", "retention_incentives", "urgent_response_s",
		"resolution_h", "qa_pass_pct", "conversion_pct", "payment_days", "invoice_type"} {
		if _, ok := old.Vendors[0].Answers[id]; ok {
			t.Errorf("an older file answers %s", id)
		}
	}
}

// Free text is cleaned on the way in: nothing a terminal would act on survives.
func TestImportCleansText(t *testing.T) {
	doc := `{"format": "vendorvet.session/1", "title": "a\u001b[2Jb\u202e", "client": "c\td",
		"requirements": {"user_profile": "x\r\ny\u0007", "notes": "\u009b31m"},
		"vendors": [{"name": "v\u001b]52;c;aGk=\u0007", "contact": "1\n2", "notes": {"2": "l1\r\nl2\u001b[0m"}}]}`
	s, err := Import([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{s.Title, s.Client, s.Requirements.UserProfile, s.Requirements.Notes, s.Vendors[0].Name, s.Vendors[0].Contact, s.Vendors[0].Notes[2]}
	want := []string{"a[2Jb", "c d", "x\ny", "31m", "v]52;c;aGk=", "1 2", "l1\nl2[0m"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cleaned text = %q, want %q", got, want)
	}
}

func TestImportErrors(t *testing.T) {
	const head = `"format": "vendorvet.session/1"`
	vendor := func(body string) string {
		return `{` + head + `, "vendors": [{"name": "甲"}, {"name": "示例服务商", ` + body + `}]}`
	}
	cases := []struct {
		name, doc string
		path      string // the key the message must name
		words     string // and a word of the English explanation
	}{
		{"not JSON", `{"format": "vendorvet.session/1",`, "", "not valid JSON"},
		{"not JSON position", "{\n  \"format\": x\n}", "", "line 2"},
		{"not an object", `[1, 2]`, "", "JSON object"},
		{"format missing", `{"title": "x"}`, "format", "missing"},
		{"format wrong", `{"format": "vendorvet.session/5"}`, "format", "not supported"},
		{"format not a string", `{"format": 1}`, "format", "must be a string"},
		{"unknown top key", `{` + head + `, "titel": "x"}`, "titel", "unknown key"},
		{"duplicate key", `{` + head + `, "title": "a", "title": "b"}`, "title", "twice"},
		{"title wrong type", `{` + head + `, "title": 5}`, "title", "must be a string"},
		{"lang", `{` + head + `, "lang": "fr"}`, "lang", `"zh" or "en"`},
		{"unknown requirements key", `{` + head + `, "requirements": {"channel": ["web"]}}`, "requirements.channel", "unknown key"},
		{"requirements wrong type", `{` + head + `, "requirements": {"daily_volume": "5000"}}`, "requirements.daily_volume", "must be a number"},
		{"requirements fraction", `{` + head + `, "requirements": {"daily_volume": 50.5}}`, "requirements.daily_volume", "whole number"},
		{"requirements out of range", `{` + head + `, "requirements": {"target_fcr_pct": 120}}`, "requirements.target_fcr_pct", "between 0 and 100"},
		{"requirements bad option", `{` + head + `, "requirements": {"channels": ["fax"]}}`, "requirements.channels", `"fax"`},
		{"requirements urgent fraction", `{` + head + `, "requirements": {"target_urgent_response_s": 1.5}}`, "requirements.target_urgent_response_s", "whole number"},
		{"requirements resolution 0", `{` + head + `, "requirements": {"target_resolution_h": 0}}`, "requirements.target_resolution_h", "between 0.1 and 720"},
		{"requirements bad-review ceiling", `{` + head + `, "requirements": {"target_bad_review_pct": 101}}`, "requirements.target_bad_review_pct", "between 0 and 100"},
		{"requirements huge number", `{` + head + `, "requirements": {"peak_multiplier": 1e999}}`, "requirements.peak_multiplier", "out of range"},
		{"requirements null", `{` + head + `, "requirements": {"goals": null}}`, "requirements.goals", "not null"},
		{"requirements not object", `{` + head + `, "requirements": []}`, "requirements", "must be an object"},
		{"profile name", `{` + head + `, "profile": "strict"}`, "profile", `"regulated"`},
		{"profile sum", `{` + head + `, "profile": {"A": 30, "B": 30, "C": 30, "D": 30}}`, "profile", "sum to 100, not 120"},
		{"profile missing weight", `{` + head + `, "profile": {"A": 50, "B": 50, "C": 0}}`, "profile.D", "missing"},
		{"profile unknown weight", `{` + head + `, "profile": {"A": 25, "B": 25, "C": 25, "D": 25, "E": 0}}`, "profile.E", "unknown key"},
		{"profile negative weight", `{` + head + `, "profile": {"A": -10, "B": 50, "C": 30, "D": 30}}`, "profile.A", "between 0 and 100"},
		{"vendors not a list", `{` + head + `, "vendors": {}}`, "vendors", "must be a list"},
		{"vendor unknown key", vendor(`"phone": "1"`), "vendors[2](示例服务商).phone", "unknown key"},
		{"answers unknown key", vendor(`"answers": {"ndaa": "yes"}`), "vendors[2](示例服务商).answers.ndaa", "unknown key"},
		{"answers wrong type", vendor(`"answers": {"nda": true}`), "vendors[2](示例服务商).answers.nda", `"yes" or "no"`},
		{"answers out of range", vendor(`"answers": {"mock_rating": 6}`), "vendors[2](示例服务商).answers.mock_rating", "between 1 and 5"},
		{"answers fraction", vendor(`"answers": {"prep_days": 2.5}`), "vendors[2](示例服务商).answers.prep_days", "whole number"},
		{"answers bad choice", vendor(`"answers": {"hours": "24x7"}`), "vendors[2](示例服务商).answers.hours", `"24x7"`},
		{"answers bad invoice", vendor(`"answers": {"invoice_type": "receipt"}`), "vendors[2](示例服务商).answers.invoice_type", `"receipt"`},
		{"answers bad training topic", vendor(`"answers": {"training_topics": ["cooking"]}`), "vendors[2](示例服务商).answers.training_topics", `"cooking"`},
		{"answers payment fraction", vendor(`"answers": {"payment_days": 30.5}`), "vendors[2](示例服务商).answers.payment_days", "whole number"},
		{"answers null", vendor(`"answers": {"trial": null}`), "vendors[2](示例服务商).answers.trial", "leave the key out"},
		{"notes bad step", vendor(`"notes": {"8": "x"}`), "vendors[2](示例服务商).notes.8", `"2" to "7"`},
		{"notes step one", vendor(`"notes": {"1": "x"}`), "vendors[2](示例服务商).notes.1", `"2" to "7"`},
		{"notes padded step", vendor(`"notes": {"02": "x"}`), "vendors[2](示例服务商).notes.02", `"2" to "7"`},
		{"notes wrong type", vendor(`"notes": {"2": 1}`), "vendors[2](示例服务商).notes.2", "must be a string"},
		{"vendor without name", `{` + head + `, "vendors": [{"contact": "x"}]}`, "vendors[1].name", "needs a name"},
		{"vendor not an object", `{` + head + `, "vendors": ["x"]}`, "vendors[1]", "must be an object"},
		{"duplicate vendor", `{` + head + `, "vendors": [{"name": "甲"}, {"name": "甲"}]}`, "vendors[2](甲).name", "vendor 1"},
		{"too deep", `{` + head + `, "x": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`, "", "nested"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import([]byte(c.doc))
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want an *ImportError", err)
			}
			if ie.Path != c.path {
				t.Errorf("path = %q, want %q (%v)", ie.Path, c.path, err)
			}
			if !strings.Contains(err.Error(), c.words) {
				t.Errorf("message %q does not say %q", err.Error(), c.words)
			}
			if c.path != "" && !strings.HasPrefix(err.Error(), c.path+": ") {
				t.Errorf("message %q does not start with the key", err.Error())
			}
			zh := ie.In(rubric.ZH)
			if ie.Message.ZH == "" || zh == err.Error() || !strings.HasPrefix(zh, c.path) {
				t.Errorf("no Chinese message: %q", zh)
			}
		})
	}
}

func TestImportSizeLimit(t *testing.T) {
	big := make([]byte, MaxSize+1)
	_, err := Import(big)
	var ie *ImportError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "too large") {
		t.Errorf("error = %v, want a size error", err)
	}
}

// A byte-order mark from a Windows editor is not an error.
func TestImportBOM(t *testing.T) {
	if _, err := Import([]byte("\ufeff{\"format\": \"vendorvet.session/1\"}")); err != nil {
		t.Errorf("BOM: %v", err)
	}
}

func FuzzImportJSON(f *testing.F) {
	example, err := os.ReadFile(formatExample)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		d, _ := Export(demo.Session(lang))
		f.Add(d)
	}
	f.Add([]byte(`{"format": "vendorvet.session/1", "profile": {"A": 25, "B": 25, "C": 25, "D": 25}}`))
	f.Add([]byte(`{"format": "vendorvet.session/1", "vendors": [{"name": "a\u001b", "notes": {"2": "x"}}]}`))
	for _, h := range hostileDocs {
		if len(h.doc) < 4096 {
			f.Add([]byte(h.doc))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Import(data)
		if err != nil {
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an *ImportError: %v", err)
			}
			return
		}
		out, err := Export(s)
		if err != nil {
			t.Fatalf("export of an imported session: %v", err)
		}
		again, err := Import(out)
		if err != nil {
			t.Fatalf("re-import of our export: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("export→import is not a fixed point:\n got %#v\nwant %#v", again, s)
		}
		out2, _ := Export(again)
		if string(out2) != string(out) {
			t.Fatalf("second export differs:\n%s\n%s", out, out2)
		}
	})
}

// Lists of plain values stay on their key's line whatever the text around them holds:
// brackets at the end of a name or a note open no list.
func TestExportLaysListsOnOneLine(t *testing.T) {
	s := demo.Session(rubric.EN)
	s.Vendors[0].Name = "Bracket ["
	s.Vendors[0].Contact = "],"
	s.Vendors[0].Notes[3] = "[\n  \"web\",\n]"
	data, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n    \"channels\": [\"web\", \"app\", \"wechat\", \"phone\", \"ecommerce\"],\n",
		"\n      \"name\": \"Bracket [\",\n",
		"\n      \"contact\": \"],\",\n",
		"\n        \"hidden_fees\": [],\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("export lacks %q", want)
		}
	}
	back, err := Import(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Error("round trip changed the session")
	}
}

// Follow-ups go out and come back; a follow-up without someone, with a day that
// does not read or for no question is refused by path.
func TestFollowupsRoundTrip(t *testing.T) {
	s := rubric.Session{Title: "T", Lang: rubric.ZH, Requirements: rubric.DefaultRequirements(), Profile: rubric.DefaultProfile,
		Vendors: []rubric.Vendor{{Name: "A", Answers: rubric.Answers{}, Followups: map[string]rubric.Followup{
			"nda": {Owner: "王敏", Due: "2026-12-15"}, "iso9001": {Owner: "Li", Due: "2027-01-02"}}}}}
	data, err := Export(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Import(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Vendors[0].Followups, s.Vendors[0].Followups) {
		t.Errorf("follow-ups came back as %+v", back.Vendors[0].Followups)
	}
	if i, j := bytes.Index(data, []byte(`"iso9001"`)), bytes.LastIndex(data, []byte(`"nda"`)); i < 0 || j < i {
		t.Errorf("follow-ups are not in the order of the questions:\n%s", data)
	}
	head := `"format": "vendorvet.session/2", "title": "T", "vendors": [{"name": "A", "followups": `
	for _, c := range []struct{ doc, path string }{
		{head + `{"nda": {"owner": " ", "due": "2026-12-15"}}}]`, "followups.nda.owner"},
		{head + `{"nda": {"owner": "王", "due": "12/15"}}}]`, "followups.nda.due"},
		{head + `{"no_such": {"owner": "王", "due": "2026-12-15"}}}]`, "no_such"},
		{head + `{"nda": {"owner": "王", "due": "2026-12-15", "done": true}}}]`, "done"},
	} {
		_, err := Import([]byte("{" + c.doc + "}"))
		var ie *ImportError
		if !errors.As(err, &ie) || !strings.Contains(ie.Path, c.path) {
			t.Errorf("%s: %v, want an ImportError at %s", c.doc, err, c.path)
		}
	}
}
