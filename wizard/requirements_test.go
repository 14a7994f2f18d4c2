package wizard

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/rubric"
)

// Step 1 asks for the company's needs; the capacity plan is edited beside its
// results, never in step 1.
func TestStepOneLeavesThePlanOut(t *testing.T) {
	f := NewRequirements(rubric.EN, rubric.DefaultRequirements(), nil)
	keys := f.Keys()
	for _, fd := range rubric.RequirementFields {
		if in := slices.Contains(keys, fd.ID); in == fd.Plan {
			t.Errorf("%s (plan %v) in step 1: %v", fd.ID, fd.Plan, in)
		}
	}
	if keys[0] != "channels" || keys[len(keys)-1] != "notes" {
		t.Errorf("step 1 runs %q … %q", keys[0], keys[len(keys)-1])
	}
}

// planRequirements are phone and chat at 5,000 a day, every plan field empty.
func planRequirements() rubric.Requirements {
	r := rubric.DefaultRequirements()
	r.Channels = []string{"web", "phone"}
	r.DailyVolume = 5000
	return r
}

// A form over chosen plan fields shows in each empty one the estimate it takes,
// follows the estimates as other fields change, keeps a number that does not read as
// typed with its last good value, and leaves every other field alone.
func TestPlanFieldsShowTheirEstimates(t *testing.T) {
	r := planRequirements()
	r.Notes = "kept"
	ids := []string{"shrinkage_pct", "phone_share_pct", "chat_share_pct"}
	f := NewRequirementFields(rubric.EN, r, nil, ids)
	f.Form.Init()
	f.Resize(80, 20)
	if got := f.Keys(); !slices.Equal(got, ids) {
		t.Fatalf("keys %v, want %v", got, ids)
	}
	if line := lineOf(f.View(), "Shrinkage"); !strings.Contains(line, "estimated 30") {
		t.Errorf("the shrinkage shows no estimate: %q", line)
	}
	// Phone and chat share what is left of the day.
	if n := strings.Count(ansi.Strip(f.View()), "estimated 50"); n != 2 {
		t.Errorf("%d shares show the estimate 50, want 2:\n%s", n, f.View())
	}
	f.Form = press(f.Form, keyPress(tea.KeyTab), typeText("20%"))
	got, errs := f.Live()
	if got.PhoneSharePct == nil || *got.PhoneSharePct != 20 || len(errs) != 0 {
		t.Fatalf("phone share %v, %v", got.PhoneSharePct, errs)
	}
	if got.ChatSharePct != nil || got.ShrinkagePct != nil || got.Notes != "kept" || got.DailyVolume != 5000 {
		t.Errorf("fields not typed changed: %+v", got)
	}
	if view := ansi.Strip(f.View()); !strings.Contains(view, "estimated 80") || strings.Contains(view, "estimated 50") {
		t.Errorf("the chat share's estimate did not follow the phone's share:\n%s", f.View())
	}
	f.Form = press(f.Form, typeText("x"))
	got, errs = f.Live()
	if *got.PhoneSharePct != 20 || errs["phone_share_pct"] == "" {
		t.Errorf("20%%x: share %v, message %q", *got.PhoneSharePct, errs["phone_share_pct"])
	}
	if d := f.Drafts(); len(d) != 1 || d["phone_share_pct"] != "20%x" {
		t.Errorf("drafts %v", d)
	}
	// Built again with its drafts, the form shows them as typed.
	g := NewRequirementFields(rubric.EN, got, f.Drafts(), ids)
	g.Form.Init()
	g.Resize(80, 20)
	if line := lineOf(g.View(), "Phone's share"); !strings.Contains(line, "20%x") {
		t.Errorf("the draft did not come back: %q", line)
	}
}

// Emptying a plan field takes the estimate again.
func TestEmptyPlanFieldTakesTheEstimate(t *testing.T) {
	r := planRequirements()
	aht := 300.0
	r.PhoneAHTS = &aht
	f := NewRequirementFields(rubric.ZH, r, nil, []string{"phone_aht_s"})
	f.Form.Init()
	f.Resize(80, 10)
	f.Form = press(f.Form, keyPress(tea.KeyBackspace), keyPress(tea.KeyBackspace), keyPress(tea.KeyBackspace))
	got, errs := f.Live()
	if got.PhoneAHTS != nil || len(errs) != 0 {
		t.Fatalf("emptied handle time %v, %v", got.PhoneAHTS, errs)
	}
	if x, est := got.PlanNumber("phone_aht_s"); !est || x != 240 {
		t.Errorf("handle time %v (estimated %v), want the estimate 240", x, est)
	}
	if line := lineOf(f.View(), "电话平均处理时长"); !strings.Contains(line, "估算 240") {
		t.Errorf("no estimate shown: %q", line)
	}
}
