package wizard

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/rubric"
)

// huhNote is the reference noteField must match: huh's Text configured as NewStep and
// NewRequirements would configure it, bound to the same value.
func huhNote(lang rubric.Lang, n *noteField) *huh.Text {
	t := huh.NewText().Key(n.key)
	switch n.key {
	case NoteKey:
		t = t.Title(lang.Pick("证据/备注", "Evidence / notes")).
			Placeholder(lang.Pick("证据、承诺原话、待核实事项…", "evidence, the vendor's own words, what to verify…"))
	case "notes":
		t = t.Title(lang.Pick("备注", "Notes"))
	default:
		panic("no note field " + n.key)
	}
	return t.CharLimit(NoteLimit).ExternalEditor(false).Lines(3).Value(n.value)
}

func keyOf(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// noteKeys are what an evaluator presses in a note: text, the three new-line keys,
// deletions, moves inside the note, the editor's key (which must do nothing of its
// own), a paste of several lines with a tab, and shift+tab out of the note.
var noteKeys = []tea.Msg{
	runes("x"), runes("证据"), runes(" "), runes("5a"), runes("evidence "),
	keyOf(tea.KeyEnter), tea.KeyMsg{Type: tea.KeyEnter, Alt: true}, keyOf(tea.KeyCtrlJ),
	keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace), keyOf(tea.KeyDelete), keyOf(tea.KeyCtrlW),
	keyOf(tea.KeyLeft), keyOf(tea.KeyRight), keyOf(tea.KeyUp), keyOf(tea.KeyDown),
	keyOf(tea.KeyHome), keyOf(tea.KeyEnd), keyOf(tea.KeyCtrlE), keyOf(tea.KeyCtrlK),
	tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("粘贴 one\ntwo\tthree\n"), Paste: true},
	keyOf(tea.KeyShiftTab),
}

// noteSizes go down to a width that wraps every line of a note and a height too low
// for it, which huh answers by giving the note fewer lines.
var noteSizes = []size{{100, 30}, {30, 20}, {70, 12}, {120, 40}, {45, 3}}

// inAndOutOfNote types in the note while it has the focus and moves towards it
// otherwise, mostly with tab (tab in the note, the last field, would finish the form).
func inAndOutOfNote(note string) func(*rand.Rand, *huh.Form) tea.Msg {
	return func(r *rand.Rand, plain *huh.Form) tea.Msg {
		if plain.GetFocusedField().GetKey() == note {
			return noteKeys[r.IntN(len(noteKeys))]
		}
		if r.IntN(5) == 0 {
			return keyOf(tea.KeyShiftTab)
		}
		return keyOf(tea.KeyTab)
	}
}

// checkTyped fails unless the keys left a note of several lines, yet fewer than the
// 99 that huh's Text takes.
func checkTyped(t *testing.T, note string) {
	t.Helper()
	if lines := strings.Count(note, "\n") + 1; lines < 3 || lines >= 99 {
		t.Fatalf("the keys left a note of %d lines: %q", lines, note)
	}
}

// Typing, new lines, deletions, moves and pastes in the note, and moves in and out of
// it, at several sizes, show what huh's Text showed and bind the same text.
func TestNoteShowsWhatHuhsTextShows(t *testing.T) {
	req := rubric.DefaultRequirements()
	for i, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		n := 2 + 3*i
		t.Run(fmt.Sprintf("%s step %d", lang, n), func(t *testing.T) {
			t.Parallel()
			a := NewStep(n, lang, req, rubric.Answers{}, "已有的备注", nil)
			b := NewStep(n, lang, req, rubric.Answers{}, "已有的备注", nil)
			compareWithHuh(t, &a.Form, a.Resize, a.View, plainForm(lang, b.fields), a.fields,
				uint64(20+i), 300, noteSizes, inAndOutOfNote(NoteKey))
			la, lb := a.Live(), b.Live()
			if !reflect.DeepEqual(la, lb) {
				t.Errorf("live values differ:\n%+v\n%+v", la, lb)
			}
			checkTyped(t, la.Note)
		})
		t.Run(fmt.Sprintf("%s requirements", lang), func(t *testing.T) {
			t.Parallel()
			a := NewRequirements(lang, req, nil)
			b := NewRequirements(lang, req, nil)
			compareWithHuh(t, &a.Form, a.Resize, a.View, plainForm(lang, b.fields), a.fields,
				uint64(30+i), 300, noteSizes, inAndOutOfNote("notes"))
			ra, ea := a.Live()
			rb, eb := b.Live()
			if !reflect.DeepEqual(ra, rb) || !reflect.DeepEqual(ea, eb) {
				t.Errorf("live values differ:\n%+v %v\n%+v %v", ra, ea, rb, eb)
			}
			checkTyped(t, ra.Notes)
		})
	}
}

