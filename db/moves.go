package db

import (
	"context"
	"database/sql"

	"vendorvet/rubric"
)

// ScoreMove is a vendor whose total or band moved when the store was scored again
// under new rules (rubric.RulesVersion), not yet said.
type ScoreMove struct {
	SessionID int64
	Session   string // the session's title
	VendorID  int64
	Vendor    string
	TotalThen float64
	BandThen  rubric.Band
	TotalNow  float64
	BandNow   rubric.Band
}

// ScoreMoves lists the moves not yet said, by session and vendor. It runs at every
// start: CROSS JOIN makes SQLite start from the moves, almost always none, instead
// of every vendor of years of sessions.
func (s *Store) ScoreMoves(ctx context.Context) ([]ScoreMove, error) {
	var out []ScoreMove
	visible, args := s.visibleClause()
	if visible != "" {
		visible = "WHERE s." + visible
	}
	err := s.read(ctx, "list score moves", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT v.session_id, s.title, v.id, v.name, m.total_then, m.band_then, m.total_now, m.band_now
			FROM score_moves m CROSS JOIN vendors v ON v.id = m.vendor_id CROSS JOIN sessions s ON s.id = v.session_id
			`+visible+` ORDER BY s.updated_at DESC, s.id, v.position, v.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m ScoreMove
			var then, now string
			if err := rows.Scan(&m.SessionID, &m.Session, &m.VendorID, &m.Vendor, &m.TotalThen, &then, &m.TotalNow, &now); err != nil {
				return err
			}
			m.BandThen, m.BandNow = rubric.Band(then), rubric.Band(now)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// ForgetScoreMoves forgets the moves once they have been said: those of the
// sessions the store's person sees (MembersOnly), the others' to be said to them.
func (s *Store) ForgetScoreMoves(ctx context.Context) error {
	query, args := "DELETE FROM score_moves", []any(nil)
	if visible, vargs := s.visibleClause(); visible != "" {
		query += " WHERE vendor_id IN (SELECT v.id FROM vendors v JOIN sessions s ON s.id = v.session_id WHERE s." + visible + ")"
		args = vargs
	}
	return s.write(ctx, "forget score moves", func(tx *sql.Tx, _ int64) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	})
}
