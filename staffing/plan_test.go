package staffing

import (
	"errors"
	"math"
	"testing"
)

// A voice channel's busiest interval is sized exactly as the queue calculator sizes
// it: Call Centre Helper's example (100 calls in half an hour, AHT 180 s, 80/20,
// 30 % shrinkage → 14 agents, 20 scheduled) as 2,000 calls a day, 5 % of them in the
// busiest half hour.
func TestPlanSizesTheBusiestIntervalByTheCalculator(t *testing.T) {
	p := Plan{
		Channels:     []Channel{{ID: "phone", Kind: Voice, Daily: 2000, AHT: 180, Target: Target{ServiceLevel: 0.8, Within: 20}}},
		BusiestShare: 0.05, Interval: 1800, PeakMultiple: 3, HoursPerDay: 12, DaysPerWeek: 7,
	}
	need, err := p.Size(0.3, 0)
	if err != nil {
		t.Fatal(err)
	}
	ch := need.Channels[0]
	if ch.Busiest.Agents != 14 || ch.Busiest.Scheduled != 20 {
		t.Errorf("busiest %d agents %d scheduled, want 14 and 20", ch.Busiest.Agents, ch.Busiest.Scheduled)
	}
	peak, _ := Required(Queue{Contacts: 300, Interval: 1800, AHT: 180}, Target{ServiceLevel: 0.8, Within: 20, Shrinkage: 0.3})
	if ch.PeakBusiest != peak {
		t.Errorf("peak %+v, want the calculator's %+v", ch.PeakBusiest, peak)
	}
	// An average interval of a 12-hour day carries 2,000 ÷ 24 calls.
	avg, _ := Required(Queue{Contacts: 2000.0 / 24, Interval: 1800, AHT: 180}, Target{ServiceLevel: 0.8, Within: 20, Shrinkage: 0.3})
	if ch.Average != avg {
		t.Errorf("average %+v, want %+v", ch.Average, avg)
	}
	// FTEs: the average interval's roster for 84 hours a week, 40 hours each, and
	// never fewer than the busiest interval's roster.
	want := math.Max(float64(avg.Scheduled)*84/40, 20)
	if ch.FTE != want || need.FTE != want {
		t.Errorf("FTE %v (total %v), want %v", ch.FTE, need.FTE, want)
	}
	if need.Agents != 14 || need.PeakAgents != peak.Agents || need.Scheduled != 20 {
		t.Errorf("totals %+v", need)
	}
	if need.AgentHours != float64(avg.Agents)*12 {
		t.Errorf("agent hours %v, want %v", need.AgentHours, float64(avg.Agents)*12)
	}
}

