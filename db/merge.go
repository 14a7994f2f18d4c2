package db

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"vendorvet/rubric"
)

// A panel without a shared machine: an evaluator answers on a copy of the session
// (an export, imported elsewhere) and the lead merges the copy back. The merge adds
// or updates that one evaluator's answers and nobody else's, in one transaction,
// and merging the same copy again changes nothing.
//
// When the evaluator changed an answer both in the copy and here, the later change
// wins, by the times in the two histories; the copy's changes are added to the
// history either way, so that a value that lost is still there to read.

// MergeVendor is one vendor of a copy, matched to a stored vendor.
type MergeVendor struct {
	VendorID int64
	// Answers are the merging evaluator's answers in the copy; unknown answers are
	// absent and clear nothing.
	Answers rubric.Answers
	// History is the copy's history of the vendor; nil for a copy without one,
	// whose answers are then taken as the newest.
	History []rubric.Change
}

// MergeResult counts what a merge did with the copy's answers.
type MergeResult struct {
	// Written were new or newer than the stored ones; Same were stored already;
	// Kept lost to a later change here, which stays.
	Written, Same, Kept int
	// Recorded are the copy's changes added to the history.
	Recorded int
}

// MergeError is a copy the store refuses to merge: it holds changes by another
// evaluator that are not here. Nothing is written.
type MergeError struct {
	Evaluator, Question string
	Message             rubric.Text
}

func (e *MergeError) Error() string { return "merge: " + e.Message.EN }

// Unwrap gives the message as a *rubric.FieldError, as the store's other refusals.
func (e *MergeError) Unwrap() error { return &rubric.FieldError{Field: e.Question, Message: e.Message} }

