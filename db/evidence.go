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

// EvidenceError is evidence the store refuses: an unknown question or source, a day
// that does not read, or a validity on a question that has none.
type EvidenceError struct {
	Question string
	Message  rubric.Text
}

func (e *EvidenceError) Error() string { return "evidence of " + e.Question + ": " + e.Message.EN }

// checkEvidence cleans evidence and checks what the store keeps.
func checkEvidence(question string, e rubric.Evidence) (rubric.Evidence, error) {
	bad := func(zh, en string) (rubric.Evidence, error) {
		return e, &EvidenceError{question, rubric.Text{ZH: zh, EN: en}}
	}
	if _, ok := rubric.QuestionByID(question); !ok {
		return bad("没有这个问题", "no such question")
	}
	if !rubric.EvidenceSources.Has(e.Source) {
		return bad("请选择凭证来源(1–5)", "choose where the evidence comes from (1–5)")
	}
	if _, err := time.Parse("2006-01-02", e.Seen); err != nil {
		return bad("核查日期须为 YYYY-MM-DD", "the day it was seen must be YYYY-MM-DD")
	}
	e.Link = strings.TrimSpace(clean.Line(e.Link))
	if e.ValidUntil != "" {
		if !rubric.HasValidity(question) {
			return bad("只有资质和认证有有效期", "only licences and certificates have a validity")
		}
		if _, err := time.Parse("2006-01-02", e.ValidUntil); err != nil {
			return bad("有效期须为 YYYY-MM-DD", "the day it is valid until must be YYYY-MM-DD")
		}
	}
	return e, nil
}

// SetEvidence records how a vendor's answer was verified, or changes it, and scores
// the vendor again.
func (s *Store) SetEvidence(ctx context.Context, vendorID int64, question string, e rubric.Evidence) error {
	e, err := checkEvidence(question, e)
	if err != nil {
		return fmt.Errorf("save evidence: %w", err)
	}
	return s.write(ctx, "save evidence", func(tx *sql.Tx, now int64) error {
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (vendor_id, question, source, seen, link, valid_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, question) DO UPDATE SET source = excluded.source, seen = excluded.seen,
				link = excluded.link, valid_until = excluded.valid_until, updated_at = excluded.updated_at`,
			vendorID, question, e.Source, e.Seen, e.Link, e.ValidUntil, now); err != nil {
			return err
		}
		if err := rescore(ctx, tx, sessionID, vendorID); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// RemoveEvidence takes a question's evidence back; there being none is no error.
func (s *Store) RemoveEvidence(ctx context.Context, vendorID int64, question string) error {
	return s.removeForQuestion(ctx, "remove evidence", "evidence", vendorID, question, true)
}

// loadEvidence reads the evidence of the vendors that where (on table e) selects,
// by vendor and question; evidence of a question this version does not know is left out.
func loadEvidence(ctx context.Context, tx *sql.Tx, where string, args ...any) (map[int64]map[string]rubric.Evidence, error) {
	rows, err := tx.QueryContext(ctx, "SELECT e.vendor_id, e.question, e.source, e.seen, e.link, e.valid_until FROM evidence e WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]rubric.Evidence{}
	for rows.Next() {
		var vid int64
		var q string
		var e rubric.Evidence
		if err := rows.Scan(&vid, &q, &e.Source, &e.Seen, &e.Link, &e.ValidUntil); err != nil {
			return nil, err
		}
		if _, known := rubric.QuestionByID(q); !known {
			continue
		}
		if out[vid] == nil {
			out[vid] = map[string]rubric.Evidence{}
		}
		out[vid][q] = e
	}
	return out, rows.Err()
}
