package wizard

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// plainForm is the form of the same fields without the view cache, as huh draws it,
// with the notes as they were before noteField: huh's Text (huhNote).
func plainForm(lang rubric.Lang, fields []huh.Field) *huh.Form {
	plain := make([]huh.Field, len(fields))
	for i, f := range fields {
		plain[i] = Unwrap(f)
		if n, ok := plain[i].(*noteField); ok {
			plain[i] = huhNote(lang, n)
		}
		if f.Skip() {
			plain[i] = &skipField{plain[i]}
		}
	}
	return newForm(lang, plain, nil)
}

// skipField is a field huh passes the focus over, as Skip lets any field ask, and
// nothing else: huh's own way with a question that does not apply.
type skipField struct{ huh.Field }

func (s *skipField) Skip() bool { return true }

// Update keeps the wrapper, which huh replaces with what Update returns.
func (s *skipField) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := s.Field.Update(msg)
	s.Field = m.(huh.Field)
	return s, cmd
}

// drive delivers msg to a form through update and feeds back the messages its
// commands produce at once, as send does.
func drive(f *huh.Form, update func(*huh.Form, tea.Msg) (*huh.Form, tea.Cmd), msg tea.Msg) *huh.Form {
	f, cmd := update(f, msg)
	for _, out := range run(cmd, 0) {
		f = drive(f, update, out)
	}
	return f
}

// plainUpdate drives a form as huh alone does, the reference Update must match: every
// command returned, the focus moves coming back as messages of their own.
func plainUpdate(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	m, cmd := f.Update(msg)
	return m.(*huh.Form), cmd
}

// wizardKeys are what an evaluator presses in a step: moves, choices, digits, text.
var wizardKeys = []tea.Msg{
	tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyShiftTab},
	tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyEnter},
	tea.KeyMsg{Type: tea.KeyLeft}, tea.KeyMsg{Type: tea.KeyRight},
	tea.KeyMsg{Type: tea.KeyUp}, tea.KeyMsg{Type: tea.KeyDown},
	tea.KeyMsg{Type: tea.KeySpace}, tea.KeyMsg{Type: tea.KeyBackspace},
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")},
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7")},
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("5a")},
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("证据")},
}

// size is a form's width and height.
type size struct{ w, h int }

// formSizes are the sizes sameAsHuh gives the forms, one after the other.
var formSizes = []size{{100, 30}, {70, 12}, {50, 40}}

// randomKey picks one of keys.
func randomKey(keys []tea.Msg) func(*rand.Rand, *huh.Form) tea.Msg {
	return func(r *rand.Rand, _ *huh.Form) tea.Msg { return keys[r.IntN(len(keys))] }
}

// sameAsHuh drives a cached form with Update and the same fields uncached with
// plainUpdate, with random keys, and compares what they show after every key: the
// cache and the immediate focus moves change how fast a screen is drawn, never what
// it shows.
// *form is the cached form, which resize sizes and view draws as the screens do.
func sameAsHuh(t *testing.T, form **huh.Form, resize func(w, h int), view func() string, plain *huh.Form, fields []huh.Field, seed uint64) {
	t.Helper()
	compareWithHuh(t, form, resize, view, plain, fields, seed, 90, formSizes, randomKey(wizardKeys))
}

// compareWithHuh is sameAsHuh with n keys chosen by pick, which sees the plain form,
// and the forms resized to each of sizes in turn, every n/len(sizes) keys.
func compareWithHuh(t *testing.T, form **huh.Form, resize func(w, h int), view func() string, plain *huh.Form, fields []huh.Field,
	seed uint64, n int, sizes []size, pick func(*rand.Rand, *huh.Form) tea.Msg) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	(*form).Init()
	plain.Init()
	every := n / len(sizes)
	var keys []string
	for i := range n {
		if i%every == 0 && i/every < len(sizes) {
			// Resized every so many keys: every drawing is made again. The screens
			// hand a form the size message too.
			size := sizes[i/every]
			resize(size.w, size.h)
			plain = plain.WithWidth(size.w).WithHeight(size.h)
			plain = drive(plain, plainUpdate, tea.WindowSizeMsg{Width: size.w, Height: size.h})
		}
		msg := pick(r, plain)
		keys = append(keys, msg.(tea.KeyMsg).String())
		*form = drive(*form, Update, msg)
		plain = drive(plain, plainUpdate, msg)
		if got, want := view(), plain.View(); got != want {
			t.Fatalf("after keys %q the cached form shows\n%s\n\nhuh shows\n%s", keys, got, want)
		}
	}
	// The cache was used: after a key, the fields without the focus kept their
	// drawing instead of drawing it again.
	kept := 0
	for _, f := range fields {
		if c := f.(*cachedField); c.valid && f != (*form).GetFocusedField() {
			kept++
		}
	}
	if kept < len(fields)/2 {
		t.Errorf("only %d of %d fields kept their drawing", kept, len(fields))
	}
}

