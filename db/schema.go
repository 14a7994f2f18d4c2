package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"vendorvet/internal/tempfile"
	"vendorvet/rubric"
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
	// 3 → 4: the version of the scoring rules the cached scorecards follow (the
	// first release's were 1), the totals that moved when the store was scored
	// again under new rules, until a screen has said so, and follow-ups: open
	// questions turned into tasks with an owner and a day due (YYYY-MM-DD).
	`CREATE TABLE rules (
		id      INTEGER PRIMARY KEY CHECK (id = 1),
		version INTEGER NOT NULL
	) STRICT;
	INSERT INTO rules VALUES (1, 1);
	CREATE TABLE score_moves (
		vendor_id   INTEGER PRIMARY KEY REFERENCES vendors (id) ON DELETE CASCADE,
		total_then  REAL NOT NULL,
		band_then   TEXT NOT NULL,
		total_now   REAL NOT NULL,
		band_now    TEXT NOT NULL
	) STRICT;
	CREATE TABLE followups (
		vendor_id  INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		question   TEXT NOT NULL,
		owner      TEXT NOT NULL,
		due        TEXT NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, question)
	) STRICT, WITHOUT ROWID;
	CREATE TABLE evidence (
		vendor_id   INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		question    TEXT NOT NULL,
		source      TEXT NOT NULL,
		seen        TEXT NOT NULL,
		link        TEXT NOT NULL,
		valid_until TEXT NOT NULL,
		updated_at  INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, question)
	) STRICT, WITHOUT ROWID;`,
	// 4 → 5: a panel of evaluators per session. What an evaluator gives of a vendor
	// (answers, notes, evidence, half-typed numbers) is theirs: each table gains
	// the evaluator in its key, so that two of them answering one question both
	// keep their answer. Every session becomes a panel of one, its evaluator the
	// lead, who is given everything the session held. Follow-ups, places and dialog
	// drafts stay the vendor's and the session's.
	//
	// A lead's name is the session's evaluator trimmed of spaces and cut to
	// EvaluatorNameLimit (200) characters, as substr counts them, or UnnamedLead
	// ('evaluator') when blank: leadName is the same rule in Go.
	`CREATE TABLE evaluators (
		id         INTEGER PRIMARY KEY,
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		name       TEXT NOT NULL,
		role       TEXT NOT NULL CHECK (role IN ('lead', 'evaluator')),
		created_at INTEGER NOT NULL,
		UNIQUE (session_id, name)
	) STRICT;
	-- blind: an evaluator does not see the others' answers to a vendor until they
	-- have submitted their own.
	ALTER TABLE sessions ADD COLUMN blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1));
	-- uid names a session wherever its copies go, so that an evaluator's copy is
	-- known for the session it came from when it is merged back.
	ALTER TABLE sessions ADD COLUMN uid TEXT NOT NULL DEFAULT '';
	UPDATE sessions SET uid = lower(hex(randomblob(16)));
	INSERT INTO evaluators (session_id, name, role, created_at)
		SELECT id, CASE WHEN trim(evaluator) = '' THEN 'evaluator' ELSE substr(trim(evaluator), 1, 200) END, 'lead', created_at
		FROM sessions ORDER BY id;

	-- The key of a table cannot change in place: each is made again beside the old
	-- one, filled, and put in its place. Each session has exactly one evaluator
	-- here, its lead, so joining by session finds it. Every table keyed by an
	-- evaluator has an index by evaluator: deleting a session deletes its
	-- evaluators, and SQLite looks up what refers to each one.
	CREATE TABLE answers_v5 (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		question     TEXT NOT NULL,
		value        TEXT NOT NULL,
		version      INTEGER NOT NULL,
		updated_at   INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, evaluator_id, question)
	) STRICT, WITHOUT ROWID;
	INSERT INTO answers_v5 SELECT a.vendor_id, e.id, a.question, a.value, a.version, a.updated_at
		FROM answers a JOIN vendors v ON v.id = a.vendor_id JOIN evaluators e ON e.session_id = v.session_id;
	DROP TABLE answers;
	ALTER TABLE answers_v5 RENAME TO answers;
	CREATE INDEX answers_by_evaluator ON answers (evaluator_id);

	CREATE TABLE notes_v5 (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		step         INTEGER NOT NULL CHECK (step BETWEEN 2 AND 7),
		text         TEXT NOT NULL,
		updated_at   INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, evaluator_id, step)
	) STRICT, WITHOUT ROWID;
	INSERT INTO notes_v5 SELECT n.vendor_id, e.id, n.step, n.text, n.updated_at
		FROM notes n JOIN vendors v ON v.id = n.vendor_id JOIN evaluators e ON e.session_id = v.session_id;
	DROP TABLE notes;
	ALTER TABLE notes_v5 RENAME TO notes;
	CREATE INDEX notes_by_evaluator ON notes (evaluator_id);

	CREATE TABLE evidence_v5 (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		question     TEXT NOT NULL,
		source       TEXT NOT NULL,
		seen         TEXT NOT NULL,
		link         TEXT NOT NULL,
		valid_until  TEXT NOT NULL,
		updated_at   INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, evaluator_id, question)
	) STRICT, WITHOUT ROWID;
	INSERT INTO evidence_v5 SELECT x.vendor_id, e.id, x.question, x.source, x.seen, x.link, x.valid_until, x.updated_at
		FROM evidence x JOIN vendors v ON v.id = x.vendor_id JOIN evaluators e ON e.session_id = v.session_id;
	DROP TABLE evidence;
	ALTER TABLE evidence_v5 RENAME TO evidence;
	CREATE INDEX evidence_by_evaluator ON evidence (evaluator_id);

	CREATE TABLE drafts_v5 (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		question     TEXT NOT NULL,
		text         TEXT NOT NULL,
		updated_at   INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, evaluator_id, question)
	) STRICT, WITHOUT ROWID;
	INSERT INTO drafts_v5 SELECT d.vendor_id, e.id, d.question, d.text, d.updated_at
		FROM drafts d JOIN vendors v ON v.id = d.vendor_id JOIN evaluators e ON e.session_id = v.session_id;
	DROP TABLE drafts;
	ALTER TABLE drafts_v5 RENAME TO drafts;
	CREATE INDEX drafts_by_evaluator ON drafts (evaluator_id);

	-- An evaluator has submitted a vendor: done with it, and in blind mode free to
	-- see the others' answers to it.
	CREATE TABLE submissions (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		submitted_at INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, evaluator_id)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX submissions_by_evaluator ON submissions (evaluator_id);

	-- A lead's consensus answer to a question, standing over the panel's rule;
	-- value is the answer's JSON, NULL when decided unknown.
	CREATE TABLE decisions (
		vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
		question     TEXT NOT NULL,
		value        TEXT,
		reason       TEXT NOT NULL,
		evaluator_id INTEGER NOT NULL REFERENCES evaluators (id) ON DELETE CASCADE,
		decided_at   INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, question)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX decisions_by_evaluator ON decisions (evaluator_id);

	-- Every change to an answer, a note, evidence or a decision, and every
	-- submission, as stored before and after (NULL: none). The evaluator is kept
	-- by name, and a removed vendor's history stays in its session, tied to no
	-- vendor: an id used again never inherits it.
	CREATE TABLE audit (
		id         INTEGER PRIMARY KEY,
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		vendor_id  INTEGER REFERENCES vendors (id) ON DELETE SET NULL,
		evaluator  TEXT NOT NULL,
		kind       TEXT NOT NULL CHECK (kind IN ('answer', 'note', 'evidence', 'decision', 'submit')),
		key        TEXT NOT NULL,
		before     TEXT,
		after      TEXT,
		at         INTEGER NOT NULL
	) STRICT;
	CREATE INDEX audit_by_vendor ON audit (vendor_id, id);
	CREATE INDEX audit_by_session ON audit (session_id);`,

	// 5 → 6: who may read a session without evaluating it (AddViewer); a name is
	// on a session's panel or among its viewers, never both.
	`CREATE TABLE viewers (
		session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		name       TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (session_id, name)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX viewers_by_name ON viewers (name);
	CREATE INDEX evaluators_by_name ON evaluators (name);`,

	// 6 → 7: trial and monitoring of a chosen vendor (engagements.go).
	engagementsMigration,
}

