//go:build e2e

package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two evaluators fill one vendor in two terminals on one database; the lead sees the
// other's answers arrive, finds the question they split on, and settles it with a
// reason, which the JSON export then carries.
func TestTwoEvaluatorsAndTheLeadSettles(t *testing.T) {
	needTmux(t)
	bin := programUnderTest(t)
	dbPath := filepath.Join(t.TempDir(), "panel.db")
	runBin(t, bin, nil, "--db", dbPath, "--lang", "en", "demo").succeeded(t, "demo")
	env := []string{"TERM=xterm-256color"}

	lead := startTerminal(t, 120, 40, env, bin, "--db", dbPath, "--lang", "en")
	lead.waitFor("Chengyan")
	lead.keys("Enter")
	lead.waitFor("Panel: Laura Bennett (lead)")

	li := startTerminal(t, 100, 30, env, bin, "--db", dbPath, "--lang", "en", "--evaluator", "Li Na")
	// In blind review the list keeps the leading vendor from her.
	if s := li.waitFor("blind review"); strings.Contains(s, "Chengyan") {
		t.Errorf("a blind evaluator's list shows the leader:\n%s", s)
	}
	li.keys("Enter")
	li.waitFor("You are Li Na")
	li.keys("Enter") // the first vendor, Chengyan
	li.waitFor("Your score")
	// Business licence, telecom licence yes; ISO 9001 no (the lead said yes);
	// ISO 27001 and the NDA yes; typed in one write.
	li.typeText("yynyy")
	time.Sleep(500 * time.Millisecond)

	// The lead's window shows Li Na on the panel without being reopened.
	lead.waitFor("Li Na")
	lead.keys("Enter")
	lead.waitFor("Chengyan")
	lead.keys("C-l")
	view := lead.waitFor("Disagreements: 1", "ISO 9001")
	if !strings.Contains(view, "Li Na") {
		t.Fatalf("the panel view does not show Li Na's answers:\n%s", view)
	}
	lead.keys("Enter")
	lead.waitFor("Decide: ISO 9001")
	lead.keys("Right", "Enter")
	lead.typeText("certificate checked on the CNCA register")
	lead.keys("Enter")
	lead.waitFor("Decided: 1")

	// Li Na has not submitted: her panel view is blind, the lead's decision and
	// the others' answers kept from her.
	li.keys("C-l")
	if s := li.waitFor("Blind"); strings.Contains(s, "CNCA") || strings.Contains(s, "Laura Bennett: Yes") {
		t.Errorf("a blind evaluator sees the panel's answers:\n%s", s)
	}

	exported := runBin(t, bin, nil, "--db", dbPath, "export", "1", "--format", "json").succeeded(t, "export").stdout
	var doc struct {
		Panel   []struct{ Name, Role string }
		Vendors []struct {
			Name      string
			Decisions map[string]struct {
				Value      json.RawMessage
				Reason, By string
			}
			Panel   map[string]map[string]json.RawMessage
			History []struct{ Evaluator, Kind, Key string }
		}
	}
	if err := json.Unmarshal([]byte(exported), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Panel) != 2 || doc.Panel[1].Name != "Li Na" || doc.Panel[1].Role != "evaluator" {
		t.Fatalf("panel %+v", doc.Panel)
	}
	v := doc.Vendors[0]
	d, ok := v.Decisions["iso9001"]
	if !ok || string(d.Value) != `"yes"` || d.By != "Laura Bennett" || !strings.Contains(d.Reason, "CNCA") {
		t.Errorf("decision %+v", v.Decisions)
	}
	if string(v.Panel["Li Na"]["iso9001"]) != `"no"` {
		t.Errorf("Li Na's own answer %s", v.Panel["Li Na"]["iso9001"])
	}
	kinds := map[string]int{}
	for _, c := range v.History {
		kinds[c.Evaluator+"/"+c.Kind]++
	}
	if kinds["Li Na/answer"] != 5 || kinds["Laura Bennett/decision"] != 1 {
		t.Errorf("history %v", kinds)
	}
}
