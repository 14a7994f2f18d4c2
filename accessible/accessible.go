// Package accessible is vendorvet's second front-end: the questions of the
// interface as plain sequential prompts for screen readers, built from the same
// tables in rubric.
package accessible

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/huh"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/internal/stopsignal"
	"vendorvet/rubric"
	"vendorvet/usermsg"
)

// The accessible mode asks everything as plain sequential prompts through huh's
// accessible fields (form.Run with WithAccessible), one field per form so that each
// answer is saved the moment it is given. Output is plain text, one fact a line: no
// boxes, no colours, nothing redrawn.

// plainPageSize is how many sessions one listing shows.
const plainPageSize = 20

// plainMaxLine bounds one line of input: huh reads each prompt with a bufio.Scanner,
// which gives up on lines of 64 KiB or more and would leave the rest of the line to
// be taken as the answers to the next prompts.
const plainMaxLine = 60_000

var (
	// errPlainEnd: the input ended (end of file, Ctrl+D, Ctrl+C): leave at once;
	// every answer given is already saved.
	errPlainEnd = errors.New("input ended")
	// errPlainQuit: the user asked to quit.
	errPlainQuit = errors.New("quit")
	// errPlainGone: the session or vendor was deleted meanwhile (another window).
	errPlainGone = errors.New("deleted elsewhere")
)

// Run runs the flow on the terminal until the user quits or the input ends. The
// check of the file comes first: plain prompts have no first screen to hurry.
func Run(store *db.Store, lang rubric.Lang) error {
	if err := store.Checked(context.Background()); err != nil {
		return err
	}
	return runCaught(store, lang, os.Stdin, os.Stdout)
}

// runCaught runs the flow on in/out. Ctrl+C, a closed terminal or a polite kill end
// the input like Ctrl+D does: nothing is pending, since every answer was saved when
// it was given.
func runCaught(store *db.Store, lang rubric.Lang, in io.Reader, out io.Writer) error {
	stop, release := stopsignal.Catch()
	defer release()
	return runPlain(store, lang, in, out, stop)
}

// runPlain is runCaught with the interruption given as a channel.
func runPlain(store *db.Store, lang rubric.Lang, in io.Reader, out io.Writer, stop <-chan struct{}) error {
	r := newPlainReader(in, stop)
	defer r.close()
	f := &plainFlow{store: store, lang: lang, in: r, out: out}
	f.say("vendorvet 无障碍模式：逐项提问，每个回答都会立即保存。输入结束(Ctrl+D)或 Ctrl+C 即退出。",
		"vendorvet accessible mode: plain questions one at a time; every answer is saved as soon as it is given. End of input (Ctrl+D) or Ctrl+C quits.")
	f.scoreMoves()
	err := f.sessions()
	switch {
	case errors.Is(err, errPlainEnd):
		if r.interrupted {
			f.say("已中断。已作答的内容均已保存。", "Interrupted. Everything answered is saved.")
		} else {
			f.say("输入已结束。已作答的内容均已保存。", "End of input. Everything answered is saved.")
		}
		return nil
	case errors.Is(err, errPlainQuit), err == nil:
		f.say("再见。所有内容均已保存。", "Goodbye. Everything is saved.")
		return nil
	}
	return err
}

// scoreMoves says, once, whose totals or verdicts moved when the store was scored
// again under new rules.
func (f *plainFlow) scoreMoves() {
	ctx, cancel := f.ctx()
	defer cancel()
	moves, err := f.store.ScoreMoves(ctx)
	if err != nil || len(moves) == 0 {
		return
	}
	f.say("此版本的评分规则有所更新，所有服务商已按新规则重新评分。以下 %d 家服务商的总分或结论有变化：",
		"This version scores vendors by updated rules, and every vendor was scored again. The total or verdict of %d moved:", len(moves))
	for _, m := range moves {
		line := m.Session + f.sep() + m.Vendor + f.colon() + rubric.FormatPoints(m.TotalThen) + " → " + rubric.FormatPoints(m.TotalNow)
		if m.BandThen != m.BandNow {
			line += f.sep() + m.BandThen.Label(f.lang) + " → " + m.BandNow.Label(f.lang)
		}
		f.line(line)
	}
	if err := f.store.ForgetScoreMoves(ctx); err != nil {
		f.line(usermsg.For(err, f.lang))
	}
}

// plainFlow is the state of one accessible run.
type plainFlow struct {
	store *db.Store
	lang  rubric.Lang
	in    *plainReader
	out   io.Writer
}

// line prints one line.
func (f *plainFlow) line(s string) { fmt.Fprintln(f.out, s) }

// say prints one line in the user's language, formatted with args.
func (f *plainFlow) say(zh, en string, args ...any) {
	fmt.Fprintf(f.out, f.lang.Pick(zh, en)+"\n", args...)
}

// ctx bounds one database call.
func (f *plainFlow) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// sep is the separator between facts on one line.
func (f *plainFlow) sep() string { return f.lang.Pick("，", ", ") }

// colon follows a label.
func (f *plainFlow) colon() string { return f.lang.Pick("：", ": ") }

// ---- prompts ----

// plainTheme has no colours and no decoration: accessible fields only render titles
// and ticked options, and a screen reader should hear the words alone.
func plainTheme() *huh.Theme { return huh.ThemeBase() }

// ask runs one field as an accessible form on the flow's input and output.
func (f *plainFlow) ask(field huh.Field) (err error) {
	// huh's numbered choices index their options with whatever was typed last when
	// the input ends right after an invalid entry ("0", "x", then Ctrl+D) and panic;
	// that is only the end of input.
	defer func() {
		if p := recover(); p != nil {
			if !f.in.ended {
				panic(p)
			}
			err = errPlainEnd
		}
	}()
	form := huh.NewForm(huh.NewGroup(field)).
		WithTheme(plainTheme()).
		WithShowHelp(false).
		WithAccessible(true).
		WithInput(f.in).
		WithOutput(f.out)
	if err := form.Run(); err != nil {
		return fmt.Errorf("prompt: %w", err)
	}
	// huh's prompts treat the end of input as "keep the default": the value is then
	// not an answer, and the run ends here.
	if f.in.ended {
		return errPlainEnd
	}
	if f.in.takeCut() {
		f.say("该行超过 %d 字节，只保留了前面部分。", "That line was longer than %d bytes; only its beginning was kept.", plainMaxLine)
	}
	return nil
}

