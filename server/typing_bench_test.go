package server

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/internal/gen"
	"vendorvet/internal/latency"
	"vendorvet/rubric"
)

// The load of BenchmarkTeamServerTyping: the server's limit of people, each typing
// twenty keys a second, for typingWindow a round.
const (
	typingPeople = DefaultMaxSessions
	typingRate   = 20
	typingWindow = 8 * time.Second
)

// BenchmarkTeamServerTyping is the team server under its full load of people
// typing answers, beside the floor (floor_test.go), in the same run: fifty SSH
// clients at 80×24, each with its own key, in a process of their own, each
// typing 120 into a number field and taking it back at twenty keys a second. On
// the team server each person has opened the generated session of fifty vendors
// and a vendor of their own, at step 3: every key re-scores the vendor, draws the
// wizard and is saved, and every connection's watch reads the session again as
// the others' answers land.
//
// A key is timed from its write to the reading of the frame that shows it (the
// field holding what was typed), not to the next bytes after it: a blinking
// cursor or a save's report would be taken for the key's frame. median-ms, p99-ms
// and max-ms are of every key; lost-keys were not shown within typingGrace of the
// end of typing and count as the time to that end, less than they took: with
// lost keys, p99-ms and max-ms are lower bounds. server-cores is the
// server's process time over the round's wall time (the clients' is
// client-cores, in their own process). heap-MB, sys-MB and rss-MB are the
// server's Go heap in use, memory the Go runtime holds and resident set
// with the fifty sessions open after typing, each after a collection that gives
// freed memory back; the per-session figures are their growth from before the
// people connected, divided by fifty. rss counts SQLite's page caches, which are
// not Go's heap. load-1m is the machine's load average as typing began.
//
// Run alone and with a fixed count (-benchtime 1x): each round takes typingWindow,
// and reaching the field takes fifty interfaces a few seconds more.
func BenchmarkTeamServerTyping(b *testing.B) {
	b.Run("vendorvet", func(b *testing.B) { benchTyping(b, "vendorvet") })
	b.Run("floor", func(b *testing.B) { benchTyping(b, "floor") })
}

func benchTyping(b *testing.B, target string) {
	seeds := make([][]byte, typingPeople)
	keys := make([]gossh.PublicKey, typingPeople)
	var file strings.Builder
	for i := range seeds {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		seeds[i] = priv.Seed()
		if keys[i], err = gossh.NewPublicKey(pub); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(&file, "%s %s %s\n", Evaluator, personName(i), strings.TrimSpace(string(gossh.MarshalAuthorizedKey(keys[i]))))
	}
	var addr string
	var ts *testServer
	var sessionID int64
	switch target {
	case "vendorvet":
		ts = startServer(b, file.String(), nil)
		addr = ts.addr
		sessionID = storeGenerated(b, ts.dbPath)
	case "floor":
		addr = startFloor(b, keys)
	}

	settle()
	before := memoryNow()
	clients := startTypists(b, loadConfig{Addr: addr, Seeds: seeds, Target: target, Window: typingWindow, Rate: typingRate})
	var rec latency.Recorder
	var lost, stray int
	var serverCPU, clientCPU, wall time.Duration
	load := loadAverage()
	b.ResetTimer()
	for range b.N {
		cpu, start := latency.CPUTime(), time.Now()
		res := clients.round(b, func() {
			// The server's time is taken over the typing alone, not the wait for
			// the last frames.
			time.Sleep(time.Until(start.Add(typingWindow)))
			serverCPU += latency.CPUTime() - cpu
			wall += time.Since(start)
		})
		for _, d := range res.Latencies {
			rec.Add(d)
		}
		lost += res.Lost
		stray += res.Stray
		clientCPU += res.ClientCPU
	}
	b.StopTimer()
	during := memoryNow()
	clients.stop(b)

	if ts != nil {
		wantOwnVendors(b, ts, sessionID)
	}
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(rec.Percentile(50)), "median-ms")
	b.ReportMetric(ms(rec.Percentile(99)), "p99-ms")
	b.ReportMetric(ms(rec.Percentile(100)), "max-ms")
	b.ReportMetric(float64(rec.Len()), "keys")
	b.ReportMetric(float64(lost), "lost-keys")
	b.ReportMetric(float64(stray), "stray-frames")
	b.ReportMetric(float64(serverCPU)/float64(wall), "server-cores")
	b.ReportMetric(float64(clientCPU)/float64(wall), "client-cores")
	const mb, kb = 1 << 20, 1 << 10
	b.ReportMetric(float64(during.heap)/mb, "heap-MB")
	b.ReportMetric(perSession(before.heap, during.heap)/kb, "heap-KB/session")
	b.ReportMetric(float64(during.sys)/mb, "sys-MB")
	b.ReportMetric(perSession(before.sys, during.sys)/kb, "sys-KB/session")
	b.ReportMetric(float64(during.rss)/mb, "rss-MB")
	b.ReportMetric(perSession(before.rss, during.rss)/kb, "rss-KB/session")
	b.ReportMetric(load, "load-1m")
}