// Merge adds or updates the evaluator name's answers to the session's vendors from
// a copy: name joins the panel if new. A copy whose history shows changes by
// someone else that are not in this store's history would change another
// evaluator's answers, and is refused with a *MergeError.
func (s *Store) Merge(ctx context.Context, sessionID int64, name string, vendors []MergeVendor) (MergeResult, error) {
	name, err := evaluatorName(name)
	if err != nil {
		return MergeResult{}, fmt.Errorf("merge: %w", err)
	}
	encoded := make([]map[string][]byte, len(vendors))
	for i, v := range vendors {
		encoded[i] = map[string][]byte{}
		for id, val := range v.Answers {
			val := val
			q, raw, err := prepareAnswer(id, &val)
			if err != nil {
				return MergeResult{}, fmt.Errorf("merge: vendor %d: %w", v.VendorID, err)
			}
			encoded[i][q.ID] = raw
		}
	}
	var res MergeResult
	err = s.write(ctx, "merge", func(tx *sql.Tx, now int64) error {
		res = MergeResult{}
		// Someone else's copy is a lead's to bring in.
		if err := s.mayChange(ctx, tx, sessionID, name != s.actingName()); err != nil {
			return err
		}
		who, err := mergingEvaluator(ctx, tx, sessionID, name, now)
		if err != nil {
			return err
		}
		for i, v := range vendors {
			if err := mergeVendor(ctx, tx, sessionID, who, v, encoded[i], now, &res); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// mergingEvaluator is name on the session's panel, added as an evaluator if new.
func mergingEvaluator(ctx context.Context, tx *sql.Tx, sessionID int64, name string, now int64) (actor, error) {
	a := actor{name: name}
	err := tx.QueryRowContext(ctx, "SELECT id, role FROM evaluators WHERE session_id = ? AND name = ?", sessionID, name).Scan(&a.id, &a.role)
	if err == sql.ErrNoRows {
		var exists int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE id = ?", sessionID).Scan(&exists); err != nil {
			return a, err
		}
		if exists == 0 {
			return a, fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
		}
		a.role = rubric.Member
		a.id, err = insertEvaluator(ctx, tx, sessionID, name, a.role, now)
	}
	return a, err
}

// historyRow is a row of a vendor's history as a merge compares it.
type historyRow struct {
	evaluator, kind, key string
	after                *string
	at                   int64
}

func mergeVendor(ctx context.Context, tx *sql.Tx, sessionID int64, who actor, v MergeVendor, answers map[string][]byte, now int64, res *MergeResult) error {
	var owner int64
	err := tx.QueryRowContext(ctx, "SELECT session_id FROM vendors WHERE id = ?", v.VendorID).Scan(&owner)
	if err == sql.ErrNoRows || err == nil && owner != sessionID {
		return fmt.Errorf("vendor %d of session %d: %w", v.VendorID, sessionID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	here, err := loadHistoryRows(ctx, tx, v.VendorID)
	if err != nil {
		return err
	}
	// The copy may bring its evaluator's changes only.
	for _, c := range v.History {
		if c.Evaluator != who.name && !slices.ContainsFunc(here, sameChange(c)) {
			return &MergeError{Evaluator: c.Evaluator, Question: c.Key, Message: rubric.Text{
				ZH: fmt.Sprintf("文件中有 %s 的修改(%s)是本库没有的:合并只能写入 %s 自己的回答,未写入任何内容", c.Evaluator, c.Key, who.name),
				EN: fmt.Sprintf("the file holds a change by %s (%s) this store does not have: a merge writes %s's own answers only; nothing was written", c.Evaluator, c.Key, who.name),
			}}
		}
	}

	changed := false
	for _, q := range rubric.Questions { // in the catalogue's order: versions do not follow map order
		raw, ok := answers[q.ID]
		if !ok {
			continue
		}
		stored, _, err := storedAnswer(ctx, tx, v.VendorID, who.id, q.ID)
		if err != nil {
			return err
		}
		switch {
		case bytes.Equal(stored, raw):
			res.Same++
			continue
		case stored != nil && !copyIsNewer(v.History, here, who.name, q.ID):
			res.Kept++
			continue
		}
		var version int64
		if err := tx.QueryRowContext(ctx, "UPDATE vendors SET answer_seq = answer_seq + 1 WHERE id = ? RETURNING answer_seq", v.VendorID).
			Scan(&version); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO answers (vendor_id, evaluator_id, question, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, evaluator_id, question) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at`,
			v.VendorID, who.id, q.ID, string(raw), version, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", v.VendorID, who.id, q.ID); err != nil {
			return err
		}
		if err := record(ctx, tx, change{sessionID, v.VendorID, who.name, AuditAnswer, q.ID, storedText(stored), storedText(raw)}, now); err != nil {
			return err
		}
		res.Written++
		changed = true
	}

	// The copy's own history comes along, a value that lost included.
	for _, c := range v.History {
		if slices.ContainsFunc(here, sameChange(c)) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit (session_id, vendor_id, evaluator, kind, key, before, after, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, sessionID, v.VendorID, c.Evaluator, c.Kind, c.Key, c.Before, c.After, c.At); err != nil {
			return err
		}
		here = append(here, historyRow{c.Evaluator, c.Kind, c.Key, c.After, c.At})
		res.Recorded++
	}
	if !changed {
		return nil
	}
	if err := vendorChanged(ctx, tx, sessionID, v.VendorID, now); err != nil {
		return err
	}
	return rescore(ctx, tx, sessionID, v.VendorID)
}

// copyIsNewer reports whether the evaluator's last change of an answer in the copy
// came after their last change of it here. A copy without a history is all there
// is to go by, and is taken as the newer; a copy with one that never changed the
// answer holds it as it was when the copy was made, and is not.
func copyIsNewer(copied []rubric.Change, here []historyRow, name, question string) bool {
	if copied == nil {
		return true
	}
	last := func(at int64, evaluator, kind, key string, latest *int64) {
		if evaluator == name && kind == string(AuditAnswer) && key == question && at > *latest {
			*latest = at
		}
	}
	var inCopy, inStore int64 = -1, -1
	for _, c := range copied {
		last(c.At, c.Evaluator, c.Kind, c.Key, &inCopy)
	}
	for _, h := range here {
		last(h.at, h.evaluator, h.kind, h.key, &inStore)
	}
	return inCopy > inStore
}

// sameChange matches a copy's change with a row of this store's history.
func sameChange(c rubric.Change) func(historyRow) bool {
	return func(h historyRow) bool {
		return h.at == c.At && h.evaluator == c.Evaluator && h.kind == c.Kind && h.key == c.Key && sameText(h.after, c.After)
	}
}

func loadHistoryRows(ctx context.Context, tx *sql.Tx, vendorID int64) ([]historyRow, error) {
	rows, err := tx.QueryContext(ctx, "SELECT evaluator, kind, key, after, at FROM audit WHERE vendor_id = ?", vendorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []historyRow
	for rows.Next() {
		var h historyRow
		var after sql.NullString
		if err := rows.Scan(&h.evaluator, &h.kind, &h.key, &after, &h.at); err != nil {
			return nil, err
		}
		if after.Valid {
			h.after = &after.String
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
