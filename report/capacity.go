package report

import (
	"math"
	"strconv"
	"strings"

	"vendorvet/capacity"
	"vendorvet/rubric"
	"vendorvet/staffing"
)

// capacityPlan writes the plan's fields of the queues in use below the
// requirements, each either as given or as the estimate it takes.
func (r *mdReport) capacityPlan() {
	fields := r.s.Requirements.PlanFieldsInUse()
	if len(fields) == 0 {
		return
	}
	r.line("### ", r.lang.Pick("容量规划", "Capacity plan"))
	r.line()
	r.b.WriteString(r.tableHead([]string{r.lang.Pick("项目", "Input"), r.lang.Pick("内容", "Value")}, ""))
	for _, f := range fields {
		r.row(r.cell(f.Name.In(r.lang)), r.cell(f.Words(r.s.Requirements, r.lang)))
	}
	r.line()
	r.line(r.lang.Pick("标为“估算”的项目未填写,按行业常用数值计算。", "Inputs marked \"estimated\" were left empty and take the trade's usual figure."))
	r.line()
}

// capacityCost writes the capacity and cost section: what the volume needs per queue
// and in all, then each vendor's seats and year of cost beside it, and the cheapest
// vendor that covers the peak.
func (r *mdReport) capacityCost() {
	cmp := r.cmp
	r.line("## ", r.lang.Pick("容量与成本", "Capacity and cost"))
	r.line()
	if cmp.Capacity.Sized() {
		r.need(cmp.Capacity)
	} else {
		r.line(r.label("无法计算所需人力", "Nothing could be sized"), r.cell(cmp.Capacity.Err.Message.In(r.lang)), r.lang.Pick("。", "."),
			r.lang.Pick("请在核心需求(第 1 步)中补充后再看所需坐席和各服务商的覆盖与成本。",
				" Complete the requirements (step 1) to see the agents needed and each vendor's coverage and cost."))
		r.line()
	}
	if len(r.s.Vendors) == 0 {
		return
	}
	r.yearBasis()
	r.vendorCosts()
	r.line(r.cell(cmp.CheapestWords(r.lang)))
	r.line()
}

// need writes the agents each queue needs and the total.
func (r *mdReport) need(c rubric.Capacity) {
	r.line(r.lang.Pick("最忙半小时所需坐席按 Erlang C 计算(填写客户耐心时按 Erlang A),平日与高峰日分别计算;排班人数已计入缺勤率。",
		"Agents for the busiest half hour of a normal and of a peak day, by Erlang C (Erlang A where a patience is given); staff to schedule allow for shrinkage."))
	r.line()
	r.b.WriteString(r.tableHead([]string{
		r.lang.Pick("队列", "Queue"), r.lang.Pick("日均咨询量", "Contacts a day"), r.lang.Pick("目标", "Target"),
		r.lang.Pick("最忙半小时坐席", "Agents, busiest half hour"), r.lang.Pick("高峰日坐席", "At peak"),
		r.lang.Pick("排班人数(平日/高峰)", "Staff to schedule (normal / peak)"), r.lang.Pick("全职人数(平日/高峰)", "FTE (normal / peak)"),
	}, " r rrrr"))
	written := false
	for _, ch := range c.Need.Channels {
		written = written || ch.Kind == staffing.Written
		r.row(r.cell(rubric.QueueName(ch.ID).In(r.lang)), rubric.FormatGrouped(math.Round(ch.Daily)), r.cell(capacity.TargetWords(ch.Channel, r.lang)),
			strconv.Itoa(ch.Busiest.Agents), strconv.Itoa(ch.PeakBusiest.Agents),
			pair(float64(ch.Busiest.Scheduled), float64(ch.PeakBusiest.Scheduled)), pair(people(ch.FTE), people(ch.PeakFTE)))
	}
	n := c.Need
	r.row("**"+r.lang.Pick("合计", "Total")+"**", "**"+rubric.FormatGrouped(float64(r.s.Requirements.DailyVolume))+"**", "",
		"**"+strconv.Itoa(n.Agents)+"**", "**"+strconv.Itoa(n.PeakAgents)+"**",
		"**"+pair(float64(n.Scheduled), float64(n.PeakScheduled))+"**", "**"+pair(people(n.FTE), people(n.PeakFTE))+"**")
	r.line()
	if written {
		r.line(r.lang.Pick("邮件按全天咨询量在回复时限内处理完计算,不看半小时。", "Email is sized on the day's volume answered within its response time, not on a half hour."))
		r.line()
	}
	if est := capacity.EstimatedWords(c, r.lang); est != "" {
		r.line(r.label("估算的输入", "Estimated inputs"), r.cell(est), r.lang.Pick("。填写实际数值可使结果更可靠。", ". Give the real figures for a firmer answer."))
		r.line()
	}
}

// people is the whole people a number of full-time equivalents takes.
func people(fte float64) float64 { return math.Ceil(fte - 1e-9) }

// pair says a normal and a peak figure: "26 / 208".
func pair(normal, peak float64) string {
	return rubric.FormatGrouped(normal) + " / " + rubric.FormatGrouped(peak)
}

