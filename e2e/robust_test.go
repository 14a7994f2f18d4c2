//go:build e2e && unix

package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
)

// The built program against files it must not harm: damaged, foreign, newer or
// unwritable databases, a write-ahead log left beside one, an open umask, and
// exports and backups killed midway.

// exitError is the program's exit status for a failure it explains.
const exitError = 1

// binResult is what one run of the built program left behind.
type binResult struct {
	code           int
	stdout, stderr string
}

// runBin runs the built program with a minimal environment; cred, when not nil, is
// the user it runs as.
func runBin(t *testing.T, bin string, cred *syscall.Credential, args ...string) binResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C", "HOME=/nonexistent"}
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok || ctx.Err() != nil {
			t.Fatalf("vendorvet %v: %v (stderr %q)", args, err, stderr.String())
		}
		code = ee.ExitCode()
	}
	return binResult{code, stdout.String(), stderr.String()}
}

// succeeded fails the test unless the run succeeded quietly.
func (r binResult) succeeded(t *testing.T, args ...string) binResult {
	t.Helper()
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("vendorvet %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	return r
}

// refused checks a failure explained in one line on stderr that names the file and
// says what is wrong.
func (r binResult) refused(t *testing.T, path string, says ...string) {
	t.Helper()
	if r.code != exitError {
		t.Errorf("exit %d, want %d; stderr %q", r.code, exitError, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "vendorvet: ") || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr is not one line starting with \"vendorvet: \": %q", r.stderr)
	}
	if !strings.Contains(r.stderr, path) {
		t.Errorf("the message does not name %s: %q", path, r.stderr)
	}
	for _, s := range says {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("the message does not say %q: %q", s, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout %q…", r.stdout[:min(len(r.stdout), 120)])
	}
}

// folderState maps every entry under dir to its type, mode and content hash.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		desc := info.Mode().String()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			desc += " " + hex.EncodeToString(sum[:])
		}
		state[rel] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func sameFolderState(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for name, desc := range before {
		if after[name] != desc {
			t.Errorf("%s: %s changed: %q, was %q", what, name, after[name], desc)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s: %s appeared", what, name)
		}
	}
}

