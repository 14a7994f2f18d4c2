package rubric

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// feeds is rubric.md's "Which answers feed which item" table, with the questions
// asked since (the hiring bar, training topics, retention incentives, the urgent
// response, resolution time, QA pass and conversion rates, the payment cycle and the
// invoice) and the role split counted with the team's other roles in B3.
var feeds = map[string][]string{
	"A1": {"business_license", "dispatch_permit", "telecom_license"},
	"A2": {"iso9001", "iso27001"},
	"A3": {"nda", "encryption", "leak_plan", "mlps"},
	"A4": {"industry_filing"},
	"B1": {"same_industry_cases", "reference_checked", "scale_match"},
	"B2": {"seat_multiple", "seats_normal", "seats_peak", "hours", "prep_days"},
	"B3": {"recruitment_bar", "training_hours", "training_topics", "periodic_assessment", "role_split", "qa_staff", "trainers",
		"ops_manager", "mock_rating", "attrition_pct", "retention_incentives"},
	"B4": {"channels", "elastic_model"},
	"C1": {"response_s", "urgent_response_s", "fcr_pct", "resolution_h", "answer_pct", "csat_pct", "bad_review_pct",
		"qa_pass_pct", "conversion_pct"},
	"C2": {"kpis_in_contract", "penalty"},
	"C3": {"dashboard", "raw_access"},
	"C4": {"report_cadence", "report_analysis"},
	"C5": {"emergency_plan"},
	"D1": {"billing_models", "payment_days", "invoice_type", "hidden_fees_reviewed", "hidden_fees"},
	"D2": {"termination", "breach_liability", "data_ownership", "data_handover", "dispute_resolution"},
	"D3": {"account_manager", "feedback_hours"},
	"D4": {"trial"},
}

