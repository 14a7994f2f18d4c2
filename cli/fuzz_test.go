package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// fuzzBases are the documents the fuzz targets change: format.md's example, the demo
// sessions in both languages, and one with a vendor named twice. The engine mutates a
// small splice into one of them rather than a whole document, so that an input that
// finds new code is minimised in moments, not minutes; the last base is empty, so
// that a splice alone is an arbitrary file.
func fuzzBases(f *testing.F) [][]byte {
	f.Helper()
	example, err := os.ReadFile(filepath.Join("..", "report", "testdata", "format_example.json"))
	if err != nil {
		f.Fatal(err)
	}
	bases := [][]byte{example}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		b, err := sessionfile.Export(demo.Session(lang))
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, b)
	}
	twice := demo.Session(rubric.EN)
	twice.Vendors = append(twice.Vendors[:1], twice.Vendors[0])
	b, err := sessionfile.Export(twice)
	if err != nil {
		f.Fatal(err)
	}
	return append(bases, b, nil)
}

// splice replaces cut bytes of base from at on with patch.
func splice(bases [][]byte, base uint8, at, cut uint16, patch []byte) []byte {
	doc := bases[int(base)%len(bases)]
	i := int(at) % (len(doc) + 1)
	j := min(len(doc), i+int(cut))
	return slices.Concat(doc[:i], patch, doc[j:])
}

// fuzzSeeds adds every base unchanged, a few changes of them, and a few whole files.
func fuzzSeeds(f *testing.F, bases [][]byte) {
	f.Helper()
	for i := range bases {
		f.Add(uint8(i), uint16(0), uint16(0), []byte{})
	}
	example := bases[0]
	for _, change := range [][2]string{
		{`"nda": "yes"`, `"nda": "perhaps"`},
		{`"daily_volume": 5000`, `"daily_volume": -1`},
		{`"seat_multiple": 8`, `"seat_multiple": 1e308`},
		{`"profile": "default"`, `"profile": {"A": 30, "B": 30, "C": 20, "D": 20.5}`},
		{`"name": "示例服务商"`, `"name": "x\u001b[31m\ud800"`},
		{`"2": "营业执照已核验"`, `"9": "n"`},
		{`{`, `{"colour": "red", `},
	} {
		at := bytes.Index(example, []byte(change[0]))
		if at < 0 {
			f.Fatalf("%s is not in format.md's example", change[0])
		}
		f.Add(uint8(0), uint16(at), uint16(len(change[0])), []byte(change[1]))
	}
	empty := uint8(len(bases) - 1)
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"format": "vendorvet.session/1"}`,
		`{"format": "vendorvet.session/1", "vendors": [{"name": "a"}, {"name": "a"}]}`,
		"\ufeff{\"format\": \"vendorvet.session/1\", \"title\": \"\\ud800\"}",
	} {
		f.Add(empty, uint16(0), uint16(0), []byte(s))
	}
	for _, h := range hostileFiles() {
		if len(h.doc) < 4096 {
			f.Add(empty, uint16(0), uint16(0), []byte(h.doc))
		}
	}
}

// escapeKey is a JSON key that sets a terminal's title and clears its screen when
// printed as it is.
const escapeKey = `\u001b]0;PWNED\u0007\u001b[2J`

// hostileFiles are session files made to break what prints or stores them, with a
// word the refusal must say.
func hostileFiles() []struct{ name, doc, words string } {
	const head = `{"format": "vendorvet.session/1", `
	var many strings.Builder
	many.WriteString(head + `"vendors": [`)
	for i := range rubric.MaxVendors + 1 {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"name": "v%d"}`, i)
	}
	many.WriteString("]}")
	return []struct{ name, doc, words string }{
		{"escape key twice", head + `"` + escapeKey + `": 1, "` + escapeKey + `": 2}`, "twice"},
		{"escape key twice in answers", head + `"vendors": [{"name": "a", "answers": {"` + escapeKey + `": 1, "` + escapeKey + `": 2}}]}`, "twice"},
		{"escape key unknown", head + `"` + escapeKey + `": 1}`, "unknown key"},
		{"invalid UTF-8", head + "\"title\": \"a\xff\"}", "byte offset 45"},
		{"unpaired surrogate", head + `"title": "\udfff"}`, "surrogate"},
		{"name too long", head + `"vendors": [{"name": "` + strings.Repeat("名", clean.MaxLine+1) + `"}]}`, fmt.Sprintf("at most %d", clean.MaxLine)},
		{"too many vendors", many.String(), fmt.Sprintf("at most %d", rubric.MaxVendors)},
	}
}

