package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"vendorvet/demo"
	"vendorvet/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenNow fixes the report date so that the golden files do not change daily.
var goldenNow = time.Date(2026, 5, 12, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; diff it with go test ./report -update and git diff\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + strconv.Itoa(i+1) + ":\n got " + string(gl) + "\nwant " + string(wl)
		}
	}
	return ""
}

func TestGolden(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		t.Run(string(lang), func(t *testing.T) {
			sj, err := ScoreJSON(s)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "demo_"+string(lang)+".score.json", sj)
			golden(t, "demo_"+string(lang)+".score.txt", []byte(ScoreText(s, lang)))
			golden(t, "demo_"+string(lang)+".md", Markdown(s, lang, goldenNow))
		})
	}
}
