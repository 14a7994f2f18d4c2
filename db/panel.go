package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"vendorvet/clean"
	"vendorvet/rubric"
)

// A session's vendors are evaluated by a panel: each evaluator answers, takes notes
// and records evidence of their own, and the vendor is judged by the panel's
// consensus (consensus.go). The store writes as one evaluator at a time (ActAs), by
// default each session's lead, so that a program that knows nothing of panels
// works with a panel of one exactly as before.

// A panel's members are rubric.Evaluator, each rubric.Lead or rubric.Member. A
// session's first lead is the session's evaluator, and who the store writes as
// until ActAs is called.

// EvaluatorNameLimit is the most characters an evaluator's name may have
// (rubric.MaxEvaluatorName).
const EvaluatorNameLimit = rubric.MaxEvaluatorName

// UnnamedLead is the name of a session's lead when the session names no evaluator:
// a panel tells its members apart by name, so the lead needs one. The upgrade to
// schema 5 writes the same word (schema.go).
const UnnamedLead = "evaluator"

// The kinds of refusal of the panel's writes; test them with errors.Is.
var (
	// ErrNotLead: a decision by an evaluator who is not a lead of the session's
	// panel. Nothing was written.
	ErrNotLead = errors.New("only a lead of the panel may decide")
	// ErrDuplicateEvaluator: the panel already has an evaluator of that name.
	ErrDuplicateEvaluator = errors.New("the panel already has an evaluator of that name")
)

// EvaluatorError is an evaluator the store refuses: a name that is empty, longer
// than EvaluatorNameLimit characters or already on the panel, or a role that is
// neither lead nor evaluator.
type EvaluatorError struct {
	Name    string
	Message rubric.Text
	// Kind is ErrDuplicateEvaluator for a name already on the panel, else nil.
	Kind error
}

func (e *EvaluatorError) Error() string {
	return fmt.Sprintf("evaluator %q: %s", e.Name, e.Message.EN)
}

// Unwrap gives the message as a *rubric.FieldError too, so that whoever says field
// errors in both languages says this one, and the Kind.
func (e *EvaluatorError) Unwrap() []error {
	return withKind(&rubric.FieldError{Field: "evaluator", Message: e.Message}, e.Kind)
}

// DecisionError is a decision the store refuses: by someone not a lead of the
// panel, without a reason, or on a question there is not.
type DecisionError struct {
	Question string
	Message  rubric.Text
	// Kind is ErrNotLead for a decision by someone not a lead, else nil.
	Kind error
}

func (e *DecisionError) Error() string { return "decision on " + e.Question + ": " + e.Message.EN }

// Unwrap gives the message as a *rubric.FieldError on the question too, so that
// whoever says field errors names the question, and the Kind.
func (e *DecisionError) Unwrap() []error {
	return withKind(&rubric.FieldError{Field: e.Question, Message: e.Message}, e.Kind)
}

func withKind(field error, kind error) []error {
	if kind == nil {
		return []error{field}
	}
	return []error{field, kind}
}

// evaluatorName cleans an evaluator's name and refuses one that is empty or too long.
func evaluatorName(raw string) (string, error) {
	name := strings.TrimSpace(clean.Line(raw))
	if problem := rubric.EvaluatorNameProblem(name); problem != nil {
		return "", &EvaluatorError{Name: name, Message: *problem}
	}
	return name, nil
}

// duplicateEvaluator refuses a name already on a session's panel.
func duplicateEvaluator(name string) error {
	return &EvaluatorError{Name: name, Kind: ErrDuplicateEvaluator,
		Message: rubric.Text{ZH: "评估小组中已有同名评估人", EN: "the panel already has an evaluator of that name"}}
}

// leadName is the name a session's lead takes from the session's evaluator, which
// was never refused: trimmed of spaces, cut to EvaluatorNameLimit characters, or
// UnnamedLead when blank. It is the upgrade's rule (schema.go), so that both name
// a lead alike.
func leadName(evaluator string) string {
	name := strings.Trim(evaluator, " ")
	if name == "" {
		return UnnamedLead
	}
	if r := []rune(name); len(r) > EvaluatorNameLimit {
		name = string(r[:EvaluatorNameLimit])
	}
	return name
}

