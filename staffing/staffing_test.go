package staffing

import (
	"errors"
	"math"
	"math/big"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f ± %g", what, got, want, tol)
	}
}

// The worked Erlang C example copied across the trade (first published with the
// Erlang C formula pages of Mitan Ltd): 360 calls in 30
// minutes, 240 s each, 55 agents, service level within 15 s.
func TestPublishedErlangC(t *testing.T) {
	q := Queue{Contacts: 360, Interval: 1800, AHT: 240}
	near(t, "load", q.Load(), 48, 1e-12)
	f, err := Evaluate(q, 55, Target{ServiceLevel: 0.8, Within: 15})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "occupancy", f.Occupancy, 0.8727, 5e-5)
	near(t, "P(wait)", f.PWait, 0.2387, 5e-5)
	near(t, "ASA", f.ASA, 8.18, 5e-3)
	near(t, "service level", f.ServiceLevel, 0.8459, 5e-5)
	if f.Abandon {
		t.Error("Erlang C reports abandonment")
	}
}

// Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example":
// 100 calls in 30 minutes, AHT 180 s, 80 % within 20 s → 14 agents (P(wait) 17.41 %,
// service level 88.83 %, ASA 7.8 s), 20 once 30 % shrinkage is allowed for.
func TestPublishedErlangCWithShrinkage(t *testing.T) {
	q := Queue{Contacts: 100, Interval: 1800, AHT: 180}
	f, err := Required(q, Target{ServiceLevel: 0.8, Within: 20, Shrinkage: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if f.Agents != 14 || f.Scheduled != 20 {
		t.Errorf("agents %d scheduled %d, want 14 and 20", f.Agents, f.Scheduled)
	}
	near(t, "P(wait)", f.PWait, 0.1741, 5e-5)
	near(t, "service level", f.ServiceLevel, 0.8883, 1e-4)
	near(t, "ASA", f.ASA, 7.84, 5e-3)
}

// pyworkforce's Erlang A guide (pyworkforce.rodrigo-arenas.com, "Erlang A
// (abandonment)"): 100 contacts in 30 minutes, AHT 3 min, patience 5 min, 80 % in
// 20 s, occupancy at most 85 %, 30 % shrinkage → 13 raw positions, 19 scheduled,
// service level 0.858, occupancy 0.750, abandonment 0.025, waiting probability 0.226,
// and a mean wait over
// all contacts of 0.125 min (its "average speed of answer", Lq/λ = P(abandon)·patience).
func TestPublishedErlangA(t *testing.T) {
	q := Queue{Contacts: 100, Interval: 1800, AHT: 180, Patience: 300}
	f, err := Required(q, Target{ServiceLevel: 0.8, Within: 20, MaxOccupancy: 0.85, Shrinkage: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if f.Agents != 13 || f.Scheduled != 19 {
		t.Errorf("agents %d scheduled %d, want 13 and 19", f.Agents, f.Scheduled)
	}
	near(t, "service level", f.ServiceLevel, 0.858, 5e-4)
	near(t, "occupancy", f.Occupancy, 0.750, 5e-4)
	near(t, "P(abandon)", f.PAbandon, 0.025, 5e-4)
	near(t, "P(wait)", f.PWait, 0.226, 5e-4)
	near(t, "mean wait of all, min", f.PAbandon*q.Patience/60, 0.125, 5e-4)
	if !f.Abandon {
		t.Error("no abandonment reported")
	}
}

// bruteForceA solves the Erlang A birth–death chain directly: the balance equations
// λ·π(k−1) = d(k)·π(k) over states 0…limit, normalised; then the service level by
// integrating, with small Runge–Kutta steps, the waiting caller's own chain (k ahead
// of him: an agent freeing or one ahead leaving moves him up, his own patience ends
// his wait). It shares nothing with erlangA but the model.
func bruteForceA(n int, lambda, aht, patience, within float64) (pw, pab, sl, asa float64) {
	mu, theta := 1/aht, 1/patience
	const limit = 800
	pi := make([]float64, limit+1)
	pi[0] = 1
	sum := 1.0
	for k := 1; k <= limit; k++ {
		d := float64(min(k, n))*mu + float64(max(k-n, 0))*theta
		pi[k] = pi[k-1] * lambda / d
		sum += pi[k]
	}
	var lq float64
	for k := range pi {
		pi[k] /= sum
		if k >= n {
			pw += pi[k]
			lq += float64(k-n) * pi[k]
		}
	}
	pab = theta * lq / lambda

	nmu := float64(n) * mu
	u := append([]float64(nil), pi[n:]...) // u[j]: waiting, not gone, j ahead
	for len(u) > 1 && u[len(u)-1] < 1e-18 {
		u = u[:len(u)-1] // keeps the Runge–Kutta steps stable at a sensible length
	}
	deriv := func(u []float64) ([]float64, float64) {
		du := make([]float64, len(u))
		for j := range u {
			du[j] = -(nmu + float64(j+1)*theta) * u[j]
			if j+1 < len(u) {
				du[j] += (nmu + float64(j+1)*theta) * u[j+1]
			}
		}
		return du, nmu * u[0]
	}
	axpy := func(u, du []float64, h float64) []float64 {
		out := make([]float64, len(u))
		for j := range u {
			out[j] = u[j] + h*du[j]
		}
		return out
	}
	// Answered within t, and the mean wait of the answered (integrated to 40 AHTs).
	var answeredWithin, waitAnswered float64
	h := min(aht/100, 1/(nmu+float64(len(u)+1)*theta))
	if within > 0 {
		h = within / math.Ceil(within/h)
	}
	steps := int(20 * patience / h)
	for i := 0; i < steps; i++ {
		s := float64(i) * h
		k1, f1 := deriv(u)
		k2, f2 := deriv(axpy(u, k1, h/2))
		k3, f3 := deriv(axpy(u, k2, h/2))
		k4, f4 := deriv(axpy(u, k3, h))
		flux := h / 6 * (f1 + 2*f2 + 2*f3 + f4)
		if s+h <= within+1e-9 {
			answeredWithin += flux
		}
		waitAnswered += (s + h/2) * flux
		for j := range u {
			u[j] += h / 6 * (k1[j] + 2*k2[j] + 2*k3[j] + k4[j])
		}
	}
	return pw, pab, 1 - pw + answeredWithin, waitAnswered / (1 - pab)
}

func TestErlangAAgainstBruteForce(t *testing.T) {
	for _, c := range []struct {
		contacts, aht, patience, within float64
		n                               int
	}{
		{100, 180, 300, 20, 13},
		{100, 180, 300, 20, 9}, // overloaded: abandonment keeps the queue finite
		{300, 240, 60, 30, 38},
		{50, 600, 900, 0, 18},
	} {
		q := Queue{Contacts: c.contacts, Interval: 1800, AHT: c.aht, Patience: c.patience}
		f, err := Evaluate(q, c.n, Target{ServiceLevel: 0.8, Within: c.within})
		if err != nil {
			t.Fatal(err)
		}
		pw, pab, sl, asa := bruteForceA(c.n, c.contacts/1800, c.aht, c.patience, c.within)
		near(t, "P(wait)", f.PWait, pw, 1e-9)
		near(t, "P(abandon)", f.PAbandon, pab, 1e-9)
		near(t, "service level", f.ServiceLevel, sl, 2e-4)
		near(t, "ASA", f.ASA, asa, 0.05)
		near(t, "occupancy", f.Occupancy, q.Load()*(1-pab)/float64(c.n), 1e-9)
	}
}

// Callers who never hang up make Erlang A into Erlang C.
func TestErlangATendsToErlangC(t *testing.T) {
	q := Queue{Contacts: 360, Interval: 1800, AHT: 240}
	c, _ := Evaluate(q, 55, Target{ServiceLevel: 0.8, Within: 15})
	q.Patience = 1e10
	a, err := Evaluate(q, 55, Target{ServiceLevel: 0.8, Within: 15})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "P(wait)", a.PWait, c.PWait, 1e-6)
	near(t, "service level", a.ServiceLevel, c.ServiceLevel, 1e-6)
	// Erlang C's ASA is over every contact, Erlang A's over the answered ones.
	near(t, "ASA", a.ASA, c.ASA, 1e-4)
}

// erlangCBig is Erlang C from its textbook definition, A^N/N!·N/(N−A) over
// Σ_{k<N} A^k/k! + A^N/N!·N/(N−A), with 512-bit floats.
func erlangCBig(n int, a float64) float64 {
	const prec = 512
	A := new(big.Float).SetPrec(prec).SetFloat64(a)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	sum := new(big.Float).SetPrec(prec)
	for k := 0; k < n; k++ {
		sum.Add(sum, term)
		term.Mul(term, A)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k+1)))
	}
	// term is now A^N/N!
	last := new(big.Float).SetPrec(prec).Mul(term, new(big.Float).SetPrec(prec).SetFloat64(float64(n)/(float64(n)-a)))
	den := new(big.Float).SetPrec(prec).Add(sum, last)
	c, _ := new(big.Float).Quo(last, den).Float64()
	return c
}

