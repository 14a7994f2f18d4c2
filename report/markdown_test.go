package report

import (
	"maps"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"vendorvet/demo"
	"vendorvet/rubric"
)

// splitRow splits a table row on the pipes that are not backslash-escaped, the way a
// GFM renderer finds cells, and drops the empty ends outside the outer pipes.
func splitRow(row string) []string {
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			cur.WriteByte(row[i])
			if i+1 < len(row) {
				i++
				cur.WriteByte(row[i])
			}
		case '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	cells = append(cells, cur.String())
	if len(cells) >= 2 && strings.TrimSpace(cells[0]) == "" && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[1 : len(cells)-1]
	}
	return cells
}

// hasControl reports a control or invisible-direction character other than newline.
func hasControl(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
	}
	return 0, false
}

func TestCell(t *testing.T) {
	cases := map[string]string{
		"杭州澄言客服科技有限公司":   "杭州澄言客服科技有限公司",
		"年轻用户,对响应速度要求高。": "年轻用户,对响应速度要求高。",
		"a|b":                        `a\|b`,
		`C:\data`:                    `C:\\data`,
		"<script>alert(1)</script>":  "&lt;script&gt;alert(1)&lt;/script&gt;",
		"line 1\r\nline 2\n\nline 3": "line 1 / line 2 / line 3",
		"tab\there":                  "tab here",
		"R & D, Q&A":                 "R & D, Q&A",
		"&lt; &#60; &amp;":           "&amp;lt; &amp;#60; &amp;amp;",
		"[click](javascript:x)":      `\[click\](javascript:x)`,
		"**bold** _it_ `code` ~~s~~": `\*\*bold\*\* \_it\_ &#96;code&#96; \~\~s\~\~`,
		"\x1b[2Jcleared\x07":         `\[2Jcleared`,
		"emoji 👍🏽 ok":                "emoji 👍🏽 ok",
	}
	for in, want := range cases {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// Text that plainCell lets through untouched is exactly what Cell leaves as it is.
func TestPlainCell(t *testing.T) {
	plain := 0
	for c := rune(0); c < utf8.RuneSelf; c++ {
		s := "a" + string(c) + "a"
		if !plainCell(s) {
			continue
		}
		plain++
		if Cell(s) != s {
			t.Errorf("plainCell(%q) but Cell gives %q", s, Cell(s))
		}
	}
	// Printable ASCII but for & < > \ ` * _ [ ] | ~.
	if plain != 95-11 {
		t.Errorf("%d ASCII characters are plain, want %d", plain, 95-11)
	}
	plain = 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if plainCell(string(r)) != plainRune(r) {
			t.Errorf("plainCell(%U) = %v, plainRune = %v", r, plainCell(string(r)), plainRune(r))
		}
		if !plainRune(r) {
			continue
		}
		plain++
		if s := string(r); Cell(s) != s || !plainCell(s) {
			t.Errorf("plainRune(%U) but Cell(%q) = %q", r, s, Cell(s))
		}
	}
	if plain < 20000 {
		t.Errorf("only %d characters are plain: CJK text would always be escaped again", plain)
	}
	for _, s := range []string{"", "ISO 9001 → 3", "已核验 → 6", "200,000 元", "98%", "预算内(98%)", "Qualified — backup"} {
		if !plainCell(s) {
			t.Errorf("plainCell(%q) = false", s)
		}
	}
	for _, s := range []string{" lead", "trail ", "a\u3000", "\u3000a", "a\u00a0", "R&D", "a|b", "x\u202ey", "\xff", "soft\u00adhyphen", "tab\tx", "\xe4\xb8", "a\xe4", "\xe4\xb8a", "\xed\xa0\x80"} {
		if plainCell(s) {
			t.Errorf("plainCell(%q) = true, Cell gives %q", s, Cell(s))
		}
	}
}

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"营业执照已核验", "营业执照已核验"},
		{"line 1\nline 2", "line 1  \nline 2"},
		{"para 1\n\npara 2\n\n", "para 1\n\npara 2"},
		{"# heading\n## two\n#tag", "\\# heading  \n\\## two  \n#tag"},
		{"text\n---", "text  \n\\---"},
		{"text\n===", "text  \n\\==="},
		{"- - -", `\- - -`},
		{"- item\n- item", "- item  \n- item"},
		{"    indented code", "indented code"},
		{"```\nfence", "&#96;&#96;&#96;  \nfence"},
		{"> quote", "&gt; quote"},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"[ref]: http://evil", `\[ref\]: http://evil`},
		{"crlf\r\nnext\u202e", "crlf  \nnext"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Quote("a\n\nb"); got != "> a\n>\n> b" {
		t.Errorf("Quote = %q", got)
	}
}

