package staffing

import "math"

// Kind is how a channel's work waits for an agent.
type Kind int

const (
	// Voice is a phone queue: one caller per agent, answered in seconds.
	Voice Kind = iota
	// Chat is live messaging: answered in seconds, several conversations per agent.
	Chat
	// Written is email and tickets: no queue in seconds, answered within hours.
	Written
)

// Channel is one channel's work on a normal day.
type Channel struct {
	ID    string // the channel's name where it came from: "phone", "chat", "email"
	Kind  Kind
	Daily float64 // contacts on a normal day
	AHT   float64 // seconds of an agent's work per contact
	// Target is the service level of Voice and Chat; Within is its answer time.
	Target Target
	// ResponseHours is how soon a Written contact must be answered.
	ResponseHours float64
	Concurrency   float64 // Chat: conversations an agent carries at once
	Patience      float64 // Voice and Chat: callers' mean patience, 0 for none
}

// Plan is a day of contacts across channels and what sizing them needs to know.
type Plan struct {
	Channels []Channel
	// BusiestShare is the share of a day's contacts that arrive in its busiest
	// interval.
	BusiestShare float64
	Interval     float64 // seconds in an interval
	PeakMultiple float64 // a peak day's volume ÷ a normal day's
	// HoursPerDay and DaysPerWeek are the service hours.
	HoursPerDay, DaysPerWeek float64
}

// WeeklyHours is a full-time agent's paid week.
const WeeklyHours = 40

// ChannelNeed is what one channel needs.
type ChannelNeed struct {
	Channel
	// Busiest and PeakBusiest size the busiest interval of a normal and of a peak
	// day; Average and PeakAverage an interval of average volume, which is what
	// people are paid for over the service hours.
	Busiest, PeakBusiest, Average, PeakAverage Figures
	// FTE and PeakFTE are the full-time people to employ in a normal week and in a
	// week of peak volume: the service hours staffed at the average interval, after
	// shrinkage, but never fewer than the busiest interval's roster.
	FTE, PeakFTE float64
}

// Need is what a plan needs, by channel and in all.
type Need struct {
	Channels []ChannelNeed
	// Agents and PeakAgents are the agents on the phones at the busiest interval of
	// a normal and of a peak day, summed over channels (each channel its own queue).
	Agents, PeakAgents int
	// Scheduled and PeakScheduled are those agents after shrinkage.
	Scheduled, PeakScheduled int
	FTE, PeakFTE             float64
	// AgentHours and PeakAgentHours are the agent hours on the phones in a normal and
	// in a peak service day, every interval staffed as the average one.
	AgentHours, PeakAgentHours float64
}

// IntervalsPerDay is the number of intervals in the service hours.
func (p Plan) IntervalsPerDay() float64 { return p.HoursPerDay * 3600 / p.Interval }

// Check refuses a plan that describes no day.
func (p Plan) Check() error {
	switch {
	case !(p.Interval > 0) || math.IsInf(p.Interval, 0):
		return bad("interval", "统计时段须长于 0", "the interval must be longer than zero")
	case !(p.HoursPerDay > 0 && p.HoursPerDay <= 24) || !(p.DaysPerWeek > 0 && p.DaysPerWeek <= 7):
		return bad("hours", "服务时长须在每天 24 小时、每周 7 天以内", "service hours must be within 24 hours a day and 7 days a week")
	case !(p.PeakMultiple >= 1) || math.IsInf(p.PeakMultiple, 0):
		return bad("peak", "高峰倍数须不小于 1", "the peak multiple must be at least 1")
	case !(p.BusiestShare > 0 && p.BusiestShare <= 1):
		return bad("busiest", "最忙时段占比须大于 0%% 且不超过 100%%", "the busiest interval's share must be above 0%% and at most 100%%")
	case p.BusiestShare*p.IntervalsPerDay() < 1-1e-9:
		return bad("busiest", "最忙时段占比（%.3g%%）低于平均时段（%.3g%%）",
			"the busiest interval's share (%.3g%%) is below an average interval's (%.3g%%)",
			p.BusiestShare*100, 100/p.IntervalsPerDay())
	}
	return nil
}

