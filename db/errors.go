package db

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"vendorvet/rubric"
)

// The kinds of failure the caller may want to tell apart; test them with errors.Is.
var (
	// ErrNotVendorvet: the file is not a vendorvet database (not SQLite, another
	// application's SQLite file, or a folder). It was not modified.
	ErrNotVendorvet = errors.New("not a vendorvet database")
	// ErrNewerSchema: the database was written by a newer vendorvet. It was not modified.
	ErrNewerSchema = errors.New("written by a newer version of vendorvet")
	// ErrCorrupt: the file is a damaged database (truncated, zeroed, failed check).
	ErrCorrupt = errors.New("database file is damaged")
	// ErrStrayLog: the database is sound, but the write-ahead log beside it (PATH-wal)
	// would make it a damaged one: another database's log, or a damaged one. Neither
	// file was modified.
	ErrStrayLog = errors.New("the write-ahead log beside it does not belong to it or is damaged")
	// ErrConflict: an answer, a note or a requirement changed underneath the caller;
	// see ConflictError, NoteConflictError and RequirementsConflictError.
	ErrConflict = errors.New("changed elsewhere meanwhile")
	// ErrNotFound: the session or vendor does not exist (any more).
	ErrNotFound = errors.New("not found")
	// ErrExists: a file that would be created already exists.
	ErrExists = errors.New("file already exists")
	// ErrReadOnly: the database, its folder or its disk cannot be written. vendorvet
	// saves every change as it is made, so it does not open what it cannot write.
	// The file was not modified. From Cause: a write was refused as read-only.
	ErrReadOnly = errors.New("database cannot be written")
	// ErrDiskFull: the disk the database is on is full, so that it could not be
	// opened for writing. The file was not modified. From Cause: a write did not fit.
	ErrDiskFull = errors.New("the disk is full")
	// ErrDuplicateVendor: the session already has a vendor of that name; names tell
	// vendors apart in the comparison, the report and the JSON export.
	ErrDuplicateVendor = errors.New("the session already has a vendor of that name")
)

// FileError names the database file a problem was found in.
type FileError struct {
	Path string
	// Kind is ErrNotVendorvet, ErrNewerSchema, ErrCorrupt, ErrStrayLog, ErrReadOnly,
	// ErrDiskFull or ErrExists.
	Kind error
	// Schema is the schema version found in the file, for ErrNewerSchema.
	Schema int
	// Err is the underlying cause, when there is one.
	Err error
}

func (e *FileError) Error() string {
	s := e.Path + ": " + e.Kind.Error()
	if e.Kind == ErrNewerSchema {
		s += fmt.Sprintf(" (schema %d, this version reads up to %d)", e.Schema, SchemaVersion)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *FileError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// ConflictError is returned by SaveAnswer when the answer's stored version is not
// the one the caller based its change on. errors.Is(err, ErrConflict) holds.
type ConflictError struct {
	VendorID int64
	Question string
	// Current is the stored value; nil when the answer is now unknown.
	Current *rubric.Value
	// Version is the stored version, to base the next attempt on.
	Version int64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("vendor %d: %s: %v (now at version %d)", e.VendorID, e.Question, ErrConflict, e.Version)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// NoteConflictError is returned by ChangeNote when the stored note is no longer the
// text the caller changed. errors.Is(err, ErrConflict) holds.
type NoteConflictError struct {
	VendorID int64
	Step     int
	// Current is the stored text; "" when the step has no note now.
	Current string
}

func (e *NoteConflictError) Error() string {
	return fmt.Sprintf("vendor %d: notes of step %d: %v", e.VendorID, e.Step, ErrConflict)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *NoteConflictError) Is(target error) bool { return target == ErrConflict }

// RequirementsConflictError is returned by ChangeRequirements when a field the caller
// changed no longer holds the value the caller saw. errors.Is(err, ErrConflict) holds.
type RequirementsConflictError struct {
	SessionID int64
	// Fields are the fields in conflict, by their names in the session format.
	Fields []string
	// Current is the stored requirements, every field as it is now.
	Current rubric.Requirements
}

func (e *RequirementsConflictError) Error() string {
	return fmt.Sprintf("session %d: requirements %s: %v", e.SessionID, strings.Join(e.Fields, ", "), ErrConflict)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *RequirementsConflictError) Is(target error) bool { return target == ErrConflict }

// RequirementsError is a requirement the store refused; its Field is a requirements
// field, not a question id, even where the two share a name ("channels").
type RequirementsError struct{ Field rubric.FieldError }

func (e *RequirementsError) Error() string { return "requirements: " + e.Field.Error() }
func (e *RequirementsError) Unwrap() error { return &e.Field }

// Failures SQLite reports while the store is in use, besides ErrDiskFull, ErrReadOnly
// and ErrCorrupt; Cause tells which one an error is.
var (
	// ErrBusy: another connection held the database longer than the store waits.
	ErrBusy = errors.New("another connection holds the database")
	// ErrDiskIO: the disk reported an error while reading or writing.
	ErrDiskIO = errors.New("the disk reported an error")
	// ErrCannotOpen: the database file cannot be opened or used (missing, no permission).
	ErrCannotOpen = errors.New("the database file cannot be opened")
)

// Cause says which failure of the store err is: ErrDiskFull (also when the system
// reports a full disk), ErrReadOnly, ErrBusy, ErrDiskIO, ErrCorrupt or ErrCannotOpen,
// from SQLite's result code inside err; nil when it is none of them.
func Cause(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return ErrDiskFull
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		return ErrDiskFull
	case sqlite3.SQLITE_READONLY:
		return ErrReadOnly
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return ErrBusy
	case sqlite3.SQLITE_IOERR:
		return ErrDiskIO
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return ErrCorrupt
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return ErrCannotOpen
	}
	return nil
}

// sqliteCode returns the primary SQLite result code inside err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}
