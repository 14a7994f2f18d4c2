package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// FollowupError is a follow-up the store refuses: an unknown question, no owner, or
// a day that does not read.
type FollowupError struct {
	Question string
	Message  rubric.Text
}

func (e *FollowupError) Error() string { return "follow-up of " + e.Question + ": " + e.Message.EN }

// checkFollowup cleans a follow-up and checks what the store keeps.
func checkFollowup(question string, f rubric.Followup) (rubric.Followup, error) {
	if _, ok := rubric.QuestionByID(question); !ok {
		return f, &FollowupError{question, rubric.Text{ZH: "没有这个问题", EN: "no such question"}}
	}
	f.Owner = strings.TrimSpace(clean.Line(f.Owner))
	if f.Owner == "" {
		return f, &FollowupError{question, rubric.Text{ZH: "请写明由谁跟进", EN: "say who follows it up"}}
	}
	if _, err := time.Parse("2006-01-02", f.Due); err != nil {
		return f, &FollowupError{question, rubric.Text{ZH: "到期日须为 YYYY-MM-DD", EN: "the day due must be YYYY-MM-DD"}}
	}
	return f, nil
}

// SetFollowup turns a vendor's question into a follow-up, or changes the one it is.
func (s *Store) SetFollowup(ctx context.Context, vendorID int64, question string, f rubric.Followup) error {
	f, err := checkFollowup(question, f)
	if err != nil {
		return fmt.Errorf("save follow-up: %w", err)
	}
	return s.write(ctx, "save follow-up", func(tx *sql.Tx, now int64) error {
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO followups (vendor_id, question, owner, due, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, question) DO UPDATE SET owner = excluded.owner, due = excluded.due, updated_at = excluded.updated_at`,
			vendorID, question, f.Owner, f.Due, now); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// RemoveFollowup takes a follow-up back; there being none is no error.
func (s *Store) RemoveFollowup(ctx context.Context, vendorID int64, question string) error {
	return s.write(ctx, "remove follow-up", func(tx *sql.Tx, now int64) error {
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM followups WHERE vendor_id = ? AND question = ?", vendorID, question)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}
