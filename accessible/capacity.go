package accessible

import (
	"math"
	"strconv"

	"vendorvet/capacity"
	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
)

// capacityPlan asks the capacity plan's fields of the queues in use, saving each
// change as step 1's fields are saved, then says what the volume needs and how each
// vendor's seats and prices compare.
func (f *plainFlow) capacityPlan(sess *db.Session) error {
	f.line("")
	fields := sess.Requirements.PlanFieldsInUse()
	if len(fields) == 0 {
		f.say("所选渠道中没有需要排队接待的渠道(电话、在线或邮件)，无需容量规划。",
			"None of the chosen channels queues (phone, chat or email): there is no capacity plan to make.")
	} else {
		f.say("容量规划：逐项提问，直接回车保留当前值，输入 - 清空并取估算值，每项修改都会立即保存。",
			"Capacity plan, field by field. Enter alone keeps the current value; - clears it to take the estimate; each change is saved at once.")
		for _, fd := range fields {
			if err := f.editRequirement(sess, fd); err != nil {
				return err
			}
		}
		f.say("容量规划已保存。", "Capacity plan saved.")
	}
	f.capacitySummary(sess)
	return nil
}

// planEstimate is what a plan field's prompt adds: the estimate it takes when
// empty, when a value hides it, and how to go back to it.
func (f *plainFlow) planEstimate(fd rubric.RequirementField, r rubric.Requirements) string {
	s := ""
	if _, given := r.Number(fd.ID); given {
		cleared := r
		cleared.SetNumber(fd.ID, 0, false)
		s = f.lang.Pick("；清空则为", "; empty: ") + clean.Folded(fd.Words(cleared, f.lang))
	}
	return s + f.lang.Pick("(输入 - 清空，取估算值)", " (- clears it to the estimate)")
}

// capacitySummary says, one fact a line, what each queue needs and in all, the
// estimated inputs, each vendor's coverage of the peak and cheapest year, and the
// cheapest vendor that covers the peak.
func (f *plainFlow) capacitySummary(sess *db.Session) {
	vendors := make([]rubric.Vendor, len(sess.Vendors))
	cards := make([]rubric.Scorecard, len(sess.Vendors))
	for i, v := range sess.Vendors {
		vendors[i] = v.Vendor
		cards[i] = rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile)
	}
	cmp := capacity.Compare(sess.Requirements, vendors, cards)
	f.line("")
	f.say("容量与成本：", "Capacity and cost:")
	if c := cmp.Capacity; c.Sized() {
		f.need(c)
	} else {
		f.line(f.lang.Pick("无法计算所需人力：", "Nothing could be sized: ") + c.Err.Message.In(f.lang) + f.lang.Pick("。", "."))
	}
	for i, l := range cmp.Lines {
		f.line(f.vendorCostLine(cmp, i, l))
	}
	if len(cmp.Lines) > 0 {
		f.line(cmp.CheapestWords(f.lang))
	}
}

// need says what each queue needs and the total, and the inputs that are estimates.
func (f *plainFlow) need(c rubric.Capacity) {
	for _, ch := range c.Need.Channels {
		f.line(rubric.QueueName(ch.ID).In(f.lang) + f.colon() + f.lang.Pick("目标 ", "target ") + capacity.TargetWords(ch.Channel, f.lang) +
			f.sep() + f.needWords(ch.Busiest.Agents, ch.PeakBusiest.Agents, ch.Busiest.Scheduled, ch.PeakBusiest.Scheduled, ch.FTE, ch.PeakFTE))
	}
	n := c.Need
	f.line(f.lang.Pick("合计", "In all") + f.colon() + f.needWords(n.Agents, n.PeakAgents, n.Scheduled, n.PeakScheduled, n.FTE, n.PeakFTE))
	if est := capacity.EstimatedWords(c, f.lang); est != "" {
		f.line(f.lang.Pick("估算的输入：", "Estimated inputs: ") + est + f.lang.Pick("。", "."))
	}
}

// needWords says agents at the busiest half hour, staff to schedule and people to
// employ, normally and at peak.
func (f *plainFlow) needWords(agents, peakAgents, scheduled, peakScheduled int, fte, peakFTE float64) string {
	a, pa := strconv.Itoa(agents), strconv.Itoa(peakAgents)
	s, ps := strconv.Itoa(scheduled), strconv.Itoa(peakScheduled)
	e, pe := rubric.FormatGrouped(math.Ceil(fte-1e-9)), rubric.FormatGrouped(math.Ceil(peakFTE-1e-9))
	return f.lang.Pick("最忙半小时 "+a+" 名坐席，高峰日 "+pa+" 名；排班 "+s+" 名，高峰 "+ps+" 名；全职 "+e+" 人，高峰 "+pe+" 人。",
		a+" agents at the busiest half hour, "+pa+" at peak; "+s+" to schedule, "+ps+" at peak; "+e+" full-time people, "+pe+" at peak.")
}

// vendorCostLine says one vendor's coverage of the peak and its cheapest year.
func (f *plainFlow) vendorCostLine(cmp capacity.Comparison, i int, l capacity.Line) string {
	name := l.Name
	if l.Out {
		name += f.lang.Pick("(一票否决)", " (disqualified)")
	}
	cost := f.lang.Pick("未报价", "not priced")
	if best, ok := l.Cost.Best(); !cmp.Priced() {
		cost = f.lang.Pick("全年成本需先填日均咨询量", "a year's cost needs the daily volume")
	} else if ok {
		cost = f.lang.Pick("最省：", "cheapest: ") + best.Words(f.lang)
	}
	return strconv.Itoa(i+1) + ". " + name + f.colon() + l.Cover.Words(cmp.Capacity, cmp.Year.PeakMultiple, f.lang) + f.lang.Pick("；", "; ") + cost + f.lang.Pick("。", ".")
}