// Size works out what each channel of the plan needs and the totals. A channel
// with no contacts needs nobody.
func (p Plan) Size(shrinkage, maxOccupancy float64) (Need, error) {
	if err := p.Check(); err != nil {
		return Need{}, err
	}
	var need Need
	for _, ch := range p.Channels {
		ch.Target.Shrinkage, ch.Target.MaxOccupancy = shrinkage, maxOccupancy
		cn, err := p.sizeChannel(ch)
		if err != nil {
			return Need{}, err
		}
		need.Channels = append(need.Channels, cn)
		need.Agents += cn.Busiest.Agents
		need.PeakAgents += cn.PeakBusiest.Agents
		need.Scheduled += cn.Busiest.Scheduled
		need.PeakScheduled += cn.PeakBusiest.Scheduled
		need.FTE += cn.FTE
		need.PeakFTE += cn.PeakFTE
		need.AgentHours += float64(cn.Average.Agents) * p.HoursPerDay
		need.PeakAgentHours += float64(cn.PeakAverage.Agents) * p.HoursPerDay
	}
	return need, nil
}

func (p Plan) sizeChannel(ch Channel) (ChannelNeed, error) {
	cn := ChannelNeed{Channel: ch}
	if ch.Daily <= 0 {
		return cn, nil
	}
	perInterval := ch.Daily / p.IntervalsPerDay()
	var err error
	size := func(contacts float64) (Figures, error) {
		if ch.Kind == Written {
			return p.workload(ch, contacts)
		}
		q := Queue{Contacts: contacts, Interval: p.Interval, AHT: ch.AHT, Patience: ch.Patience}
		if ch.Kind == Chat {
			q.Concurrency = ch.Concurrency
		}
		return Required(q, ch.Target)
	}
	if ch.Kind == Written {
		// Written work waits for its response window, not for an interval: the
		// busiest interval does not apply, only the day's volume.
		if cn.Busiest, err = size(ch.Daily); err != nil {
			return cn, err
		}
		cn.Average = cn.Busiest
		if cn.PeakBusiest, err = size(ch.Daily * p.PeakMultiple); err != nil {
			return cn, err
		}
		cn.PeakAverage = cn.PeakBusiest
	} else {
		if cn.Busiest, err = size(ch.Daily * p.BusiestShare); err != nil {
			return cn, err
		}
		if cn.PeakBusiest, err = size(ch.Daily * p.BusiestShare * p.PeakMultiple); err != nil {
			return cn, err
		}
		if cn.Average, err = size(perInterval); err != nil {
			return cn, err
		}
		if cn.PeakAverage, err = size(perInterval * p.PeakMultiple); err != nil {
			return cn, err
		}
	}
	cn.FTE = p.fte(cn.Average, cn.Busiest)
	cn.PeakFTE = p.fte(cn.PeakAverage, cn.PeakBusiest)
	return cn, nil
}

// fte is the people a week needs: every service hour staffed as the average
// interval, after shrinkage; and at least the busiest interval's roster, who must
// all be employed to be on shift at once.
func (p Plan) fte(average, busiest Figures) float64 {
	hours := float64(average.Scheduled) * p.HoursPerDay * p.DaysPerWeek
	return math.Max(hours/WeeklyHours, float64(busiest.Scheduled))
}

// workload sizes written contacts of a day: those arriving over the response window
// (the whole service day when the window is longer) must be handled within it, at
// no more than the occupancy cap.
func (p Plan) workload(ch Channel, daily float64) (Figures, error) {
	switch {
	case !(ch.AHT > 0) || math.IsInf(ch.AHT, 0):
		return Figures{}, bad("aht", "平均处理时长须长于 0", "the average handle time must be longer than zero")
	case !(ch.ResponseHours > 0) || math.IsInf(ch.ResponseHours, 0):
		return Figures{}, bad("response", "回复时限须长于 0", "the response time must be longer than zero")
	}
	window := math.Min(ch.ResponseHours, p.HoursPerDay)
	contacts := daily * window / p.HoursPerDay
	load := contacts * ch.AHT / (window * 3600)
	occ := ch.Target.MaxOccupancy
	if occ == 0 {
		occ = 1
	}
	agents := int(math.Ceil(load/occ - 1e-9))
	if agents < 1 {
		agents = 1
	}
	if agents > MaxAgents {
		return Figures{}, bad("load", "这样的工作量需要超过 %d 名坐席", "this workload needs more than %d agents", MaxAgents)
	}
	return Figures{
		Load:         load,
		Agents:       agents,
		Scheduled:    Scheduled(agents, ch.Target.Shrinkage),
		ServiceLevel: 1,
		Occupancy:    load / float64(agents),
	}, nil
}
