package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
	"vendorvet/server"
)

// serveDemo serves a database holding the demo session, in blind review or not,
// to an admin and to an evaluator on its panel, neither its lead, on a random
// loopback port.
func serveDemo(t *testing.T, blind bool) (addr string, admin, evaluator gossh.Signer, dir string) {
	t.Helper()
	dir = t.TempDir()
	dbPath := filepath.Join(dir, "v.db")
	store, err := db.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	id, err := store.ImportSession(context.Background(), demo.Session(rubric.EN))
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetBlind(context.Background(), id, blind); err != nil {
		t.Fatal(err)
	}
	// The evaluator sees the session as one of its panel; the admin sees all.
	if err := store.AddEvaluator(context.Background(), id, "王敏", rubric.Member); err != nil {
		t.Fatal(err)
	}
	store.Close()
	admin, evaluator = sshKey(t), sshKey(t)
	keys := authorizedLine("admin", "root", admin) + "\n" + authorizedLine("evaluator", "王敏", evaluator) + "\n"
	keysPath := filepath.Join(dir, "keys")
	if err := os.WriteFile(keysPath, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{
		HostKeyPath: filepath.Join(dir, "host"), KeysPath: keysPath, DBPath: dbPath,
		Lang: rubric.EN, LangFor: localeLang, Commands: remoteCommands,
		Logger: log.New(io.Discard),
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-served
	})
	return l.Addr().String(), admin, evaluator, dir
}

func sshKey(t *testing.T) gossh.Signer {
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

func authorizedLine(role, name string, signer gossh.Signer) string {
	return fmt.Sprintf("%s %s %s", role, name, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))))
}

// sshRun runs cmd on the server as the holder of key: its standard output, its
// standard error and its exit status.
func sshRun(t *testing.T, addr string, key gossh.Signer, cmd string) (stdout, stderr string, status int) {
	t.Helper()
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut strings.Builder
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitStatus()
	case err != nil:
		t.Fatalf("%s: %v", cmd, err)
	}
	return out.String(), errOut.String(), status
}

func TestServedListAndExport(t *testing.T) {
	addr, admin, evaluator, _ := serveDemo(t, false)
	for name, key := range map[string]gossh.Signer{"admin": admin, "evaluator": evaluator} {
		out, errOut, status := sshRun(t, addr, key, "list")
		if status != 0 || !strings.Contains(out, "Qimu Apparel") || errOut != "" {
			t.Errorf("list as %s: %d %q %q", name, status, out, errOut)
		}
	}
	out, _, status := sshRun(t, addr, evaluator, "export 1")
	if status != 0 || !strings.HasPrefix(out, "# ") || !strings.Contains(out, "Qimu Apparel") {
		t.Errorf("export as the admin: %d %q", status, out)
	}
	out, _, status = sshRun(t, addr, admin, "export 1 --format json")
	var file struct{ Format string }
	if err := json.Unmarshal([]byte(out), &file); status != 0 || err != nil || !strings.HasPrefix(file.Format, "vendorvet.session/") {
		t.Errorf("JSON export: %d %v %q", status, err, out[:min(len(out), 200)])
	}
	out, _, status = sshRun(t, addr, admin, "score 1")
	if status != 0 || !strings.Contains(out, "Chengyan") {
		t.Errorf("score: %d %q", status, out)
	}
}

func TestServedCommandsKeepBlindReviewAndWriteNoFile(t *testing.T) {
	addr, admin, evaluator, dir := serveDemo(t, true)
	// In blind review, and neither is the session's lead.
	for _, cmd := range []string{"export 1", "export 1 --format json", "score 1"} {
		if _, errOut, status := sshRun(t, addr, evaluator, cmd); status != 1 || !strings.Contains(errOut, "Blind review") {
			t.Errorf("%s by an evaluator in blind review: %d %q", cmd, status, errOut)
		}
	}
	target := filepath.Join(dir, "report.md")
	if _, errOut, status := sshRun(t, addr, admin, "export 1 -o "+target); status != 2 || !strings.Contains(errOut, "-o") {
		t.Errorf("export -o: %d %q", status, errOut)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a client's export wrote %s on the server: %v", target, err)
	}
	other := filepath.Join(dir, "other.db")
	for _, cmd := range []string{"import /etc/passwd", "backup " + other, "list --db " + other, "export 1 --evaluator boss"} {
		if _, errOut, status := sshRun(t, addr, admin, cmd); status != 2 || errOut == "" {
			t.Errorf("%s: %d %q", cmd, status, errOut)
		}
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a client's command made %s on the server: %v", other, err)
	}
}

// A vendor's monthly review comes over the connection; the monitoring commands
// that write are not taken there.
func TestServedMonitorReport(t *testing.T) {
	addr, admin, evaluator, dir := serveDemo(t, false)
	h := &harness{t: t, dbArg: filepath.Join(dir, "v.db"), env: map[string]string{}}
	h.run("monitor", "start", "1", "1", "--from", "2027-01-01", "--trial-days", "90").ok(t)
	h.run("monitor", "import", "1", "1", testCSV("wangmeng-2027-01-02.csv")).ok(t)

	for name, key := range map[string]gossh.Signer{"admin": admin, "evaluator": evaluator} {
		out, errOut, status := sshRun(t, addr, key, "monitor report 1 1 --period 2027-02")
		if status != 0 || !strings.Contains(out, "2027-02") || !strings.Contains(out, "First-contact resolution") {
			t.Errorf("monitor report as the %s: %d %q %q", name, status, out, errOut)
		}
	}
	out, _, status := sshRun(t, addr, admin, "monitor report 1 1 --format json")
	if !json.Valid([]byte(out)) || status != 0 {
		t.Errorf("monitor report as JSON: %d %q", status, out[:min(len(out), 200)])
	}
	for _, cmd := range []string{"monitor import 1 1 /etc/passwd", "monitor start 1 2", "monitor qa 1 1 --period 2027-01 --ref x --score 1", "monitor report 1 1 -o /tmp/x.md"} {
		if _, errOut, status := sshRun(t, addr, admin, cmd); status != 2 || errOut == "" {
			t.Errorf("%s over the server: %d %q", cmd, status, errOut)
		}
	}
}
