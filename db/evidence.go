package db

import (
	"context"
	"database/sql"
	"errors"
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

// evidenceJSON is evidence as its history rows hold it: every stored field, by its
// name in the session format.
type evidenceJSON struct {
	Source     string `json:"source"`
	Seen       string `json:"seen"`
	Link       string `json:"link"`
	ValidUntil string `json:"valid_until"`
}

// evidenceText is evidence as its history rows hold it.
func evidenceText(e rubric.Evidence) (*string, error) { return historyJSON(evidenceJSON(e)) }

// storedEvidence is an evaluator's evidence for a vendor's question as its history
// rows hold it; nil when there is none.
func storedEvidence(ctx context.Context, tx *sql.Tx, vendorID, evaluatorID int64, question string) (*string, error) {
	var e rubric.Evidence
	err := tx.QueryRowContext(ctx, "SELECT source, seen, link, valid_until FROM evidence WHERE vendor_id = ? AND evaluator_id = ? AND question = ?",
		vendorID, evaluatorID, question).Scan(&e.Source, &e.Seen, &e.Link, &e.ValidUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return evidenceText(e)
}

// SetEvidence records how the acting evaluator verified a vendor's answer, or
// changes it, and scores the vendor again.
func (s *Store) SetEvidence(ctx context.Context, vendorID int64, question string, e rubric.Evidence) error {
	e, err := checkEvidence(question, e)
	if err != nil {
		return fmt.Errorf("save evidence: %w", err)
	}
	after, err := evidenceText(e)
	if err != nil {
		return fmt.Errorf("save evidence: %w", err)
	}
	return s.write(ctx, "save evidence", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		before, err := storedEvidence(ctx, tx, vendorID, who.id, question)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (vendor_id, evaluator_id, question, source, seen, link, valid_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, evaluator_id, question) DO UPDATE SET source = excluded.source, seen = excluded.seen,
				link = excluded.link, valid_until = excluded.valid_until, updated_at = excluded.updated_at`,
			vendorID, who.id, question, e.Source, e.Seen, e.Link, e.ValidUntil, now); err != nil {
			return err
		}
		if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditEvidence, question, before, after}, now); err != nil {
			return err
		}
		if err := rescore(ctx, tx, sessionID, vendorID); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// RemoveEvidence takes the acting evaluator's evidence of a question back; there
// being none is no error.
func (s *Store) RemoveEvidence(ctx context.Context, vendorID int64, question string) error {
	return s.write(ctx, "remove evidence", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		before, err := storedEvidence(ctx, tx, vendorID, who.id, question)
		if err != nil || before == nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM evidence WHERE vendor_id = ? AND evaluator_id = ? AND question = ?", vendorID, who.id, question); err != nil {
			return err
		}
		if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditEvidence, question, before, nil}, now); err != nil {
			return err
		}
		if err := rescore(ctx, tx, sessionID, vendorID); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// loadEvidence reads every evaluator's evidence of the vendors in scope, by vendor,
// evaluator id and question, and their names into names; evidence of a question
// this version does not know is left out.
func loadEvidence(ctx context.Context, tx *sql.Tx, sc vendorScope, names map[int64]string) (map[int64]map[int64]map[string]rubric.Evidence, error) {
	where, arg := sc.where("x")
	rows, err := tx.QueryContext(ctx, `SELECT x.vendor_id, x.evaluator_id, e.name, x.question, x.source, x.seen, x.link, x.valid_until
		FROM evidence x JOIN evaluators e ON e.id = x.evaluator_id WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[int64]map[string]rubric.Evidence{}
	for rows.Next() {
		var vid, eid int64
		var name, q string
		var e rubric.Evidence
		if err := rows.Scan(&vid, &eid, &name, &q, &e.Source, &e.Seen, &e.Link, &e.ValidUntil); err != nil {
			return nil, err
		}
		names[eid] = name
		if _, known := rubric.QuestionByID(q); !known {
			continue
		}
		if out[vid] == nil {
			out[vid] = map[int64]map[string]rubric.Evidence{}
		}
		if out[vid][eid] == nil {
			out[vid][eid] = map[string]rubric.Evidence{}
		}
		out[vid][eid][q] = e
	}
	return out, rows.Err()
}
