// Package db stores vendorvet's evaluation sessions, vendors, answers and notes in an
// SQLite file (modernc.org/sqlite, no cgo). It knows SQL, not screens: every
// operation is one transaction, every answer one row, and each vendor's score is
// cached beside it so that listing sessions never scores anything. A session's
// vendors are evaluated by a panel of evaluators, each with answers of their own,
// and scored by the panel's consensus (panel.go, consensus.go).
package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

// SchemaVersion is the schema this package reads and writes (PRAGMA user_version).
const SchemaVersion = 7

// applicationID marks our files (PRAGMA application_id): "VVET".
const applicationID = 0x56564554

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Store is an open vendorvet database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	// check is the check of every page that OpenChecking left for later; nil
	// when Open checked the file before returning.
	check *pageCheck
	// writeErr, when not nil, is why the store may only read: the disk was full
	// when it opened. Every write fails with it.
	writeErr error
	// acting is the name of the evaluator the store writes as (ActAs); nil for
	// each session's lead.
	acting atomic.Pointer[string]
	// membersOnly confines the store to its person's sessions, and mayStart lets
	// them start new ones (MembersOnly).
	membersOnly, mayStart bool
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database; SQLite then folds the write-ahead log back into the
// file. A check still running is stopped first: it holds a second connection, and
// the log is only folded back when the last one closes.
func (s *Store) Close() error {
	if s.check != nil {
		s.check.stop()
	}
	return s.db.Close()
}

// Open opens the vendorvet database at path, creating it (and its folder, 0700) when
// it does not exist. A file that is not a vendorvet database, a damaged one or one
// written by a newer version is refused before SQLite sees it, and left unchanged.
func Open(path string) (*Store, error) {
	return openPatiently(path, false)
}

// OpenChecking opens the database as Open does, but leaves the check of its pages
// (PRAGMA quick_check reads the whole file: a second or more for years of
// sessions) to a second connection in the background, begun by StartCheck, so that
// an interactive program shows its first screen at once. Reading goes ahead
// meanwhile. Every write waits for the check and, when it found damage, fails with
// the *FileError (ErrCorrupt) Open would have returned, so that nothing is ever
// written to a damaged file; Checked reports the outcome. A file that needs its
// schema upgraded is checked before OpenChecking returns, as the upgrade writes.
func OpenChecking(path string) (*Store, error) {
	return openPatiently(path, true)
}

