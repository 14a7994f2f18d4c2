package db

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vendorvet/rubric"
)

// TestMain lets the test binary act as a second vendorvet process.
func TestMain(m *testing.M) {
	if mode := os.Getenv("VENDORVET_DB_CHILD"); mode != "" {
		if err := child(mode, os.Getenv("VENDORVET_DB_PATH"), os.Getenv("VENDORVET_DB_ARG")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child is the other process: "ack" adds vendors forever, printing "ACK n" after
// each commit; "write" saves answers and vendors as fast as it can.
func child(mode, path, arg string) error {
	ctx := context.Background()
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	sessionID, _ := strconv.ParseInt(arg, 10, 64)
	switch mode {
	case "ack":
		prefix := os.Getenv("VENDORVET_DB_PREFIX")
		for i := 1; ; i++ {
			if _, err := s.AddVendor(ctx, sessionID, fmt.Sprintf("%s-%d", prefix, i), ""); err != nil {
				return err
			}
			fmt.Printf("ACK %d\n", i)
		}
	case "write":
		return writeLoad(ctx, s, sessionID, os.Getenv("VENDORVET_DB_PREFIX"), 100)
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// writeLoad adds n vendors to a session, each with a read-modify-write of answers.
func writeLoad(ctx context.Context, s *Store, sessionID int64, prefix string, n int) error {
	for i := range n {
		vid, err := s.AddVendor(ctx, sessionID, fmt.Sprintf("%s-%d", prefix, i), "")
		if err != nil {
			return err
		}
		v1, err := s.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: float64(i)}, 0)
		if err != nil {
			return err
		}
		if _, err := s.SaveAnswer(ctx, vid, "training_hours", &rubric.Value{Num: float64(i + 1)}, v1); err != nil {
			return err
		}
		if _, err := s.ListSessions(ctx, "", 0, 5); err != nil {
			return err
		}
	}
	return nil
}

func childCmd(t *testing.T, mode, path string, sessionID int64, prefix string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(),
		"VENDORVET_DB_CHILD="+mode, "VENDORVET_DB_PATH="+path,
		"VENDORVET_DB_ARG="+strconv.FormatInt(sessionID, 10), "VENDORVET_DB_PREFIX="+prefix)
	return cmd
}

// checkLoad verifies that every vendor of writeLoad landed with its final answer.
func checkLoad(t *testing.T, s *Store, sessionID int64, prefixes []string, n int) {
	t.Helper()
	sess, err := s.Session(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Vendor{}
	for _, v := range sess.Vendors {
		byName[v.Name] = v
	}
	for _, p := range prefixes {
		for i := range n {
			v, ok := byName[fmt.Sprintf("%s-%d", p, i)]
			if !ok {
				t.Errorf("vendor %s-%d lost", p, i)
				continue
			}
			if a, ok := v.Answers["training_hours"]; !ok || a.Num != float64(i+1) {
				t.Errorf("vendor %s-%d: answer %+v", p, i, a)
			}
		}
	}
	if len(sess.Vendors) != len(prefixes)*n {
		t.Errorf("%d vendors, want %d", len(sess.Vendors), len(prefixes)*n)
	}
	assertCachedScores(t, s, sessionID)
}

func TestConcurrentWritersInOneProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	sid, err := first.CreateSession(ctx, SessionMeta{Title: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	prefixes := []string{"a", "b", "c", "d"}
	for i, p := range prefixes {
		store := []*Store{first, second}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- writeLoad(ctx, store, sid, p, 40)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	checkLoad(t, first, sid, prefixes, 40)
}

func TestConcurrentWriterProcesses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	var outputs []*strings.Builder
	for _, p := range []string{"p", "q"} {
		cmd := childCmd(t, "write", path, sid, p)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outputs = append(cmds, cmd), append(outputs, &out)
	}
	// This process writes too, at the same time.
	if err := writeLoad(ctx, s, sid, "main", 100); err != nil {
		t.Error(err)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v: %s", i, err, outputs[i])
		}
	}
	checkLoad(t, s, sid, []string{"p", "q", "main"}, 100)
}

// A process killed at any moment loses nothing it acknowledged and leaves a sound file.
func TestKilledWriterLosesNothingAcknowledged(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vendorvet.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sid, err := s.CreateSession(ctx, SessionMeta{Title: "kill"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	r := rand.New(rand.NewPCG(21, 22))
	acked := map[string]int{}
	for round := range 40 {
		prefix := fmt.Sprintf("k%d", round)
		cmd := childCmd(t, "ack", path, sid, prefix)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		// Kill after a random number of acknowledged saves, mid-way through the next.
		want := 1 + r.IntN(15)
		for lines.Scan() {
			n, _ := strconv.Atoi(strings.TrimPrefix(lines.Text(), "ACK "))
			acked[prefix] = n
			if n >= want {
				break
			}
		}
		time.Sleep(time.Duration(r.IntN(2000)) * time.Microsecond)
		cmd.Process.Kill()
		for lines.Scan() {
			// Anything printed before the kill was acknowledged too.
			if n, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "ACK ")); err == nil {
				acked[prefix] = n
			}
		}
		cmd.Wait()
		if acked[prefix] == 0 {
			t.Fatalf("round %d: child acknowledged nothing: %s", round, stderr.String())
		}
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var integrity string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check: %q %v", integrity, err)
	}
	sess, err := s.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, v := range sess.Vendors {
		have[v.Name] = true
	}
	for prefix, n := range acked {
		for i := 1; i <= n; i++ {
			if !have[fmt.Sprintf("%s-%d", prefix, i)] {
				t.Errorf("acknowledged save %s-%d lost", prefix, i)
			}
		}
	}
}
