package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/rubric"
)

// listTitles is a list command that prints the titles of the sessions the
// connection's store shows, one a line.
func listTitles(ctx context.Context, store *db.Store, _ rubric.Lang, _ []string, stdout, _ io.Writer) int {
	list, err := store.ListSessions(ctx, "", 0, 100)
	if err != nil {
		fmt.Fprintln(stdout, "error:", err)
		return 1
	}
	for _, s := range list {
		fmt.Fprintln(stdout, s.Title)
	}
	return 0
}

// Everyone but an admin sees the sessions whose panel they are on, as a member or
// a viewer, and nothing else, whatever their role in the keys file.
func TestEachPersonSeesOnlyTheirPanelsSessions(t *testing.T) {
	keys := map[string]gossh.Signer{}
	var file strings.Builder
	for _, p := range []struct {
		role Role
		name string
	}{{Admin, "root"}, {Lead, "Zhang"}, {Evaluator, "Li"}, {Evaluator, "Wang"}, {Viewer, "Chen"}, {Lead, demoLead}} {
		keys[p.name] = newKey(t)
		file.WriteString(keyLine(p.role, `"`+p.name+`"`, keys[p.name]) + "\n")
	}
	ts := startServer(t, file.String(), func(c *Config) { c.Commands = listTitles })
	ts.seat(t, "Li")
	store, err := db.Open(ts.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	demo, err := store.Session(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.AddViewer(ctx, 1, "Chen"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateSession(ctx, db.SessionMeta{Title: "Zhang's own", Evaluator: "Zhang"}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	for name, want := range map[string][]string{
		"root":   {demo.Title, "Zhang's own"},
		"Zhang":  {"Zhang's own"},
		"Li":     {demo.Title},
		"Wang":   nil,
		"Chen":   {demo.Title},
		demoLead: {demo.Title},
	} {
		out, err := ts.run(t, keys[name], "list")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		if out = strings.TrimSpace(out); out != "" {
			got = strings.Split(out, "\n")
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s sees %q, want %q", name, got, want)
		}
	}
}

func TestConnectionsFromOneAddressAreLimited(t *testing.T) {
	l := newConnLimiter(6, 3) // one every ten seconds, three at once
	office := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 50001}
	sameOffice := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 50002}
	elsewhere := &net.TCPAddr{IP: net.ParseIP("127.0.0.2"), Port: 50001}
	now := time.Unix(1_800_000_000, 0)
	for i := range 3 {
		if !l.allow(office, now) {
			t.Fatalf("connection %d of a burst of 3 refused", i+1)
		}
	}
	if l.allow(sameOffice, now) {
		t.Error("a fourth connection at once from the same address was let in (ports do not count)")
	}
	if !l.allow(elsewhere, now) {
		t.Error("another address was refused for the first one's connections")
	}
	if l.allow(office, now.Add(5*time.Second)) {
		t.Error("let in again before its allowance came back")
	}
	if !l.allow(office, now.Add(11*time.Second)) {
		t.Error("still refused once a connection's allowance came back")
	}
	// An address idle long enough is forgotten, with its whole allowance back.
	later := now.Add(limiterIdle + time.Minute)
	l.allow(elsewhere, later)
	if _, kept := l.by["127.0.0.1"]; kept {
		t.Error("an idle address's allowance was kept")
	}
}

// A client opening connections in a loop is cut off before any key is tried, and
// logged.
func TestConnectionFloodIsRefusedBeforeTheHandshake(t *testing.T) {
	key := newKey(t)
	ts := startServer(t, keyLine(Evaluator, "王敏", key)+"\n", func(c *Config) {
		c.ConnectionsPerMinute, c.MaxSessions = 1, 1
	})
	refused := 0
	for range 12 { // a burst of 10 is allowed
		if _, err := ts.run(t, key, "list"); err != nil {
			refused++
		}
	}
	if refused != 2 {
		t.Errorf("%d of 12 connections refused, want the 2 beyond the burst of 10", refused)
	}
	if !strings.Contains(ts.log.String(), "too many connections") {
		t.Errorf("the refusal was not logged:\n%s", ts.log.String())
	}
}

// An admin lists the people of the server with their keys' fingerprints, as the
// log names them; nobody else may.
func TestAdminListsThePeople(t *testing.T) {
	root, li := newKey(t), newKey(t)
	ts := startServer(t, keyLine(Evaluator, `"Li Na"`, li)+"\n"+keyLine(Admin, "root", root)+"\n", nil)
	out, err := ts.run(t, root, "people")
	if err != nil {
		t.Fatalf("people as the admin: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "admin") || !strings.Contains(lines[2], "Li Na") ||
		!strings.Contains(lines[2], gossh.FingerprintSHA256(li.PublicKey())) {
		t.Errorf("people:\n%s", out)
	}
	if out, err := ts.run(t, li, "people"); err == nil || !strings.Contains(out, "Only an admin") {
		t.Errorf("people as an evaluator: %v %q", err, out)
	}
}
