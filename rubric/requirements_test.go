package rubric

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultRequirements(t *testing.T) {
	d := DefaultRequirements()
	if d.PeakMultiplier != 1 || d.ServiceHours != "7x12" || d.StaffingMode != "process" ||
		d.TargetResponseS != 30 || d.TargetFCRPct != 85 || d.TargetAnswerPct != 99.5 || d.TargetCSATPct != 90 ||
		d.BudgetMonth != nil || d.Industry != "" || d.Regulated() {
		t.Errorf("defaults differ from rubric.md §1: %+v", d)
	}
	// The targets added since: the first article's urgent minute, and ours.
	if d.TargetUrgentResponseS != 60 || d.TargetResolutionH != 24 || d.TargetBadReviewPct != 1 ||
		d.TargetQAPassPct != 95 || d.TargetConversionPct != 35 {
		t.Errorf("added targets: %+v", d)
	}
	// The conversion rate counts in e-commerce and with the retention & conversion goal.
	if d.ConversionCounts() || !baseReq().ConversionCounts() || with(finance).ConversionCounts() ||
		!with(finance, func(r *Requirements) { r.Goals = []string{"cost", "retention"} }).ConversionCounts() {
		t.Errorf("ConversionCounts")
	}
	// The defaults lack only a channel.
	errs := d.Validate()
	if len(errs) != 1 || errs[0].Field != "channels" {
		t.Errorf("defaults: %v", errs)
	}
	d.Channels = []string{"wechat"}
	if errs := d.Validate(); len(errs) != 0 {
		t.Errorf("defaults with a channel: %v", errs)
	}
	for _, ind := range []string{"finance", "healthcare"} {
		if !with(industry(ind)).Regulated() {
			t.Errorf("%s is not regulated", ind)
		}
	}
	for _, o := range IndustryOptions {
		if o.Value != "finance" && o.Value != "healthcare" && with(industry(o.Value)).Regulated() {
			t.Errorf("%s is regulated", o.Value)
		}
	}
	if !with(phone).NeedsChannel("phone") || baseReq().NeedsChannel("phone") {
		t.Errorf("NeedsChannel")
	}
}