// ActAs makes the store write as the evaluator of that name from now on, in every
// session: their answers, notes, evidence, drafts and submissions, and their
// decisions when they are a lead. Session then gives each vendor's Answers, Notes,
// Evidence, Versions and Drafts as theirs. A name not on a session's panel is
// added to it, as an evaluator, by the first such write to that session; it is
// matched as the panel names it now, so after the lead is renamed (UpdateSessionMeta)
// the old name is a new evaluator. Until ActAs is called, the store writes as
// each session's lead. A name that is empty or longer than EvaluatorNameLimit
// characters is refused with an *EvaluatorError, and the store goes on as before.
func (s *Store) ActAs(name string) error {
	name, err := evaluatorName(name)
	if err != nil {
		return fmt.Errorf("act as evaluator: %w", err)
	}
	s.acting.Store(&name)
	return nil
}

// actingName is the name ActAs set; "" for each session's lead.
func (s *Store) actingName() string {
	if p := s.acting.Load(); p != nil {
		return *p
	}
	return ""
}

// actor is an evaluator of one session as a write or a read of the store sees them;
// id 0 is someone not on the panel yet.
type actor struct {
	id   int64
	name string
	role rubric.Role
}

// vendorActor is a vendor's session and who writes to it: the evaluator the store
// acts as, added to the session's panel by their first write there, or the
// session's lead. A write that then fails rolls the addition back with the rest.
// Both are found in one look-up: a write holds the database's one write lock, and
// every statement it runs keeps another window waiting.
func (s *Store) vendorActor(ctx context.Context, tx *sql.Tx, vendorID, now int64) (int64, actor, error) {
	name := s.actingName()
	var sessionID int64
	var id sql.NullInt64
	var found, role sql.NullString
	var err error
	if name == "" {
		err = tx.QueryRowContext(ctx, `SELECT v.session_id, e.id, e.name, e.role FROM vendors v
			LEFT JOIN evaluators e ON e.id = (SELECT id FROM evaluators WHERE session_id = v.session_id AND role = 'lead' ORDER BY id LIMIT 1)
			WHERE v.id = ?`, vendorID).Scan(&sessionID, &id, &found, &role)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT v.session_id, e.id, e.name, e.role FROM vendors v
			LEFT JOIN evaluators e ON e.session_id = v.session_id AND e.name = ? WHERE v.id = ?`, name, vendorID).
			Scan(&sessionID, &id, &found, &role)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, actor{}, fmt.Errorf("vendor %d: %w", vendorID, ErrNotFound)
	case err != nil:
		return 0, actor{}, err
	case id.Valid:
		return sessionID, actor{id: id.Int64, name: found.String, role: rubric.Role(role.String)}, nil
	case name == "":
		// A session without a lead: see sessionLead.
		return 0, actor{}, fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
	case s.membersOnly:
		// Confined to the panels they are on (MembersOnly): not one of them.
		return 0, actor{}, s.offPanel(ctx, tx, sessionID)
	}
	// Not yet on the panel, and so in no vendor's consensus: joining changes no
	// score (members, consensus.go).
	a := actor{name: name, role: rubric.Member}
	a.id, err = insertEvaluator(ctx, tx, sessionID, name, a.role, now)
	return sessionID, a, err
}

// reader is who reads a session: the evaluator the store acts as (id 0 while not on
// the panel, as reading adds nobody), or the session's lead.
func (s *Store) reader(ctx context.Context, tx *sql.Tx, sessionID int64) (actor, error) {
	name := s.actingName()
	if name == "" {
		return sessionLead(ctx, tx, sessionID)
	}
	a := actor{name: name}
	err := tx.QueryRowContext(ctx, "SELECT id, role FROM evaluators WHERE session_id = ? AND name = ?", sessionID, name).Scan(&a.id, &a.role)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	return a, err
}

// sessionLead is a session's first lead.
func sessionLead(ctx context.Context, tx *sql.Tx, sessionID int64) (actor, error) {
	a := actor{role: rubric.Lead}
	err := tx.QueryRowContext(ctx, "SELECT id, name FROM evaluators WHERE session_id = ? AND role = 'lead' ORDER BY id LIMIT 1", sessionID).
		Scan(&a.id, &a.name)
	if errors.Is(err, sql.ErrNoRows) {
		// Every session is made with its lead (CreateSession, ImportSession, the
		// upgrade to schema 5) and no evaluator is ever removed: no lead, no session.
		return a, fmt.Errorf("session %d: %w", sessionID, ErrNotFound)
	}
	return a, err
}

// insertEvaluator adds an evaluator, whose name the caller has checked, to a
// session's panel.
func insertEvaluator(ctx context.Context, tx *sql.Tx, sessionID int64, name string, role rubric.Role, now int64) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO evaluators (session_id, name, role, created_at) VALUES (?, ?, ?, ?)",
		sessionID, name, string(role), now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// addLead makes a new session's panel: its evaluator as its lead.
func addLead(ctx context.Context, tx *sql.Tx, sessionID int64, evaluator string, now int64) error {
	_, err := insertEvaluator(ctx, tx, sessionID, leadName(evaluator), rubric.Lead, now)
	return err
}

// renameLead gives a session's lead the name of the session's evaluator, which
// has just changed: the session's evaluator is its lead. A name another member
// has is refused, as two members of one name could not be told apart.
func renameLead(ctx context.Context, tx *sql.Tx, sessionID int64, evaluator string) error {
	lead, err := sessionLead(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	name := leadName(evaluator)
	if name == lead.name {
		return nil
	}
	var taken int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM evaluators WHERE session_id = ? AND name = ?", sessionID, name).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return duplicateEvaluator(name)
	}
	_, err = tx.ExecContext(ctx, "UPDATE evaluators SET name = ? WHERE id = ?", name, lead.id)
	return err
}

// AddEvaluator puts an evaluator on a session's panel, as rubric.Lead or rubric.Member.
// A name that is empty, longer than EvaluatorNameLimit characters or already on the
// panel, or another role, is refused with an *EvaluatorError.
func (s *Store) AddEvaluator(ctx context.Context, sessionID int64, name string, role rubric.Role) error {
	name, err := evaluatorName(name)
	if err == nil && role != rubric.Lead && role != rubric.Member {
		err = &EvaluatorError{Name: name, Message: rubric.Text{
			ZH: "角色须为 lead(组长)或 evaluator(评估人)", EN: "the role must be lead or evaluator"}}
	}
	if err != nil {
		return fmt.Errorf("add evaluator: %w", err)
	}
	return s.write(ctx, "add evaluator", func(tx *sql.Tx, now int64) error {
		if err := s.admitting(ctx, tx, sessionID, name, now); err != nil {
			return err
		}
		// A member who has not turned to a vendor yet is in no consensus: no score
		// changes (members, consensus.go).
		_, err := insertEvaluator(ctx, tx, sessionID, name, role, now)
		return err
	})
}

// SetBlind turns a session's blind mode on or off: in blind mode an evaluator is
// not to see the others' answers to a vendor until they have submitted it
// (Session.Blinded says when). Screens keep it; the store reads everyone's answers
// all the same, as the consensus is made of them.
func (s *Store) SetBlind(ctx context.Context, sessionID int64, blind bool) error {
	return s.write(ctx, "set blind mode", func(tx *sql.Tx, now int64) error {
		if err := s.mayChange(ctx, tx, sessionID, true); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE sessions SET blind = ?, updated_at = ? WHERE id = ?", blind, now, sessionID)
		if err != nil {
			return err
		}
		return mustAffect(res, "session", sessionID)
	})
}

// submittedMark is what a submission's history row holds after it: a submission
// has no value but its time, which the row has already.
const submittedMark = "submitted"

// Submit marks a vendor submitted by the evaluator the store acts as: their
// evaluation of it is done, and in blind mode they may now see the others'. A
// vendor submitted already stays as it is.
func (s *Store) Submit(ctx context.Context, vendorID int64) error {
	return s.write(ctx, "submit", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO submissions (vendor_id, evaluator_id, submitted_at) VALUES (?, ?, ?)
			ON CONFLICT (vendor_id, evaluator_id) DO NOTHING`, vendorID, who.id, now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		mark := submittedMark
		if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditSubmit, "", nil, &mark}, now); err != nil {
			return err
		}
		if err := vendorChanged(ctx, tx, sessionID, vendorID, now); err != nil {
			return err
		}
		// Someone who submitted having answered nothing now takes part in the
		// consensus, saying they could tell nothing (members, consensus.go).
		return rescore(ctx, tx, sessionID, vendorID)
	})
}

