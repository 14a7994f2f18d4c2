package server

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
)

// syncBuffer is a log the server writes from many goroutines and the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a server on a random loopback port over a fresh database.
type testServer struct {
	*Server
	addr     string
	log      *syncBuffer
	keysPath string
	dbPath   string
}

// newKey makes a client's key pair.
func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

// keyLine is a keys file's line for signer.
func keyLine(role Role, name string, signer gossh.Signer) string {
	return fmt.Sprintf("%s %s %s", role, name, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))))
}

// fakeCommands answers every command with the person's name as the store acts,
// through a read of the database.
func fakeCommands(ctx context.Context, store *db.Store, _ rubric.Lang, args []string, stdout, _ io.Writer) int {
	if _, err := store.ListSessions(ctx, "", 0, 10); err != nil {
		fmt.Fprintln(stdout, "error:", err)
		return 1
	}
	fmt.Fprintln(stdout, "ran", strings.Join(args, " "))
	return 0
}

func startServer(t testing.TB, keys string, configure func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{log: &syncBuffer{}, keysPath: filepath.Join(dir, "keys"), dbPath: filepath.Join(dir, "v.db")}
	if err := os.WriteFile(ts.keysPath, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := db.Open(ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.ImportSession(context.Background(), demo.Session(rubric.EN)); err != nil {
		t.Fatal(err)
	}
	store.Close()
	cfg := Config{
		HostKeyPath: filepath.Join(dir, "host_ed25519"), KeysPath: ts.keysPath, DBPath: ts.dbPath,
		Lang: rubric.EN, Commands: fakeCommands,
		Logger: log.NewWithOptions(ts.log, log.Options{Level: log.DebugLevel}),
	}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.Server, ts.addr = srv, l.Addr().String()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ts
}

// seat puts people on the demo session's panel as evaluators, as its lead would.
func (ts *testServer) seat(t testing.TB, names ...string) {
	t.Helper()
	store, err := db.Open(ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, name := range names {
		if err := store.AddEvaluator(context.Background(), 1, name, rubric.Member); err != nil {
			t.Fatal(err)
		}
	}
}

func (ts *testServer) dial(t testing.TB, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	client, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
	if err == nil {
		t.Cleanup(func() { client.Close() })
	}
	return client, err
}

// run runs a command as the holder of signer and returns its output.
func (ts *testServer) run(t testing.TB, signer gossh.Signer, cmd string) (string, error) {
	t.Helper()
	client, err := ts.dial(t, "someone", gossh.PublicKeys(signer))
	if err != nil {
		return "", err
	}
	sess, err := client.NewSession()
	if err != nil {
		return "", err
	}
	defer sess.Close()
	out, err := sess.CombinedOutput(cmd)
	return string(out), err
}

func TestUnknownKeyIsRefusedAndLogged(t *testing.T) {
	known, stranger := newKey(t), newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", known)+"\n", nil)
	if _, err := ts.dial(t, "王敏", gossh.PublicKeys(stranger)); err == nil {
		t.Fatal("a key not in the keys file was let in")
	}
	fp := gossh.FingerprintSHA256(stranger.PublicKey())
	if got := ts.log.String(); !strings.Contains(got, "refused key") || !strings.Contains(got, fp) {
		t.Errorf("the log does not name the refused key %s:\n%s", fp, got)
	}
	if out, err := ts.run(t, known, "list"); err != nil || out != "ran list\n" {
		t.Errorf("known key: %q, %v", out, err)
	}
}

func TestPasswordsAndKeyboardInteractiveAreRefused(t *testing.T) {
	ts := startServer(t, keyLine(Admin, "root", newKey(t))+"\n", nil)
	asked := false
	challenge := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		asked = true
		return []string{"secret"}, nil
	})
	for name, auth := range map[string]gossh.AuthMethod{"password": gossh.Password("secret"), "keyboard-interactive": challenge} {
		if _, err := ts.dial(t, "root", auth); err == nil {
			t.Errorf("%s was let in", name)
		}
	}
	if asked {
		t.Error("the server offered keyboard-interactive authentication")
	}
}

func TestBadKeyLineIsReportedAndTheOthersStillWork(t *testing.T) {
	first, second := newKey(t), newKey(t)
	keys := "# the team\n\n" + keyLine(Lead, "张三", first) + " zhang@laptop\n" +
		"boss 老板 ssh-ed25519 AAAA\n" + // line 4: no such role
		keyLine(Viewer, "李四", second) + "\n"
	ts := startServer(t, keys, nil)
	if got := ts.log.String(); !strings.Contains(got, "line=4") || strings.Contains(got, "line=1 ") {
		t.Errorf("the log should name line 4 alone:\n%s", got)
	}
	for name, signer := range map[string]gossh.Signer{"first": first, "second": second} {
		if out, err := ts.run(t, signer, "list"); err != nil || out != "ran list\n" {
			t.Errorf("%s key: %q, %v", name, out, err)
		}
	}
}

func TestParseKeysReportsEveryBadLine(t *testing.T) {
	good := keyLine(Evaluator, "王敏", newKey(t))
	people, bad := ParseKeys([]byte(good + "\nviewer onlyaname\n  \n# note\nlead x ssh-ed25519 notbase64!\n" + good + " a comment with spaces\n"))
	if len(people) != 2 || people[0].Name != "王敏" || people[0].Role != Evaluator {
		t.Errorf("people = %+v", people)
	}
	if len(bad) != 2 || bad[0].Line != 2 || bad[1].Line != 5 {
		t.Errorf("bad lines = %+v, want lines 2 and 5", bad)
	}
}

func TestKeysFileIsReadAgainWhenItChanges(t *testing.T) {
	first, later := newKey(t), newKey(t)
	reload := make(chan os.Signal, 1)
	ts := startServer(t, keyLine(Evaluator, "a", first)+"\n", func(c *Config) { c.Reload = reload })
	if _, err := ts.run(t, later, "list"); err == nil {
		t.Fatal("a key not yet in the file was let in")
	}
	if err := os.WriteFile(ts.keysPath, []byte(keyLine(Evaluator, "b", later)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The poll would see the change within a second; the reload request is immediate.
	reload <- os.Interrupt
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, errLater := ts.run(t, later, "list")
		_, errFirst := ts.run(t, first, "list")
		if errLater == nil && errFirst != nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the change: new key %v, removed key %v", errLater, errFirst)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestViewerCannotChangeAnAnswer(t *testing.T) {
	ts := startServer(t, "", nil)
	ctx := context.Background()
	answer := func(p Person) error {
		store, err := ts.openStore(p)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		sess, err := store.Session(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		_, err = store.SaveAnswer(ctx, sess.Vendors[0].ID, "training_hours", &rubric.Value{Num: 40}, 0)
		return err
	}
	ts.seat(t, "王敏")
	store, err := db.Open(ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.AddViewer(ctx, 1, "李四"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	if err := answer(Person{Role: Viewer, Name: "李四"}); !errors.Is(err, db.ErrViewOnly) {
		t.Errorf("a viewer's answer: %v, want ErrViewOnly", err)
	}
	if err := answer(Person{Role: Evaluator, Name: "王敏"}); err != nil {
		t.Errorf("an evaluator's answer: %v", err)
	}
}

func TestCommandsAndShellsWithoutATerminal(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", key)+"\n", nil)
	client, err := ts.dial(t, "x", gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	// No command and no terminal: there is no shell to give.
	out, err := sess.CombinedOutput("")
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 2 || !strings.Contains(string(out), "terminal") {
		t.Errorf("a session without terminal or command: %q, %v", out, err)
	}
}

func TestSessionsBeyondTheLimitAreRefused(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", key)+"\n", func(c *Config) { c.MaxSessions = 1 })
	stop := openInterface(t, ts, key)
	defer stop()
	out, err := ts.run(t, key, "list")
	if err == nil || !strings.Contains(out, "1 sessions") {
		t.Errorf("a second session with a limit of 1: %q, %v", out, err)
	}
}

// openInterface opens the interface on a terminal as the holder of key, and
// returns once its first screen is out; stop ends the connection.
func openInterface(t testing.TB, ts *testServer, key gossh.Signer) (stop func()) {
	t.Helper()
	// Its input stays open, as a person's terminal does: an input that ends ends
	// the interface.
	term := openTerminal(t, ts, key, 100)
	term.waitFor("Sessions")
	return func() { term.sess.Close(); term.client.Close() }
}

func TestShutdownEndsTheInterfacesWithinTenSeconds(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Lead, "张三", key)+"\n", nil)
	stop := openInterface(t, ts, key)
	defer stop()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v after %v", err, time.Since(start))
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Shutdown took %v", took)
	}
	if !strings.Contains(ts.log.String(), "disconnect") {
		t.Errorf("the interface's session did not end:\n%s", ts.log.String())
	}
	if _, err := ts.dial(t, "x", gossh.PublicKeys(key)); err == nil {
		t.Error("a connection was accepted after Shutdown")
	}
}

func TestAPanicEndsOneSessionOnly(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", key)+"\n", func(c *Config) {
		c.Commands = func(ctx context.Context, store *db.Store, lang rubric.Lang, args []string, stdout, stderr io.Writer) int {
			if args[0] == "boom" {
				panic("boom")
			}
			return fakeCommands(ctx, store, lang, args, stdout, stderr)
		}
	})
	var exit *gossh.ExitError
	if _, err := ts.run(t, key, "boom"); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the panicking session: %v", err)
	}
	if !strings.Contains(ts.log.String(), "panic") {
		t.Errorf("the panic was not logged:\n%s", ts.log.String())
	}
	if out, err := ts.run(t, key, "list"); err != nil || out != "ran list\n" {
		t.Errorf("after a panic: %q, %v", out, err)
	}
}

func TestIdleInterfaceIsDisconnected(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", key)+"\n", func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	stop := openInterface(t, ts, key)
	defer stop()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(ts.log.String(), "disconnect") {
		if time.Now().After(deadline) {
			t.Fatalf("an idle interface was not disconnected:\n%s", ts.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(ts.log.String(), "idle") {
		t.Errorf("the log does not say why:\n%s", ts.log.String())
	}
}

// A name with spaces, as panels know people, is written in double quotes; a quote
// left open is a bad line.
func TestKeysFileQuotedNames(t *testing.T) {
	key := newKey(t)
	line := keyLine(Lead, "x", key)
	quoted := strings.Replace(line, " x ", ` "Laura Bennett" `, 1)
	people, bad := ParseKeys([]byte(quoted + "\n" + strings.Replace(line, " x ", ` "Laura `, 1) + "\n"))
	if len(people) != 1 || people[0].Name != "Laura Bennett" || people[0].Role != Lead {
		t.Errorf("people = %+v", people)
	}
	if len(bad) != 1 || bad[0].Line != 2 {
		t.Errorf("bad lines = %+v, want line 2", bad)
	}
}
