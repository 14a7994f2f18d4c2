package wizard

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/rubric"
)

// send delivers one message to a form and feeds back the messages its commands
// produce at once (field moves); cursor blinks are dropped.
func send(f *huh.Form, msg tea.Msg) *huh.Form {
	m, cmd := f.Update(msg)
	f = m.(*huh.Form)
	for _, out := range run(cmd, 0) {
		f = send(f, out)
	}
	return f
}

// blinkCode is the code of the cursor's blink commands, which wait half a second and
// are not run: tests do not wait for blinks, and two forms compared key by key stay in
// step only if neither blinks.
var blinkCode = func() uintptr {
	c := cursor.New()
	return reflect.ValueOf(c.BlinkCmd()).Pointer()
}()

// run runs cmd and the commands of the batches it returns, except blinks, and
// returns their messages. They come back at once; one that does not within seconds
// is dropped, so that a test fails instead of hanging.
func run(cmd tea.Cmd, depth int) []tea.Msg {
	if cmd == nil || depth > 3 || reflect.ValueOf(cmd).Pointer() == blinkCode {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, run(c, depth+1)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(5 * time.Second):
		return nil
	}
}

func keyPress(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

func TestStepStartsFromStoredAnswersAndReadsLiveValues(t *testing.T) {
	req := rubric.DefaultRequirements()
	req.Channels = []string{"web"}
	stored := rubric.Answers{
		"seat_multiple":       {Num: 8},
		"hours":               {Str: "7x24"},
		"channels":            {Set: []string{"web", "wechat"}},
		"periodic_assessment": {Tri: rubric.No},
	}
	s := NewStep(3, rubric.EN, req, stored, "note", nil)
	s.Form.Init()
	live := s.Live()
	for id, want := range stored {
		q, _ := rubric.QuestionByID(id)
		if got := live.Answers[id]; string(q.Encode(got)) != string(q.Encode(want)) {
			t.Errorf("%s = %s, want %s", id, q.Encode(got), q.Encode(want))
		}
	}
	if _, ok := live.Answers["trainers"]; ok {
		t.Error("an unknown yes/no question came back as answered")
	}
	if live.Note != "note" {
		t.Errorf("note = %q", live.Note)
	}
	// Typing into the focused number changes the live value at once.
	if s.Focused() != "seat_multiple" || !s.Typing() {
		t.Fatalf("focused %q typing %v", s.Focused(), s.Typing())
	}
	s.Form = send(s.Form, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("0")})
	if n := s.Live().Answers["seat_multiple"].Num; n != 80 {
		t.Errorf("seat multiple after typing 0 = %v, want 80", n)
	}
}

func TestHalfTypedNumberIsInvalidNotAnswered(t *testing.T) {
	req := rubric.DefaultRequirements()
	s := NewStep(3, rubric.ZH, req, rubric.Answers{}, "", map[string]string{"prep_days": "3x"})
	s.Form.Init()
	s.Form = send(s.Form, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("12a")})
	live := s.Live()
	if _, ok := live.Answers["seat_multiple"]; ok {
		t.Error("12a reached the answers")
	}
	if live.Invalid["seat_multiple"] != "12a" || live.Errors["seat_multiple"] != "请输入数字" {
		t.Errorf("invalid %q, message %q", live.Invalid["seat_multiple"], live.Errors["seat_multiple"])
	}
	if live.Invalid["prep_days"] != "3x" {
		t.Errorf("the stored draft 3x did not come back: %q", live.Invalid["prep_days"])
	}
	// Out of range is as invalid as a letter.
	s = NewStep(3, rubric.EN, req, rubric.Answers{}, "", map[string]string{"mock_rating": "6"})
	if msg := s.Live().Errors["mock_rating"]; msg != "must be between 1 and 5" {
		t.Errorf("mock rating 6: %q", msg)
	}
}