func TestInline(t *testing.T) {
	if got := Inline("Title #"); got != `Title \#` {
		t.Errorf("Inline = %q: a trailing # would be eaten by the heading", got)
	}
}

// hostile is text a user might paste, or an attacker might plant, in every field.
var hostile = strings.Join([]string{
	"供应商「测试」👩‍💻 emoji",
	"\u202eevil\u202c RTL override",
	"tab\there", "crlf\r\nline", "cr\ronly",
	"\x1b[2J clear screen", "\x1b]52;c;aGVsbG8=\x07 clipboard", "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
	"bell\x07", "csi\u009b31m",
	"a|b||c", "<script>alert(1)</script>", "<!-- comment -->", `back\slash\`, "&lt;entity&gt;",
	"# heading", "---", "```", "[x](javascript:alert(1))", "![img](http://evil/x.png)",
}, "\n")

func hostileSession() rubric.Session {
	s := demo.Session(rubric.EN)
	big := strings.Repeat(hostile+"\n", 100*1024/len(hostile)+1)
	s.Title, s.Client, s.Evaluator = hostile, hostile, hostile
	s.Requirements.UserProfile, s.Requirements.Notes = hostile, big
	for i := range s.Vendors {
		s.Vendors[i].Name = hostile + string(rune('A'+i))
		s.Vendors[i].Contact = hostile
		for step := 2; step <= 7; step++ {
			s.Vendors[i].Notes[step] = hostile
		}
	}
	s.Vendors[0].Notes[2] = big
	return s
}

var rawTag = regexp.MustCompile(`<[A-Za-z!/?]`)

func TestMarkdownHostileText(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		md := string(Markdown(hostileSession(), lang, goldenNow))
		if r, ok := hasControl(md); ok {
			t.Errorf("%s: control character %U in the report", lang, r)
		}
		if loc := rawTag.FindStringIndex(md); loc != nil {
			t.Errorf("%s: raw HTML in the report: %q", lang, md[max(0, loc[0]-20):loc[1]+20])
		}
		if strings.Contains(md, "](") && regexp.MustCompile(`[^\\]\]\(`).MatchString(md) {
			t.Errorf("%s: a Markdown link survived", lang)
		}
		checkTables(t, md)
		for _, l := range strings.Split(md, "\n") {
			body := strings.TrimPrefix(l, "> ")
			if strings.HasPrefix(body, "# heading") {
				t.Errorf("%s: user text became a heading: %q", lang, l)
			}
			if body == "---" || body == "```" {
				t.Errorf("%s: user text became Markdown structure: %q", lang, l)
			}
		}
	}
}

// checkTables asserts that every row of every table has as many cells as its header.
func checkTables(t *testing.T, md string) {
	t.Helper()
	lines := strings.Split(md, "\n")
	tables := 0
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "| ") || !strings.HasPrefix(lines[i+1], "|---") {
			continue
		}
		tables++
		n := len(splitRow(lines[i]))
		if got := len(splitRow(lines[i+1])); got != n {
			t.Errorf("delimiter row has %d cells, header %d: %q", got, n, lines[i+1])
		}
		for j := i + 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if got := len(splitRow(lines[j])); got != n {
				t.Errorf("row has %d cells, header %d: %q", got, n, lines[j])
			}
		}
	}
	if tables == 0 {
		t.Error("no tables found")
	}
}