// Steps alternate between the languages.
func TestCachedStepShowsWhatHuhShows(t *testing.T) {
	req := rubric.DefaultRequirements()
	req.Channels = []string{"web", "phone"}
	for n := 2; n <= 7; n++ {
		lang := []rubric.Lang{rubric.ZH, rubric.EN}[n%2]
		t.Run(fmt.Sprintf("%s step %d", lang, n), func(t *testing.T) {
			t.Parallel()
			a := NewStep(n, lang, req, rubric.Answers{}, "", nil)
			b := NewStep(n, lang, req, rubric.Answers{}, "", nil)
			sameAsHuh(t, &a.Form, a.Resize, a.View, plainForm(lang, b.fields), a.fields, uint64(n))
			// The values bound to both forms went the same way.
			if la, lb := a.Live(), b.Live(); !reflect.DeepEqual(la, lb) {
				t.Errorf("live values differ:\n%+v\n%+v", la, lb)
			}
		})
	}
}

func TestCachedRequirementsShowWhatHuhShows(t *testing.T) {
	for i, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			a := NewRequirements(lang, rubric.DefaultRequirements(), nil)
			b := NewRequirements(lang, rubric.DefaultRequirements(), nil)
			sameAsHuh(t, &a.Form, a.Resize, a.View, plainForm(lang, b.fields), a.fields, uint64(10+i))
			ra, ea := a.Live()
			rb, eb := b.Live()
			if !reflect.DeepEqual(ra, rb) || !reflect.DeepEqual(ea, eb) {
				t.Errorf("live values differ:\n%+v %v\n%+v %v", ra, ea, rb, eb)
			}
		})
	}
}

// Tab and shift+tab with Update move the focus in the same call: nothing comes back
// as a command to run, and what is typed next, before any command ran, goes to the
// field the focus moved to.
func TestUpdateMovesTheFocusAtOnce(t *testing.T) {
	s := NewStep(5, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	s.Form.Init()
	first := s.Focused()
	var cmd tea.Cmd
	s.Form, cmd = Update(s.Form, tea.KeyMsg{Type: tea.KeyTab})
	second := s.Focused()
	if second == first {
		t.Fatalf("tab left the focus on %s", first)
	}
	for _, msg := range run(cmd, 0) {
		if msg == huh.NextField() || msg == huh.PrevField() {
			t.Errorf("the move came back as a command to run: %T", msg)
		}
	}
	s.Form, _ = Update(s.Form, typeText("7"))
	if got := s.Live().Invalid; len(got) > 0 {
		t.Errorf("7 typed after tab did not read: %v", got)
	}
	if s.Live().Answers[second].Num != 7 {
		t.Errorf("7 typed after tab went elsewhere than %s: %+v", second, s.Live().Answers)
	}
	s.Form, _ = Update(s.Form, tea.KeyMsg{Type: tea.KeyShiftTab})
	if s.Focused() != first {
		t.Errorf("shift+tab went to %s, want %s", s.Focused(), first)
	}
}

// At the ends of the form the keys are huh's: shift+tab on the first field stays,
// and the last field's tab finishes the form.
func TestUpdateLeavesTheEndsToHuh(t *testing.T) {
	s := NewStep(2, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, "", nil)
	s.Form.Init()
	first := s.Focused()
	s.Form = drive(s.Form, Update, tea.KeyMsg{Type: tea.KeyShiftTab})
	if s.Focused() != first {
		t.Errorf("shift+tab on the first field went to %s", s.Focused())
	}
	for i := 0; s.Focused() != NoteKey; i++ {
		if i > 30 {
			t.Fatalf("tab did not reach the note; focus on %s", s.Focused())
		}
		s.Form = drive(s.Form, Update, tea.KeyMsg{Type: tea.KeyTab})
	}
	if s.Form.State != huh.StateNormal {
		t.Fatalf("the form finished before its last field: %v", s.Form.State)
	}
	s.Form = drive(s.Form, Update, tea.KeyMsg{Type: tea.KeyTab})
	if s.Form.State != huh.StateCompleted {
		t.Errorf("tab in the last field left the form %v", s.Form.State)
	}
}

// A blurred field takes no message and keeps its drawing; focused, it takes them
// and draws again.
func TestBlurredFieldTakesNoMessages(t *testing.T) {
	v := ""
	n := newNote("notes", "Notes", "", &v)
	c := cached(n).(*cachedField)
	c.WithKeyMap(KeyMapIn(rubric.EN))
	c.WithWidth(60)
	before := c.View()
	c.Update(typeText("x"))
	if v != "" || !c.valid || c.View() != before {
		t.Fatalf("a blurred note took a key: %q", v)
	}
	c.Focus()
	c.Update(typeText("x"))
	if v != "x" || c.valid {
		t.Errorf("a focused note: value %q, drawing kept %v", v, c.valid)
	}
	if c.View() == before {
		t.Error("the focused note was not drawn again")
	}
}

// A form resized shows at once what a form made at that size shows.
func TestResizedFormShowsTheNewLayout(t *testing.T) {
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		a := NewStep(3, lang, rubric.DefaultRequirements(), rubric.Answers{}, "note", nil)
		a.Form.Init()
		a.Resize(100, 30)
		a.Form = drive(a.Form, Update, tea.KeyMsg{Type: tea.KeyTab})
		a.Resize(40, 12)
		b := NewStep(3, lang, rubric.DefaultRequirements(), rubric.Answers{}, "note", nil)
		b.Form.Init()
		b.Resize(40, 12)
		b.Form = drive(b.Form, Update, tea.KeyMsg{Type: tea.KeyTab})
		if got, want := a.View(), b.View(); got != want {
			t.Errorf("%s: resized to 40×12 the form shows\n%s\n\nmade at that size\n%s", lang, got, want)
		}
	}
}
