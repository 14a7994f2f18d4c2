package report

import (
	"strings"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// capacitySection is the report's capacity and cost section.
func capacitySection(t *testing.T, md string, lang rubric.Lang) string {
	t.Helper()
	_, rest, ok := strings.Cut(md, lang.Pick("\n## 容量与成本\n", "\n## Capacity and cost\n"))
	if !ok {
		t.Fatalf("%s: no capacity and cost section:\n%s", lang, md)
	}
	section, _, _ := strings.Cut(rest, "\n## ")
	return section
}

// lineWith is the first line of text that starts with prefix, or "".
func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// The demo's need, coverage and costs: the vendor whose peak seats fall short is
// named with its share, the cheapest vendor that covers the peak is named, and
// neither the disqualified vendor (the cheapest of all) nor the cheaper one that
// does not cover the peak is.
func TestMarkdownCapacityDemo(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		md := string(Markdown(s, lang, goldenNow))
		checkTables(t, md)
		sec := capacitySection(t, md, lang)
		need := s.Requirements.Capacity().Need
		if need.Agents != 17 || need.PeakAgents != 145 {
			t.Fatalf("test data: the demo needs %d agents, %d at peak", need.Agents, need.PeakAgents)
		}
		total := lineWith(sec, "| **"+lang.Pick("合计", "Total")+"** |")
		if !strings.Contains(total, "| **5,000** |  | **17** | **145** |") {
			t.Errorf("%s: total row = %q", lang, total)
		}
		for _, queue := range []string{"phone", "chat"} {
			if lineWith(sec, "| "+rubric.QueueName(queue).In(lang)+" |") == "" {
				t.Errorf("%s: no row for the %s queue:\n%s", lang, queue, sec)
			}
		}

		chengyan, ronghe, jieying, hengqi := s.Vendors[0].Name, s.Vendors[1].Name, s.Vendors[2].Name, s.Vendors[3].Name
		short := lineWith(sec, "| "+ronghe+" |")
		if want := lang.Pick("高峰坐席 90 名,覆盖所需 145 名的 62%", "peak seats 90 cover 62% of the 145 agents needed"); !strings.Contains(short, want) {
			t.Errorf("%s: the vendor short of seats lacks %q: %q", lang, want, short)
		}
		if row := lineWith(sec, "| "+hengqi+lang.Pick("(一票否决)", " (disqualified)")+" |"); row == "" {
			t.Errorf("%s: the disqualified vendor is not shown as such:\n%s", lang, sec)
		}
		// Jieying's year is cheaper than Chengyan's, and Hengqi's cheaper still.
		if row := lineWith(sec, "| "+jieying+" |"); !strings.Contains(row, "¥3,251,760") {
			t.Errorf("%s: test data: Jieying's row = %q", lang, row)
		}
		cheapest := lineWith(sec, lang.Pick("能覆盖高峰的服务商中全年成本最低的是", "Cheapest for the year among the vendors that cover the peak: "))
		if !strings.Contains(cheapest, chengyan) || !strings.Contains(cheapest, "¥3,832,320") {
			t.Errorf("%s: the cheapest vendor covering the peak is not Chengyan at ¥3,832,320: %q", lang, cheapest)
		}
		for _, other := range []string{ronghe, hengqi} {
			if strings.Contains(cheapest, other) {
				t.Errorf("%s: %s is named in %q", lang, other, cheapest)
			}
		}
		// Jieying is cheaper, named as not shown to cover the peak, after Chengyan.
		if i, j := strings.Index(cheapest, chengyan), strings.Index(cheapest, jieying); j < i ||
			!strings.Contains(cheapest, lang.Pick("但不能确认覆盖高峰", "is not shown to cover it")) {
			t.Errorf("%s: the cheaper vendor that does not cover the peak is not told after the pick: %q", lang, cheapest)
		}

		estimated := lineWith(sec, lang.Pick("**估算的输入**:", "**Estimated inputs:** "))
		for _, id := range []string{"shrinkage_pct", "peak_days", "phone_aht_s", "chat_sl_pct"} {
			f, _ := rubric.RequirementFieldByID(id)
			if !strings.Contains(estimated, f.Name.In(lang)) {
				t.Errorf("%s: estimated inputs lack %s: %q", lang, id, estimated)
			}
		}
		for _, id := range []string{"chat_aht_s", "chat_concurrency", "busiest_interval_pct", "chat_sl_s"} {
			f, _ := rubric.RequirementFieldByID(id)
			if strings.Contains(estimated, f.Name.In(lang)) {
				t.Errorf("%s: the given or step-1 input %s is called estimated: %q", lang, id, estimated)
			}
		}

		// Chengyan offers two priced models: both are listed, cheapest first; Ronghe
		// offers one and is not.
		options := lineWith(sec, "- "+chengyan+" — ")
		perHour, perAgent := strings.Index(options, rubric.BillingOptions.Label("per_hour", lang)), strings.Index(options, rubric.BillingOptions.Label("per_seat", lang))
		if perHour < 0 || perAgent < perHour {
			t.Errorf("%s: Chengyan's options are not both listed, per hour first: %q", lang, options)
		}
		if lineWith(sec, "- "+ronghe+" — ") != "" {
			t.Errorf("%s: a vendor with one option has a list of options", lang)
		}
	}
}

