//go:build e2e

package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exportedVendor is what these walks read back of a session's first vendor.
type exportedVendor struct {
	Answers map[string]json.RawMessage
	Notes   map[string]string
}

func exportFirstVendor(t *testing.T, bin, dbPath string) exportedVendor {
	t.Helper()
	out, err := exec.Command(bin, "--db", dbPath, "export", "1", "--format", "json").CombinedOutput()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	var doc struct{ Vendors []exportedVendor }
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.Vendors) == 0 {
		t.Fatalf("export: %v\n%s", err, out)
	}
	return doc.Vendors[0]
}

// Keys that reach the program in one write, as fast typing, SSH and remote desktops
// deliver them, each count once; a paste outside a text field is never run.
func TestKeysInOneWriteEachCountOnce(t *testing.T) {
	needTmux(t)
	bin := programUnderTest(t)
	dbPath := filepath.Join(t.TempDir(), "burst.db")
	term := startTerminal(t, 120, 40, []string{"TERM=xterm-256color"}, bin, "--db", dbPath, "--lang", "en")
	term.waitFor("start a new evaluation")
	term.typeText("n")
	term.waitFor("New evaluation session")
	term.typeText("Burst")
	term.keys("Enter", "Enter", "Enter")
	term.waitFor("Step 1 of 7")
	term.keys("Escape")
	// "a" and the vendor's name in one write: the name goes into the dialog it opens.
	term.typeText("aVendor")
	term.waitFor("Add vendor")
	term.keys("Enter", "Enter")
	term.waitFor("Vendor")
	term.keys("Enter")
	term.waitFor("Step 2 of 7")

	// A paste outside a text field: nothing answered, nothing quit.
	term.tmux("set-buffer", "yynq")
	term.tmux("paste-buffer", "-p", "-t", term.name)
	term.waitFor("Pasted text ignored")
	if v := exportFirstVendor(t, bin, dbPath); len(v.Answers) != 0 {
		t.Fatalf("a paste outside a text field answered %d questions", len(v.Answers))
	}

	// A hundred y in one write: one answer each for step 2's questions that apply
	// (not the dispatch permit, telecom licence or filing this session does not
	// need), the rest is text in the note the last of them moves to.
	term.typeText(strings.Repeat("y", 100))
	term.waitFor("answered 7/7")
	term.keys("C-c")
	term.waitExit()
	v := exportFirstVendor(t, bin, dbPath)
	note := v.Notes["2"]
	if got := len(v.Answers) + len(note); got != 100 || strings.Trim(note, "y") != "" {
		t.Errorf("100 keys in one write: %d answers and a note of %d y (%q), want 100 in all",
			len(v.Answers), len(note), note)
	}
	if len(v.Answers) != 7 {
		t.Errorf("%d questions of step 2 answered, want the 7 that apply", len(v.Answers))
	}
}
