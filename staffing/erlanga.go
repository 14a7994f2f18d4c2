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
	// answered only if he outlasts k+1 phases of rates nμ + iθ + θ, i = k…0 (i ahead
	// of him), each ended by an agent freeing or one ahead leaving rather than by his
	// own patience: all of them with probability nμ/(nμ + (k+1)θ), the ratios
	// telescoping. Given that, his wait is the sum of k+1 exponentials of rates
	// nμ + iθ, i = 1…k+1, which is −ln(Y)/θ with Y ~ Beta(nμ/θ + 1, k+1) (their
	// Laplace transforms agree). So P(wait > t | answered, k) = I_x(α, k+1), x = e^(−θt),
	// α = nμ/θ + 1, and for a whole second parameter the regularised incomplete beta
	// is the finite sum Σ_{j≤k} Γ(α+j)/(Γ(α)·j!)·x^α·(1−x)^j: one more term for each k.
	alpha := nf/r + 1
	logX := -within / q.Patience
	log1mX := math.Log(-math.Expm1(logX)) // −Inf when t = 0: then nobody waits "within"
	lterm := alpha * logX                 // log of the sum's term j
	lsum := math.Inf(-1)

	var pw, lq, answeredWithin, answeredWait float64
	var h float64 // mean wait of one who is answered, in AHTs: Σ_{i=1…k+1} 1/(n + i·r)
	for k := range logw {
		if k > 0 {
			lterm += log1mX + math.Log((alpha+float64(k-1))/float64(k))
		}
		lsum = logAddExp(lsum, lterm)
		pk := pi(k)
		h += 1 / (nf + float64(k+1)*r)
		pw += pk
		lq += float64(k) * pk
		answered := nf / (nf + float64(k+1)*r)
		answeredWait += pk * answered * h
		answeredWithin += pk * answered * -math.Expm1(math.Min(lsum, 0))
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

// logAddExp is log(e^a + e^b) without overflow.
func logAddExp(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	if math.IsInf(b, -1) {
		return a
	}
	return a + math.Log1p(math.Exp(b-a))
}
