package accessible

import (
	"context"
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// plainPlanInput answers the plan fields of the queues in use: given[id] where set,
// else Enter, which keeps the value.
func plainPlanInput(r rubric.Requirements, given map[string][]string) []any {
	var lines []any
	for _, fd := range r.PlanFieldsInUse() {
		typed, ok := given[fd.ID]
		if !ok {
			typed = []string{""}
		}
		for _, l := range typed {
			lines = append(lines, l)
		}
	}
	return lines
}

// The capacity entry asks the plan of the queues in use, each prompt with the
// estimate; "-" takes a value back to its estimate, a share that would overfill
// the day is refused; then the need, each vendor and the cheapest covering the
// peak are said.
func TestAccessibleCapacityPlan(t *testing.T) {
	store, path := plainOpen(t)
	s := demo.Session(rubric.EN)
	aht := 300.0
	s.Requirements.PhoneAHTS = &aht
	if _, err := store.ImportSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	lines := []any{"1", "c"}
	lines = append(lines, plainPlanInput(s.Requirements, map[string][]string{
		"shrinkage_pct":   {"25"},
		"phone_share_pct": {"20", ""}, // 20 + 90 is more than the day: refused, then kept
		"phone_aht_s":     {"-"},
	})...)
	lines = append(lines, "b", "q")
	text := plainRun(t, store, rubric.EN, lines...)

	for _, want := range []string{
		"C for the capacity plan and cost",
		"Phone average handle time (s, with after-call work) (seconds), now: 300 seconds; empty: estimated 240 seconds (- clears it to the estimate). New value:",
		"Shrinkage % (breaks, training, absence) (%), now: estimated 30% (- clears it to the estimate). New value:",
		"the channels' shares add up to more than 100% (110%)",
		"Capacity plan saved.",
		"Capacity and cost:",
		"Phone: target 80/20s, 5 agents at the busiest half hour, 32 at peak;",
		"In all: 17 agents at the busiest half hour, 145 at peak;",
		"2. " + s.Vendors[1].Name + ": peak seats 90 cover 62% of the 145 agents needed; cheapest: Per volume: ¥",
		"4. " + s.Vendors[3].Name + " (disqualified): ",
		"Cheapest for the year among the vendors that cover the peak: " + s.Vendors[0].Name + ", ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Email share") {
		t.Errorf("the email queue, which no channel uses, is asked:\n%s", text)
	}
	estimated := plainLineWith(text, "Estimated inputs: ")
	if !strings.Contains(estimated, "Phone average handle time") || strings.Contains(estimated, "Shrinkage") {
		t.Errorf("estimated inputs = %q, want the cleared handle time and not the shrinkage given", estimated)
	}

	r := plainReload(t, store, path).Requirements
	if r.PhoneAHTS != nil {
		t.Errorf("phone handle time = %v, want cleared to its estimate", *r.PhoneAHTS)
	}
	if r.ShrinkagePct == nil || *r.ShrinkagePct != 25 || r.PhoneSharePct == nil || *r.PhoneSharePct != 10 ||
		r.ChatAHTS == nil || *r.ChatAHTS != 240 || r.DailyVolume != 5000 {
		t.Errorf("stored requirements = %+v", r)
	}
}

// Without a daily volume the summary says why nothing is sized and prices nothing.
func TestAccessibleCapacityUnsizedChinese(t *testing.T) {
	store, _ := plainOpen(t)
	s := demo.Session(rubric.ZH)
	s.Requirements.DailyVolume = 0
	if _, err := store.ImportSession(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	lines := append([]any{"1", "c"}, plainPlanInput(s.Requirements, nil)...)
	text := plainRun(t, store, rubric.ZH, append(lines, "b", "q")...)
	for _, want := range []string{
		"电话平均处理时长(秒,含话后处理)(秒)，当前：估算 240 秒(输入 - 清空，取估算值)。请输入：",
		"无法计算所需人力：未填日均咨询量。",
		"3. " + s.Vendors[2].Name + "：未给坐席数:扩容 5 倍,高峰需 10 倍；全年成本需先填日均咨询量。",
		"全年成本需先填日均咨询量。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "¥") {
		t.Errorf("a year is priced without a volume:\n%s", text)
	}
}

// plainLineWith is the first line of text that starts with prefix, or "".
func plainLineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
