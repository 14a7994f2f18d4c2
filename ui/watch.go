package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// Another window may change the open session at any moment. Twice a second the
// application asks the store whether anyone else committed (db.Watcher: PRAGMA
// data_version on the store's own connection); when someone did, it reads the open
// session again off the UI goroutine — a wizard its own vendor alone, any other
// screen all of it — and merges it into what the screens show. A value with a
// change of ours still queued keeps our value: its save will land or be refused as
// a conflict, and a conflict shows the stored value in turn.

// watchEvery is how often the store is asked; a change made elsewhere shows within it
// and the time of one read of the session.
const watchEvery = 500 * time.Millisecond

// The messages of the watch, in the order they follow each other.
type (
	watchTickMsg   struct{}
	dataChangedMsg struct {
		changed bool
		err     error
	}
	sessionReadMsg struct {
		id   int64
		sess *db.Session
		mark uint64 // the saver's mark taken before the read
		err  error
	}
)

// watchMsg is any message of the watch; the root hands them all to App.watch.
type watchMsg interface{ watch() }

func (watchTickMsg) watch()   {}
func (dataChangedMsg) watch() {}
func (sessionReadMsg) watch() {}

// sessionMergedMsg tells the screen on top that the open session in memory changed
// under it: another window's change, or a conflict that put the stored value back.
type sessionMergedMsg struct {
	// requirements is set when the requirements or the weights changed: every
	// score and what applies may have.
	requirements bool
	// steps holds, by vendor id, the steps whose answers or notes changed.
	steps map[int64]map[int]bool
	// panel is set when the panel changed: its evaluators, blind review, or
	// another evaluator's answers, decisions or submissions, which move the
	// consensus.
	panel bool
}

func (m *sessionMergedMsg) touch(vendorID int64, step int) {
	if m.steps == nil {
		m.steps = map[int64]map[int]bool{}
	}
	if m.steps[vendorID] == nil {
		m.steps[vendorID] = map[int]bool{}
	}
	m.steps[vendorID][step] = true
}

func (m sessionMergedMsg) empty() bool { return !m.requirements && len(m.steps) == 0 && !m.panel }

// conflictNotice is how long the news of a conflict stays on the status line before
// a later save may say "Saved" over it: long enough to be read.
const conflictNotice = 10 * time.Second

// storeReader is a screen that shows what it reads from the store itself, outside
// the session in memory: told to read again when another window commits.
type storeReader interface{ readsStore() }

// sessionHolder is a screen that shows a session held in memory.
type sessionHolder interface{ openSession() *db.Session }

func (s *sessionScreen) openSession() *db.Session      { return s.sess }
func (v *vendorScreen) openSession() *db.Session       { return v.sess }
func (r *requirementsScreen) openSession() *db.Session { return r.sess }
func (s *compareScreen) openSession() *db.Session      { return s.sess }
func (s *capacityScreen) openSession() *db.Session     { return s.sess }
func (s *whatIfScreen) openSession() *db.Session       { return s.sess }

// openSession is the session the screens show, nil on the sessions list.
func (a *App) openSession() *db.Session {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if h, ok := a.stack[i].(sessionHolder); ok {
			return h.openSession()
		}
	}
	return nil
}