// noteOfLines is a note of n lines of mixed text, about 70 bytes each.
func noteOfLines(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第 %d 行:对方承诺 7×24 小时 证据见合同附件 evidence %d", i+1, i+1)
	}
	return strings.Join(lines, "\n")
}

// toNote moves a form's focus to its last field, the note.
func toNote(t testing.TB, f *huh.Form, update func(*huh.Form, tea.Msg) (*huh.Form, tea.Cmd), key string) *huh.Form {
	t.Helper()
	f.Init()
	f = f.WithWidth(100).WithHeight(30)
	for i := 0; f.GetFocusedField().GetKey() != key; i++ {
		if i > 30 {
			t.Fatalf("tab did not reach the note; focus on %s", f.GetFocusedField().GetKey())
		}
		f = drive(f, update, keyOf(tea.KeyTab))
	}
	return f
}

// A note of 150 lines takes a new line at its end; huh's Text refuses any line past
// the 99th.
func TestLongNoteTakesANewLine(t *testing.T) {
	note := noteOfLines(150)
	a := NewStep(4, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, note, nil)
	b := NewStep(4, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, note, nil)
	plain := plainForm(rubric.EN, b.fields)
	a.Form = toNote(t, a.Form, Update, NoteKey)
	plain = toNote(t, plain, plainUpdate, NoteKey)
	for _, k := range []tea.Msg{keyOf(tea.KeyEnter), runes("151")} {
		a.Form = drive(a.Form, Update, k)
		plain = drive(plain, plainUpdate, k)
	}
	if got, want := a.Live().Note, note+"\n151"; got != want {
		t.Errorf("the note ends %q, want %q", got[len(got)-60:], want[len(want)-60:])
	}
	if !a.Typing() || a.Form.GetFocusedField().GetValue() != a.Live().Note {
		t.Errorf("the focused note: typing %v, value of %d bytes", a.Typing(), len(a.Form.GetFocusedField().GetValue().(string)))
	}
	// What this field is for: huh's Text, as the notes were, ignored the key.
	if got := b.Live().Note; got != note+"151" {
		t.Errorf("huh's Text took the new line: its note ends %q", got[len(got)-60:])
	}

	// The requirements' notes are the same field.
	req := rubric.DefaultRequirements()
	req.Notes = note
	r := NewRequirements(rubric.ZH, req, nil)
	r.Form = toNote(t, r.Form, Update, "notes")
	r.Form = drive(r.Form, Update, keyOf(tea.KeyEnter))
	if got, _ := r.Live(); got.Notes != note+"\n" || !r.Typing() {
		t.Errorf("requirements' notes of %d lines after enter (typing %v)", strings.Count(got.Notes, "\n")+1, r.Typing())
	}
}

// A paste past NoteLimit is cut where huh's Text cut it.
func TestNoteKeepsTheCharacterLimit(t *testing.T) {
	v, w := "", ""
	n := newNote("notes", "Notes", "", &v)
	text := huhNote(rubric.EN, &noteField{key: "notes", value: &w})
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("evidence ", NoteLimit/9+10)), Paste: true}
	for _, f := range []huh.Field{n, text} {
		f.WithKeyMap(KeyMapIn(rubric.EN))
		f.WithWidth(60)
		f.Focus()
		f.Update(paste)
		f.Update(runes("x"))
	}
	if len(v) != NoteLimit || v != w {
		t.Errorf("a paste past the limit left %d bytes, huh's Text %d", len(v), len(w))
	}
}