// storeGenerated adds the generated session of fifty vendors the benchmarks of the
// wizard use (seed 1) to the database at path, with every person on its panel,
// and returns its ID.
func storeGenerated(b *testing.B, path string) int64 {
	b.Helper()
	store, err := db.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	id, err := store.ImportSession(ctx, gen.Session(gen.Rand(1), typingPeople))
	if err != nil {
		b.Fatal(err)
	}
	for i := range typingPeople {
		if err := store.AddEvaluator(ctx, id, personName(i), rubric.Member); err != nil {
			b.Fatal(err)
		}
	}
	return id
}

// wantOwnVendors checks, once the server has stopped, that each person typed
// into their own vendor and no other.
func wantOwnVendors(b *testing.B, ts *testServer, id int64) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		b.Fatalf("Shutdown: %v", err)
	}
	store, err := db.Open(ts.dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	sess, err := store.Session(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	people := map[string]bool{}
	for i := range typingPeople {
		people[personName(i)] = true
	}
	answered := 0
	for i, v := range sess.Vendors {
		for name := range v.Panel {
			switch {
			case name == personName(i):
				answered++
			case people[name]:
				b.Errorf("vendor %d has answers of %s", i, name)
			}
		}
	}
	b.Logf("%d of %d vendors have their person's answers", answered, typingPeople)
}

// settle waits for the goroutines of an earlier run to end, at most a few seconds:
// Bubble Tea's timers (the cursor's blink, the watch) outlive their program by up
// to a tick, holding its model, which would be counted in this run's baseline.
func settle() {
	n := runtime.NumGoroutine()
	for range 10 {
		time.Sleep(600 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n {
			return
		}
		n = m
	}
}

func perSession(before, during uint64) float64 {
	return (float64(during) - float64(before)) / typingPeople
}

// memory is what the server's process holds.
type memory struct{ heap, sys, rss uint64 }

// memoryNow collects garbage, gives freed memory back to the system, and reads the
// Go heap in use, the memory the Go runtime holds (obtained from the system and
// not given back: Sys alone never falls, and would keep an earlier run's peak)
// and the resident set.
func memoryNow() memory {
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memory{heap: ms.HeapInuse, sys: ms.Sys - ms.HeapReleased, rss: residentSet()}
}

// residentSet is the process's resident memory in bytes, 0 where /proc does not
// say.
func residentSet() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// loadAverage is the machine's load average over the last minute, 0 where /proc
// does not say.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(data))[0], 64)
	return f
}

// typists is the clients' process.
type typists struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

// startTypists starts the clients' process and returns once every person has
// reached the field.
func startTypists(b *testing.B, cfg loadConfig) *typists {
	b.Helper()
	path := filepath.Join(b.TempDir(), "load.json")
	data, err := json.Marshal(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), typingLoadEnv+"="+path)
	cmd.Stderr = os.Stderr
	t := &typists{cmd: cmd}
	if t.in, err = cmd.StdinPipe(); err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	t.out = bufio.NewScanner(out)
	t.out.Buffer(make([]byte, 64<<10), 64<<20)
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { t.stop(b) })
	if !t.out.Scan() || t.out.Text() != "ready" {
		b.Fatalf("the clients did not reach the field: %s %v", t.out.Text(), t.out.Err())
	}
	return t
}

// round has every person type for a round; during runs meanwhile.
func (t *typists) round(b *testing.B, during func()) loadResult {
	b.Helper()
	if _, err := io.WriteString(t.in, "go\n"); err != nil {
		b.Fatal(err)
	}
	during()
	if !t.out.Scan() {
		b.Fatalf("the clients stopped: %v", t.out.Err())
	}
	var res loadResult
	if err := json.Unmarshal(t.out.Bytes(), &res); err != nil {
		b.Fatalf("the clients' report %q: %v", t.out.Text(), err)
	}
	if res.Err != "" {
		b.Fatalf("the clients: %s", res.Err)
	}
	return res
}

// stop ends the clients' connections and process.
func (t *typists) stop(b *testing.B) {
	if t.cmd.ProcessState != nil {
		return
	}
	t.in.Close()
	if err := t.cmd.Wait(); err != nil {
		b.Errorf("the clients: %v", err)
	}
}
