//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// builtBinary is the program under test, built once for the whole package by TestMain.
var builtBinary string

func TestMain(m *testing.M) { os.Exit(buildThenRun(m)) }

// buildThenRun builds vendorvet from the module's main package, wherever the tests
// run from, then runs the tests against it.
func buildThenRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "vendorvet-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	builtBinary = filepath.Join(dir, "vendorvet")
	if out, err := exec.Command("go", "build", "-o", builtBinary, "vendorvet").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// programUnderTest returns the program built for these tests.
func programUnderTest(t *testing.T) string {
	t.Helper()
	return builtBinary
}

// sessionFile writes s as JSON into a temporary file and returns its path.
func sessionFile(t *testing.T, s rubric.Session) (string, []byte) {
	t.Helper()
	data, err := sessionfile.Export(s)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "session.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, data
}
