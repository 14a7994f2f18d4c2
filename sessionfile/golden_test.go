package sessionfile

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"vendorvet/demo"
	"vendorvet/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The demo sessions export byte for byte as they always have: a file written by an
// earlier vendorvet and one written now differ only where the session does.
func TestGolden(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		got, err := Export(demo.Session(lang))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "demo_"+string(lang)+".json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test ./sessionfile -update, then git diff)", path)
		}
	}
}