// plainError is a validation message already in the user's language.
type plainError string

func (e plainError) Error() string { return string(e) }

// askLine asks for one line of text; def comes back when the line is empty.
// check returns a message in the user's language, or "" when the text is fine.
func (f *plainFlow) askLine(title, def string, check func(string) string) (string, error) {
	v := def
	field := huh.NewInput().Title(title).Value(&v)
	if check != nil {
		field.Validate(func(s string) error {
			s = strings.TrimSpace(s)
			if s == "" && def != "" {
				return nil
			}
			if msg := check(s); msg != "" {
				return plainError(msg)
			}
			return nil
		})
	}
	if err := f.ask(field); err != nil {
		return "", err
	}
	return strings.TrimSpace(v), nil
}

// askCommand asks for a menu choice: a number or a letter. def is what Enter means
// ("" when Enter means nothing). valid returns whether a (normalised) choice exists.
func (f *plainFlow) askCommand(def string, valid func(string) bool) (string, error) {
	title := f.lang.Pick("请选择：", "Choice:")
	if def != "" {
		title = fmt.Sprintf(f.lang.Pick("请选择(回车 = %s)：", "Choice (Enter = %s):"), strings.ToUpper(def))
	}
	v, err := f.askLine(title, def, func(s string) string {
		if valid(plainCommand(s)) {
			return ""
		}
		return f.lang.Pick("没有这个选项，请按上面的说明输入编号或字母。", "There is no such choice; type a number or a letter as listed above.")
	})
	if err != nil {
		return "", err
	}
	return plainCommand(v), nil
}

// plainCommand normalises a menu choice: trimmed, lower case, full-width letters and
// digits (typed with a Chinese input method) made ASCII.
func plainCommand(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r >= '０' && r <= '９':
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}

// plainNumberIn reads a menu number between lo and hi.
func plainNumberIn(s string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

// plainUnknown reports whether s asks to make an answer unknown (or to clear a field).
func plainUnknown(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "?", "？", "-", "unknown", "未知", "无":
		return true
	}
	return false
}

// ---- sessions ----

func (f *plainFlow) sessions() error {
	filter, offset := "", 0
	for {
		ctx, cancel := f.ctx()
		total, err := f.store.CountSessions(ctx, filter)
		cancel()
		if err != nil {
			return f.fatal(err)
		}
		if offset >= total {
			offset = max(0, (total-1)/plainPageSize*plainPageSize)
		}
		ctx, cancel = f.ctx()
		list, err := f.store.ListSessions(ctx, filter, offset, plainPageSize)
		cancel()
		if err != nil {
			return f.fatal(err)
		}

		f.line("")
		switch {
		case total == 0 && filter == "":
			f.say("还没有评估。", "No saved sessions yet.")
		case total == 0:
			f.say("没有与“%s”匹配的评估。", "No session matches “%s”.", filter)
		case filter != "":
			f.say("与“%s”匹配的评估：第 %d 到 %d 个，共 %d 个。", "Sessions matching “%s”: %d to %d of %d.", filter, offset+1, offset+len(list), total)
		default:
			f.say("评估：第 %d 到 %d 个，共 %d 个，最近修改的在前。", "Sessions %d to %d of %d, most recently changed first.", offset+1, offset+len(list), total)
		}
		for i, s := range list {
			f.line(strconv.Itoa(offset+i+1) + ". " + f.sessionLine(s))
		}
		more, prev := offset+len(list) < total, offset > 0
		if more {
			f.say("输入 M 查看后 %d 个。", "Type M for the next %d.", plainPageSize)
		}
		if prev {
			f.say("输入 P 查看前 %d 个。", "Type P for the previous %d.", plainPageSize)
		}
		help := f.lang.Pick("输入编号打开评估，N 新建评估，F 按标题、客户或行业筛选，Q 退出。",
			"Type a session's number to open it, N for a new session, F to filter by title, client or industry, Q to quit.")
		if filter != "" {
			help = f.lang.Pick("输入编号打开评估，N 新建评估，F 更改筛选(直接回车取消筛选)，Q 退出。",
				"Type a session's number to open it, N for a new session, F to change the filter (Enter alone clears it), Q to quit.")
		}
		f.line(help)
		cmd, err := f.askCommand("", func(c string) bool {
			switch c {
			case "n", "f", "q":
				return true
			case "m":
				return more
			case "p":
				return prev
			}
			_, ok := plainNumberIn(c, offset+1, offset+len(list))
			return ok
		})
		if err != nil {
			return err
		}
		switch cmd {
		case "q":
			return errPlainQuit
		case "m":
			offset += plainPageSize
		case "p":
			offset = max(0, offset-plainPageSize)
		case "f":
			text, err := f.askLine(f.lang.Pick("筛选文字(回车 = 不筛选)：", "Filter text (Enter = no filter):"), "", nil)
			if err != nil {
				return err
			}
			filter, offset = clean.Line(text), 0
		case "n":
			id, err := f.newSession()
			if err != nil {
				return err
			}
			if id != 0 {
				filter, offset = "", 0
				if err := f.session(id); err != nil {
					return err
				}
			}
		default:
			n, _ := strconv.Atoi(cmd)
			if err := f.session(list[n-1-offset].ID); err != nil {
				return err
			}
		}
	}
}

