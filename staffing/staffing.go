// Package staffing sizes a contact queue: the agents a volume of contacts needs to
// meet a service level, by Erlang C (callers wait as long as it takes) or Erlang A
// (callers with a mean patience hang up). Both assume Poisson arrivals and
// exponential handle and patience times, the models the sizing tables of the trade
// are built on.
package staffing

import (
	"fmt"
	"math"
)

// MaxAgents bounds what the calculator sizes: beyond it the inputs are surely wrong.
const MaxAgents = 1_000_000

// maxQueueStates bounds the waiting states Erlang A sums; only an overloaded queue
// with very patient callers builds more.
const maxQueueStates = 2_000_000

// Error is an input the calculator refuses, said in both languages.
type Error struct {
	Field  string // the input at fault: contacts, interval, aht, target, ...
	ZH, EN string
}

func (e *Error) Error() string { return e.Field + ": " + e.EN }

func bad(field, zh, en string, args ...any) *Error {
	return &Error{field, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)}
}

// Queue is the work arriving in one interval.
type Queue struct {
	Contacts float64 // contacts offered in the interval
	Interval float64 // the interval's length, seconds
	AHT      float64 // average handle time of one contact, seconds
	// Concurrency is how many conversations an agent carries at once (chat); 0 or 1
	// for one at a time. See ConcurrencyFactor.
	Concurrency float64
	// Patience is the callers' mean patience in seconds; 0 means they never hang up
	// (Erlang C), otherwise Erlang A.
	Patience float64
}

// Target is what the staff must achieve.
type Target struct {
	ServiceLevel float64 // share answered within Within, 0 < x < 1
	Within       float64 // seconds, ≥ 0
	MaxOccupancy float64 // largest share of time agents may be busy; 0 for no cap
	Shrinkage    float64 // share of paid time off the phones, 0 ≤ x < 1
}

// Figures describe a number of agents on a queue.
type Figures struct {
	Load      float64 // offered load, erlangs
	Agents    int     // agents on the phones
	Scheduled int     // agents to schedule once shrinkage is allowed for
	// ServiceLevel is the share of all contacts answered within the target time;
	// with patience an abandoned contact counts against it.
	ServiceLevel float64
	// ASA is the average speed of answer in seconds: over every contact for Erlang C
	// (the published formula), over the answered ones for Erlang A.
	ASA       float64
	Occupancy float64 // share of agents' time busy: carried load ÷ agents
	PWait     float64 // probability a contact finds every agent busy
	// PAbandon is the probability a contact hangs up before an answer; meaningful
	// only when Abandon is true (a patience was given).
	PAbandon float64
	Abandon  bool
}

// concurrencyFactors are the effective speed-ups of 1 to 4 simultaneous chats: an
// agent with two chats open does not work twice as fast.
var concurrencyFactors = []float64{1, 1.7, 2.5, 2.9}

// MaxConcurrency is the most simultaneous conversations the factors cover.
const MaxConcurrency = 4

// ConcurrencyFactor is what handle time is divided by when an agent carries c
// conversations at once: 1, 1.7, 2.5 and 2.9 for 1 to 4, straight lines between.
func ConcurrencyFactor(c float64) float64 {
	if c <= 1 {
		return 1
	}
	i := int(c)
	if i >= MaxConcurrency {
		return concurrencyFactors[MaxConcurrency-1]
	}
	f := c - float64(i)
	return concurrencyFactors[i-1] + f*(concurrencyFactors[i]-concurrencyFactors[i-1])
}