// wrapMemo is a textarea's memo of wrapped lines by the address of each entry: the
// textarea makes an entry every time it wraps a line, so entries that were not there
// before a key are the lines the key wrapped. Kept as values, the entries stay alive
// and their addresses are not reused.
func wrapMemo(textarea reflect.Value) map[uintptr]reflect.Value {
	memo := textarea.FieldByName("cache").Elem().FieldByName("cache")
	out := make(map[uintptr]reflect.Value, memo.Len())
	for it := memo.MapRange(); it.Next(); {
		out[it.Value().Pointer()] = it.Value()
	}
	return out
}

// wrapsPerKey types at the end of a note with the form and draws it, and returns the
// most lines one key and its frame wrapped.
func wrapsPerKey(t *testing.T, form *huh.Form, update func(*huh.Form, tea.Msg) (*huh.Form, tea.Cmd), textarea func() reflect.Value) int {
	t.Helper()
	keys := []tea.Msg{runes("x"), keyOf(tea.KeyEnter), runes("y"), keyOf(tea.KeyBackspace), keyOf(tea.KeyBackspace)}
	most := 0
	// The first key sizes the memo to the note, which forgets it once.
	form, _ = update(form, keyOf(tea.KeyEnd))
	form.View()
	for _, k := range keys {
		before := wrapMemo(textarea())
		form, _ = update(form, k)
		form.View()
		wrapped := 0
		for p := range wrapMemo(textarea()) {
			if _, ok := before[p]; !ok {
				wrapped++
			}
		}
		most = max(most, wrapped)
	}
	return most
}

// A key typed at the end of a long note wraps the lines it changed, not the note;
// huh's Text wraps every line again past 99.
func TestLongNoteWrapsOnlyWhatAKeyChanged(t *testing.T) {
	for _, lines := range []int{150, 1500} {
		note := noteOfLines(lines)
		s := NewStep(2, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, note, nil)
		s.Form = toNote(t, s.Form, Update, NoteKey)
		n := Unwrap(s.Form.GetFocusedField()).(*noteField)
		ours := wrapsPerKey(t, s.Form, Update, func() reflect.Value { return reflect.ValueOf(&n.textarea).Elem() })
		if ours > 3 {
			t.Errorf("%d lines: a key wrapped %d lines", lines, ours)
		}
		if lines > 150 {
			continue
		}
		b := NewStep(2, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, note, nil)
		plain := toNote(t, plainForm(rubric.EN, b.fields), plainUpdate, NoteKey)
		text := plain.GetFocusedField().(*huh.Text)
		theirs := wrapsPerKey(t, plain, plainUpdate, func() reflect.Value { return reflect.ValueOf(text).Elem().FieldByName("textarea") })
		if theirs < 90 {
			t.Errorf("huh's Text wrapped only %d lines a key at %d lines: is this field still needed?", theirs, lines)
		}
	}
}

// memoCapacity is how many wrapped lines a textarea remembers at most.
func memoCapacity(n *noteField) int {
	return int(reflect.ValueOf(&n.textarea).Elem().FieldByName("cache").Elem().FieldByName("capacity").Int())
}

// The memo follows the note's lines, at least 99 as in huh's Text: typing a long
// paragraph leaves at most that many old versions of it behind, where a memo without
// a limit (10,000 entries) would keep them all.
func TestWrapMemoFollowsTheNote(t *testing.T) {
	v := ""
	n := newNote("notes", "Notes", "", &v)
	n.WithKeyMap(KeyMapIn(rubric.EN))
	n.WithWidth(60)
	n.Focus()
	for range 300 {
		n.Update(runes("a "))
		n.View()
	}
	if c, held := memoCapacity(n), len(wrapMemo(reflect.ValueOf(&n.textarea).Elem())); c != minWrapMemo || held > c {
		t.Errorf("a paragraph of one line: a memo of %d holding %d, want %d", c, held, minWrapMemo)
	}
	for _, step := range []struct{ lines, lo, hi int }{
		{60, 120, 480}, {1000, 2000, 8000}, {300, 600, 8000}, {40, minWrapMemo, 320}, {1, minWrapMemo, minWrapMemo},
	} {
		n.textarea.SetValue(noteOfLines(step.lines))
		n.Update(runes("z"))
		if c := memoCapacity(n); c < step.lo || c > step.hi {
			t.Errorf("a note of %d lines: a memo of %d, want %d to %d", step.lines, c, step.lo, step.hi)
		}
	}
}

