package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"vendorvet/rubric"
)

// write runs fn in one IMMEDIATE transaction (the DSN's _txlock) and commits it;
// nothing is written when fn fails. It waits for a check of the file still
// running, so that nothing is written to a damaged one.
func (s *Store) write(ctx context.Context, what string, fn func(tx *sql.Tx, now int64) error) error {
	if s.writeErr != nil {
		return fmt.Errorf("%s: %w", what, s.writeErr)
	}
	if err := s.Checked(ctx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	now, err := stamp(ctx, tx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := fn(tx, now); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// read runs fn in a read transaction, so that it sees one consistent snapshot.
func (s *Store) read(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// stamp is the time of a write: now, but later than any session's last change, so
// that "last changed" orders writes exactly even within one millisecond or after the
// clock steps back. The write lock is held, so no other writer can take the same one.
func stamp(ctx context.Context, tx *sql.Tx) (int64, error) {
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(updated_at) FROM sessions").Scan(&last); err != nil {
		return 0, err
	}
	now := time.Now().UnixMilli()
	if last.Valid && now <= last.Int64 {
		now = last.Int64 + 1
	}
	return now, nil
}

// touchSession marks a session changed; ErrNotFound when it does not exist.
func touchSession(ctx context.Context, tx *sql.Tx, sessionID, now int64) error {
	res, err := tx.ExecContext(ctx, "UPDATE sessions SET updated_at = ? WHERE id = ?", now, sessionID)
	if err != nil {
		return err
	}
	return mustAffect(res, "session", sessionID)
}

func mustAffect(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// vendorSession returns the session of a vendor; ErrNotFound when there is none.
func vendorSession(ctx context.Context, tx *sql.Tx, vendorID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT session_id FROM vendors WHERE id = ?", vendorID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("vendor %d: %w", vendorID, ErrNotFound)
	}
	return id, err
}

// scoringInputs reads what a session's vendors are scored against.
func scoringInputs(ctx context.Context, tx *sql.Tx, sessionID int64) (rubric.Requirements, rubric.Profile, error) {
	var reqJSON, profJSON string
	err := tx.QueryRowContext(ctx, "SELECT requirements, profile FROM sessions WHERE id = ?", sessionID).Scan(&reqJSON, &profJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return rubric.Requirements{}, rubric.Profile{}, fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
	}
	if err != nil {
		return rubric.Requirements{}, rubric.Profile{}, err
	}
	req, err := decodeRequirements(reqJSON)
	if err != nil {
		return req, rubric.Profile{}, fmt.Errorf("session %d: %w", sessionID, err)
	}
	prof, err := decodeProfile(profJSON)
	if err != nil {
		return req, prof, fmt.Errorf("session %d: %w", sessionID, err)
	}
	return req, prof, nil
}

// rescore recomputes and caches the scorecard of one vendor of a session, or of all
// of them when vendorID is 0: the panel's consensus, scored with the evidence it
// has (vendorPanel.card). It runs inside the write that changed their inputs.
func rescore(ctx context.Context, tx *sql.Tx, sessionID, vendorID int64) error {
	req, prof, err := scoringInputs(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	// One vendor is one the caller has just found or made in this transaction.
	ids := []int64{vendorID}
	if vendorID == 0 {
		if ids, err = queryIDs(ctx, tx, "SELECT id FROM vendors WHERE session_id = ?", sessionID); err != nil || len(ids) == 0 {
			return err
		}
	}
	panels, err := loadVendorPanels(ctx, tx, vendorScope{sessionID: sessionID, vendorID: vendorID})
	if err != nil {
		return err
	}
	for _, id := range ids {
		p := panels[id]
		if p == nil {
			// Nobody has answered, decided or submitted anything of it.
			p = newVendorPanel(nil, "")
		}
		if err := cacheScore(ctx, tx, id, p.card(req, prof)); err != nil {
			return err
		}
	}
	return nil
}

func cacheScore(ctx context.Context, tx *sql.Tx, vendorID int64, card rubric.Scorecard) error {
	_, err := tx.ExecContext(ctx, "UPDATE vendors SET total = ?, band = ?, answered = ?, applicable = ? WHERE id = ?",
		card.Total, string(card.Band), card.Answered, card.Applicable, vendorID)
	return err
}

func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
