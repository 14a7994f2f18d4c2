package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vendorvet/db"
	"vendorvet/panel"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// copyAnswered is the evaluator's copy of an exported session: the same file, its
// evaluator name and one vendor's answers as they gave them.
func copyAnswered(t *testing.T, exported, evaluator, vendor string, answers rubric.Answers) string {
	t.Helper()
	s, err := sessionfile.Import([]byte(exported))
	if err != nil {
		t.Fatal(err)
	}
	s.Evaluator = evaluator
	for i := range s.Vendors {
		if s.Vendors[i].Name == vendor {
			s.Vendors[i].Answers = answers
		}
	}
	data, err := sessionfile.Export(s)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), evaluator+".json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func readStored(t *testing.T, path string, id int64) *db.Session {
	t.Helper()
	store, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sess, err := store.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// A panel of three without a shared machine: the lead's session is exported, two
// evaluators answer on copies, and the lead merges them. The consensus follows the
// rules, the generous evaluator is named, every merged answer is in the history,
// and merging again changes nothing.
func TestPanelOfThreeThroughMerge(t *testing.T) {
	yes, no := rubric.Value{Tri: rubric.Yes}, rubric.Value{Tri: rubric.No}
	h := newHarness(t)
	lead := rubric.Answers{"business_license": yes, "nda": yes, "trial": yes, "dashboard": yes, "raw_access": yes}
	start := rubric.Session{Title: "小组评估", Client: "栖木服饰", Evaluator: "王敏", Lang: rubric.ZH,
		Requirements: rubric.DefaultRequirements(),
		Vendors:      []rubric.Vendor{{Name: "澄言客服", Answers: lead}}}
	start.Requirements.Channels = []string{"web"}
	path, _ := sessionFile(t, start)
	h.run("import", path).ok(t)
	exported := h.run("export", "1", "--format", "json").ok(t).stdout

	// 李四 is strict: no trial, and alone in saying the vendor refuses an NDA. 赵六
	// is generous: yes to eight questions nobody else could confirm, but no trial.
	li := lead.Clone()
	li["nda"], li["trial"] = no, no
	zhao := lead.Clone()
	for _, id := range []string{"iso9001", "iso27001", "encryption", "leak_plan", "mlps", "penalty", "emergency_plan", "kpis_in_contract"} {
		zhao[id] = yes
	}
	zhao["trial"] = no
	out := h.run("merge", "1", copyAnswered(t, exported, "李四", "澄言客服", li)).ok(t).stdout
	if !strings.Contains(out, "李四") || !strings.Contains(out, "5 written") {
		t.Errorf("first merge said %q", out)
	}
	h.run("merge", "1", copyAnswered(t, exported, "赵六", "澄言客服", zhao)).ok(t)

	sess := readStored(t, h.dbArg, 1)
	if len(sess.Panel) != 3 || sess.Panel[0].Name != "王敏" || sess.Panel[0].Role != rubric.Lead || sess.Panel[2].Role != rubric.Member {
		t.Fatalf("panel %+v", sess.Panel)
	}
	v := sess.Evaluate(&sess.Vendors[0])
	// The trial: the lead yes, both others no: a majority no.
	// The NDA: 王敏 and 赵六 yes, 李四 alone no: a majority yes, and 李四 alone on a knockout.
	byID := map[string]panel.Question{}
	for _, q := range v.Questions {
		byID[q.ID] = q
	}
	if q := byID["trial"]; q.Agreement != panel.Majority || q.Consensus.Tri != rubric.No {
		t.Errorf("trial: %+v", q)
	}
	if q := byID["nda"]; q.Agreement != panel.Majority || q.Consensus.Tri != rubric.Yes {
		t.Errorf("NDA: %+v", q)
	}
	// Only 赵六 answered ISO 9001, the others abstaining: his yes stands.
	if q := byID["iso9001"]; q.Agreement != panel.Unanimous || q.Consensus.Tri != rubric.Yes {
		t.Errorf("ISO 9001: %+v", q)
	}
	if m := v.Members[1]; m.Apart == nil || len(m.Apart.AloneOnKnockout) != 1 || m.Apart.AloneOnKnockout[0] != "nda" {
		t.Errorf("李四 alone on the NDA: %+v", m.Apart)
	}
	if m := v.Members[2]; m.Apart == nil || !m.Apart.Far {
		t.Errorf("赵六 far from the median: %+v", m.Apart)
	}
	// What the store caches and reports is the consensus.
	if got := sess.Rubric().Vendors[0].Answers["trial"]; got.Tri != rubric.No {
		t.Errorf("the session's consensus trial answer %+v", got)
	}

	// Every merged answer is in the history, by who gave it.
	store, err := db.Open(h.dbArg)
	if err != nil {
		t.Fatal(err)
	}
	history, err := store.Audit(context.Background(), sess.Vendors[0].ID)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, e := range history {
		by[e.Evaluator]++
	}
	if by["李四"] != len(li) || by["赵六"] != len(zhao) {
		t.Errorf("history by evaluator %v, want %d for 李四 and %d for 赵六", by, len(li), len(zhao))
	}

	// The same file again: nothing changes.
	again := h.run("merge", "1", copyAnswered(t, exported, "赵六", "澄言客服", zhao)).ok(t).stdout
	if !strings.Contains(again, "0 written, 13 already the same") {
		t.Errorf("second merge said %q", again)
	}
	if after := readStored(t, h.dbArg, 1); after.Vendors[0].Vendor.Panel["赵六"]["iso9001"].Tri != rubric.Yes {
		t.Error("the second merge lost an answer")
	}
}