// vendorvetFile writes a closed vendorvet database holding the two demo sessions.
func vendorvetFile(t *testing.T, path string) {
	t.Helper()
	s, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		if _, err := s.ImportSession(context.Background(), demo.Session(lang)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// rewrite changes a file's bytes in place.
func rewrite(t *testing.T, path string, change func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, change(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestCommandLineRefusesBadFilesUntouched(t *testing.T) {
	bin := programUnderTest(t)
	random := make([]byte, 12288)
	rand.NewChaCha8([32]byte{9}).Read(random)
	const page = 4096
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		says string
	}{
		{"text file", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("Vendors to call:\n- Alpha\n- Beta\n"), 0o644)
		}, "is not a vendorvet database"},
		{"random bytes", func(t *testing.T, p string) { os.WriteFile(p, random, 0o600) }, "is not a vendorvet database"},
		{"another application's SQLite", func(t *testing.T, p string) {
			other, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if _, err := other.Exec("CREATE TABLE contacts (name TEXT); PRAGMA application_id = 1234"); err != nil {
				t.Fatal(err)
			}
		}, "is not a vendorvet database"},
		{"a folder", func(t *testing.T, p string) { os.Mkdir(p, 0o700) }, "is not a vendorvet database"},
		{"truncated vendorvet database", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			rewrite(t, p, func(b []byte) []byte { return b[:len(b)/2] })
		}, "is damaged"},
		{"vendorvet database with zeroed pages", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			rewrite(t, p, func(b []byte) []byte {
				clear(b[2*page : 4*page])
				return b
			})
		}, "is damaged"},
		{"zeroed file", func(t *testing.T, p string) { os.WriteFile(p, make([]byte, 8*page), 0o600) }, "is damaged"},
		{"another database's log beside it", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			other := filepath.Join(t.TempDir(), "other.db")
			bigSessions(t, other)
			copyLog(t, other, p)
		}, "does not belong to it"},
		{"its own log and a zeroed page", func(t *testing.T, p string) {
			live := filepath.Join(t.TempDir(), "live.db")
			vendorvetFile(t, live)
			copyLog(t, live, p)
			b, err := os.ReadFile(live)
			if err != nil {
				t.Fatal(err)
			}
			n := pageOutsideLog(t, p+"-wal", len(b)/page)
			clear(b[(n-1)*page : n*page])
			os.WriteFile(p, b, 0o600)
		}, "is damaged"},
		{"truncated, with a log that is not one", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			rewrite(t, p, func(b []byte) []byte { return b[:len(b)/2] })
			os.WriteFile(p+"-wal", random[:8192], 0o600)
		}, "is damaged"},
		{"database of a newer vendorvet", func(t *testing.T, p string) {
			vendorvetFile(t, p)
			rewrite(t, p, func(b []byte) []byte {
				binary.BigEndian.PutUint32(b[60:64], db.SchemaVersion+1) // user_version
				return b
			})
		}, "newer vendorvet"},
	}
	good, _ := sessionFile(t, demo.Session(rubric.EN))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, elsewhere := t.TempDir(), t.TempDir()
			path := filepath.Join(dir, "vendorvet.db")
			tt.make(t, path)
			before, beforeElsewhere := folderState(t, dir), folderState(t, elsewhere)
			if len(before) < 2 {
				t.Fatal("the case made no file")
			}
			for _, args := range [][]string{
				{},
				{"list"},
				{"export", "1", "--format", "json"},
				{"export", "1", "-o", filepath.Join(elsewhere, "report.md")},
				{"import", good},
				{"demo"},
				{"backup", filepath.Join(elsewhere, "backup.db")},
			} {
				runBin(t, bin, nil, append([]string{"--db", path}, args...)...).refused(t, path, tt.says)
				sameFolderState(t, fmt.Sprint(args), before, folderState(t, dir))
				sameFolderState(t, fmt.Sprint(args), beforeElsewhere, folderState(t, elsewhere))
			}
		})
	}
}

