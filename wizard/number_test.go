package wizard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"vendorvet/rubric"
)

func typeText(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// press drives a form as the screens do, through Update.
func press(f *huh.Form, msgs ...tea.Msg) *huh.Form {
	for _, m := range msgs {
		f = drive(f, Update, m)
	}
	return f
}

// lineOf returns the line of a drawing that holds want, without styles.
func lineOf(view, want string) string {
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.Contains(l, want) {
			return l
		}
	}
	return ""
}

// A number that does not read never keeps the focus: tab, enter and shift+tab move
// on, and what is typed next goes to the field the focus moved to.
func TestMovingOnFromANumberThatDoesNotRead(t *testing.T) {
	for _, move := range []tea.KeyType{tea.KeyTab, tea.KeyEnter} {
		s := NewStep(5, rubric.ZH, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
		s.Form.Init()
		if s.Focused() != "response_s" {
			t.Fatalf("step 5 starts on %q", s.Focused())
		}
		s.Form = press(s.Form, typeText("30%"), keyPress(move), typeText("1分钟"), keyPress(tea.KeyTab),
			typeText("85%"), keyPress(tea.KeyTab), typeText("1天"), keyPress(tea.KeyTab), typeText("９９．５"))
		if s.Focused() != "answer_pct" {
			t.Fatalf("after 30%% %s 1分钟 tab 85%% tab 1天 tab 99.5 the focus is on %q, want answer_pct", move, s.Focused())
		}
		live := s.Live()
		if live.Invalid["response_s"] != "30%" || live.Errors["response_s"] != "“%”不适用:此处填秒数" {
			t.Errorf("response time kept %q with %q", live.Invalid["response_s"], live.Errors["response_s"])
		}
		if _, ok := live.Answers["response_s"]; ok {
			t.Error("30% for a response time reached the answers")
		}
		if live.Answers["urgent_response_s"].Num != 60 || live.Answers["fcr_pct"].Num != 85 ||
			live.Answers["resolution_h"].Num != 24 || live.Answers["answer_pct"].Num != 99.5 {
			t.Errorf("the next fields got %v, %v, %v and %v, want 60, 85, 24 and 99.5", live.Answers["urgent_response_s"],
				live.Answers["fcr_pct"], live.Answers["resolution_h"], live.Answers["answer_pct"])
		}
		// Back to it: the text is there as typed, and can be mended.
		s.Form = press(s.Form, keyPress(tea.KeyShiftTab), keyPress(tea.KeyShiftTab), keyPress(tea.KeyShiftTab), keyPress(tea.KeyShiftTab))
		if s.Focused() != "response_s" {
			t.Fatalf("shift+tab four times went to %q", s.Focused())
		}
		s.Form = press(s.Form, keyPress(tea.KeyBackspace), typeText("秒"))
		if got := s.Live().Answers["response_s"]; got.Num != 30 {
			t.Errorf("30秒 reads as %v", got)
		}
	}
}

// The last field of a form is left too, and the form completes, whatever it holds.
func TestAFormEndsOnANumberThatDoesNotRead(t *testing.T) {
	s := NewStep(7, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	s.Form.Init()
	for s.Focused() != "feedback_hours" {
		s.Form = press(s.Form, keyPress(tea.KeyTab))
	}
	s.Form = press(s.Form, typeText("soon"), keyPress(tea.KeyTab))
	if s.Focused() != NoteKey {
		t.Fatalf("focus on %q after tab from feedback hours", s.Focused())
	}
	s.Form = press(s.Form, keyPress(tea.KeyTab))
	if s.Form.State != huh.StateCompleted {
		t.Errorf("the form did not complete: %v", s.Form.State)
	}
	if s.Live().Invalid["feedback_hours"] != "soon" {
		t.Errorf("the draft is %q", s.Live().Invalid["feedback_hours"])
	}
}

// What a number reads as is on its own line, beside it: the converted value, or why
// it does not read; and the form keeps its height whatever is typed. The field in
// focus bears the pencil that says its keys are text.
func TestReadingIsBesideTheNumber(t *testing.T) {
	for _, c := range []struct {
		lang          rubric.Lang
		typed, title  string
		want, notWant string
		width, height int
	}{
		{rubric.ZH, "2分钟", "C1 承诺平均响应时间 (秒) ✎ 2分钟", "→ 120 秒", "", 80, 20},
		{rubric.ZH, "20-30", "C1 承诺平均响应时间 (秒) ✎ 20-30", "→ 30 秒(区间取对我方不利的一端)", "", 100, 20},
		{rubric.ZH, "30%", "C1 承诺平均响应时间 (秒) ✎ 30%", "✗ “%”不适用:此处填秒数", "", 80, 20},
		{rubric.EN, "30秒", "C1 Committed average response time (s) ✎ 30秒", "→ 30 s", "", 80, 20},
		{rubric.EN, "2h", "C1 Committed average response time (s) ✎ 2h", "✗ must be between 0 and 3600", "", 80, 20},
		{rubric.EN, "30", "C1 Committed average response time (s) ✎ 30", "", "→", 80, 20},
		// Narrow: the reading is cut, never wrapped onto a line of its own, and the
		// text goes below a title that leaves it no room.
		{rubric.EN, "30%", "C1 Committed average response time (s) ✎ 30%", "✗ “%” does …", "", 60, 20},
		{rubric.EN, "30%", "✎ 30%", "✗ “%” does not fit: enter sec…", "", 40, 20},
		{rubric.EN, "", "C1 Committed average response time (s)", "", ":", 40, 20},
	} {
		s := NewStep(5, c.lang, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
		s.Form.Init()
		s.Resize(c.width, c.height)
		before := strings.Count(s.View(), "\n")
		s.Form = press(s.Form, typeText(c.typed))
		view := s.View()
		line := lineOf(view, c.title)
		if line == "" {
			t.Errorf("%q: no line with %q in\n%s", c.typed, c.title, ansi.Strip(view))
			continue
		}
		if c.want != "" && !strings.Contains(line, c.title+"  "+c.want) {
			t.Errorf("%q: line %q lacks %q", c.typed, line, c.want)
		}
		if c.notWant != "" && strings.Contains(line, c.notWant) {
			t.Errorf("%q: line %q has %q", c.typed, line, c.notWant)
		}
		// huh pads an inline field one cell past the form's width; the screens cut it.
		if w := ansi.StringWidth(strings.TrimRight(line, " ")); w > c.width {
			t.Errorf("%q: line %q is %d wide in %d", c.typed, line, w, c.width)
		}
		if after := strings.Count(view, "\n"); after != before {
			t.Errorf("%q: the form went from %d to %d lines", c.typed, before+1, after+1)
		}
	}
}

// Step 1 too: a target that does not read does not hold the focus, is marked beside
// it, and leaves the last good value in the requirements, not the first.
func TestRequirementsMoveOnFromATargetThatDoesNotRead(t *testing.T) {
	r := rubric.DefaultRequirements()
	r.Channels = []string{"web"}
	r.DailyVolume = 5000
	f := NewRequirements(rubric.ZH, r, nil)
	f.Form.Init()
	// Tall enough for every field: a form taller than its room scrolls the field in
	// focus to the top, and the volume out of sight.
	f.Resize(80, 50)
	f.Form = press(f.Form, keyPress(tea.KeyTab))
	if f.Focused() != "daily_volume" {
		t.Fatalf("focus on %q", f.Focused())
	}
	f.Form = press(f.Form, keyPress(tea.KeyBackspace), keyPress(tea.KeyBackspace), keyPress(tea.KeyBackspace),
		keyPress(tea.KeyBackspace), typeText("1.2万"))
	if got, errs := f.Live(); got.DailyVolume != 12000 || len(errs) != 0 {
		t.Fatalf("1.2万 = %d, %v", got.DailyVolume, errs)
	}
	if line := lineOf(f.View(), "日均咨询量"); !strings.Contains(line, "1.2万  → 12,000 次") {
		t.Errorf("the reading is not beside the volume: %q", line)
	}
	f.Form = press(f.Form, typeText("人次x"), keyPress(tea.KeyTab), keyPress(tea.KeyBackspace), typeText("8-10倍"))
	if f.Focused() != "peak_multiplier" {
		t.Fatalf("tab from a volume that does not read went to %q", f.Focused())
	}
	got, errs := f.Live()
	if got.DailyVolume != 12000 || errs["daily_volume"] != "请输入数字" {
		t.Errorf("volume %d (want the last good 12000), message %q", got.DailyVolume, errs["daily_volume"])
	}
	if got.PeakMultiplier != 10 {
		t.Errorf("peak multiplier %v, want 10", got.PeakMultiplier)
	}
	if d := f.Drafts(); len(d) != 1 || d["daily_volume"] != "1.2万人次x" {
		t.Errorf("drafts %v", d)
	}
	if line := lineOf(f.View(), "日均咨询量"); !strings.Contains(line, "1.2万人次x  ✗ 请输入数字") {
		t.Errorf("the mark is not beside the volume: %q", line)
	}
}

// The number field whose keys are text says so itself: a pencil on it while it has
// the focus, on no yes/no question.
func TestTheFieldTakingTextIsMarked(t *testing.T) {
	s := NewStep(5, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	s.Form.Init()
	marked := func() []string {
		var out []string
		for _, l := range strings.Split(ansi.Strip(s.View()), "\n") {
			if strings.Contains(l, strings.TrimSpace(TypingMark)) {
				out = append(out, l)
			}
		}
		return out
	}
	if got := marked(); len(got) != 1 || !strings.Contains(got[0], "response time") {
		t.Fatalf("lines marked on a number field in focus: %q", got)
	}
	for s.Focused() != NoteKey {
		s.Form = press(s.Form, keyPress(tea.KeyTab))
		if _, _, tri := s.FocusedTri(); tri && len(marked()) != 0 {
			t.Fatalf("a yes/no question in focus, and %q is marked", marked())
		}
	}
}
