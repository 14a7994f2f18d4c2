package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// On a team server each person sees only the sessions whose panel they are on,
// and a session's own changes (its panel, blind review, weights, name, vendors'
// removal, its deletion) are its leads'. A store opened for one person there is
// confined so (MembersOnly); a store of one's own, on one's own machine, is not.

// The refusals of a confined store; test them with errors.Is. Nothing was written.
var (
	// ErrLeadOnly: a change to a session that only a lead of its panel may make.
	ErrLeadOnly = errors.New("only a lead of the session's panel may do that")
	// ErrMayNotStart: a new session by someone who may only join panels.
	ErrMayNotStart = errors.New("this person may join panels but not start sessions")
)

// MembersOnly confines the store to the sessions on whose panel the person it acts
// as (ActAs) is, as an evaluator, a lead or a viewer: ListSessions and
// CountSessions give only those, and reading or writing any other session or its
// vendors fails with ErrNotFound, as if there were none. Writing no longer puts
// the person on a panel; a viewer may only read; the session-wide changes are a
// lead's (ErrLeadOnly). A session they start or import has them as its lead,
// and starting one at all needs mayStart (else ErrMayNotStart). Like ViewOnly it
// is called before the store is handed to anything, after ActAs.
func (s *Store) MembersOnly(mayStart bool) {
	s.membersOnly = true
	s.mayStart = mayStart
}

// seesSession refuses, with ErrNotFound, a session a confined store's person is
// not on the panel of, as a member or a viewer.
func (s *Store) seesSession(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	if !s.membersOnly {
		return nil
	}
	on, err := named(ctx, tx, sessionID, s.actingName())
	if err != nil {
		return err
	}
	if !on {
		return fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
	}
	return nil
}

// admitting checks, before someone joins a session's panel or its viewers, that a
// lead is adding them and that the name is not there already, and marks the
// session changed.
func (s *Store) admitting(ctx context.Context, tx *sql.Tx, sessionID int64, name string, now int64) error {
	if err := s.mayChange(ctx, tx, sessionID, true); err != nil {
		return err
	}
	if err := touchSession(ctx, tx, sessionID, now); err != nil {
		return err
	}
	taken, err := named(ctx, tx, sessionID, name)
	if err != nil {
		return err
	}
	if taken {
		return duplicateEvaluator(name)
	}
	return nil
}

// named reports whether name is on a session's panel or among its viewers.
func named(ctx context.Context, tx *sql.Tx, sessionID int64, name string) (bool, error) {
	var on bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM evaluators WHERE session_id = ?1 AND name = ?2)
		OR EXISTS (SELECT 1 FROM viewers WHERE session_id = ?1 AND name = ?2)`, sessionID, name).Scan(&on)
	return on, err
}

// seesVendor is seesSession for a vendor's session.
func (s *Store) seesVendor(ctx context.Context, tx *sql.Tx, vendorID int64) error {
	if !s.membersOnly {
		return nil
	}
	sessionID, err := vendorSession(ctx, tx, vendorID)
	if err != nil {
		return err
	}
	if err := s.seesSession(ctx, tx, sessionID); err != nil {
		return fmt.Errorf("vendor %d: %w", vendorID, ErrNotFound)
	}
	return nil
}

// mayChange refuses a change to a session by a confined store's person who is not
// on its panel (ErrNotFound), or, for a session-wide change (leadOnly), who is
// not a lead of it (ErrLeadOnly).
func (s *Store) mayChange(ctx context.Context, tx *sql.Tx, sessionID int64, leadOnly bool) error {
	if !s.membersOnly {
		return nil
	}
	var role string
	err := tx.QueryRowContext(ctx, "SELECT role FROM evaluators WHERE session_id = ? AND name = ?", sessionID, s.actingName()).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return s.offPanel(ctx, tx, sessionID)
	}
	if err != nil {
		return err
	}
	if leadOnly && role != "lead" {
		return ErrLeadOnly
	}
	return nil
}

// offPanel is why a confined store's person, who is not on a session's panel,
// may not change it: ErrViewOnly for one of its viewers, who sees it, else
// ErrNotFound, as the session is not theirs to see.
func (s *Store) offPanel(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	viewer, err := named(ctx, tx, sessionID, s.actingName())
	switch {
	case err != nil:
		return err
	case viewer:
		return ErrViewOnly
	}
	return fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
}

// mayChangeVendor is mayChange for a vendor's session.
func (s *Store) mayChangeVendor(ctx context.Context, tx *sql.Tx, vendorID int64, leadOnly bool) error {
	if !s.membersOnly {
		return nil
	}
	sessionID, err := vendorSession(ctx, tx, vendorID)
	if err != nil {
		return err
	}
	return s.mayChange(ctx, tx, sessionID, leadOnly)
}

// visibleClause is the condition, on a table of sessions with an id column, that
// keeps the sessions a confined store's person sees, with its argument; "" when
// the store sees every session.
func (s *Store) visibleClause() (string, []any) {
	if !s.membersOnly {
		return "", nil
	}
	name := s.actingName()
	return "id IN (SELECT session_id FROM evaluators WHERE name = ? UNION SELECT session_id FROM viewers WHERE name = ?)", []any{name, name}
}

// AddViewer lets someone read a session, its vendors and reports, without being on
// its panel: they answer nothing, count in no consensus and, on a team server,
// may only look. A name that is empty, too long or already a member or viewer of
// the session is refused with an *EvaluatorError.
func (s *Store) AddViewer(ctx context.Context, sessionID int64, name string) error {
	name, err := evaluatorName(name)
	if err != nil {
		return fmt.Errorf("add viewer: %w", err)
	}
	return s.write(ctx, "add viewer", func(tx *sql.Tx, now int64) error {
		if err := s.admitting(ctx, tx, sessionID, name, now); err != nil {
			return err
		}
		return insertViewer(ctx, tx, sessionID, name, now)
	})
}

// insertViewer adds a viewer, whose name the caller has checked, to a session.
func insertViewer(ctx context.Context, tx *sql.Tx, sessionID int64, name string, now int64) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO viewers (session_id, name, created_at) VALUES (?, ?, ?)", sessionID, name, now)
	return err
}

// loadViewers is a session's viewers, in the order they were added.
func loadViewers(ctx context.Context, tx *sql.Tx, sessionID int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM viewers WHERE session_id = ? ORDER BY created_at, name", sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// leadToo makes name a lead of a session's panel: added when not on it, made a
// lead when an evaluator, and left as is when a lead already.
func leadToo(ctx context.Context, tx *sql.Tx, sessionID int64, name string, now int64) error {
	if _, err := tx.ExecContext(ctx, "UPDATE evaluators SET role = 'lead' WHERE session_id = ? AND name = ?", sessionID, name); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO evaluators (session_id, name, role, created_at) VALUES (?, ?, 'lead', ?)
		ON CONFLICT (session_id, name) DO NOTHING`, sessionID, name, now)
	return err
}
