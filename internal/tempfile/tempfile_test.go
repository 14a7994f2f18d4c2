//go:build unix

package tempfile

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestCreateNamesAndMode(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "报告 2026.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if filepath.Dir(f.Name()) != dir {
		t.Errorf("created in %s, not beside the target", filepath.Dir(f.Name()))
	}
	if !regexp.MustCompile(`^\.报告 2026\.md\.[0-9a-f]{12}\.tmp$`).MatchString(filepath.Base(f.Name())) {
		t.Errorf("name %q", filepath.Base(f.Name()))
	}
	if st, err := f.Stat(); err != nil || st.Mode() != 0o600 {
		t.Errorf("mode %v, %v", st.Mode(), err)
	}
	long, err := Create(filepath.Join(dir, strings.Repeat("名", 80)))
	if err != nil {
		t.Fatalf("a long name: %v", err)
	}
	long.Close()
	if n := len(filepath.Base(long.Name())); n > 255 {
		t.Errorf("temporary name of %d bytes", n)
	}
}

// create makes a temporary file beside target, closed unless keepOpen, and returns
// its name.
func create(t *testing.T, target string, keepOpen bool) string {
	t.Helper()
	f, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	if keepOpen {
		t.Cleanup(func() { f.Close() })
	} else {
		f.Close()
	}
	return f.Name()
}

// Every abandoned temporary file in the folder goes, whichever file it was written
// for, and so does every journal SQLite left beside one; what a live writer holds,
// and every file that only looks a little like ours, stays.
func TestRemoveAbandonedKeepsWhatIsBeingWritten(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	busy := create(t, target, true)
	busyElsewhere := create(t, filepath.Join(dir, "backup-1.db"), true)
	abandoned := create(t, target, false)
	abandonedElsewhere := create(t, filepath.Join(dir, "backup-2.db"), false)
	lostJournal := create(t, filepath.Join(dir, "backup-3.db"), false) + "-journal"
	os.Remove(strings.TrimSuffix(lostJournal, "-journal"))
	for _, j := range []string{abandoned, abandonedElsewhere, busyElsewhere, lostJournal} {
		name := strings.TrimSuffix(j, "-journal") + "-journal"
		if err := os.WriteFile(name, []byte("j"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Files that only look a little like temporary files are never touched.
	lookalikes := []string{"report.json", ".report.json.tmp", ".report.json.notrandom00.tmp",
		".report.json.ABCDEF012345.tmp", "..0123456789ab.tmp", ".x.0123456789ab.tmp.bak"}
	for _, name := range lookalikes {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("keep"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The right name but not our mode: someone else's file.
	notOurs := filepath.Join(dir, ".notes.txt.0123456789ab.tmp")
	if err := os.WriteFile(notOurs, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(notOurs, 0o644)

	RemoveAbandoned(target)
	got := names(t, dir)
	for _, gone := range []string{abandoned, abandoned + "-journal", abandonedElsewhere, abandonedElsewhere + "-journal", lostJournal} {
		if slices.Contains(got, filepath.Base(gone)) {
			t.Errorf("%s was not removed", filepath.Base(gone))
		}
	}
	kept := append([]string{busy, busyElsewhere, busyElsewhere + "-journal", notOurs}, lookalikes...)
	for _, k := range kept {
		if !slices.Contains(got, filepath.Base(k)) {
			t.Errorf("%s was removed", filepath.Base(k))
		}
	}
}

// Once its writer is done with it, a busy temporary file is abandoned too.
func TestRemoveAbandonedAfterTheWriterEnds(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	RemoveAbandoned(filepath.Join(dir, "other.md"))
	if !slices.Contains(names(t, dir), filepath.Base(f.Name())) {
		t.Fatal("a temporary file being written was removed")
	}
	f.Close()
	RemoveAbandoned(filepath.Join(dir, "other.md"))
	if slices.Contains(names(t, dir), filepath.Base(f.Name())) {
		t.Error("a closed temporary file was kept")
	}
}