func TestMarkdownContent(t *testing.T) {
	s := demo.Session(rubric.EN)
	md := string(Markdown(s, rubric.EN, goldenNow))
	checkTables(t, md)
	for _, want := range []string{
		"# Customer-service outsourcing vendor selection 2026",
		"**Date:** 2026-05-12",
		"**Recommended: " + s.Vendors[0].Name + "**",
		"**Backup:** " + s.Vendors[1].Name,
		"**Reject:** " + s.Vendors[2].Name,
		"**Disqualified:** " + s.Vendors[3].Name,
		"keep their order when any dimension weight moves by ±5",
		"provisional",
		"| Monthly budget | 250,000 CNY |",
		"Mock-consultation rating (1–5) | Unknown |",
		"> Draft contract clause 9.3",
		rubric.FindingText("no_data_ownership", rubric.EN),
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	zh := string(Markdown(demo.Session(rubric.ZH), rubric.ZH, goldenNow))
	// Chinese bold labels keep the colon outside the asterisks, or they would not render.
	if strings.Contains(zh, ":**") || !strings.Contains(zh, "**备选**:") {
		t.Error("Chinese bold labels would not render")
	}
	empty := string(Markdown(rubric.Session{}, rubric.ZH, goldenNow))
	if !strings.Contains(empty, "尚未添加服务商") {
		t.Errorf("empty session report:\n%s", empty)
	}
}

// An unstable ranking names the weight shifts that flip it.
func TestMarkdownUnstableRanking(t *testing.T) {
	s := demo.Session(rubric.EN)
	// Two close vendors: the leader (90) is weak on compliance, the runner-up (89)
	// perfect there, so more weight on A swaps them.
	s.Vendors = []rubric.Vendor{s.Vendors[0], s.Vendors[3]}
	s.Vendors[0].Answers["iso9001"] = rubric.Value{Tri: rubric.No}
	s.Vendors[0].Answers["iso27001"] = rubric.Value{Tri: rubric.No}
	s.Vendors[0].Answers["mlps"] = rubric.Value{Tri: rubric.Yes}
	for _, id := range []string{"mlps", "data_ownership", "data_handover"} {
		s.Vendors[1].Answers[id] = rubric.Value{Tri: rubric.Yes}
	}
	s.Vendors[1].Answers["hidden_fees"] = rubric.Value{Set: []string{}}
	cards := []rubric.Scorecard{}
	for _, v := range s.Vendors {
		cards = append(cards, rubric.Score(s.Requirements, v.Answers, s.Profile))
	}
	st := rubric.RankStability(cards, []string{s.Vendors[0].Name, s.Vendors[1].Name}, s.Profile)
	md := string(Markdown(s, rubric.EN, goldenNow))
	if st.Stable {
		t.Fatalf("test data: the two vendors should swap under some ±5 shift (cards %v / %v)", cards[0].Total, cards[1].Total)
	}
	if !strings.Contains(md, "**Ranking stability:** Not stable — ") || !strings.Contains(md, st.Flips[0].Dim+" ") {
		t.Errorf("report does not name the flipping shift %v", st.Flips)
	}
}

func FuzzCell(f *testing.F) {
	for _, s := range strings.Split(hostile, "\n") {
		f.Add(s)
	}
	f.Add("a\\|b")
	f.Add("\\")
	f.Add("x\n|y\r\n<z>")
	f.Fuzz(func(t *testing.T, s string) {
		cells := []string{Cell(s), Cell(s + "|"), Cell("\\" + s)}
		row := "| " + strings.Join(cells, " | ") + " |"
		if got := len(splitRow(row)); got != len(cells) {
			t.Fatalf("row %q has %d cells, want %d", row, got, len(cells))
		}
		c := cells[0]
		if plainCell(s) && c != s {
			t.Fatalf("plainCell(%q) but Cell changes it to %q", s, c)
		}
		if strings.ContainsAny(c, "<\n\r") {
			t.Fatalf("Cell(%q) = %q keeps a raw < or a line break", s, c)
		}
		if r, ok := hasControl(c); ok {
			t.Fatalf("Cell(%q) = %q keeps control character %U", s, c, r)
		}
	})
}

// Without an excellent vendor the report says so, and without a qualified one it
// recommends nobody.
func TestMarkdownWeakShortlists(t *testing.T) {
	s := demo.Session(rubric.EN)
	all := s.Vendors
	s.Vendors = []rubric.Vendor{all[1], all[2]}
	md := string(Markdown(s, rubric.EN, goldenNow))
	if !strings.Contains(md, "**No vendor reaches the excellent band (85).** The best candidate is **"+all[1].Name+"**") ||
		!strings.Contains(md, "Answer the open questions before signing") {
		t.Errorf("qualified-only shortlist:\n%s", md[:1200])
	}
	s.Vendors = []rubric.Vendor{all[2], all[3]}
	md = string(Markdown(s, rubric.ZH, goldenNow))
	if !strings.Contains(md, "不推荐任何服务商") || strings.Contains(md, "**推荐") {
		t.Errorf("reject-only shortlist:\n%s", md[:1200])
	}
}

// comparisonRows returns the rows of the report's comparison table by vendor name,
// each as its trimmed cells.
func comparisonRows(t *testing.T, md, heading string) map[string][]string {
	t.Helper()
	_, after, ok := strings.Cut(md, "## "+heading+"\n")
	if !ok {
		t.Fatalf("no %q section", heading)
	}
	lines := strings.Split(after, "\n")
	rows := map[string][]string{}
	// The header and delimiter rows come first, after a blank line.
	for _, l := range lines[3:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		cells := splitRow(l)
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[1]] = cells
	}
	return rows
}

