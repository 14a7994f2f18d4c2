package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// evidence opens the dialog that records how the focused question's answer was
// verified, or changes or takes back what was recorded.
func (v *vendorScreen) evidence() tea.Cmd {
	c := v.c
	q, ok := rubric.QuestionByID(v.form.Focused())
	if !ok {
		return info(c.Lang.Pick("凭证针对某个问题:先把光标移到该问题上", "Evidence is for a question: move to the question first"))
	}
	vd := v.vendor()
	cur, has := vd.Evidence[q.ID]
	vid := vd.ID
	source := ""
	if i := rubric.EvidenceSources.Index(cur.Source); i >= 0 {
		source = strconv.Itoa(i + 1)
	}
	day := func(text string) error {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		if _, err := rubric.ReadDay(text, c.Now()); err != nil {
			return userErr(err.Message.In(c.Lang))
		}
		return nil
	}
	fields := []formField{
		{key: "source", label: c.Lang.Pick("来源(1–5)", "Source (1–5)"), value: source, placeholder: "1–5",
			check: func(text string) error {
				if _, ok := readSource(text); !ok && strings.TrimSpace(text) != "" {
					return userErr(c.Lang.Pick("请输入 1 到 5", "type a number from 1 to 5"))
				}
				return nil
			}},
		{key: "seen", label: c.Lang.Pick("核查日期", "Day seen"), value: cur.Seen, placeholder: c.Lang.Pick("如:11-30 或 2026-11-30", "e.g. 11-30 or 2026-11-30"), check: day},
		{key: "link", label: c.Lang.Pick("链接或文件路径(可选)", "Link or file path (optional)"), value: cur.Link},
	}
	validity := rubric.HasValidity(q.ID)
	if validity {
		fields = append(fields, formField{key: "valid_until", label: c.Lang.Pick("有效期至(可选)", "Valid until (optional)"), value: cur.ValidUntil,
			placeholder: c.Lang.Pick("如:2027-06-30", "e.g. 2027-06-30"), check: func(text string) error {
				if strings.TrimSpace(text) == "" {
					return nil
				}
				if _, err := rubric.ReadDay(text, c.Now()); err != nil {
					return userErr(err.Message.In(c.Lang))
				}
				return nil
			}})
	}
	title := c.Lang.Pick("凭证:", "Evidence: ") + q.Label.In(c.Lang)
	f := newFormScreen(c, title, fields, func(vals []string) tea.Cmd {
		valid := ""
		if validity {
			valid = vals[3]
		}
		if vals[0] == "" && vals[1] == "" && vals[2] == "" && valid == "" {
			if !has {
				return c.pop()
			}
			return c.write(title, func(ctx context.Context, st *db.Store) error {
				return st.RemoveEvidence(ctx, vid, q.ID)
			}, func() tea.Cmd {
				if x := findVendor(v.sess, vid); x != nil {
					delete(x.Evidence, q.ID)
				}
				v.rescore()
				return c.pop()
			})
		}
		src, ok := readSource(vals[0])
		if !ok || vals[1] == "" {
			return reportErr(userErr(c.Lang.Pick("请写明来源(1–5)和核查日期;全部清空即撤销", "Give the source (1–5) and the day seen; clear every field to take it back")))
		}
		e := rubric.Evidence{Source: src, Link: vals[2]}
		e.Seen, _ = rubric.ReadDay(vals[1], c.Now())
		if valid != "" {
			// A validity is a day in any year: one typed without a year is read as
			// the next such day, as the check above did.
			e.ValidUntil, _ = rubric.ReadDay(valid, c.Now())
		}
		return c.write(title, func(ctx context.Context, st *db.Store) error {
			return st.SetEvidence(ctx, vid, q.ID, e)
		}, func() tea.Cmd {
			if x := findVendor(v.sess, vid); x != nil {
				if x.Evidence == nil {
					x.Evidence = map[string]rubric.Evidence{}
				}
				x.Evidence[q.ID] = e
			}
			v.rescore()
			return c.pop()
		})
	})
	var intro []string
	for i, o := range rubric.EvidenceSources {
		intro = append(intro, fmt.Sprintf("%d %s", i+1, o.Label.In(c.Lang)))
	}
	f.intro = c.Lang.Pick("来源:", "Source: ") + strings.Join(intro, c.Lang.Pick(";", "; "))
	if has {
		f.intro += c.Lang.Pick("。全部清空即撤销。", ". Clear every field to take it back.")
	}
	return c.push(f.keepDraft(fmt.Sprintf("evidence/%d/%s", vid, q.ID), db.DraftOf{VendorID: vid}))
}

// readSource reads a source typed by its number in EvidenceSources, or by its value.
func readSource(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(rubric.EvidenceSources) {
		return rubric.EvidenceSources[n-1].Value, true
	}
	if rubric.EvidenceSources.Has(text) {
		return text, true
	}
	return "", false
}

// evidenceLine says the focused question's evidence, if it has some, in one line.
func (v *vendorScreen) evidenceLine(w int) string {
	q, ok := rubric.QuestionByID(v.form.Focused())
	if !ok {
		return ""
	}
	e, ok := v.vendor().Evidence[q.ID]
	if !ok {
		return ""
	}
	st := v.c.Styles.Faint
	if !e.Verified() {
		st = v.c.Styles.Warn
	}
	return st.Render(truncate(v.c.Lang.Pick("凭证:", "Evidence: ")+rubric.EvidenceWords(e, v.c.Lang), w))
}
