package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"vendorvet/db"
	"vendorvet/demo"
	"vendorvet/report"
	"vendorvet/rubric"
	"vendorvet/sessionfile"
)

// result is what one run of the program left behind.
type result struct {
	code           int
	stdout, stderr string
}

// harness runs the program in-process against its own database and environment.
type harness struct {
	t     *testing.T
	dbArg string
	env   map[string]string
	stdin string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return &harness{t: t, dbArg: filepath.Join(t.TempDir(), "vv.db"), env: map[string]string{}}
}

// run calls Main with --db first and only the harness's environment.
func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.runRaw(append([]string{"--db", h.dbArg}, args...)...)
}

// runRaw calls Main with exactly args.
func (h *harness) runRaw(args ...string) result {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return h.env[k] }
	code := Main(args, strings.NewReader(h.stdin), &stdout, &stderr, getenv)
	return result{code, stdout.String(), stderr.String()}
}

// ok fails the test unless the run succeeded quietly.
func (r result) ok(t *testing.T) result {
	t.Helper()
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
	return r
}

// failed checks the exit status and that stderr is exactly one "vendorvet: " line.
func (r result) failed(t *testing.T, code int) string {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d; stderr %q, stdout %q", r.code, code, r.stderr, r.stdout)
	}
	if !strings.HasPrefix(r.stderr, "vendorvet: ") || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Fatalf("stderr is not one line starting with \"vendorvet: \": %q", r.stderr)
	}
	return r.stderr
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

func isChinese(s string) bool { return regexp.MustCompile(`\p{Han}`).MatchString(s) }

func TestHelpOfEveryCommand(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		usage := map[string]string{"en": "Usage: vendorvet ", "zh": "用法：vendorvet "}[lang]
		for _, cmd := range commands() {
			for _, args := range [][]string{
				{cmd.name, "--help"},
				{cmd.name, "-h"},
				{"help", cmd.name},
				{cmd.name, "-help", "--lang", lang}, // global flags after the command too
			} {
				t.Run(lang+"/"+strings.Join(args, "_"), func(t *testing.T) {
					h := newHarness(t)
					r := h.run(append([]string{"--lang", lang}, args...)...).ok(t)
					if !strings.HasPrefix(r.stdout, usage+cmd.name) {
						t.Errorf("help does not start with %q:\n%s", usage+cmd.name, r.stdout)
					}
					if !strings.Contains(r.stdout, "--db") || !strings.Contains(r.stdout, "--lang zh|en") {
						t.Errorf("help does not list the global flags:\n%s", r.stdout)
					}
					if got := isChinese(r.stdout); got != (lang == "zh") {
						t.Errorf("help in Chinese = %v, want %v:\n%s", got, lang == "zh", r.stdout)
					}
					if _, err := os.Stat(h.dbArg); err == nil {
						t.Error("help created the database")
					}
				})
			}
		}
	}
}

func TestMainHelpListsEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		h := newHarness(t)
		r := h.run(args...).ok(t)
		for _, cmd := range commands() {
			if !regexp.MustCompile(`(?m)^  ` + cmd.name + ` +\S`).MatchString(r.stdout) {
				t.Errorf("%v: the usage does not list %s:\n%s", args, cmd.name, r.stdout)
			}
		}
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		zh   bool
	}{
		{"nothing set", nil, nil, false},
		{"LANG Chinese", map[string]string{"LANG": "zh_CN.UTF-8"}, nil, true},
		{"LANG English", map[string]string{"LANG": "en_GB.UTF-8"}, nil, false},
		{"LANG C", map[string]string{"LANG": "C"}, nil, false},
		{"LC_MESSAGES over LANG", map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, nil, true},
		{"LC_ALL over the rest", map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN", "LANG": "zh_CN"}, nil, false},
		{"LC_ALL Chinese", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, nil, true},
		{"empty LC_ALL is unset", map[string]string{"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, nil, true},
		{"--lang over the locale", map[string]string{"LC_ALL": "zh_CN.UTF-8"}, []string{"--lang", "en"}, false},
		{"--lang= form", nil, []string{"--lang=zh"}, true},
		{"--lang after the command", nil, []string{"help", "--lang", "zh"}, true},
		{"last --lang wins", nil, []string{"--lang", "en", "help", "--lang", "zh"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.env = tt.env
			args := tt.args
			if len(args) == 0 || args[0] != "help" {
				args = append(args, "help")
			}
			r := h.run(args...).ok(t)
			if got := isChinese(r.stdout); got != tt.zh {
				t.Errorf("Chinese = %v, want %v:\n%s", got, tt.zh, r.stdout)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the one-line message
	}{
		{[]string{"frobnicate"}, `"frobnicate"`},
		{[]string{"--bogus", "list"}, "-bogus"},
		{[]string{"list", "--bogus"}, "-bogus"},
		{[]string{"list", "extra"}, `"extra"`},
		{[]string{"--lang", "fr", "list"}, `"fr"`},
		{[]string{"--db"}, "-db"},
		{[]string{"export"}, "export"},
		{[]string{"export", "abc"}, `"abc"`},
		{[]string{"export", "0"}, `"0"`},
		{[]string{"export", "1", "--format", "pdf"}, `"pdf"`},
		{[]string{"export", "1", "2"}, `"2"`},
		{[]string{"import"}, "import"},
		{[]string{"score"}, "score"},
		{[]string{"score", "a.json", "b.json"}, `"b.json"`},
		{[]string{"score", "a.json", "--json=maybe"}, "-json"},
		{[]string{"backup"}, "backup"},
		{[]string{"demo", "now"}, `"now"`},
		{[]string{"version", "2"}, `"2"`},
		{[]string{"help", "frobnicate"}, `"frobnicate"`},
		{[]string{"help", "list", "export"}, "help"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			h := newHarness(t)
			msg := h.run(tt.args...).failed(t, exitUsage)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not mention %s", msg, tt.want)
			}
			if _, err := os.Stat(h.dbArg); err == nil {
				t.Error("a usage error created the database")
			}
		})
	}
}

func TestUsageErrorsInChinese(t *testing.T) {
	h := newHarness(t)
	h.env = map[string]string{"LANG": "zh_CN.UTF-8"}
	for _, args := range [][]string{{"frobnicate"}, {"list", "--bogus"}, {"export", "abc"}, {"export"}} {
		msg := h.run(args...).failed(t, exitUsage)
		if !isChinese(msg) {
			t.Errorf("%v: message not in Chinese: %q", args, msg)
		}
	}
	// --lang given after the flag that is wrong still decides the language.
	msg := h.run("list", "--bogus", "--lang", "zh").failed(t, exitUsage)
	if !strings.Contains(msg, "未知选项 -bogus") {
		t.Errorf("message %q", msg)
	}
}

func TestListEmpty(t *testing.T) {
	h := newHarness(t)
	r := h.run("list").ok(t)
	if !strings.Contains(r.stdout, "vendorvet demo") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("want one friendly line suggesting vendorvet demo, got %q", r.stdout)
	}
}

func TestDemoThenList(t *testing.T) {
	h := newHarness(t)
	if r := h.run("demo").ok(t); r.stdout != "1\n" {
		t.Fatalf("demo printed %q, want the new ID", r.stdout)
	}
	if r := h.run("--lang", "zh", "demo").ok(t); r.stdout != "2\n" {
		t.Fatalf("second demo printed %q", r.stdout)
	}
	r := h.run("list").ok(t)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and two rows:\n%s", r.stdout)
	}
	for _, col := range []string{"ID", "Title", "Client", "Vendors", "Leader", "Score", "Band", "Last change"} {
		if !strings.Contains(lines[0], col) {
			t.Errorf("header lacks %q: %q", col, lines[0])
		}
	}
	// The most recently changed session comes first.
	for i, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := demo.Session(lang)
		row, id := lines[i+1], 2-i
		fields := strings.Fields(row)
		if fields[0] != strconv.Itoa(id) || !strings.Contains(row, "  "+cellText(s.Title)+"  ") {
			t.Errorf("row %d does not show session %d %q: %q", i+1, id, s.Title, row)
		}
		if !strings.Contains(row, "  "+strconv.Itoa(len(s.Vendors))+"  ") {
			t.Errorf("row %q lacks the vendor count %d", row, len(s.Vendors))
		}
	}
	// The rows line up in terminal cells even though one of them is Chinese: the last
	// column starts at the same cell in both.
	stamp := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d$`)
	for _, row := range lines[1:] {
		loc := stamp.FindStringIndex(row)
		if loc == nil {
			t.Fatalf("row %q does not end with the time of the last change", row)
		}
		if got, want := cellWidth.StringWidth(row[:loc[0]]), cellWidth.StringWidth(lines[1][:stamp.FindStringIndex(lines[1])[0]]); got != want {
			t.Errorf("last column of %q starts at cell %d, want %d", row, got, want)
		}
	}
}

func TestSessionTableAlignsChinese(t *testing.T) {
	c := &cli{lang: rubric.ZH}
	updated := time.Date(2026, 3, 1, 9, 30, 0, 0, time.Local)
	out := c.sessionTable([]db.SessionSummary{
		{ID: 7, Title: "2026 客服外包选型", Client: "某服装电商", Vendors: 3, Lead: "网萌科技", LeadTotal: 93, LeadBand: rubric.Excellent, HasLead: true, UpdatedAt: updated},
		{ID: 12, Title: "Help desk\x1b[31m", Client: "", Vendors: 0, UpdatedAt: updated},
		{ID: 13, Title: strings.Repeat("很长的标题", 20), Client: "c", Vendors: 1, Lead: "A", LeadTotal: 74.5, LeadBand: rubric.Qualified, HasLead: true, UpdatedAt: updated},
	})
	want := strings.Join([]string{
		"编号  标题                           客户        服务商  领先服务商  得分  评级        最后修改",
		"   7  2026 客服外包选型              某服装电商       3  网萌科技      93  优质合作方  2026-03-01 09:30",
		"  12  Help desk[31m                  -                0  -              -  -           2026-03-01 09:30",
		"  13  很长的标题很长的标题很长的...  c                1  A           74.5  合格备选    2026-03-01 09:30",
	}, "\n") + "\n"
	if out != want {
		t.Errorf("table:\n%s\nwant:\n%s", out, want)
	}
}

func TestExportToFileRefusesToOverwrite(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	out := filepath.Join(t.TempDir(), "report.md")

	r := h.run("export", "1", "-o", out).ok(t)
	if !strings.Contains(r.stdout, out) {
		t.Errorf("export does not say where it wrote: %q", r.stdout)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte(demo.Session(rubric.EN).Title)) {
		t.Errorf("the report does not carry the session's title:\n%s", md)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", st.Mode().Perm())
	}

	if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := h.run("export", "1", "--format", "json", "-o", out).failed(t, exitError)
	if !strings.Contains(msg, "--force") {
		t.Errorf("the refusal does not mention --force: %q", msg)
	}
	if got, _ := os.ReadFile(out); string(got) != "mine" {
		t.Fatalf("the file was overwritten without --force: %q", got)
	}

	h.run("export", "--force", "1", "--format", "json", "-o", out).ok(t)
	got, _ := os.ReadFile(out)
	stdout := h.run("export", "1", "--format", "json").ok(t).stdout
	if string(got) != stdout {
		t.Errorf("--force did not write the export: %q", got)
	}
}

func TestExportRefusesSymlink(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	dir := t.TempDir()
	target, link := filepath.Join(dir, "precious.txt"), filepath.Join(dir, "report.md")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	msg := h.run("export", "1", "-o", link, "--force").failed(t, exitError)
	if !strings.Contains(msg, link) {
		t.Errorf("message %q does not name the link", msg)
	}
	if got, _ := os.ReadFile(target); string(got) != "keep" {
		t.Errorf("the file behind the link was changed: %q", got)
	}
}

func TestExportMarkdownToStdout(t *testing.T) {
	h := newHarness(t)
	h.run("--lang", "zh", "demo").ok(t)
	// The report follows the session's language unless --lang says otherwise.
	if r := h.run("export", "1").ok(t); !isChinese(r.stdout) || !strings.HasPrefix(r.stdout, "#") {
		t.Errorf("Markdown of a Chinese session:\n%s", r.stdout)
	}
	zh := h.run("export", "1").ok(t).stdout
	en := h.run("--lang", "en", "export", "1").ok(t).stdout
	if zh == en {
		t.Error("--lang en did not change the report's language")
	}
}

func TestExportUnknownSession(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	msg := h.run("export", "42").failed(t, exitError)
	if !strings.Contains(msg, "42") || !strings.Contains(msg, "vendorvet list") {
		t.Errorf("message %q does not name the ID and how to find one", msg)
	}
	h.env = map[string]string{"LANG": "zh_CN.UTF-8"}
	if msg := h.run("export", "42").failed(t, exitError); !isChinese(msg) {
		t.Errorf("message %q", msg)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			h := newHarness(t)
			path, original := sessionFile(t, demo.Session(lang))
			r := h.run("import", path).ok(t)
			if r.stdout != "1\n" {
				t.Fatalf("import printed %q, want the new ID", r.stdout)
			}
			exported := h.run("export", "1", "--format", "json").ok(t).stdout
			// The store adds the session's uid and its panel of one; the rest comes
			// back as it went in.
			back, err := sessionfile.Import([]byte(exported))
			if err != nil {
				t.Fatal(err)
			}
			if len(back.UID) != 32 || len(back.Panel) != 1 || back.Panel[0].Role != rubric.Lead || !back.Blind {
				t.Errorf("uid %q, panel %+v, blind %v", back.UID, back.Panel, back.Blind)
			}
			back.UID, back.Panel, back.Blind = "", nil, false
			if again, _ := sessionfile.Export(back); string(again) != string(original) {
				t.Errorf("export after import differs:\n%s\nwant:\n%s", again, original)
			}
			// And again through standard input: a second session, the same document.
			h.stdin = exported
			if r := h.run("import", "-").ok(t); r.stdout != "2\n" {
				t.Fatalf("import - printed %q", r.stdout)
			}
			if again := h.run("export", "2", "--format", "json").ok(t).stdout; again != exported {
				t.Errorf("second round trip differs:\n%s", again)
			}
		})
	}
}

func TestMalformedImportChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	before := h.run("list").ok(t).stdout
	dbBefore, err := os.ReadFile(h.dbArg)
	if err != nil {
		t.Fatal(err)
	}

	_, good := sessionFile(t, demo.Session(rubric.EN))
	dir := t.TempDir()
	files := map[string]string{
		"not json":     "this is not JSON",
		"empty":        "",
		"array":        "[]",
		"unknown key":  strings.Replace(string(good), `"title"`, `"colour": "red", "title"`, 1),
		"wrong type":   strings.Replace(string(good), `"daily_volume": `, `"daily_volume": "many", "x": `, 1),
		"bad answer":   strings.Replace(string(good), `"nda": "yes"`, `"nda": "perhaps"`, 1),
		"truncated":    string(good[:len(good)/2]),
		"wrong format": strings.Replace(string(good), sessionfile.Format, "vendorvet.session/99", 1),
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			if content == string(good) {
				t.Fatal("the test case did not change the file")
			}
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			msg := h.run("import", path).failed(t, exitError)
			if !strings.Contains(msg, path) {
				t.Errorf("message %q does not name the file", msg)
			}
			if after := h.run("list").ok(t).stdout; after != before {
				t.Errorf("the sessions changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
	if dbAfter, _ := os.ReadFile(h.dbArg); !bytes.Equal(dbAfter, dbBefore) {
		t.Error("the database file changed")
	}

	// A bad file never even creates a database.
	fresh := newHarness(t)
	fresh.run("import", filepath.Join(dir, "not_json.json")).failed(t, exitError)
	if _, err := os.Stat(fresh.dbArg); err == nil {
		t.Error("a malformed import created the database")
	}
}

func TestImportMissingFile(t *testing.T) {
	h := newHarness(t)
	missing := filepath.Join(t.TempDir(), "nope.json")
	msg := h.run("import", missing).failed(t, exitError)
	if !strings.Contains(msg, missing) {
		t.Errorf("message %q", msg)
	}
}

func TestScoreNeedsNoDatabase(t *testing.T) {
	s := demo.Session(rubric.EN)
	path, data := sessionFile(t, s)
	imported, err := sessionfile.Import(data)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, err := report.ScoreJSON(imported)
	if err != nil {
		t.Fatal(err)
	}

	h := newHarness(t)
	missingDir := filepath.Join(t.TempDir(), "nowhere")
	h.dbArg = filepath.Join(missingDir, "vv.db")
	h.env = map[string]string{"VENDORVET_DB": filepath.Join(missingDir, "env.db")}

	if r := h.run("score", path, "--json").ok(t); r.stdout != string(wantJSON) {
		t.Errorf("score --json:\n%s\nwant:\n%s", r.stdout, wantJSON)
	}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		if r := h.run("--lang", string(lang), "score", path).ok(t); r.stdout != report.ScoreText(imported, lang) {
			t.Errorf("score in %s:\n%s\nwant:\n%s", lang, r.stdout, report.ScoreText(imported, lang))
		}
	}
	h.stdin = string(data)
	if r := h.run("score", "--json", "-").ok(t); r.stdout != string(wantJSON) {
		t.Errorf("score - differs:\n%s", r.stdout)
	}
	if _, err := os.Stat(missingDir); err == nil {
		t.Error("score created the database folder")
	}

	msg := h.run("score", filepath.Join(t.TempDir(), "nope.json")).failed(t, exitError)
	if !strings.Contains(msg, "nope.json") {
		t.Errorf("message %q", msg)
	}
}

func TestDatabaseChoice(t *testing.T) {
	dir := t.TempDir()
	flagDB, envDB := filepath.Join(dir, "flag.db"), filepath.Join(dir, "env.db")
	h := newHarness(t)
	h.env = map[string]string{"VENDORVET_DB": envDB}

	h.runRaw("demo").ok(t)
	if _, err := os.Stat(envDB); err != nil {
		t.Fatalf("VENDORVET_DB was not used: %v", err)
	}
	h.runRaw("demo", "--db", flagDB).ok(t) // --db after the command, over the environment
	h.runRaw("--db", flagDB, "demo").ok(t)
	if got := strings.Count(h.runRaw("list", "--db", flagDB).ok(t).stdout, "\n"); got != 3 {
		t.Errorf("--db database lists %d lines, want a header and two sessions", got)
	}
	if got := strings.Count(h.runRaw("list").ok(t).stdout, "\n"); got != 2 {
		t.Errorf("VENDORVET_DB database lists %d lines, want a header and one session", got)
	}
}

func TestNotADatabase(t *testing.T) {
	h := newHarness(t)
	content := []byte("just some notes, not a database\n")
	if err := os.WriteFile(h.dbArg, content, 0o600); err != nil {
		t.Fatal(err)
	}
	msg := h.run("list").failed(t, exitError)
	if !strings.Contains(msg, h.dbArg) {
		t.Errorf("message %q does not name the file", msg)
	}
	if got, _ := os.ReadFile(h.dbArg); !bytes.Equal(got, content) {
		t.Error("the file was changed")
	}
}

func TestBackup(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	backup := filepath.Join(t.TempDir(), "copy.db")
	r := h.run("backup", backup).ok(t)
	if !strings.Contains(r.stdout, backup) {
		t.Errorf("backup does not say where it wrote: %q", r.stdout)
	}
	original := h.run("export", "1", "--format", "json").ok(t).stdout
	fromBackup := h.runRaw("--db", backup, "export", "1", "--format", "json").ok(t).stdout
	if fromBackup != original {
		t.Error("the backup does not hold the session")
	}
	// A second backup to the same file does not replace the first.
	h.run("demo").ok(t)
	h.run("backup", backup).failed(t, exitError)
	if got := strings.Count(h.runRaw("--db", backup, "list").ok(t).stdout, "\n"); got != 2 {
		t.Errorf("the first backup was replaced: %d lines", got)
	}
}

func TestVersion(t *testing.T) {
	h := newHarness(t)
	r := h.run("version").ok(t)
	if !strings.HasPrefix(r.stdout, "vendorvet ") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("version printed %q", r.stdout)
	}
	if _, err := os.Stat(h.dbArg); err == nil {
		t.Error("version created the database")
	}
}

func TestFormatVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "vendorvet devel "},
		{"devel build", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "vendorvet devel go1.26.0"},
		{"released", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}}, "vendorvet v1.2.3 go1.26.0"},
		{"from a checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "49c1881d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b"},
			{Key: "vcs.time", Value: "2026-01-05T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, "vendorvet devel (49c1881d2e3f, 2026-01-05T10:00:00Z, modified) go1.26.0"},
		{"clean checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"},
			{Key: "vcs.modified", Value: "false"},
		}}, "vendorvet devel (abc) go1.26.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatVersion(tt.info)
			if tt.info == nil {
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("got %q, want it to start with %q", got, tt.want)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestArgumentsInAnyOrder(t *testing.T) {
	h := newHarness(t)
	h.run("demo").ok(t)
	want := h.run("export", "1", "--format", "json").ok(t).stdout
	for _, args := range [][]string{
		{"export", "--format", "json", "1"},
		{"export", "--format=json", "--", "1"},
		{"--lang", "zh", "export", "1", "--lang", "en", "--format", "json"},
	} {
		if got := h.run(args...).ok(t).stdout; got != want {
			t.Errorf("%v gave a different export", args)
		}
	}
}

func TestLangInArgs(t *testing.T) {
	tests := []struct {
		args []string
		want rubric.Lang
		ok   bool
	}{
		{nil, "", false},
		{[]string{"--lang", "zh"}, rubric.ZH, true},
		{[]string{"-lang=EN"}, rubric.EN, true},
		{[]string{"--lang", "fr"}, "", false},
		{[]string{"--lang", "zh", "list", "--lang", "fr"}, rubric.ZH, true},
		{[]string{"--", "--lang", "zh"}, "", false},
		{[]string{"--lang"}, "", false},
	}
	for _, tt := range tests {
		got, ok := langInArgs(tt.args)
		if got != tt.want || ok != tt.ok {
			t.Errorf("langInArgs(%q) = %q, %v; want %q, %v", tt.args, got, ok, tt.want, tt.ok)
		}
	}
}

// A session whose only vendor has nothing answered lists it as unfinished, and so do
// score and score --json: not answered yet is not rejected.
func TestUnfinishedVendorIsNotListedAsRejected(t *testing.T) {
	s := demo.Session(rubric.ZH)
	s.Vendors = []rubric.Vendor{{Name: "云帆呼叫中心", Answers: rubric.Answers{}}}
	path, _ := sessionFile(t, s)
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		h := newHarness(t)
		h.run("--lang", string(lang), "import", path).ok(t)
		list := h.run("--lang", string(lang), "list").ok(t).stdout
		text := h.run("--lang", string(lang), "score", path).ok(t).stdout
		for what, out := range map[string]string{"list": list, "score": text} {
			if !strings.Contains(out, rubric.Incomplete.Label(lang)) || strings.Contains(out, rubric.Reject.Label(lang)) {
				t.Errorf("%s, %s: the vendor is not unfinished:\n%s", lang, what, out)
			}
		}
		if js := h.run("score", "--json", path).ok(t).stdout; !strings.Contains(js, `"band": "incomplete"`) {
			t.Errorf("score --json:\n%s", js)
		}
	}
}
