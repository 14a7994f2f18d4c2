package server

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/rubric"
)

// The demo session's lead, as the keys file names them for the lead's answers to
// be theirs.
const demoLead = "Laura Bennett"

// screenWait bounds every wait for a screen, a disconnection or a write.
const screenWait = 10 * time.Second

// terminal is one person's interface over SSH with a terminal: keys go in
// through the session's input, and everything drawn is kept to be searched.
type terminal struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	out    *syncBuffer
}

// openTerminal connects as the holder of key with a terminal 30 lines high and
// width wide, and starts the interface; the connection is closed when the test
// ends.
func openTerminal(t testing.TB, ts *testServer, key gossh.Signer, width int) *terminal {
	t.Helper()
	client, err := ts.dial(t, "x", gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.RequestPty("xterm-256color", 30, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, client: client, sess: sess, stdin: stdin, out: &syncBuffer{}}
	go io.Copy(term.out, out)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	term.answerQueries()
	return term
}

// answerQueries answers the interface's first questions to the terminal, its
// background colour and its attributes, as a real terminal does: until then the
// interface waits.
func (term *terminal) answerQueries() {
	term.t.Helper()
	deadline := time.Now().Add(screenWait)
	for !strings.Contains(term.out.String(), "\x1b[c") {
		if time.Now().After(deadline) {
			term.t.Fatalf("the interface asked the terminal nothing: %q", term.out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	term.send("\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c")
}

// screen is everything drawn so far, without the terminal's escape sequences.
func (term *terminal) screen() string { return ansi.Strip(term.out.String()) }

// waitFor waits until every one of texts has been drawn, and returns what was.
func (term *terminal) waitFor(texts ...string) string {
	term.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		s := term.screen()
		missing := ""
		for _, text := range texts {
			if !strings.Contains(s, text) {
				missing = text
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("%q never came on the screen:\n%s", missing, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// send writes keys in one write, as a fast typist's or a paste's bytes arrive.
func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := io.WriteString(term.stdin, keys); err != nil {
		term.t.Fatalf("typing %q: %v", keys, err)
	}
}

// openFirstVendor opens the demo session and its first vendor, at its first step.
func (term *terminal) openFirstVendor(name string) {
	term.t.Helper()
	term.waitFor("Sessions")
	term.send("\r")
	term.waitFor("You are " + name)
	term.send("\r")
	term.waitFor("Your score")
}

// waitForDisconnects waits until the server has ended n sessions.
func waitForDisconnects(t testing.TB, ts *testServer, n int) {
	t.Helper()
	deadline := time.Now().Add(screenWait)
	for strings.Count(ts.log.String(), "disconnect") < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions did not end:\n%s", n, ts.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// firstVendorPanel is what each person answered to the demo's first vendor, as
// stored.
func firstVendorPanel(t testing.TB, ts *testServer) map[string]rubric.Answers {
	t.Helper()
	store, err := db.Open(ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sess, err := store.Session(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	return sess.Vendors[0].Panel
}

// wantTri reports an answer of who that is not want.
func wantTri(t testing.TB, panel map[string]rubric.Answers, who, question string, want rubric.Tri) {
	t.Helper()
	got, ok := panel[who][question]
	if !ok || got.Tri != want {
		t.Errorf("%s's %s = %v (stored: %v), want %v", who, question, got.Tri, ok, want)
	}
}

// Two evaluators type into the same vendor at once, each over their own
// connection; both people's answers are kept once they have gone.
func TestTwoEvaluatorsAnswerAtOnceOverSSH(t *testing.T) {
	liKey, chenKey := newKey(t), newKey(t)
	ts := startServer(t, keyLine(Evaluator, `"Li Na"`, liKey)+"\n"+keyLine(Evaluator, `"Chen Jie"`, chenKey)+"\n", nil)
	ts.seat(t, "Li Na", "Chen Jie")
	li, chen := openTerminal(t, ts, liKey, 100), openTerminal(t, ts, chenKey, 100)
	li.openFirstVendor("Li Na")
	chen.openFirstVendor("Chen Jie")
	// Business licence, telecom licence, ISO 9001: each typed in one write, and
	// the two of them differing on the last.
	li.send("yyn")
	chen.send("yyy")
	li.waitFor("answered 3/8")
	chen.waitFor("answered 3/8")
	li.send("q")
	// Chen leaves by closing the connection.
	chen.client.Close()
	waitForDisconnects(t, ts, 2)

	panel := firstVendorPanel(t, ts)
	wantTri(t, panel, "Li Na", "business_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "telecom_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "iso9001", rubric.No)
	wantTri(t, panel, "Chen Jie", "business_license", rubric.Yes)
	wantTri(t, panel, "Chen Jie", "telecom_license", rubric.Yes)
	wantTri(t, panel, "Chen Jie", "iso9001", rubric.Yes)
	// The lead's own answers are untouched by theirs.
	wantTri(t, panel, demoLead, "iso9001", rubric.Yes)
}

// In blind review an evaluator who has not submitted sees neither the leading
// vendor nor its score, while the lead, connected at the same time, does.
func TestBlindReviewHidesTheLeadsAnswersAcrossConnections(t *testing.T) {
	leadKey, liKey := newKey(t), newKey(t)
	ts := startServer(t, keyLine(Lead, `"`+demoLead+`"`, leadKey)+"\n"+keyLine(Evaluator, `"Li Na"`, liKey)+"\n", nil)
	ts.seat(t, "Li Na")
	// Wide enough for the leader's column to hold its total.
	lead := openTerminal(t, ts, leadKey, 180)
	// The leader as the lead's list gives it: the vendor, its total and band.
	leadList := lead.waitFor("Sessions", "Chengyan")
	leaderLine := ""
	for _, line := range strings.Split(leadList, "\n") {
		if strings.Contains(line, "Chengyan") {
			leaderLine = line
		}
	}
	// The total and band's mark follow the vendor's name: "95 ★".
	_, after, _ := strings.Cut(leaderLine, "Ltd.")
	fields := strings.Fields(after)
	if len(fields) < 2 || strings.Trim(fields[0], "0123456789.") != "" {
		t.Fatalf("no total in the lead's leader line %q", leaderLine)
	}
	total := fields[0] + " " + fields[1]

	li := openTerminal(t, ts, liKey, 180)
	list := li.waitFor("Sessions", "blind review")
	if strings.Contains(list, "Chengyan") {
		t.Errorf("a blind evaluator's list shows the leader:\n%s", list)
	}
	if strings.Contains(list, total) {
		t.Errorf("a blind evaluator's list shows the lead's total %s:\n%s", total, list)
	}
	li.send("\r")
	li.waitFor("You are Li Na")
	li.send("\r")
	li.waitFor("Your score")
	// Her first answers put her on the panel beside the lead.
	li.send("yyn")
	li.waitFor("answered 3/8")
	// The panel view: blind, without the lead's answers.
	li.send("\x0c")
	blind := li.waitFor("Blind")
	for _, hidden := range []string{"Disagreements", demoLead + " yes"} {
		if strings.Contains(blind, hidden) {
			t.Errorf("a blind evaluator sees %q:\n%s", hidden, blind)
		}
	}
	// The same view of the lead's shows where the two differ and what each
	// answered, as the evaluator's would without blind review.
	lead.send("\r")
	lead.waitFor("Panel: " + demoLead + " (lead)")
	lead.send("\r")
	lead.waitFor("Step 2 of 7")
	lead.send("\x0c")
	lead.waitFor("Disagreements: 1")
	lead.send("\r")
	lead.waitFor("Decide: ISO 9001", demoLead+" yes · Li Na no")
}

// An answer typed just before the server stops is written, and the server stops
// within its ten seconds.
func TestShutdownKeepsAnswerTypedJustBefore(t *testing.T) {
	liKey := newKey(t)
	ts := startServer(t, keyLine(Evaluator, `"Li Na"`, liKey)+"\n", nil)
	ts.seat(t, "Li Na")
	li := openTerminal(t, ts, liKey, 100)
	li.openFirstVendor("Li Na")
	li.send("yyn")
	// Once the interface has taken the keys: bytes still on the way when the
	// server stops never reach it. Their write may still be queued or under way.
	li.waitFor("answered 3/8")

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v after %v", err, time.Since(start))
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Shutdown took %v", took)
	}
	panel := firstVendorPanel(t, ts)
	wantTri(t, panel, "Li Na", "business_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "telecom_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "iso9001", rubric.No)
}

// Keys written just before the server is told to stop, not yet shown, are still
// taken and saved: the server lets what has arrived settle before it ends the
// interface.
func TestShutdownTakesKeysStillArriving(t *testing.T) {
	liKey := newKey(t)
	ts := startServer(t, keyLine(Evaluator, `"Li Na"`, liKey)+"\n", nil)
	ts.seat(t, "Li Na")
	li := openTerminal(t, ts, liKey, 100)
	li.openFirstVendor("Li Na")
	for _, k := range "yyn" {
		li.send(string(k))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	panel := firstVendorPanel(t, ts)
	wantTri(t, panel, "Li Na", "business_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "telecom_license", rubric.Yes)
	wantTri(t, panel, "Li Na", "iso9001", rubric.No)
	li.waitFor("The vendorvet server is stopping; your changes are saved.")
}

// A client that closes its session and keeps the connection (as connection sharing
// does) ends the interface there and then: it saves and frees its place.
func TestClosingTheSessionEndsTheInterface(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, `"Li Na"`, key)+"\n", nil)
	ts.seat(t, "Li Na")
	li := openTerminal(t, ts, key, 100)
	li.openFirstVendor("Li Na")
	li.send("yyn")
	li.waitFor("answered 3/8")
	li.sess.Close() // the connection stays open
	waitForDisconnects(t, ts, 1)
	panel := firstVendorPanel(t, ts)
	wantTri(t, panel, "Li Na", "iso9001", rubric.No)
}
