package accessible

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/usermsg"
)

// evidence lists a vendor's applicable questions with the evidence recorded, and
// records, changes or takes back the evidence of the one chosen.
func (f *plainFlow) evidence(sess *db.Session, v *db.Vendor) error {
	for {
		var qs []rubric.Question
		for _, q := range rubric.Questions {
			if q.Applicable(sess.Requirements) {
				qs = append(qs, q)
			}
		}
		f.line("")
		f.say("%s 的问题与凭证：", "Questions and evidence of %s:", v.Name)
		q, ok, err := f.pickQuestion(qs, func(q rubric.Question) string {
			if e, has := v.Evidence[q.ID]; has {
				return f.lang.Pick("凭证：", "evidence: ") + rubric.EvidenceWords(e, f.lang)
			}
			return ""
		}, rubric.Text{ZH: "输入问题编号，记录或修改凭证；B 返回。", EN: "Type a question's number to record or change its evidence; B to go back."})
		if err != nil || !ok {
			return err
		}
		if err := f.evidenceOf(sess, v, q); err != nil {
			return err
		}
	}
}

// evidenceOf asks where a question's evidence comes from, the day seen, a link and,
// for a licence or certificate, the day valid until; a source of - takes it back.
func (f *plainFlow) evidenceOf(sess *db.Session, v *db.Vendor, q rubric.Question) error {
	cur, has := v.Evidence[q.ID]
	var sources []string
	for i, o := range rubric.EvidenceSources {
		sources = append(sources, fmt.Sprintf("%d %s", i+1, o.Label.In(f.lang)))
	}
	f.say("来源：%s。", "Sources: %s.", strings.Join(sources, f.lang.Pick("；", "; ")))
	if has {
		f.say("来源输入 - 即撤销此凭证。", "Type - as the source to take the evidence back.")
	}
	def := ""
	if i := rubric.EvidenceSources.Index(cur.Source); i >= 0 {
		def = strconv.Itoa(i + 1)
	}
	src, err := f.askLine(f.lang.Pick("来源(1–5)：", "Source (1–5):"), def, func(s string) string {
		if s == "-" && has {
			return ""
		}
		if _, ok := plainNumberIn(s, 1, len(rubric.EvidenceSources)); !ok {
			return f.lang.Pick("请输入 1 到 5。", "Type a number from 1 to 5.")
		}
		return ""
	})
	if err != nil {
		return err
	}
	if src == "-" {
		ctx, cancel := f.ctx()
		defer cancel()
		if err := f.store.RemoveEvidence(ctx, v.ID, q.ID); err != nil {
			f.line(usermsg.For(err, f.lang))
			return nil
		}
		delete(v.Evidence, q.ID)
		f.say("已撤销。", "Taken back.")
		return nil
	}
	day := func(s string) string {
		if _, ferr := rubric.ReadDay(s, time.Now()); ferr != nil {
			return ferr.Message.In(f.lang)
		}
		return ""
	}
	seen, err := f.askLine(f.lang.Pick("核查日期(如 11-30 或 2026-11-30)：", "Day seen (e.g. 11-30 or 2026-11-30):"), cur.Seen, day)
	if err != nil {
		return err
	}
	link, err := f.askLine(f.lang.Pick("链接或文件路径(可不填)：", "Link or file path (may be left empty):"), cur.Link, nil)
	if err != nil {
		return err
	}
	valid := ""
	if rubric.HasValidity(q.ID) {
		valid, err = f.askLine(f.lang.Pick("有效期至(可不填)：", "Valid until (may be left empty):"), cur.ValidUntil, func(s string) string {
			if s == "" {
				return ""
			}
			return day(s)
		})
		if err != nil {
			return err
		}
	}
	n, _ := plainNumberIn(src, 1, len(rubric.EvidenceSources))
	e := rubric.Evidence{Source: rubric.EvidenceSources[n-1].Value, Link: link}
	e.Seen, _ = rubric.ReadDay(seen, time.Now())
	if valid != "" {
		e.ValidUntil, _ = rubric.ReadDay(valid, time.Now())
	}
	ctx, cancel := f.ctx()
	defer cancel()
	if err := f.store.SetEvidence(ctx, v.ID, q.ID, e); err != nil {
		f.line(usermsg.For(err, f.lang))
		return nil
	}
	if v.Evidence == nil {
		v.Evidence = map[string]rubric.Evidence{}
	}
	v.Evidence[q.ID] = e
	f.say("已保存：%s。", "Saved: %s.", rubric.EvidenceWords(e, f.lang))
	f.line(f.cardLine(rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile)))
	return nil
}
