package accessible

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vendorvet/db"
	"vendorvet/rubric"
)

// plainScript is scripted input: each string is one typed line; each func runs when
// the flow asks for the line after it (something happening elsewhere meanwhile).
// When block is set, the script then waits on it instead of ending.
type plainScript struct {
	steps []any
	buf   []byte
	block chan struct{}
}

func (s *plainScript) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if len(s.steps) == 0 {
			if s.block != nil {
				<-s.block
			}
			return 0, io.EOF
		}
		step := s.steps[0]
		s.steps = s.steps[1:]
		switch x := step.(type) {
		case string:
			s.buf = []byte(x + "\n")
		case func():
			x()
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

func plainOpen(t *testing.T) (*db.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	store, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, path
}

// plainRun runs the flow on scripted input and returns what it printed.
func plainRun(t *testing.T, store *db.Store, lang rubric.Lang, steps ...any) string {
	t.Helper()
	var out bytes.Buffer
	if err := runPlain(store, lang, &plainScript{steps: steps}, &out, nil); err != nil {
		t.Fatalf("runPlain: %v\n%s", err, out.String())
	}
	plainCheckOutput(t, out.String())
	return out.String()
}

// plainCheckOutput holds for everything a screen reader hears: no escape sequences
// (colours, cursor moves) and no box drawing.
func plainCheckOutput(t *testing.T, out string) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\r│─┃━╭╮╰╯") {
		t.Errorf("output has escape sequences or box drawing:\n%q", out)
	}
}

// plainStepInput answers the questions of step n: given[id] where set, else Enter
// (0, which confirms, for multi-choices), then the note. saved are the billing
// models the vendor offered before: their prices are asked too.
func plainStepInput(n int, given map[string]string, note string, saved ...string) []any {
	var lines []any
	// The prices of billing models neither saved before nor ticked are not asked.
	offered := rubric.Answers{"billing_models": {Set: append(saved, tickedModels(given["billing_models"])...)}}
	for _, q := range plainQuestions(n) {
		if _, ok := given[q.ID]; !ok && q.Unused(offered) {
			continue
		}
		switch a, ok := given[q.ID]; {
		case ok:
			lines = append(lines, a)
		case q.Kind == rubric.KindSet:
			lines = append(lines, "0")
		default:
			lines = append(lines, "")
		}
	}
	return append(lines, note)
}

// tickedModels are the billing models a set answer typed as "1\n3\n0" ticks.
func tickedModels(typed string) []string {
	var out []string
	for _, line := range strings.Split(typed, "\n") {
		if i, err := strconv.Atoi(line); err == nil && i >= 1 && i <= len(rubric.BillingOptions) {
			out = append(out, rubric.BillingOptions[i-1].Value)
		}
	}
	return out
}

