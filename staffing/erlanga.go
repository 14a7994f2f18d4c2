package staffing

import "math"

// erlangA is the Erlang A (M/M/n+M) model of n agents offered a erlangs by callers
// of mean patience q.Patience, given B = ErlangB(n, a). Its birth–death chain has
// death rate k·μ up to n in the system and n·μ + (k−n)·θ above; the states up to n
// are Erlang B's truncated Poisson, whose total is π(n)/B, so only the waiting
// states are summed, in logarithms so that no term overflows.
func erlangA(q Queue, n int, a, b, within float64) (Figures, error) {
	aht := q.HandleTime()
	r := aht / q.Patience // θ/μ
	nf := float64(n)

	// logw[k] = log(π(n+k)/π(n)); the terms rise while a > n + k·r, then fall
	// faster than geometrically. Stop once they are negligible.
	logw := []float64{0}
	peak, lw := 0.0, 0.0
	for k := 1; ; k++ {
		lw += math.Log(a / (nf + float64(k)*r))
		peak = math.Max(peak, lw)
		if a < nf+float64(k)*r && lw < peak-60 {
			break
		}
		if k > maxQueueStates {
			return Figures{}, bad("patience", "队列过长，无法计算：坐席远少于负荷而客户又很有耐心，请增加坐席或核对输入",
				"the queue is too long to compute: far fewer agents than the load with very patient callers; add agents or check the inputs")
		}
		logw = append(logw, lw)
	}
	var s float64 // Σ over k ≥ 1 of w[k]·e^(−peak)
	for _, l := range logw[1:] {
		s += math.Exp(l - peak)
	}
	// π(n+k) = B·w[k] / (1 + B·T) with T = Σ_{k≥1} w[k] = e^peak·s.
	logB := math.Log(b)
	logDen := 0.0
	if s > 0 && b > 0 {
		logX := logB + peak + math.Log(s)
		if logX > 30 {
			logDen = logX + math.Log1p(math.Exp(-logX))
		} else {
			logDen = math.Log1p(math.Exp(logX))
		}
	}
	pi := func(k int) float64 { return math.Exp(logB + logw[k] - logDen) }

	// A caller arriving to find k others waiting (PASTA: with probability π(n+k)) is
	// answered only if he outlasts k+1 phases of rates nμ + (j+1)θ, j = k…0, each
	// ended by an agent freeing (or one ahead leaving) rather than by him leaving:
	// all of them with probability nμ/(nμ + (k+1)θ), the ratios telescoping. Given
	// that, his wait is the sum of those phases.
	//
	// The wait exceeds t exactly when the number of agent completions in t, Poisson
	// with mean n·t/AHT, is smaller than the number of k+1 independent exponential
	// patience clocks (rate θ) still running at t, binomial with p = e^(−θt): an
	// agent completion removes the caller with the longest clock, which by
	// memorylessness changes no probability. So P(answered within t | k) =
	// nμ/(nμ+(k+1)θ) · P(Poisson ≥ Binomial).
	m := nf * within / aht
	tail := poissonTail(m)
	p := math.Exp(-within / q.Patience)

	var pw, lq, answeredWithin, answeredWait float64
	var h float64 // mean time to answer of one who is answered: Σ_j 1/(n + (j+1)r), in AHTs
	for k := range logw {
		pk := pi(k)
		h += 1 / (nf + float64(k+1)*r)
		pw += pk
		lq += float64(k) * pk
		if pk == 0 {
			continue
		}
		answered := nf / (nf + float64(k+1)*r)
		answeredWait += pk * answered * h
		answeredWithin += pk * answered * atLeastBinomial(tail, k+1, p)
	}
	pAb := r * lq / a
	asa := 0.0
	if pAb < 1 {
		asa = answeredWait * aht / (1 - pAb)
	}
	return Figures{
		Load:         a,
		Agents:       n,
		Scheduled:    n,
		ServiceLevel: math.Min(1, 1-pw+answeredWithin),
		ASA:          asa,
		Occupancy:    a * (1 - pAb) / nf,
		PWait:        pw,
		PAbandon:     pAb,
		Abandon:      true,
	}, nil
}

// poissonTail is P(X ≥ d) for X Poisson with mean m, for d = 0, 1, … up to where it
// is negligible; summed from the top so that small tails keep their digits.
func poissonTail(m float64) []float64 {
	if m == 0 {
		return []float64{1}
	}
	top := int(m+20*math.Sqrt(m)+60) + 1
	pmf := make([]float64, top+1)
	lg := 0.0 // log d!
	for d := 0; d <= top; d++ {
		if d > 0 {
			lg += math.Log(float64(d))
		}
		pmf[d] = math.Exp(float64(d)*math.Log(m) - m - lg)
	}
	out := make([]float64, top+1)
	acc := 0.0
	for d := top; d >= 0; d-- {
		acc += pmf[d]
		out[d] = acc
	}
	out[0] = 1
	return out
}

// atLeastBinomial is P(X ≥ D) with D binomial(trials, p) and tail[d] = P(X ≥ d) of
// an independent X (zero beyond the slice).
func atLeastBinomial(tail []float64, trials int, p float64) float64 {
	if p >= 1 {
		if trials < len(tail) {
			return tail[trials]
		}
		return 0
	}
	tn := float64(trials)
	mean := tn * p
	top := len(tail) - 1
	if mean-float64(top) > 12*math.Sqrt(mean*(1-p))+40 {
		return 0 // D is almost surely beyond any X that matters
	}
	if p <= 0 {
		return 1
	}
	// log P(D = d), from d = 0 up by the ratio of consecutive terms.
	lp := tn * math.Log1p(-p)
	odds := math.Log(p) - math.Log1p(-p)
	sum := 0.0
	for d := 0; d <= trials && d <= top; d++ {
		if d > 0 {
			lp += math.Log(float64(trials-d+1)/float64(d)) + odds
		}
		sum += math.Exp(lp) * tail[d]
	}
	return sum
}