func TestTriSelectMovesThroughThreeStates(t *testing.T) {
	s := NewStep(2, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	s.Form.Init()
	id, cur, ok := s.FocusedTri()
	if !ok || id != "business_license" || cur != rubric.Unknown {
		t.Fatalf("focused %q %v %v", id, cur, ok)
	}
	s.Form = send(s.Form, keyPress(tea.KeyRight))
	if got := s.Live().Answers["business_license"].Tri; got != rubric.Yes {
		t.Errorf("after → the answer is %v, want yes", got)
	}
	s.Form = send(s.Form, keyPress(tea.KeyRight))
	if got := s.Live().Answers["business_license"].Tri; got != rubric.No {
		t.Errorf("after →→ the answer is %v, want no", got)
	}
	if TriIndex(rubric.No) != 2 || TriIndex(rubric.Unknown) != 0 {
		t.Error("TriIndex does not follow TriOptions")
	}
}

func TestHiddenFeesNoneTickedMeansNone(t *testing.T) {
	s := NewStep(6, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	v, ok := s.Live().Answers["hidden_fees"]
	if !ok || len(v.Set) != 0 {
		t.Errorf("hidden fees with nothing ticked = %v %v, want an empty set", v, ok)
	}
	if _, ok := s.Live().Answers["channels"]; ok {
		t.Error("channels in step 6")
	}
}

func TestRequirementsKeepLastGoodValue(t *testing.T) {
	r := rubric.DefaultRequirements()
	r.Channels = []string{"web"}
	r.DailyVolume = 5000
	f := NewRequirements(rubric.EN, r, nil)
	f.Form.Init()
	got, errs := f.Live()
	if len(errs) != 0 || got.DailyVolume != 5000 || got.TargetAnswerPct != 99.5 {
		t.Fatalf("untouched form: %+v %v", got, errs)
	}
	*f.numbers["daily_volume"] = "50x"
	*f.numbers["target_fcr_pct"] = "101"
	*f.numbers["budget_month"] = ""
	got, errs = f.Live()
	if got.DailyVolume != 5000 || got.TargetFCRPct != 85 {
		t.Errorf("bad fields changed the requirements: %+v", got)
	}
	if errs["daily_volume"] == "" || errs["target_fcr_pct"] == "" {
		t.Errorf("no message for bad fields: %v", errs)
	}
	if got.BudgetMonth != nil {
		t.Errorf("a blank budget is %v, want none", *got.BudgetMonth)
	}
	*f.numbers["budget_month"] = "200000"
	*f.lists["channels"] = nil
	got, errs = f.Live()
	if got.BudgetMonth == nil || *got.BudgetMonth != 200000 {
		t.Errorf("budget = %v", got.BudgetMonth)
	}
	if errs["channels"] == "" {
		t.Error("no channel chosen is not flagged")
	}
}

func TestKeyHelpSpeaksTheUsersLanguage(t *testing.T) {
	if h := KeyMapIn(rubric.ZH).Select.Right.Help().Desc; h != "下一个选项" {
		t.Errorf("zh help = %q", h)
	}
	if KeyMapIn(rubric.EN).Quit.Enabled() {
		t.Error("huh's own ctrl+c abort is still enabled")
	}
}

// visits moves through a step with key from its first field to its note and returns
// the questions the focus stopped on.
func visits(t *testing.T, s *Step, key tea.KeyType) []string {
	t.Helper()
	var got []string
	for i := 0; s.Focused() != NoteKey; i++ {
		if i > 40 {
			t.Fatalf("%v did not reach the note: %v", key, got)
		}
		got = append(got, s.Focused())
		s.Form = press(s.Form, keyPress(key))
	}
	return got
}

// Questions that do not apply here are passed over by every move, forward and back,
// and stay in sight marked as such.
func TestFocusPassesOverQuestionsThatDoNotApply(t *testing.T) {
	plain := rubric.DefaultRequirements()
	plain.Channels, plain.Industry = []string{"web"}, "ecommerce"
	all := rubric.DefaultRequirements()
	all.Channels, all.Industry, all.StaffingMode = []string{"web", "phone"}, "finance", "dispatch"
	finance := rubric.DefaultRequirements()
	finance.Channels, finance.Industry = []string{"web"}, "finance"
	for _, c := range []struct {
		name string
		step int
		req  rubric.Requirements
		moot []string
	}{
		{"step 2, no phone, no dispatch, e-commerce", 2, plain, []string{"dispatch_permit", "telecom_license", "industry_filing"}},
		{"step 2, every licence and filing needed", 2, all, nil},
		{"step 5, e-commerce", 5, plain, nil},
		{"step 5, finance without the conversion goal", 5, finance, []string{"conversion_pct"}},
	} {
		for _, key := range []tea.KeyType{tea.KeyTab, tea.KeyEnter, tea.KeyDown} {
			t.Run(fmt.Sprintf("%s, %v", c.name, key), func(t *testing.T) {
				s := NewStep(c.step, rubric.EN, c.req, rubric.Answers{}, "", nil)
				s.Form.Init()
				s.Resize(100, 200)
				var want []string
				for _, q := range rubric.StepQuestions(c.step) {
					if !slices.Contains(c.moot, q.ID) {
						want = append(want, q.ID)
					}
				}
				if got := visits(t, s, key); !slices.Equal(got, want) {
					t.Errorf("the focus stopped on %v, want %v", got, want)
				}
				// Back from the note, shift+tab passes over them too.
				var back []string
				for s.Focused() != want[0] && len(back) <= len(want) {
					s.Form = press(s.Form, keyPress(tea.KeyShiftTab))
					back = append(back, s.Focused())
				}
				slices.Reverse(want)
				if !slices.Equal(back, want) {
					t.Errorf("shift+tab stopped on %v, want %v", back, want)
				}
				view := ansi.Strip(s.View())
				for _, id := range c.moot {
					q, _ := rubric.QuestionByID(id)
					if line := lineOf(view, q.Label.EN); !strings.Contains(line, " · not applicable here") {
						t.Errorf("%s is not shown as not applicable:\n%s", id, view)
					}
				}
			})
		}
	}
}

// A yes/no answer moves on as the screens move it, by Form.NextField, and passes
// over a question that does not apply.
func TestNextFieldPassesOverQuestionsThatDoNotApply(t *testing.T) {
	req := rubric.DefaultRequirements()
	req.Channels, req.Industry = []string{"web"}, "ecommerce"
	s := NewStep(2, rubric.EN, req, rubric.Answers{}, "", nil)
	s.Form.Init()
	s.Form.NextField() // from the business licence, past the permit and the telecom licence
	if s.Focused() != "iso9001" {
		t.Fatalf("NextField from the business licence went to %q", s.Focused())
	}
	for s.Focused() != "mlps" {
		s.Form.NextField()
	}
	// The industry filing, the last question, does not apply: the note is next, and
	// the form is not finished.
	s.Form.NextField()
	if s.Focused() != NoteKey || s.Form.State != huh.StateNormal {
		t.Errorf("NextField from MLPS went to %q, form state %v", s.Focused(), s.Form.State)
	}
}

// A number question's help is drawn under it: the mock consultation's levels.
func TestNumberShowsItsHelp(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		s := NewStep(3, lang, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
		s.Form.Init()
		s.Resize(80, 200)
		q, _ := rubric.QuestionByID("mock_rating")
		view := ansi.Strip(s.View())
		at := strings.Index(view, q.Label.In(lang))
		if at < 0 {
			t.Fatalf("%s: no mock rating in\n%s", lang, view)
		}
		// Wrapped to the width, every word of the guide is there after the title.
		under := strings.Join(strings.Fields(strings.ReplaceAll(view[at:], "┃", " ")), " ")
		for _, word := range strings.Fields(q.Help.In(lang)) {
			if !strings.Contains(under, word) {
				t.Errorf("%s: %q of the guide is not under the mock rating:\n%s", lang, word, view[at:])
			}
		}
		for _, line := range strings.Split(view, "\n") {
			if ansi.StringWidth(line) > 80 {
				t.Errorf("%s: a line is wider than the form: %q", lang, line)
			}
		}
	}
}

// The price of a billing model not ticked is passed over, and reached once the model
// is ticked; a price given anyway stays in reach.
func TestFocusPassesOverPricesOfModelsNotTicked(t *testing.T) {
	req := rubric.DefaultRequirements()
	req.Channels, req.Industry = []string{"web"}, "ecommerce"
	given := rubric.Answers{"billing_models": {Set: []string{"per_seat"}}, "price_per_hour": {Num: 30}}
	s := NewStep(6, rubric.EN, req, given, "", nil)
	s.Form.Init()
	s.Resize(100, 200)
	got := visits(t, s, tea.KeyTab)
	for _, id := range []string{"price_seat_month", "price_per_hour"} {
		if !slices.Contains(got, id) {
			t.Errorf("%s was passed over: %v", id, got)
		}
	}
	for _, id := range []string{"price_per_contact", "price_fixed_month", "price_variable_contact", "price_promo_package"} {
		if slices.Contains(got, id) {
			t.Errorf("%s was stopped on though its model is not offered: %v", id, got)
		}
	}
	// Ticking fixed + variable after the form is built brings its two prices
	// within reach: the form decides at each move.
	s = NewStep(6, rubric.EN, req, given, "", nil)
	s.Form.Init()
	s.Resize(100, 200)
	if s.Focused() != "billing_models" {
		t.Fatalf("the step opens on %s", s.Focused())
	}
	// To the top of the list, then down to fixed + variable, the fourth model.
	for range rubric.BillingOptions {
		s.Form = press(s.Form, keyPress(tea.KeyUp))
	}
	s.Form = press(s.Form, keyPress(tea.KeyDown), keyPress(tea.KeyDown), keyPress(tea.KeyDown), typeText("x"))
	if got := visits(t, s, tea.KeyTab); !slices.Contains(got, "price_fixed_month") || !slices.Contains(got, "price_variable_contact") {
		t.Errorf("after ticking fixed + variable: %v", got)
	}
}
