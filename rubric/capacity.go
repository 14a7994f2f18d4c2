package rubric

import (
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"vendorvet/staffing"
)

// The capacity plan: how the company's daily volume becomes the agents it needs at
// the busiest half hour of a normal day and of a peak day, and the people to employ.
// Channels are planned by how their work waits: the phone line is one queue; the
// chat channels (web, app, WeChat, the e-commerce platforms) are one pooled queue,
// as an outsourced chat team serves every shop and platform of a client from one
// roster; email is written work answered within hours. Offline service is not sized.
//
// Every plan field may be left empty: the plan then takes the field's estimate and
// says so. The estimates are the trade's usual figures, cited where each is set.

// PlanInterval is the interval sized, as staffing tables use: half an hour.
const PlanInterval = 30 * 60

// planKinds are the queues of the plan, in their order everywhere.
var planKinds = []struct {
	id       string
	kind     staffing.Kind
	channels []string
}{
	{"phone", staffing.Voice, []string{"phone"}},
	{"chat", staffing.Chat, []string{"web", "app", "wechat", "ecommerce"}},
	{"email", staffing.Written, []string{"email"}},
}

// PlanQueues are the names of the plan's queues, in order.
var PlanQueues = []string{"phone", "chat", "email"}

// QueueName names a queue of the plan.
func QueueName(id string) Text {
	switch id {
	case "phone":
		return Text{"电话", "Phone"}
	case "chat":
		return Text{"在线(网页/APP/微信/电商平台)", "Chat (web, app, WeChat, platforms)"}
	case "email":
		return Text{"邮件", "Email"}
	}
	return Text{id, id}
}

// QueuesInUse are the plan's queues the required channels use, in order.
func (r Requirements) QueuesInUse() []string {
	var out []string
	for _, k := range planKinds {
		for _, c := range k.channels {
			if r.NeedsChannel(c) {
				out = append(out, k.id)
				break
			}
		}
	}
	return out
}

// planDefault is the estimate a plan field takes when left empty, given the rest of
// the requirements.
func planDefault(id string, r Requirements) float64 {
	switch id {
	case "busiest_interval_pct":
		// An intraday profile's busiest half hour carries about one and a half times
		// an average one's share.
		return math.Round(1.5*100/r.intervalsPerDay()*10) / 10
	case "shrinkage_pct":
		return 30 // breaks, training, absence: 25–35 % is usual
	case "max_occupancy_pct":
		return 85 // above it agents burn out and attrition follows
	case "peak_months":
		return 2 // June's 618 and November's 双11
	case "peak_days":
		return 10 // a promotion's pre-sales and main days
	case "phone_aht_s":
		return 240 // talk, hold and after-call work of a service call
	case "phone_sl_pct", "chat_sl_pct":
		return 80
	case "phone_sl_s":
		return 20 // the trade's 80/20
	case "chat_aht_s":
		return 300
	case "chat_sl_s":
		return float64(r.TargetResponseS) // the step-1 response target
	case "chat_concurrency":
		return 2
	case "email_aht_s":
		return 360
	case "email_response_h":
		return r.TargetResolutionH
	case "phone_share_pct", "chat_share_pct", "email_share_pct":
		return r.defaultShare(id)
	}
	return 0 // patience: none, so Erlang C
}

// defaultShare splits what the given shares leave evenly among the queues in use
// without one.
func (r Requirements) defaultShare(id string) float64 {
	left, open := 100.0, 0
	for _, q := range r.QueuesInUse() {
		if x := r.planValue(q + "_share_pct"); x != nil {
			left -= *x
		} else {
			open++
		}
	}
	if open == 0 || left <= 0 {
		return 0
	}
	return math.Round(left/float64(open)*10) / 10
}

func (r Requirements) planValue(id string) *float64 {
	if slot := r.planSlot(id); slot != nil {
		return *slot
	}
	return nil
}

// planSlot is where r keeps the plan field id; nil for another field. A switch
// rather than a function per field, so that reading a field never moves the
// requirements to the heap.
func (r *Requirements) planSlot(id string) **float64 {
	switch id {
	case "busiest_interval_pct":
		return &r.BusiestIntervalPct
	case "shrinkage_pct":
		return &r.ShrinkagePct
	case "max_occupancy_pct":
		return &r.MaxOccupancyPct
	case "peak_months":
		return &r.PeakMonths
	case "peak_days":
		return &r.PeakDays
	case "phone_share_pct":
		return &r.PhoneSharePct
	case "phone_aht_s":
		return &r.PhoneAHTS
	case "phone_sl_pct":
		return &r.PhoneSLPct
	case "phone_sl_s":
		return &r.PhoneSLS
	case "phone_patience_s":
		return &r.PhonePatienceS
	case "chat_share_pct":
		return &r.ChatSharePct
	case "chat_aht_s":
		return &r.ChatAHTS
	case "chat_sl_pct":
		return &r.ChatSLPct
	case "chat_sl_s":
		return &r.ChatSLS
	case "chat_concurrency":
		return &r.ChatConcurrency
	case "chat_patience_s":
		return &r.ChatPatienceS
	case "email_share_pct":
		return &r.EmailSharePct
	case "email_aht_s":
		return &r.EmailAHTS
	case "email_response_h":
		return &r.EmailResponseH
	}
	return nil
}