// copyLog writes the log that src has while a connection holds a change to it, one
// not yet folded into src, to dst-wal: the log a crash leaves beside src, or one
// copied beside another database by mistake.
func copyLog(t *testing.T, src, dst string) {
	t.Helper()
	conn, err := sql.Open("sqlite", src)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.Exec("PRAGMA wal_autocheckpoint = 0; UPDATE sessions SET title = title || ' (changed)'"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst+"-wal", b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// pageOutsideLog returns the number of a page after the first, of a database of
// pages pages, of which the log at wal holds no copy: damage there is not mended by
// replaying the log.
func pageOutsideLog(t *testing.T, wal string, pages int) int {
	t.Helper()
	b, err := os.ReadFile(wal)
	if err != nil {
		t.Fatal(err)
	}
	// The format at sqlite.org/walformat.html: a 32-byte header giving the page
	// size, then frames of a 24-byte header, whose first field is the page number,
	// and the page.
	size := int(binary.BigEndian.Uint32(b[8:12]))
	logged := map[int]bool{}
	for off := 32; off+24+size <= len(b); off += 24 + size {
		logged[int(binary.BigEndian.Uint32(b[off:off+4]))] = true
	}
	for n := 2; n <= pages; n++ {
		if !logged[n] {
			return n
		}
	}
	t.Fatal("the log holds every page")
	return 0
}

// A write-ahead log beside the database is SQLite's to replay when it is the one a
// crash left, and to ignore when it is not a log at all; either way nothing is lost.
func TestStrayWriteAheadLog(t *testing.T) {
	bin := programUnderTest(t)

	t.Run("left by a crash", func(t *testing.T) {
		live := filepath.Join(t.TempDir(), "live.db")
		s, err := db.Open(live)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
			if _, err := s.ImportSession(context.Background(), demo.Session(lang)); err != nil {
				t.Fatal(err)
			}
		}
		// The files as a crash leaves them: the database and its log, no index.
		crashed := filepath.Join(t.TempDir(), "vendorvet.db")
		withoutLog := filepath.Join(t.TempDir(), "vendorvet.db")
		for _, copy := range [][2]string{{live, crashed}, {live + "-wal", crashed + "-wal"}, {live, withoutLog}} {
			b, err := os.ReadFile(copy[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(copy[1], b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		// The sessions are in the log only: the database file alone has none.
		if out := runBin(t, bin, nil, "--db", withoutLog, "list").succeeded(t).stdout; !strings.HasPrefix(out, "No evaluation sessions yet") {
			t.Fatalf("the database file alone already holds the sessions:\n%s", out)
		}
		for _, id := range []string{"1", "2"} {
			want := runBin(t, bin, nil, "--db", live, "export", id, "--format", "json").succeeded(t).stdout
			got := runBin(t, bin, nil, "--db", crashed, "export", id, "--format", "json").succeeded(t).stdout
			if got != want {
				t.Errorf("session %s after recovery differs from the one saved", id)
			}
		}
		if entries, _ := os.ReadDir(filepath.Dir(crashed)); len(entries) != 1 {
			t.Errorf("after recovery the folder holds %v", entries)
		}
	})

	t.Run("not a log", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "vendorvet.db")
		vendorvetFile(t, path)
		want := runBin(t, bin, nil, "--db", path, "export", "2", "--format", "json").succeeded(t).stdout
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		garbage := make([]byte, 8192)
		rand.NewChaCha8([32]byte{3}).Read(garbage)
		if err := os.WriteFile(path+"-wal", garbage, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := runBin(t, bin, nil, "--db", path, "export", "2", "--format", "json").succeeded(t).stdout; got != want {
			t.Error("a garbage log changed the session")
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Error("the database file changed")
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
			t.Errorf("the folder holds %v", entries)
		}
	})
}

// nobody is the unprivileged user the read-only cases run as when the tests run as root.
const nobody = 65534

// TestReadOnlyLocation runs the program as a user who may not write where the
// database is. Root may write anywhere, so as root the program runs as nobody; as
// any other user, file modes are enough.
func TestReadOnlyLocation(t *testing.T) {
	bin := programUnderTest(t)
	root := os.Geteuid() == 0
	var cred *syscall.Credential
	base := t.TempDir()
	if root {
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
		// nobody must reach the folders and run the program.
		for d := base; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		shared := filepath.Join(base, "vendorvet")
		b, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shared, b, 0o755); err != nil {
			t.Fatal(err)
		}
		bin = shared
		if r := runBin(t, bin, cred, "version"); r.code != 0 {
			t.Fatalf("cannot run vendorvet as the unprivileged user %d, which the read-only cases need: exit %d, %s", nobody, r.code, r.stderr)
		}
	}

	// setFolder and setFile make a folder or file writable or not for the user the
	// program runs as.
	setFolder := func(t *testing.T, dir string, writable bool) {
		switch {
		case root && writable:
			os.Chown(dir, nobody, nobody)
		case root:
			os.Chmod(dir, 0o755)
		case writable:
			os.Chmod(dir, 0o755)
		default:
			os.Chmod(dir, 0o555)
			t.Cleanup(func() { os.Chmod(dir, 0o755) })
		}
	}
	setFile := func(path, access string) {
		mode := map[string]fs.FileMode{"writable": 0o600, "read-only": 0o444, "unreadable": 0}[access]
		if root {
			// Root owns the file: nobody may read it (0644) or not (0600), never write it.
			mode = map[string]fs.FileMode{"writable": 0o600, "read-only": 0o644, "unreadable": 0o600}[access]
			if access == "writable" {
				os.Chown(path, nobody, nobody)
			}
		}
		os.Chmod(path, mode)
	}

	tests := []struct {
		name           string
		folderWritable bool
		file           string // missing, writable, read-only or unreadable
		dbName         string
		says           string
	}{
		{"folder read-only, no database yet", false, "missing", "vendorvet.db", "permission denied"},
		{"folder read-only, missing subfolder", false, "missing", filepath.Join("data", "vendorvet.db"), "permission denied"},
		{"database read-only", true, "read-only", "vendorvet.db", "cannot be written"},
		{"folder read-only, database writable", false, "writable", "vendorvet.db", "cannot be written"},
		{"folder and database read-only", false, "read-only", "vendorvet.db", "cannot be written"},
		{"database unreadable", true, "unreadable", "vendorvet.db", "permission denied"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(base, fmt.Sprint("case", i))
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tt.dbName)
			if tt.file != "missing" {
				vendorvetFile(t, path)
				setFile(path, tt.file)
			}
			setFolder(t, dir, tt.folderWritable)
			before := folderState(t, dir)
			for _, args := range [][]string{{}, {"list"}, {"export", "1"}, {"demo"}} {
				runBin(t, bin, cred, append([]string{"--db", path}, args...)...).refused(t, path, tt.says)
				sameFolderState(t, fmt.Sprint(args), before, folderState(t, dir))
			}
		})
	}
}

// modeOf returns the permission bits and type of path.
func modeOf(t *testing.T, path string) fs.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

// Under umask 000 every file vendorvet writes is still readable by its owner only,
// and every folder it creates is private.
func TestFilesArePrivateUnderOpenUmask(t *testing.T) {
	bin := programUnderTest(t)
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	base := t.TempDir()

	dbPath := filepath.Join(base, "data", "vendorvet", "vendorvet.db")
	runBin(t, bin, nil, "--db", dbPath, "demo").succeeded(t)
	stale := filepath.Join(base, "stale.md")
	if err := os.WriteFile(stale, []byte("an old report"), 0o666); err != nil {
		t.Fatal(err)
	}
	if modeOf(t, stale) != 0o666 {
		t.Fatal("the umask was not open")
	}
	runBin(t, bin, nil, "--db", dbPath, "export", "1", "-o", filepath.Join(base, "report.md")).succeeded(t)
	runBin(t, bin, nil, "--db", dbPath, "export", "1", "--format", "json", "-o", filepath.Join(base, "session.json")).succeeded(t)
	runBin(t, bin, nil, "--db", dbPath, "export", "1", "-o", stale, "--force").succeeded(t)
	runBin(t, bin, nil, "--db", dbPath, "backup", filepath.Join(base, "backup.db")).succeeded(t)
	want := map[string]fs.FileMode{
		filepath.Join(base, "data"):              fs.ModeDir | 0o700,
		filepath.Join(base, "data", "vendorvet"): fs.ModeDir | 0o700,
		dbPath:                                   0o600,
		filepath.Join(base, "report.md"):         0o600,
		filepath.Join(base, "session.json"):      0o600,
		stale:                                    0o600,
		filepath.Join(base, "backup.db"):         0o600,
	}
	for p, mode := range want {
		if got := modeOf(t, p); got != mode {
			t.Errorf("%s: mode %v, want %v", p, got, mode)
		}
	}

	// The -wal and -shm files exist while the interface runs.
	needTmux(t)
	tuiDB := filepath.Join(base, "tui", "vendorvet.db")
	term := startTerminal(t, 100, 30, []string{"TERM=xterm-256color"}, "sh", "-c",
		"umask 000; exec "+strings.Join(quoteAll([]string{bin, "--db", tuiDB, "--lang", "en"}), " "))
	term.waitFor("open the demo session")
	term.keys("D")
	deadline := time.Now().Add(15 * time.Second)
	for {
		if st, err := os.Stat(tuiDB + "-wal"); err == nil && st.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no -wal while the interface runs; the screen:\n%s", term.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for p, mode := range map[string]fs.FileMode{
		filepath.Dir(tuiDB): fs.ModeDir | 0o700,
		tuiDB:               0o600,
		tuiDB + "-wal":      0o600,
		tuiDB + "-shm":      0o600,
	} {
		if got := modeOf(t, p); got != mode {
			t.Errorf("%s: mode %v, want %v", p, got, mode)
		}
	}
	term.keys("q")
	term.waitExit()
}

// bigSessions stores two sessions whose exports are a few megabytes each, so that a
// kill often lands in the middle of writing one.
func bigSessions(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, title := range []string{"Big A", "Big B"} {
		id, err := s.CreateSession(ctx, db.SessionMeta{Title: title})
		if err != nil {
			t.Fatal(err)
		}
		for v := range 3 {
			vid, err := s.AddVendor(ctx, id, fmt.Sprintf("Vendor %d", v), "")
			if err != nil {
				t.Fatal(err)
			}
			for step := 2; step <= 7; step++ {
				note := strings.Repeat(fmt.Sprintf("%s note %d/%d 备注 ", title, v, step), 2000+i*1000)
				if err := s.ChangeNote(ctx, vid, step, "", note); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// tempLeftovers lists the temporary files in dir.
func tempLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

// killAt starts the program and kills it with SIGKILL once wait returns, unless
// it has finished by then.
func killAt(t *testing.T, bin string, wait func(), args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		wait()
		select {
		case <-done:
		default:
			cmd.Process.Kill()
		}
	}()
	cmd.Wait()
	close(done)
}

// killMoment picks when to kill a run that takes about the duration took when left alone: at a
// random moment of the whole run, or a random moment up to 3 ms after its temporary
// file appeared in dir, the short window in which the file is written.
func killMoment(t *testing.T, r *rand.Rand, dir string, took time.Duration) func() {
	t.Helper()
	if r.IntN(3) == 0 {
		delay := time.Duration(r.Int64N(int64(took) * 6 / 5))
		return func() { time.Sleep(delay) }
	}
	after := time.Duration(r.IntN(3000)) * time.Microsecond
	// The wait is generous: a machine busy with other tests can start the program
	// many times slower than when took was measured, and a kill before the file
	// appears proves nothing.
	patience := max(10*took, time.Second)
	return func() {
		deadline := time.Now().Add(patience)
		for len(tempLeftovers(t, dir)) == 0 && time.Now().Before(deadline) {
			time.Sleep(100 * time.Microsecond)
		}
		time.Sleep(after)
	}
}

// An export over an existing file and a backup, each killed at random moments: the
// export's target is always the old file or the whole new one, a backup's name holds a
// whole backup or nothing, and the temporary file of a killed write is gone after the
// next one.
func TestKilledExportAndBackupLeaveOldOrNew(t *testing.T) {
	bin := programUnderTest(t)
	dir := t.TempDir()
	dbPath := filepath.Join(t.TempDir(), "vendorvet.db")
	bigSessions(t, dbPath)
	exports := map[string]string{}
	for _, id := range []string{"1", "2"} {
		exports[runBin(t, bin, nil, "--db", dbPath, "export", id, "--format", "json").succeeded(t).stdout] = "session " + id
	}
	target := filepath.Join(dir, "session.json")
	start := time.Now()
	runBin(t, bin, nil, "--db", dbPath, "export", "1", "--format", "json", "-o", target).succeeded(t)
	took := time.Since(start)
	r := rand.New(rand.NewPCG(11, 12))
	midway := 0
	for round := range 24 {
		id := fmt.Sprint(round%2 + 1)
		killAt(t, bin, killMoment(t, r, dir, took), "--db", dbPath, "export", id, "--format", "json", "-o", target, "--force")
		got, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if _, ok := exports[string(got)]; !ok {
			t.Fatalf("round %d: the export holds %d bytes that are no whole export", round, len(got))
		}
		if m := modeOf(t, target); m != 0o600 {
			t.Fatalf("round %d: mode %v", round, m)
		}
		temps := tempLeftovers(t, dir)
		if len(temps) > 1 {
			t.Fatalf("round %d: temporary files pile up: %v", round, temps)
		}
		midway += len(temps)
	}
	runBin(t, bin, nil, "--db", dbPath, "export", "2", "--format", "json", "-o", target, "--force").succeeded(t)
	if temps := tempLeftovers(t, dir); len(temps) != 0 {
		t.Errorf("temporary files after a whole export: %v", temps)
	}
	t.Logf("%d of 24 export kills landed mid-write", midway)
	if midway == 0 {
		t.Error("no export was killed mid-write: the kills prove nothing")
	}

	backup := filepath.Join(dir, "backup.db")
	start = time.Now()
	runBin(t, bin, nil, "--db", dbPath, "backup", backup).succeeded(t)
	took = time.Since(start)
	wantBackup := runBin(t, bin, nil, "--db", backup, "export", "2", "--format", "json").succeeded(t).stdout
	midway = 0
	for round := range 16 {
		os.Remove(backup)
		killAt(t, bin, killMoment(t, r, dir, took), "--db", dbPath, "backup", backup)
		if _, err := os.Stat(backup); err == nil {
			if got := runBin(t, bin, nil, "--db", backup, "export", "2", "--format", "json"); got.stdout != wantBackup {
				t.Fatalf("round %d: the backup's name holds an incomplete backup: %s", round, got.stderr)
			}
		}
		temps := tempLeftovers(t, dir)
		if len(temps) > 1 {
			t.Fatalf("round %d: temporary files pile up: %v", round, temps)
		}
		midway += len(temps)
	}
	os.Remove(backup)
	runBin(t, bin, nil, "--db", dbPath, "backup", backup).succeeded(t)
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"backup.db", "session.json"}) {
		t.Errorf("after a whole backup the folder holds %v", names)
	}
	t.Logf("%d of 16 backup kills landed mid-copy", midway)
	if midway == 0 {
		t.Error("no backup was killed mid-copy: the kills prove nothing")
	}
	// The database itself never suffered.
	runBin(t, bin, nil, "--db", dbPath, "list").succeeded(t)
}

// Two vendorvet processes import into one database at the same time, starting
// before it exists: every import lands under its own ID and none meets a lock.
func TestTwoInstancesImportAtOnce(t *testing.T) {
	bin := programUnderTest(t)
	file, _ := sessionFile(t, demo.Session(rubric.ZH))
	dbPath := filepath.Join(t.TempDir(), "new", "vendorvet.db")
	const each = 12
	type outcome struct {
		ids  []string
		errs []string
	}
	results := make(chan outcome, 2)
	for range 2 {
		go func() {
			var o outcome
			for range each {
				out, err := exec.Command(bin, "--db", dbPath, "import", file).CombinedOutput()
				if err != nil {
					o.errs = append(o.errs, fmt.Sprintf("%v: %s", err, out))
					continue
				}
				o.ids = append(o.ids, strings.TrimSpace(string(out)))
			}
			results <- o
		}()
	}
	seen := map[string]bool{}
	for range 2 {
		o := <-results
		for _, e := range o.errs {
			t.Error(e)
		}
		for _, id := range o.ids {
			if seen[id] {
				t.Errorf("ID %s given twice", id)
			}
			seen[id] = true
		}
	}
	if len(seen) != 2*each {
		t.Errorf("%d imports landed, want %d", len(seen), 2*each)
	}
	list := runBin(t, bin, nil, "--db", dbPath, "list").succeeded(t).stdout
	if rows := strings.Count(list, "\n") - 1; rows != 2*each {
		t.Errorf("list shows %d sessions, want %d:\n%s", rows, 2*each, list)
	}
}

// A backup taken while another vendorvet process keeps writing is a consistent copy:
// it opens, and every session in it is whole, the same as in the live database.
func TestBackupWhileAnotherProcessWrites(t *testing.T) {
	bin := programUnderTest(t)
	file, _ := sessionFile(t, demo.Session(rubric.EN))
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "vendorvet.db")
	runBin(t, bin, nil, "--db", dbPath, "import", file).succeeded(t)
	writing := make(chan error, 1)
	go func() {
		for range 15 {
			if out, err := exec.Command(bin, "--db", dbPath, "import", file).CombinedOutput(); err != nil {
				writing <- fmt.Errorf("import: %v: %s", err, out)
				return
			}
		}
		writing <- nil
	}()
	var backups []string
	for i := range 5 {
		backup := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		runBin(t, bin, nil, "--db", dbPath, "backup", backup).succeeded(t)
		backups = append(backups, backup)
	}
	if err := <-writing; err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, backup := range backups {
		list := runBin(t, bin, nil, "--db", backup, "list").succeeded(t).stdout
		n := strings.Count(list, "\n") - 1
		counts = append(counts, n)
		if n < 1 || n > 16 {
			t.Fatalf("%s lists %d sessions", backup, n)
		}
		// The last session in the copy is whole: the same export as from the live file.
		last := fmt.Sprint(n)
		got := runBin(t, bin, nil, "--db", backup, "export", last, "--format", "json").succeeded(t).stdout
		want := runBin(t, bin, nil, "--db", dbPath, "export", last, "--format", "json").succeeded(t).stdout
		if got != want {
			t.Errorf("%s: session %s differs from the live database's", backup, last)
		}
	}
	t.Logf("the backups hold %v of 16 sessions", counts)
}

// The interface shows its first screen while the file's pages are still being
// checked. Damage found then ends it with the message a damaged file always gets,
// in the user's language, and nothing was written to the file.
func TestInterfaceEndsOnDamageFoundAfterItStarted(t *testing.T) {
	needTmux(t)
	bin := programUnderTest(t)
	for _, tc := range []struct{ lang, says string }{{"en", "is damaged"}, {"zh", "已损坏"}} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "vendorvet.db")
			vendorvetFile(t, path)
			// Page 3 onwards, past the header and the schema that opening reads.
			rewrite(t, path, func(b []byte) []byte {
				for i := 2*4096 + 8; i < 3*4096-8; i++ {
					b[i] = 0xA5
				}
				return b
			})
			before := folderState(t, dir)
			script := fmt.Sprintf("%s --db %s --lang %s; echo \"EXIT=$?\"",
				quoteAll([]string{bin})[0], quoteAll([]string{path})[0], tc.lang)
			term := startTerminal(t, 100, 30, []string{"TERM=xterm-256color"}, "sh", "-c", script)
			term.waitExit()
			// All of it, history included, wrapped lines joined: the message is
			// longer than the terminal is wide.
			screen := term.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", term.name)
			if !strings.Contains(screen, "EXIT=1") || !strings.Contains(screen, tc.says) {
				t.Fatalf("want exit status 1 and %q; the terminal shows:\n%s", tc.says, screen)
			}
			sameFolderState(t, "the interface", before, folderState(t, dir))
		})
	}
}