// The comparison marks the best score of each column among the vendors still in
// contention, as the comparison screen does: a disqualified or rejected vendor's score
// is never the best, even when it is the highest.
func TestMarkdownBestExcludesDisqualified(t *testing.T) {
	all := demo.Session(rubric.EN).Vendors
	// The qualified backup (76), the reject (54) and the disqualified vendor (83),
	// which beats both in every column; and a second qualified vendor, the backup a
	// point weaker in each dimension.
	backup, reject, dq := all[1], all[2], all[3]
	// The backup's open questions answered, so that a runner-up a point weaker in
	// each dimension is still a backup too.
	backup.Answers = maps.Clone(backup.Answers)
	backup.Answers["mock_rating"] = rubric.Value{Num: 5}
	backup.Answers["raw_access"] = rubric.Value{Tri: rubric.Yes}
	runner := backup
	runner.Name = "Runner-up"
	runner.Answers = maps.Clone(backup.Answers)
	runner.Answers["mlps"] = rubric.Value{Tri: rubric.No}
	runner.Answers["elastic_model"] = rubric.Value{Tri: rubric.No}
	runner.Answers["csat_pct"] = rubric.Value{Num: 85}
	runner.Answers["feedback_hours"] = rubric.Value{Num: 48}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		s := demo.Session(rubric.EN)
		s.Vendors = []rubric.Vendor{backup, runner, reject, dq}
		if c := rubric.Score(s.Requirements, runner.Answers, s.Profile); c.Band != rubric.Qualified {
			t.Fatalf("test data: the runner-up is %s at %v", c.Band, c.Total)
		}
		md := string(Markdown(s, lang, goldenNow))
		heading := map[rubric.Lang]string{rubric.ZH: "横向对比", rubric.EN: "Comparison"}[lang]
		rows := comparisonRows(t, md, heading)
		if len(rows) != 4 {
			t.Fatalf("%s: %d rows in the comparison, want 4", lang, len(rows))
		}
		for _, out := range []rubric.Vendor{dq, reject} {
			for i, cell := range rows[out.Name] {
				if strings.Contains(cell, "**") {
					t.Errorf("%s: %s's column %d is marked best: %q", lang, out.Name, i, cell)
				}
			}
		}
		// Dimensions A–D and the total: the backup leads the vendors in contention.
		for col := 2; col <= 6; col++ {
			if cell := rows[backup.Name][col]; !strings.HasPrefix(cell, "**") {
				t.Errorf("%s: the backup's column %d is not marked best: %q", lang, col, cell)
			}
			if cell := rows[runner.Name][col]; strings.Contains(cell, "**") {
				t.Errorf("%s: the runner-up's column %d is marked best: %q", lang, col, cell)
			}
		}
		// With one vendor in contention there is nothing to be best against, a
		// rejected vendor being none.
		s.Vendors = []rubric.Vendor{backup, reject, dq}
		md = string(Markdown(s, lang, goldenNow))
		for name, cells := range comparisonRows(t, md, heading) {
			for i, cell := range cells {
				if strings.Contains(cell, "**") {
					t.Errorf("%s, one contender: %s's column %d is marked best: %q", lang, name, i, cell)
				}
			}
		}
	}
}

