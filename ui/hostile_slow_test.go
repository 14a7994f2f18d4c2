//go:build slow

package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/wizard"
)

func TestHostileTextIsStoredCleanAndNeverReachesTheTerminal(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			hostileRoundTrip(t, lang)
		})
	}
}

// TestImportedHostileTextStaysInert: a session imported from a file keeps tabs and
// line breaks in its notes, as clean.Text allows; no screen may hand them to the
// terminal.
func TestImportedHostileTextStaysInert(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			c := newTestCommon(t, lang)
			s := demoWith(lang, 4)
			s.Title, s.Client, s.Evaluator = hostileLine, hostileLine, hostileLine
			s.Requirements.UserProfile, s.Requirements.Notes = hostileText, hostileText
			for i := range s.Vendors {
				s.Vendors[i].Name = fmt.Sprintf("%d %s", i, hostileLine)
				s.Vendors[i].Contact = hostileLine
				s.Vendors[i].Notes = map[int]string{}
				for step := 2; step <= 7; step++ {
					s.Vendors[i].Notes[step] = hostileText + "\n\t| a | b |\tc\\"
				}
			}
			sess := storeSession(t, c, s)
			if !strings.Contains(sess.VendorRecords[0].Notes[2], "\t") {
				t.Fatal("the imported notes lost their tabs; this test needs them")
			}
			for _, sz := range [][2]int{{40, 12}, {80, 24}, {200, 60}} {
				app := NewApp(c)
				press(app, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				checkScreen(t, app, fmt.Sprintf("sessions %v", sz))
				for name, mk := range map[string]func() screen{
					"session":      func() screen { return newSessionScreen(c, sess) },
					"requirements": func() screen { return newRequirementsScreen(c, sess) },
					"comparison":   func() screen { return newCompareScreen(c, sess) },
					"export":       func() screen { return newExportScreen(c, sess) },
				} {
					press(app, pushMsg{mk()})
					for range 40 {
						checkScreen(t, app, fmt.Sprintf("%s %v", name, sz))
						press(app, keyOf(tea.KeyPgDown))
					}
					app.stack = app.stack[:1]
				}
				for step := 2; step <= 7; step++ {
					v := newVendorScreen(c, sess, 0, step)
					press(app, pushMsg{v})
					typeInto(t, app, v.form.Focused, wizard.NoteKey, "")
					checkScreen(t, app, fmt.Sprintf("wizard step %d %v", step, sz))
					app.stack = app.stack[:1]
				}
			}
		})
	}
}
