package db

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// checkPragmas open the background check's connection: read-only, so that closing
// it can never fold the log into the file, and waiting for a lock rather than
// failing, like the store's own connection.
const checkPragmas = "mode=ro&_pragma=busy_timeout(5000)"

// Connections that read a file not yet checked and write nothing at all: not the
// file, not its log, not the index (-shm) beside them.
const (
	// readFileOnlyPragmas read the file as if no log lay beside it.
	readFileOnlyPragmas = "mode=ro&immutable=1"
	// readSharedPragmas open an index that exists read-only, so that a log another
	// process is writing is read under that process's locks; a stale index is
	// left alone and the log read into memory.
	readSharedPragmas = "mode=ro&readonly_shm=1&_pragma=busy_timeout(5000)"
	// readAlonePragmas, under a file system without locks, read the log into
	// memory without ever making an index: for a log no process has open, as
	// SQLite cannot lock without making one.
	readAlonePragmas = "mode=ro&_pragma=locking_mode(EXCLUSIVE)"
)

// noLockVFS is SQLite's file system without locks.
func noLockVFS() string {
	if runtime.GOOS == "windows" {
		return "win32-none"
	}
	return "unix-none"
}

// checkUnwritten checks the file at abs and the log beside it, as SQLite would
// replay it, on a connection that writes nothing.
func checkUnwritten(ctx context.Context, abs string, check string) error {
	for tries := 1; ; tries++ {
		before := sidecars(abs)
		err := checkUnwrittenNow(ctx, abs, check)
		// Another process opened or closed the file meanwhile, making or removing
		// the log or index the connection was chosen by: choose again.
		moved := !maps.Equal(before, sidecars(abs)) || sqliteCode(err) == sqlite3.SQLITE_CANTOPEN
		if !moved || tries == 20 {
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkUnwrittenNow is checkUnwritten on a connection chosen by the files there now.
func checkUnwrittenNow(ctx context.Context, abs string, check string) error {
	if !exists(abs + "-wal") {
		return checkWith(ctx, abs, readFileOnlyPragmas, check, false)
	}
	if exists(abs + "-shm") {
		err := checkWith(ctx, abs, readSharedPragmas, check, true)
		// An index a crash left that no longer matches the log: no process uses it.
		if sqliteCode(err) != sqlite3.SQLITE_PROTOCOL {
			return err
		}
	}
	return checkWith(ctx, abs, "vfs="+noLockVFS()+"&"+readAlonePragmas, check, true)
}

// openReading opens the file at abs for reading only, writing nothing at all, for a
// store whose every write fails with why.
func openReading(ctx context.Context, abs string, why error) (*Store, error) {
	params, keep := readFileOnlyPragmas, false
	if exists(abs + "-wal") {
		params, keep = "vfs="+noLockVFS()+"&"+readAlonePragmas, true
		if exists(abs + "-shm") {
			params = readSharedPragmas
		}
	}
	db, err := sql.Open("sqlite", dsnWith(abs, params))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if keep {
		err = keepLog(ctx, db)
	}
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, path: abs, writeErr: why}, nil
}

// exists reports whether there is a file (or anything else) at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// The checks of a file: quick_check reads every page; integrity_check also
// matches every index with its table, which a log replayed into the wrong database
// can leave whole but out of step.
const (
	quickCheckPragma     = "PRAGMA quick_check"
	integrityCheckPragma = "PRAGMA integrity_check"
)

// checkFirst checks the file at abs together with the log beside it, as SQLite
// would replay it, on a connection that writes nothing; whole is for a log that the
// next connection would replay. When the file is sound and only the log makes it a
// damaged one, the log is to blame (ErrStrayLog): another database's log copied
// or left beside it, or a damaged one.
func checkFirst(ctx context.Context, abs string, whole bool) error {
	check := quickCheckPragma
	if whole {
		check = integrityCheckPragma
	}
	err := checkUnwritten(ctx, abs, check)
	if !errors.Is(err, ErrCorrupt) || !hasLog(abs) {
		return err
	}
	if checkWith(ctx, abs, readFileOnlyPragmas, check, false) != nil {
		return err
	}
	var fe *FileError
	errors.As(err, &fe)
	return &FileError{Path: abs, Kind: ErrStrayLog, Err: fe.Err}
}

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
	return checkWith(ctx, abs, checkPragmas, quickCheckPragma, false)
}

// checkWith runs check over the file at abs on a connection of its own, opened
// with params; with keep, closing it leaves the log beside the file.
func checkWith(ctx context.Context, abs, params, check string, keep bool) error {
	conn, err := sql.Open("sqlite", dsnWith(abs, params))
	if err != nil {
		return openError(abs, err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if keep {
		if err := keepLog(ctx, conn); err != nil {
			return openError(abs, err)
		}
	}
	if err := runCheck(ctx, conn, abs, check); err != nil {
		return openError(abs, err)
	}
	return nil
}

// keepLog stops SQLite from deleting the log when the connection closes: without
// locks, a read-only connection takes a log with nothing to fold into the file (one
// that is not a log at all, say) for folded, and deletes it.
func keepLog(ctx context.Context, pool *sql.DB) error {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		fc, ok := dc.(sqlite.FileControl)
		if !ok {
			return errors.New("the SQLite driver cannot keep the log")
		}
		_, err := fc.FileControlPersistWAL("main", 1)
		return err
	})
}

// StartCheck begins the check of every page that OpenChecking left for later. An
// interactive program calls it a moment after its first screen, so that the check
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
