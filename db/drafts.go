package db

import (
	"context"
	"database/sql"
	"fmt"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// draftLimit bounds what is kept of a half-typed number: a number field holds a few
// dozen characters, and a paste of anything longer is not a number being typed.
const draftLimit = 200

// SaveDraft keeps the text of a number field that does not parse yet ("12a"), so that
// it comes back as typed after a quit or a crash; the last valid answer stays as it
// is. An empty text forgets the draft, as does saving a valid answer. A draft is
// the acting evaluator's, as the answer it is becoming is.
func (s *Store) SaveDraft(ctx context.Context, vendorID int64, questionID, text string) error {
	if _, ok := rubric.QuestionByID(questionID); !ok {
		return fmt.Errorf("save draft: unknown question %q", questionID)
	}
	text = clean.Line(text)
	if r := []rune(text); len(r) > draftLimit {
		text = string(r[:draftLimit])
	}
	return s.write(ctx, "save draft", func(tx *sql.Tx, now int64) error {
		_, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		if text == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", vendorID, who.id, questionID)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO drafts (vendor_id, evaluator_id, question, text, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, evaluator_id, question) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			vendorID, who.id, questionID, text, now)
		return err
	})
}