// sessionLine says what one listed session is, on one line.
func (f *plainFlow) sessionLine(s db.SessionSummary) string {
	parts := []string{s.Title}
	if s.Client != "" {
		parts = append(parts, f.lang.Pick("客户 ", "client ")+s.Client)
	}
	if s.Industry != "" {
		parts = append(parts, rubric.IndustryOptions.Label(s.Industry, f.lang))
	}
	vendors := fmt.Sprintf(f.lang.Pick("%d 家服务商", "%d vendors"), s.Vendors)
	if s.Vendors == 1 {
		vendors = f.lang.Pick("1 家服务商", "1 vendor")
	}
	parts = append(parts, vendors)
	if s.HasLead {
		parts = append(parts, fmt.Sprintf(f.lang.Pick("领先：%s %s", "leading: %s, %s"),
			s.Lead, rubric.TotalBandWords(s.LeadTotal, s.LeadBand, f.lang)))
	}
	parts = append(parts, f.lang.Pick("修改于 ", "changed ")+s.UpdatedAt.Local().Format("2006-01-02 15:04"))
	return strings.Join(parts, f.sep())
}

// newSession asks for a title, client and evaluator and creates the session. It
// returns 0 when nothing was created.
func (f *plainFlow) newSession() (int64, error) {
	f.line("")
	f.say("新建评估。", "New session.")
	title, err := f.askLine(f.lang.Pick("标题(必填)：", "Title (required):"), "", func(s string) string {
		if clean.Line(s) == "" {
			return f.lang.Pick("标题不能为空。", "A title is required.")
		}
		return ""
	})
	if err != nil {
		return 0, err
	}
	client, err := f.askLine(f.lang.Pick("客户(可空)：", "Client (optional):"), "", nil)
	if err != nil {
		return 0, err
	}
	evaluator, err := f.askLine(f.lang.Pick("评估人(可空)：", "Evaluator (optional):"), "", nil)
	if err != nil {
		return 0, err
	}
	ctx, cancel := f.ctx()
	id, err := f.store.CreateSession(ctx, db.SessionMeta{Title: title, Client: client, Evaluator: evaluator, Lang: f.lang})
	cancel()
	if err != nil {
		f.line(usermsg.For(err, f.lang))
		return 0, nil
	}
	f.say("评估已创建。需求暂为默认值；输入 R 修改(至少要选一个服务渠道)。",
		"Session created. Its requirements are the defaults; type R to edit them (at least one service channel is needed).")
	return id, nil
}

// fatal reports an error the flow cannot go on after and returns it.
func (f *plainFlow) fatal(err error) error {
	f.line(usermsg.For(err, f.lang))
	return fmt.Errorf("accessible mode: %w", err)
}

// ---- one session ----

// session shows one session until the user goes back (nil) or quits.
func (f *plainFlow) session(id int64) error {
	for {
		ctx, cancel := f.ctx()
		sess, err := f.store.Session(ctx, id)
		cancel()
		if errors.Is(err, db.ErrNotFound) {
			f.say("该评估已不存在，可能已在另一个窗口中删除。", "This session no longer exists; it may have been deleted in another window.")
			return nil
		}
		if err != nil {
			return f.fatal(err)
		}

		f.line("")
		f.say("评估：%s", "Session: %s", sess.Title)
		if sess.Client != "" {
			f.say("客户：%s", "Client: %s", sess.Client)
		}
		if sess.Evaluator != "" {
			f.say("评估人：%s", "Evaluator: %s", sess.Evaluator)
		}
		f.line(f.lang.Pick("需求：", "Requirements: ") + f.requirementsText(sess.Requirements))
		f.say("服务商：%d 家。", "Vendors: %d.", len(sess.Vendors))
		for i, v := range sess.Vendors {
			card := rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile)
			f.line(strconv.Itoa(i+1) + ". " + v.Name + f.colon() + f.cardLine(card))
		}
		f.say("输入服务商编号打开，A 添加服务商，R 修改需求，C 容量规划与成本，B 返回评估列表，Q 退出。",
			"Type a vendor's number to open it, A to add a vendor, R to edit the requirements, C for the capacity plan and cost, B to go back to the sessions, Q to quit.")
		cmd, err := f.askCommand("", func(c string) bool {
			switch c {
			case "a", "r", "c", "b", "q":
				return true
			}
			_, ok := plainNumberIn(c, 1, len(sess.Vendors))
			return ok
		})
		if err != nil {
			return err
		}
		switch cmd {
		case "b":
			return nil
		case "q":
			return errPlainQuit
		case "r":
			err = f.editRequirements(sess)
		case "c":
			err = f.capacityPlan(sess)
		case "a":
			var i int
			if i, err = f.addVendor(sess); err == nil && i >= 0 {
				err = f.vendor(sess, i)
			}
		default:
			n, _ := strconv.Atoi(cmd)
			err = f.vendor(sess, n-1)
		}
		if errors.Is(err, errPlainGone) {
			continue // reloading says what is left
		}
		if err != nil {
			return err
		}
	}
}

// cardLine sums up a scorecard on one line: total and band, and while questions are
// open how many and what the total could reach.
func (f *plainFlow) cardLine(card rubric.Scorecard) string {
	return rubric.VerdictWords(card, f.lang)
}

// addVendor asks for a vendor's name and contact, adds it and reloads the session.
// It returns the new vendor's index, or -1 when nothing was added.
func (f *plainFlow) addVendor(sess *db.Session) (int, error) {
	f.line("")
	f.say("添加服务商。", "Add a vendor.")
	name, err := f.askLine(f.lang.Pick("服务商名称(必填)：", "Vendor name (required):"), "", func(s string) string {
		if clean.Line(s) == "" {
			return f.lang.Pick("名称不能为空。", "A name is required.")
		}
		return ""
	})
	if err != nil {
		return -1, err
	}
	contact, err := f.askLine(f.lang.Pick("联系人(可空)：", "Contact (optional):"), "", nil)
	if err != nil {
		return -1, err
	}
	ctx, cancel := f.ctx()
	defer cancel()
	id, err := f.store.AddVendor(ctx, sess.ID, name, contact)
	if err != nil {
		f.line(usermsg.For(err, f.lang))
		return -1, errPlainGone
	}
	fresh, err := f.store.Session(ctx, sess.ID)
	if err != nil {
		f.line(usermsg.For(err, f.lang))
		return -1, errPlainGone
	}
	*sess = *fresh
	for i, v := range sess.Vendors {
		if v.ID == id {
			f.say("已添加服务商 %s。", "Vendor %s added.", v.Name)
			return i, nil
		}
	}
	return -1, errPlainGone
}