// startWhenTemp starts the program and, once a temporary file of target appears,
// sends it sig; it returns the exit status and whether the signal was sent.
func startWhenTemp(t *testing.T, bin, target string, sig os.Signal, args ...string) (int, bool) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	sent := make(chan bool, 1)
	go func() {
		for {
			select {
			case <-done:
				sent <- false
				return
			default:
			}
			if temps, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")); len(temps) > 0 {
				sent <- cmd.Process.Signal(sig) == nil
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	cmd.Wait()
	close(done)
	return cmd.ProcessState.ExitCode(), <-sent
}

// Backups killed midway to many names leave temporary copies that the next write
// in that folder removes, whatever name it writes; a backup stopped by a signal it
// can catch leaves none at all.
func TestStoppedBackupsLeaveNoTemporaryFiles(t *testing.T) {
	bin := programUnderTest(t)
	dir := t.TempDir()
	dbPath := filepath.Join(t.TempDir(), "vendorvet.db")
	bigSessions(t, dbPath)

	killed := 0
	for round := range 6 {
		backup := filepath.Join(dir, fmt.Sprintf("killed-%d.db", round))
		_, sent := startWhenTemp(t, bin, backup, os.Kill, "--db", dbPath, "backup", backup)
		if sent {
			killed++
		}
	}
	if killed == 0 || len(tempLeftovers(t, dir)) == 0 {
		t.Fatalf("no backup was killed midway (%d kills): the test proves nothing", killed)
	}
	runBin(t, bin, nil, "--db", dbPath, "export", "1", "-o", filepath.Join(dir, "report.md")).succeeded(t)
	if temps := tempLeftovers(t, dir); len(temps) != 0 {
		t.Errorf("after the next write in the folder: %v", temps)
	}
	if journals, _ := filepath.Glob(filepath.Join(dir, ".*-journal")); len(journals) != 0 {
		t.Errorf("journals left: %v", journals)
	}

	stopped := 0
	for round, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt, syscall.SIGHUP, syscall.SIGTERM} {
		backup := filepath.Join(dir, fmt.Sprintf("stopped-%d.db", round))
		code, sent := startWhenTemp(t, bin, backup, sig, "--db", dbPath, "backup", backup)
		if entries, _ := os.ReadDir(dir); len(tempLeftovers(t, dir)) != 0 {
			t.Errorf("%v: left %v", sig, entries)
		}
		if sent && code != 0 {
			stopped++
			if _, err := os.Lstat(backup); err == nil {
				t.Errorf("%v: a stopped backup left %s", sig, backup)
			}
		}
	}
	if stopped == 0 {
		t.Error("no backup was stopped midway: the test proves nothing")
	}
}