// watchNext waits for the next look at the store; nil when there is no watcher.
func (a *App) watchNext() tea.Cmd {
	if a.c.Watch == nil {
		return nil
	}
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// watch runs one step of the watch. Each step starts the next, so that a slow read
// never overlaps the following one.
func (a *App) watch(msg watchMsg) tea.Cmd {
	switch msg := msg.(type) {
	case watchTickMsg:
		w := a.c.Watch
		if w == nil {
			return nil
		}
		return func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			changed, err := w.Changed(ctx)
			return dataChangedMsg{changed, err}
		}
	case dataChangedMsg:
		// After reading only a wizard's vendor, a screen showing them all reads
		// the rest once it is on top.
		if a.partRead && a.watchedVendor() == 0 && a.openSession() != nil {
			a.rereadSession = true
		}
		if !msg.changed && !a.rereadSession {
			// An error here (a watcher closed as the program ends) only means no news.
			return a.watchNext()
		}
		var reread tea.Cmd
		if _, ok := a.top().(storeReader); ok && msg.changed {
			// A vendor's monitoring is no part of the session in memory: it is read again.
			reread = a.forward(reloadMsg{})
		}
		sess := a.openSession()
		if sess == nil {
			if _, ok := a.top().(*sessionsScreen); ok {
				// The list shows sessions other windows added, renamed or removed.
				return tea.Batch(a.forward(reloadMsg{}), a.watchNext())
			}
			return a.watchNext()
		}
		a.rereadSession = false
		// A wizard shows one vendor: others' changes to the rest are read when a
		// screen that shows them is back on top.
		part := a.watchedVendor()
		a.partRead = part != 0
		return tea.Batch(reread, readSession(a.c, sess.ID, part))
	case sessionReadMsg:
		var cmd tea.Cmd
		switch sess := a.openSession(); {
		case errors.Is(msg.err, db.ErrNotFound):
			a.setStatus(a.c.errorText(msg.err), statusError)
		case msg.err != nil:
			// The change is in the store still: read it at the next look.
			a.rereadSession = true
		case msg.err == nil && sess != nil && sess.ID == msg.id:
			cmd = a.merge(sess, msg.sess, msg.mark)
		}
		return tea.Batch(cmd, a.watchNext())
	}
	return nil
}

// readSession reads a session off the UI goroutine, noting the saver's mark first:
// all of it, or with only vendor part read through (db.Store.SessionPart).
func readSession(c *Common, id, part int64) tea.Cmd {
	return func() tea.Msg {
		mark := c.Saver.Mark()
		ctx, cancel := c.ctx()
		defer cancel()
		sess, err := c.Store.SessionPart(ctx, id, part)
		return sessionReadMsg{id: id, sess: sess, mark: mark, err: err}
	}
}

// watchedVendor is the vendor whose wizard shows the open session, 0 when the
// screen that shows it shows more than one vendor.
func (a *App) watchedVendor() int64 {
	for i := len(a.stack) - 1; i >= 0; i-- {
		switch s := a.stack[i].(type) {
		case *vendorScreen:
			return s.vendor().ID
		case sessionHolder:
			return 0
		}
	}
	return 0
}

// loadSeeded reads a session to open it: what it holds is what the screens will
// show, so it is the base of every later change.
func loadSeeded(c *Common, id int64) (*db.Session, error) {
	mark := c.Saver.Mark()
	sess, err := loadSession(c, id)
	if err == nil {
		c.Saver.SeedSession(sess, mark)
	}
	return sess, err
}

// merge takes into mem every value of fresh (read after mark) that this window has
// no change of its own pending for, and tells the screen on top what changed.
func (a *App) merge(mem, fresh *db.Session, mark uint64) tea.Cmd {
	saver := a.c.Saver
	var changed sessionMergedMsg
	mem.Title, mem.Client, mem.Evaluator, mem.UpdatedAt = fresh.Title, fresh.Client, fresh.Evaluator, fresh.UpdatedAt
	if mem.Profile != fresh.Profile && saver.Settled(profileKey(mem.ID), mark) {
		mem.Profile, changed.requirements = fresh.Profile, true
	}
	for _, f := range db.ChangedRequirements(mem.Requirements, fresh.Requirements) {
		if saver.Settled(requirementKey(mem.ID, f), mark) {
			mem.Requirements = db.CopyRequirement(mem.Requirements, f, fresh.Requirements)
			changed.requirements = true
		}
	}
	if !slices.Equal(mem.Panel, fresh.Panel) || mem.Blind != fresh.Blind {
		mem.Panel, mem.Blind, changed.panel = fresh.Panel, fresh.Blind, true
	}
	listChanged := a.mergeVendors(mem, fresh, mark, &changed)
	saver.SeedSession(fresh, mark)
	if changed.empty() && !listChanged {
		return nil
	}
	return a.forwardMerged(changed)
}

// profileKey is the saver's key of a session's weights (compareScreen.setProfile).
func profileKey(sessionID int64) string { return fmt.Sprintf("p/%d", sessionID) }