func TestRequirementsValidate(t *testing.T) {
	budget := func(b float64) func(*Requirements) { return func(r *Requirements) { r.BudgetMonth = &b } }
	for _, c := range []struct {
		name   string
		change func(*Requirements)
		field  string // "" when valid
	}{
		{"no channel", func(r *Requirements) { r.Channels = nil }, "channels"},
		{"unknown channel", func(r *Requirements) { r.Channels = []string{"web", "sms"} }, "channels"},
		{"channel twice", func(r *Requirements) { r.Channels = []string{"web", "web"} }, "channels"},
		{"every channel", func(r *Requirements) {
			r.Channels = []string{"web", "app", "wechat", "phone", "email", "ecommerce", "offline"}
		}, ""},
		{"negative volume", func(r *Requirements) { r.DailyVolume = -1 }, "daily_volume"},
		{"zero volume", func(r *Requirements) { r.DailyVolume = 0 }, ""},
		{"peak 0.99", peak(0.99), "peak_multiplier"},
		{"peak 1", peak(1), ""},
		{"peak 10", peak(10), ""},
		{"peak 100", peak(100), ""},
		{"peak 100.5", peak(100.5), "peak_multiplier"},
		{"peak NaN", peak(math.NaN()), "peak_multiplier"},
		{"peak +Inf", peak(math.Inf(1)), "peak_multiplier"},
		{"unknown peak period", func(r *Requirements) { r.PeakPeriods = []string{"618"} }, "peak_periods"},
		{"peak period twice", func(r *Requirements) { r.PeakPeriods = []string{"holidays", "holidays"} }, "peak_periods"},
		{"every peak period", func(r *Requirements) {
			r.PeakPeriods = []string{"promotions", "holidays", "launches", "evenings", "other"}
		}, ""},
		{"hours 24x7", hours("24x7"), "service_hours"},
		{"hours empty", hours(""), "service_hours"},
		{"hours 5x8", hours("5x8"), ""},
		{"hours 7x24", hours("7x24"), ""},
		{"unknown goal", func(r *Requirements) { r.Goals = []string{"growth"} }, "goals"},
		{"every goal", func(r *Requirements) { r.Goals = []string{"cost", "quality", "disputes", "retention"} }, ""},
		{"unknown industry", industry("banking"), "industry"},
		{"no industry", industry(""), ""},
		{"staffing empty", staffingMode(""), "staffing_mode"},
		{"staffing outsourced", staffingMode("outsourced"), "staffing_mode"},
		{"staffing dispatch", dispatch, ""},
		{"response 0 s", func(r *Requirements) { r.TargetResponseS = 0 }, "target_response_s"},
		{"response 1 s", func(r *Requirements) { r.TargetResponseS = 1 }, ""},
		{"response 3600 s", func(r *Requirements) { r.TargetResponseS = 3600 }, ""},
		{"response 3601 s", func(r *Requirements) { r.TargetResponseS = 3601 }, "target_response_s"},
		{"FCR -0.1", func(r *Requirements) { r.TargetFCRPct = -0.1 }, "target_fcr_pct"},
		{"FCR 100.1", func(r *Requirements) { r.TargetFCRPct = 100.1 }, "target_fcr_pct"},
		{"FCR NaN", func(r *Requirements) { r.TargetFCRPct = math.NaN() }, "target_fcr_pct"},
		{"FCR 0", func(r *Requirements) { r.TargetFCRPct = 0 }, ""},
		{"answer 100", func(r *Requirements) { r.TargetAnswerPct = 100 }, ""},
		{"answer 101", func(r *Requirements) { r.TargetAnswerPct = 101 }, "target_answer_pct"},
		{"answer -Inf", func(r *Requirements) { r.TargetAnswerPct = math.Inf(-1) }, "target_answer_pct"},
		{"CSAT -1", func(r *Requirements) { r.TargetCSATPct = -1 }, "target_csat_pct"},
		{"CSAT NaN", func(r *Requirements) { r.TargetCSATPct = math.NaN() }, "target_csat_pct"},
		{"urgent 0 s", func(r *Requirements) { r.TargetUrgentResponseS = 0 }, "target_urgent_response_s"},
		{"urgent 1 s", func(r *Requirements) { r.TargetUrgentResponseS = 1 }, ""},
		{"urgent 3601 s", func(r *Requirements) { r.TargetUrgentResponseS = 3601 }, "target_urgent_response_s"},
		{"resolution 0 h", func(r *Requirements) { r.TargetResolutionH = 0 }, "target_resolution_h"},
		{"resolution 0.1 h", func(r *Requirements) { r.TargetResolutionH = 0.1 }, ""},
		{"resolution 720 h", func(r *Requirements) { r.TargetResolutionH = 720 }, ""},
		{"resolution 721 h", func(r *Requirements) { r.TargetResolutionH = 721 }, "target_resolution_h"},
		{"bad reviews 0", func(r *Requirements) { r.TargetBadReviewPct = 0 }, ""},
		{"bad reviews -0.1", func(r *Requirements) { r.TargetBadReviewPct = -0.1 }, "target_bad_review_pct"},
		{"bad reviews NaN", func(r *Requirements) { r.TargetBadReviewPct = math.NaN() }, "target_bad_review_pct"},
		{"QA 100.5", func(r *Requirements) { r.TargetQAPassPct = 100.5 }, "target_qa_pass_pct"},
		{"conversion 0", func(r *Requirements) { r.TargetConversionPct = 0 }, ""},
		{"conversion +Inf", func(r *Requirements) { r.TargetConversionPct = math.Inf(1) }, "target_conversion_pct"},
		{"budget -1", budget(-1), "budget_month"},
		{"budget NaN", budget(math.NaN()), "budget_month"},
		{"budget 0", budget(0), ""},
		{"budget 200000", budget(200000), ""},
		{"free text is free", func(r *Requirements) { r.UserProfile, r.Notes = "年轻用户", "任何内容" }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			errs := with(c.change).Validate()
			if c.field == "" {
				if len(errs) != 0 {
					t.Errorf("%v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != c.field {
				t.Fatalf("errors %v, want one for %s", errs, c.field)
			}
			e := errs[0]
			if e.Message.ZH == "" || e.Message.EN == "" || e.Message.ZH == e.Message.EN {
				t.Errorf("message %+v is not in both languages", e.Message)
			}
			if !strings.HasPrefix(e.Error(), c.field+": ") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
	// Every bad field is reported, not only the first.
	bad := Requirements{DailyVolume: -1, PeakMultiplier: 0, ServiceHours: "x", Industry: "x", StaffingMode: "x",
		TargetResponseS: 0, TargetFCRPct: -1, TargetAnswerPct: -1, TargetCSATPct: -1,
		TargetUrgentResponseS: 0, TargetResolutionH: 0, TargetBadReviewPct: -1, TargetQAPassPct: -1, TargetConversionPct: -1}
	b := -1.0
	bad.BudgetMonth = &b
	fields := map[string]bool{}
	for _, e := range bad.Validate() {
		fields[e.Field] = true
	}
	for _, f := range []string{"channels", "daily_volume", "peak_multiplier", "service_hours", "industry", "staffing_mode",
		"target_response_s", "target_fcr_pct", "target_answer_pct", "target_csat_pct", "budget_month",
		"target_urgent_response_s", "target_resolution_h", "target_bad_review_pct", "target_qa_pass_pct", "target_conversion_pct"} {
		if !fields[f] {
			t.Errorf("no error for %s", f)
		}
	}
}

func TestCovers(t *testing.T) {
	if Covers("7x24", "") || Covers("", "5x8") || Covers("24x7", "5x8") {
		t.Errorf("unknown hours cover something")
	}
}

// The table of fields is the session file's order of step 1, which is the order of
// Requirements' JSON names; every field reaches its own value in Requirements.
func TestRequirementFieldsAreTheStruct(t *testing.T) {
	typ := reflect.TypeOf(Requirements{})
	if typ.NumField() != len(RequirementFields) {
		t.Fatalf("%d fields in Requirements, %d in the table", typ.NumField(), len(RequirementFields))
	}
	for i, f := range RequirementFields {
		if tag := typ.Field(i).Tag.Get("json"); tag != f.ID {
			t.Errorf("field %d: JSON name %q, table %q", i, tag, f.ID)
		}
		if f.Name.ZH == "" || f.Name.EN == "" || f.Prompt.EN == "" || f.Title.EN == "" {
			t.Errorf("%s: a label is missing", f.ID)
		}
		r := DefaultRequirements()
		switch f.Kind {
		case KindSet:
			*f.List(&r) = []string{f.Options[0].Value}
		case KindChoice, KindText:
			*f.Str(&r) = "x"
		case KindNumber:
			r.SetNumber(f.ID, 7, true)
		default:
			t.Errorf("%s: kind %v", f.ID, f.Kind)
		}
		got, _ := json.Marshal(r)
		want, _ := json.Marshal(DefaultRequirements())
		var a, b map[string]any
		_ = json.Unmarshal(got, &a)
		_ = json.Unmarshal(want, &b)
		for k := range a {
			if changed := !reflect.DeepEqual(a[k], b[k]); changed != (k == f.ID) {
				t.Errorf("setting %s changed %s: %v", f.ID, k, changed)
			}
		}
	}
}
