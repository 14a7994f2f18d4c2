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

func TestRemoveAbandonedKeepsWhatIsBeingWritten(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	busy, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	abandoned, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	abandoned.Close()
	if err := os.WriteFile(abandoned.Name()+"-journal", []byte("j"), 0o600); err != nil {
		t.Fatal(err)
	}
	other, err := Create(filepath.Join(dir, "other.json"))
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	// Files that only look a little like temporary files are never touched.
	for _, name := range []string{"report.json", ".report.json.tmp", ".report.json.notrandom00.tmp", ".report.json.ABCDEF012345.tmp"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("keep"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	RemoveAbandoned(target)
	got := names(t, dir)
	for _, gone := range []string{filepath.Base(abandoned.Name()), filepath.Base(abandoned.Name()) + "-journal"} {
		if slices.Contains(got, gone) {
			t.Errorf("%s was not removed", gone)
		}
	}
	for _, kept := range []string{filepath.Base(busy.Name()), filepath.Base(other.Name()), "report.json", ".report.json.tmp",
		".report.json.notrandom00.tmp", ".report.json.ABCDEF012345.tmp"} {
		if !slices.Contains(got, kept) {
			t.Errorf("%s was removed", kept)
		}
	}

	// Once its writer is done with it, the busy one is abandoned too.
	busy.Close()
	RemoveAbandoned(target)
	if slices.Contains(names(t, dir), filepath.Base(busy.Name())) {
		t.Error("a closed temporary file was kept")
	}
}
