package db

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"vendorvet/rubric"
)

// SessionMeta is what names a session.
type SessionMeta struct {
	Title, Client, Evaluator string
	Lang                     rubric.Lang
}

// SessionSummary is one line of the sessions list.
type SessionSummary struct {
	ID            int64
	Title, Client string
	Industry      string // requirements.industry, "" when not chosen
	Vendors       int
	Lead          string // the leading vendor's name, when HasLead
	LeadTotal     float64
	LeadBand      rubric.Band
	HasLead       bool
	// Blinded: blind review keeps the leading vendor from the evaluator the store
	// acts as, who is not a lead of the session; HasLead is then false.
	Blinded   bool
	UpdatedAt time.Time
}

// Session is a whole stored session: what rubric.Session holds, with the ids and
// answer versions that editing needs. Rubric gives it as scoring and reports take it.
type Session struct {
	ID int64
	// UID names the session wherever its copies go (rubric.Session.UID).
	UID                  string
	Title, Client        string
	Evaluator            string
	Lang                 rubric.Lang
	Profile              rubric.Profile
	Requirements         rubric.Requirements
	Vendors              []Vendor
	CreatedAt, UpdatedAt time.Time
	// Panel is who evaluates the vendors, in the order they joined: the lead, the
	// session's evaluator, first.
	Panel []rubric.Evaluator
	// Part, when not 0, is the one vendor read with its answers, notes and the
	// rest (SessionPart); the others are in the list with their names alone.
	Part int64
	// Viewers may read the session without being on its panel (AddViewer).
	Viewers []string
	// Blind is blind mode: an evaluator is not to see the others' answers to a
	// vendor before submitting it (Blinded).
	Blind bool
	// Acting is the evaluator the session was read as (ActAs, else the lead): the
	// one whose answers, notes, evidence, versions and drafts each vendor's own
	// fields hold. They may not be on the panel yet.
	Acting string
}

// Rubric is the session as scoring and reports take it: each vendor as the panel
// judges it, its answers the consensus, its evidence the strongest each question
// has, its notes every evaluator's. The acting evaluator's part is the vendor's own
// fields as they are now. For a panel of one its vendors share their answers and
// notes with s: it is for reading, while s does not change.
func (s *Session) Rubric() rubric.Session {
	out := rubric.Session{Title: s.Title, Client: s.Client, Evaluator: s.Evaluator, Lang: s.Lang,
		Profile: s.Profile, Requirements: s.Requirements, Vendors: make([]rubric.Vendor, len(s.Vendors)),
		Panel: s.Panel, Blind: s.Blind, Viewers: s.Viewers, UID: s.UID}
	order := s.panelOrder()
	for i := range s.Vendors {
		v := &s.Vendors[i]
		p := v.panelOf(order, s.Acting)
		judged := v.Vendor
		judged.Answers, judged.Evidence = p.consensus(), p.scoredEvidence()
		judged.Notes = v.panelNotes(order, s.Acting, s.Lang)
		out.Vendors[i] = judged
	}
	return out
}

// Vendor is a stored vendor. Its Answers, Notes and Evidence are the acting
// evaluator's own (Session.Acting), which they may change; the panel's are beside
// them, and Session.Rubric gives the vendor as the panel judges it.
type Vendor struct {
	ID int64
	rubric.Vendor
	// Versions holds each of the acting evaluator's stored answers' version, to
	// pass back to SaveAnswer.
	Versions map[string]int64
	// Drafts holds the acting evaluator's number fields typed but not yet valid,
	// by question id.
	Drafts    map[string]string
	UpdatedAt time.Time
	// The embedded Panel holds every evaluator's answers as stored, the acting
	// evaluator's included, by name; someone who answered nothing is absent.
	// PanelNotes and PanelEvidence hold every evaluator's notes and evidence the
	// same way.
	PanelNotes    map[string]map[int]string
	PanelEvidence map[string]map[string]rubric.Evidence
}

