package db

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vendorvet/clean"
	"vendorvet/internal/tempfile"
	"vendorvet/rubric"
)

// ImportSession stores a whole session, vendors, answers and notes included, in one
// transaction: on any error nothing is written. Text is cleaned and every answer
// validated as SaveAnswer would; a zero Profile is the default one. A session of more
// than rubric.MaxVendors vendors is refused with ErrTooManyVendors, two vendors of one
// name with ErrDuplicateVendor, both before anything is written.
func (s *Store) ImportSession(ctx context.Context, sess rubric.Session) (int64, error) {
	if s.membersOnly && !s.mayStart {
		return 0, fmt.Errorf("import session: %w", ErrMayNotStart)
	}
	var id int64
	err := s.write(ctx, "import session", func(tx *sql.Tx, now int64) error {
		var err error
		if id, err = importSession(ctx, tx, sess, now); err != nil {
			return err
		}
		if s.membersOnly {
			// They lead what they bring, or they could not see it.
			return leadToo(ctx, tx, id, s.actingName(), now)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// validUID reports whether s is a session's uid as newUID makes them.
func validUID(s string) bool {
	if len(s) != 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// distinctNames refuses two vendors whose names are the same once cleaned.
func distinctNames(vendors []rubric.Vendor) error {
	seen := make(map[string]bool, len(vendors))
	for i, v := range vendors {
		name := clean.Line(v.Name)
		if seen[name] {
			return fmt.Errorf("vendor %d %q: %w", i+1, name, ErrDuplicateVendor)
		}
		seen[name] = true
	}
	return nil
}

// importSession writes sess inside tx, validating as it goes, so that a failure
// half-way relies on the transaction to leave nothing behind.
func importSession(ctx context.Context, tx *sql.Tx, sess rubric.Session, now int64) (int64, error) {
	if len(sess.Vendors) > rubric.MaxVendors {
		return 0, fmt.Errorf("%d vendors: %w", len(sess.Vendors), ErrTooManyVendors)
	}
	if err := distinctNames(sess.Vendors); err != nil {
		return 0, err
	}
	meta := cleanMeta(SessionMeta{Title: sess.Title, Client: sess.Client, Evaluator: sess.Evaluator, Lang: sess.Lang})
	req, reqJSON, err := prepareRequirements(sess.Requirements)
	if err != nil {
		return 0, err
	}
	prof := normalProfile(sess.Profile)
	profJSON, err := encodeProfile(prof)
	if err != nil {
		return 0, err
	}
	// A copy keeps the name of the session it came from: merged back, it is known.
	uid := sess.UID
	if !validUID(uid) {
		uid = newUID()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO sessions (uid, title, client, evaluator, lang, industry, profile, requirements, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, uid, meta.Title, meta.Client, meta.Evaluator, string(meta.Lang), req.Industry, profJSON, reqJSON, now, now)
	if err != nil {
		return 0, err
	}
	sessionID, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	// A session comes in with its panel, or with one evaluator's answers: a panel
	// of one, its lead's.
	members, err := importPanel(ctx, tx, sessionID, sess, meta.Evaluator, now)
	if err != nil {
		return 0, err
	}
	lead, err := sessionLead(ctx, tx, sessionID)
	if err != nil {
		return 0, err
	}
	ins, err := prepareInserts(ctx, tx, lead.id)
	if err != nil {
		return 0, err
	}
	defer ins.close()
	for i, v := range sess.Vendors {
		if err := ins.vendor(ctx, tx, sessionID, int64(i+1), v, req, prof, now); err != nil {
			return 0, fmt.Errorf("vendor %d (%s): %w", i+1, clean.Line(v.Name), err)
		}
		if err := importVendorPanel(ctx, tx, sessionID, ins.lastVendor, v, members, now); err != nil {
			return 0, fmt.Errorf("vendor %d (%s): %w", i+1, clean.Line(v.Name), err)
		}
	}
	return sessionID, nil
}

// importPanel writes a session's panel as the file gives it, or its evaluator as
// the lead of a panel of one, and its viewers; it returns the members' ids by name.
func importPanel(ctx context.Context, tx *sql.Tx, sessionID int64, sess rubric.Session, evaluator string, now int64) (map[string]int64, error) {
	ids, err := importMembers(ctx, tx, sessionID, sess, evaluator, now)
	if err != nil {
		return nil, err
	}
	for _, raw := range sess.Viewers {
		name, err := evaluatorName(raw)
		if err != nil {
			return nil, err
		}
		on, err := named(ctx, tx, sessionID, name)
		if err != nil {
			return nil, err
		}
		if on {
			return nil, duplicateEvaluator(name)
		}
		if err := insertViewer(ctx, tx, sessionID, name, now); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// importMembers writes a session's panel as the file gives it, or its evaluator
// as the lead of a panel of one; it returns the members' ids by name (none for a
// panel of one).
func importMembers(ctx context.Context, tx *sql.Tx, sessionID int64, sess rubric.Session, evaluator string, now int64) (map[string]int64, error) {
	if len(sess.Panel) == 0 {
		return nil, addLead(ctx, tx, sessionID, evaluator, now)
	}
	ids := map[string]int64{}
	for _, e := range sess.Panel {
		name, err := evaluatorName(e.Name)
		if err != nil {
			return nil, err
		}
		if _, dup := ids[name]; dup {
			return nil, duplicateEvaluator(name)
		}
		if ids[name], err = insertEvaluator(ctx, tx, sessionID, name, e.Role, now); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE sessions SET blind = ? WHERE id = ?", sess.Blind, sessionID); err != nil {
		return nil, err
	}
	return ids, nil
}

// importVendorPanel writes what a panel gave one vendor: with more than one
// evaluator, each one's answers in place of the consensus the lead was given; the
// lead's decisions, who submitted, and the vendor's history as it was. Then the
// vendor is scored as its panel judges it.
func importVendorPanel(ctx context.Context, tx *sql.Tx, sessionID, vendorID int64, v rubric.Vendor, members map[string]int64, now int64) error {
	if members == nil {
		return nil
	}
	member := func(name string) (int64, error) {
		id, ok := members[name]
		if !ok {
			return 0, fmt.Errorf("%q is not on the panel: %w", name, ErrNotFound)
		}
		return id, nil
	}
	if len(v.Panel) > 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM answers WHERE vendor_id = ?", vendorID); err != nil {
			return err
		}
		for name, answers := range v.Panel {
			id, err := member(name)
			if err != nil {
				return err
			}
			for _, q := range rubric.Questions {
				val, ok := answers[q.ID]
				if !ok {
					continue
				}
				_, raw, err := prepareAnswer(q.ID, &val)
				if err != nil || raw == nil {
					if err != nil {
						return err
					}
					continue
				}
				var version int64
				if err := tx.QueryRowContext(ctx, "UPDATE vendors SET answer_seq = answer_seq + 1 WHERE id = ? RETURNING answer_seq", vendorID).Scan(&version); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, "INSERT INTO answers (vendor_id, evaluator_id, question, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
					vendorID, id, q.ID, string(raw), version, now); err != nil {
					return err
				}
			}
		}
	}
	for q, d := range v.Decisions {
		id, err := member(d.By)
		if err != nil {
			return err
		}
		var value *string
		if d.Known {
			val := d.Value
			_, raw, err := prepareAnswer(q, &val)
			if err != nil {
				return err
			}
			value = storedText(raw)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO decisions (vendor_id, question, value, reason, evaluator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
			vendorID, q, value, clean.Text(d.Reason), id, d.At*1000); err != nil {
			return err
		}
	}
	for name := range v.Submitted {
		id, err := member(name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO submissions (vendor_id, evaluator_id, submitted_at) VALUES (?, ?, ?)", vendorID, id, now); err != nil {
			return err
		}
	}
	for _, c := range v.History {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit (session_id, vendor_id, evaluator, kind, key, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			sessionID, vendorID, c.Evaluator, c.Kind, c.Key, c.Before, c.After, c.At); err != nil {
			return err
		}
	}
	return rescore(ctx, tx, sessionID, vendorID)
}

// inserts are the statements an import runs for every vendor, prepared once, and the
// evaluator whose answers, notes and evidence it writes.
type inserts struct {
	vendors, answers, notes, followups, evidence *sql.Stmt
	evaluator                                    int64
	// lastVendor is the id of the vendor written last.
	lastVendor int64
}

func prepareInserts(ctx context.Context, tx *sql.Tx, evaluator int64) (*inserts, error) {
	ins := &inserts{evaluator: evaluator}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&ins.vendors, insertVendorSQL},
		{&ins.answers, "INSERT INTO answers (vendor_id, evaluator_id, question, value, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)"},
		{&ins.notes, "INSERT INTO notes (vendor_id, evaluator_id, step, text, updated_at) VALUES (?, ?, ?, ?, ?)"},
		{&ins.followups, "INSERT INTO followups (vendor_id, question, owner, due, updated_at) VALUES (?, ?, ?, ?, ?)"},
		{&ins.evidence, "INSERT INTO evidence (vendor_id, evaluator_id, question, source, seen, link, valid_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			ins.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return ins, nil
}

func (ins *inserts) close() {
	for _, stmt := range []*sql.Stmt{ins.vendors, ins.answers, ins.notes, ins.followups, ins.evidence} {
		if stmt != nil {
			stmt.Close()
		}
	}
}

// vendor writes one vendor at position with its answers, notes and cached score.
func (ins *inserts) vendor(ctx context.Context, tx *sql.Tx, sessionID, position int64, v rubric.Vendor, req rubric.Requirements, prof rubric.Profile, now int64) error {
	// In question order, so that versions and errors do not depend on map order.
	ids := make([]string, 0, len(v.Answers))
	for q := range v.Answers {
		ids = append(ids, q)
	}
	sort.Strings(ids)
	answers := rubric.Answers{}
	encoded := make([]string, 0, len(ids))
	for _, q := range ids {
		val := v.Answers[q]
		_, enc, err := prepareAnswer(q, &val)
		if err != nil {
			return err
		}
		if enc == nil {
			continue
		}
		answers[q], _ = decodeAnswer(q, string(enc))
		encoded = append(encoded, q, string(enc))
	}
	seq := int64(len(encoded) / 2)
	res, err := ins.vendors.ExecContext(ctx, sessionID, position, clean.Line(v.Name), clean.Line(v.Contact), seq, now, now)
	if err != nil {
		return err
	}
	vendorID, err := res.LastInsertId()
	if err != nil {
		return err
	}
	ins.lastVendor = vendorID
	for i := 0; i < len(encoded); i += 2 {
		if _, err := ins.answers.ExecContext(ctx, vendorID, ins.evaluator, encoded[i], encoded[i+1], int64(i/2+1), now); err != nil {
			return err
		}
	}
	steps := make([]int, 0, len(v.Notes))
	for step := range v.Notes {
		steps = append(steps, step)
	}
	sort.Ints(steps)
	for _, step := range steps {
		if err := checkStep(step); err != nil {
			return err
		}
		text := clean.Text(v.Notes[step])
		if text == "" {
			continue
		}
		if _, err := ins.notes.ExecContext(ctx, vendorID, ins.evaluator, step, text, now); err != nil {
			return err
		}
	}
	questions := make([]string, 0, len(v.Followups))
	for q := range v.Followups {
		questions = append(questions, q)
	}
	sort.Strings(questions)
	for _, q := range questions {
		f, err := checkFollowup(q, v.Followups[q])
		if err != nil {
			return err
		}
		if _, err := ins.followups.ExecContext(ctx, vendorID, q, f.Owner, f.Due, now); err != nil {
			return err
		}
	}
	questions = questions[:0]
	for q := range v.Evidence {
		questions = append(questions, q)
	}
	sort.Strings(questions)
	evidence := make(map[string]rubric.Evidence, len(questions))
	for _, q := range questions {
		e, err := checkEvidence(q, v.Evidence[q])
		if err != nil {
			return err
		}
		if _, err := ins.evidence.ExecContext(ctx, vendorID, ins.evaluator, q, e.Source, e.Seen, e.Link, e.ValidUntil, now); err != nil {
			return err
		}
		evidence[q] = e
	}
	// A panel of one: its consensus is its answers (vendorPanel.consensus), scored
	// here from memory rather than read back.
	return cacheScore(ctx, tx, vendorID, rubric.ScoreVendor(req, rubric.Vendor{Answers: answers, Evidence: evidence}, prof))
}

// Backup writes a consistent copy of the database to path with VACUUM INTO, never
// over an existing file; the copy is 0600 and flushed to disk. The copy is made under
// a temporary name in the same folder and linked to path only once complete, so that
// a backup killed midway never leaves a partial file that looks like a backup.
func (s *Store) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	// A backup of a damaged file would look like a good one.
	if err := s.Checked(ctx); err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	// Checked first so that a large database is not copied in vain; the link below
	// checks again.
	if _, err := os.Lstat(abs); err == nil {
		return &FileError{Path: abs, Kind: ErrExists}
	}
	// Copies of earlier backups to this name that were killed midway.
	tempfile.RemoveAbandoned(abs)
	// An empty file of our making, so that the copy gets our mode instead of
	// SQLite's 0644 (VACUUM INTO accepts an empty file); open, and so marked as being
	// written, until the copy is in place.
	f, err := tempfile.Create(abs)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	tmp := f.Name()
	installed := false
	defer func() {
		f.Close()
		if !installed {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	// An absolute path never starts with "file:", so SQLite takes it as a plain name.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	if !tempfile.RenameWhileOpen {
		f.Close()
	}
	if err := linkNew(tmp, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &FileError{Path: abs, Kind: ErrExists}
		}
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	installed = true
	if err := syncFile(abs); err != nil {
		return fmt.Errorf("back up to %s: %w", abs, err)
	}
	return nil
}

// linkNew gives the finished file tmp the name path, failing with fs.ErrExist if
// path exists. A hard link never replaces anything; where links are not supported a
// check and a rename have to do.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		if err == nil {
			os.Remove(tmp)
		}
		return err
	}
	if _, lerr := os.Lstat(path); lerr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, path)
}

// syncFile flushes a file and its folder's entry to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// Folders cannot be opened for syncing everywhere (Windows); the data is safe then.
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
