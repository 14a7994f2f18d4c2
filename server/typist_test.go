package server

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/internal/latency"
	"vendorvet/wizard"
)

// The clients of BenchmarkTeamServerTyping: people typing into a number field over
// SSH, each timing every key to the frame that shows it. They run in a process of
// their own, the test binary started again (TestMain), so that the server's
// process time and memory are the server's alone: fifty clients' encryption and
// reading would otherwise be counted as the server's.

// typingLoadEnv names the file of the clients' loadConfig; set, the test binary
// runs the clients instead of the tests.
const typingLoadEnv = "VENDORVET_TYPING_LOAD"

// typingCycle is what each person types, again and again: 120 into the field and
// back, as BenchmarkWizardKeystroke/number in the ui package. Every key changes
// what the field shows, so every key has a frame of its own to wait for.
var typingCycle = []string{"1", "2", "0", "\x7f", "\x7f", "\x7f"}

// fieldEmpty is what the field shows with nothing typed: its placeholder in
// English (wizard.NewStep), the language of a connection that sends no locale.
const fieldEmpty = "unknown"

// typingGrace is how long after typing ends the last keys' frames are waited for;
// a key still not shown is counted lost.
const typingGrace = 2 * time.Second

// setupWait bounds each step of reaching the field: fifty interfaces start at once
// on a small machine.
const setupWait = 60 * time.Second

// loadConfig is what the clients' process is told, as JSON in the file named by
// typingLoadEnv.
type loadConfig struct {
	Addr   string
	Seeds  [][]byte      // ed25519 seeds, one person each; person i types into vendor i
	Target string        // "vendorvet" or "floor": the way to the field
	Window time.Duration // how long each round of typing lasts
	Rate   int           // keys a second, each person
}

// loadResult is what the clients' process reports after a round, as one JSON line.
type loadResult struct {
	Latencies []time.Duration // each key, to its frame, or for a key lost to the end of the wait
	Lost      int             // keys no frame showed within typingGrace of the end of typing
	Stray     int             // frames of the field that showed no key typed
	ClientCPU time.Duration   // the clients' process time while typing
	Err       string
}

// keyFrames matches the keys typed into the field with the frames that show them.
// Frames come in order, each showing the field after some number of keys: a frame
// showing what the field holds after key k shows every key up to k too, so a key
// whose own frame never came (Bubble Tea draws at most one frame a tick) is timed
// to the first frame after it. A frame showing what was shown already is the
// field drawn again (the cursor's blink) and shows no key.
type keyFrames struct {
	mu      sync.Mutex
	pending []typedKey // keys not shown yet, oldest first
	shown   string     // what the field showed last
	took    []time.Duration
	stray   int
}

// typedKey is a key typed and what the field shows once it has taken it.
type typedKey struct {
	want string
	at   time.Time
}

// typed notes a key written at, after which the field shows want.
func (k *keyFrames) typed(want string, at time.Time) {
	k.mu.Lock()
	k.pending = append(k.pending, typedKey{want, at})
	k.mu.Unlock()
}

// seen notes a frame read at, in which the field shows state.
func (k *keyFrames) seen(state string, at time.Time) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if state == k.shown {
		return
	}
	k.shown = state
	for i, p := range k.pending {
		if p.want == state {
			for _, q := range k.pending[:i+1] {
				k.took = append(k.took, at.Sub(q.at))
			}
			k.pending = k.pending[i+1:]
			return
		}
	}
	k.stray++
}

// state is what the field shows and how many keys are not shown yet.
func (k *keyFrames) state() (shown string, pending int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.shown, len(k.pending)
}

// round hands over what was timed since the last round and starts afresh. A key
// not shown by end is lost, and timed to end: less than it took, so that a
// server too slow to show a key is not counted faster than one that shows it.
func (k *keyFrames) round(end time.Time) (took []time.Duration, lost, stray int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range k.pending {
		k.took = append(k.took, end.Sub(p.at))
	}
	took, lost, stray = k.took, len(k.pending), k.stray
	k.took, k.pending, k.stray = nil, nil, 0
	return took, lost, stray
}

// fieldState is what the field shows on a line of a frame, the word after the
// typing mark; ok is false for a line without the mark.
func fieldState(line []byte) (state string, ok bool) {
	mark := strings.TrimSpace(wizard.TypingMark)
	if !bytes.Contains(line, []byte(mark)) {
		return "", false
	}
	_, after, _ := strings.Cut(ansi.Strip(string(line)), mark)
	if f := strings.Fields(after); len(f) > 0 {
		return f[0], true
	}
	return "", true
}

// lineEnd finds the end of the first whole line of b and where the next begins;
// end is -1 when b holds none yet. A line of a frame ends at a newline, or where
// the cursor is moved to a place: Bubble Tea ends a frame so and begins the next so,
// and a one-line frame has no newline at all.
func lineEnd(b []byte) (end, next int) {
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\n':
			return i, i + 1
		case b[i] == 0x1b:
			if i+1 == len(b) {
				return -1, 0
			}
			if b[i+1] != '[' {
				continue
			}
			j := i + 2
			for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == ';') {
				j++
			}
			if j == len(b) {
				return -1, 0
			}
			if b[j] == 'H' {
				return i, j + 1
			}
		}
	}
	return -1, 0
}