// newUID is a new session's name for its copies: 128 random bits in hex.
func newUID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// CreateSession starts a session with the default requirements and profile.
func (s *Store) CreateSession(ctx context.Context, meta SessionMeta) (int64, error) {
	meta = cleanMeta(meta)
	_, reqJSON, err := prepareRequirements(rubric.DefaultRequirements())
	if err != nil {
		return 0, err
	}
	profJSON, err := encodeProfile(rubric.DefaultProfile)
	if err != nil {
		return 0, err
	}
	if s.membersOnly {
		if !s.mayStart {
			return 0, fmt.Errorf("create session: %w", ErrMayNotStart)
		}
		// They lead what they start, or they could not see it.
		meta.Evaluator = s.actingName()
	}
	var id int64
	err = s.write(ctx, "create session", func(tx *sql.Tx, now int64) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO sessions (uid, title, client, evaluator, lang, industry, profile, requirements, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)`, newUID(), meta.Title, meta.Client, meta.Evaluator, string(meta.Lang), profJSON, reqJSON, now, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return addLead(ctx, tx, id, meta.Evaluator, now)
	})
	return id, err
}

// UpdateSessionMeta renames a session or changes its client, evaluator or language.
// The session's evaluator is its lead: a new evaluator renames the lead (leadName),
// unless another member of the panel has that name, which is refused with an
// *EvaluatorError (ErrDuplicateEvaluator) and changes nothing.
func (s *Store) UpdateSessionMeta(ctx context.Context, id int64, meta SessionMeta) error {
	meta = cleanMeta(meta)
	return s.write(ctx, "update session", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, id, true); err != nil {
			return err
		}
		var evaluator string
		err := tx.QueryRowContext(ctx, "SELECT evaluator FROM sessions WHERE id = ?", id).Scan(&evaluator)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET title = ?, client = ?, evaluator = ?, lang = ?, updated_at = ? WHERE id = ?",
			meta.Title, meta.Client, meta.Evaluator, string(meta.Lang), now, id); err != nil {
			return err
		}
		if meta.Evaluator == evaluator {
			return nil
		}
		if s.membersOnly && leadName(evaluator) == s.actingName() {
			// A confined person is known by their name: renaming themselves
			// would take the session out of their sight.
			return &EvaluatorError{Name: meta.Evaluator, Message: rubric.Text{
				ZH: "你在团队服务器上的名字来自你的密钥,不能在此改名", EN: "on the team server your name is your key's and cannot be changed here"}}
		}
		return renameLead(ctx, tx, id, meta.Evaluator)
	})
}

// DeleteSession deletes a session with its vendors, answers and notes.
func (s *Store) DeleteSession(ctx context.Context, id int64) error {
	return s.write(ctx, "delete session", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, id, true); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", id)
		if err != nil {
			return err
		}
		return mustAffect(res, "session", id)
	})
}

// ChangeRequirements changes, field by field, a session's requirements from what the
// caller last saw (from) to to, and re-scores its vendors. Only the fields in which
// to differs from from are written, each compared with the stored value: a field
// someone else changed meanwhile (stored value neither from's nor to's) is a
// conflict, and then nothing is written and a *RequirementsConflictError names the
// fields and carries the stored requirements. Two windows changing different
// fields thus both keep their change. The result is validated, except that no
// channel need be chosen yet.
func (s *Store) ChangeRequirements(ctx context.Context, sessionID int64, from, to rubric.Requirements) error {
	fields := ChangedRequirements(from, to)
	if len(fields) == 0 {
		return nil
	}
	fromValues, toValues := requirementValues(from), requirementValues(to)
	return s.write(ctx, "save requirements", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, sessionID, false); err != nil {
			return err
		}
		var storedJSON string
		err := tx.QueryRowContext(ctx, "SELECT requirements FROM sessions WHERE id = ?", sessionID).Scan(&storedJSON)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		stored, err := decodeRequirements(storedJSON)
		if err != nil {
			return err
		}
		storedValues := requirementValues(stored)
		next := stored
		var conflicts []string
		for _, f := range fields {
			switch string(storedValues[f]) {
			case string(toValues[f]):
			case string(fromValues[f]):
				next = CopyRequirement(next, f, to)
			default:
				conflicts = append(conflicts, f)
			}
		}
		if len(conflicts) > 0 {
			return &RequirementsConflictError{SessionID: sessionID, Fields: conflicts, Current: stored}
		}
		next, nextJSON, err := prepareRequirements(next)
		if err != nil {
			return err
		}
		if nextJSON == storedJSON {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE sessions SET requirements = ?, industry = ?, updated_at = ? WHERE id = ?",
			nextJSON, next.Industry, now, sessionID); err != nil {
			return err
		}
		return rescore(ctx, tx, sessionID, 0)
	})
}

// ChangedRequirements names the fields in which b differs from a, by their names in
// the session format ("daily_volume"), sorted. Text is compared as it is stored.
func ChangedRequirements(a, b rubric.Requirements) []string {
	av, bv := requirementValues(a), requirementValues(b)
	var out []string
	for f, v := range bv {
		if string(av[f]) != string(v) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// CopyRequirement returns r with one field (by its name in the session format) set
// to its value in from.
func CopyRequirement(r rubric.Requirements, field string, from rubric.Requirements) rubric.Requirements {
	values := requirementValues(r)
	v, ok := requirementValues(from)[field]
	if !ok {
		return r
	}
	values[field] = v
	b, err := json.Marshal(values)
	if err != nil {
		return r
	}
	out, err := decodeRequirements(string(b))
	if err != nil {
		return r
	}
	return out
}

// requirementValues is each field of r in its stored JSON, by its name in the session
// format: the encoding is what tells two values apart, as it is what is stored.
func requirementValues(r rubric.Requirements) map[string]json.RawMessage {
	b, err := json.Marshal(normalRequirements(r))
	values := map[string]json.RawMessage{}
	if err == nil {
		json.Unmarshal(b, &values)
	}
	return values
}

// SaveProfile changes a session's dimension weights and re-scores its vendors.
func (s *Store) SaveProfile(ctx context.Context, sessionID int64, p rubric.Profile) error {
	profJSON, err := encodeProfile(p)
	if err != nil {
		return fmt.Errorf("save profile: %w", err)
	}
	return s.write(ctx, "save profile", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, sessionID, true); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE sessions SET profile = ?, updated_at = ? WHERE id = ?", profJSON, now, sessionID)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "session", sessionID); err != nil {
			return err
		}
		return rescore(ctx, tx, sessionID, 0)
	})
}

// Session loads a whole session: meta, profile, requirements, its panel, and its
// vendors in order with their answers and notes, read as the evaluator the store
// acts as. Answers to questions this version does not know, or with values it no
// longer accepts, are skipped.
func (s *Store) Session(ctx context.Context, id int64) (*Session, error) {
	return s.readSession(ctx, id, 0)
}

// SessionPart reads a session as Session does, but of its vendors only vendorID
// with what the panel gave it: the others are in the list, by name, with nothing
// else read. Session.Part says so. It is the cheap read of a screen that shows one
// vendor.
func (s *Store) SessionPart(ctx context.Context, id, vendorID int64) (*Session, error) {
	return s.readSession(ctx, id, vendorID)
}

func (s *Store) readSession(ctx context.Context, id, part int64) (*Session, error) {
	out := &Session{ID: id, Part: part}
	err := s.read(ctx, "load session", func(tx *sql.Tx) error {
		if err := s.seesSession(ctx, tx, id); err != nil {
			return err
		}
		var lang, profJSON, reqJSON string
		var created, updated int64
		err := tx.QueryRowContext(ctx, "SELECT uid, title, client, evaluator, lang, profile, requirements, created_at, updated_at, blind FROM sessions WHERE id = ?", id).
			Scan(&out.UID, &out.Title, &out.Client, &out.Evaluator, &lang, &profJSON, &reqJSON, &created, &updated, &out.Blind)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		out.Lang = normalLang(rubric.Lang(lang))
		out.CreatedAt, out.UpdatedAt = fromMillis(created), fromMillis(updated)
		if out.Profile, err = decodeProfile(profJSON); err != nil {
			return err
		}
		if out.Requirements, err = decodeRequirements(reqJSON); err != nil {
			return err
		}
		members, names, err := loadPanel(ctx, tx, id)
		if err != nil {
			return err
		}
		acting, err := s.reader(ctx, tx, id)
		if err != nil {
			return err
		}
		out.Panel, out.Acting = members, acting.name
		if out.Viewers, err = loadViewers(ctx, tx, id); err != nil {
			return err
		}
		vendors, err := loadVendors(ctx, tx, vendorScope{sessionID: id, vendorID: part}, names, acting.id)
		if err != nil {
			return err
		}
		out.Vendors = vendors
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// loadVendors reads a session's vendors, all of them in its order, with everything
// the panel gave those of the scope: names holds the panel's names by id, and
// acting is the evaluator whose answers, notes, evidence, versions and drafts are
// each vendor's own (0: none yet).
func loadVendors(ctx context.Context, tx *sql.Tx, sc vendorScope, names map[int64]string, acting int64) ([]Vendor, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, contact, updated_at FROM vendors WHERE session_id = ? ORDER BY position, id", sc.sessionID)
	if err != nil {
		return nil, err
	}
	vendors := []Vendor{}
	index := map[int64]int{}
	for rows.Next() {
		var v Vendor
		var updated int64
		if err := rows.Scan(&v.ID, &v.Name, &v.Contact, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		v.UpdatedAt = fromMillis(updated)
		v.Answers, v.Notes, v.Versions, v.Drafts = rubric.Answers{}, map[int]string{}, map[string]int64{}, map[string]string{}
		v.Panel, v.PanelNotes, v.PanelEvidence = map[string]rubric.Answers{}, map[string]map[int]string{}, map[string]map[string]rubric.Evidence{}
		v.Decisions, v.Submitted = map[string]rubric.Decision{}, map[string]bool{}
		index[v.ID] = len(vendors)
		vendors = append(vendors, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	answers, err := loadAnswers(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	for _, r := range answers {
		v := &vendors[index[r.vendor]]
		if r.evaluator == acting {
			// A value this version refuses is shown as unknown, but its version is
			// kept so that answering it again overwrites it without a conflict.
			v.Versions[r.question] = r.version
			if r.ok {
				v.Answers[r.question] = r.value
			}
		}
		if r.ok {
			name := names[r.evaluator]
			if v.Panel[name] == nil {
				v.Panel[name] = rubric.Answers{}
			}
			v.Panel[name][r.question] = r.value
		}
	}

	where, arg := sc.where("n")
	rows, err = tx.QueryContext(ctx, `SELECT n.vendor_id, n.evaluator_id, n.step, n.text FROM notes n WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var vid, eid int64
		var step int
		var text string
		if err := rows.Scan(&vid, &eid, &step, &text); err != nil {
			return nil, err
		}
		v := &vendors[index[vid]]
		if eid == acting {
			v.Notes[step] = text
		}
		name := names[eid]
		if v.PanelNotes[name] == nil {
			v.PanelNotes[name] = map[int]string{}
		}
		v.PanelNotes[name][step] = text
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	// Half-typed numbers are their typist's alone: nobody else's are read.
	where, arg = sc.where("d")
	rows, err = tx.QueryContext(ctx, `SELECT d.vendor_id, d.question, d.text FROM drafts d WHERE `+where+` AND d.evaluator_id = ?`, arg, acting)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var vid int64
		var q, text string
		if err := rows.Scan(&vid, &q, &text); err != nil {
			return nil, err
		}
		vendors[index[vid]].Drafts[q] = text
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	where, arg = sc.where("f")
	rows, err = tx.QueryContext(ctx, `SELECT f.vendor_id, f.question, f.owner, f.due FROM followups f WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var vid int64
		var q string
		var f rubric.Followup
		if err := rows.Scan(&vid, &q, &f.Owner, &f.Due); err != nil {
			return nil, err
		}
		if _, known := rubric.QuestionByID(q); known {
			v := &vendors[index[vid]]
			if v.Followups == nil {
				v.Followups = map[string]rubric.Followup{}
			}
			v.Followups[q] = f
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	evidence, err := loadEvidence(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	for vid, byEvaluator := range evidence {
		v := &vendors[index[vid]]
		for eid, ev := range byEvaluator {
			if eid == acting {
				// A copy: a screen changes its own evidence, never the panel's.
				v.Evidence = maps.Clone(ev)
			}
			v.PanelEvidence[names[eid]] = ev
		}
	}

	decisions, err := loadDecisions(ctx, tx, sc)
	if err != nil {
		return nil, err
	}
	for vid, d := range decisions {
		vendors[index[vid]].Decisions = d
	}
	submitted, err := loadSubmissions(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	for vid, byEvaluator := range submitted {
		for eid := range byEvaluator {
			vendors[index[vid]].Submitted[names[eid]] = true
		}
	}
	return vendors, nil
}

// ListSessions returns one page of sessions, most recently changed first. filter, when
// not blank, keeps the sessions whose title, client or industry contains it, ignoring
// case; an industry also matches by its label in either language. The lead is the
// best vendor by cached total that is not disqualified, else the best disqualified.
func (s *Store) ListSessions(ctx context.Context, filter string, offset, limit int) ([]SessionSummary, error) {
	if offset < 0 || limit <= 0 {
		return nil, fmt.Errorf("list sessions: offset %d and limit %d must be ≥ 0 and > 0", offset, limit)
	}
	where, args := s.listClause(filter)
	// The page is cut first so that vendors are counted and ranked for its rows only.
	// The lead's order is rubric.Ranking's: disqualified last, total, then name.
	// In blind review the leading vendor and its consensus score are the panel's:
	// someone who is neither a lead nor a viewer does not see them here, as they
	// do not in the session (Session.SeesAll).
	acting := s.actingName()
	query := `WITH page AS (
			SELECT id, title, client, industry, updated_at, blind FROM sessions ` + where + `
			ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?)
		SELECT p.id, p.title, p.client, p.industry, p.updated_at,
			(SELECT count(*) FROM vendors c WHERE c.session_id = p.id),
			l.name, l.total, l.band,
			p.blind AND ? != '' AND NOT EXISTS (SELECT 1 FROM evaluators e WHERE e.session_id = p.id AND e.name = ? AND e.role = 'lead')
				AND NOT EXISTS (SELECT 1 FROM viewers w WHERE w.session_id = p.id AND w.name = ?)
		FROM page p
		LEFT JOIN vendors l ON l.id = (
			SELECT v.id FROM vendors v WHERE v.session_id = p.id
			ORDER BY v.band = 'disqualified', v.total DESC, v.name, v.position, v.id LIMIT 1)
		ORDER BY p.updated_at DESC, p.id DESC`
	args = append(args, limit, offset, acting, acting, acting)
	var out []SessionSummary
	err := s.read(ctx, "list sessions", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sum SessionSummary
			var updated int64
			var lead, band sql.NullString
			var total sql.NullFloat64
			if err := rows.Scan(&sum.ID, &sum.Title, &sum.Client, &sum.Industry, &updated, &sum.Vendors, &lead, &total, &band, &sum.Blinded); err != nil {
				return err
			}
			sum.UpdatedAt = fromMillis(updated)
			if lead.Valid && !sum.Blinded {
				sum.HasLead, sum.Lead, sum.LeadTotal, sum.LeadBand = true, lead.String, total.Float64, rubric.Band(band.String)
			}
			out = append(out, sum)
		}
		return rows.Err()
	})
	return out, err
}

// CountSessions counts the sessions ListSessions would page through with filter.
func (s *Store) CountSessions(ctx context.Context, filter string) (int, error) {
	where, args := s.listClause(filter)
	var n int
	err := s.read(ctx, "count sessions", func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions "+where, args...).Scan(&n)
	})
	return n, err
}

// listClause builds the WHERE clause of the sessions listed: those the store's
// person sees (visibleClause) that match the filter.
func (s *Store) listClause(filter string) (string, []any) {
	visible, vargs := s.visibleClause()
	match, margs := filterClause(filter)
	switch {
	case visible == "" && match == "":
		return "", nil
	case visible == "":
		return "WHERE " + match, margs
	case match == "":
		return "WHERE " + visible, vargs
	}
	return "WHERE " + visible + " AND " + match, append(vargs, margs...)
}

// filterClause builds the condition of a list filter; "" for none. % and _ typed
// by the user match themselves.
func filterClause(filter string) (string, []any) {
	f := strings.TrimSpace(filter)
	if f == "" {
		return "", nil
	}
	pattern := "%" + escapeLike(f) + "%"
	clause := `(title LIKE ? ESCAPE '\' OR client LIKE ? ESCAPE '\' OR industry LIKE ? ESCAPE '\'`
	args := []any{pattern, pattern, pattern}
	// "电商" or "E-commerce" finds the sessions whose industry is ecommerce.
	var codes []string
	lower := strings.ToLower(f)
	for _, o := range rubric.IndustryOptions {
		if strings.Contains(strings.ToLower(o.Label.ZH), lower) || strings.Contains(strings.ToLower(o.Label.EN), lower) {
			codes = append(codes, o.Value)
		}
	}
	sort.Strings(codes)
	for _, c := range codes {
		args = append(args, c)
		clause += " OR industry = ?"
	}
	return clause + ")", args
}

// escapeLike makes %, _ and the escape character itself literal in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