// A file name is quoted as plain text too, whatever it holds.
func TestFileNameWithEscapesIsCleaned(t *testing.T) {
	name := filepath.Join(t.TempDir(), "\x1b]0;PWNED\x07\x1b[2J.json")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"--db", filepath.Join(t.TempDir(), "v.db"), "score", name}, nil, &stdout, &stderr, func(string) string { return "" })
	if code != exitError || strings.ContainsAny(stderr.String(), "\x1b\x07") || !strings.Contains(stderr.String(), "]0;PWNED[2J.json") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestHostileFilesByCommand runs every hostile file through import and score: each
// is refused in one plain line that says why, in both languages, and nothing is
// written.
func TestHostileFilesByCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vendorvet.db")
	env := func(string) string { return "" }
	for _, h := range hostileFiles() {
		for _, lang := range []string{"en", "zh"} {
			for _, args := range [][]string{{"import", "-"}, {"score", "-"}, {"score", "--json", "-"}} {
				t.Run(h.name+"/"+lang+"/"+strings.Join(args, " "), func(t *testing.T) {
					var stdout, stderr bytes.Buffer
					code := Main(append([]string{"--db", dbPath, "--lang", lang}, args...), strings.NewReader(h.doc), &stdout, &stderr, env)
					msg := stderr.String()
					if code != exitError || stdout.Len() != 0 || !strings.HasPrefix(msg, "vendorvet: ") || strings.Count(msg, "\n") != 1 {
						t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout.String(), msg)
					}
					if i := strings.IndexFunc(strings.TrimSuffix(msg, "\n"), unicode.IsControl); i >= 0 {
						t.Fatalf("stderr carries a control character: %q", msg)
					}
					if lang == "en" && !strings.Contains(msg, h.words) {
						t.Errorf("stderr %q does not say %q", msg, h.words)
					}
					if lang == "zh" && !regexp.MustCompile(`\p{Han}`).MatchString(msg) {
						t.Errorf("no Chinese in %q", msg)
					}
				})
			}
		}
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("a refused file created the database")
	}
}

// checkFailure asserts one "vendorvet: " line naming standard input and a reason.
func checkFailure(t *testing.T, code int, stderr string) {
	t.Helper()
	if code != exitError {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitError, stderr)
	}
	const prefix = "vendorvet: standard input is not a valid session file: "
	if !strings.HasPrefix(stderr, prefix) || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("stderr is not one line saying what is wrong with the file: %q", stderr)
	}
	if reason := strings.TrimSuffix(strings.TrimPrefix(stderr, prefix), "\n"); len(reason) < 5 {
		t.Fatalf("no reason given: %q", stderr)
	}
}

