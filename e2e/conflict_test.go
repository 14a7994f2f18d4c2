//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTwoWindowsOnOneDatabase runs two vendorvet processes on one database, side by
// side, as an evaluator with two terminal windows would: they change different
// requirements and the same note at the same moment. Nothing is lost, and the
// window whose note came second is told and keeps its text.
func TestTwoWindowsOnOneDatabase(t *testing.T) {
	needTmux(t)
	bin := programUnderTest(t)
	dbPath := filepath.Join(t.TempDir(), "windows.db")
	if out, err := exec.Command(bin, "--db", dbPath, "--lang", "en", "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	args := []string{bin, "--db", dbPath, "--lang", "en"}
	a := startTerminal(t, 100, 30, []string{"TERM=xterm-256color"}, args...)
	b := a.beside("vv2", 100, 30, []string{"TERM=xterm-256color"}, args...)
	for _, w := range []*terminal{a, b} {
		w.waitFor("Sessions")
		w.keys("Enter")
		w.waitFor("Needs:")
		w.keys("s")
		w.waitFor("Step 1 of 7")
	}

	// Different fields: the first window the daily volume, the second the peaks.
	a.keys("Tab", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	a.typeText("6000")
	b.keys("Tab", "Tab", "BSpace", "BSpace", "BSpace", "BSpace")
	b.typeText("12")
	// The first window's form shows the second's change beside its own; then both
	// sessions show both.
	a.waitFor("Daily inquiries ✎ 6000", "(peak ÷ normal): 12")
	for _, w := range []*terminal{a, b} {
		w.keys("Escape")
		w.waitFor("6000/day", "peak ×12")
	}

	// The same note, typed in both windows at the same moment.
	for _, w := range []*terminal{a, b} {
		w.keys("Enter")
		w.waitFor("Step 2 of 7")
		// The vendor opens where the other window last was: tab to the note.
		for range 20 {
			if strings.Contains(w.screen(), "┃ Evidence / notes") {
				break
			}
			w.keys("Tab")
		}
		w.waitFor("┃ Evidence / notes")
	}
	typeBoth(a, b, " typed in A", " typed in B")
	const told = "your version is kept below a marker"
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(a.screen(), told) && !strings.Contains(b.screen(), told) {
		if time.Now().After(deadline) {
			t.Fatalf("neither window tells of the conflict:\n%s\n----\n%s", a.screen(), b.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, w := range []*terminal{a, b} {
		w.keys("C-c")
		w.waitExit()
	}

	out, err := exec.Command(bin, "--db", dbPath, "export", "1", "--format", "json").CombinedOutput()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	var doc struct {
		Requirements struct {
			DailyVolume    int     `json:"daily_volume"`
			PeakMultiplier float64 `json:"peak_multiplier"`
		}
		Vendors []struct {
			Notes map[string]string
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	if doc.Requirements.DailyVolume != 6000 || doc.Requirements.PeakMultiplier != 12 {
		t.Errorf("stored volume %d and peak ×%v, want both windows' changes: 6000 and ×12",
			doc.Requirements.DailyVolume, doc.Requirements.PeakMultiplier)
	}
	note := doc.Vendors[0].Notes["2"]
	for _, want := range []string{" typed in A", " typed in B", "Your version"} {
		if !strings.Contains(note, want) {
			t.Errorf("the stored note lacks %q:\n%s", want, note)
		}
	}
}

// beside starts another program in a second tmux session on the same server, so
// that keys can reach both in one tmux command.
func (term *terminal) beside(name string, w, h int, env []string, args ...string) *terminal {
	term.t.Helper()
	other := &terminal{t: term.t, socket: term.socket, name: name}
	cmdline := strings.Join(append(env, quoteAll(args)...), " ")
	other.tmux("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env "+cmdline)
	other.tmux("set-option", "-t", name, "remain-on-exit", "on")
	return other
}

// typeBoth types into two terminals of one server at the same moment.
func typeBoth(a, b *terminal, textA, textB string) {
	a.tmux("send-keys", "-t", a.name, "-l", textA, ";", "send-keys", "-t", b.name, "-l", textB)
}