// ---- one vendor ----

// vendor lets the user pick steps of one vendor until going back.
func (f *plainFlow) vendor(sess *db.Session, i int) error {
	v := &sess.Vendors[i]
	f.line("")
	f.say("服务商：%s", "Vendor: %s", v.Name)
	if v.Contact != "" {
		f.say("联系人：%s", "Contact: %s", v.Contact)
	}
	f.line(f.cardLine(rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile)))
	for {
		def := "b"
		f.line("")
		for n := 2; n <= 7; n++ {
			answered, applicable := rubric.StepProgress(n, sess.Requirements, v.Answers)
			if def == "b" && answered < applicable {
				def = strconv.Itoa(n)
			}
			f.say("第 %d 步 %s：已答 %d/%d 题", "Step %d, %s: %d of %d answered", n, rubric.StepName(n, f.lang), answered, applicable)
		}
		f.say("输入步骤编号 2 到 7，A 按顺序走完全部步骤，F 待确认事项，E 凭证，B 返回，Q 退出。",
			"Type a step number from 2 to 7, A for all steps in order, F for follow-ups, E for evidence, B to go back, Q to quit.")
		cmd, err := f.askCommand(def, func(c string) bool {
			switch c {
			case "a", "b", "q", "f", "e":
				return true
			}
			_, ok := plainNumberIn(c, 2, 7)
			return ok
		})
		if err != nil {
			return err
		}
		steps := []int{}
		switch cmd {
		case "b":
			return nil
		case "q":
			return errPlainQuit
		case "a":
			steps = []int{2, 3, 4, 5, 6, 7}
		case "f":
			if err := f.followups(sess, v); err != nil {
				return err
			}
			continue
		case "e":
			if err := f.evidence(sess, v); err != nil {
				return err
			}
			continue
		default:
			n, _ := strconv.Atoi(cmd)
			steps = append(steps, n)
		}
		for _, n := range steps {
			if err := f.step(sess, v, n); err != nil {
				return err
			}
			f.scorecard(v.Name, rubric.ScoreVendor(sess.Requirements, v.Vendor, sess.Profile))
		}
	}
}

// step asks every question of step n and then its notes, saving each answer.
func (f *plainFlow) step(sess *db.Session, v *db.Vendor, n int) error {
	qs := rubric.StepQuestions(n)
	_, counted := rubric.StepProgress(n, sess.Requirements, v.Answers)
	f.line("")
	f.say("第 %d 步(共 7 步)：%s，共 %d 题，其中 %d 题计分。", "Step %d of 7: %s, %d questions, %d of them counted here.",
		n, rubric.StepName(n, f.lang), len(qs), counted)
	f.say("是非题按编号作答：1 是，2 否，3 未知。数字题直接输入数字，输入 ? 表示未知。直接回车保留当前答案。每个回答都会立即保存。",
		"Yes/no questions: type 1 for yes, 2 for no, 3 for unknown. Numbers: type the number, or ? for unknown. Enter alone keeps the current answer. Every answer is saved at once.")
	var skipped []string
	for _, q := range qs {
		if !plainAsked(q, sess.Requirements) {
			skipped = append(skipped, q.Label.In(f.lang))
			continue
		}
		if q.Unused(v.Answers) {
			continue // a price of a billing model the vendor does not offer
		}
		if err := f.question(sess, v, q); err != nil {
			return err
		}
	}
	if len(skipped) > 0 {
		f.say("本次不适用、未询问：%s。", "Not asked, as they do not apply here: %s.", strings.Join(skipped, f.lang.Pick("、", "; ")))
	}
	return f.note(v, n)
}

// plainAsked reports whether q is asked: a scored question that does not apply to
// these requirements (a dispatch permit without dispatched staff) is passed over,
// as the wizard passes over it.
func plainAsked(q rubric.Question, req rubric.Requirements) bool {
	return q.Item == "" || q.Detail || q.Applicable(req)
}

// followups lists a vendor's open questions, those someone is finding out marked,
// and turns the one chosen into a follow-up, changes it or takes it back.
func (f *plainFlow) followups(sess *db.Session, v *db.Vendor) error {
	for {
		var open []rubric.Question
		for _, q := range rubric.Questions {
			if q.Applicable(sess.Requirements) && !v.Answers.Known(q) {
				open = append(open, q)
			}
		}
		f.line("")
		if len(open) == 0 {
			f.say("%s 没有未回答的问题。", "%s has no open questions.", v.Name)
			return nil
		}
		f.say("%s 未回答的问题：", "Open questions of %s:", v.Name)
		q, ok, err := f.pickQuestion(open, func(q rubric.Question) string {
			fu, has := v.Followups[q.ID]
			if !has {
				return ""
			}
			s := fmt.Sprintf(f.lang.Pick("待确认：%s，%s 到期", "follow-up: %s, due %s"), fu.Owner, fu.Due)
			if fu.Overdue(time.Now()) {
				s += f.lang.Pick("，已逾期", ", overdue")
			}
			return s
		}, rubric.Text{ZH: "输入问题编号，设为待确认事项或修改；B 返回。", EN: "Type a question's number to make it a follow-up or change it; B to go back."})
		if err != nil || !ok {
			return err
		}
		if err := f.followup(v, q); err != nil {
			return err
		}
	}
}