// planIndex finds a plan field by its ID.
var planIndex = func() map[string]int {
	m := make(map[string]int, len(planFields))
	for i, f := range planFields {
		m[f.ID] = i
	}
	return m
}()

// PlanFieldsInUse are the plan fields the queues in use read: the shared ones
// (busiest half hour, shrinkage, occupancy, peaks) and those of each queue in use,
// in order. With no queue in use nothing is sized, and there are none.
func (r Requirements) PlanFieldsInUse() []RequirementField {
	inUse := r.QueuesInUse()
	if len(inUse) == 0 {
		return nil
	}
	var out []RequirementField
	for _, f := range planFields {
		if f.Queue == "" || contains(inUse, f.Queue) {
			out = append(out, f)
		}
	}
	return out
}

// FromTarget reports whether an empty plan field takes a target of step 1 rather
// than an estimate: the chat answer time, the email response time.
func FromTarget(id string) bool { return id == "chat_sl_s" || id == "email_response_h" }

// PlanNumber is a plan field's value and whether it is the estimate.
func (r Requirements) PlanNumber(id string) (x float64, estimated bool) {
	if v := r.planValue(id); v != nil {
		return *v, false
	}
	return planDefault(id, r), true
}

func (r Requirements) hoursPerDay() (hours, days float64) {
	switch r.ServiceHours {
	case "5x8":
		return 8, 5
	case "7x16":
		return 16, 7
	case "7x24":
		return 24, 7
	}
	return 12, 7
}

func (r Requirements) intervalsPerDay() float64 {
	h, _ := r.hoursPerDay()
	return h * 3600 / PlanInterval
}

