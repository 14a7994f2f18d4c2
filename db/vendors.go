package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// AddVendor adds a vendor at the end of a session's list and returns its id. A
// session that already has rubric.MaxVendors vendors refuses with ErrTooManyVendors,
// a name the session already has with ErrDuplicateVendor.
func (s *Store) AddVendor(ctx context.Context, sessionID int64, name, contact string) (int64, error) {
	name, contact = clean.Line(name), clean.Line(contact)
	var id int64
	err := s.write(ctx, "add vendor", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, sessionID, false); err != nil {
			return err
		}
		if err := touchSession(ctx, tx, sessionID, now); err != nil {
			return err
		}
		// One pass over the session's vendors, never more than MaxVendors of them.
		var count, last, sameName int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(position), 0), count(*) FILTER (WHERE name = ?)
			FROM vendors WHERE session_id = ?`, name, sessionID).Scan(&count, &last, &sameName); err != nil {
			return err
		}
		switch {
		case count >= rubric.MaxVendors:
			return tooManyVendors(sessionID)
		case sameName > 0:
			return fmt.Errorf("vendor %q: %w", name, ErrDuplicateVendor)
		}
		var err error
		id, err = insertVendor(ctx, tx, sessionID, last+1, name, contact, now)
		if err != nil {
			return err
		}
		return rescore(ctx, tx, sessionID, id)
	})
	return id, err
}

// uniqueName refuses a name another vendor of the session already has.
func uniqueName(ctx context.Context, tx *sql.Tx, sessionID, vendorID int64, name string) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM vendors WHERE session_id = ? AND name = ? AND id != ?",
		sessionID, name, vendorID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("vendor %q: %w", name, ErrDuplicateVendor)
	}
	return nil
}

// insertVendorSQL adds a vendor: session, position, name, contact, the last answer
// version handed out, created and updated.
const insertVendorSQL = `INSERT INTO vendors (session_id, position, name, contact, answer_seq, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

// insertVendor inserts a vendor with no answers at position; the caller has checked
// its name and the session's size.
func insertVendor(ctx context.Context, tx *sql.Tx, sessionID, position int64, name, contact string, now int64) (int64, error) {
	res, err := tx.ExecContext(ctx, insertVendorSQL, sessionID, position, name, contact, 0, now, now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// UpdateVendor renames a vendor or changes its contact.
func (s *Store) UpdateVendor(ctx context.Context, vendorID int64, name, contact string) error {
	name, contact = clean.Line(name), clean.Line(contact)
	return s.write(ctx, "update vendor", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, false); err != nil {
			return err
		}
		var sessionID int64
		err := tx.QueryRowContext(ctx, "UPDATE vendors SET name = ?, contact = ?, updated_at = ? WHERE id = ? RETURNING session_id",
			name, contact, now, vendorID).Scan(&sessionID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("vendor %d: %w", vendorID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		// Checked after the update, inside the same transaction: a clash rolls it back.
		if err := uniqueName(ctx, tx, sessionID, vendorID, name); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// RemoveVendor deletes a vendor with its answers and notes.
func (s *Store) RemoveVendor(ctx context.Context, vendorID int64) error {
	return s.write(ctx, "remove vendor", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, true); err != nil {
			return err
		}
		var sessionID int64
		err := tx.QueryRowContext(ctx, "DELETE FROM vendors WHERE id = ? RETURNING session_id", vendorID).Scan(&sessionID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("vendor %d: %w", vendorID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// SaveAnswer stores one answer of a vendor, the acting evaluator's, and re-scores
// the vendor; v == nil makes the answer unknown. baseVersion is the version the
// caller last saw (0: none). When the stored version differs, someone else changed
// the answer meanwhile: nothing is written and a *ConflictError carries the stored
// value, unless the stored value is already v. Another evaluator's answer to the
// same question is theirs and never a conflict. It returns the answer's new version
// (0 once it is unknown).
func (s *Store) SaveAnswer(ctx context.Context, vendorID int64, questionID string, v *rubric.Value, baseVersion int64) (int64, error) {
	q, encoded, err := prepareAnswer(questionID, v)
	if err != nil {
		return 0, fmt.Errorf("save answer: %w", err)
	}
	var newVersion int64
	err = s.write(ctx, "save answer", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		stored, version, err := storedAnswer(ctx, tx, vendorID, who.id, q.ID)
		if err != nil {
			return err
		}
		if version != baseVersion {
			if bytes.Equal(stored, encoded) {
				// Both sides want the same value: nothing to tell, nothing to write.
				newVersion = version
				return nil
			}
			c := &ConflictError{VendorID: vendorID, Question: q.ID, Version: version}
			if stored != nil {
				if cur, ok := decodeAnswer(q.ID, string(stored)); ok {
					c.Current = &cur
				}
			}
			return c
		}
		if encoded == nil {
			newVersion = 0
			if _, err := tx.ExecContext(ctx, "DELETE FROM answers WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", vendorID, who.id, q.ID); err != nil {
				return err
			}
		} else {
			// Versions come from a per-vendor sequence, shared by the panel, so an
			// answer deleted and given again never reuses a version an older copy
			// could still hold.
			if err := tx.QueryRowContext(ctx, "UPDATE vendors SET answer_seq = answer_seq + 1 WHERE id = ? RETURNING answer_seq", vendorID).
				Scan(&newVersion); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO answers (vendor_id, evaluator_id, question, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (vendor_id, evaluator_id, question) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at`,
				vendorID, who.id, q.ID, string(encoded), newVersion, now); err != nil {
				return err
			}
			// A valid answer replaces whatever half-typed text was kept for it; an
			// answer made unknown does not, since text that does not read as a number
			// yet is unknown with its draft kept.
			if _, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", vendorID, who.id, q.ID); err != nil {
				return err
			}
		}
		if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditAnswer, q.ID, storedText(stored), storedText(encoded)}, now); err != nil {
			return err
		}
		if err := vendorChanged(ctx, tx, sessionID, vendorID, now); err != nil {
			return err
		}
		return rescore(ctx, tx, sessionID, vendorID)
	})
	if err != nil {
		return 0, err
	}
	return newVersion, nil
}

// storedAnswer returns an evaluator's answer's JSON and version; nil and 0 when
// there is none.
func storedAnswer(ctx context.Context, tx *sql.Tx, vendorID, evaluatorID int64, questionID string) ([]byte, int64, error) {
	var raw string
	var version int64
	err := tx.QueryRowContext(ctx, "SELECT value, version FROM answers WHERE vendor_id = ? AND evaluator_id = ? AND question = ?",
		vendorID, evaluatorID, questionID).Scan(&raw, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	return []byte(raw), version, nil
}

// Answer reloads one of the acting evaluator's answers to a vendor with its
// version; nil and 0 when unknown.
func (s *Store) Answer(ctx context.Context, vendorID int64, questionID string) (*rubric.Value, int64, error) {
	q, ok := rubric.QuestionByID(questionID)
	if !ok {
		return nil, 0, fmt.Errorf("load answer: unknown question %q", questionID)
	}
	var value *rubric.Value
	var version int64
	err := s.read(ctx, "load answer", func(tx *sql.Tx) error {
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		who, err := s.reader(ctx, tx, sessionID)
		if err != nil || who.id == 0 {
			return err
		}
		raw, ver, err := storedAnswer(ctx, tx, vendorID, who.id, q.ID)
		if err != nil || raw == nil {
			return err
		}
		version = ver
		if v, ok := decodeAnswer(q.ID, string(raw)); ok {
			value = &v
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return value, version, nil
}

// ChangeNote changes the acting evaluator's notes of one step of a vendor from the
// text the caller last saw (from) to text. When the stored text is neither, someone
// else changed the note meanwhile: nothing is written and a *NoteConflictError
// carries the stored text. Texts are compared as they are stored, after cleaning,
// so no version is needed: a note changed and changed back is the note the caller
// saw.
func (s *Store) ChangeNote(ctx context.Context, vendorID int64, step int, from, text string) error {
	if err := checkStep(step); err != nil {
		return fmt.Errorf("save note: %w", err)
	}
	from, text = clean.Text(from), clean.Text(text)
	return s.write(ctx, "save note", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		stored, err := storedNote(ctx, tx, vendorID, who.id, step)
		if err != nil {
			return err
		}
		switch stored {
		case text:
			// Both sides want the same text: nothing to tell, nothing to write.
			return nil
		case from:
			return putNote(ctx, tx, sessionID, vendorID, who, step, stored, text, now)
		}
		return &NoteConflictError{VendorID: vendorID, Step: step, Current: stored}
	})
}

// storedNote returns an evaluator's notes of a vendor's step, "" when there are none.
func storedNote(ctx context.Context, tx *sql.Tx, vendorID, evaluatorID int64, step int) (string, error) {
	var text string
	err := tx.QueryRowContext(ctx, "SELECT text FROM notes WHERE vendor_id = ? AND evaluator_id = ? AND step = ?", vendorID, evaluatorID, step).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return text, err
}

// putNote writes an evaluator's notes of a step in place of before (empty text
// removes them) and marks the vendor and its session changed.
func putNote(ctx context.Context, tx *sql.Tx, sessionID, vendorID int64, who actor, step int, before, text string, now int64) error {
	var err error
	if text == "" {
		_, err = tx.ExecContext(ctx, "DELETE FROM notes WHERE vendor_id = ? AND evaluator_id = ? AND step = ?", vendorID, who.id, step)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO notes (vendor_id, evaluator_id, step, text, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, evaluator_id, step) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			vendorID, who.id, step, text, now)
	}
	if err != nil {
		return err
	}
	if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditNote, stepKey(step), noteText(before), noteText(text)}, now); err != nil {
		return err
	}
	return vendorChanged(ctx, tx, sessionID, vendorID, now)
}

// noteText is a note as its history rows hold it: an empty note is none.
func noteText(text string) *string {
	if text == "" {
		return nil
	}
	return &text
}