// pickQuestion lists questions numbered, each with what mark says of it in
// brackets, and asks for one by its number; ok is false for B (back).
func (f *plainFlow) pickQuestion(qs []rubric.Question, mark func(rubric.Question) string, prompt rubric.Text) (q rubric.Question, ok bool, err error) {
	for i, q := range qs {
		line := fmt.Sprintf("%d. %s", i+1, q.Label.In(f.lang))
		if m := mark(q); m != "" {
			line += f.lang.Pick("（", " (") + m + f.lang.Pick("）", ")")
		}
		f.line(line)
	}
	f.line(prompt.In(f.lang))
	cmd, err := f.askCommand("b", func(c string) bool {
		_, ok := plainNumberIn(c, 1, len(qs))
		return c == "b" || ok
	})
	if err != nil || cmd == "b" {
		return q, false, err
	}
	n, _ := plainNumberIn(cmd, 1, len(qs))
	return qs[n-1], true, nil
}

// followup asks who finds a question's answer out and by when; both left empty
// take an existing follow-up back.
func (f *plainFlow) followup(v *db.Vendor, q rubric.Question) error {
	cur, has := v.Followups[q.ID]
	if has {
		f.say("两项都输入 - 即撤销此待确认事项。", "Type - for both to take the follow-up back.")
	}
	owner, err := f.askLine(f.lang.Pick("由谁跟进：", "Who finds out:"), cur.Owner, func(s string) string {
		if s == "" {
			return f.lang.Pick("请写明由谁跟进。", "Say who finds out.")
		}
		return ""
	})
	if err != nil {
		return err
	}
	due, err := f.askLine(f.lang.Pick("到期日(如 12-15 或 2026-12-15)：", "Due (e.g. 12-15 or 2026-12-15):"), cur.Due, func(s string) string {
		if s == "-" && owner == "-" {
			return ""
		}
		if _, ferr := rubric.ReadDay(s, time.Now()); ferr != nil {
			return ferr.Message.In(f.lang)
		}
		return ""
	})
	if err != nil {
		return err
	}
	ctx, cancel := f.ctx()
	defer cancel()
	if owner == "-" && due == "-" {
		if err := f.store.RemoveFollowup(ctx, v.ID, q.ID); err != nil {
			f.line(usermsg.For(err, f.lang))
			return nil
		}
		delete(v.Followups, q.ID)
		f.say("已撤销。", "Taken back.")
		return nil
	}
	day, _ := rubric.ReadDay(due, time.Now())
	fu := rubric.Followup{Owner: owner, Due: day}
	if err := f.store.SetFollowup(ctx, v.ID, q.ID, fu); err != nil {
		f.line(usermsg.For(err, f.lang))
		return nil
	}
	if v.Followups == nil {
		v.Followups = map[string]rubric.Followup{}
	}
	v.Followups[q.ID] = fu
	f.say("已保存：%s，%s 到期。", "Saved: %s, due %s.", fu.Owner, fu.Due)
	return nil
}

// question asks one question until its answer is saved or kept.
func (f *plainFlow) question(sess *db.Session, v *db.Vendor, q rubric.Question) error {
	for {
		cur := plainCurrent(q, v.Answers)
		next, err := f.askAnswer(q, sess.Requirements, cur, v.Answers)
		if err != nil {
			return err
		}
		if bytes.Equal(plainEncode(q, cur), plainEncode(q, next)) {
			return nil
		}
		// Nothing ticked in a detail list (hidden fees) means "none found" only once
		// the list was reviewed; before that, confirming it says nothing.
		if q.Detail && cur == nil && next != nil && len(next.Set) == 0 && v.Answers.Tri("hidden_fees_reviewed") != rubric.Yes {
			return nil
		}
		ctx, cancel := f.ctx()
		version, err := f.store.SaveAnswer(ctx, v.ID, q.ID, next, v.Versions[q.ID])
		cancel()
		var conflict *db.ConflictError
		switch {
		case errors.As(err, &conflict):
			plainRemember(v, q.ID, conflict.Current, conflict.Version)
			f.say("“%s”刚在别处被修改，现在是：%s。请再答一次。", "“%s” was just changed elsewhere; it is now: %s. Please answer again.",
				q.Label.In(f.lang), rubric.AnswerInline(q, conflict.Current, f.lang))
			continue
		case errors.Is(err, db.ErrNotFound):
			f.line(usermsg.For(err, f.lang))
			return errPlainGone
		case err != nil:
			f.line(usermsg.For(err, f.lang))
			continue
		}
		plainRemember(v, q.ID, next, version)
		return nil
	}
}

// plainCurrent returns the known answer to q, or nil when it is unknown.
func plainCurrent(q rubric.Question, ans rubric.Answers) *rubric.Value {
	if !ans.Known(q) {
		return nil
	}
	v := ans[q.ID]
	return &v
}

// plainEncode is the stored form of an answer; nil for unknown.
func plainEncode(q rubric.Question, v *rubric.Value) []byte {
	if v == nil {
		return nil
	}
	return q.Encode(*v)
}

// plainRemember records a saved (or found) answer and its version in the vendor.
func plainRemember(v *db.Vendor, id string, value *rubric.Value, version int64) {
	if value == nil {
		delete(v.Answers, id)
	} else {
		v.Answers[id] = *value
	}
	if version == 0 {
		delete(v.Versions, id)
	} else {
		v.Versions[id] = version
	}
}

// questionTitle names a question with its item, unit, help and current answer.
func (f *plainFlow) questionTitle(q rubric.Question, req rubric.Requirements, ans rubric.Answers) string {
	t := q.Label.In(f.lang)
	if q.Item != "" {
		t = q.Item + " " + t
	}
	var extra []string
	if q.Kind == rubric.KindNumber && q.Unit.In(f.lang) != "" {
		extra = append(extra, f.lang.Pick("单位 ", "unit ")+q.Unit.In(f.lang))
	}
	if h := q.Help.In(f.lang); h != "" {
		extra = append(extra, h)
	}
	if len(extra) > 0 {
		t += f.lang.Pick("(", " (") + strings.Join(extra, f.lang.Pick("；", "; ")) + f.lang.Pick(")", ")")
	}
	shown, known := ans.Shown(q)
	if !known {
		return t + f.sep() + f.lang.Pick("当前：", "now: ") + rubric.AnswerInline(q, nil, f.lang)
	}
	return t + f.sep() + f.lang.Pick("当前：", "now: ") + rubric.AnswerInline(q, &shown, f.lang)
}

