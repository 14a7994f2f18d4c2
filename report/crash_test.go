//go:build unix

package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a process that writes exports until killed.
func TestMain(m *testing.M) {
	if target := os.Getenv("VENDORVET_WRITE_CHILD"); target != "" {
		writeForever(target)
	}
	os.Exit(m.Run())
}

// crashContents are the two exports the child writes in turn: large, so that a kill
// often lands in the middle of writing one, and different in every block.
func crashContents() [2][]byte {
	var out [2][]byte
	for i, size := range []int{1 << 20, 2 << 20} {
		b := make([]byte, size)
		rand.NewChaCha8([32]byte{byte(i + 1)}).Read(b)
		copy(b, fmt.Sprintf("export %d of %d bytes\n", i, size))
		out[i] = b
	}
	return out
}

// writeForever replaces target with each content in turn, printing "ACK n" after
// each completed write.
func writeForever(target string) {
	contents := crashContents()
	for i := 0; ; i++ {
		if err := WriteFile(target, contents[i%2], true); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("ACK %d\n", i)
	}
}

// A writer killed at any moment leaves the old file or the whole new one, never a
// mixture, a short file or another mode; the temporary file of a killed write is
// removed by the next write to the same target, so they never pile up.
func TestWriteFileKilledLeavesOldOrNew(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	old := []byte("the export before any of these\n")
	if err := WriteFile(target, old, false); err != nil {
		t.Fatal(err)
	}
	contents := crashContents()
	valid := map[[32]byte]string{
		sha256.Sum256(old):         "the first file",
		sha256.Sum256(contents[0]): "export 0",
		sha256.Sum256(contents[1]): "export 1",
	}
	r := rand.New(rand.NewPCG(7, 8))
	seen := map[string]int{}
	midway := 0 // kills that left a temporary file: they landed mid-write
	const rounds = 40
	for round := range rounds {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), "VENDORVET_WRITE_CHILD="+target)
		acks, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = pw, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pw.Close()
		// Half the kills land before the first write completes, half after a few.
		lines := bufio.NewScanner(acks)
		for n := r.IntN(4); n > 0 && lines.Scan(); n-- {
		}
		time.Sleep(time.Duration(r.IntN(10000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		acks.Close()
		if strings.TrimSpace(stderr.String()) != "" {
			t.Fatalf("round %d: the writer failed: %s", round, stderr.String())
		}

		got, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		which, ok := valid[sha256.Sum256(got)]
		if !ok {
			t.Fatalf("round %d: the target holds %d bytes that are neither the old file nor a whole new one (starts %q)",
				round, len(got), got[:min(len(got), 40)])
		}
		seen[which]++
		if st, err := os.Stat(target); err != nil || st.Mode() != 0o600 {
			t.Fatalf("round %d: target mode %v, %v", round, st.Mode(), err)
		}
		// Each write first clears what killed writes left: at most the temporary file
		// of the write just killed remains.
		temps := tempFiles(t, dir)
		if len(temps) > 1 {
			t.Fatalf("round %d: %d temporary files pile up: %v", round, len(temps), temps)
		}
		midway += len(temps)
	}
	t.Logf("after %d kills the target held %v; %d kills landed mid-write", rounds, seen, midway)
	if seen["export 0"]+seen["export 1"] == 0 || midway == 0 {
		t.Error("no write completed, or no kill landed mid-write: the kills prove nothing")
	}

	// The next write, killed or not, leaves nothing but the target.
	if err := WriteFile(target, old, true); err != nil {
		t.Fatal(err)
	}
	if temps := tempFiles(t, dir); len(temps) != 0 {
		t.Errorf("temporary files left after a successful write: %v", temps)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, old) {
		t.Error("the last write did not land")
	}
}

// tempFiles lists everything in dir but report.json.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "report.json" {
			names = append(names, e.Name())
		}
	}
	return names
}

// A write in progress is never mistaken for one that was abandoned: two writers of
// the same target, each cleaning up before it writes, both succeed every time.
func TestWriteFileTwoWritersOfOneTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	contents := crashContents()
	errs := make(chan error, 2)
	for w := range 2 {
		go func() {
			for range 20 {
				if err := WriteFile(target, contents[w], true); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	got, _ := os.ReadFile(target)
	if !bytes.Equal(got, contents[0]) && !bytes.Equal(got, contents[1]) {
		t.Error("the target is neither write")
	}
	if temps := tempFiles(t, dir); len(temps) != 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}
