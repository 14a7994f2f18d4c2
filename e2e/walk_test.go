//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The end-to-end walk: the real binary in a real terminal (tmux), driven by keys as a
// person would, then started again to find everything where it was left.

// terminal is one tmux session on a private server.
type terminal struct {
	t      *testing.T
	socket string
	name   string
}

func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required for the end-to-end tests (.ci/run installs it)")
		}
		t.Skip("tmux is not installed; the end-to-end tests need it (apt-get install tmux)")
	}
}

func startTerminal(t *testing.T, w, h int, env []string, args ...string) *terminal {
	t.Helper()
	term := &terminal{t: t, socket: fmt.Sprintf("vv-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "vv"}
	cmdline := strings.Join(append(env, quoteAll(args)...), " ")
	term.tmux("new-session", "-d", "-s", term.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env "+cmdline)
	term.tmux("set-option", "-t", term.name, "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends named keys (Enter, Escape, Down, PgDn, BSpace …), pausing as a person
// would between them so each is its own key press.
func (term *terminal) keys(keys ...string) {
	for _, k := range keys {
		term.tmux("send-keys", "-t", term.name, k)
		time.Sleep(60 * time.Millisecond)
	}
}

// typeText types literal text.
func (term *terminal) typeText(s string) {
	term.tmux("send-keys", "-t", term.name, "-l", s)
	time.Sleep(120 * time.Millisecond)
}

func (term *terminal) screen() string {
	return term.tmux("capture-pane", "-p", "-t", term.name)
}

// waitFor waits until every text is on screen.
func (term *terminal) waitFor(texts ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := term.screen()
		missing := ""
		for _, want := range texts {
			if !strings.Contains(s, want) {
				missing = want
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("%q did not appear; the screen:\n%s", missing, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitExit waits until the program has ended.
func (term *terminal) waitExit() {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.TrimSpace(term.tmux("display-message", "-p", "-t", term.name, "#{pane_dead}")) == "1" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the program did not exit; the screen:\n%s", term.screen())
}

// walk is what one language needs to find its way.
type walk struct {
	lang                                       string
	welcome, newTitle, step1, noVendors        string
	addVendor, step2, step3, total, sessionTab string
}

var walks = []walk{
	{lang: "en", welcome: "start a new evaluation", newTitle: "New evaluation session", step1: "Step 1 of 7",
		noVendors: "No vendors yet", addVendor: "Add vendor", step2: "Step 2 of 7", step3: "Step 3 of 7", total: "Total", sessionTab: "Sessions"},
	{lang: "zh", welcome: "新建评估会话", newTitle: "新建评估会话", step1: "步骤 1/7",
		noVendors: "还没有服务商", addVendor: "添加服务商", step2: "步骤 2/7", step3: "步骤 3/7", total: "总分", sessionTab: "评估会话"},
}

var totalRe = regexp.MustCompile(`(?:Total|总分) (\d+(?:\.\d)?)`)

func panelTotal(t *testing.T, screen string) string {
	t.Helper()
	m := totalRe.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no total on screen:\n%s", screen)
	}
	return m[1]
}

func TestEndToEndWalk(t *testing.T) {
	needTmux(t)
	bin := programUnderTest(t)
	for _, w := range walks {
		t.Run(w.lang, func(t *testing.T) { endToEnd(t, bin, w) })
	}
}

func endToEnd(t *testing.T, bin string, w walk) {
	dbPath := filepath.Join(t.TempDir(), "walk.db")
	run := func() *terminal {
		return startTerminal(t, 120, 40, []string{"TERM=xterm-256color"}, bin, "--db", dbPath, "--lang", w.lang)
	}
	term := run()
	term.waitFor(w.welcome)
	term.keys("n")
	term.waitFor(w.newTitle)
	term.typeText("E2E " + w.lang + " q")
	term.keys("Enter")
	term.typeText("ACME")
	term.keys("Enter", "Enter")

	// Step 1: web chat and phone, 5000 a day, peaks of 10, then back.
	term.waitFor(w.step1)
	term.keys("x", "Down", "Down", "Down", "x", "Enter")
	term.keys("BSpace")
	term.typeText("5000")
	term.keys("Enter", "BSpace")
	term.typeText("10")
	term.keys("Enter", "Escape")

	term.waitFor(w.noVendors)
	for _, name := range []string{"Alpha 甲", "Beta 乙"} {
		term.keys("a")
		term.waitFor(w.addVendor)
		term.typeText(name)
		term.keys("Enter", "Enter")
		term.waitFor(name)
	}

	// Beta is selected (just added): open its wizard and answer while watching the
	// total move.
	term.keys("Enter")
	before := panelTotal(t, term.waitFor(w.step2, w.total))
	term.keys("y")
	time.Sleep(200 * time.Millisecond)
	afterLicence := panelTotal(t, term.screen())
	if afterLicence == before {
		t.Fatalf("total stayed %s after a licence was confirmed", before)
	}
	term.keys("y", "y", "y", "y") // telecom, ISO 9001, ISO 27001, NDA: the dispatch permit is passed over
	term.keys("PgDn")
	term.waitFor(w.step3)
	midway := panelTotal(t, term.screen())
	term.typeText("12") // seat-expansion multiple, above the peak of 10
	time.Sleep(200 * time.Millisecond)
	final := panelTotal(t, term.screen())
	if final == midway {
		t.Fatalf("total stayed %s after the seat multiple was typed", midway)
	}
	term.keys("Escape")
	sessionScreen := term.waitFor("Beta 乙")
	term.keys("q")
	term.waitExit()

	// Start again: the same session, vendors, answers and totals.
	term = run()
	term.waitFor("E2E " + w.lang + " q")
	term.keys("Enter")
	again := term.waitFor("Beta 乙", "Alpha 甲")
	if vendorLine(again, "Beta 乙") != vendorLine(sessionScreen, "Beta 乙") {
		t.Errorf("after a restart Beta shows\n%s\nbut showed\n%s", vendorLine(again, "Beta 乙"), vendorLine(sessionScreen, "Beta 乙"))
	}
	if !strings.Contains(vendorLine(again, "Beta 乙"), " "+final+" ") {
		t.Errorf("Beta's total on the session screen is not %s: %q", final, vendorLine(again, "Beta 乙"))
	}
	term.keys("q")
	term.waitExit()

	// Every answer is in the store, as the JSON export shows.
	out, err := exec.Command(bin, "--db", dbPath, "export", "1", "--format", "json").CombinedOutput()
	if err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	var doc struct {
		Title        string
		Requirements struct {
			Channels       []string `json:"channels"`
			DailyVolume    int      `json:"daily_volume"`
			PeakMultiplier float64  `json:"peak_multiplier"`
		}
		Vendors []struct {
			Name    string
			Answers map[string]any
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	if strings.Join(doc.Requirements.Channels, ",") != "web,phone" || doc.Requirements.DailyVolume != 5000 || doc.Requirements.PeakMultiplier != 10 {
		t.Errorf("requirements = %+v", doc.Requirements)
	}
	if len(doc.Vendors) != 2 {
		t.Fatalf("vendors = %+v", doc.Vendors)
	}
	got := doc.Vendors[1].Answers
	for _, id := range []string{"business_license", "telecom_license", "iso9001", "iso27001", "nda"} {
		if got[id] != "yes" {
			t.Errorf("%s = %v, want yes", id, got[id])
		}
	}
	if got["seat_multiple"] != 12.0 {
		t.Errorf("seat_multiple = %v, want 12", got["seat_multiple"])
	}
}

// vendorLine returns the line of the session screen that names vendor.
func vendorLine(screen, vendor string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, vendor) {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "›"))
		}
	}
	return ""
}