// askAnswer asks q once and returns the answer given (nil: unknown).
func (f *plainFlow) askAnswer(q rubric.Question, req rubric.Requirements, cur *rubric.Value, ans rubric.Answers) (*rubric.Value, error) {
	title := f.questionTitle(q, req, ans)
	switch q.Kind {
	case rubric.KindTri:
		t := rubric.Unknown
		if cur != nil {
			t = cur.Tri
		}
		field := huh.NewSelect[rubric.Tri]().Title(title).Options(
			huh.NewOption(f.lang.Pick("是", "yes"), rubric.Yes),
			huh.NewOption(f.lang.Pick("否", "no"), rubric.No),
			huh.NewOption(f.lang.Pick("未知", "unknown"), rubric.Unknown),
		).Value(&t)
		if err := f.ask(field); err != nil {
			return nil, err
		}
		if t == rubric.Unknown {
			return nil, nil
		}
		return &rubric.Value{Tri: t}, nil

	case rubric.KindNumber:
		def := ""
		if cur != nil {
			def = rubric.FormatNumber(cur.Num)
		}
		text, err := f.askLine(title+f.lang.Pick("。请输入：", ". Answer:"), def, func(s string) string {
			if s == "" || plainUnknown(s) {
				return ""
			}
			if _, _, e := q.ParseNumber(s); e != nil {
				return e.Message.In(f.lang)
			}
			return ""
		})
		if err != nil {
			return nil, err
		}
		if text == "" || plainUnknown(text) {
			return nil, nil
		}
		n, known, e := q.ParseNumber(text)
		if e != nil || !known {
			return cur, nil // cannot happen: the prompt validated it
		}
		return &rubric.Value{Num: n}, nil

	case rubric.KindChoice:
		s := ""
		if cur != nil {
			s = cur.Str
		}
		opts := make([]huh.Option[string], 0, len(q.Options)+1)
		for _, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label.In(f.lang), o.Value))
		}
		opts = append(opts, huh.NewOption(f.lang.Pick("未知", "unknown"), ""))
		if err := f.ask(huh.NewSelect[string]().Title(title).Options(opts...).Value(&s)); err != nil {
			return nil, err
		}
		if s == "" {
			return nil, nil
		}
		return &rubric.Value{Str: s}, nil

	default: // KindSet
		var chosen []string
		if cur != nil {
			chosen = slices.Clone(cur.Set)
		}
		if err := f.askSet(title, q.Options, &chosen); err != nil {
			return nil, err
		}
		// An empty set of channels says nothing; an empty list of hidden fees says
		// "none found".
		if len(chosen) == 0 && !q.Detail {
			return nil, nil
		}
		return &rubric.Value{Set: chosen}, nil
	}
}

// askSet asks a multi-choice and leaves the ticked values, in the options' order,
// in chosen.
func (f *plainFlow) askSet(title string, options rubric.Options, chosen *[]string) error {
	title += f.lang.Pick("(输入选项编号勾选或取消，输入 0 确认)", " (type an option's number to tick or untick it, then 0 to confirm)")
	opts := make([]huh.Option[string], 0, len(options))
	for _, o := range options {
		opts = append(opts, huh.NewOption(o.Label.In(f.lang), o.Value).Selected(slices.Contains(*chosen, o.Value)))
	}
	picked := slices.Clone(*chosen)
	if err := f.ask(huh.NewMultiSelect[string]().Title(title).Options(opts...).Value(&picked)); err != nil {
		return err
	}
	out := make([]string, 0, len(picked))
	for _, o := range options {
		if slices.Contains(picked, o.Value) {
			out = append(out, o.Value)
		}
	}
	*chosen = out
	return nil
}

// note asks for the notes of step n and saves them when they change.
func (f *plainFlow) note(v *db.Vendor, n int) error {
	cur := v.Notes[n]
	if cur != "" {
		f.line(f.lang.Pick("当前证据/备注：", "Current evidence / notes: ") + cur)
	}
	for {
		var text string
		title := f.lang.Pick("证据/备注(回车保留，- 清空)：", "Evidence / notes (Enter keeps them, - clears them):")
		if cur == "" {
			title = f.lang.Pick("证据/备注(可空)：", "Evidence / notes (optional):")
		}
		text = cur
		if err := f.ask(huh.NewText().Title(title).Value(&text)); err != nil {
			return err
		}
		text = strings.TrimSpace(text)
		if text == "-" {
			text = ""
		}
		text = clean.Text(text)
		if text == cur {
			return nil
		}
		ctx, cancel := f.ctx()
		err := f.store.ChangeNote(ctx, v.ID, n, cur, text)
		cancel()
		var conflict *db.NoteConflictError
		switch {
		case errors.As(err, &conflict):
			cur = conflict.Current
			plainRememberNote(v, n, cur)
			f.say("第 %d 步的证据/备注刚在别处被修改，现在是：%s。你的版本未保存：%s。请再写一次。",
				"The notes of step %d were just changed elsewhere; they are now: %s. Yours were not saved: %s. Please write them again.",
				n, f.noteText(cur), f.noteText(text))
			continue
		case errors.Is(err, db.ErrNotFound):
			f.line(usermsg.For(err, f.lang))
			return errPlainGone
		case err != nil:
			f.line(usermsg.For(err, f.lang))
			continue
		}
		plainRememberNote(v, n, text)
		return nil
	}
}

// plainRememberNote records a saved (or found) note in the vendor.
func plainRememberNote(v *db.Vendor, n int, text string) {
	if text == "" {
		delete(v.Notes, n)
	} else {
		v.Notes[n] = text
	}
}