// typist is one person at a terminal of 80×24.
type typist struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	frames keyFrames

	mu     sync.Mutex
	drawn  []byte // everything drawn until the field is reached
	keep   bool
	closed bool
}

// connect opens a terminal of 80×24 on addr as the holder of seed, and starts
// reading what is drawn.
func connect(addr string, seed []byte) (*typist, error) {
	signer, err := gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(seed))
	if err != nil {
		return nil, err
	}
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: setupWait,
	})
	if err != nil {
		return nil, err
	}
	t := &typist{client: client, keep: true}
	if t.sess, err = client.NewSession(); err != nil {
		client.Close()
		return nil, err
	}
	if err := t.sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		client.Close()
		return nil, err
	}
	if t.stdin, err = t.sess.StdinPipe(); err != nil {
		client.Close()
		return nil, err
	}
	out, err := t.sess.StdoutPipe()
	if err != nil {
		client.Close()
		return nil, err
	}
	go t.read(out)
	if err := t.sess.Shell(); err != nil {
		client.Close()
		return nil, err
	}
	return t, nil
}

// read takes in what the server draws: every line showing the field is noted with
// the time it was read.
func (t *typist) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	var pending []byte
	for {
		n, err := r.Read(buf)
		now := time.Now()
		t.mu.Lock()
		if t.keep {
			t.drawn = append(t.drawn, buf[:n]...)
		}
		t.mu.Unlock()
		pending = append(pending, buf[:n]...)
		for {
			end, next := lineEnd(pending)
			if end < 0 {
				break
			}
			if state, ok := fieldState(pending[:end]); ok {
				t.frames.seen(state, now)
			}
			pending = pending[next:]
		}
		// What is left is the start of a line: keep it, not the buffer it was in.
		pending = append(pending[:0:0], pending...)
		if err != nil {
			return
		}
	}
}

func (t *typist) send(keys string) error {
	_, err := io.WriteString(t.stdin, keys)
	return err
}

// waitUntil polls done until it holds, for at most setupWait.
func waitUntil(what string, done func() bool) error {
	deadline := time.Now().Add(setupWait)
	for !done() {
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %v for %s", setupWait, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// waitFor waits until text has been drawn.
func (t *typist) waitFor(text string) error {
	return waitUntil(fmt.Sprintf("%q", text), func() bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		return strings.Contains(ansi.Strip(string(t.drawn)), text)
	})
}

// reachField answers the terminal's questions, as a terminal does, and takes
// person i to the field: for the team server, the session on top of the list
// (the generated one), vendor i, its step 3, whose first field is a number.
func (t *typist) reachField(target string, i int) error {
	if err := waitUntil("the terminal's questions", func() bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		return bytes.Contains(t.drawn, []byte("\x1b[c"))
	}); err != nil {
		return err
	}
	steps := []struct{ keys, then string }{{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c", ""}}
	if target == "vendorvet" {
		steps[0].then = "Sessions"
		steps = append(steps,
			struct{ keys, then string }{"\r", fmt.Sprintf("You are %s", personName(i))},
			struct{ keys, then string }{strings.Repeat("j", i) + "\r", " of 7"},
			// alt+3: step 3.
			struct{ keys, then string }{"\x1b3", "Step 3 of 7"})
	}
	for _, s := range steps {
		if err := t.send(s.keys); err != nil {
			return err
		}
		if s.then != "" {
			if err := t.waitFor(s.then); err != nil {
				return err
			}
		}
	}
	if err := waitUntil("the empty field", func() bool { shown, _ := t.frames.state(); return shown == fieldEmpty }); err != nil {
		return err
	}
	t.mu.Lock()
	t.keep, t.drawn = false, nil
	t.mu.Unlock()
	return nil
}

// personName is the name of person i in the keys file.
func personName(i int) string { return fmt.Sprintf("e%02d", i) }

// typeFor types the cycle at rate keys a second from start, first at start+phase,
// until start+window.
func (t *typist) typeFor(start time.Time, phase, window time.Duration, rate int) error {
	every := time.Second / time.Duration(rate)
	shown, _ := t.frames.state()
	text := []rune(shown)
	if shown == fieldEmpty {
		text = nil
	}
	for k := 0; ; k++ {
		at := start.Add(phase + time.Duration(k)*every)
		if at.Sub(start) >= window {
			return nil
		}
		time.Sleep(time.Until(at))
		key := typingCycle[k%len(typingCycle)]
		if key == "\x7f" {
			text = text[:max(len(text)-1, 0)]
		} else {
			text = append(text, []rune(key)...)
		}
		want := string(text)
		if want == "" {
			want = fieldEmpty
		}
		// Noted before the write: the frame may be read before the write returns.
		t.frames.typed(want, time.Now())
		if err := t.send(key); err != nil {
			return err
		}
	}
}

func (t *typist) close() {
	t.sess.Close()
	t.client.Close()
}

// runTypists is the clients' process: every person reaches the field, then
// "ready" is written; each line read then is a round of typing, reported as a
// loadResult; the end of the input ends the connections.
func runTypists(path string) int {
	fail := func(err error) int {
		json.NewEncoder(os.Stdout).Encode(loadResult{Err: err.Error()})
		return 1
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail(err)
	}
	var cfg loadConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return fail(err)
	}
	typists := make([]*typist, len(cfg.Seeds))
	errs := make([]error, len(cfg.Seeds))
	var wg sync.WaitGroup
	for i, seed := range cfg.Seeds {
		wg.Go(func() {
			t, err := connect(cfg.Addr, seed)
			if err == nil {
				typists[i] = t
				err = t.reachField(cfg.Target, i)
			}
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", personName(i), err)
			}
		})
	}
	wg.Wait()
	defer func() {
		for _, t := range typists {
			if t != nil {
				t.close()
			}
		}
	}()
	for _, err := range errs {
		if err != nil {
			return fail(err)
		}
	}
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		for _, t := range typists {
			t.frames.round(time.Now())
		}
		cpu, start := latency.CPUTime(), time.Now()
		// The people's keys are spread evenly over each twentieth of a second.
		every := time.Second / time.Duration(cfg.Rate)
		for i, t := range typists {
			wg.Go(func() {
				errs[i] = t.typeFor(start, every*time.Duration(i)/time.Duration(len(typists)), cfg.Window, cfg.Rate)
			})
		}
		wg.Wait()
		res := loadResult{ClientCPU: latency.CPUTime() - cpu}
		for _, err := range errs {
			if err != nil {
				return fail(err)
			}
		}
		waitUntil("the last frames", func() bool {
			if time.Since(start) > cfg.Window+typingGrace {
				return true
			}
			for _, t := range typists {
				if _, pending := t.frames.state(); pending > 0 {
					return false
				}
			}
			return true
		})
		end := time.Now()
		for _, t := range typists {
			took, lost, stray := t.frames.round(end)
			res.Latencies = append(res.Latencies, took...)
			res.Lost += lost
			res.Stray += stray
		}
		if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
			return 1
		}
	}
	return 0
}