func TestStableForThousandsOfAgents(t *testing.T) {
	// 20,000 calls an hour of 10 minutes each: 3,333 erlangs.
	q := Queue{Contacts: 20000, Interval: 3600, AHT: 600}
	f, err := Required(q, Target{ServiceLevel: 0.8, Within: 20})
	if err != nil {
		t.Fatal(err)
	}
	if f.Agents < 3334 || f.Agents > 3500 {
		t.Fatalf("agents %d", f.Agents)
	}
	for _, n := range []int{3334, 3350, f.Agents, 3600} {
		got, want := ErlangC(n, q.Load()), erlangCBig(n, q.Load())
		if math.IsNaN(got) || math.Abs(got-want) > 1e-11*math.Max(want, 1e-300) && math.Abs(got-want) > 1e-15 {
			t.Errorf("ErlangC(%d) = %.15g, big.Float %.15g", n, got, want)
		}
	}
	q.Patience = 120
	fa, err := Required(q, Target{ServiceLevel: 0.8, Within: 20})
	if err != nil {
		t.Fatal(err)
	}
	if fa.Agents > f.Agents || math.IsNaN(fa.ServiceLevel) || fa.ServiceLevel < 0.8 {
		t.Errorf("Erlang A %+v beside Erlang C %d", fa, f.Agents)
	}
}