// noteText says a note on one line, or that there is none.
func (f *plainFlow) noteText(s string) string {
	if s == "" {
		return f.lang.Pick("无", "none")
	}
	return clean.Folded(s)
}

// scorecard prints a vendor's live scorecard, one fact a line.
func (f *plainFlow) scorecard(name string, card rubric.Scorecard) {
	f.line("")
	f.say("%s的评分：", "Scorecard of %s:", name)
	for d := range card.Dimensions {
		f.line(rubric.DimensionWords(card, d, f.lang))
	}
	f.line(f.lang.Pick("总分：", "Total: ") + rubric.TotalWords(card.Total, f.lang))
	f.line(f.lang.Pick("结论：", "Band: ") + card.Band.Label(f.lang))
	f.line(f.lang.Pick("完成度：", "Answered: ") + rubric.AnsweredWords(card, f.lang))
	if card.Provisional {
		f.line(rubric.Capitalized(rubric.ProvisionalWords(card, f.lang)))
	}
	if len(card.Knockouts) == 0 {
		f.say("无一票否决项。", "No knockouts.")
	}
	for _, k := range card.Knockouts {
		f.line(rubric.KnockoutWords(k, f.lang) + f.lang.Pick("。", "."))
	}
	if len(card.Flags) == 0 {
		f.say("无风险提示。", "No red flags.")
	}
	for _, fl := range card.Flags {
		f.line(rubric.FlagWords(fl, f.lang) + f.lang.Pick("。", "."))
	}
}

// ---- requirements ----

// requirementsText says every requirement of step 1 in one paragraph.
func (f *plainFlow) requirementsText(r rubric.Requirements) string {
	parts := make([]string, 0, len(rubric.RequirementFields))
	for _, fd := range rubric.RequirementFields {
		if fd.Plan {
			continue // told with the capacity plan
		}
		parts = append(parts, fd.Prompt.In(f.lang)+f.colon()+clean.Folded(fd.Words(r, f.lang)))
	}
	text := strings.Join(parts, f.lang.Pick("；", "; "))
	// Notes that end a sentence themselves get no second full stop.
	if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "。") {
		text += f.lang.Pick("。", ".")
	}
	return text
}

// editRequirements asks every requirements field in turn, saving each valid change.
func (f *plainFlow) editRequirements(sess *db.Session) error {
	f.line("")
	f.say("修改需求：逐项提问，直接回车保留当前值，每项修改都会立即保存。",
		"Editing the requirements field by field. Enter alone keeps the current value; each change is saved at once.")
	for _, fd := range rubric.RequirementFields {
		if fd.Plan {
			continue // asked with the capacity plan
		}
		if err := f.editRequirement(sess, fd); err != nil {
			return err
		}
	}
	f.say("需求已保存。", "Requirements saved.")
	return nil
}

// editRequirement asks one requirements field until its answer is saved or kept.
func (f *plainFlow) editRequirement(sess *db.Session, fd rubric.RequirementField) error {
	for {
		next := sess.Requirements
		changed, err := f.askRequirement(fd, &next)
		if err != nil || !changed {
			return err
		}
		ctx, cancel := f.ctx()
		err = f.store.ChangeRequirements(ctx, sess.ID, sess.Requirements, next)
		cancel()
		var conflict *db.RequirementsConflictError
		switch {
		case errors.As(err, &conflict):
			sess.Requirements = conflict.Current
			f.say("“%s”刚在别处被修改，现在是：%s。请再答一次。", "“%s” was just changed elsewhere; it is now: %s. Please answer again.",
				fd.Name.In(f.lang), clean.Folded(fd.Words(conflict.Current, f.lang)))
			continue
		case errors.Is(err, db.ErrNotFound):
			f.line(usermsg.For(err, f.lang))
			return errPlainGone
		case err != nil:
			f.line(usermsg.For(err, f.lang))
			continue
		}
		sess.Requirements = next
		return nil
	}
}

// askRequirement asks one field and sets it in r; it reports whether r changed.
func (f *plainFlow) askRequirement(fd rubric.RequirementField, r *rubric.Requirements) (bool, error) {
	title := fd.Prompt.In(f.lang)
	if u := fd.Unit.In(f.lang); u != "" {
		title += f.lang.Pick("(", " (") + u + f.lang.Pick(")", ")")
	}
	title += f.sep() + f.lang.Pick("当前：", "now: ") + clean.Folded(fd.Words(*r, f.lang))
	switch fd.Kind {
	case rubric.KindSet:
		cur := fd.List(r)
		for {
			chosen := slices.Clone(*cur)
			if err := f.askSet(title, fd.Options, &chosen); err != nil {
				return false, err
			}
			if fd.AtLeastOne && len(chosen) == 0 {
				f.say("请至少选择一个服务渠道。", "Choose at least one service channel.")
				continue
			}
			if slices.Equal(chosen, *cur) {
				return false, nil
			}
			*cur = chosen
			return true, nil
		}

	case rubric.KindChoice:
		cur := fd.Str(r)
		s := *cur
		opts := make([]huh.Option[string], 0, len(fd.Options)+1)
		for _, o := range fd.Options {
			opts = append(opts, huh.NewOption(o.Label.In(f.lang), o.Value))
		}
		if fd.Unset.EN != "" {
			opts = append(opts, huh.NewOption(fd.Unset.In(f.lang), ""))
		}
		if err := f.ask(huh.NewSelect[string]().Title(title).Options(opts...).Value(&s)); err != nil {
			return false, err
		}
		if s == *cur {
			return false, nil
		}
		*cur = s
		return true, nil

	case rubric.KindNumber:
		def := ""
		if x, ok := r.Number(fd.ID); ok {
			def = rubric.FormatNumber(x)
		}
		switch {
		case fd.Plan:
			title += f.planEstimate(fd, *r)
		case fd.Optional:
			title += f.lang.Pick("(输入 - 清空)", " (- clears it)")
		}
		text, err := f.askLine(title+f.lang.Pick("。请输入：", ". New value:"), def, func(s string) string {
			_, msg := f.parseRequirement(fd, *r, s)
			return msg
		})
		if err != nil {
			return false, err
		}
		x, _ := f.parseRequirement(fd, *r, text)
		oldX, oldOK := r.Number(fd.ID)
		if x != nil {
			r.SetNumber(fd.ID, *x, true)
		} else if fd.Optional {
			r.SetNumber(fd.ID, 0, false)
		}
		newX, newOK := r.Number(fd.ID)
		return oldOK != newOK || oldX != newX, nil

	default: // rubric.KindText
		cur := fd.Str(r)
		title += f.lang.Pick("(回车保留，- 清空)", " (Enter keeps it, - clears it)")
		text := *cur
		if err := f.ask(huh.NewText().Title(title + f.lang.Pick("。请输入：", ". New value:")).Value(&text)); err != nil {
			return false, err
		}
		text = strings.TrimSpace(text)
		if text == "-" {
			text = ""
		}
		text = clean.Text(text)
		if text == *cur {
			return false, nil
		}
		*cur = text
		return true, nil
	}
}

