//go:build !unix

package latency

import "time"

// CPUTime is not measured on this system; it is always zero.
func CPUTime() time.Duration { return 0 }