// A file from another session is matched by names and written only with --yes; a
// copy that changes another evaluator's answers is refused whole.
func TestMergeFromAnotherSessionAndOfOthersAnswers(t *testing.T) {
	yes := rubric.Value{Tri: rubric.Yes}
	h := newHarness(t)
	start := rubric.Session{Title: "A", Evaluator: "王敏", Requirements: rubric.DefaultRequirements(),
		Vendors: []rubric.Vendor{{Name: "甲", Answers: rubric.Answers{}}, {Name: "乙", Answers: rubric.Answers{}}}}
	path, _ := sessionFile(t, start)
	h.run("import", path).ok(t)

	other := start
	other.Title = "B"
	other.Evaluator = "李四"
	other.Vendors = []rubric.Vendor{{Name: "甲", Answers: rubric.Answers{"nda": yes}}, {Name: "丙", Answers: rubric.Answers{"nda": yes}}}
	otherPath, _ := sessionFile(t, other)
	r := h.run("merge", "1", otherPath)
	msg := r.failed(t, exitError)
	if !strings.Contains(r.stdout, "= 甲") || !strings.Contains(r.stdout, "? 丙") || !strings.Contains(msg, "--yes") {
		t.Errorf("without --yes: stdout %q, stderr %q", r.stdout, msg)
	}
	if s := readStored(t, h.dbArg, 1); len(s.Panel) != 1 {
		t.Fatalf("written without --yes: panel %+v", s.Panel)
	}
	h.run("merge", "1", otherPath, "--yes").ok(t)
	if s := readStored(t, h.dbArg, 1); s.Vendors[0].Vendor.Panel["李四"]["nda"].Tri != rubric.Yes {
		t.Errorf("with --yes: %+v", s.Vendors[0].Vendor.Panel)
	}

	// A copy whose history holds a change by 王敏 this store never saw.
	exported := h.run("export", "1", "--format", "json").ok(t).stdout
	s, _ := sessionfile.Import([]byte(exported))
	s.Evaluator = "李四"
	after := `"yes"`
	s.Vendors[1].History = append(s.Vendors[1].History, rubric.Change{At: 1, Evaluator: "王敏", Kind: "answer", Key: "trial", After: &after})
	forged, _ := sessionfile.Export(s)
	forgedPath := filepath.Join(t.TempDir(), "forged.json")
	os.WriteFile(forgedPath, forged, 0o600)
	before, _ := os.ReadFile(h.dbArg)
	if msg := h.run("merge", "1", forgedPath).failed(t, exitError); !strings.Contains(msg, "王敏") {
		t.Errorf("refusal %q", msg)
	}
	if now, _ := os.ReadFile(h.dbArg); string(now) != string(before) {
		t.Error("a refused merge wrote to the database")
	}
}

// A name the panel cannot take is refused in one line before any front end starts.
func TestEvaluatorFlagRefusesABadName(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	msg := h.run("--accessible", "--evaluator", strings.Repeat("名", 201)).failed(t, exitUsage)
	if !strings.Contains(msg, "200") {
		t.Errorf("refusal %q", msg)
	}
}