// mergeVendors takes fresh's list of vendors, in its order, with the answers and
// notes of ours that are settled; it reports whether the list itself changed. A
// vendor removed elsewhere while a wizard here shows it stays, so that the wizard
// keeps its place; its saves then say it no longer exists.
func (a *App) mergeVendors(mem, fresh *db.Session, mark uint64, changed *sessionMergedMsg) bool {
	shown := map[*vendorScreen]int64{}
	for _, s := range a.stack {
		if v, ok := s.(*vendorScreen); ok && v.sess == mem {
			shown[v] = v.vendor().ID
		}
	}
	byID := map[int64]db.Vendor{}
	before := make([]int64, len(mem.Vendors))
	for i, v := range mem.Vendors {
		byID[v.ID], before[i] = v, v.ID
	}
	var out []db.Vendor
	listChanged := false
	for _, fv := range fresh.Vendors {
		mv, ok := byID[fv.ID]
		unread := fresh.Part != 0 && fv.ID != fresh.Part
		if !ok {
			// New elsewhere; when unread, read whole once the list is on top.
			out = append(out, fv)
			continue
		}
		delete(byID, fv.ID)
		if mv.Name != fv.Name || mv.Contact != fv.Contact {
			listChanged = true
		}
		mv.Name, mv.Contact = fv.Name, fv.Contact
		if !unread {
			mv.UpdatedAt, mv.Versions = fv.UpdatedAt, fv.Versions
			mergeVendor(a.c.Saver, &mv, &fv, mark, changed)
			mergePanel(&mv, &fv, mem.Acting, changed)
		}
		out = append(out, mv)
	}
	for _, id := range shown {
		if mv, ok := byID[id]; ok {
			out = append(out, mv)
		}
	}
	mem.Vendors = out
	after := make([]int64, len(out))
	for i, v := range out {
		after[i] = v.ID
	}
	listChanged = listChanged || !slices.Equal(before, after)
	for v, id := range shown {
		v.vi = slices.IndexFunc(out, func(x db.Vendor) bool { return x.ID == id })
	}
	return listChanged
}