// Chat divides handle time by the concurrency factor; patience switches to Erlang A.
func TestPlanChatAndPatience(t *testing.T) {
	p := Plan{
		Channels: []Channel{
			{ID: "chat", Kind: Chat, Daily: 4800, AHT: 300, Concurrency: 3, Target: Target{ServiceLevel: 0.8, Within: 30}},
			{ID: "phone", Kind: Voice, Daily: 4800, AHT: 300, Patience: 120, Target: Target{ServiceLevel: 0.8, Within: 30}},
		},
		BusiestShare: 0.04, Interval: 1800, PeakMultiple: 1, HoursPerDay: 24, DaysPerWeek: 7,
	}
	need, err := p.Size(0, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	chat, _ := Required(Queue{Contacts: 192, Interval: 1800, AHT: 300, Concurrency: 3}, Target{ServiceLevel: 0.8, Within: 30, MaxOccupancy: 0.85})
	phone, _ := Required(Queue{Contacts: 192, Interval: 1800, AHT: 300, Patience: 120}, Target{ServiceLevel: 0.8, Within: 30, MaxOccupancy: 0.85})
	if need.Channels[0].Busiest != chat || need.Channels[1].Busiest != phone {
		t.Errorf("chat %+v phone %+v, want %+v %+v", need.Channels[0].Busiest, need.Channels[1].Busiest, chat, phone)
	}
	if !need.Channels[1].Busiest.Abandon {
		t.Error("a patience did not size by Erlang A")
	}
	if need.Agents != chat.Agents+phone.Agents {
		t.Errorf("total %d, want %d", need.Agents, chat.Agents+phone.Agents)
	}
}

// Written work by hand: 960 emails a day over a 12-hour day, 6 minutes each, answered
// within 24 hours: the day's 96 hours of work in 12 hours is 8 agents' load; at
// 85 % occupancy 9.4, so 10 agents; 30 % shrinkage makes 15 to schedule, and 15
// people for 84 hours a week is 31.5 FTEs.
func TestPlanWrittenWorkload(t *testing.T) {
	p := Plan{
		Channels:     []Channel{{ID: "email", Kind: Written, Daily: 960, AHT: 360, ResponseHours: 24}},
		BusiestShare: 0.05, Interval: 1800, PeakMultiple: 2, HoursPerDay: 12, DaysPerWeek: 7,
	}
	need, err := p.Size(0.3, 0.85)
	if err != nil {
		t.Fatal(err)
	}
	ch := need.Channels[0]
	if ch.Busiest.Agents != 10 || ch.Busiest.Scheduled != 15 || ch.FTE != 31.5 {
		t.Errorf("agents %d scheduled %d FTE %v, want 10 15 31.5", ch.Busiest.Agents, ch.Busiest.Scheduled, ch.FTE)
	}
	near(t, "load", ch.Busiest.Load, 8, 1e-12)
	// Twice the volume: 16 erlangs of load, 19 agents at 85 %.
	if ch.PeakBusiest.Agents != 19 {
		t.Errorf("peak agents %d, want 19", ch.PeakBusiest.Agents)
	}
	// Answered within 4 hours: the 4 hours' share of the day in 4 hours, the same load.
	p.Channels[0].ResponseHours = 4
	need, _ = p.Size(0.3, 0.85)
	if got := need.Channels[0].Busiest.Agents; got != 10 {
		t.Errorf("within 4 h: %d agents, want 10", got)
	}
}

// More volume or a higher peak never needs fewer agents, and the staff to employ is
// never fewer than those on the phones.
func TestPlanMonotone(t *testing.T) {
	for _, kind := range []Kind{Voice, Chat, Written} {
		prev := Need{}
		for daily := 100.0; daily <= 20000; daily *= 1.7 {
			p := Plan{
				Channels:     []Channel{{ID: "q", Kind: kind, Daily: daily, AHT: 200, Concurrency: 2, ResponseHours: 8, Target: Target{ServiceLevel: 0.8, Within: 20}}},
				BusiestShare: 0.06, Interval: 1800, PeakMultiple: 4, HoursPerDay: 12, DaysPerWeek: 7,
			}
			need, err := p.Size(0.3, 0.85)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case need.Agents < prev.Agents || need.PeakAgents < prev.PeakAgents || need.FTE < prev.FTE:
				t.Errorf("kind %d, %v a day: %+v after %+v", kind, daily, need, prev)
			case need.PeakAgents < need.Agents || need.PeakFTE < need.FTE:
				t.Errorf("kind %d, %v a day: the peak needs less than a normal day: %+v", kind, daily, need)
			case need.Scheduled < need.Agents || need.FTE < float64(need.Scheduled):
				t.Errorf("kind %d, %v a day: fewer people than agents: %+v", kind, daily, need)
			}
			prev = need
		}
	}
}

func TestPlanRefused(t *testing.T) {
	good := Plan{BusiestShare: 0.05, Interval: 1800, PeakMultiple: 2, HoursPerDay: 12, DaysPerWeek: 7}
	for name, p := range map[string]Plan{
		"no interval":             {BusiestShare: 0.05, PeakMultiple: 2, HoursPerDay: 12, DaysPerWeek: 7},
		"25 hours a day":          {BusiestShare: 0.05, Interval: 1800, PeakMultiple: 2, HoursPerDay: 25, DaysPerWeek: 7},
		"peak below normal":       {BusiestShare: 0.05, Interval: 1800, PeakMultiple: 0.5, HoursPerDay: 12, DaysPerWeek: 7},
		"busiest below average":   {BusiestShare: 0.02, Interval: 1800, PeakMultiple: 2, HoursPerDay: 12, DaysPerWeek: 7},
		"busiest more than a day": {BusiestShare: 1.5, Interval: 1800, PeakMultiple: 2, HoursPerDay: 12, DaysPerWeek: 7},
	} {
		err := p.Check()
		var e *Error
		if !errors.As(err, &e) || e.ZH == "" || e.EN == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := good.Check(); err != nil {
		t.Error(err)
	}
	// A channel without contacts needs nobody, and is no error.
	good.Channels = []Channel{{ID: "phone", Kind: Voice}}
	if need, err := good.Size(0.3, 0.85); err != nil || need.Agents != 0 || need.FTE != 0 {
		t.Errorf("an empty channel: %+v, %v", need, err)
	}
}