// fullDisk mounts a small file system of its own, puts a copy of the database at
// src in it and fills what room is left. Mounting needs root, or the test is skipped:
// db/space_test.go tests how a full disk is told apart without one.
func fullDisk(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system to fill (%v: %s)", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "vendorvet.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	fill, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	defer fill.Close()
	for {
		if _, err := fill.Write(make([]byte, 4096)); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return path
		}
	}
}

// On a disk with no room left the database can still be read; a command that
// writes says the disk is full; nothing new is left beside the database.
func TestFullDiskAtStart(t *testing.T) {
	bin := programUnderTest(t)
	src := filepath.Join(t.TempDir(), "vendorvet.db")
	vendorvetFile(t, src)
	want := runBin(t, bin, nil, "--db", src, "export", "2", "--format", "json").succeeded(t).stdout
	path := fullDisk(t, src)
	dir := filepath.Dir(path)
	before := folderState(t, dir)

	if out := runBin(t, bin, nil, "--db", path, "list").succeeded(t).stdout; strings.Count(out, "\n") != 3 {
		t.Errorf("list on a full disk:\n%s", out)
	}
	if got := runBin(t, bin, nil, "--db", path, "export", "2", "--format", "json").succeeded(t).stdout; got != want {
		t.Error("export on a full disk differs")
	}
	sameFolderState(t, "reading", before, folderState(t, dir))
	good, _ := sessionFile(t, demo.Session(rubric.EN))
	for _, args := range [][]string{{"demo"}, {"import", good}} {
		runBin(t, bin, nil, append([]string{"--db", path}, args...)...).refused(t, path, "disk is full")
		sameFolderState(t, fmt.Sprint(args), before, folderState(t, dir))
	}
	runBin(t, bin, nil, "--lang", "zh", "--db", path, "demo").refused(t, path, "磁盘已满")
	sameFolderState(t, "zh", before, folderState(t, dir))
}