// yearBasis says what every year of cost is priced on.
func (r *mdReport) yearBasis() {
	y := r.cmp.Year
	if !r.cmp.Priced() {
		return
	}
	contacts := rubric.FormatGrouped(math.Round(y.Contacts()))
	months, days, peak := rubric.FormatNumber(y.PeakMonths), rubric.FormatNumber(y.PeakDays), rubric.FormatNumber(y.PeakMultiple)
	r.line(r.lang.Pick("全年按 "+contacts+" 次咨询计:每年 "+months+" 个高峰月,每月 "+days+" 天按平日的 "+peak+" 倍计;每月隐性费用和一次性费用已计入。"+
		"每家服务商取全年最省的计费方式。",
		"A year is priced on "+contacts+" contacts: "+months+" peak months, each with "+days+" days at "+peak+"× the normal volume; monthly hidden fees and one-off fees are included. "+
			"Each vendor is shown at its cheapest billing option for the year."))
	r.line()
}

// vendorCosts writes each vendor's coverage and cost, in the order of the
// comparison, then every priced option of those offering several.
func (r *mdReport) vendorCosts() {
	r.b.WriteString(r.tableHead([]string{
		r.lang.Pick("服务商", "Vendor"), r.lang.Pick("高峰覆盖", "Peak coverage"), r.lang.Pick("日常坐席", "Normal seats"),
		r.lang.Pick("最省的计费方式", "Best billing option"), r.lang.Pick("平常月", "Normal month"), r.lang.Pick("高峰月", "Peak month"),
		r.lang.Pick("全年", "A year"), r.lang.Pick("每次咨询", "Per contact"), r.lang.Pick("对比月预算", "vs monthly budget"),
		r.lang.Pick("缺少的报价", "Missing prices"),
	}, "    rrrr"))
	var several []int
	for _, i := range r.sc.order {
		r.vendorCost(i)
		if r.cmp.Priced() && len(r.cmp.Lines[i].Cost.Options) > 1 {
			several = append(several, i)
		}
	}
	r.line()
	if len(several) == 0 {
		return
	}
	r.line(r.label("各计费方式(全年从低到高)", "Every billing option (cheapest for the year first)"))
	r.line()
	for _, i := range several {
		opts := r.cmp.Lines[i].Cost.Options
		words := make([]string, len(opts))
		for k, o := range opts {
			words[k] = o.Words(r.lang)
		}
		r.line("- ", r.vendorLabel(i), " — ", r.cell(strings.Join(words, r.lang.Pick(";", "; "))), r.lang.Pick("。", "."))
	}
	r.line()
}

// vendorLabel is a vendor's name as the section shows it, a disqualified one marked.
func (r *mdReport) vendorLabel(i int) string {
	name := r.cell(r.s.Vendors[i].Name)
	if r.cmp.Lines[i].Out {
		name += r.lang.Pick("(一票否决)", " (disqualified)")
	}
	return name
}

// vendorCost writes one vendor's row.
func (r *mdReport) vendorCost(i int) {
	l, capa := r.cmp.Lines[i], r.cmp.Capacity
	normal := l.Cover.NormalWords(capa, r.lang)
	if normal == "" {
		normal = "—"
	}
	row := []string{r.vendorLabel(i), r.cell(l.Cover.Words(capa, r.cmp.Year.PeakMultiple, r.lang)), r.cell(normal)}
	best, ok := l.Cost.Best()
	switch {
	case !r.cmp.Priced():
		row = append(row, r.lang.Pick("需先填日均咨询量", "needs the daily volume"), "—", "—", "—", "—", "—")
	case !ok:
		row = append(row, r.lang.Pick("未报价", "not priced"), "—", "—", "—", "—", "—")
	default:
		row = append(row, r.cell(best.Name(r.lang)), capacity.Money(best.NormalMonth), capacity.Money(best.PeakMonth),
			capacity.Money(best.Annual), capacity.PerContactMoney(best.PerContact), r.monthsVsBudget(best))
	}
	r.row(append(row, r.cell(r.missingPrices(l.Cost)))...)
}

// monthsVsBudget compares an option's normal and peak month with the monthly budget.
func (r *mdReport) monthsVsBudget(o capacity.Option) string {
	b := r.cmp.Budget
	if b == nil || *b <= 0 {
		return r.lang.Pick("未设预算", "no budget set")
	}
	return r.lang.Pick("平常月:", "normal month ") + budgetWords(o.NormalMonth, *b, r.lang) +
		r.lang.Pick(";高峰月:", "; peak month ") + budgetWords(o.PeakMonth, *b, r.lang)
}

// missingPrices says the prices a vendor's models lack, and the models that cannot
// be priced as nothing is sized.
func (r *mdReport) missingPrices(e capacity.Estimate) string {
	var parts []string
	if w := e.MissingWords(r.lang); w != "" {
		parts = append(parts, w)
	}
	if e.NoStaff {
		parts = append(parts, r.lang.Pick("按人数、按工时计费需先算出所需人力", "per-agent and per-hour billing need the agents sized"))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, r.lang.Pick(";", "; "))
}