// FuzzImport feeds arbitrary files to "vendorvet import -" against one database per
// fuzz worker, reset to the same content before each input: never a panic, and on
// error the database is exactly as it was.
func FuzzImport(f *testing.F) {
	bases := fuzzBases(f)
	fuzzSeeds(f, bases)
	dbPath := filepath.Join(f.TempDir(), "vendorvet.db")
	env := func(string) string { return "" }
	var out, errs bytes.Buffer
	if code := Main([]string{"--db", dbPath, "demo"}, nil, &out, &errs, env); code != 0 {
		f.Fatalf("demo: %s", errs.String())
	}
	pristine, err := os.ReadFile(dbPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, base uint8, at, cut uint16, patch []byte) {
		data := splice(bases, base, at, cut, patch)
		if err := os.WriteFile(dbPath, pristine, 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := Main([]string{"--db", dbPath, "import", "-"}, bytes.NewReader(data), &stdout, &stderr, env)
		if code == 0 {
			// The one session already there is 1; the import is the next.
			if stdout.String() != "2\n" || stderr.Len() != 0 {
				t.Fatalf("import succeeded with stdout %q, stderr %q", stdout.String(), stderr.String())
			}
			return
		}
		if !strings.Contains(stderr.String(), "standard input") {
			// Valid as a file but refused by the store (a vendor named twice, …):
			// still one line, and still nothing written.
			if code != exitError || !strings.HasPrefix(stderr.String(), "vendorvet: ") || strings.Count(stderr.String(), "\n") != 1 {
				t.Fatalf("exit %d, stderr %q", code, stderr.String())
			}
		} else {
			checkFailure(t, code, stderr.String())
		}
		after, err := os.ReadFile(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, pristine) {
			t.Fatalf("a refused import changed the database (%s)", stderr.String())
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(dbPath + suffix); err == nil {
				t.Fatalf("%s left behind", suffix)
			}
		}
	})
}

// FuzzScore feeds arbitrary files to "vendorvet score -" and "score --json -": never a
// panic, an error names the problem, a success prints the scorecards (valid JSON with
// --json), and no database is ever created.
func FuzzScore(f *testing.F) {
	bases := fuzzBases(f)
	fuzzSeeds(f, bases)
	dbPath := filepath.Join(f.TempDir(), "never", "vendorvet.db")
	env := func(string) string { return "" }
	f.Fuzz(func(t *testing.T, base uint8, at, cut uint16, patch []byte) {
		data := splice(bases, base, at, cut, patch)
		for _, args := range [][]string{{"score", "-"}, {"score", "--json", "-"}} {
			var stdout, stderr bytes.Buffer
			code := Main(append([]string{"--db", dbPath, "--lang", "en"}, args...), bytes.NewReader(data), &stdout, &stderr, env)
			if code != 0 {
				checkFailure(t, code, stderr.String())
				if stdout.Len() != 0 {
					t.Fatalf("a failed score printed %q", stdout.String())
				}
				continue
			}
			if stderr.Len() != 0 || stdout.Len() == 0 {
				t.Fatalf("score succeeded with stdout %q, stderr %q", stdout.String(), stderr.String())
			}
			if args[1] == "--json" {
				var card struct {
					Vendors []json.RawMessage `json:"vendors"`
					Ranking []string          `json:"ranking"`
				}
				if err := json.Unmarshal(stdout.Bytes(), &card); err != nil {
					t.Fatalf("score --json printed invalid JSON: %v\n%s", err, stdout.String())
				}
			}
		}
		if _, err := os.Stat(filepath.Dir(dbPath)); err == nil {
			t.Fatal("score created the database folder")
		}
	})
}

// The import path end to end on the seeds, as the fuzz targets see them, so that a
// plain "go test" checks the harness itself.
func TestImportSeedsThroughTheStore(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "vendorvet.db")
	b, err := os.ReadFile(filepath.Join("..", "report", "testdata", "format_example.json"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"--db", dbPath, "import", "-"}, bytes.NewReader(b), &stdout, &stderr, func(string) string { return "" }); code != 0 {
		t.Fatalf("format.md's example: exit %d, %s", code, stderr.String())
	}
	s, err := db.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.ListSessions(t.Context(), "", 0, 10)
	if err != nil || len(list) != 1 || list[0].Title != "2026 客服外包选型" {
		t.Fatalf("after the import: %+v, %v", list, err)
	}
}
