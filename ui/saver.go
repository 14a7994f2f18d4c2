package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// Saver writes every change to the store off the UI goroutine, in the order the
// changes were made. A change to a key that is still waiting replaces the waiting
// one, so fast typing costs one write, not one per keystroke; a failed write is
// retried until it lands (a full disk that gets room again) unless a newer change
// of the same key supersedes it.
type Saver struct {
	store  *db.Store
	notify func(tea.Msg)

	mu       sync.Mutex
	cond     *sync.Cond
	order    []string // keys waiting, oldest first
	pending  map[string]saveJob
	busy     bool
	closed   bool
	versions map[string]int64 // answer key → version last written or seen
}

// saveJob is one write. Answers carry what compare-and-set needs; everything else
// is a function of the store.
type saveJob struct {
	key    string
	what   string // the thing saved, in the user's language, for messages
	answer *answerWrite
	write  func(context.Context, *db.Store) error
}

type answerWrite struct {
	vendorID int64
	question string
	value    *rubric.Value
}

// SavedMsg reports one finished write to the UI.
type SavedMsg struct {
	Key  string
	What string
	At   time.Time
	Err  error
	// Conflict is set when another window changed the answer first; nothing was
	// overwritten.
	Conflict *db.ConflictError
	// Retrying is true when a failed write stays queued.
	Retrying bool
}

// retryDelay is how long a failed write waits before it is tried again.
const retryDelay = 2 * time.Second

// NewSaver starts the writer goroutine. notify receives a SavedMsg after each write
// (the program's Send); it may be nil.
func NewSaver(store *db.Store, notify func(tea.Msg)) *Saver {
	s := &Saver{store: store, notify: notify, pending: map[string]saveJob{}, versions: map[string]int64{}}
	s.cond = sync.NewCond(&s.mu)
	go s.loop()
	return s
}

func answerKey(vendorID int64, question string) string {
	return fmt.Sprintf("a/%d/%s", vendorID, question)
}

// Seed records the versions of a vendor's answers as loaded, the base of every
// compare-and-set that follows.
func (s *Saver) Seed(vendorID int64, versions map[string]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for q, v := range versions {
		k := answerKey(vendorID, q)
		if _, waiting := s.pending[k]; !waiting {
			s.versions[k] = v
		}
	}
}

// SaveAnswer queues one answer; nil is "unknown".
func (s *Saver) SaveAnswer(vendorID int64, question, what string, v *rubric.Value) {
	s.enqueue(saveJob{key: answerKey(vendorID, question), what: what,
		answer: &answerWrite{vendorID, question, v}})
}

// Save queues any other write under a key; a newer write with the same key
// replaces a waiting one.
func (s *Saver) Save(key, what string, write func(context.Context, *db.Store) error) {
	s.enqueue(saveJob{key: key, what: what, write: write})
}

func (s *Saver) enqueue(j saveJob) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	if _, waiting := s.pending[j.key]; !waiting {
		s.order = append(s.order, j.key)
	}
	s.pending[j.key] = j
	s.cond.Broadcast()
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
		s.busy = true
		base := s.versions[key]
		s.mu.Unlock()

		msg := s.run(job, base)

		s.mu.Lock()
		s.busy = false
		if msg.Err != nil && msg.Conflict == nil {
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

// run performs one write, turning a panic into an error: a panic on this goroutine
// would otherwise take the terminal down with it.
func (s *Saver) run(job saveJob, base int64) (msg SavedMsg) {
	msg = SavedMsg{Key: job.key, What: job.what}
	defer func() {
		if r := recover(); r != nil {
			msg.Err = fmt.Errorf("internal error while saving: %v", r)
		}
		msg.At = time.Now()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if a := job.answer; a != nil {
		v, err := s.store.SaveAnswer(ctx, a.vendorID, a.question, a.value, base)
		var conflict *db.ConflictError
		switch {
		case errors.As(err, &conflict):
			// The next change the user makes is a deliberate overwrite of what they
			// now see reported.
			s.mu.Lock()
			s.versions[job.key] = conflict.Version
			s.mu.Unlock()
			msg.Err, msg.Conflict = err, conflict
		case err != nil:
			msg.Err = err
		default:
			s.mu.Lock()
			s.versions[job.key] = v
			s.mu.Unlock()
		}
		return msg
	}
	msg.Err = job.write(ctx, s.store)
	return msg
}
