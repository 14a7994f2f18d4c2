package rubric

import (
	"strings"
	"testing"
)

// The verdict on a vendor, one row a rule: a provisional vendor is judged by its total
// only when answering the open questions cannot lift it into a better band.
func TestVerdict(t *testing.T) {
	lowered := fullAnswers(baseReq())
	for _, id := range []string{"iso9001", "iso27001", "encryption", "leak_plan", "reference_checked", "scale_match", "penalty", "dashboard", "raw_access"} {
		lowered[id] = Value{Tri: No}
	}
	without := func(a Answers, ids ...string) Answers {
		a = merge(a)
		for _, id := range ids {
			delete(a, id)
		}
		return a
	}
	aOnly, err := CustomProfile(100, 0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	weakA := merge(yes("business_license", "nda"), ans("iso9001", No, "iso27001", No, "encryption", No, "leak_plan", No))

	for _, r := range []struct {
		name        string
		ans         Answers
		profile     Profile
		band        Band
		provisional bool
		potential   bool // HasPotential: an "up to" is said
	}{
		{"a new vendor with nothing answered is incomplete, not a reject", nil, DefaultProfile, Incomplete, true, true},
		{"every question answered: the total's band", fullAnswers(baseReq()), DefaultProfile, Excellent, false, false},
		{"excellent with a question open stays excellent", without(fullAnswers(baseReq()), "mlps"), DefaultProfile, Excellent, true, true},
		{"qualified whose potential stays below 85 stays qualified", without(lowered, "mlps"), DefaultProfile, Qualified, true, true},
		{"qualified whose potential reaches 85 is incomplete", without(lowered, "iso9001", "iso27001"), DefaultProfile, Incomplete, true, true},
		{"a potential that stays below 70 is a reject, provisional or not", weakA, aOnly, Reject, true, true},
		{"a knockout disqualifies whatever is still open", ans("data_ownership", No), DefaultProfile, Disqualified, true, false},
	} {
		t.Run(r.name, func(t *testing.T) {
			card := Score(baseReq(), r.ans, r.profile)
			checkCard(t, card)
			if card.Band != r.band || card.Provisional != r.provisional || card.HasPotential() != r.potential {
				t.Errorf("total %v potential %v: band %s provisional %v has potential %v, want %s %v %v",
					card.Total, card.Potential, card.Band, card.Provisional, card.HasPotential(), r.band, r.provisional, r.potential)
			}
			// Whatever the verdict, only an open card with something to reach says how far.
			for _, lang := range []Lang{ZH, EN} {
				says := VerdictWords(card, lang) + NowUpToWords(card, lang)
				upTo := strings.Contains(says, Text{"最高", "up to"}.In(lang))
				if upTo != r.potential {
					t.Errorf("%s: %q says up to: %v, want %v", lang, says, upTo, r.potential)
				}
			}
		})
	}
}

// Words of the three kinds of open scorecard: incomplete, settled but provisional,
// and disqualified.
func TestOpenVerdictWords(t *testing.T) {
	fresh := card(Incomplete, 25, 88, 12, 46, 10, 5, 5, 5)
	backup := card(Qualified, 76, 81, 44, 46, 16, 24, 19, 17)
	out := card(Disqualified, 83, 95, 44, 46, 19, 28, 20, 16)
	out.Knockouts = []Finding{{Code: "no_data_ownership", Item: "D2"}}

	checkWords(t, "incomplete verdict", func(l Lang) string { return VerdictWords(fresh, l) }, words{
		"25 分,评估未完成(34 个问题未回答,最高可达 88 分)",
		"25 / 100, Evaluation unfinished (34 questions unanswered, up to 88)"})
	checkWords(t, "incomplete band", func(l Lang) string { return BandWords(fresh, l) }, words{"评估未完成", "Evaluation unfinished"})
	checkWords(t, "incomplete, short", func(l Lang) string { return fresh.Band.Short(l) }, words{"未完成", "To finish"})
	checkWords(t, "now and up to", func(l Lang) string { return NowUpToWords(fresh, l) }, words{"现 25 分,最高可达 88 分", "now 25, up to 88"})
	checkWords(t, "now and up to, settled", func(l Lang) string { return NowUpToWords(backup, l) }, words{"现 76 分,最高可达 81 分", "now 76, up to 81"})
	checkWords(t, "unanswered", func(l Lang) string { return UnansweredWords(fresh, l) }, words{"34 个问题未回答", "34 questions unanswered"})

	// A disqualified card could reach 95 in points, but nothing it could reach matters,
	// and the knockout is final: it is not called provisional.
	checkWords(t, "disqualified verdict", func(l Lang) string { return VerdictWords(out, l) }, words{
		"83 分,一票否决(2 个问题未回答)", "83 / 100, Disqualified (2 questions unanswered)"})
	checkWords(t, "disqualified points", func(l Lang) string { return PointsWords(out, l) }, words{
		"83 分(2 个问题未回答)", "83 / 100 (2 questions unanswered)"})
	checkWords(t, "disqualified band", func(l Lang) string { return BandWords(out, l) }, words{"一票否决", "Disqualified"})
	checkWords(t, "disqualified, now and up to", func(l Lang) string { return NowUpToWords(out, l) }, words{"", ""})
	open := ItemScore{ID: "D2", Points: 4, Max: 8, Potential: 8, Answered: 3, Questions: 5}
	checkWords(t, "item of a disqualified card", func(l Lang) string { return ItemPointsWords(out, open, l) }, words{"4/8", "4/8"})
	checkWords(t, "item of an open card", func(l Lang) string { return ItemPointsWords(backup, open, l) }, words{"4/8(最高 8)", "4/8 (up to 8)"})
}
