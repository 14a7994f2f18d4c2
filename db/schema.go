package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrations[v] takes the schema from version v to v+1. Times are UTC unix
// milliseconds; JSON columns hold the session format's encodings.
var migrations = []string{
	// 0 → 1
	`CREATE TABLE sessions (
		id           INTEGER PRIMARY KEY,
		title        TEXT NOT NULL,
		client       TEXT NOT NULL,
		evaluator    TEXT NOT NULL,
		lang         TEXT NOT NULL,
		-- requirements.industry, copied out for listing and filtering
		industry     TEXT NOT NULL,
		profile      TEXT NOT NULL,
		requirements TEXT NOT NULL,
		created_at   INTEGER NOT NULL,
		updated_at   INTEGER NOT NULL
	) STRICT;
	CREATE INDEX sessions_by_change ON sessions (updated_at DESC, id DESC);

	CREATE TABLE vendors (
		id         INTEGER PRIMARY KEY,
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		position   INTEGER NOT NULL,
		name       TEXT NOT NULL,
		contact    TEXT NOT NULL,
		-- the last answer version handed out, so that versions never repeat
		answer_seq INTEGER NOT NULL DEFAULT 0,
		-- the vendor's scorecard, cached by every write that can change it
		total      REAL NOT NULL DEFAULT 0,
		band       TEXT NOT NULL DEFAULT 'reject',
		answered   INTEGER NOT NULL DEFAULT 0,
		applicable INTEGER NOT NULL DEFAULT 0,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX vendors_by_session ON vendors (session_id, position);

	CREATE TABLE answers (
		vendor_id  INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		question   TEXT NOT NULL,
		value      TEXT NOT NULL,
		version    INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, question)
	) STRICT, WITHOUT ROWID;

	CREATE TABLE notes (
		vendor_id  INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		step       INTEGER NOT NULL CHECK (step BETWEEN 2 AND 7),
		text       TEXT NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, step)
	) STRICT, WITHOUT ROWID;`,
	// 1 → 2: what was typed into a number field but is not a number yet ("12a"),
	// kept as typed so that a half-typed answer survives a quit or a crash.
	`CREATE TABLE drafts (
		vendor_id  INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		question   TEXT NOT NULL,
		text       TEXT NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, question)
	) STRICT, WITHOUT ROWID;`,
	// 2 → 3: what an evaluator leaves unfinished besides answers: the question they
	// were on in each vendor's steps, and the half-typed text of a dialog (a new
	// session's title, a vendor's name), by dialog.
	`CREATE TABLE places (
		vendor_id  INTEGER PRIMARY KEY REFERENCES vendors (id) ON DELETE CASCADE,
		step       INTEGER NOT NULL CHECK (step BETWEEN 2 AND 7),
		-- a question's ID, or the interface's name for another field of the step
		field      TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT;
	CREATE TABLE form_drafts (
		form       TEXT PRIMARY KEY,
		-- what the dialog is about, if anything: its draft goes with it
		session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
		vendor_id  INTEGER REFERENCES vendors (id) ON DELETE CASCADE,
		-- a JSON array of the fields' text, in the dialog's order
		fields     TEXT NOT NULL,
		updated_at INTEGER NOT NULL
	) STRICT, WITHOUT ROWID;`,
}

func init() {
	if len(migrations) != SchemaVersion {
		panic("db: SchemaVersion does not match the migrations")
	}
}

// migrate checks that the open database is ours and brings its schema to
// SchemaVersion, all in one transaction.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return openError(path, err)
	}
	defer tx.Rollback()
	var app, version, objects int
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return openError(path, err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return openError(path, err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return openError(path, err)
	}
	// The header was checked before opening; this sees what a write-ahead log added.
	switch {
	case app != 0 && app != applicationID:
		return &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it belongs to another application")}
	case app == 0 && (version != 0 || objects != 0):
		return &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it holds another application's tables")}
	case version > SchemaVersion:
		return &FileError{Path: path, Kind: ErrNewerSchema, Schema: version}
	case version == 0 && objects != 0:
		return &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New("tables without a schema version")}
	}
	if version == SchemaVersion {
		return nil
	}
	for v := version; v < SchemaVersion; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("upgrade %s to schema %d: %w", path, v+1, err)
		}
	}
	// PRAGMA takes no bound parameters; both values are our own integers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", applicationID, SchemaVersion)); err != nil {
		return fmt.Errorf("mark %s as a vendorvet database: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("upgrade %s: %w", path, err)
	}
	return nil
}