// mergeVendor takes into mv the answers and notes of fv that are settled.
func mergeVendor(saver *Saver, mv, fv *db.Vendor, mark uint64, changed *sessionMergedMsg) {
	ids := slices.Collect(maps.Keys(fv.Answers))
	for id := range mv.Answers {
		if _, ok := fv.Answers[id]; !ok {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		q, ok := rubric.QuestionByID(id)
		if !ok {
			continue
		}
		now, has := fv.Answers[id]
		was, had := mv.Answers[id]
		if has == had && (!has || sameValue(q, now, was)) || !saver.Settled(answerKey(mv.ID, id), mark) {
			continue
		}
		if has {
			mv.Answers[id] = now
		} else {
			delete(mv.Answers, id)
		}
		changed.touch(mv.ID, q.Step)
	}
	// Follow-ups are written while the user waits, never queued: the store's are
	// the latest.
	mv.Followups = fv.Followups
	if mv.Notes == nil {
		mv.Notes = map[int]string{}
	}
	for step := 2; step <= 7; step++ {
		if mv.Notes[step] == fv.Notes[step] || !saver.Settled(noteKey(mv.ID, step), mark) {
			continue
		}
		if fv.Notes[step] == "" {
			delete(mv.Notes, step)
		} else {
			mv.Notes[step] = fv.Notes[step]
		}
		changed.touch(mv.ID, step)
	}
}

// mergePanel takes into mv what the other evaluators gave fv: their answers, notes
// and evidence, the leads' decisions and who submitted. Nothing of it is written
// from this window but through waits (Decide, Submit), so the store's is the latest.
// The acting evaluator's own entry of the panel is theirs as stored, which their
// own fields stand in for (Session.Rubric): its changes are no news.
func mergePanel(mv, fv *db.Vendor, acting string, changed *sessionMergedMsg) {
	others := func(m map[string]rubric.Answers) map[string]rubric.Answers {
		out := maps.Clone(m)
		delete(out, acting)
		return out
	}
	if !reflect.DeepEqual(others(mv.Panel), others(fv.Panel)) || !reflect.DeepEqual(mv.Decisions, fv.Decisions) ||
		!maps.Equal(mv.Submitted, fv.Submitted) || !reflect.DeepEqual(mv.PanelEvidence, fv.PanelEvidence) {
		changed.panel = true
	}
	mv.Vendor.Panel, mv.Decisions, mv.Submitted = fv.Vendor.Panel, fv.Decisions, fv.Submitted
	mv.PanelNotes, mv.PanelEvidence = fv.PanelNotes, fv.PanelEvidence
}

// forwardMerged tells the screen on top what changed; the screens below read the
// session in memory again when they are back on top (reloadMsg).
func (a *App) forwardMerged(changed sessionMergedMsg) tea.Cmd {
	switch a.top().(type) {
	case *vendorScreen, *requirementsScreen, *capacityScreen, *whatIfScreen:
		return a.forward(changed)
	}
	return a.forward(reloadMsg{})
}

// settleConflict shows what the store holds after another window's change refused
// one of ours, so that the screen and the score never keep a value that was not
// saved. Free text is not thrown away: see keepBoth.
func (a *App) settleConflict(m SavedMsg) tea.Cmd {
	if m.Conflict == nil {
		return nil
	}
	sess := a.openSession()
	if sess == nil || !conflictIn(sess, m) {
		// Another session's change, shown when that session is opened again.
		a.c.Saver.Forget(m.Key, m.Seq)
		return nil
	}
	if !a.c.Saver.ShowConflict(m.Key, m.Seq) {
		return nil
	}
	var changed sessionMergedMsg
	var status string
	var answer *db.ConflictError
	var note *db.NoteConflictError
	var req *db.RequirementsConflictError
	switch {
	case errors.As(m.Conflict, &answer):
		status = a.settleAnswer(sess, answer, m.job.answer, &changed)
	case errors.As(m.Conflict, &note):
		status = a.settleNote(sess, note, m.job.note, &changed)
	case errors.As(m.Conflict, &req) && m.job.req != nil:
		status = a.settleRequirement(sess, req, m.job.req, m.What, &changed)
	}
	if status == "" {
		return nil
	}
	a.setStatus(status, statusWarn)
	a.warnedAt = a.c.Now()
	return a.forwardMerged(changed)
}

// conflictIn reports whether a refused write belongs to the session on screen.
func conflictIn(sess *db.Session, m SavedMsg) bool {
	switch {
	case m.job.answer != nil:
		return findVendor(sess, m.job.answer.vendorID) != nil
	case m.job.note != nil:
		return findVendor(sess, m.job.note.vendorID) != nil
	case m.job.req != nil:
		return m.job.req.sessionID == sess.ID
	}
	return false
}

func findVendor(sess *db.Session, id int64) *db.Vendor {
	for i := range sess.Vendors {
		if sess.Vendors[i].ID == id {
			return &sess.Vendors[i]
		}
	}
	return nil
}

func (a *App) settleAnswer(sess *db.Session, e *db.ConflictError, refused *answerWrite, changed *sessionMergedMsg) string {
	v := findVendor(sess, e.VendorID)
	q, ok := rubric.QuestionByID(e.Question)
	if v == nil || !ok || refused == nil {
		return ""
	}
	if e.Current == nil {
		delete(v.Answers, q.ID)
	} else {
		v.Answers[q.ID] = *e.Current
	}
	a.c.Saver.SeenAnswer(v.ID, q.ID, e.Version)
	changed.touch(v.ID, q.Step)
	return fmt.Sprintf(a.c.Lang.Pick("「%s」已在另一窗口改为“%s”,你的“%s”未保存;现显示数据库中的值",
		"“%s” was changed in another window to %s; yours (%s) was not saved, the stored value is shown"),
		q.Label.In(a.c.Lang), rubric.AnswerInline(q, e.Current, a.c.Lang), rubric.AnswerInline(q, refused.value, a.c.Lang))
}

func (a *App) settleNote(sess *db.Session, e *db.NoteConflictError, refused *noteWrite, changed *sessionMergedMsg) string {
	v := findVendor(sess, e.VendorID)
	if v == nil || refused == nil {
		return ""
	}
	a.c.Saver.SeenNote(v.ID, e.Step, e.Current)
	text := a.keepBoth(e.Current, refused.text)
	if text == "" {
		delete(v.Notes, e.Step)
	} else {
		v.Notes[e.Step] = text
	}
	if text != e.Current {
		a.c.Saver.SaveNote(v.ID, e.Step, a.c.Lang.Pick("备注", "notes"), text)
	}
	changed.touch(v.ID, e.Step)
	return fmt.Sprintf(a.c.Lang.Pick("步骤 %d 的备注已在另一窗口修改;你的版本保留在备注末尾的标记下方",
		"The notes of step %d were changed in another window; your version is kept below a marker at their end"), e.Step)
}

func (a *App) settleRequirement(sess *db.Session, e *db.RequirementsConflictError, refused *requirementWrite, what string, changed *sessionMergedMsg) string {
	f := refused.field
	mine := db.CopyRequirement(sess.Requirements, f, refused.value)
	sess.Requirements = db.CopyRequirement(sess.Requirements, f, e.Current)
	a.c.Saver.SeenRequirement(sess.ID, f, e.Current)
	changed.requirements = true
	if f == "notes" {
		if text := a.keepBoth(e.Current.Notes, mine.Notes); text != e.Current.Notes {
			sess.Requirements.Notes = text
			a.c.Saver.SaveRequirement(sess.ID, f, what, sess.Requirements)
		}
		return a.c.Lang.Pick("需求备注已在另一窗口修改;你的版本保留在备注末尾的标记下方",
			"The requirements' notes were changed in another window; your version is kept below a marker at their end")
	}
	if fd, ok := rubric.RequirementFieldByID(f); ok {
		return fmt.Sprintf(a.c.Lang.Pick("「%s」已在另一窗口改为“%s”,你的“%s”未保存;现显示数据库中的值",
			"“%s” was changed in another window to %s; yours (%s) was not saved, the stored value is shown"),
			what, clean.Folded(fd.Words(e.Current, a.c.Lang)), clean.Folded(fd.Words(mine, a.c.Lang)))
	}
	return ""
}

// keepBoth is a note after a conflict: the stored text, then the user's refused text
// below a marker that names it. A note is free text that two people may both have
// written to; keeping one version loses the other's words, and a list of refused
// versions kept beside the note would live in this window only and go with it. In
// the note itself the refused text is saved like any edit, reaches the other window
// too, survives a quit or a crash, and is resolved by editing the note, as people
// resolve a conflict marked in a shared document.
func (a *App) keepBoth(stored, mine string) string {
	if strings.TrimSpace(mine) == "" || mine == stored {
		return stored
	}
	marker := fmt.Sprintf(a.c.Lang.Pick("──── 你的版本(%s 与另一窗口的修改冲突,未覆盖上文)────",
		"──── Your version (%s: it clashed with a change made in another window, which is kept above) ────"),
		a.c.Now().Format("15:04:05"))
	if stored == "" {
		return marker + "\n" + mine
	}
	return stored + "\n\n" + marker + "\n" + mine
}

// merged shows a change of the session made elsewhere, or put back after a conflict:
// the step's form is built again from memory, keeping the field in focus, when what
// it shows changed; the score follows either way.
func (v *vendorScreen) merged(m sessionMergedMsg) tea.Cmd {
	steps := m.steps[v.vendor().ID]
	if !m.requirements && !steps[v.step] {
		if len(steps) > 0 || m.panel {
			v.rescore()
		}
		return nil
	}
	focus := v.form.Focused()
	v.build()
	// The questions the focus can return to: one the new requirements make moot is
	// passed over by the form, and looking for it would run past its last field.
	keys := []string{wizard.NoteKey}
	for _, q := range rubric.StepQuestions(v.step) {
		if !q.Moot(v.sess.Requirements) {
			keys = append(keys, q.ID)
		}
	}
	return refocus(v.form.Form, focus, keys)
}

// refocus starts a form built again and moves its focus back to the field key,
// one of the form's keys. The last field is never moved past: that would complete
// the form.
func refocus(f *huh.Form, key string, keys []string) tea.Cmd {
	cmds := []tea.Cmd{f.Init()}
	if !slices.Contains(keys, key) {
		return cmds[0]
	}
	for range keys {
		if fl := f.GetFocusedField(); fl == nil || fl.GetKey() == key {
			break
		}
		cmds = append(cmds, f.NextField())
	}
	return tea.Batch(cmds...)
}