// Check refuses inputs that describe no queue.
func (q Queue) Check() error {
	switch {
	case !(q.Contacts > 0) || math.IsInf(q.Contacts, 0):
		return bad("contacts", "来电量须为正数", "the number of contacts must be positive")
	case !(q.Interval > 0) || math.IsInf(q.Interval, 0):
		return bad("interval", "统计时段须长于 0", "the interval must be longer than zero")
	case !(q.AHT > 0) || math.IsInf(q.AHT, 0):
		return bad("aht", "平均处理时长须长于 0", "the average handle time must be longer than zero")
	case q.Concurrency != 0 && !(q.Concurrency >= 1 && q.Concurrency <= MaxConcurrency):
		return bad("concurrency", "并发会话数须在 1 到 %d 之间", "concurrency must be between 1 and %d conversations", MaxConcurrency)
	case q.Patience < 0 || math.IsNaN(q.Patience) || math.IsInf(q.Patience, 0):
		return bad("patience", "客户耐心时长须为正数", "the patience must be a positive duration")
	}
	return nil
}

// HandleTime is the handle time one contact takes of an agent's capacity.
func (q Queue) HandleTime() float64 { return q.AHT / ConcurrencyFactor(q.Concurrency) }

// Load is the offered load in erlangs: contacts × handle time ÷ interval.
func (q Queue) Load() float64 { return q.Contacts * q.HandleTime() / q.Interval }

// Check refuses a target no staff can meet or that means nothing.
func (t Target) Check() error {
	switch {
	case !(t.ServiceLevel > 0 && t.ServiceLevel <= 1):
		return bad("target", "服务水平目标须在 0%% 到 100%% 之间", "the service-level target must be between 0%% and 100%%")
	case t.ServiceLevel == 1:
		return bad("target", "100%% 的服务水平任何人数都无法保证（排队模型中总有客户要等）",
			"no number of agents guarantees 100%%: in a queue some contacts always wait")
	case !(t.Within >= 0) || math.IsInf(t.Within, 0):
		return bad("target", "目标应答时间须为 0 或更长", "the target answer time must be zero or more")
	case t.MaxOccupancy != 0 && !(t.MaxOccupancy > 0 && t.MaxOccupancy <= 1):
		return bad("max-occupancy", "最高占用率须大于 0%% 且不超过 100%%", "the maximum occupancy must be above 0%% and at most 100%%")
	case !(t.Shrinkage >= 0 && t.Shrinkage < 1):
		return bad("shrinkage", "缺勤率（shrinkage）须不低于 0%% 且低于 100%%", "shrinkage must be at least 0%% and below 100%%")
	}
	return nil
}

// ErlangB is the blocking probability of n servers offered a erlangs, by the
// recursion B(0)=1, B(k)=a·B(k−1)/(k+a·B(k−1)): no factorials, no powers.
func ErlangB(n int, a float64) float64 {
	b := 1.0
	for k := 1; k <= n; k++ {
		b = nextB(b, k, a)
	}
	return b
}

func nextB(b float64, k int, a float64) float64 { return a * b / (float64(k) + a*b) }

// ErlangC is the probability a contact waits with n agents and a erlangs:
// n·B/(n − a·(1−B)); 1 when n ≤ a, as the queue then never empties.
func ErlangC(n int, a float64) float64 { return erlangCFromB(n, a, ErlangB(n, a)) }

func erlangCFromB(n int, a, b float64) float64 {
	if float64(n) <= a {
		return 1
	}
	return float64(n) * b / (float64(n) - a*(1-b))
}

// Scheduled is the staff to schedule for agents on the phones: ⌈agents ÷ (1 − shrinkage)⌉.
func Scheduled(agents int, shrinkage float64) int {
	x := float64(agents) / (1 - shrinkage)
	// 14 ÷ 0.7 is 20.000000000000004 in floating point; it is 20 people.
	return int(math.Ceil(x - 1e-9*x))
}

// Evaluate gives the figures of agents on the queue, the service level counted
// within target.Within. With Erlang C, agents must outnumber the load.
func Evaluate(q Queue, agents int, target Target) (Figures, error) {
	if err := q.Check(); err != nil {
		return Figures{}, err
	}
	if err := target.Check(); err != nil {
		return Figures{}, err
	}
	if agents < 1 || agents > MaxAgents {
		return Figures{}, bad("agents", "坐席数须在 1 到 %d 之间", "the number of agents must be between 1 and %d", MaxAgents)
	}
	a := q.Load()
	if q.Patience == 0 && float64(agents) <= a {
		return Figures{}, bad("agents", "%d 名坐席承接不了 %.4g 爱尔兰的负荷：队列会无限增长，至少需要 %d 名",
			"%d agents cannot keep up with %.4g erlangs: the queue grows without end; at least %d are needed",
			agents, a, int(math.Floor(a))+1)
	}
	f, err := figures(q, agents, a, ErlangB(agents, a), target.Within)
	if err != nil {
		return Figures{}, err
	}
	f.Scheduled = Scheduled(agents, target.Shrinkage)
	return f, nil
}