// The requirements table shows step 1; the plan has its own table, with the fields
// of the queues in use only and the estimates marked.
func TestMarkdownCapacityPlanTable(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		md := string(Markdown(s, lang, goldenNow))
		_, req, _ := strings.Cut(md, lang.Pick("## 核心需求(第 1 步)", "## Requirements (step 1)"))
		req, _, _ = strings.Cut(req, "\n## ")
		stepOne, plan, ok := strings.Cut(req, lang.Pick("### 容量规划", "### Capacity plan"))
		if !ok {
			t.Fatalf("%s: no capacity plan table:\n%s", lang, req)
		}
		name := func(id string) string { f, _ := rubric.RequirementFieldByID(id); return f.Name.In(lang) }
		if strings.Contains(stepOne, "| "+name("shrinkage_pct")+" |") || !strings.Contains(stepOne, "| "+name("daily_volume")+" |") {
			t.Errorf("%s: the step-1 table holds plan fields or lacks step 1's:\n%s", lang, stepOne)
		}
		for _, want := range []string{
			"| " + name("phone_aht_s") + " | " + lang.Pick("估算 240 秒", "estimated 240 seconds") + " |",
			"| " + name("chat_aht_s") + " | " + lang.Pick("240 秒", "240 seconds") + " |",
			"| " + name("busiest_interval_pct") + " | 4% |",
		} {
			if !strings.Contains(plan, want) {
				t.Errorf("%s: plan table lacks %q:\n%s", lang, want, plan)
			}
		}
		if strings.Contains(plan, name("email_aht_s")) {
			t.Errorf("%s: the plan shows the email queue, which no channel uses:\n%s", lang, plan)
		}
	}
}

// A disqualified vendor is never named cheapest, even when it alone covers the peak
// and costs least: the sentence says that none covers it and names the cheapest of
// the others.
func TestMarkdownCapacityNeverNamesDisqualified(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		ronghe, hengqi := s.Vendors[1], s.Vendors[3]
		s.Vendors = []rubric.Vendor{hengqi, ronghe}
		sec := capacitySection(t, string(Markdown(s, lang, goldenNow)), lang)
		none := lineWith(sec, lang.Pick("没有服务商能覆盖高峰", "No vendor covers the peak"))
		if !strings.Contains(none, ronghe.Name) || !strings.Contains(none, "62%") {
			t.Errorf("%s: the sentence does not name the cheapest vendor that falls short, with its share: %q\n%s", lang, none, sec)
		}
		if strings.Contains(none, hengqi.Name) {
			t.Errorf("%s: the disqualified vendor is named: %q", lang, none)
		}
		if !strings.Contains(none, lang.Pick("被一票否决的服务商不参与比较", "Disqualified vendors are left out")) {
			t.Errorf("%s: the sentence does not say the disqualified are left out: %q", lang, none)
		}
	}
}

// Without a daily volume nothing is sized: the section says why, prices nothing
// (every cost per contact would come to nothing) and names no cheapest vendor.
func TestMarkdownCapacityUnsized(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		s.Requirements.DailyVolume = 0
		md := string(Markdown(s, lang, goldenNow))
		checkTables(t, md)
		sec := capacitySection(t, md, lang)
		for _, want := range []string{
			lang.Pick("**无法计算所需人力**:未填日均咨询量。", "**Nothing could be sized:** no daily volume given."),
			lang.Pick("全年成本需先填日均咨询量。", "A year's cost needs the daily volume."),
		} {
			if !strings.Contains(sec, want) {
				t.Errorf("%s: section lacks %q:\n%s", lang, want, sec)
			}
		}
		if strings.Contains(sec, "¥") || strings.Contains(sec, lang.Pick("全年成本最低", "Cheapest for the year")) {
			t.Errorf("%s: a year is priced without a volume:\n%s", lang, sec)
		}
		if row := lineWith(sec, "| "+s.Vendors[2].Name+" |"); !strings.Contains(row, lang.Pick("扩容 5 倍,高峰需 10 倍", "expands 5×, peak needs 10×")) {
			t.Errorf("%s: the coverage by multiple is lost: %q", lang, row)
		}
	}

	// Offline service alone queues nowhere: no plan to show, and the reason.
	s := demo.Session(rubric.EN)
	s.Requirements.Channels = []string{"offline"}
	md := string(Markdown(s, rubric.EN, goldenNow))
	if strings.Contains(md, "### Capacity plan") {
		t.Error("a plan is shown with no queue in use")
	}
	if !strings.Contains(capacitySection(t, md, rubric.EN), "**Nothing could be sized:** no channel that queues (phone, chat or email).") {
		t.Errorf("no reason for an offline-only session:\n%s", capacitySection(t, md, rubric.EN))
	}
}
