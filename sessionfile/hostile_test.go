package sessionfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// escapeKey is a key that sets a terminal's title and clears its screen when printed.
const escapeKey = `\u001b]0;PWNED\u0007\u001b[2J`

// hostileDocs are session files built to break whatever prints or stores them; each
// must be refused with an *ImportError naming the key, in words that are plain text.
var hostileDocs = []struct {
	name, doc   string
	path, words string
}{
	{"escape key twice at the top", `{"format": "vendorvet.session/1", "` + escapeKey + `": 1, "` + escapeKey + `": 2}`, "]0;PWNED[2J", "twice"},
	{"escape key twice in answers", `{"format": "vendorvet.session/1", "vendors": [{"name": "甲", "answers": {"` + escapeKey + `": 1, "` + escapeKey + `": 1}}]}`,
		"vendors[1](甲).answers.]0;PWNED[2J", "twice"},
	{"escape key twice in a profile", `{"format": "vendorvet.session/1", "profile": {"` + escapeKey + `": 1, "` + escapeKey + `": 1}}`, "profile", "weights"},
	{"escape key unknown", `{"format": "vendorvet.session/1", "` + escapeKey + `": 1}`, "]0;PWNED[2J", "unknown key"},
	{"escape step of notes", `{"format": "vendorvet.session/1", "vendors": [{"name": "甲", "notes": {"` + escapeKey + `": "x"}}]}`,
		"vendors[1](甲).notes.]0;PWNED[2J", `"2" to "7"`},
	{"escape format", `{"format": "` + escapeKey + `"}`, "format", "not supported"},
	{"escape lang", `{"format": "vendorvet.session/1", "lang": "` + escapeKey + `"}`, "lang", `"zh" or "en"`},
	{"invalid UTF-8", "{\"format\": \"vendorvet.session/1\",\n \"title\": \"ab\xffc\"}", "", "byte offset 47"},
	{"invalid UTF-8 after a byte-order mark", "\ufeff{\"format\": \"vendorvet.session/1\", \"title\": \"\xff\"}", "", "column 45 (byte offset 47)"},
	{"unpaired surrogate", `{"format": "vendorvet.session/1", "title": "a\ud800b"}`, "title", "surrogate"},
	{"unpaired low surrogate in a note", `{"format": "vendorvet.session/1", "vendors": [{"name": "甲", "notes": {"3": "\udc00"}}]}`, "vendors[1](甲).notes.3", "surrogate"},
	{"name too long", `{"format": "vendorvet.session/1", "vendors": [{"name": "` + strings.Repeat("甲", clean.MaxLine+1) + `"}]}`,
		"vendors[1].name", fmt.Sprintf("at most %d", clean.MaxLine)},
	{"title too long", `{"format": "vendorvet.session/1", "title": "` + strings.Repeat("x", 10_000) + `"}`, "title", fmt.Sprintf("at most %d", clean.MaxLine)},
	{"too many vendors", manyVendors(rubric.MaxVendors + 1), "vendors", fmt.Sprintf("at most %d", rubric.MaxVendors)},
}

// manyVendors is a session file of n vendors with names only.
func manyVendors(n int) string {
	var b strings.Builder
	b.WriteString(`{"format": "vendorvet.session/1", "vendors": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"name": "v%d"}`, i+1)
	}
	b.WriteString("]}")
	return b.String()
}

func TestImportRefusesHostileFiles(t *testing.T) {
	for _, c := range hostileDocs {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import([]byte(c.doc))
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error = %v, want an *ImportError", err)
			}
			for _, lang := range []rubric.Lang{rubric.EN, rubric.ZH} {
				msg := ie.In(lang)
				if i := strings.IndexFunc(msg, func(r rune) bool { return unicode.IsControl(r) }); i >= 0 {
					t.Errorf("%s message carries a control character: %q", lang, msg)
				}
				if !strings.HasPrefix(msg, c.path) {
					t.Errorf("%s message %q does not start with %q", lang, msg, c.path)
				}
			}
			if !strings.Contains(err.Error(), c.words) {
				t.Errorf("message %q does not say %q", err.Error(), c.words)
			}
		})
	}
}

// The limits accept what they name: a name of exactly MaxLine characters, a session
// of exactly MaxVendors vendors; invisible tag text in a name is dropped.
func TestImportLimitsAcceptTheirBound(t *testing.T) {
	long := strings.Repeat("甲", clean.MaxLine)
	s, err := Import([]byte(`{"format": "vendorvet.session/1", "vendors": [{"name": "` + long + `\udb40\udc41"}]}`))
	if err != nil || s.Vendors[0].Name != long {
		t.Errorf("a %d-character name: %v", clean.MaxLine, err)
	}
	s, err = Import([]byte(manyVendors(rubric.MaxVendors)))
	if err != nil || len(s.Vendors) != rubric.MaxVendors {
		t.Errorf("%d vendors: %v", rubric.MaxVendors, err)
	}
	// A surrogate pair written as escapes is one character, not an error.
	s, err = Import([]byte(`{"format": "vendorvet.session/1", "title": "\ud83d\ude00 \\ud800"}`))
	if err != nil || s.Title != "😀 \\ud800" {
		t.Errorf("paired surrogates: %q, %v", s.Title, err)
	}
}

// Reading a file is linear in its size: an object of a hundred thousand keys is
// read about as fast as encoding/json reads it into a map, not in the square of
// its keys.
func TestImportManyKeysIsLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format": "vendorvet.session/1", "vendors": [{"name": "a", "answers": {`)
	for i := range 100_000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":0`, i)
	}
	b.WriteString(`}}]}`)
	doc := []byte(b.String())

	floor := measure(func() {
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
	})
	took := measure(func() {
		if _, err := Import(doc); err == nil {
			t.Fatal("a file of unknown keys was accepted")
		}
	})
	if took > 40*floor+100*time.Millisecond {
		t.Errorf("Import took %v, encoding/json %v: more than linear", took, floor)
	}
}

// measure returns the shortest of three runs of f.
func measure(f func()) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}