// openPatiently opens, trying again a moment later while another process holds a
// lock that SQLite does not wait for: two processes setting up the same new file
// (switching it to write-ahead logging, creating the tables) can meet such a lock
// although every connection waits for ordinary ones.
func openPatiently(path string, checkLater bool) (*Store, error) {
	for tries := 1; ; tries++ {
		s, err := open(path, checkLater)
		if err == nil || !isBusy(err) || tries == 40 {
			return s, err
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// isBusy reports whether err is another connection's lock.
func isBusy(err error) bool {
	code := sqliteCode(err)
	return code == 5 || code == 6 // SQLITE_BUSY, SQLITE_LOCKED
}

func open(path string, checkLater bool) (*Store, error) {
	interactive := checkLater
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if abs, err = followLinks(abs); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	dirs, err := makeDirs(filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("create the folder of %s: %w", abs, err)
	}
	created := false
	var db *sql.DB
	fail := func(err error) (*Store, error) {
		if db != nil {
			db.Close()
		}
		// A failed Open leaves nothing behind that it made: no empty database. A
		// file another process holds a lock on is in use, and stays.
		if created && !isBusy(err) {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				os.Remove(abs + suffix)
			}
		}
		for _, d := range dirs {
			os.Remove(d)
		}
		return nil, err
	}

	file, err := inspect(abs)
	if err != nil {
		return fail(err)
	}
	if file.state == fileMissing {
		created, err = createFile(abs)
		if err != nil {
			return fail(fmt.Errorf("create database %s: %w", abs, err))
		}
		if !created {
			// Someone else created it between our look and our create: look again.
			if file, err = inspect(abs); err != nil {
				return fail(err)
			}
			if file.state == fileMissing {
				// A link to nothing put there meanwhile: SQLite would create its
				// target with its own mode.
				return fail(&FileError{Path: abs, Kind: ErrNotVendorvet, Err: errors.New("it became a symbolic link while being opened")})
			}
		}
	}
	ctx := context.Background()
	// What was there before is checked before a connection that can write opens it:
	// that connection would replay a log beside the file into it and fold the log
	// into the file when it closes, damage and all. A log no running process holds
	// is checked whole first, as SQLite cannot tell another database's log from the
	// file's own. Only the check of pages a running process or the file alone
	// vouches for, at the current schema, may be left for later.
	replay := hasLog(abs) && !file.inUse
	mustCheck := !created && (file.state == fileOurs || hasLog(abs))
	checkLater = checkLater && mustCheck && !replay && file.schema == SchemaVersion
	if mustCheck && !checkLater {
		if err := checkFirst(ctx, abs, replay); err != nil {
			return fail(err)
		}
	}

	before := sidecars(abs)
	db, err = openWriting(ctx, abs)
	if err != nil {
		if !fullDisk(err, filepath.Dir(abs)) {
			return fail(err)
		}
		// What the connection made and could not use goes: an empty log and an
		// index it could not grow. Only on a full disk, where no other process can
		// have begun to use them either.
		removeUnused(abs, before)
		full := &FileError{Path: abs, Kind: ErrDiskFull, Err: err}
		// A file that needs nothing written to be read can still be read: listed,
		// exported, backed up elsewhere.
		if !interactive && mustCheck && file.schema == SchemaVersion {
			if s, err := openReading(ctx, abs, full); err == nil {
				return s, nil
			}
		}
		return fail(full)
	}
	s := &Store{db: db, path: abs}
	if checkLater {
		s.check = newCheck(abs)
	}
	return s, nil
}

// openWriting opens the store's connection to the file at abs, set up and at the
// current schema.
func openWriting(ctx context.Context, abs string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", abs, err)
	}
	// One connection: SQLite has one writer anyway, so the process never waits on
	// itself, and a PRAGMA run through the pool reaches the connection in use.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(abs, err)
	}
	if err := migrate(ctx, db, abs); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openError classifies a failure of SQLite to open or read the file.
func openError(path string, err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	switch sqliteCode(err) {
	case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
		return &FileError{Path: path, Kind: ErrCorrupt, Err: err}
	case 3, 8: // SQLITE_PERM, SQLITE_READONLY: the -wal or -shm cannot be made beside it
		return &FileError{Path: path, Kind: ErrReadOnly, Err: err}
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// quickCheck runs PRAGMA quick_check over db, the file at path.
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	return runCheck(ctx, db, path, quickCheckPragma)
}

// runCheck runs check, quick_check or integrity_check, and turns what it finds
// into an ErrCorrupt.
func runCheck(ctx context.Context, db *sql.DB, path, check string) error {
	rows, err := db.QueryContext(ctx, check)
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line == "ok" {
			continue
		}
		// One row may hold many lines; the first few say enough.
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
				problems = append(problems, l)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], "…")
		}
		return &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New(strings.Join(problems, "; "))}
	}
	return nil
}

// makeDirs creates dir and its missing parents 0700 whatever the umask, and returns
// the folders it created, deepest first, so that a failed Open can remove them.
func makeDirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err == nil {
			if !st.IsDir() {
				return nil, fmt.Errorf("%s is not a folder", d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	for _, d := range missing {
		if err := os.Chmod(d, 0o700); err != nil {
			return missing, err
		}
	}
	return missing, nil
}

// followLinks returns the path that path, a symbolic link or a chain of them,
// leads to, whether or not a file is there yet: a database reached through a link
// to nothing is then created where the link points, by createFile and so 0600,
// rather than by SQLite through the link.
func followLinks(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			// Relative to the folder the link is in, as the system reads it.
			dir := filepath.Dir(path)
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				dir = real
			}
			target = filepath.Join(dir, target)
		}
		path = target
	}
	return "", errors.New("too many levels of symbolic links")
}