// plainReload reopens the database file and loads its only session.
func plainReload(t *testing.T, store *db.Store, path string) *db.Session {
	t.Helper()
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	ctx := context.Background()
	list, err := again.ListSessions(ctx, "", 0, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("sessions: %v %v", list, err)
	}
	sess, err := again.Session(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func plainExpect(t *testing.T, ans rubric.Answers, id string, want rubric.Value) {
	t.Helper()
	q, _ := rubric.QuestionByID(id)
	got, ok := ans[id]
	if !ok || !bytes.Equal(q.Encode(got), q.Encode(want)) {
		t.Errorf("%s = %+v (present %v), want %+v", id, got, ok, want)
	}
}

func TestAccessibleSavesEveryAnswerAsGiven(t *testing.T) {
	store, path := plainOpen(t)
	var lines []any
	lines = append(lines, "n", "Contact centre 2025", "Acme", "Li Wei", // new session
		"a", "Alpha Service", "", // add a vendor: it opens
		"") // Enter: the first step with open questions, step 2
	// The dispatch permit and the telecom licence do not apply: not asked.
	lines = append(lines, plainStepInput(2, map[string]string{
		"business_license": "1", "dispatch_permit": "1", "telecom_license": "1", "nda": "2",
	}, "Licences seen on site")...)
	lines = append(lines, "3", "12a", "12") // step 3 opens on the seat multiple: a typo, then the number
	lines = append(lines, plainStepInput(3, nil, "")[1:]...)
	lines = append(lines, "b", "b", "q")

	// The whole script arrives in one read, as from a pipe.
	var script strings.Builder
	for _, l := range lines {
		script.WriteString(l.(string) + "\n")
	}
	var out bytes.Buffer
	if err := runCaught(store, rubric.EN, strings.NewReader(script.String()), &out); err != nil {
		t.Fatalf("runCaught: %v\n%s", err, out.String())
	}
	text := out.String()
	plainCheckOutput(t, text)

	for _, want := range []string{
		"Step 2 of 7: Licences & data security",
		"A1 Business licence",
		"Scorecard of Alpha Service:",
		"Qualification & compliance 8/20",
		"Total: ",
		"Band: Disqualified",
		"50 questions unanswered", // disqualified: final, so not "provisional"
		"Knockout: refuses to sign an NDA.",
		"enter a number", // the message for "12a"
		"Not asked, as they do not apply here: Labour-dispatch permit; Value-added telecom licence; Industry compliance filing.",
		"Goodbye.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Provisional:") {
		t.Errorf("a disqualified vendor is called provisional:\n%s", text)
	}
	sess := plainReload(t, store, path)
	if sess.Title != "Contact centre 2025" || sess.Client != "Acme" || sess.Evaluator != "Li Wei" {
		t.Errorf("session meta = %q %q %q", sess.Title, sess.Client, sess.Evaluator)
	}
	if len(sess.Vendors) != 1 || sess.Vendors[0].Name != "Alpha Service" {
		t.Fatalf("vendors = %+v", sess.Vendors)
	}
	v := sess.Vendors[0]
	yes, no := rubric.Value{Tri: rubric.Yes}, rubric.Value{Tri: rubric.No}
	plainExpect(t, v.Answers, "business_license", yes)
	plainExpect(t, v.Answers, "nda", no)
	plainExpect(t, v.Answers, "seat_multiple", rubric.Value{Num: 12})
	if len(v.Answers) != 3 {
		t.Errorf("answers = %v, want exactly the three given (Enter keeps unknown)", v.Answers)
	}
	// Three saves, in order: the seat multiple's is the third, so "12a" never made one.
	if got := v.Versions["seat_multiple"]; got != 3 {
		t.Errorf("seat_multiple version = %d, want 3 (one save after the two of step 2)", got)
	}
	if v.Notes[2] != "Licences seen on site" {
		t.Errorf("note of step 2 = %q", v.Notes[2])
	}
	if _, ok := v.Notes[3]; ok {
		t.Errorf("an empty note was saved for step 3: %q", v.Notes[3])
	}
	card := rubric.Score(sess.Requirements, v.Answers, sess.Profile)
	if card.Band != rubric.Disqualified || len(card.Knockouts) != 1 || card.Knockouts[0].Code != "no_nda" {
		t.Errorf("stored scorecard: band %s, knockouts %v", card.Band, card.Knockouts)
	}
}

func TestAccessibleEndOfInputMidStepKeepsAnswersChinese(t *testing.T) {
	store, path := plainOpen(t)
	lines := []any{"n", "客服外包评估", "", "", "a", "甲公司", "", "2"}
	lines = append(lines, plainStepInput(2, map[string]string{"business_license": "1", "nda": "2"}, "")...)
	lines = append(lines, "3", "12a", "8", "", "", "", "45") // seat multiple; seats, peak seats and hours kept; 45 days of preparation
	// …and the input ends at the training hours.
	text := plainRun(t, store, rubric.ZH, lines...)

	for _, want := range []string{
		"第 2 步(共 7 步)：核查资质合规",
		"A1 营业执照",
		"一票否决:不签订保密协议。",
		"结论：一票否决",
		"请输入数字",
		"输入已结束。已作答的内容均已保存。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	v := plainReload(t, store, path).Vendors[0]
	plainExpect(t, v.Answers, "business_license", rubric.Value{Tri: rubric.Yes})
	plainExpect(t, v.Answers, "nda", rubric.Value{Tri: rubric.No})
	plainExpect(t, v.Answers, "seat_multiple", rubric.Value{Num: 8})
	plainExpect(t, v.Answers, "prep_days", rubric.Value{Num: 45})
	if len(v.Answers) != 4 {
		t.Errorf("answers = %v, want the four given before the end of input", v.Answers)
	}
}

func TestAccessibleEditsRequirementsFieldByField(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "Bank", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddVendor(ctx, id, "Beta", ""); err != nil {
		t.Fatal(err)
	}
	text := plainRun(t, store, rubric.EN,
		"1", "r",
		"0",           // channels: confirming none is refused…
		"1", "4", "0", // …web chat and phone hotline
		"-5", "5000", // daily volume: negative refused
		"0.5", "10", // peak multiplier below 1 refused
		"0",            // peak periods: none
		"",             // service hours kept
		"0",            // goals: none
		"2",            // industry: finance
		"",             // staffing kept
		"young users",  // user profile
		"", "", "", "", // targets kept: response, urgent response, FCR, resolution,
		"", "", "", "", // answer rate, CSAT, bad reviews, QA pass,
		"",             // conversion
		"abc", "20000", // budget: not a number, then a number
		"", // notes kept
		"b", "q")
	for _, want := range []string{
		"Choose at least one service channel.",
		"daily volume cannot be negative",
		"peak multiplier must be between 1 and 100",
		"enter a number",
		"Requirements saved.",
		"Service channels: Web chat, Phone hotline",
		"Industry (finance and healthcare are regulated): Finance (regulated industry)",
		"Monthly budget: 20,000 CNY",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	// The capacity plan has its own entry: step 1 does not ask it.
	if strings.Contains(text, "Busiest half hour") || strings.Contains(text, "Shrinkage") {
		t.Errorf("step 1 asks the capacity plan:\n%s", text)
	}
	r := plainReload(t, store, path).Requirements
	if strings.Join(r.Channels, ",") != "web,phone" || r.DailyVolume != 5000 || r.PeakMultiplier != 10 ||
		r.Industry != "finance" || r.UserProfile != "young users" || r.BudgetMonth == nil || *r.BudgetMonth != 20000 ||
		r.ServiceHours != "7x12" || r.TargetResponseS != 30 {
		t.Errorf("stored requirements = %+v", r)
	}
}

func TestAccessibleSavesEachRequirementBeforeTheNext(t *testing.T) {
	store, path := plainOpen(t)
	if _, err := store.CreateSession(context.Background(), db.SessionMeta{Title: "Shop", Lang: rubric.EN}); err != nil {
		t.Fatal(err)
	}
	// The input ends at the peak multiplier: channels and volume are already saved.
	plainRun(t, store, rubric.EN, "1", "r", "3", "0", "1200")
	r := plainReload(t, store, path).Requirements
	if strings.Join(r.Channels, ",") != "wechat" || r.DailyVolume != 1200 || r.PeakMultiplier != 1 {
		t.Errorf("stored requirements = %+v", r)
	}
}

func TestAccessibleConflictAsksAgain(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "Shop", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := store.AddVendor(ctx, id, "Gamma", "")
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := func() {
		if _, err := store.SaveAnswer(ctx, vid, "business_license", &rubric.Value{Tri: rubric.No}, 0); err != nil {
			t.Errorf("save elsewhere: %v", err)
		}
	}
	text := plainRun(t, store, rubric.EN, "1", "1", "2", elsewhere, "1", "1")
	if !strings.Contains(text, "“Business licence” was just changed elsewhere; it is now: no. Please answer again.") {
		t.Errorf("no conflict message:\n%s", text)
	}
	if !strings.Contains(text, "now: no") {
		t.Errorf("the question asked again does not show the new current answer:\n%s", text)
	}
	v := plainReload(t, store, path).Vendors[0]
	plainExpect(t, v.Answers, "business_license", rubric.Value{Tri: rubric.Yes})
}

func TestAccessibleInterruptQuitsHavingSaved(t *testing.T) {
	store, path := plainOpen(t)
	stop := make(chan struct{})
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	in := &plainScript{
		steps: []any{"n", "Interrupted", "", "", "a", "Delta", "", "2", "1", func() { close(stop) }},
		block: release,
	}
	var out bytes.Buffer
	if err := runPlain(store, rubric.EN, in, &out, stop); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Interrupted. Everything answered is saved.") {
		t.Errorf("output:\n%s", out.String())
	}
	v := plainReload(t, store, path).Vendors[0]
	plainExpect(t, v.Answers, "business_license", rubric.Value{Tri: rubric.Yes})
	if len(v.Answers) != 1 {
		t.Errorf("answers = %v", v.Answers)
	}
}

func TestAccessibleListsSessionsByPageAndFilter(t *testing.T) {
	store, _ := plainOpen(t)
	ctx := context.Background()
	for i := 1; i <= 25; i++ {
		if _, err := store.CreateSession(ctx, db.SessionMeta{Title: fmt.Sprintf("Session %02d", i), Client: "Client", Lang: rubric.EN}); err != nil {
			t.Fatal(err)
		}
	}
	text := plainRun(t, store, rubric.EN,
		"21",      // not on this page
		"m",       // the next page
		"21", "b", // open the 21st (the fifth oldest) and come back
		"f", "Session 1", // filter
		"q")
	for _, want := range []string{
		"Sessions 1 to 20 of 25, most recently changed first.",
		"Type M for the next 20.",
		"There is no such choice",
		"Sessions 21 to 25 of 25",
		"Type P for the previous 20.",
		"Session: Session 05",
		"Sessions matching “Session 1”: 1 to 10 of 10.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "1. Session 25, client Client, 0 vendors") {
		t.Errorf("the most recent session is not first:\n%s", text)
	}
}

func TestPlainReaderGivesOneLineAtATime(t *testing.T) {
	long := strings.Repeat("客", plainMaxLine) // three bytes each: far beyond the limit
	src := strings.NewReader("one\n" + long + "\ntwo\nlast")
	r := newPlainReader(src, nil)
	defer r.close()
	var got []string
	for {
		// A fresh scanner per line, as huh makes one per prompt.
		sc := bufio.NewScanner(r)
		if !sc.Scan() {
			break
		}
		got = append(got, sc.Text())
	}
	if len(got) != 4 || got[0] != "one" || got[2] != "two" || got[3] != "last" {
		t.Fatalf("lines = %d, first %q", len(got), got[0])
	}
	if len(got[1]) >= plainMaxLine || !strings.HasPrefix(long, got[1]) || !strings.HasSuffix(got[1], "客") {
		t.Errorf("long line kept %d bytes, want under %d on a character boundary", len(got[1]), plainMaxLine)
	}
	if !r.takeCut() || r.takeCut() {
		t.Error("the cut is not reported exactly once")
	}
	if !r.ended || r.interrupted {
		t.Errorf("ended %v, interrupted %v", r.ended, r.interrupted)
	}
}

func TestAccessibleChoicesAndHiddenFees(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "Shop", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddVendor(ctx, id, "Epsilon", ""); err != nil {
		t.Fatal(err)
	}
	lines := []any{"1", "1", "6"}
	// Confirming an empty fee list before the fees were reviewed says nothing…
	lines = append(lines, plainStepInput(6, map[string]string{"billing_models": "1\n3\n0", "price_month": "50,000"}, "")...)
	lines = append(lines, "6")
	// …after the review, ticking the system fee records it.
	lines = append(lines, plainStepInput(6, map[string]string{"hidden_fees_reviewed": "1", "hidden_fees": "2\n0"}, "", "per_hour", "per_seat")...)
	lines = append(lines, "b", "b", "q")
	text := plainRun(t, store, rubric.EN, lines...)
	if !strings.Contains(text, "Red flag: hidden fees found.") {
		t.Errorf("no hidden-fee flag:\n%s", text)
	}
	if !strings.Contains(text, "Billing models offered, now: Per hour, Per agent") {
		t.Errorf("the second pass does not show the chosen billing models:\n%s", text)
	}
	v := plainReload(t, store, path).Vendors[0]
	plainExpect(t, v.Answers, "billing_models", rubric.Value{Set: []string{"per_hour", "per_seat"}})
	plainExpect(t, v.Answers, "price_month", rubric.Value{Num: 50000})
	plainExpect(t, v.Answers, "hidden_fees_reviewed", rubric.Value{Tri: rubric.Yes})
	plainExpect(t, v.Answers, "hidden_fees", rubric.Value{Set: []string{"system"}})
	if len(v.Answers) != 4 {
		t.Errorf("answers = %v", v.Answers)
	}
}

func TestAccessibleInvalidChoiceThenEndOfInput(t *testing.T) {
	for name, last := range map[string]string{"yes/no": "0", "multi-choice": "9", "menu": "x"} {
		t.Run(name, func(t *testing.T) {
			store, path := plainOpen(t)
			lines := []any{"n", "S", "", "", "a", "V", "", "2", "1"}
			switch name {
			case "yes/no":
				lines = append(lines, last) // the dispatch permit
			case "multi-choice":
				lines = append(lines, plainStepInput(2, nil, "")[1:]...)
				lines = append(lines, "3")
				for _, q := range rubric.StepQuestions(3) {
					if q.ID == "channels" {
						break
					}
					lines = append(lines, "")
				}
				lines = append(lines, last)
			case "menu":
				lines = append(lines, plainStepInput(2, nil, "")[1:]...)
				lines = append(lines, last)
			}
			text := plainRun(t, store, rubric.EN, lines...)
			if !strings.Contains(text, "End of input. Everything answered is saved.") {
				t.Errorf("output:\n%s", text)
			}
			v := plainReload(t, store, path).Vendors[0]
			plainExpect(t, v.Answers, "business_license", rubric.Value{Tri: rubric.Yes})
			if len(v.Answers) != 1 {
				t.Errorf("answers = %v", v.Answers)
			}
		})
	}
}

// A question's current answer is said as the report says it: a price in yuan with
// thousands separators, and a list of hidden fees never filled in after a review that
// found nothing as none, not as unknown.
func TestAccessibleSaysAnswersAsTheReportDoes(t *testing.T) {
	f := &plainFlow{lang: rubric.EN}
	price, _ := rubric.QuestionByID("price_month")
	fees, _ := rubric.QuestionByID("hidden_fees")
	req := rubric.DefaultRequirements()
	ans := rubric.Answers{"price_month": {Num: 138000}, "hidden_fees_reviewed": {Tri: rubric.Yes}}
	if got := f.questionTitle(price, req, ans); !strings.HasSuffix(got, "now: 138,000 CNY") {
		t.Errorf("price: %q", got)
	}
	if got := f.questionTitle(fees, req, ans); !strings.HasSuffix(got, "now: none") {
		t.Errorf("hidden fees after a review: %q", got)
	}
	delete(ans, "hidden_fees_reviewed")
	if got := f.questionTitle(fees, req, ans); !strings.HasSuffix(got, "now: unknown") {
		t.Errorf("hidden fees before a review: %q", got)
	}
}

func TestAccessibleNoteChangedElsewhereIsShownAndAskedAgain(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "店铺", Lang: rubric.ZH})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := store.AddVendor(ctx, id, "丙公司", "")
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := func() {
		if err := store.ChangeNote(ctx, vid, 2, "", "另一窗口的备注"); err != nil {
			t.Errorf("change elsewhere: %v", err)
		}
	}
	lines := []any{"1", "1", "2"}
	lines = append(lines, plainStepInput(2, nil, "")[:len(plainQuestions(2))]...)
	lines = append(lines, elsewhere, "我的备注", "两边合并后的备注", "b", "b", "q")
	text := plainRun(t, store, rubric.ZH, lines...)
	if !strings.Contains(text, "第 2 步的证据/备注刚在别处被修改，现在是：另一窗口的备注。你的版本未保存：我的备注。请再写一次。") {
		t.Errorf("no conflict line with both texts:\n%s", text)
	}
	v := plainReload(t, store, path).Vendors[0]
	if v.Notes[2] != "两边合并后的备注" {
		t.Errorf("note of step 2 = %q, want the text written after the conflict", v.Notes[2])
	}
}

func TestAccessibleRequirementChangedElsewhereIsShownAndAskedAgain(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "Shop", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	// Another window changes a field: the user profile before the channels are
	// saved here, the daily volume before it is saved here.
	change := func(set func(*rubric.Requirements)) func() {
		return func() {
			sess, err := store.Session(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			to := sess.Requirements
			set(&to)
			if err := store.ChangeRequirements(ctx, id, sess.Requirements, to); err != nil {
				t.Errorf("change elsewhere: %v", err)
			}
		}
	}
	profile := change(func(r *rubric.Requirements) { r.UserProfile = "set elsewhere" })
	volume := change(func(r *rubric.Requirements) { r.DailyVolume = 8000 })
	text := plainRun(t, store, rubric.EN, "1", "r", profile, "3", "0", volume, "1200", "9000")
	if !strings.Contains(text, "“Daily inquiries” was just changed elsewhere; it is now: 8,000 a day. Please answer again.") {
		t.Errorf("no conflict line:\n%s", text)
	}
	if !strings.Contains(text, "Daily inquiries, now: 8,000 a day") {
		t.Errorf("the field asked again does not show the stored value:\n%s", text)
	}
	r := plainReload(t, store, path).Requirements
	if strings.Join(r.Channels, ",") != "wechat" || r.DailyVolume != 9000 || r.UserProfile != "set elsewhere" {
		t.Errorf("stored requirements = %+v", r)
	}
}

// A vendor just added, with nothing answered, is said to be unfinished and what it
// could reach, never a reject.
func TestAccessibleNewVendorIsUnfinishedNotRejected(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		store, _ := plainOpen(t)
		text := plainRun(t, store, lang, "n", "Selection", "", "", "a", "Yunfan", "")
		_, after, _ := strings.Cut(text, "Yunfan")
		for _, want := range []string{rubric.Incomplete.Label(lang), lang.Pick("最高可达 100 分", "up to 100")} {
			if !strings.Contains(after, want) {
				t.Errorf("%s: output lacks %q:\n%s", lang, want, text)
			}
		}
		if strings.Contains(text, rubric.Reject.Label(lang)) {
			t.Errorf("%s: a new vendor is called a reject:\n%s", lang, text)
		}
	}
}

func TestAccessibleFollowups(t *testing.T) {
	store, path := plainOpen(t)
	text := plainRun(t, store, rubric.ZH, "n", "评估", "", "", "a", "甲公司", "",
		"f", "1", "王敏", "12月", "2030-12-15", "b")
	for _, want := range []string{"F 待确认事项", "甲公司 未回答的问题：", "1. 营业执照", "请输入日期", "已保存：王敏，2030-12-15 到期。"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	v := plainReload(t, store, path).Vendors[0]
	if got := v.Followups["business_license"]; got != (rubric.Followup{Owner: "王敏", Due: "2030-12-15"}) {
		t.Fatalf("stored follow-up %+v", got)
	}
}

func TestAccessibleFollowupTakenBack(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "T", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := store.AddVendor(ctx, id, "Alpha", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetFollowup(ctx, vid, "business_license", rubric.Followup{Owner: "Chen", Due: "2020-01-02"}); err != nil {
		t.Fatal(err)
	}
	text := plainRun(t, store, rubric.EN, "1", "1", "f", "1", "-", "-", "b")
	for _, want := range []string{"1. Business licence (follow-up: Chen, due 2020-01-02, overdue)", "Taken back."} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if v := plainReload(t, store, path).Vendors[0]; len(v.Followups) != 0 {
		t.Errorf("follow-ups after taking back: %+v", v.Followups)
	}
}

// plainQuestions are the questions of step n the flow asks a session of default
// requirements, as the tests' sessions have.
func plainQuestions(n int) []rubric.Question {
	var qs []rubric.Question
	for _, q := range rubric.StepQuestions(n) {
		if plainAsked(q, rubric.DefaultRequirements()) {
			qs = append(qs, q)
		}
	}
	return qs
}

// E in a vendor's menu records how an answer was verified: a licence that had
// expired when it was checked disqualifies; - as the source takes it back.
func TestAccessibleEvidence(t *testing.T) {
	store, path := plainOpen(t)
	text := plainRun(t, store, rubric.EN, "n", "Selection", "", "", "a", "Alpha", "",
		"e", "1", "9", "2", "2026-11-30", "https://gsxt.gov.cn/x", "2026-06-30", "b")
	for _, want := range []string{"E for evidence", "Questions and evidence of Alpha:", "1. Business licence", "2 registry checked",
		"Type a number from 1 to 5.", "Saved: registry checked 2026-11-30 · valid until 2026-06-30 · https://gsxt.gov.cn/x."} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	v := plainReload(t, store, path).Vendors[0]
	want := rubric.Evidence{Source: "registry", Seen: "2026-11-30", Link: "https://gsxt.gov.cn/x", ValidUntil: "2026-06-30"}
	if got := v.Evidence["business_license"]; got != want {
		t.Fatalf("stored evidence %+v, want %+v", got, want)
	}
}

func TestAccessibleEvidenceTakenBack(t *testing.T) {
	store, path := plainOpen(t)
	ctx := context.Background()
	id, err := store.CreateSession(ctx, db.SessionMeta{Title: "T", Lang: rubric.EN})
	if err != nil {
		t.Fatal(err)
	}
	vid, err := store.AddVendor(ctx, id, "Alpha", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SetEvidence(ctx, vid, "business_license", rubric.Evidence{Source: "registry", Seen: "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	text := plainRun(t, store, rubric.EN, "1", "1", "e", "1", "-", "b")
	if !strings.Contains(text, "1. Business licence (evidence: registry checked 2026-11-30") || !strings.Contains(text, "Taken back.") {
		t.Errorf("the evidence was not listed and taken back:\n%s", text)
	}
	if v := plainReload(t, store, path).Vendors[0]; len(v.Evidence) != 0 {
		t.Errorf("evidence after taking back: %+v", v.Evidence)
	}
}