// Keys are timed to the first frame that shows them, or shows a later key; a
// redrawing of the field shows none, and a frame showing nothing typed is stray.
func TestKeyFramesTimesEachKeyToTheFrameThatShowsIt(t *testing.T) {
	var k keyFrames
	t0 := time.Now()
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	k.seen(fieldEmpty, ms(0))
	k.round(ms(0)) // the field reached; typing begins
	k.typed("1", ms(10))
	k.seen(fieldEmpty, ms(12)) // the cursor's blink, before the key was taken
	k.seen("1", ms(15))
	k.typed("12", ms(60))
	k.typed("120", ms(110)) // the frame of "12" never comes
	k.seen("120", ms(130))
	k.typed("12", ms(160))
	k.seen("7", ms(170)) // no key typed shows 7
	if shown, pending := k.state(); shown != "7" || pending != 1 {
		t.Errorf("shown %q, %d pending; want 7 and 1", shown, pending)
	}
	took, lost, stray := k.round(ms(1160))
	want := []time.Duration{5 * time.Millisecond, 70 * time.Millisecond, 20 * time.Millisecond, time.Second}
	if fmt.Sprint(took) != fmt.Sprint(want) || lost != 1 || stray != 1 {
		t.Errorf("took %v, lost %d, stray %d; want %v, 1, 1", took, lost, stray, want)
	}
	if _, pending := k.state(); pending != 0 {
		t.Error("a round did not start afresh")
	}
}

// The field is found on a line of a frame whatever its colours, in the team
// server's drawing and the floor's, and a line ends at a newline or where the
// cursor is placed.
func TestFieldStateAndLineEnd(t *testing.T) {
	for line, want := range map[string]string{
		"\x1b[1m┃ B2 Seat-expansion multiple (×)\x1b[0m ✎ 120  ✗ must be between 0 and 100\x1b[K": "120",
		"┃ B2 Seat-expansion multiple (×) ✎ \x1b[7mu\x1b[0mnknown":                                "unknown",
		floorModel{}.View(): fieldEmpty,
	} {
		if got, ok := fieldState([]byte(line)); !ok || got != want {
			t.Errorf("fieldState(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
	if _, ok := fieldState([]byte("Step 3 of 7 · Service team")); ok {
		t.Error("a line without the mark shows the field")
	}
	for in, want := range map[string][2]int{
		"ab\r\ncd":           {3, 4},
		"\x1b[Hfloor ✎ 1":    {0, 3},
		"ab\x1b[24;1H\x1b[H": {2, 9},
		"ab\x1b[2":           {-1, 0}, // the sequence is not whole yet
		"ab\x1b[1mcd":        {-1, 0},
	} {
		if end, next := lineEnd([]byte(in)); end != want[0] || (end >= 0 && next != want[1]) {
			t.Errorf("lineEnd(%q) = %d, %d; want %d, %d", in, end, next, want[0], want[1])
		}
	}
}
