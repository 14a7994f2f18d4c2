package rubric

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"vendorvet/staffing"
)

func ptr(x float64) *float64 { return &x }

// Shares not given split what the given ones leave evenly among the queues in use;
// chat platforms make one queue; offline service is not sized.
func TestPlanSharesAndQueues(t *testing.T) {
	r := with(channels("web", "wechat", "ecommerce", "phone", "email", "offline"), func(r *Requirements) { r.DailyVolume = 1000 })
	if got := r.QueuesInUse(); !slices.Equal(got, []string{"phone", "chat", "email"}) {
		t.Fatalf("queues %v", got)
	}
	p, estimated := r.StaffingPlan()
	for _, ch := range p.Channels {
		if ch.Daily != 333 {
			t.Errorf("%s: %v a day, want an even third of the day (33.3 %% of 1,000)", ch.ID, ch.Daily)
		}
	}
	if !slices.Contains(estimated, "phone_share_pct") || !slices.Contains(estimated, "phone_aht_s") {
		t.Errorf("estimated %v", estimated)
	}
	r.ChatSharePct = ptr(70)
	p, estimated = r.StaffingPlan()
	if p.Channels[0].Daily != 150 || p.Channels[1].Daily != 700 || p.Channels[2].Daily != 150 {
		t.Errorf("after chat 70 %%: %+v", p.Channels)
	}
	if slices.Contains(estimated, "chat_share_pct") {
		t.Errorf("a given share is called estimated: %v", estimated)
	}
	r.PhoneSharePct = ptr(40)
	if errs := r.Validate(); len(errs) != 1 || errs[0].Field != "chat_share_pct" {
		t.Errorf("shares of 110 %%: %v", errs)
	}
	// Defaults that come from step 1 are not estimates: the chat answer time is the
	// response target, the email response time the resolution target.
	p, estimated = with(channels("web", "email"), func(r *Requirements) { r.DailyVolume = 1000 }).StaffingPlan()
	if p.Channels[0].Target.Within != 30 || p.Channels[1].ResponseHours != 24 {
		t.Errorf("targets from step 1: %+v", p.Channels)
	}
	if slices.Contains(estimated, "chat_sl_s") || slices.Contains(estimated, "email_response_h") {
		t.Errorf("step-1 targets called estimates: %v", estimated)
	}
}

// The busiest half hour's estimate is one and a half times an average one's share.
func TestBusiestIntervalEstimate(t *testing.T) {
	for h, want := range map[string]float64{"5x8": 9.4, "7x12": 6.3, "7x16": 4.7, "7x24": 3.1} {
		r := with(hours(h))
		if got, est := r.PlanNumber("busiest_interval_pct"); got != want || !est {
			t.Errorf("%s: %v (estimated %v), want %v", h, got, est, want)
		}
	}
}

// The need is remembered for the requirements last sized only: other requirements
// are sized afresh, whatever order they come in.
func TestCapacityIsNeverStale(t *testing.T) {
	a := sizedReq()
	b := sizedReq()
	b.DailyVolume *= 3
	ca, cb := a.Capacity(), b.Capacity()
	for range 3 {
		if got := a.Capacity(); got.Need.PeakAgents != ca.Need.PeakAgents {
			t.Fatalf("a: %d, want %d", got.Need.PeakAgents, ca.Need.PeakAgents)
		}
		if got := b.Capacity(); got.Need.PeakAgents != cb.Need.PeakAgents {
			t.Fatalf("b: %d, want %d", got.Need.PeakAgents, cb.Need.PeakAgents)
		}
	}
	if cb.Need.PeakAgents <= ca.Need.PeakAgents {
		t.Errorf("three times the volume needs %d agents, not more than %d", cb.Need.PeakAgents, ca.Need.PeakAgents)
	}
	// What the calculator says, sized directly.
	p, _ := a.StaffingPlan()
	direct, err := p.Size(0.3, 0.85)
	if err != nil || direct.PeakAgents != ca.Need.PeakAgents {
		t.Errorf("direct %d (%v), memo %d", direct.PeakAgents, err, ca.Need.PeakAgents)
	}
	// Without a volume or a queue nothing is sized, and the reason is said.
	none := with(channels("offline"), func(r *Requirements) { r.DailyVolume = 100 })
	if c := none.Capacity(); c.Sized() || c.Err.Field != "channels" || c.Err.Message.ZH == "" {
		t.Errorf("offline only: %+v", c.Err)
	}
	if c := with(channels("phone")).Capacity(); c.Sized() || c.Err.Field != "daily_volume" {
		t.Errorf("no volume: %+v", c.Err)
	}
	var _ staffing.Need = ca.Need
}

