package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"vendorvet/clean"
)

// placeLimit bounds the name of a field: a question's ID or the interface's name for
// a step's notes.
const placeLimit = 64

// SavePlace records the field an evaluator is on in a vendor's steps (a question,
// or whatever else the interface shows there, such as the step's notes), so that the
// vendor reopens there.
func (s *Store) SavePlace(ctx context.Context, vendorID int64, step int, field string) error {
	if step < 2 || step > 7 || field == "" || len(field) > placeLimit {
		return fmt.Errorf("save place: step %d field %q", step, field)
	}
	return s.write(ctx, "save place", func(tx *sql.Tx, now int64) error {
		if _, err := vendorSession(ctx, tx, vendorID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO places (vendor_id, step, field, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (vendor_id) DO UPDATE SET step = excluded.step, field = excluded.field, updated_at = excluded.updated_at`,
			vendorID, step, field, now)
		return err
	})
}

// Place is the step and field an evaluator was last on for a vendor; ok is false
// when none was recorded.
func (s *Store) Place(ctx context.Context, vendorID int64) (step int, field string, ok bool, err error) {
	err = s.read(ctx, "read place", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT step, field FROM places WHERE vendor_id = ?", vendorID).Scan(&step, &field)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || field == "" {
		return 0, "", false, err
	}
	return step, field, true, nil
}

// formDraftLimit bounds what is kept of a dialog: its fields are one line each.
const formDraftLimit = 16

// DraftOf is what a dialog is about: a session, a vendor, or neither (zero). Its
// draft is removed with it, so that an ID used again never brings it back.
type DraftOf struct{ SessionID, VendorID int64 }

// nullable is an ID for a column where none is NULL.
func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// SaveFormDraft keeps what is typed into a dialog, under a name for that dialog, so
// that it comes back after a quit or a crash; fields that are all blank forget it.
func (s *Store) SaveFormDraft(ctx context.Context, form string, of DraftOf, fields []string) error {
	if form == "" || len(fields) > formDraftLimit {
		return fmt.Errorf("save dialog draft: %d fields of %q", len(fields), form)
	}
	kept := make([]string, len(fields))
	blank := true
	for i, f := range fields {
		kept[i] = clean.Line(f)
		blank = blank && strings.TrimSpace(kept[i]) == ""
	}
	return s.write(ctx, "save dialog draft", func(tx *sql.Tx, now int64) error {
		if blank {
			_, err := tx.ExecContext(ctx, "DELETE FROM form_drafts WHERE form = ?", form)
			return err
		}
		text, err := json.Marshal(kept)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO form_drafts (form, session_id, vendor_id, fields, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (form) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at`,
			form, nullable(of.SessionID), nullable(of.VendorID), string(text), now)
		return err
	})
}

// FormDraft is what was left typed in a dialog, or nil.
func (s *Store) FormDraft(ctx context.Context, form string) ([]string, error) {
	var text string
	err := s.read(ctx, "read dialog draft", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT fields FROM form_drafts WHERE form = ?", form).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || text == "" {
		return nil, err
	}
	var fields []string
	if err := json.Unmarshal([]byte(text), &fields); err != nil {
		return nil, fmt.Errorf("read dialog draft %q: %w", form, err)
	}
	for i := range fields {
		fields[i] = clean.Line(fields[i])
	}
	return fields, nil
}
