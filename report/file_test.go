package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// onlyFile asserts that dir holds exactly the named files: no temporary file is left.
func onlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("folder holds %v, want %v", got, names)
	}
}

func TestWriteFileUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.md")
	if err := WriteFile(path, []byte("# 报告\n"), false); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v under umask 000, want 0600", info.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "# 报告\n" {
		t.Errorf("content = %q", b)
	}
	onlyFile(t, dir, "报告.md")
}

func TestWriteFileOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, []byte("new"), false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v, want ErrExists naming the path", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("refused write changed the file: %q", b)
	}
	onlyFile(t, dir, "r.md")

	if err := WriteFile(path, []byte("new"), true); err != nil {
		t.Fatalf("force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("forced write left %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode = %v, want 0600", info.Mode().Perm())
	}
	onlyFile(t, dir, "r.md")
}

func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	if err := os.WriteFile(victim, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.md")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		err := WriteFile(link, []byte("overwritten"), force)
		if !errors.Is(err, ErrSymlink) || !strings.Contains(err.Error(), link) {
			t.Errorf("force=%v: error = %v, want ErrSymlink naming the path", force, err)
		}
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("the link's target changed: %q", b)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link itself was replaced")
	}
	// A dangling link is refused too: writing through it would create a file elsewhere.
	dangling := filepath.Join(dir, "dangling.md")
	if err := os.Symlink(filepath.Join(dir, "elsewhere.md"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, []byte("x"), true); !errors.Is(err, ErrSymlink) {
		t.Errorf("dangling link: error = %v", err)
	}
	onlyFile(t, dir, "dangling.md", "report.md", "victim.txt")
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	// A folder at the target is not replaced.
	sub := filepath.Join(dir, "sub.md")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(sub, []byte("x"), true); err == nil {
		t.Error("a folder at the target was accepted")
	}
	// A missing folder is an error, not a panic, and leaves nothing behind.
	if err := WriteFile(filepath.Join(dir, "missing", "r.md"), []byte("x"), false); err == nil {
		t.Error("a missing folder was accepted")
	}
	onlyFile(t, dir, "sub.md")
}

func TestSafeFileName(t *testing.T) {
	cases := map[string]string{
		"2026 年客服外包服务商选型评估":      "2026-年客服外包服务商选型评估.md",
		"Vendor selection 2026":  "Vendor-selection-2026.md",
		"../../etc/passwd":       "etc-passwd.md",
		`..\..\windows\system32`: "windows-system32.md",
		".hidden":                "hidden.md",
		"a\x1b[2Jb\u202e\nc":     "a[2Jb-c.md",
		`what: "yes" <no> | *?`:  "what-yes-no.md",
		"":                       "vendorvet-report.md",
		"  ..  /// ":             "vendorvet-report.md",
		"报告 👍":                   "报告-👍.md",
	}
	for in, want := range cases {
		if got := SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	long := SafeFileName(strings.Repeat("选型", 200))
	if len(long) > maxNameBytes+len(".md") || !utf8.ValidString(long) || !strings.HasSuffix(long, ".md") {
		t.Errorf("long title gives %d bytes: %q", len(long), long)
	}
}
