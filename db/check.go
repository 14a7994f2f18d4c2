package db

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// checkPragmas open the background check's connection: it only reads, and waits for
// a lock rather than failing, like the store's own connection.
const checkPragmas = "_pragma=busy_timeout(5000)&_pragma=query_only(1)"

// errClosed is the outcome of a check that Close stopped before it finished.
var errClosed = errors.New("database closed before its check finished")

// pageCheck is PRAGMA quick_check run on a connection of its own while the store is
// in use: SQLite's write-ahead log lets it read a consistent snapshot of the file
// while the store's connection reads too, and writes wait for its outcome.
type pageCheck struct {
	abs    string
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	err    error // set before done is closed
}

func newCheck(abs string) *pageCheck {
	ctx, cancel := context.WithCancel(context.Background())
	return &pageCheck{abs: abs, ctx: ctx, cancel: cancel, done: make(chan struct{})}
}

// start runs the check in the background, the first time it is called.
func (c *pageCheck) start() {
	c.once.Do(func() {
		go func() {
			defer close(c.done)
			if c.ctx.Err() == nil {
				c.err = checkFile(c.ctx, c.abs)
			}
			if c.ctx.Err() != nil {
				// Stopped by Close: SQLite reports the interruption as an error
				// of its own, which says nothing about the file.
				c.err = errClosed
			}
		}()
	})
}

// stop interrupts the check if it is running, and waits until it has ended.
func (c *pageCheck) stop() {
	c.cancel()
	c.start()
	<-c.done
}

// checkFile runs quick_check over the file at abs on a connection of its own.
func checkFile(ctx context.Context, abs string) error {
	conn, err := sql.Open("sqlite", dsnWith(abs, checkPragmas))
	if err != nil {
		return openError(abs, err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if err := quickCheck(ctx, conn, abs); err != nil {
		return openError(abs, err)
	}
	return nil
}

// StartCheck begins the check of every page that OpenChecking left for later. An
// interactive program calls it once its first screen is out, so that the check
// (all of one core for a second on a large file) does not delay that screen; the
// first write, Backup and Checked begin it otherwise. It does nothing for a store
// from Open, and when the check has begun.
func (s *Store) StartCheck() {
	if s.check != nil {
		s.check.start()
	}
}

// Checked begins the check if need be, waits until it has finished and returns
// what it found: nil when the file is sound, a *FileError (ErrCorrupt) when it is
// damaged. It returns nil at once for a store from Open, and ctx's error when ctx
// ends first.
func (s *Store) Checked(ctx context.Context) error {
	if s.check == nil {
		return nil
	}
	s.check.start()
	select {
	case <-s.check.done:
		return s.check.err
	case <-ctx.Done():
		return ctx.Err()
	}
}