func TestMoreAgentsNeverServeWorse(t *testing.T) {
	for _, patience := range []float64{0, 200} {
		q := Queue{Contacts: 500, Interval: 1800, AHT: 300, Patience: patience}
		prev := Figures{ServiceLevel: -1, ASA: math.Inf(1)}
		start := int(q.Load()) + 1
		if patience > 0 {
			start = 40
		}
		for n := start; n < 140; n++ {
			f, err := Evaluate(q, n, Target{ServiceLevel: 0.8, Within: 20, Shrinkage: 0.25})
			if err != nil {
				t.Fatal(err)
			}
			if f.ServiceLevel < prev.ServiceLevel-1e-12 || f.ASA > prev.ASA+1e-12 {
				t.Fatalf("patience %v: %d agents: SL %v ASA %v after SL %v ASA %v", patience, n, f.ServiceLevel, f.ASA, prev.ServiceLevel, prev.ASA)
			}
			if f.Scheduled < f.Agents {
				t.Fatalf("scheduled %d < agents %d", f.Scheduled, f.Agents)
			}
			prev = f
		}
	}
}

func TestRequiredIsTheSmallest(t *testing.T) {
	for _, patience := range []float64{0, 90, 600} {
		for _, contacts := range []float64{3, 40, 250, 1200} {
			for _, tg := range []Target{{ServiceLevel: 0.8, Within: 20}, {ServiceLevel: 0.95, Within: 10, MaxOccupancy: 0.85}, {ServiceLevel: 0.5, Within: 0}} {
				q := Queue{Contacts: contacts, Interval: 1800, AHT: 240, Patience: patience}
				f, err := Required(q, tg)
				if err != nil {
					t.Fatal(err)
				}
				meets := func(f Figures) bool {
					return f.ServiceLevel >= tg.ServiceLevel && (tg.MaxOccupancy == 0 || f.Occupancy <= tg.MaxOccupancy)
				}
				if !meets(f) {
					t.Errorf("%v %v: %d agents miss the target: %+v", q, tg, f.Agents, f)
				}
				if f.Agents > 1 {
					less, err := Evaluate(q, f.Agents-1, tg)
					if err == nil && meets(less) {
						t.Errorf("%v %v: %d agents suffice, not %d", q, tg, f.Agents-1, f.Agents)
					}
				}
			}
		}
	}
}

