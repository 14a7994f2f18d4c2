package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/rubric"
)

// followup opens the dialog that turns the focused open question into a follow-up
// (待确认), or changes or takes back the one it is.
func (v *vendorScreen) followup() tea.Cmd {
	c := v.c
	q, ok := rubric.QuestionByID(v.form.Focused())
	if !ok {
		return info(c.Lang.Pick("待确认事项针对某个问题:先把光标移到该问题上", "A follow-up is for a question: move to the question first"))
	}
	vd := v.vendor()
	cur, has := vd.Followups[q.ID]
	if !has && vd.Answers.Known(q) {
		return info(c.Lang.Pick("该问题已有回答;待确认事项用于尚未回答的问题", "This question is answered; a follow-up is for an open question"))
	}
	vid := vd.ID
	fields := []formField{
		{key: "owner", label: c.Lang.Pick("由谁跟进", "Who finds out"), value: cur.Owner, placeholder: c.Lang.Pick("如:王敏", "e.g. Wang Min")},
		{key: "due", label: c.Lang.Pick("到期日", "Due"), value: cur.Due, placeholder: c.Lang.Pick("如:12-15 或 2026-12-15", "e.g. 12-15 or 2026-12-15"),
			check: func(text string) error {
				if strings.TrimSpace(text) == "" {
					return nil
				}
				if _, err := rubric.ReadDay(text, c.Now()); err != nil {
					return userErr(err.Message.In(c.Lang))
				}
				return nil
			}},
	}
	title := c.Lang.Pick("待确认:", "Follow up: ") + q.Label.In(c.Lang)
	f := newFormScreen(c, title, fields, func(vals []string) tea.Cmd {
		owner, dueText := vals[0], vals[1]
		if owner == "" && dueText == "" {
			if !has {
				return c.pop()
			}
			return c.write(title, func(ctx context.Context, st *db.Store) error {
				return st.RemoveFollowup(ctx, vid, q.ID)
			}, func() tea.Cmd {
				if x := findVendor(v.sess, vid); x != nil {
					delete(x.Followups, q.ID)
				}
				return c.pop()
			})
		}
		if owner == "" || dueText == "" {
			return reportErr(userErr(c.Lang.Pick("请同时写明由谁跟进和到期日;两项都清空即撤销", "Give both who finds out and the day due; clear both to take it back")))
		}
		due, _ := rubric.ReadDay(dueText, c.Now())
		f := rubric.Followup{Owner: owner, Due: due}
		return c.write(title, func(ctx context.Context, st *db.Store) error {
			return st.SetFollowup(ctx, vid, q.ID, f)
		}, func() tea.Cmd {
			if x := findVendor(v.sess, vid); x != nil {
				if x.Followups == nil {
					x.Followups = map[string]rubric.Followup{}
				}
				x.Followups[q.ID] = f
			}
			return c.pop()
		})
	})
	if has {
		f.intro = c.Lang.Pick("两项都清空即撤销此待确认事项。", "Clear both to take the follow-up back.")
	}
	return c.push(f.keepDraft(fmt.Sprintf("followup/%d/%s", vid, q.ID), db.DraftOf{VendorID: vid}))
}

// followupLine says the focused question's follow-up, if it has one and is open.
func (v *vendorScreen) followupLine(w int) string {
	q, ok := rubric.QuestionByID(v.form.Focused())
	if !ok {
		return ""
	}
	f, ok := v.vendor().Followups[q.ID]
	if !ok || v.vendor().Answers.Known(q) {
		return ""
	}
	return followupStyle(v.c, f).Render(truncate("⚑ "+v.c.Lang.Pick("待确认:", "Follow-up: ")+followupWords(v.c, f), w))
}

// followupWords says who follows up by when, and whether the day has passed.
func followupWords(c *Common, f rubric.Followup) string {
	s := fmt.Sprintf(c.Lang.Pick("%s,%s 到期", "%s, due %s"), f.Owner, f.Due)
	if f.Overdue(c.Now()) {
		s += c.Lang.Pick("(已逾期)", " (overdue)")
	}
	return s
}

func followupStyle(c *Common, f rubric.Followup) lipgloss.Style {
	if f.Overdue(c.Now()) {
		return c.Styles.Error
	}
	return c.Styles.Warn
}

// openFollowup is a follow-up still open in a session, with where it belongs.
type openFollowup struct {
	vendor   string
	question rubric.Question
	rubric.Followup
}

// openFollowups lists a session's open follow-ups, soonest due first.
func openFollowups(sess *db.Session) []openFollowup {
	var out []openFollowup
	for _, v := range sess.Vendors {
		for _, id := range v.OpenFollowups() {
			q, _ := rubric.QuestionByID(id)
			out = append(out, openFollowup{v.Name, q, v.Followups[id]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
	return out
}
