package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/clean"
	"vendorvet/db"
	"vendorvet/rubric"
)

// Saver writes every change to the store off the UI goroutine, in the order the
// changes were made. A change to a key that is still waiting replaces the waiting
// one, so fast typing costs one write, not one per keystroke; a failed write is
// retried until it lands (a full disk that gets room again) unless a newer change
// of the same key supersedes it.
//
// Answers, notes and requirement fields are written against what this window last
// saw of them (their base): when another window changed one meanwhile, the write is
// refused and reported as a conflict. The base moves when a write lands and when
// the screen shows a newer stored value (Seen*), never on a conflict alone: a
// change made before the user saw the other window's value is not theirs to
// overwrite with.
type Saver struct {
	store  *db.Store
	notify func(tea.Msg)

	mu      sync.Mutex
	cond    *sync.Cond
	order   []string // keys waiting, oldest first
	pending map[string]saveJob
	busy    bool
	running string // the key being written while busy
	closed  bool
	waited  uint64 // changes run by Do, for their keys

	versions map[string]int64               // answer key → version last seen
	notes    map[string]string              // note key → text last seen
	reqs     map[string]rubric.Requirements // requirement key → requirements whose field was last seen

	// finished counts the writes done; landed holds, by key, the count at which its
	// last write finished, so that a reload can tell which keys it read settled.
	finished uint64
	landed   map[string]uint64
	// conflicted holds, by key, the count at which a write was refused as a
	// conflict the screen has not shown yet: until it has, a reload must not
	// replace the refused value, which the screen needs to keep the user's text.
	conflicted map[string]uint64
}

// saveJob is one write. Answers, notes and requirement fields carry what
// compare-and-set needs; everything else is a function of the store.
type saveJob struct {
	key    string
	what   string // the thing saved, in the user's language, for messages
	answer *answerWrite
	note   *noteWrite
	req    *requirementWrite
	write  func(context.Context, *db.Store) error
	// done, for a change someone waits for (Do), receives its outcome; such a
	// change is not tried again and not reported as a SavedMsg.
	done chan error
}

type answerWrite struct {
	vendorID int64
	question string
	value    *rubric.Value
}

type noteWrite struct {
	vendorID int64
	step     int
	text     string
}

// requirementWrite is one field of a session's requirements, at its value in value.
type requirementWrite struct {
	sessionID int64
	field     string
	value     rubric.Requirements
}

// SavedMsg reports one finished write to the UI.
type SavedMsg struct {
	Key  string
	What string
	At   time.Time
	Err  error
	// Conflict is set when another window changed the value first; nothing was
	// overwritten. It is a *db.ConflictError, *db.NoteConflictError or
	// *db.RequirementsConflictError.
	Conflict error
	// Retrying is true when a failed write stays queued.
	Retrying bool
	// Seq is the saver's count of finished writes with this one.
	Seq uint64
	// job is the write reported, with the value a conflict refused.
	job saveJob
}

// retryDelay is how long a failed write waits before it is tried again.
const retryDelay = 2 * time.Second

// NewSaver starts the writer goroutine. notify receives a SavedMsg after each write
// (the program's Send); it may be nil.
func NewSaver(store *db.Store, notify func(tea.Msg)) *Saver {
	s := &Saver{store: store, notify: notify, pending: map[string]saveJob{},
		versions: map[string]int64{}, notes: map[string]string{}, reqs: map[string]rubric.Requirements{},
		landed: map[string]uint64{}, conflicted: map[string]uint64{}}
	s.cond = sync.NewCond(&s.mu)
	go s.loop()
	return s
}

func answerKey(vendorID int64, question string) string {
	return fmt.Sprintf("a/%d/%s", vendorID, question)
}

func noteKey(vendorID int64, step int) string { return fmt.Sprintf("n/%d/%d", vendorID, step) }

func requirementKey(sessionID int64, field string) string {
	return fmt.Sprintf("r/%d/%s", sessionID, field)
}

// Mark is the count of writes finished so far; take it before reading the store, and
// pass it to Settled and SeedSession with what was read.
func (s *Saver) Mark() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.finished
}

// Settled reports whether what the store held for key at mark is still this window's
// latest: no write of key is waiting or under way, and none finished after mark.
// Only then may the screen take the stored value for key.
func (s *Saver) Settled(key string, mark uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settled(key, mark)
}

func (s *Saver) settled(key string, mark uint64) bool {
	_, unshown := s.conflicted[key]
	return s.idle(key) && !unshown && s.landed[key] <= mark
}

// idle reports whether no write of key is waiting or under way.
func (s *Saver) idle(key string) bool {
	_, waiting := s.pending[key]
	return !waiting && !(s.busy && s.running == key)
}

// ShowConflict reports whether the conflict reported with seq is the last word on
// key: no newer change of it is waiting or under way (that one will be reported in
// turn). The caller then shows the stored value and records it with Seen*.
func (s *Saver) ShowConflict(key string, seq uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conflicted[key] != seq || !s.idle(key) {
		return false
	}
	delete(s.conflicted, key)
	return true
}