// Under a weight profile the weakest dimension of a rejected vendor is told in the
// weighted points its total is made of, and a dimension without weight, which costs
// nothing, is never the weakest.
func TestMarkdownWeakestUnderProfile(t *testing.T) {
	all := demo.Session(rubric.EN).Vendors
	// The reject earns A 13/20, B 13/35, C 10/25 and D 12/20 raw points.
	cases := []struct {
		weights [4]float64
		want    string
	}{
		{[4]float64{20, 35, 25, 20}, "Weakest: Service capability fit 13/35."},
		// B weighs 50: 13 of 35 raw points are 18.6 of 50.
		{[4]float64{10, 50, 20, 20}, "Weakest: Service capability fit 18.6/50."},
		// B weighs nothing; C is then the smallest share: 10 of 25 is 12 of 30.
		{[4]float64{40, 0, 30, 30}, "Weakest: KPI & data capability 12/30."},
	}
	for _, c := range cases {
		s := demo.Session(rubric.EN)
		s.Vendors = []rubric.Vendor{all[0], all[2]}
		p, err := rubric.CustomProfile(c.weights[0], c.weights[1], c.weights[2], c.weights[3])
		if err != nil {
			t.Fatal(err)
		}
		s.Profile = p
		md := string(Markdown(s, rubric.EN, goldenNow))
		_, line, _ := strings.Cut(md, "**Reject:** "+all[2].Name)
		line, _, _ = strings.Cut(line, "\n")
		if !strings.Contains(line, c.want) {
			t.Errorf("profile %v: reject line %q lacks %q", c.weights, line, c.want)
		}
	}
}

// With fewer than two vendors in contention there is no order to test, and the
// report says so as the comparison screen does instead of calling the ranking stable:
// a disqualified, rejected or unfinished vendor is not in contention.
func TestMarkdownNoStabilityClaimWithOneContender(t *testing.T) {
	all := demo.Session(rubric.EN).Vendors
	fresh := rubric.Vendor{Name: "Fresh", Answers: rubric.Answers{}}
	for _, others := range [][]rubric.Vendor{{all[3]}, {all[2]}, {fresh}, {all[2], all[3], fresh}} {
		for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
			s := demo.Session(lang)
			// The qualified backup and vendors out of contention.
			s.Vendors = append([]rubric.Vendor{all[1]}, others...)
			md := string(Markdown(s, lang, goldenNow))
			want := rubric.NoOrderToTest.In(lang)
			if !strings.Contains(md, want) {
				t.Errorf("%s, %d vendors: report lacks %q", lang, len(s.Vendors), want)
			}
			for _, claim := range []string{"Stable —", "Not stable —", "稳定。", "排名稳定:"} {
				if strings.Contains(md, claim) {
					t.Errorf("%s, %d vendors: report claims %q with one vendor in contention", lang, len(s.Vendors), claim)
				}
			}
			if txt := ScoreText(s, lang); !strings.Contains(txt, want) {
				t.Errorf("%s, %d vendors: score text lacks %q", lang, len(s.Vendors), want)
			}
		}
	}
}

// The stability of the ranking is said once, after its label: the Chinese report once
// read "**排名稳定性**:排名稳定:…". It names the two vendors it tested.
func TestMarkdownStabilitySaidOnce(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		s := demo.Session(lang)
		md := string(Markdown(s, lang, goldenNow))
		label := map[rubric.Lang]string{rubric.ZH: "**排名稳定性**:", rubric.EN: "**Ranking stability:** "}[lang]
		_, line, ok := strings.Cut(md, "\n"+label)
		if !ok {
			t.Fatalf("%s: no stability line", lang)
		}
		line, _, _ = strings.Cut(line, "\n")
		for _, again := range []string{"排名", "稳定性", "Ranking", "ranking"} {
			if strings.Contains(line, again) {
				t.Errorf("%s: the stability line repeats its label (%q): %q", lang, again, line)
			}
		}
		if !strings.Contains(line, s.Vendors[0].Name) || !strings.Contains(line, s.Vendors[1].Name) {
			t.Errorf("%s: the stability line does not name the top two in contention: %q", lang, line)
		}
		txt := ScoreText(s, lang)
		if n := strings.Count(txt, map[rubric.Lang]string{rubric.ZH: "排名稳定", rubric.EN: "anking stab"}[lang]); n != 1 {
			t.Errorf("%s: score text says its stability label %d times:\n%s", lang, n, txt)
		}
	}
}

