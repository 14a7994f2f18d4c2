package wizard

import (
	"reflect"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

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