// Forget drops what the saver knows of a key whose conflict no screen will show (its
// session is not open): the next screen to open that session takes its base from
// the store, and the key is settled again for the watch.
func (s *Saver) Forget(key string, seq uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conflicted[key] != seq || !s.idle(key) {
		return
	}
	delete(s.conflicted, key)
	delete(s.versions, key)
	delete(s.notes, key)
	delete(s.reqs, key)
}

// ForgetVendor drops the bases of a removed vendor's answers and notes: a vendor
// added later may be given its ID, and must start from what the store holds.
func (s *Saver) ForgetVendor(vendorID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	answers, notes := answerKey(vendorID, ""), noteKey(vendorID, 0)
	notes = notes[:len(notes)-1]
	for k := range s.versions {
		if strings.HasPrefix(k, answers) {
			delete(s.versions, k)
		}
	}
	for k := range s.notes {
		if strings.HasPrefix(k, notes) {
			delete(s.notes, k)
		}
	}
}

// SeedSession takes a session read from the store after mark as the base of every
// key that is settled: the values the screen shows from it.
func (s *Saver) SeedSession(sess *db.Session, mark uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seed(sess, func(key string) bool { return s.settled(key, mark) })
}

// Know takes a session as the base of every key this saver knows nothing of yet: a
// screen opened on a session read before. A base already known is newer.
func (s *Saver) Know(sess *db.Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seed(sess, func(key string) bool {
		_, a := s.versions[key]
		_, n := s.notes[key]
		_, r := s.reqs[key]
		return !a && !n && !r
	})
}

func (s *Saver) seed(sess *db.Session, take func(key string) bool) {
	for _, f := range rubric.RequirementFields {
		if k := requirementKey(sess.ID, f.ID); take(k) {
			s.reqs[k] = sess.Requirements
		}
	}
	for _, v := range sess.Vendors {
		if sess.Part != 0 && v.ID != sess.Part {
			continue // not read (db.Store.SessionPart)
		}
		for _, q := range rubric.Questions {
			if k := answerKey(v.ID, q.ID); take(k) {
				s.versions[k] = v.Versions[q.ID]
			}
		}
		for step := 2; step <= 7; step++ {
			if k := noteKey(v.ID, step); take(k) {
				s.notes[k] = v.Notes[step]
			}
		}
	}
}

// SeenAnswer, SeenNote and SeenRequirement record a stored value the screen now
// shows, so that the user's next change of it is a deliberate one.
func (s *Saver) SeenAnswer(vendorID int64, question string, version int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.versions[answerKey(vendorID, question)] = version
}

func (s *Saver) SeenNote(vendorID int64, step int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.notes[noteKey(vendorID, step)] = text
}

func (s *Saver) SeenRequirement(sessionID int64, field string, req rubric.Requirements) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs[requirementKey(sessionID, field)] = req
}

// SaveAnswer queues one answer; nil is "unknown".
func (s *Saver) SaveAnswer(vendorID int64, question, what string, v *rubric.Value) {
	s.enqueue(saveJob{key: answerKey(vendorID, question), what: what,
		answer: &answerWrite{vendorID, question, v}})
}

// SaveNote queues the notes of a vendor's step.
func (s *Saver) SaveNote(vendorID int64, step int, what, text string) {
	s.enqueue(saveJob{key: noteKey(vendorID, step), what: what, note: &noteWrite{vendorID, step, text}})
}

// SaveRequirement queues one field of a session's requirements (its name in the
// session format), at its value in req.
func (s *Saver) SaveRequirement(sessionID int64, field, what string, req rubric.Requirements) {
	s.enqueue(saveJob{key: requirementKey(sessionID, field), what: what,
		req: &requirementWrite{sessionID, field, req}})
}

// Save queues any other write under a key; a newer write with the same key
// replaces a waiting one.
func (s *Saver) Save(key, what string, write func(context.Context, *db.Store) error) {
	s.enqueue(saveJob{key: key, what: what, write: write})
}

// Do runs a change the user waits for (a dialog's, a deletion) after every write
// queued before it, and returns its error. It blocks: call it from a command.
func (s *Saver) Do(what string, change func(context.Context, *db.Store) error) error {
	done := make(chan error, 1)
	s.mu.Lock()
	s.waited++
	key := fmt.Sprintf("do/%d", s.waited)
	s.mu.Unlock()
	if !s.enqueue(saveJob{key: key, what: what, write: change, done: done}) {
		return errors.New("the application is closing")
	}
	return <-done
}

// enqueue queues j unless the saver is closed.
func (s *Saver) enqueue(j saveJob) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if _, waiting := s.pending[j.key]; !waiting {
		s.order = append(s.order, j.key)
	}
	s.pending[j.key] = j
	s.cond.Broadcast()
	return true
}

// Pending is the number of writes not yet done.
func (s *Saver) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.order)
	if s.busy {
		n++
	}
	return n
}

