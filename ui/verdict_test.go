package ui

import (
	"strings"
	"testing"

	"vendorvet/rubric"
)

// A vendor with nothing answered reads as unfinished on every screen that gives a
// verdict, with what it could reach where there is room, and never as a reject.
func TestUnfinishedVendorIsNotRejectedOnAnyScreen(t *testing.T) {
	for _, lang := range langs {
		t.Run(string(lang), func(t *testing.T) {
			c := newTestCommon(t, lang)
			sess := newSessionWithVendors(t, c, "云帆呼叫中心")
			unfinished := "◐ " + rubric.Incomplete.Label(lang)
			upTo := rubric.UpToWords(100, lang)
			card := rubric.Score(sess.Requirements, sess.Vendors[0].Answers, sess.Profile)
			screens := map[string]struct {
				view  func(w, h int) string
				wants []string
			}{
				"sessions": {func(w, h int) string {
					s := newSessionsScreen(c)
					s.SetSize(w, h)
					return s.View()
				}, []string{unfinished}},
				"session": {func(w, h int) string {
					s := newSessionScreen(c, sess)
					s.SetSize(w, h)
					return s.View()
				}, []string{unfinished, upTo}},
				"requirements": {func(w, h int) string {
					s := newRequirementsScreen(c, sess)
					s.SetSize(w, h)
					return s.View()
				}, []string{unfinished, upTo}},
				"vendor": {func(w, h int) string {
					s := newVendorScreen(c, sess, 0, 2)
					s.SetSize(w, h)
					return s.View()
				}, []string{unfinished, rubric.ProvisionalWords(card, lang)}},
				"compare": {func(w, h int) string {
					s := newCompareScreen(c, sess)
					s.SetSize(w, h)
					return s.View()
				}, []string{"◐ " + rubric.Incomplete.Short(lang), "100"}},
			}
			for name, sc := range screens {
				view := plain(sc.view(120, 40))
				// The comparison's legend names every band, the reject's among them.
				view, _, _ = strings.Cut(view, "▲ ")
				for _, want := range sc.wants {
					if !strings.Contains(view, want) {
						t.Errorf("%s: lacks %q:\n%s", name, want, view)
					}
				}
				for _, reject := range []string{"▽", rubric.Reject.Label(lang), rubric.Reject.Short(lang), rubric.ProvisionalMark.In(lang)} {
					if strings.Contains(view, reject) {
						t.Errorf("%s: a vendor with nothing answered reads as %q:\n%s", name, reject, view)
					}
				}
			}
		})
	}
}

// The live scorecard, wide and narrow, says no "up to" for a disqualified vendor,
// and for an unfinished one what it could reach without calling it provisional too.
func TestScorePanelSaysNoPotentialWhenDisqualified(t *testing.T) {
	for _, lang := range langs {
		c := newTestCommon(t, lang)
		req := rubric.DefaultRequirements()
		req.Channels, req.Industry = []string{"web"}, "ecommerce"
		out := rubric.Score(req, rubric.Answers{"data_ownership": {Tri: rubric.No}}, rubric.DefaultProfile)
		fresh := rubric.Score(req, nil, rubric.DefaultProfile)
		if out.Band != rubric.Disqualified || out.Potential <= out.Total || fresh.Band != rubric.Incomplete {
			t.Fatalf("test data: %s %v up to %v; %s", out.Band, out.Total, out.Potential, fresh.Band)
		}
		for _, focus := range []string{"", "D2", "A1"} {
			said := plain(scoreSummary(c, out, 200) + "\n" + strings.Join(scoreLines(c, out, focus, 60), "\n"))
			if strings.Contains(said, rubric.UpToWords(out.Potential, lang)) || strings.Contains(said, lang.Pick("最高", "up to")) {
				t.Errorf("%s, focus %q: a disqualified card says what it could reach:\n%s", lang, focus, said)
			}
		}
		summary := plain(scoreSummary(c, fresh, 200))
		if !strings.Contains(summary, rubric.UpToWords(fresh.Potential, lang)) || strings.Contains(summary, rubric.ProvisionalMark.In(lang)) {
			t.Errorf("%s: summary of an unfinished card: %q", lang, summary)
		}
	}
}
