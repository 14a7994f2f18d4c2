package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// watchPragmas open a watcher's connection: it only reads, and waits for a lock
// rather than failing.
const watchPragmas = "_pragma=busy_timeout(5000)&_pragma=query_only(1)"

// Watcher tells when the database has changed, cheaply enough to ask twice a second.
// It holds a connection of its own: PRAGMA data_version changes when a connection
// other than the one asking commits, so on the store's own connection it would miss
// nothing from other processes but could not be asked while a write is under way,
// and a pooled connection could be swapped for one with another count. The store's
// own commits count as changes here too; whoever reloads on them finds what it
// wrote. Close it before the store.
type Watcher struct {
	mu      sync.Mutex
	db      *sql.DB
	conn    *sql.Conn
	version int64
}

// Watch opens a Watcher on the store's file, starting from its state now.
func (s *Store) Watch(ctx context.Context) (*Watcher, error) {
	pool, err := sql.Open("sqlite", dsnWith(s.path, watchPragmas))
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	pool.SetMaxOpenConns(1)
	conn, err := pool.Conn(ctx)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	w := &Watcher{db: pool, conn: conn}
	if w.version, err = w.dataVersion(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	return w, nil
}

func (w *Watcher) dataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := w.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, err
}

// Changed reports whether anything was committed to the database since the last
// call (since Watch for the first).
func (w *Watcher) Changed(ctx context.Context) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
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

// Close closes the watcher's connection; it waits for a question under way.
func (w *Watcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		return nil
	}
	w.conn.Close()
	w.conn = nil
	return w.db.Close()
}
