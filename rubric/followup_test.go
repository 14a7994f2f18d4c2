package rubric

import (
	"testing"
	"time"
)

func TestReadDay(t *testing.T) {
	today := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"2026-12-15", "2026-12-15"},
		{" 2027/1/5 ", "2027-01-05"},
		{"2026.12.31", "2026-12-31"},
		{"2026年12月15日", "2026-12-15"},
		{"12-15", "2026-12-15"},
		{"12月2日", "2026-12-02"},
		{"11/30", "2027-11-30"}, // passed this year: next year's
		{"2028-02-29", "2028-02-29"},
	} {
		got, err := ReadDay(c.in, today)
		if err != nil || got != c.want {
			t.Errorf("ReadDay(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "soon", "2026-13-01", "2027-02-29", "12", "2026-12-15-1", "1999-01-01"} {
		if got, err := ReadDay(in, today); err == nil {
			t.Errorf("ReadDay(%q) = %q, want an error", in, got)
		} else if err.Message.ZH == "" || err.Message.EN == "" {
			t.Errorf("ReadDay(%q): a message missing a language: %+v", in, err.Message)
		}
	}
}

func TestFollowupsStandWhileTheirQuestionIsOpen(t *testing.T) {
	today := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	v := Vendor{
		Answers: Answers{"nda": {Tri: Yes}},
		Followups: map[string]Followup{
			"nda":              {Owner: "王", Due: "2026-12-01"},
			"business_license": {Owner: "李", Due: "2026-12-01"},
			"iso9001":          {Owner: "张", Due: "2026-12-02"},
		},
	}
	got := v.OpenFollowups()
	if len(got) != 2 || got[0] != "business_license" || got[1] != "iso9001" {
		t.Errorf("open follow-ups %v, want business_license and iso9001 in the order asked", got)
	}
	if !v.Followups["business_license"].Overdue(today) || v.Followups["iso9001"].Overdue(today) {
		t.Error("due yesterday is overdue, due today is not")
	}
}
