package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"vendorvet/rubric"
)

// Every change to an answer, a note, evidence or a decision, and every submission,
// is kept in its vendor's history, written in the transaction that makes it, with
// who made it and what was stored before and after.

// AuditKind is what a row of a vendor's history is about.
type AuditKind string

const (
	// AuditAnswer: an answer; Before and After are its stored JSON.
	AuditAnswer AuditKind = "answer"
	// AuditNote: a step's notes; Before and After are the text. A note saved as it
	// is typed is one row from the text before to the last saved (extendNote).
	AuditNote AuditKind = "note"
	// AuditEvidence: a question's evidence; Before and After are JSON with source,
	// seen, link and valid_until, as the session format names them.
	AuditEvidence AuditKind = "evidence"
	// AuditDecision: a lead's decision; Before and After are JSON with the value
	// (null: decided unknown) and the reason.
	AuditDecision AuditKind = "decision"
	// AuditSubmit: a submission; After is "submitted".
	AuditSubmit AuditKind = "submit"
)

// AuditEntry is one change in a vendor's history.
type AuditEntry struct {
	ID int64
	// Evaluator is who made the change, by the name they had then.
	Evaluator string
	Kind      AuditKind
	// Key is the question's id, the step of a note ("2" to "7"), or "" for a
	// submission.
	Key string
	// Before and After are what was stored; nil when there was nothing (no answer,
	// no note, no evidence, no decision, not submitted).
	Before, After *string
	At            time.Time
}

// change is one change of a vendor as its history row holds it.
type change struct {
	sessionID, vendorID int64
	evaluator           string
	kind                AuditKind
	key                 string
	before, after       *string
}

// record writes a change into the vendor's history, in the transaction that makes
// it. A write that changes nothing leaves no row, and a note saved again as it is
// typed extends the row of its last save (extendNote).
func record(ctx context.Context, tx *sql.Tx, c change, now int64) error {
	if sameText(c.before, c.after) {
		return nil
	}
	if c.kind == AuditNote {
		if extended, err := extendNote(ctx, tx, c, now); extended || err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit (session_id, vendor_id, evaluator, kind, key, before, after, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.sessionID, c.vendorID, c.evaluator, string(c.kind), c.key, c.before, c.after, now)
	return err
}

// sameText reports whether two stored values are the same, none being the same as none.
func sameText(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// noteBurst is how long after a note's last save another save of it by the same
// evaluator still extends the history row that save wrote. A note is saved as it
// is typed, every few keystrokes; a row for each save, each holding the whole text
// twice, would grow the history of a page typed with the square of its length. A
// longer pause, or any other change to the vendor meanwhile, starts a new row.
const noteBurst = 5 * time.Minute

// extendNote makes a note's change part of the vendor's last history row when that
// row is the same evaluator's change to the same note within noteBurst: the row
// keeps the text from before the first save and takes this one's. A note typed and
// then taken back to what it was leaves no row. It reports whether it did. One
// statement finds and extends the row, as a note is saved every few keystrokes
// and every statement keeps another window's write waiting.
func extendNote(ctx context.Context, tx *sql.Tx, c change, now int64) (bool, error) {
	var id int64
	var before sql.NullString
	err := tx.QueryRowContext(ctx, `UPDATE audit SET after = ?, at = ?
		WHERE id = (SELECT max(id) FROM audit WHERE vendor_id = ?) AND evaluator = ? AND kind = ? AND key = ? AND at >= ?
		RETURNING id, before`, c.after, now, c.vendorID, c.evaluator, string(c.kind), c.key, now-noteBurst.Milliseconds()).Scan(&id, &before)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var first *string
	if before.Valid {
		first = &before.String
	}
	if sameText(first, c.after) {
		_, err = tx.ExecContext(ctx, "DELETE FROM audit WHERE id = ?", id)
	}
	return true, err
}

// storedText is stored bytes as a history row holds them; nil for none.
func storedText(b []byte) *string {
	if b == nil {
		return nil
	}
	s := string(b)
	return &s
}

// historyJSON is v in JSON as a history row holds it: text as it was written, a
// link's & and a reason's < > not escaped as they would be for a web page.
func historyJSON(v any) (*string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	text := strings.TrimSuffix(b.String(), "\n")
	return &text, nil
}

// stepKey is a note's step as its history rows name it.
func stepKey(step int) string { return strconv.Itoa(step) }

// Audit is a vendor's history, oldest first: every change to an answer, a note,
// evidence or a decision, and every submission, since the session was created or
// imported (or since the upgrade to schema 5), whoever made it.
func (s *Store) Audit(ctx context.Context, vendorID int64) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.read(ctx, "read history", func(tx *sql.Tx) error {
		if _, err := vendorSession(ctx, tx, vendorID); err != nil {
			return err
		}
		if err := s.seesVendor(ctx, tx, vendorID); err != nil {
			return err
		}
		// Rows are numbered as they are written, within the write lock.
		rows, err := tx.QueryContext(ctx, "SELECT id, evaluator, kind, key, before, after, at FROM audit WHERE vendor_id = ? ORDER BY id", vendorID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e AuditEntry
			var kind string
			var before, after sql.NullString
			var at int64
			if err := rows.Scan(&e.ID, &e.Evaluator, &kind, &e.Key, &before, &after, &at); err != nil {
				return err
			}
			e.Kind, e.At = AuditKind(kind), fromMillis(at)
			if before.Valid {
				e.Before = &before.String
			}
			if after.Valid {
				e.After = &after.String
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// Change is the entry as the session file keeps a vendor's history.
func (e AuditEntry) Change() rubric.Change {
	return rubric.Change{At: e.At.UnixMilli(), Evaluator: e.Evaluator, Kind: string(e.Kind), Key: e.Key, Before: e.Before, After: e.After}
}

// WithHistory is the session as s.Rubric() gives it, each vendor with its history:
// what a JSON export carries.
func (st *Store) WithHistory(ctx context.Context, s *Session) (rubric.Session, error) {
	out := s.Rubric()
	for i := range s.Vendors {
		entries, err := st.Audit(ctx, s.Vendors[i].ID)
		if err != nil {
			return out, err
		}
		out.Vendors[i].History = make([]rubric.Change, len(entries))
		for j, e := range entries {
			out.Vendors[i].History[j] = e.Change()
		}
	}
	return out, nil
}
