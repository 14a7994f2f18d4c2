package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Watcher tells when someone else has changed the database — another window,
// another person on the team server — cheaply enough to ask twice a second. It
// asks PRAGMA data_version on the store's own connection (the store has exactly
// one, open.go): the count moves when a connection other than that one commits,
// so the store's own writes, which whoever asks knows of already, are no news.
// Asking waits for a write of the store under way.
type Watcher struct {
	mu      sync.Mutex
	store   *Store
	closed  bool
	version int64
}

// Watch opens a Watcher on the store, starting from its state now.
func (s *Store) Watch(ctx context.Context) (*Watcher, error) {
	w := &Watcher{store: s}
	var err error
	if w.version, err = w.dataVersion(ctx); err != nil {
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	return w, nil
}

func (w *Watcher) dataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := w.store.db.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// Changed reports whether another connection committed to the database since the
// last call (since Watch for the first).
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return false, sql.ErrConnDone
	}
	v, err := w.dataVersion(ctx)
	if err != nil {
		return false, fmt.Errorf("watch: %w", err)
	}
	changed := v != w.version
	w.version = v
	return changed, nil
}

// Close ends the watcher: Changed answers no more. Close it before the store.
func (w *Watcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	return nil
}