// createFile creates an empty database file 0600 before SQLite does, so that the
// file and the -wal and -shm files SQLite copies its mode to are private. It reports
// false when the file appeared meanwhile.
func createFile(path string) (bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	// The umask may have taken bits off, never added any; chmod makes it exact.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return true, err
	}
	return true, f.Close()
}

type fileState int

// fileInfo is what inspect finds at a database path.
type fileInfo struct {
	state  fileState
	schema int  // the schema version in the header
	inUse  bool // another process has the file open in WAL mode
}

const (
	fileMissing fileState = iota
	// fileBlank is an empty file or an SQLite database without any table: ours to set up.
	fileBlank
	fileOurs
)

// headerSize is the SQLite file header plus page 1's b-tree header (type, cell count).
const headerSize = 108

// inspect reads the file's header itself, so that a file that is not ours is refused
// before SQLite opens it: SQLite would create -wal and -shm files beside it and could
// write to it.
func inspect(path string) (fileInfo, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fileInfo{state: fileMissing}, nil
	}
	if err != nil {
		return fileInfo{}, fmt.Errorf("open database %s: %w", path, err)
	}
	if st.IsDir() {
		return fileInfo{}, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it is a folder")}
	}
	if !st.Mode().IsRegular() {
		return fileInfo{}, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it is not a regular file")}
	}
	// Opened for writing, as SQLite will: a file we may only read would otherwise be
	// opened read-only, every save would fail, and SQLite would leave -wal and -shm
	// files beside it.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	readOnly := errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
	if readOnly {
		f, err = os.Open(path)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fileInfo{state: fileMissing}, nil
	}
	if err != nil {
		return fileInfo{}, fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	state, schema, err := inspectHeader(f, path, st.Size())
	if err == nil && readOnly {
		return fileInfo{}, &FileError{Path: path, Kind: ErrReadOnly, Err: errors.New("the file is read-only")}
	}
	return fileInfo{state: state, schema: schema, inUse: err == nil && inUseElsewhere(f)}, err
}

// inspectHeader reads the header of the open file at path, size bytes long.
func inspectHeader(f *os.File, path string, size int64) (fileState, int, error) {
	if size == 0 {
		return fileBlank, 0, nil
	}
	h := make([]byte, headerSize)
	n, err := io.ReadFull(f, h)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, 0, fmt.Errorf("read database %s: %w", path, err)
	}
	h = h[:n]
	corrupt := func(why string) (fileState, int, error) {
		return 0, 0, &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New(why)}
	}
	if !bytes.HasPrefix(h, []byte(sqliteMagic)) {
		if isZero(h) {
			return corrupt("its first bytes are all zero")
		}
		if bytes.HasPrefix([]byte(sqliteMagic), h) {
			return corrupt("it is cut short")
		}
		return 0, 0, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it is not an SQLite database")}
	}
	if len(h) < headerSize {
		return corrupt("it is cut short")
	}
	be := binary.BigEndian
	appID, version := be.Uint32(h[68:72]), int(be.Uint32(h[60:64]))
	switch {
	case appID == applicationID:
	case appID != 0 || version != 0:
		return 0, 0, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it belongs to another application")}
	case h[100] == 0x0D && be.Uint16(h[103:105]) == 0:
		// A leaf schema page without cells: no table, index or view at all.
		return fileBlank, 0, nil
	default:
		return 0, 0, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it holds another application's tables")}
	}
	if version > SchemaVersion {
		return 0, 0, &FileError{Path: path, Kind: ErrNewerSchema, Schema: version}
	}
	pageSize := int64(be.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return corrupt("its page size is invalid")
	}
	// The page count at 28 is valid when the change counter at 24 matches 92. A file
	// shorter than that count is truncated, unless a write-ahead log still holds the
	// end of a checkpoint that a crash interrupted.
	pages := int64(be.Uint32(h[28:32]))
	if bytes.Equal(h[24:28], h[92:96]) && size < pages*pageSize && !hasLog(path) {
		return corrupt(fmt.Sprintf("it is cut short (%d of %d bytes)", size, pages*pageSize))
	}
	return fileOurs, version, nil
}

func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// hasLog reports whether a non-empty write-ahead log lies beside path.
func hasLog(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}
