//go:build unix

package latency

import (
	"syscall"
	"time"
)

// CPUTime is the processor time the whole process has used so far, user and system,
// on every thread: a benchmark's own work, its garbage collection and its background
// goroutines, but not other programs competing for the machine.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