func init() {
	if len(migrations) != SchemaVersion {
		panic("db: SchemaVersion does not match the migrations")
	}
}

// migrate checks that the open database is ours and brings its schema to
// SchemaVersion and its cached scorecards to the current rules, all in one
// transaction, with a copy of an existing file kept beside it until that commits.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	copied := ""
	defer func() {
		if copied != "" {
			os.Remove(copied)
		}
	}()
	for {
		done, needCopy, err := upgrade(ctx, db, path, copied != "")
		if done || err != nil {
			return err
		}
		if !needCopy {
			return nil
		}
		// The copy is made outside the upgrade's transaction (VACUUM INTO cannot run
		// in one), and the upgrade then looks at the file again.
		if copied, err = copyBeside(ctx, db, path); err != nil {
			return err
		}
	}
}

// upgrade makes the upgrade in one transaction. Without a copy of a file that
// holds something, it makes none and asks for one (needCopy).
func upgrade(ctx context.Context, db *sql.DB, path string, haveCopy bool) (done, needCopy bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, false, openError(path, err)
	}
	defer tx.Rollback()
	var app, version, objects int
	if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return false, false, openError(path, err)
	}
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, false, openError(path, err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return false, false, openError(path, err)
	}
	// The header was checked before opening; this sees what a write-ahead log added.
	switch {
	case app != 0 && app != applicationID:
		return false, false, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it belongs to another application")}
	case app == 0 && (version != 0 || objects != 0):
		return false, false, &FileError{Path: path, Kind: ErrNotVendorvet, Err: errors.New("it holds another application's tables")}
	case version > SchemaVersion:
		return false, false, &FileError{Path: path, Kind: ErrNewerSchema, Schema: version}
	case version == 0 && objects != 0:
		return false, false, &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New("tables without a schema version")}
	}
	if version == SchemaVersion {
		var rules int
		if err := tx.QueryRowContext(ctx, "SELECT version FROM rules").Scan(&rules); err != nil {
			return false, false, openError(path, err)
		}
		if rules >= rubric.RulesVersion {
			return true, false, nil
		}
	}
	if objects != 0 && !haveCopy {
		return false, true, nil
	}
	for v := version; v < SchemaVersion; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return false, false, fmt.Errorf("upgrade %s to schema %d: %w", path, v+1, err)
		}
	}
	if version > 0 && version < 4 {
		if err := carryForwardAnswers(ctx, tx); err != nil {
			return false, false, fmt.Errorf("upgrade %s: carry answers forward: %w", path, err)
		}
	}
	// PRAGMA takes no bound parameters; both values are our own integers.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", applicationID, SchemaVersion)); err != nil {
		return false, false, fmt.Errorf("mark %s as a vendorvet database: %w", path, err)
	}
	if err := rescoreForRules(ctx, tx); err != nil {
		return false, false, fmt.Errorf("score %s under the new rules: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return false, false, fmt.Errorf("upgrade %s: %w", path, err)
	}
	return true, false, nil
}