// Flush waits until every queued write has been tried once more and the queue is
// empty, or until timeout; it reports whether everything landed.
func (s *Saver) Flush(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 || s.busy {
		if time.Now().After(deadline) {
			return false
		}
		// Wake up at least every 50 ms to check the deadline.
		t := time.AfterFunc(50*time.Millisecond, func() { s.cond.Broadcast() })
		s.cond.Wait()
		t.Stop()
	}
	return true
}

// Close flushes and stops the writer.
func (s *Saver) Close(timeout time.Duration) bool {
	ok := s.Flush(timeout)
	s.mu.Lock()
	s.closed = true
	s.cond.Broadcast()
	s.mu.Unlock()
	return ok
}

func (s *Saver) loop() {
	for {
		s.mu.Lock()
		for len(s.order) == 0 && !s.closed {
			s.cond.Wait()
		}
		if len(s.order) == 0 && s.closed {
			s.mu.Unlock()
			return
		}
		key := s.order[0]
		s.order = s.order[1:]
		job := s.pending[key]
		delete(s.pending, key)
		s.busy, s.running = true, key
		s.mu.Unlock()

		msg := s.run(job)

		s.mu.Lock()
		s.busy = false
		s.finished++
		s.landed[key] = s.finished
		msg.Seq, msg.job = s.finished, job
		switch {
		case msg.Conflict != nil:
			s.conflicted[key] = s.finished
		case msg.Err == nil:
			delete(s.conflicted, key)
		}
		if job.done != nil {
			job.done <- msg.Err
			s.cond.Broadcast()
			s.mu.Unlock()
			continue
		}
		if msg.Err != nil && msg.Conflict == nil && worthRetrying(msg.Err) {
			// Keep the change unless a newer one for the same key arrived meanwhile.
			if _, newer := s.pending[key]; !newer && !s.closed {
				msg.Retrying = true
				s.order = append(s.order, key)
				s.pending[key] = job
			}
		}
		s.cond.Broadcast()
		s.mu.Unlock()
		if s.notify != nil {
			s.notify(msg)
		}
		if msg.Retrying {
			time.Sleep(retryDelay)
		}
	}
}

// worthRetrying reports whether a failed write may land if tried again: the disk
// or the file was in the way (full, busy, read-only, an I/O error). A write the store
// refused for what it says (a vendor removed, a value out of range, a session full)
// would fail the same way for ever, holding up every write behind it.
func worthRetrying(err error) bool {
	var invalid *db.RequirementsError
	switch {
	case errors.Is(err, db.ErrNotFound), errors.Is(err, db.ErrTooManyVendors),
		errors.Is(err, db.ErrDuplicateVendor), errors.Is(err, db.ErrViewOnly), errors.Is(err, db.ErrLeadOnly),
		errors.Is(err, db.ErrMayNotStart), errors.As(err, &invalid):
		return false
	}
	return true
}

// run performs one write, turning a panic into an error: a panic on this goroutine
// would otherwise take the terminal down with it.
func (s *Saver) run(job saveJob) (msg SavedMsg) {
	msg = SavedMsg{Key: job.key, What: job.what}
	defer func() {
		if r := recover(); r != nil {
			msg.Err = fmt.Errorf("internal error while saving: %v", r)
		}
		msg.At = time.Now()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch {
	case job.answer != nil:
		msg.Err = s.writeAnswer(ctx, job.key, job.answer)
	case job.note != nil:
		msg.Err = s.writeNote(ctx, job.key, job.note)
	case job.req != nil:
		msg.Err = s.writeRequirement(ctx, job.key, job.req)
	default:
		msg.Err = job.write(ctx, s.store)
	}
	if errors.Is(msg.Err, db.ErrConflict) {
		msg.Conflict = msg.Err
	}
	return msg
}

// base reads a key's base under the lock.
func base[T any](s *Saver, m map[string]T, key string) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return m[key]
}

// landedAt records the base a landed write leaves.
func landedAt[T any](s *Saver, m map[string]T, key string, v T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[key] = v
}

func (s *Saver) writeAnswer(ctx context.Context, key string, a *answerWrite) error {
	v, err := s.store.SaveAnswer(ctx, a.vendorID, a.question, a.value, base(s, s.versions, key))
	if err == nil {
		landedAt(s, s.versions, key, v)
	}
	return err
}

func (s *Saver) writeNote(ctx context.Context, key string, n *noteWrite) error {
	err := s.store.ChangeNote(ctx, n.vendorID, n.step, base(s, s.notes, key), n.text)
	if err == nil {
		landedAt(s, s.notes, key, clean.Text(n.text))
	}
	return err
}

func (s *Saver) writeRequirement(ctx context.Context, key string, r *requirementWrite) error {
	from := base(s, s.reqs, key)
	to := db.CopyRequirement(from, r.field, r.value)
	err := s.store.ChangeRequirements(ctx, r.sessionID, from, to)
	if err == nil {
		landedAt(s, s.reqs, key, to)
	}
	return err
}