// StaffingPlan is the requirements as a plan to size, and the plan fields that are
// estimates, in field order, among those the queues in use read.
func (r Requirements) StaffingPlan() (staffing.Plan, []string) {
	var estimated []string
	num := func(id string) float64 {
		x, est := r.PlanNumber(id)
		if est {
			estimated = append(estimated, id)
		}
		return x
	}
	hours, days := r.hoursPerDay()
	p := staffing.Plan{
		Interval:     PlanInterval,
		PeakMultiple: r.PeakMultiplier,
		HoursPerDay:  hours,
		DaysPerWeek:  days,
	}
	inUse := r.QueuesInUse()
	if len(inUse) > 0 {
		p.BusiestShare = num("busiest_interval_pct") / 100
	}
	for _, k := range planKinds {
		if !contains(inUse, k.id) {
			continue
		}
		ch := staffing.Channel{ID: k.id, Kind: k.kind}
		ch.Daily = float64(r.DailyVolume) * num(k.id+"_share_pct") / 100
		ch.AHT = num(k.id + "_aht_s")
		switch k.kind {
		case staffing.Written:
			ch.ResponseHours = num("email_response_h")
		default:
			ch.Target = staffing.Target{ServiceLevel: num(k.id+"_sl_pct") / 100, Within: num(k.id + "_sl_s")}
			ch.Patience = num(k.id + "_patience_s")
			if k.kind == staffing.Chat {
				ch.Concurrency = num("chat_concurrency")
			}
		}
		p.Channels = append(p.Channels, ch)
	}
	// Only estimates are told: a patience left empty is a choice of model (Erlang
	// C), and an answer time or response time left empty is step 1's target.
	out := estimated[:0]
	for _, id := range estimated {
		if !FromTarget(id) && !strings.HasSuffix(id, "_patience_s") {
			out = append(out, id)
		}
	}
	return p, out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Capacity is what the requirements need, and what it rests on.
type Capacity struct {
	Need staffing.Need
	// Err says why nothing could be sized: no daily volume, no channel that queues,
	// or a plan the calculator refuses.
	Err *FieldError
	// Estimated names the plan fields taken at their estimate.
	Estimated []string
	// Shrinkage and MaxOccupancy are as the plan used them, shares.
	Shrinkage, MaxOccupancy float64
	// PeakMonths and PeakDays say how much of a year runs at the peak.
	PeakMonths, PeakDays float64
}

// Sized reports whether the requirements gave a need.
func (c Capacity) Sized() bool { return c.Err == nil }

// planInputs are everything a capacity depends on, as a value that compares: the
// memo's key.
type planInputs struct {
	channels   uint64
	daily      int
	peak       float64
	hours      string
	response   int
	resolution float64
	plan       [planFieldCount]float64
	given      [planFieldCount]bool
}

// planFieldCount is the number of plan fields; a test holds it to len(planFields).
const planFieldCount = 19

func (r Requirements) planInputs() planInputs {
	in := planInputs{daily: r.DailyVolume, peak: r.PeakMultiplier, hours: r.ServiceHours,
		response: r.TargetResponseS, resolution: r.TargetResolutionH}
	for i, c := range ChannelOptions {
		if r.NeedsChannel(c.Value) {
			in.channels |= 1 << i
		}
	}
	for i := range planFields {
		if v := *r.planSlot(planFields[i].ID); v != nil {
			in.plan[i], in.given[i] = *v, true
		}
	}
	return in
}

type capacityMemo struct {
	in   planInputs
	capa Capacity
}

// lastCapacity keeps the last requirements' capacity: every vendor of a session is
// scored against the same requirements, and sizing them (Erlang A above all) is
// the dearest part of a score.
var lastCapacity atomic.Pointer[capacityMemo]

// Capacity sizes the requirements. Its Estimated list is shared: not to be changed.
func (r Requirements) Capacity() Capacity {
	in := r.planInputs()
	if m := lastCapacity.Load(); m != nil && m.in == in {
		return m.capa
	}
	p, estimated := r.StaffingPlan()
	num := func(id string) float64 {
		x, est := r.PlanNumber(id)
		if est && len(p.Channels) > 0 {
			estimated = append(estimated, id)
		}
		return x
	}
	shrink, occ := num("shrinkage_pct"), num("max_occupancy_pct")
	months, days := num("peak_months"), num("peak_days")
	slices.SortFunc(estimated, func(a, b string) int { return planIndex[a] - planIndex[b] })
	c := Capacity{Estimated: estimated, Shrinkage: shrink / 100, MaxOccupancy: occ / 100, PeakMonths: months, PeakDays: days}
	switch {
	case len(p.Channels) == 0:
		c.Err = &FieldError{"channels", Text{"没有需要排队接待的渠道(电话、在线或邮件)", "no channel that queues (phone, chat or email)"}}
	case r.DailyVolume <= 0:
		c.Err = &FieldError{"daily_volume", Text{"未填日均咨询量", "no daily volume given"}}
	default:
		need, err := p.Size(c.Shrinkage, c.MaxOccupancy)
		if err != nil {
			e := err.(*staffing.Error)
			c.Err = &FieldError{e.Field, Text{e.ZH, e.EN}}
		}
		c.Need = need
	}
	lastCapacity.Store(&capacityMemo{in, c})
	return c
}

// planField makes an optional number field of the capacity plan.
func planField(id string, name, title Text, unit Text, m *Measure, lo, hi float64, integer bool) RequirementField {
	queue, _, _ := strings.Cut(id, "_")
	if !contains(PlanQueues, queue) {
		queue = ""
	}
	return RequirementField{
		ID: id, Kind: KindNumber, Optional: true, Plan: true, Queue: queue,
		Name: name, Prompt: title, Title: title, Unit: unit,
		Reading: NumberSpec{Measure: m, Integer: integer, Min: noMin, Max: noMax, Range: HighEnd, RangeWhy: planForMore},
		Min:     lo, Max: hi,
		OutOfRange: Text{name.ZH + "须在 " + FormatNumber(lo) + " 到 " + FormatNumber(hi) + " 之间", name.EN + " must be between " + FormatNumber(lo) + " and " + FormatNumber(hi)},
	}
}

// planFields are the fields of the capacity plan, in order.
var planFields = []RequirementField{
	planField("busiest_interval_pct", Text{"最忙半小时占全天比例", "Busiest half hour's share of the day"},
		Text{"最忙半小时占全天咨询量 %(空则估算)", "Busiest half hour's share of a day's contacts % (empty: estimated)"}, pctSay, Percent, 0.1, 100, false),
	planField("shrinkage_pct", Text{"缺勤率", "Shrinkage"},
		Text{"缺勤率 %(休息、培训、请假)", "Shrinkage % (breaks, training, absence)"}, pctSay, Percent, 0, 90, false),
	planField("max_occupancy_pct", Text{"最高占用率", "Maximum occupancy"},
		Text{"最高占用率 %", "Maximum occupancy %"}, pctSay, Percent, 10, 100, false),
	planField("peak_months", Text{"每年高峰月数", "Peak months a year"},
		Text{"每年有高峰的月数", "Months a year with a peak"}, Text{"个月", "months"}, Months, 0, 12, true),
	planField("peak_days", Text{"每次高峰天数", "Days of each peak"},
		Text{"每次高峰按高峰量计的天数", "Days of each peak at the peak volume"}, Text{"天", "days"}, Days, 0, 30, false),

	planField("phone_share_pct", Text{"电话占比", "Phone share"},
		Text{"电话占全天咨询量 %", "Phone's share of the daily volume %"}, pctSay, Percent, 0, 100, false),
	planField("phone_aht_s", Text{"电话平均处理时长", "Phone average handle time"},
		Text{"电话平均处理时长(秒,含话后处理)", "Phone average handle time (s, with after-call work)"}, Text{"秒", "seconds"}, Seconds, 1, 7200, false),
	planField("phone_sl_pct", Text{"电话服务水平", "Phone service level"},
		Text{"电话服务水平 %(如 80/20 中的 80)", "Phone service level % (the 80 of 80/20)"}, pctSay, Percent, 1, 99.9, false),
	planField("phone_sl_s", Text{"电话应答时限", "Phone answer time"},
		Text{"电话应答时限(秒,如 80/20 中的 20)", "Phone answer time (s, the 20 of 80/20)"}, Text{"秒", "seconds"}, Seconds, 0, 3600, false),
	planField("phone_patience_s", Text{"来电客户平均耐心", "Callers' mean patience"},
		Text{"来电客户平均耐心(秒,空则不计放弃)", "Callers' mean patience (s, empty: nobody hangs up)"}, Text{"秒", "seconds"}, Seconds, 1, 7200, false),

	planField("chat_share_pct", Text{"在线占比", "Chat share"},
		Text{"在线(网页/APP/微信/电商平台)占全天咨询量 %", "Chat's share (web, app, WeChat, platforms) of the daily volume %"}, pctSay, Percent, 0, 100, false),
	planField("chat_aht_s", Text{"在线平均处理时长", "Chat average handle time"},
		Text{"在线每个会话的平均处理时长(秒)", "Chat average handle time per conversation (s)"}, Text{"秒", "seconds"}, Seconds, 1, 7200, false),
	planField("chat_sl_pct", Text{"在线服务水平", "Chat service level"},
		Text{"在线服务水平 %", "Chat service level %"}, pctSay, Percent, 1, 99.9, false),
	planField("chat_sl_s", Text{"在线应答时限", "Chat answer time"},
		Text{"在线应答时限(秒,空则取目标平均响应时间)", "Chat answer time (s, empty: the target response time)"}, Text{"秒", "seconds"}, Seconds, 0, 3600, false),
	planField("chat_concurrency", Text{"在线并发会话数", "Chat concurrency"},
		Text{"每名坐席同时接待的会话数(1–4)", "Conversations an agent carries at once (1–4)"}, Text{"个", "conversations"}, Conversations, 1, staffing.MaxConcurrency, false),
	planField("chat_patience_s", Text{"在线客户平均耐心", "Chat customers' mean patience"},
		Text{"在线客户平均耐心(秒,空则不计放弃)", "Chat customers' mean patience (s, empty: nobody leaves)"}, Text{"秒", "seconds"}, Seconds, 1, 7200, false),

	planField("email_share_pct", Text{"邮件占比", "Email share"},
		Text{"邮件占全天咨询量 %", "Email's share of the daily volume %"}, pctSay, Percent, 0, 100, false),
	planField("email_aht_s", Text{"邮件平均处理时长", "Email average handle time"},
		Text{"每封邮件的平均处理时长(秒)", "Average handle time of an email (s)"}, Text{"秒", "seconds"}, Seconds, 1, 14400, false),
	planField("email_response_h", Text{"邮件回复时限", "Email response time"},
		Text{"邮件回复时限(小时,空则取目标平均解决时长)", "Email response time (hours, empty: the target resolution time)"}, Text{"小时", "hours"}, Hours, 0.1, 720, false),
}

// planShares checks that the given channel shares leave no more than the whole day;
// the error names the last share given.
func (r Requirements) planShares() *FieldError {
	sum, last := 0.0, ""
	for _, q := range PlanQueues {
		if x := r.planValue(q + "_share_pct"); x != nil {
			sum += *x
			last = q + "_share_pct"
		}
	}
	if sum > 100+1e-9 {
		return &FieldError{last, Text{"各渠道占比合计超过 100%(" + FormatNumber(sum) + "%)", "the channels' shares add up to more than 100% (" + FormatNumber(sum) + "%)"}}
	}
	return nil
}
