package server

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a person may do on the server.
type Role string

// The roles of the keys file. An admin, a lead and an evaluator answer and change
// the evaluations as themselves, their part in each session (lead or evaluator)
// being what its panel says; a viewer only looks. An admin sees every session; the
// others only those whose panel they are on, put there by the session's lead or
// an admin. An admin and a lead start sessions, leading what they start.
const (
	Admin     Role = "admin"
	Lead      Role = "lead"
	Evaluator Role = "evaluator"
	Viewer    Role = "viewer"
)

func knownRole(r Role) bool {
	return r == Admin || r == Lead || r == Evaluator || r == Viewer
}

// Person is one line of the keys file: who holds a key, and as what.
type Person struct {
	Role Role
	Name string
	Key  gossh.PublicKey
}

// LineError is a line of the keys file that was skipped, with why.
type LineError struct {
	Line int
	Err  string
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Err) }

// ParseKeys reads a keys file, one person a line: ROLE NAME KEYTYPE KEY [comment].
// Blank lines and lines starting with # are skipped. A line that cannot be read
// is returned among the errors, with its number, and the others are kept: one
// mistyped line must not lock the whole team out.
func ParseKeys(data []byte) ([]Person, []LineError) {
	var people []Person
	var bad []LineError
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := parseKeyLine(line)
		if err != nil {
			bad = append(bad, LineError{Line: n, Err: err.Error()})
			continue
		}
		people = append(people, p)
	}
	if err := sc.Err(); err != nil {
		bad = append(bad, LineError{Err: err.Error()})
	}
	return people, bad
}

// parseKeyLine reads ROLE NAME KEYTYPE KEY [comment]. A NAME with spaces, as
// panels often know people ("Laura Bennett"), is written in double quotes.
func parseKeyLine(line string) (Person, error) {
	roleField, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	var name string
	if strings.HasPrefix(rest, `"`) {
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return Person{}, fmt.Errorf("the quoted name does not end: %s", rest)
		}
		name, _ = strconv.Unquote(quoted)
		rest = strings.TrimSpace(rest[len(quoted):])
	} else {
		name, rest, _ = strings.Cut(rest, " ")
	}
	fields := strings.Fields(rest)
	if name == "" || len(fields) < 2 {
		return Person{}, fmt.Errorf("want ROLE NAME KEYTYPE KEY [comment]")
	}
	role := Role(roleField)
	if !knownRole(role) {
		return Person{}, fmt.Errorf("unknown role %q (admin, lead, evaluator or viewer)", roleField)
	}
	// The key and its comment are read as an authorized_keys line would be.
	key, _, _, _, err := gossh.ParseAuthorizedKey([]byte(strings.Join(fields, " ")))
	if err != nil {
		return Person{}, fmt.Errorf("key of %s: %v", name, err)
	}
	return Person{Role: role, Name: name, Key: key}, nil
}

// keyring is the people the server lets in, by their key, replaced whole when the
// keys file is read again.
type keyring struct {
	mu     sync.RWMutex
	byKey  map[string]Person
	loaded time.Time // the file's modification time when it was read
}

// lookup finds the person holding key.
func (k *keyring) lookup(key gossh.PublicKey) (Person, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	p, ok := k.byKey[string(key.Marshal())]
	return p, ok
}

// load reads the keys file and, when it could be read, puts its people in place
// of the previous ones. It returns the lines skipped.
func (k *keyring) load(path string) ([]LineError, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	people, bad := ParseKeys(data)
	byKey := make(map[string]Person, len(people))
	for _, p := range people {
		byKey[string(p.Key.Marshal())] = p
	}
	k.mu.Lock()
	k.byKey, k.loaded = byKey, info.ModTime()
	k.mu.Unlock()
	return bad, nil
}

// people are everyone let in: admins first, then leads, evaluators and viewers,
// each by name.
func (k *keyring) people() []Person {
	k.mu.RLock()
	defer k.mu.RUnlock()
	out := slices.Collect(maps.Values(k.byKey))
	rank := func(r Role) int { return slices.Index([]Role{Admin, Lead, Evaluator, Viewer}, r) }
	slices.SortFunc(out, func(a, b Person) int {
		if c := cmp.Compare(rank(a.Role), rank(b.Role)); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}

// names are the names of the people let in, each once, sorted: who a lead may put
// on a panel and find connecting.
func (k *keyring) names() []string {
	k.mu.RLock()
	defer k.mu.RUnlock()
	var out []string
	for _, p := range k.byKey {
		out = append(out, p.Name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// changed reports whether the keys file was modified since it was read.
func (k *keyring) changed(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	return !info.ModTime().Equal(k.loaded)
}