// The note field answers like huh's Text when a form is run accessibly.
func TestNoteAsksAccessiblyAsHuhsText(t *testing.T) {
	ask := func(f huh.Field) (string, string) {
		var out strings.Builder
		if err := f.RunAccessible(&out, strings.NewReader("a note\n")); err != nil {
			t.Fatal(err)
		}
		return out.String(), f.GetValue().(string)
	}
	for _, lang := range []rubric.Lang{rubric.ZH, rubric.EN} {
		a := NewStep(3, lang, rubric.DefaultRequirements(), rubric.Answers{}, "old", nil)
		b := NewStep(3, lang, rubric.DefaultRequirements(), rubric.Answers{}, "old", nil)
		n := Unwrap(a.fields[len(a.fields)-1]).(*noteField)
		text := huhNote(lang, Unwrap(b.fields[len(b.fields)-1]).(*noteField))
		text.WithTheme(Theme())
		n.WithTheme(Theme())
		gotOut, got := ask(n)
		wantOut, want := ask(text)
		if gotOut != wantOut || got != want || got != "a note" || a.Live().Note != "a note" {
			t.Errorf("%s: asked %q and kept %q, huh asked %q and kept %q", lang, gotOut, got, wantOut, want)
		}
	}
}

// The cursor blinks as huh's Text's does.
func TestNoteCursorBlinksAsHuhsText(t *testing.T) {
	v, w := "evidence", "evidence"
	n := newNote("notes", "Notes", "", &v)
	text := huhNote(rubric.EN, &noteField{key: "notes", value: &w})
	fields := []huh.Field{n, text}
	blinks := make([]tea.Cmd, len(fields))
	for i, f := range fields {
		f.WithTheme(Theme())
		f.WithKeyMap(KeyMapIn(rubric.EN))
		f.WithWidth(60)
		blinks[i] = f.Focus()
	}
	if n.View() != text.View() || n.textarea.Cursor.Blink {
		t.Fatalf("focused, the note shows\n%s\nhuh's Text\n%s", n.View(), text.View())
	}
	// Both blinks wait out the cursor's interval at once.
	msgs := make([]tea.Msg, len(fields))
	var wg sync.WaitGroup
	for i, cmd := range blinks {
		wg.Go(func() { msgs[i] = cmd() })
	}
	wg.Wait()
	for i, f := range fields {
		f.Update(msgs[i])
	}
	// Without colours (as in tests) a hidden cursor looks like a shown one.
	if !n.textarea.Cursor.Blink {
		t.Error("the cursor did not blink")
	}
	if n.View() != text.View() {
		t.Errorf("after a blink the note shows\n%s\nhuh's Text\n%s", n.View(), text.View())
	}
}

// BenchmarkNoteKeystroke is a letter typed at the end of a long note and taken back,
// through the form and drawn, with this field and with huh's Text.
func BenchmarkNoteKeystroke(b *testing.B) {
	for _, lines := range []int{150, 1500} {
		for _, field := range []string{"note", "huh"} {
			b.Run(fmt.Sprintf("%s_%dlines", field, lines), func(b *testing.B) {
				s := NewStep(2, rubric.EN, rubric.DefaultRequirements(), rubric.Answers{}, noteOfLines(lines), nil)
				form, update, view := s.Form, Update, s.View
				if field == "huh" {
					form, update = plainForm(rubric.EN, s.fields), plainUpdate
					view = func() string { return form.View() }
				}
				form = toNote(b, form, update, NoteKey)
				s.Form = form
				s.Resize(100, 30)
				keys := []tea.Msg{runes("x"), keyOf(tea.KeyBackspace)}
				for i := 0; b.Loop(); i++ {
					form, _ = update(form, keys[i%2])
					s.Form = form
					_ = view()
				}
			})
		}
	}
}