// stepOf is rubric.md's "Steps: 2 → A1–A4; 3 → B2–B4; …".
var stepOf = map[string]int{
	"A1": 2, "A2": 2, "A3": 2, "A4": 2,
	"B2": 3, "B3": 3, "B4": 3, "B1": 4,
	"C1": 5, "C2": 5, "C5": 5,
	"D1": 6, "D2": 6, "D4": 6,
	"C3": 7, "C4": 7, "D3": 7,
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, q := range Questions {
		if seen[q.ID] {
			t.Errorf("id %s appears twice", q.ID)
		}
		seen[q.ID] = true
		if q.Label.ZH == "" || q.Label.EN == "" || q.Label.ZH == q.Label.EN {
			t.Errorf("%s lacks a label in both languages: %+v", q.ID, q.Label)
		}
		if (q.Help.ZH == "") != (q.Help.EN == "") {
			t.Errorf("%s has help in one language only", q.ID)
		}
		if q.Step < 2 || q.Step > 7 {
			t.Errorf("%s is in step %d", q.ID, q.Step)
		}
		if got, ok := QuestionByID(q.ID); !ok || got.ID != q.ID {
			t.Errorf("QuestionByID(%s) = %v %v", q.ID, got.ID, ok)
		}
		if !slices.ContainsFunc(StepQuestions(q.Step), func(s Question) bool { return s.ID == q.ID }) {
			t.Errorf("%s missing from StepQuestions(%d)", q.ID, q.Step)
		}
		switch q.Kind {
		case KindChoice, KindSet:
			if len(q.Options) == 0 {
				t.Errorf("%s has no options", q.ID)
			}
			for _, o := range q.Options {
				if o.Label.ZH == "" || o.Label.EN == "" {
					t.Errorf("%s option %s lacks a label", q.ID, o.Value)
				}
			}
		case KindNumber:
			if q.Min >= q.Max || (q.Unit.ZH == "") != (q.Unit.EN == "") {
				t.Errorf("%s: range %v..%v unit %+v", q.ID, q.Min, q.Max, q.Unit)
			}
		}
	}
	if _, ok := QuestionByID("nope"); ok {
		t.Errorf("QuestionByID finds an unknown id")
	}

	// Every id of the table feeds its item; nothing else feeds anything.
	listed := map[string]bool{}
	for item, ids := range feeds {
		it, _, ok := ItemByID(item)
		if !ok {
			t.Fatalf("unknown item %s", item)
		}
		if it.Step != stepOf[item] {
			t.Errorf("item %s is in step %d, rubric.md says %d", item, it.Step, stepOf[item])
		}
		for _, id := range ids {
			listed[id] = true
			q, ok := QuestionByID(id)
			if !ok {
				t.Errorf("%s: no question %s", item, id)
				continue
			}
			if q.Item != item || q.Step != stepOf[item] {
				t.Errorf("%s feeds %s in step %d, want %s in step %d", id, q.Item, q.Step, item, stepOf[item])
			}
		}
	}
	for _, q := range Questions {
		if !listed[q.ID] && q.Item != "" {
			t.Errorf("%s feeds %s but is not in rubric.md's table", q.ID, q.Item)
		}
	}
	// The mock consultation's rating says what each of its five levels means, in the
	// help the wizard shows under the field.
	if q, _ := QuestionByID("mock_rating"); true {
		for _, level := range []string{"1 ", "2 ", "3 ", "4 ", "5 "} {
			if !strings.Contains(q.Help.ZH, level) || !strings.Contains(q.Help.EN, level) {
				t.Errorf("mock_rating's help does not explain level %q: %+v", level, q.Help)
			}
		}
	}
	// The best answer to a choice is its last option: the special VAT invoice.
	if q, _ := QuestionByID("invoice_type"); q.Options[len(q.Options)-1].Value != "vat_special" || q.Options[0].Value != "none" {
		t.Errorf("invoice options %v", q.Options)
	}
	for _, topic := range CoreTrainingTopics {
		if !TrainingTopicOptions.Has(topic) {
			t.Errorf("core training topic %s is not an option", topic)
		}
	}
	// The price is asked in step 6 and shown, not scored.
	if q, ok := QuestionByID("price_month"); !ok || q.Item != "" || q.Step != 6 || q.Applicable(baseReq()) {
		t.Errorf("price_month: %+v", q)
	}
	if len(Steps) != 7 || StepName(1, ZH) != "明确核心需求" || StepName(7, ZH) != "搭建监控体系" || StepName(8, EN) != "" {
		t.Errorf("steps: %v", Steps)
	}
	for _, s := range Steps {
		if s.Name.ZH == "" || s.Name.EN == "" {
			t.Errorf("step %d lacks a name", s.N)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, q := range Questions {
		for _, v := range validValues(q) {
			if q.Check(v) != nil {
				continue
			}
			raw := q.Encode(v)
			if raw == nil {
				t.Errorf("%s: %+v encodes as unknown", q.ID, v)
				continue
			}
			got, err := q.Decode(raw)
			if err != nil {
				t.Errorf("%s: decode %s: %v", q.ID, raw, err)
				continue
			}
			if got.Tri != v.Tri || got.Num != v.Num || got.Str != v.Str || !slices.Equal(got.Set, v.Set) {
				t.Errorf("%s: %+v → %s → %+v", q.ID, v, raw, got)
			}
			if again := q.Encode(got); string(again) != string(raw) {
				t.Errorf("%s: %s re-encodes as %s", q.ID, raw, again)
			}
		}
	}
	// The JSON shapes of format.md.
	for _, c := range []struct {
		id   string
		v    Value
		want string
	}{
		{"nda", Value{Tri: Yes}, `"yes"`},
		{"nda", Value{Tri: No}, `"no"`},
		{"answer_pct", Value{Num: 99.5}, `99.5`},
		{"seat_multiple", Value{Num: 8}, `8`},
		{"hours", Value{Str: "7x24"}, `"7x24"`},
		{"hidden_fees", Value{}, `[]`},
		{"channels", Value{Set: []string{"web", "app"}}, `["web","app"]`},
	} {
		q, _ := QuestionByID(c.id)
		if got := string(q.Encode(c.v)); got != c.want {
			t.Errorf("%s: Encode(%+v) = %s, want %s", c.id, c.v, got, c.want)
		}
	}
	// Unknown encodes as nothing: the key is left out.
	for _, c := range []struct {
		id string
		v  Value
	}{{"nda", Value{}}, {"hours", Value{}}, {"invoice_type", Value{Str: ""}}} {
		q, _ := QuestionByID(c.id)
		if raw := q.Encode(c.v); raw != nil {
			t.Errorf("%s: unknown encodes as %s", c.id, raw)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, c := range []struct {
		id, raw string
	}{
		{"nda", `true`}, {"nda", `"maybe"`}, {"nda", `""`}, {"nda", `1`}, {"nda", `null`}, {"nda", `["yes"]`},
		{"seat_multiple", `"8"`}, {"seat_multiple", `-1`}, {"seat_multiple", `101`}, {"seat_multiple", `null`}, {"seat_multiple", `{}`},
		{"mock_rating", `0`}, {"mock_rating", `6`}, {"mock_rating", `4.5`},
		{"attrition_pct", `100.1`}, {"fcr_pct", `-0.1`}, {"response_s", `3601`}, {"prep_days", `1.5`},
		{"same_industry_cases", `2.5`}, {"feedback_hours", `1e9`}, {"price_month", `-1`},
		{"hours", `"24x7"`}, {"hours", `""`}, {"hours", `5`}, {"hours", `null`},
		{"billing_models", `"per_hour"`}, {"billing_models", `["free"]`}, {"report_cadence", `["yearly"]`},
		{"channels", `"web"`}, {"channels", `["web","sms"]`}, {"channels", `["web","web"]`}, {"channels", `[1]`}, {"channels", `null`},
		{"hidden_fees", `["tips"]`}, {"hidden_fees", `"training"`}, {"hidden_fees", `null`},
		{"invoice_type", `"fapiao"`}, {"invoice_type", `""`}, {"invoice_type", `true`},
		{"training_topics", `["cooking"]`}, {"training_topics", `["product","product"]`}, {"training_topics", `null`},
		{"payment_days", `1.5`}, {"payment_days", `366`}, {"conversion_pct", `101`}, {"qa_pass_pct", `-1`},
		{"resolution_h", `721`}, {"urgent_response_s", `3601`}, {"retention_incentives", `"sometimes"`}, {"recruitment_bar", `1`},
		{"nda", `not json`},
	} {
		q, _ := QuestionByID(c.id)
		v, err := q.Decode(json.RawMessage(c.raw))
		if err == nil {
			t.Errorf("%s: Decode(%s) = %+v, want an error", c.id, c.raw, v)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.id || fe.Message.ZH == "" || fe.Message.EN == "" || fe.Message.ZH == fe.Message.EN {
			t.Errorf("%s: Decode(%s) error %#v is not a bilingual field error", c.id, c.raw, err)
		}
		if !strings.HasPrefix(err.Error(), c.id+": ") {
			t.Errorf("%s: error %q does not name the field", c.id, err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		id, in  string
		want    float64
		known   bool
		wantErr bool
	}{
		{"seat_multiple", "12a", 0, false, true},
		{"seat_multiple", "", 0, false, false},
		{"seat_multiple", "   ", 0, false, false},
		{"seat_multiple", " 12 ", 12, true, false},
		{"seat_multiple", "１２", 12, true, false},
		{"seat_multiple", "１２．５", 12.5, true, false},
		{"answer_pct", "99.5%", 99.5, true, false},
		{"answer_pct", "99.5％", 99.5, true, false},
		{"answer_pct", "100", 100, true, false},
		{"answer_pct", "100.5", 0, false, true},
		{"seat_multiple", "-1", 0, false, true},
		{"price_month", "180,000", 180000, true, false},
		{"training_hours", "80.5", 0, false, true},
		{"training_hours", "0", 0, true, false},
		{"mock_rating", "0", 0, false, true},
		{"mock_rating", "5", 5, true, false},
		{"attrition_pct", "NaN", 0, false, true},
		{"attrition_pct", "inf", 0, false, true},
		{"attrition_pct", "abc", 0, false, true},
		{"response_s", "30秒", 30, true, false},
		{"response_s", "2分钟", 120, true, false},
		{"price_month", "1.2万", 12000, true, false},
		{"response_s", "30%", 0, false, true},
		// A range counts at the end worse for the client.
		{"urgent_response_s", "1分钟", 60, true, false},
		{"urgent_response_s", "30-90秒", 90, true, false},
		{"resolution_h", "2天", 48, true, false},
		{"resolution_h", "30分钟", 0.5, true, false},
		{"bad_review_pct", "1-2%", 2, true, false},
		{"qa_pass_pct", "95-98%", 95, true, false},
		{"conversion_pct", "30-40%", 30, true, false},
		{"payment_days", "30-60", 30, true, false},
		{"payment_days", "1.5", 0, false, true},
		{"payment_days", "2周", 14, true, false},
	} {
		q, _ := QuestionByID(c.id)
		v, known, err := q.ParseNumber(c.in)
		if (err != nil) != c.wantErr || known != c.known || v != c.want {
			t.Errorf("%s.ParseNumber(%q) = %v, %v, %v; want %v, %v, error %v", c.id, c.in, v, known, err, c.want, c.known, c.wantErr)
		}
		if err != nil && (err.Field != c.id || err.Message.ZH == "" || err.Message.EN == "") {
			t.Errorf("%s.ParseNumber(%q): error %+v", c.id, c.in, err)
		}
	}
	// Out-of-range messages give the range in both languages.
	q, _ := QuestionByID("seat_multiple")
	_, _, err := q.ParseNumber("-1")
	if err == nil || !strings.Contains(err.Message.EN, "between 0 and 100") || !strings.Contains(err.Message.ZH, "0 到 100") {
		t.Errorf("out-of-range message %+v", err)
	}
}

func TestTri(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Tri
		ok   bool
	}{{"yes", Yes, true}, {"no", No, true}, {"unknown", Unknown, true}, {"", Unknown, true}, {"Yes", Unknown, false}, {"y", Unknown, false}} {
		got, ok := ParseTri(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseTri(%q) = %v %v", c.in, got, ok)
		}
	}
	for _, tr := range []Tri{Yes, No, Unknown} {
		if got, _ := ParseTri(tr.String()); got != tr {
			t.Errorf("%v does not round-trip", tr)
		}
	}
}

func TestKnown(t *testing.T) {
	q := func(id string) Question { x, _ := QuestionByID(id); return x }
	for _, c := range []struct {
		id   string
		a    Answers
		want bool
	}{
		{"nda", Answers{}, false},
		{"nda", yes("nda"), true},
		{"nda", ans("nda", No), true},
		{"nda", Answers{"nda": {}}, false},
		{"seat_multiple", ans("seat_multiple", 0), true},
		{"seat_multiple", Answers{}, false},
		{"hours", ans("hours", ""), false},
		{"hours", ans("hours", "5x8"), true},
		{"channels", ans("channels", []string{}), false},
		{"channels", ans("channels", []string{"web"}), true},
		{"hidden_fees", ans("hidden_fees", []string{}), true},
		{"hidden_fees", Answers{}, false},
		{"training_topics", ans("training_topics", []string{}), false},
		{"training_topics", ans("training_topics", []string{"product"}), true},
		{"invoice_type", ans("invoice_type", "none"), true},
	} {
		if got := c.a.Known(q(c.id)); got != c.want {
			t.Errorf("Known(%s) with %v = %v", c.id, c.a, got)
		}
	}
	// Clone copies sets deeply.
	a := ans("channels", []string{"web"})
	b := a.Clone()
	b["channels"].Set[0] = "app"
	if a["channels"].Set[0] != "web" {
		t.Errorf("Clone shares sets")
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]Lang{"zh": ZH, "zh_CN.UTF-8": ZH, " ZH-tw ": ZH, "en": EN, "": EN, "C": EN, "fr_FR": EN} {
		if got := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %s", in, got)
		}
	}
	if (Text{"", "only"}).In(ZH) != "only" || (Text{"中", "en"}).In(ZH) != "中" || (Text{"中", "en"}).In(EN) != "en" {
		t.Errorf("Text.In")
	}
	if ChannelOptions.Label("phone", ZH) != "电话热线" || ChannelOptions.Label("sms", EN) != "sms" || ChannelOptions.Index("offline") != 6 || ChannelOptions.Index("sms") != -1 {
		t.Errorf("Options")
	}
}

// TestMoot: a scored question the requirements leave out is moot, and only such a
// question; a question shown but not scored (the price) or refining another (the fee
// list) never is.
func TestMoot(t *testing.T) {
	retention := func(r *Requirements) { r.Goals = []string{"retention"} }
	for _, c := range []struct {
		id   string
		req  Requirements
		moot bool
	}{
		{"dispatch_permit", baseReq(), true},
		{"dispatch_permit", with(dispatch), false},
		{"telecom_license", baseReq(), true},
		{"telecom_license", with(phone), false},
		{"industry_filing", baseReq(), true},
		{"industry_filing", with(finance), false},
		{"conversion_pct", baseReq(), false}, // e-commerce
		{"conversion_pct", with(finance), true},
		{"conversion_pct", with(finance, retention), false},
		{"conversion_pct", with(industry("")), true},
		{"conversion_pct", with(industry("education"), retention), false},
		{"price_month", baseReq(), false},
		{"hidden_fees", baseReq(), false},
		{"nda", with(finance), false},
	} {
		q, _ := QuestionByID(c.id)
		if got := q.Moot(c.req); got != c.moot {
			t.Errorf("%s moot = %v for %s/%v, want %v", c.id, got, c.req.Industry, c.req.Goals, c.moot)
		}
		if q.Item != "" && !q.Detail && q.Moot(c.req) == q.Applicable(c.req) {
			t.Errorf("%s: moot and applicable agree", c.id)
		}
	}
}

// A price is asked for when the vendor offers a billing model it is part of, or
// when it was given anyway.
func TestUnusedPrices(t *testing.T) {
	seat, _ := QuestionByID("price_seat_month")
	hour, _ := QuestionByID("price_per_hour")
	quoted, _ := QuestionByID("price_month")
	a := Answers{"billing_models": {Set: []string{"per_seat"}}}
	if seat.Unused(a) || !hour.Unused(a) || quoted.Unused(a) {
		t.Errorf("per seat offered: seat %v hour %v quoted %v", seat.Unused(a), hour.Unused(a), quoted.Unused(a))
	}
	a["price_per_hour"] = Value{Num: 30}
	if hour.Unused(a) {
		t.Error("a price given anyway is hidden")
	}
	if !seat.Unused(Answers{}) {
		t.Error("no billing model: the seat price is asked")
	}
}