// B2 on seats: the reason gives the figures; the flag carries them too.
func TestSeatsAgainstTheNeed(t *testing.T) {
	need := sizedNeed()
	short := need.PeakAgents * 62 / 100
	card := Score(sizedReq(), ans("seats_peak", short), DefaultProfile)
	b2 := card.Item("B2")
	if !strings.HasPrefix(b2.Why[0].EN, "peak seats "+strconv.Itoa(short)+" for the "+strconv.Itoa(need.PeakAgents)+" agents needed: ") {
		t.Errorf("reason %q", b2.Why[0].EN)
	}
	i := slices.IndexFunc(card.Flags, func(f Finding) bool { return f.Code == "peak_not_covered" })
	if i < 0 {
		t.Fatalf("flags %v", card.Flags)
	}
	pct := strconv.Itoa(short*100/need.PeakAgents) + "%"
	want := "peak seats fall short of the agents needed: seats cover " + pct + " of the " + strconv.Itoa(need.PeakAgents) + " agents needed"
	if got := card.Flags[i].Text(EN); got != want {
		t.Errorf("flag %q, want %q", got, want)
	}
	// Half the need or more: two points, as half the multiple earns.
	if p := b2.Points; p != 2 {
		t.Errorf("B2 %d points with %d of %d seats, want 2", p, short, need.PeakAgents)
	}
	// The seats settle the expansion question: it is not left open.
	if card.Item("B2").Answered != 1 {
		t.Errorf("B2 answered %d", card.Item("B2").Answered)
	}
}

// Every plan field is part of the memo's key: changing any one of them is never
// answered from the memo.
func TestEveryPlanFieldKeysTheMemo(t *testing.T) {
	if planFieldCount != len(planFields) {
		t.Fatalf("planFieldCount %d, want %d", planFieldCount, len(planFields))
	}
	base := with(channels("phone", "web", "email"), func(r *Requirements) { r.DailyVolume = 2000 })
	for _, f := range planFields {
		r := base
		x, _ := r.PlanNumber(f.ID)
		r.SetNumber(f.ID, x, true) // the estimate, given: the same need
		if r.planInputs() == base.planInputs() {
			t.Errorf("%s given is the memo key of %s left empty", f.ID, f.ID)
		}
	}
	for name, change := range map[string]func(*Requirements){
		"channels": func(r *Requirements) { r.Channels = []string{"phone"} },
		"volume":   func(r *Requirements) { r.DailyVolume++ },
		"peak":     func(r *Requirements) { r.PeakMultiplier++ },
		"hours":    func(r *Requirements) { r.ServiceHours = "7x24" },
		"response": func(r *Requirements) { r.TargetResponseS++ },
		"resolve":  func(r *Requirements) { r.TargetResolutionH++ },
	} {
		r := base
		r.Channels = slices.Clone(base.Channels)
		change(&r)
		if r.planInputs() == base.planInputs() {
			t.Errorf("%s changed, the memo key did not", name)
		}
	}
}

// Typing a share that makes the day more than whole is refused at that share, and
// the plan fields in use are those of the shared plan and of the queues in use.
func TestShareTypedTooMany(t *testing.T) {
	r := with(channels("phone", "web"), func(r *Requirements) { r.ChatSharePct = ptr(70) })
	got := r.ReadNumber("phone_share_pct", "40%")
	if got.Err == nil || got.Err.Field != "phone_share_pct" || !strings.Contains(got.Err.Message.EN, "110%") {
		t.Errorf("phone 40 %% with chat 70 %%: %+v", got.Err)
	}
	if got := r.ReadNumber("phone_share_pct", "30%"); got.Err != nil || got.Value != 30 {
		t.Errorf("phone 30 %%: %+v", got)
	}
	var ids []string
	for _, f := range r.PlanFieldsInUse() {
		ids = append(ids, f.ID)
	}
	if slices.Contains(ids, "email_aht_s") || !slices.Contains(ids, "chat_concurrency") || !slices.Contains(ids, "shrinkage_pct") || !slices.Contains(ids, "phone_aht_s") {
		t.Errorf("fields in use %v", ids)
	}
}

// Every plan field has its place in the requirements, and a place of its own.
func TestEveryPlanFieldHasASlot(t *testing.T) {
	var r Requirements
	seen := map[**float64]string{}
	for _, f := range planFields {
		slot := r.planSlot(f.ID)
		if slot == nil {
			t.Errorf("%s has no slot", f.ID)
			continue
		}
		if other, ok := seen[slot]; ok {
			t.Errorf("%s and %s share a slot", f.ID, other)
		}
		seen[slot] = f.ID
	}
	if r.planSlot("daily_volume") != nil {
		t.Error("a step-1 field has a plan slot")
	}
}

// A share said as a whole percentage is rounded down, but not below what it is:
// 29 of 50 is 58 %, though 0.58 × 100 is a hair under 58 in floating point.
func TestPercentDown(t *testing.T) {
	for x, want := range map[float64]string{29.0 / 50: "58%", 0.9999: "99%", 90.0 / 145: "62%", 1: "100%"} {
		if got := PercentDown(x); got != want {
			t.Errorf("PercentDown(%v) = %s, want %s", x, got, want)
		}
	}
}