// A vendor not yet evaluated is not rejected: the report lists it as unfinished with
// what it lacks and where it could end, recommends only among settled vendors, and
// warns when an unfinished vendor could still overtake the one recommended.
func TestMarkdownUnfinishedVendor(t *testing.T) {
	all := demo.Session(rubric.EN).Vendors
	fresh := rubric.Vendor{Name: "Yunfan Call Centre", Answers: rubric.Answers{}}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		s := demo.Session(lang)
		s.Vendors = []rubric.Vendor{fresh}
		md := string(Markdown(s, lang, goldenNow))
		summary, _, _ := strings.Cut(md, "## "+lang.Pick("横向对比", "Comparison"))
		card := rubric.Score(s.Requirements, fresh.Answers, s.Profile)
		if card.Band != rubric.Incomplete {
			t.Fatalf("test data: a vendor with nothing answered is %s", card.Band)
		}
		for _, want := range []string{
			lang.Pick("**暂无推荐:**", "**No recommendation yet:**"),
			lang.Pick("**评估未完成**:", "**Unfinished:** ") + fresh.Name + " — " + rubric.NowUpToWords(card, lang),
			rubric.UnansweredWords(card, lang),
			lang.Pick("第 2 步 ", "step 2: "),
			lang.Pick("涉及全部 16 个评分项", "in all 16 items"),
		} {
			if !strings.Contains(summary, want) {
				t.Errorf("%s: summary lacks %q:\n%s", lang, want, summary)
			}
		}
		// The method at the end names every band; nothing before it may call this one a
		// reject. The requirements are the company's, where callers who never hang up
		// "不计放弃": they say nothing of a vendor.
		said, _, _ := strings.Cut(md, lang.Pick("## 评分方法", "## How the scores work"))
		before, rest, _ := strings.Cut(said, lang.Pick("## 核心需求", "## Requirements"))
		_, after, _ := strings.Cut(rest, lang.Pick("## 容量与成本", "## Capacity and cost"))
		said = before + after
		for _, reject := range []string{lang.Pick("放弃", "Reject"), rubric.Reject.Label(lang)} {
			if strings.Contains(said, reject) {
				t.Errorf("%s: a vendor with nothing answered reads as %q", lang, reject)
			}
		}

		// Beside a settled excellent vendor it is not recommended, but it could overtake it.
		s.Vendors = []rubric.Vendor{all[0], fresh}
		md = string(Markdown(s, lang, goldenNow))
		for _, want := range []string{
			lang.Pick("**推荐:", "**Recommended: ") + all[0].Name,
			lang.Pick("1 家评估未完成的服务商答完后可能超过它", "A vendor still being evaluated could overtake it"),
			lang.Pick("**评估未完成**:", "**Unfinished:** ") + fresh.Name,
		} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: report lacks %q", lang, want)
			}
		}
	}
}

// upTo finds a potential said in words: "up to 88", "最高 88", "最高可达 88 分".
var upTo = regexp.MustCompile(`(up to|最高|最高可达) [0-9]`)

// A disqualified vendor has nothing to reach: no "up to" in its summary line, its
// comparison row or its part of the report, whatever is still open.
func TestMarkdownDisqualifiedReachesNothing(t *testing.T) {
	dq := demo.Session(rubric.EN).Vendors[3]
	dq.Answers = maps.Clone(dq.Answers)
	for _, id := range []string{"mock_rating", "raw_access", "iso9001"} {
		delete(dq.Answers, id)
	}
	for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
		s := demo.Session(lang)
		s.Vendors = []rubric.Vendor{dq}
		if c := rubric.Score(s.Requirements, dq.Answers, s.Profile); c.Band != rubric.Disqualified || !c.Provisional || c.Potential <= c.Total {
			t.Fatalf("test data: %s, provisional %v, %v up to %v", c.Band, c.Provisional, c.Total, c.Potential)
		}
		md := string(Markdown(s, lang, goldenNow))
		// What is said of the vendor: its summary line, its comparison row, its part of
		// the report up to its answers. The legend and the method explain "up to" for all.
		var said []string
		for _, l := range strings.Split(md, "\n") {
			if strings.Contains(l, dq.Name) {
				said = append(said, l)
			}
		}
		_, part, _ := strings.Cut(md, "### "+dq.Name)
		part, _, _ = strings.Cut(part, lang.Pick("#### 回答与证据", "#### Answers and evidence"))
		said = append(said, part)
		for _, l := range said {
			if upTo.MatchString(l) {
				t.Errorf("%s: a disqualified vendor is said to reach something: %q", lang, l)
			}
		}
		txt := ScoreText(s, lang)
		if upTo.MatchString(txt) {
			t.Errorf("%s: score text says a disqualified vendor could reach something:\n%s", lang, txt)
		}
	}
}