func TestConcurrencyDividesHandleTime(t *testing.T) {
	for c, want := range map[float64]float64{0: 1, 1: 1, 2: 1.7, 3: 2.5, 4: 2.9, 2.5: 2.1} {
		near(t, "factor", ConcurrencyFactor(c), want, 1e-12)
	}
	q := Queue{Contacts: 340, Interval: 3600, AHT: 600, Concurrency: 2}
	near(t, "load", q.Load(), 340*600/1.7/3600, 1e-12)
}

func TestRefusedInputs(t *testing.T) {
	good := Queue{Contacts: 100, Interval: 1800, AHT: 180}
	target := Target{ServiceLevel: 0.8, Within: 20}
	for _, c := range []struct {
		q     Queue
		tg    Target
		field string
	}{
		{Queue{Contacts: 0, Interval: 1800, AHT: 180}, target, "contacts"},
		{Queue{Contacts: 100, Interval: 0, AHT: 180}, target, "interval"},
		{Queue{Contacts: 100, Interval: -5, AHT: 180}, target, "interval"},
		{Queue{Contacts: 100, Interval: 1800, AHT: 0}, target, "aht"},
		{Queue{Contacts: 100, Interval: 1800, AHT: math.NaN()}, target, "aht"},
		{Queue{Contacts: 100, Interval: 1800, AHT: 180, Concurrency: 5}, target, "concurrency"},
		{Queue{Contacts: 100, Interval: 1800, AHT: 180, Patience: -1}, target, "patience"},
		{good, Target{ServiceLevel: 1.2, Within: 20}, "target"},
		{good, Target{ServiceLevel: 1, Within: 20}, "target"},
		{good, Target{ServiceLevel: 0, Within: 20}, "target"},
		{good, Target{ServiceLevel: 0.8, Within: -1}, "target"},
		{good, Target{ServiceLevel: 0.8, Within: 20, MaxOccupancy: -0.1}, "max-occupancy"},
		{good, Target{ServiceLevel: 0.8, Within: 20, MaxOccupancy: 1.01}, "max-occupancy"},
		{good, Target{ServiceLevel: 0.8, Within: 20, Shrinkage: 1}, "shrinkage"},
		{Queue{Contacts: 1e12, Interval: 1, AHT: 3600}, target, "load"},
	} {
		_, err := Required(c.q, c.tg)
		var e *Error
		if !errors.As(err, &e) || e.Field != c.field || e.ZH == "" || e.EN == "" {
			t.Errorf("%+v %+v: %v, want an error on %s", c.q, c.tg, err, c.field)
		}
	}
	// Fewer agents than erlangs with callers who wait for ever: no finite queue.
	var e *Error
	if _, err := Evaluate(good, 10, target); !errors.As(err, &e) || e.Field != "agents" {
		t.Errorf("10 agents on 10 erlangs: %v", err)
	}
	good.Patience = 300
	if _, err := Evaluate(good, 5, target); err != nil {
		t.Errorf("Erlang A is stable under any load: %v", err)
	}
}