// figures computes the figures of n agents given B = ErlangB(n, a).
func figures(q Queue, n int, a, b, within float64) (Figures, error) {
	if q.Patience > 0 {
		return erlangA(q, n, a, b, within)
	}
	aht := q.HandleTime()
	pw := erlangCFromB(n, a, b)
	gap := float64(n) - a
	return Figures{
		Load:         a,
		Agents:       n,
		Scheduled:    n,
		ServiceLevel: 1 - pw*math.Exp(-gap*within/aht),
		ASA:          pw * aht / gap,
		Occupancy:    a / float64(n),
		PWait:        pw,
	}, nil
}

// Required finds the smallest number of agents that meets the target: its service
// level, and its occupancy cap when one is given.
func Required(q Queue, target Target) (Figures, error) {
	if err := q.Check(); err != nil {
		return Figures{}, err
	}
	if err := target.Check(); err != nil {
		return Figures{}, err
	}
	a := q.Load()
	meets := func(f Figures) bool {
		return f.ServiceLevel >= target.ServiceLevel &&
			(target.MaxOccupancy == 0 || f.Occupancy <= target.MaxOccupancy)
	}
	tooMany := bad("load", "这样的负荷（%.4g 爱尔兰）需要超过 %d 名坐席，请核对来电量、时段和处理时长",
		"a load of %.4g erlangs needs more than %d agents; check the contacts, interval and handle time", a, MaxAgents)

	// Erlang C: start where the queue is stable and add agents one at a time, Erlang
	// B following along in one step each.
	n := int(math.Floor(a)) + 1
	if n > MaxAgents {
		return Figures{}, tooMany
	}
	c := q
	c.Patience = 0
	b := ErlangB(n, a)
	var f Figures
	for {
		f, _ = figures(c, n, a, b, target.Within)
		if meets(f) {
			break
		}
		if n++; n > MaxAgents {
			return Figures{}, tooMany
		}
		b = nextB(b, n, a)
	}
	if q.Patience > 0 {
		var err error
		if f, err = requiredA(q, a, n, target, meets); err != nil {
			return Figures{}, err
		}
	}
	f.Scheduled = Scheduled(f.Agents, target.Shrinkage)
	return f, nil
}

// requiredA searches Erlang A from hi, the Erlang C answer: abandonment shortens the
// queue, so the answer is usually a little below it. It steps down by doubling
// strides until the target fails, then halves the gap; figures are monotone in the
// number of agents.
func requiredA(q Queue, a float64, hi int, target Target, meets func(Figures) bool) (Figures, error) {
	eval := func(n int) (Figures, bool, error) {
		f, err := erlangA(q, n, a, ErlangB(n, a), target.Within)
		return f, err == nil && meets(f), err
	}
	best, ok, err := eval(hi)
	for !ok {
		if err != nil {
			return Figures{}, err
		}
		if hi *= 2; hi > MaxAgents {
			return Figures{}, bad("load", "这样的负荷需要超过 %d 名坐席", "this load needs more than %d agents", MaxAgents)
		}
		best, ok, err = eval(hi)
	}
	lo := 0 // known to fail, or below any answer
	for step := 1; hi-step > lo; step *= 2 {
		f, ok, _ := eval(hi - step)
		if !ok {
			lo = hi - step
			break
		}
		best, hi = f, hi-step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if f, ok, _ := eval(mid); ok {
			best, hi = f, mid
		} else {
			lo = mid
		}
	}
	return best, nil
}