// decisionJSON is a decision as its history rows hold it: the value as the
// decisions table stores it (null: decided unknown) and the reason.
type decisionJSON struct {
	Value  json.RawMessage `json:"value"`
	Reason string          `json:"reason"`
}

// Decide sets the consensus answer to one question of a vendor, with the reason,
// over the panel's rule; v == nil decides that the answer is unknown. Only a lead
// of the panel may: anyone else is refused with a *DecisionError (ErrNotLead), as
// is an empty reason, and nothing is written. The vendor is scored again.
func (s *Store) Decide(ctx context.Context, vendorID int64, question string, v *rubric.Value, reason string) error {
	q, encoded, err := prepareAnswer(question, v)
	if err != nil {
		return fmt.Errorf("decide: %w", err)
	}
	reason = strings.TrimSpace(clean.Text(reason))
	if reason == "" {
		return fmt.Errorf("decide: %w", &DecisionError{Question: q.ID, Message: rubric.Text{
			ZH: "请写明裁定理由", EN: "give the reason for the decision"}})
	}
	after, err := historyJSON(decisionJSON{Value: rawOrNull(encoded), Reason: reason})
	if err != nil {
		return fmt.Errorf("decide: %w", err)
	}
	return s.write(ctx, "decide", func(tx *sql.Tx, now int64) error {
		sessionID, who, err := s.vendorActor(ctx, tx, vendorID, now)
		if err != nil {
			return err
		}
		if who.role != rubric.Lead {
			return &DecisionError{Question: q.ID, Kind: ErrNotLead, Message: rubric.Text{
				ZH: "只有评估组长可以裁定共识答案", EN: "only a lead of the panel may decide the consensus"}}
		}
		before, err := storedDecision(ctx, tx, vendorID, q.ID)
		if err != nil {
			return err
		}
		if sameText(before, after) {
			// Decided so already, for that reason: nothing changes.
			return nil
		}
		var value any
		if encoded != nil {
			value = string(encoded)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (vendor_id, question, value, reason, evaluator_id, decided_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (vendor_id, question) DO UPDATE SET value = excluded.value, reason = excluded.reason,
				evaluator_id = excluded.evaluator_id, decided_at = excluded.decided_at`,
			vendorID, q.ID, value, reason, who.id, now); err != nil {
			return err
		}
		if err := record(ctx, tx, change{sessionID, vendorID, who.name, AuditDecision, q.ID, before, after}, now); err != nil {
			return err
		}
		if err := vendorChanged(ctx, tx, sessionID, vendorID, now); err != nil {
			return err
		}
		return rescore(ctx, tx, sessionID, vendorID)
	})
}

// rawOrNull is an answer's stored JSON, or JSON null for none.
func rawOrNull(encoded []byte) json.RawMessage {
	if encoded == nil {
		return json.RawMessage("null")
	}
	return encoded
}

// storedDecision is a decision as its history rows hold it; nil when there is none.
func storedDecision(ctx context.Context, tx *sql.Tx, vendorID int64, question string) (*string, error) {
	var value sql.NullString
	var reason string
	err := tx.QueryRowContext(ctx, "SELECT value, reason FROM decisions WHERE vendor_id = ? AND question = ?", vendorID, question).Scan(&value, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var encoded []byte
	if value.Valid {
		encoded = []byte(value.String)
	}
	return historyJSON(decisionJSON{Value: rawOrNull(encoded), Reason: reason})
}

// vendorChanged marks a vendor and its session changed.
func vendorChanged(ctx context.Context, tx *sql.Tx, sessionID, vendorID, now int64) error {
	if _, err := tx.ExecContext(ctx, "UPDATE vendors SET updated_at = ? WHERE id = ?", now, vendorID); err != nil {
		return err
	}
	return touchSession(ctx, tx, sessionID, now)
}

// Blinded reports whether the person the session was read as (Acting) is not to
// see the others' answers to v: the session is in blind mode, they have not
// submitted v yet, and they are not someone who sees all (SeesAll).
func (s *Session) Blinded(v *Vendor) bool {
	return s.Blind && !v.Submitted[s.Acting] && !s.SeesAll()
}

// BlindedAny reports whether blind review keeps some vendor's answers from the
// person the session was read as: the whole report is then not for them.
func (s *Session) BlindedAny() bool {
	for i := range s.Vendors {
		if s.Blinded(&s.Vendors[i]) {
			return true
		}
	}
	return false
}

// SeesAll reports whether the person the session was read as sees every
// evaluator's answers whatever blind review says: a lead of its panel, who
// settles the consensus, or a viewer, who evaluates nothing and so has no
// independence for blind review to keep.
func (s *Session) SeesAll() bool {
	for _, e := range s.Panel {
		if e.Name == s.Acting {
			return e.Role == rubric.Lead
		}
	}
	return slices.Contains(s.Viewers, s.Acting)
}

// loadPanel reads a session's panel in the order its members joined, and their
// names by id.
func loadPanel(ctx context.Context, tx *sql.Tx, sessionID int64) ([]rubric.Evaluator, map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, role FROM evaluators WHERE session_id = ? ORDER BY id", sessionID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	members := []rubric.Evaluator{}
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var e rubric.Evaluator
		if err := rows.Scan(&id, &e.Name, &e.Role); err != nil {
			return nil, nil, err
		}
		members = append(members, e)
		names[id] = e.Name
	}
	return members, names, rows.Err()
}

// vendorScope is the vendors a read is about: one vendor, or all of a session's.
type vendorScope struct{ sessionID, vendorID int64 }

// where selects the scope's rows of the table aliased t by its vendor_id.
func (sc vendorScope) where(t string) (string, any) {
	if sc.vendorID != 0 {
		return t + ".vendor_id = ?", sc.vendorID
	}
	return t + ".vendor_id IN (SELECT id FROM vendors WHERE session_id = ?)", sc.sessionID
}

// answerRow is one stored answer to a question this version asks; ok is false for
// a value it no longer accepts, whose version still counts.
type answerRow struct {
	vendor, evaluator int64
	question          string
	value             rubric.Value
	ok                bool
	version           int64
}

// The loaders of the panel's rows below read each evaluator's name with their rows
// and keep it in names, by id: scoring a vendor then needs no look-up of the panel
// of its own.

// loadAnswers reads every evaluator's answers to the vendors in scope.
func loadAnswers(ctx context.Context, tx *sql.Tx, sc vendorScope, names map[int64]string) ([]answerRow, error) {
	where, arg := sc.where("a")
	rows, err := tx.QueryContext(ctx, `SELECT a.vendor_id, a.evaluator_id, e.name, a.question, a.value, a.version
		FROM answers a JOIN evaluators e ON e.id = a.evaluator_id WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []answerRow
	for rows.Next() {
		var r answerRow
		var name, raw string
		if err := rows.Scan(&r.vendor, &r.evaluator, &name, &r.question, &raw, &r.version); err != nil {
			return nil, err
		}
		names[r.evaluator] = name
		if _, known := rubric.QuestionByID(r.question); !known {
			continue
		}
		r.value, r.ok = decodeAnswer(r.question, raw)
		out = append(out, r)
	}
	return out, rows.Err()
}

// loadDecisions reads the decisions on the vendors in scope, by vendor and
// question; a decision this version cannot read is left out, and the rule stands.
func loadDecisions(ctx context.Context, tx *sql.Tx, sc vendorScope) (map[int64]map[string]rubric.Decision, error) {
	where, arg := sc.where("d")
	rows, err := tx.QueryContext(ctx, `SELECT d.vendor_id, d.question, d.value, d.reason, e.name, d.decided_at
		FROM decisions d JOIN evaluators e ON e.id = d.evaluator_id WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]rubric.Decision{}
	for rows.Next() {
		var vid, at int64
		var q string
		var value sql.NullString
		var d rubric.Decision
		if err := rows.Scan(&vid, &q, &value, &d.Reason, &d.By, &at); err != nil {
			return nil, err
		}
		if _, known := rubric.QuestionByID(q); !known {
			continue
		}
		if value.Valid {
			if d.Value, d.Known = decodeAnswer(q, value.String); !d.Known {
				continue
			}
		}
		// panel keeps a decision's time in seconds; the store, in milliseconds.
		d.At = at / 1000
		if out[vid] == nil {
			out[vid] = map[string]rubric.Decision{}
		}
		out[vid][q] = d
	}
	return out, rows.Err()
}

// loadSubmissions reads who has submitted the vendors in scope, by vendor and
// evaluator id.
func loadSubmissions(ctx context.Context, tx *sql.Tx, sc vendorScope, names map[int64]string) (map[int64]map[int64]bool, error) {
	where, arg := sc.where("s")
	rows, err := tx.QueryContext(ctx, `SELECT s.vendor_id, s.evaluator_id, e.name
		FROM submissions s JOIN evaluators e ON e.id = s.evaluator_id WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[int64]bool{}
	for rows.Next() {
		var vid, eid int64
		var name string
		if err := rows.Scan(&vid, &eid, &name); err != nil {
			return nil, err
		}
		names[eid] = name
		if out[vid] == nil {
			out[vid] = map[int64]bool{}
		}
		out[vid][eid] = true
	}
	return out, rows.Err()
}

// loadVendorPanels reads what the consensus of the vendors in scope is made of, by
// vendor; a vendor nobody has answered, decided or submitted is absent.
func loadVendorPanels(ctx context.Context, tx *sql.Tx, sc vendorScope) (map[int64]*vendorPanel, error) {
	names := map[int64]string{}
	answers, err := loadAnswers(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	evidence, err := loadEvidence(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	decisions, err := loadDecisions(ctx, tx, sc)
	if err != nil {
		return nil, err
	}
	submitted, err := loadSubmissions(ctx, tx, sc, names)
	if err != nil {
		return nil, err
	}
	// Those who gave the vendors anything, in the order they joined the panel: the
	// members the consensus may count, in the panel's order.
	ids := slices.Sorted(maps.Keys(names))
	order := make([]string, len(ids))
	for i, id := range ids {
		order[i] = names[id]
	}
	out := map[int64]*vendorPanel{}
	of := func(vid int64) *vendorPanel {
		if out[vid] == nil {
			out[vid] = newVendorPanel(order, "")
		}
		return out[vid]
	}
	for _, r := range answers {
		if r.ok {
			of(r.vendor).answer(names[r.evaluator], r.question, r.value)
		}
	}
	for vid, byEvaluator := range evidence {
		for eid, ev := range byEvaluator {
			of(vid).evidence[names[eid]] = ev
		}
	}
	for vid, d := range decisions {
		of(vid).decisions = d
	}
	for vid, byEvaluator := range submitted {
		for eid := range byEvaluator {
			of(vid).submitted[names[eid]] = true
		}
	}
	return out, nil
}
