package server

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkFiftyInterfaces opens the server's limit of interfaces at once, each
// person with their own key, and reports how long the slowest took to show its
// first screen and how long the server then took to stop them all.
func BenchmarkFiftyInterfaces(b *testing.B) {
	for range b.N {
		keys := make([]gossh.Signer, DefaultMaxSessions)
		var file strings.Builder
		for i := range keys {
			keys[i] = newKey(b)
			file.WriteString(keyLine(Evaluator, fmt.Sprintf("e%02d", i), keys[i]) + "\n")
		}
		ts := startServer(b, file.String(), nil)
		start := time.Now()
		var wg sync.WaitGroup
		stops := make([]func(), len(keys))
		for i, key := range keys {
			wg.Add(1)
			go func() {
				defer wg.Done()
				stops[i] = openInterface(b, ts, key)
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-all-first-screens")
		stopStart := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := ts.Shutdown(ctx); err != nil {
			b.Errorf("Shutdown with %d interfaces: %v", len(keys), err)
		}
		cancel()
		b.ReportMetric(float64(time.Since(stopStart).Milliseconds()), "ms-shutdown")
		for _, stop := range stops {
			if stop != nil {
				stop()
			}
		}
	}
}
