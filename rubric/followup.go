package rubric

import (
	"fmt"
	"strings"
	"time"
)

// Followup is an open question turned into a task (待确认): who finds the answer
// out, and by when. It stands while its question is unanswered.
type Followup struct {
	Owner string
	// Due is the day it is due, YYYY-MM-DD.
	Due string
}

// dateLayout is how days are written in the store, the session file and reports.
const dateLayout = "2006-01-02"

// Overdue reports whether the follow-up's day has passed by today.
func (f Followup) Overdue(today time.Time) bool {
	due, err := time.ParseInLocation(dateLayout, f.Due, today.Location())
	return err == nil && due.Before(startOfDay(today))
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// OpenFollowups are the vendor's follow-ups whose questions are still unanswered,
// in the order the questions are asked.
func (v Vendor) OpenFollowups() []string {
	var ids []string
	for _, q := range Questions {
		if _, ok := v.Followups[q.ID]; ok && !v.Answers.Known(q) {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// ReadDay reads a day as people type it: 2026-12-15, 2026/12/15, 2026.12.15, or
// without the year (12-15, 12/15, 12月15日) for the next such day from today.
func ReadDay(text string, today time.Time) (string, *FieldError) {
	s := strings.TrimSpace(text)
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	s = strings.TrimSuffix(s, "-")
	var y, m, d int
	switch n, _ := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); {
	case n == 3 && strings.Count(s, "-") == 2:
	case n == 2 && strings.Count(s, "-") == 1:
		// Without a year: this year's, or next year's if that day has passed.
		d, m, y = m, y, today.Year()
		if time.Date(y, time.Month(m), d, 0, 0, 0, 0, today.Location()).Before(startOfDay(today)) {
			y++
		}
	default:
		return "", &FieldError{"due", Text{"请输入日期,如 2026-12-15 或 12-15", "enter a day such as 2026-12-15 or 12-15"}}
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, today.Location())
	if y < 2000 || y > 2100 || day.Month() != time.Month(m) || day.Day() != d {
		return "", &FieldError{"due", Text{"没有这一天:" + text, "there is no such day: " + text}}
	}
	return day.Format(dateLayout), nil
}