// upgradeCopySuffix names the copy of a database kept beside it while it is upgraded.
const upgradeCopySuffix = ".before-upgrade"

// copyBeside writes a consistent copy of the database at path beside it, readable
// by its owner only, and returns its name. A copy left by an upgrade that did not
// finish is replaced: the file itself is still as it was before that upgrade.
func copyBeside(ctx context.Context, db *sql.DB, path string) (string, error) {
	name := path + upgradeCopySuffix
	f, err := tempfile.Create(name)
	if err != nil {
		return "", fmt.Errorf("keep a copy of %s before upgrading it: %w", path, err)
	}
	tmp := f.Name()
	defer f.Close()
	// An absolute path never starts with "file:", so SQLite takes it as a plain name.
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("keep a copy of %s before upgrading it: %w", path, err)
	}
	if err := syncFile(tmp); err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("keep a copy of %s before upgrading it: %w", path, err)
	}
	return name, nil
}

// carryForwardAnswers gives the answers to questions the first release asked and
// this one asks differently their new form (rubric.CarryForward), with their
// versions and times; where the new question is answered already, that answer stays.
// It runs once the schema is current, each answer staying its evaluator's.
func carryForwardAnswers(ctx context.Context, tx *sql.Tx) error {
	known := make([]any, len(rubric.Questions))
	for i, q := range rubric.Questions {
		known[i] = q.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT vendor_id, evaluator_id, question, value, version, updated_at FROM answers
		WHERE question NOT IN (`+strings.TrimSuffix(strings.Repeat("?,", len(known)), ",")+`)`, known...)
	if err != nil {
		return err
	}
	type carried struct {
		vendor, evaluator int64
		from, to          string
		value             []byte
		version, updated  int64
	}
	var all []carried
	for rows.Next() {
		var c carried
		var raw string
		if err := rows.Scan(&c.vendor, &c.evaluator, &c.from, &raw, &c.version, &c.updated); err != nil {
			rows.Close()
			return err
		}
		to, v, ok := rubric.CarryForward(c.from, json.RawMessage(raw))
		if !ok {
			continue
		}
		_, enc, err := prepareAnswer(to, &v)
		if err != nil || enc == nil {
			continue
		}
		c.to, c.value = to, enc
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range all {
		if _, err := tx.ExecContext(ctx, `INSERT INTO answers (vendor_id, evaluator_id, question, value, version, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (vendor_id, evaluator_id, question) DO NOTHING`,
			c.vendor, c.evaluator, c.to, string(c.value), c.version, c.updated); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM answers WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", c.vendor, c.evaluator, c.from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE places SET field = ? WHERE vendor_id = ? AND field = ?", c.to, c.vendor, c.from); err != nil {
			return err
		}
	}
	return nil
}

// cachedScore is a vendor's total and band as the store keeps them.
type cachedScore struct {
	total float64
	band  string
}

// cachedScores reads every vendor's cached total and band.
func cachedScores(ctx context.Context, tx *sql.Tx) (map[int64]cachedScore, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, total, band FROM vendors")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]cachedScore{}
	for rows.Next() {
		var id int64
		var c cachedScore
		if err := rows.Scan(&id, &c.total, &c.band); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// rescoreForRules scores every vendor again when the cached scorecards follow
// older rules, and keeps whose total or band moved for a screen to say.
func rescoreForRules(ctx context.Context, tx *sql.Tx) error {
	var rules int
	if err := tx.QueryRowContext(ctx, "SELECT version FROM rules").Scan(&rules); err != nil {
		return err
	}
	if rules >= rubric.RulesVersion {
		return nil
	}
	then, err := cachedScores(ctx, tx)
	if err != nil {
		return err
	}
	sessions, err := queryIDs(ctx, tx, "SELECT id FROM sessions")
	if err != nil {
		return err
	}
	for _, id := range sessions {
		if err := rescore(ctx, tx, id, 0); err != nil {
			return err
		}
	}
	now, err := cachedScores(ctx, tx)
	if err != nil {
		return err
	}
	var moved []int64
	for id, c := range now {
		if then[id] != c {
			moved = append(moved, id)
		}
	}
	slices.Sort(moved)
	for _, id := range moved {
		// A move told before and not yet read keeps where it started from.
		if _, err := tx.ExecContext(ctx, `INSERT INTO score_moves (vendor_id, total_then, band_then, total_now, band_now)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (vendor_id) DO UPDATE SET total_now = excluded.total_now, band_now = excluded.band_now`,
			id, then[id].total, then[id].band, now[id].total, now[id].band); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE rules SET version = ?", rubric.RulesVersion)
	return err
}
