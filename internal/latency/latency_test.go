package latency

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var r Recorder
	if r.Percentile(50) != 0 {
		t.Error("an empty recorder has a median")
	}
	// 1..100 ms in reverse order: the median is 50 ms, p99 99 ms, p100 the slowest.
	for i := 100; i >= 1; i-- {
		r.Add(time.Duration(i) * time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50, 99: 99, 100: 100, 0: 1, 1: 1} {
		if got := r.Percentile(p); got != want*time.Millisecond {
			t.Errorf("p%v = %v, want %v", p, got, want*time.Millisecond)
		}
	}
	// One slow operation in a hundred is the p99, not hidden by the median.
	var spiky Recorder
	for i := range 100 {
		d := time.Millisecond
		if i == 42 {
			d = time.Second
		}
		spiky.Add(d)
	}
	if spiky.Percentile(50) != time.Millisecond || spiky.Percentile(99) != time.Millisecond || spiky.Percentile(100) != time.Second {
		t.Errorf("p50 %v p99 %v p100 %v", spiky.Percentile(50), spiky.Percentile(99), spiky.Percentile(100))
	}
	if r.Len() != 100 {
		t.Errorf("Len = %d", r.Len())
	}
}

func TestCPUTimeAdvances(t *testing.T) {
	before := CPUTime()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if x == 0 || CPUTime() <= before {
		t.Errorf("CPU time did not advance over a busy loop: %v then %v", before, CPUTime())
	}
}