// parseRequirement reads a number typed for fd and checks it with the requirements'
// own validation. It returns nil for a cleared optional field, or a message.
func (f *plainFlow) parseRequirement(fd rubric.RequirementField, r rubric.Requirements, s string) (*float64, string) {
	s = strings.TrimSpace(s)
	if fd.Optional && (s == "" || plainUnknown(s)) {
		return nil, ""
	}
	if s == "" {
		return nil, f.lang.Pick("请填写。", "A value is required.")
	}
	got := r.ReadNumber(fd.ID, s)
	switch {
	case got.Err != nil:
		return nil, got.Err.Message.In(f.lang)
	case !got.Known:
		return nil, ""
	}
	if msg := f.newProblem(fd, r, got.Value); msg != "" {
		return nil, msg
	}
	return &got.Value, ""
}

// newProblem says what setting fd to x would break elsewhere in r, or "": a rule
// across fields, such as the channels' shares adding up to more than the day, names
// another field than the one typed, and the store would refuse the change.
func (f *plainFlow) newProblem(fd rubric.RequirementField, r rubric.Requirements, x float64) string {
	before := map[string]bool{}
	for _, e := range r.Validate() {
		before[e.Field] = true
	}
	next := r
	next.SetNumber(fd.ID, x, true)
	for _, e := range next.Validate() {
		if !before[e.Field] && !(e.Field == "channels" && len(next.Channels) == 0) {
			return e.Message.In(f.lang)
		}
	}
	return ""
}

// ---- input ----

// plainReader hands huh's prompts one line per Read. Each huh prompt wraps the input
// in a new bufio.Scanner, which would otherwise swallow every line a pipe or paste
// made available and lose them with the scanner. It also turns an interruption into
// the end of input and remembers that the input ended, which huh does not report.
type plainReader struct {
	want  chan struct{}
	lines chan plainLine
	stop  <-chan struct{}

	pending []byte
	asked   bool // a line was requested from the reading goroutine and not yet received
	srcDone bool // the source ended or failed
	cut     bool // a line was shortened to plainMaxLine

	// ended: a Read reported the end of input; interrupted: because of stop.
	ended, interrupted bool
}

type plainLine struct {
	text []byte
	cut  bool
	err  error
}

func newPlainReader(src io.Reader, stop <-chan struct{}) *plainReader {
	r := &plainReader{want: make(chan struct{}), lines: make(chan plainLine, 1), stop: stop}
	go r.readLines(bufio.NewReader(src))
	return r
}

// readLines reads one line from src each time one is wanted, so that a blocked read
// of a terminal never holds up an interruption and nothing is read ahead.
func (r *plainReader) readLines(src *bufio.Reader) {
	for range r.want {
		text, cut, err := plainReadLine(src)
		r.lines <- plainLine{text, cut, err}
		if err != nil {
			return
		}
	}
}

// close lets the reading goroutine finish once its current read returns.
func (r *plainReader) close() { close(r.want) }

func (r *plainReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(r.pending) == 0 && (r.ended || !r.next()) {
		r.ended = true
		return 0, io.EOF
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// next waits for the next line or an interruption.
func (r *plainReader) next() bool {
	if r.srcDone {
		return false
	}
	if !r.asked {
		select {
		case r.want <- struct{}{}:
			r.asked = true
		case <-r.stop:
			r.interrupted = true
			return false
		}
	}
	select {
	case l := <-r.lines:
		r.asked = false
		r.srcDone = l.err != nil
		if len(l.text) == 0 {
			return false
		}
		r.pending, r.cut = l.text, r.cut || l.cut
		return true
	case <-r.stop:
		r.interrupted = true
		return false
	}
}

// takeCut reports, once, that a line was shortened.
func (r *plainReader) takeCut() bool {
	c := r.cut
	r.cut = false
	return c
}

// plainReadLine reads one line, keeping at most plainMaxLine bytes of it (cut on a
// character boundary), and always ends what it returns with a newline. It returns
// no text only at the end of src.
func plainReadLine(src *bufio.Reader) ([]byte, bool, error) {
	var text []byte
	cut, eol := false, false
	for {
		chunk, err := src.ReadSlice('\n')
		if err == nil {
			chunk, eol = chunk[:len(chunk)-1], true
		}
		if !cut {
			text = append(text, chunk...)
			// Room is kept for the newline; the cut backs off to a character start.
			if limit := plainMaxLine - 1; len(text) > limit {
				keep := limit
				for keep > 0 && !utf8.RuneStart(text[keep]) {
					keep--
				}
				text, cut = text[:keep], true
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if !eol && len(text) == 0 {
			return nil, cut, err
		}
		return append(text, '\n'), cut, err
	}
}
