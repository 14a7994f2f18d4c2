// Package latency collects the time of each operation of a benchmark and reports
// the median and the 99th percentile beside Go's mean: a screen that is fast on
// average can still lag behind one keystroke in a hundred.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Recorder holds the durations of a benchmark's operations.
type Recorder struct {
	ds []time.Duration
	// cpu is the process's processor time when the first operation was recorded.
	cpu time.Duration
}

// Start notes the processor time before the operations, so that Report can add what
// they cost on their own (cpu-us): on a shared machine the elapsed times also count
// waiting for the processor while other programs run.
func (r *Recorder) Start() { r.cpu = CPUTime() }

// Add records one operation.
func (r *Recorder) Add(d time.Duration) { r.ds = append(r.ds, d) }

// Time runs fn and records how long it took.
func (r *Recorder) Time(fn func()) {
	start := time.Now()
	fn()
	r.Add(time.Since(start))
}

// Len is the number of operations recorded.
func (r *Recorder) Len() int { return len(r.ds) }

// Percentile returns the duration that p percent (0..100) of the operations did not
// exceed, nearest rank; zero when nothing was recorded.
func (r *Recorder) Percentile(p float64) time.Duration {
	if len(r.ds) == 0 {
		return 0
	}
	s := slices.Clone(r.ds)
	slices.Sort(s)
	// Nearest rank: the smallest value with at least p% of the values at or below it.
	i := int(float64(len(s))*p/100+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Report adds the median and the 99th percentile, in microseconds, to b's results,
// and after Start the processor time of the whole process per operation.
func (r *Recorder) Report(b *testing.B) {
	r.percentiles(b, "")
	if r.cpu > 0 && len(r.ds) > 0 {
		b.ReportMetric(float64(CPUTime()-r.cpu)/1e3/float64(len(r.ds)), "cpu-us")
	}
}

// ReportAs adds the median and the 99th percentile as name-median-us and
// name-p99-us: for a second kind of operation timed in the same benchmark.
func (r *Recorder) ReportAs(b *testing.B, name string) { r.percentiles(b, name+"-") }

// percentiles adds the median and the 99th percentile, in microseconds, under
// names that start with prefix.
func (r *Recorder) percentiles(b *testing.B, prefix string) {
	b.ReportMetric(float64(r.Percentile(50))/1e3, prefix+"median-us")
	b.ReportMetric(float64(r.Percentile(99))/1e3, prefix+"p99-us")
}
