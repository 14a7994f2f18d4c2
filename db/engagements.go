package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"vendorvet/clean"
	"vendorvet/monitor"
)

// engagementsMigration adds trial and monitoring: a chosen vendor's engagement
// (one per vendor: the trial, the contract, how periods are cut, the SLA's
// definition, fee and credit schedule), its targets, its periods' dashboard
// figures and its QA sampling log. Everything hangs off the vendor, so that
// removing the vendor or its session removes it. Days are YYYY-MM-DD, empty for none.
const engagementsMigration = `CREATE TABLE engagements (
		vendor_id      INTEGER PRIMARY KEY REFERENCES vendors (id) ON DELETE CASCADE,
		trial_start    TEXT NOT NULL,
		trial_days     INTEGER NOT NULL CHECK (trial_days BETWEEN 0 AND 366),
		contract_start TEXT NOT NULL,
		contract_end   TEXT NOT NULL,
		period_kind    TEXT NOT NULL CHECK (period_kind IN ('week', 'month')),
		sl_definition  TEXT NOT NULL,
		threshold_s    REAL NOT NULL CHECK (threshold_s >= 0),
		monthly_fee    REAL NOT NULL CHECK (monthly_fee >= 0),
		fee_source     TEXT NOT NULL CHECK (fee_source IN ('quote', 'given', 'none')),
		-- the billing model a fee from the quote was worked out from
		fee_basis      TEXT NOT NULL,
		-- the credit schedule: tiers as a JSON array of [shortfall, percent], or a
		-- linear percentage per point when there are none
		credit_tiers   TEXT NOT NULL,
		per_point      REAL NOT NULL,
		credit_cap     REAL NOT NULL,
		earn_back      INTEGER NOT NULL,
		chronic_misses INTEGER NOT NULL,
		created_at     INTEGER NOT NULL,
		updated_at     INTEGER NOT NULL
	) STRICT;

	-- A KPI's target: a share, seconds or complaints per thousand; origin is the
	-- step-5 question it was committed in, '' when set by hand.
	CREATE TABLE sla_targets (
		vendor_id INTEGER NOT NULL REFERENCES engagements (vendor_id) ON DELETE CASCADE,
		kpi       TEXT NOT NULL,
		value     REAL NOT NULL,
		origin    TEXT NOT NULL,
		PRIMARY KEY (vendor_id, kpi)
	) STRICT, WITHOUT ROWID;

	-- A period's figures as the vendor's dashboard gives them (monitor.Period).
	CREATE TABLE periods (
		vendor_id              INTEGER NOT NULL REFERENCES engagements (vendor_id) ON DELETE CASCADE,
		label                  TEXT NOT NULL,
		offered                INTEGER NOT NULL CHECK (offered >= 0),
		answered               INTEGER NOT NULL CHECK (answered BETWEEN 0 AND offered),
		answered_in_threshold  INTEGER NOT NULL CHECK (answered_in_threshold BETWEEN 0 AND answered),
		abandoned              INTEGER NOT NULL CHECK (abandoned BETWEEN 0 AND offered - answered),
		abandoned_in_threshold INTEGER NOT NULL CHECK (abandoned_in_threshold BETWEEN 0 AND abandoned),
		handle_time_s          REAL NOT NULL CHECK (handle_time_s >= 0),
		first_contact_resolved INTEGER NOT NULL CHECK (first_contact_resolved BETWEEN 0 AND answered),
		csat_responses         INTEGER NOT NULL CHECK (csat_responses >= 0),
		csat_positive          INTEGER NOT NULL CHECK (csat_positive BETWEEN 0 AND csat_responses),
		qa_sampled             INTEGER NOT NULL CHECK (qa_sampled >= 0),
		qa_passed              INTEGER NOT NULL CHECK (qa_passed BETWEEN 0 AND qa_sampled),
		complaints             INTEGER NOT NULL CHECK (complaints >= 0),
		presale_inquiries      INTEGER NOT NULL CHECK (presale_inquiries >= 0),
		orders                 INTEGER NOT NULL CHECK (orders BETWEEN 0 AND presale_inquiries),
		updated_at             INTEGER NOT NULL,
		PRIMARY KEY (vendor_id, label)
	) STRICT, WITHOUT ROWID;

	-- Step 7's quality check: a conversation sampled in a period, its checklist
	-- score, what was found and what is to be done.
	CREATE TABLE qa_log (
		id         INTEGER PRIMARY KEY,
		vendor_id  INTEGER NOT NULL REFERENCES engagements (vendor_id) ON DELETE CASCADE,
		period     TEXT NOT NULL,
		ref        TEXT NOT NULL,
		score      REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
		finding    TEXT NOT NULL,
		action     TEXT NOT NULL,
		created_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX qa_log_by_vendor ON qa_log (vendor_id, id);`

var (
	// ErrNoEngagement: the vendor has not been engaged (StartEngagement).
	ErrNoEngagement = errors.New("the vendor has no engagement")
	// ErrEngagementExists: the vendor is engaged already; change its terms with
	// SaveEngagement.
	ErrEngagementExists = errors.New("the vendor is engaged already")
	// ErrPeriodExists: a period's figures are stored already; see PeriodExistsError.
	ErrPeriodExists = errors.New("the period's figures are stored already")
)

// PeriodExistsError names the periods whose figures are stored already, when
// they were not to be replaced. errors.Is(err, ErrPeriodExists) holds.
type PeriodExistsError struct {
	VendorID int64
	Labels   []string
}

func (e *PeriodExistsError) Error() string {
	return fmt.Sprintf("vendor %d: %s: %v", e.VendorID, strings.Join(e.Labels, ", "), ErrPeriodExists)
}

// Is makes errors.Is(err, ErrPeriodExists) true.
func (e *PeriodExistsError) Is(target error) bool { return target == ErrPeriodExists }

// date writes a day as the store keeps it; ” for none.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(monitor.DateLayout)
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(monitor.DateLayout, s)
}

// StartEngagement engages a vendor on terms e (monitor.NewEngagement gives the
// usual start). A vendor engaged already refuses with ErrEngagementExists; terms
// that cannot be with the *monitor.Error that says why. Nothing is written then.
func (s *Store) StartEngagement(ctx context.Context, vendorID int64, e monitor.Engagement) error {
	if err := e.Check(); err != nil {
		return fmt.Errorf("start engagement: %w", err)
	}
	return s.write(ctx, "start engagement", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, true); err != nil {
			return err
		}
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM engagements WHERE vendor_id = ?", vendorID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("vendor %d: %w", vendorID, ErrEngagementExists)
		}
		if err := putEngagement(ctx, tx, vendorID, e, now); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// SaveEngagement changes an engaged vendor's terms: dates, periods, definition,
// targets, fee, schedule. Terms that would leave a stored period or QA entry
// outside the engagement, or cut periods another way while any are stored, are
// refused with a *monitor.Error, and nothing is written.
func (s *Store) SaveEngagement(ctx context.Context, vendorID int64, e monitor.Engagement) error {
	if err := e.Check(); err != nil {
		return fmt.Errorf("save engagement: %w", err)
	}
	return s.write(ctx, "save engagement", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, true); err != nil {
			return err
		}
		sessionID, err := engagedSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		rec, err := loadRecord(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		if len(rec.Periods) > 0 && e.Kind != rec.Kind {
			return errPeriodKind(rec.Kind, len(rec.Periods))
		}
		for _, p := range rec.Periods {
			if err := e.CheckPeriod(p); err != nil {
				return err
			}
		}
		for _, q := range rec.QA {
			if in, err := e.Overlaps(q.Period); err != nil || !in {
				return e.CheckPeriod(monitor.Period{Label: q.Period})
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sla_targets WHERE vendor_id = ?", vendorID); err != nil {
			return err
		}
		if err := putEngagement(ctx, tx, vendorID, e, now); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

func errPeriodKind(k monitor.PeriodKind, n int) error {
	return &monitor.Error{Field: "period_kind",
		ZH: fmt.Sprintf("已存有 %d 个按%s统计的周期，不能改变周期", n, map[monitor.PeriodKind]string{monitor.Weekly: "周", monitor.Monthly: "月"}[k]),
		EN: fmt.Sprintf("%d periods are stored by %s: the periods cannot be cut another way", n, k)}
}

// putEngagement writes an engagement's terms and targets, over any it had.
func putEngagement(ctx context.Context, tx *sql.Tx, vendorID int64, e monitor.Engagement, now int64) error {
	tiers := make([][2]float64, len(e.SLA.Schedule.Tiers))
	for i, t := range e.SLA.Schedule.Tiers {
		tiers[i] = [2]float64{t.Shortfall, t.Percent}
	}
	tiersJSON, err := json.Marshal(tiers)
	if err != nil {
		return err
	}
	sch := e.SLA.Schedule
	if _, err := tx.ExecContext(ctx, `INSERT INTO engagements (vendor_id, trial_start, trial_days, contract_start, contract_end,
		period_kind, sl_definition, threshold_s, monthly_fee, fee_source, fee_basis, credit_tiers, per_point, credit_cap,
		earn_back, chronic_misses, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (vendor_id) DO UPDATE SET trial_start = excluded.trial_start, trial_days = excluded.trial_days,
		contract_start = excluded.contract_start, contract_end = excluded.contract_end, period_kind = excluded.period_kind,
		sl_definition = excluded.sl_definition, threshold_s = excluded.threshold_s, monthly_fee = excluded.monthly_fee,
		fee_source = excluded.fee_source, fee_basis = excluded.fee_basis, credit_tiers = excluded.credit_tiers,
		per_point = excluded.per_point, credit_cap = excluded.credit_cap, earn_back = excluded.earn_back,
		chronic_misses = excluded.chronic_misses, updated_at = excluded.updated_at`,
		vendorID, date(e.TrialStart), e.TrialDays, date(e.ContractStart), date(e.ContractEnd), string(e.Kind),
		string(e.SLA.Definition), e.ThresholdS, e.SLA.MonthlyFee, string(e.FeeSource), clean.Line(e.FeeBasis), string(tiersJSON),
		sch.PerPoint, sch.Cap, sch.EarnBack, sch.ChronicMisses, now, now); err != nil {
		return err
	}
	for _, t := range e.SLA.Targets {
		if _, err := tx.ExecContext(ctx, "INSERT INTO sla_targets (vendor_id, kpi, value, origin) VALUES (?, ?, ?, ?)",
			vendorID, string(t.KPI), t.Value, e.Origins[t.KPI]); err != nil {
			return err
		}
	}
	return nil
}

// RemoveEngagement ends monitoring a vendor: its engagement, periods and QA log
// go. There being none is no error.
func (s *Store) RemoveEngagement(ctx context.Context, vendorID int64) error {
	return s.write(ctx, "remove engagement", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, true); err != nil {
			return err
		}
		sessionID, err := vendorSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM engagements WHERE vendor_id = ?", vendorID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// engagedSession returns the session of an engaged vendor: ErrNotFound without
// the vendor, ErrNoEngagement when it is not engaged.
func engagedSession(ctx context.Context, tx *sql.Tx, vendorID int64) (int64, error) {
	sessionID, err := vendorSession(ctx, tx, vendorID)
	if err != nil {
		return 0, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM engagements WHERE vendor_id = ?", vendorID).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("vendor %d: %w", vendorID, ErrNoEngagement)
	}
	return sessionID, nil
}

// Engagement reads a vendor's terms: ErrNotFound without the vendor,
// ErrNoEngagement when it is not engaged.
func (s *Store) Engagement(ctx context.Context, vendorID int64) (monitor.Engagement, error) {
	var e monitor.Engagement
	err := s.readEngaged(ctx, "read engagement", vendorID, func(tx *sql.Tx) (err error) {
		e, err = loadEngagement(ctx, tx, vendorID)
		return err
	})
	return e, err
}

// Monitoring reads everything kept of a vendor's engagement in one snapshot: its
// terms, its periods in time order, its QA log in the order entered.
func (s *Store) Monitoring(ctx context.Context, vendorID int64) (monitor.Record, error) {
	var rec monitor.Record
	err := s.readEngaged(ctx, "read monitoring", vendorID, func(tx *sql.Tx) (err error) {
		rec, err = loadRecord(ctx, tx, vendorID)
		return err
	})
	return rec, err
}

// readEngaged runs fn in a read of a vendor the store's person sees and that is
// engaged: ErrNotFound, ErrNoEngagement otherwise.
func (s *Store) readEngaged(ctx context.Context, what string, vendorID int64, fn func(tx *sql.Tx) error) error {
	return s.read(ctx, what, func(tx *sql.Tx) error {
		if err := s.seesVendor(ctx, tx, vendorID); err != nil {
			return err
		}
		if _, err := engagedSession(ctx, tx, vendorID); err != nil {
			return err
		}
		return fn(tx)
	})
}

// EngagedVendors are the session's vendors that have an engagement, in the
// session's order.
func (s *Store) EngagedVendors(ctx context.Context, sessionID int64) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, "read engaged vendors", func(tx *sql.Tx) error {
		if err := s.seesSession(ctx, tx, sessionID); err != nil {
			return err
		}
		var err error
		ids, err = queryIDs(ctx, tx, `SELECT v.id FROM vendors v JOIN engagements e ON e.vendor_id = v.id
			WHERE v.session_id = ? ORDER BY v.position`, sessionID)
		return err
	})
	return ids, err
}

func loadEngagement(ctx context.Context, tx *sql.Tx, vendorID int64) (monitor.Engagement, error) {
	var e monitor.Engagement
	var trial, cStart, cEnd, kind, def, source, tiersJSON string
	err := tx.QueryRowContext(ctx, `SELECT trial_start, trial_days, contract_start, contract_end, period_kind, sl_definition,
		threshold_s, monthly_fee, fee_source, fee_basis, credit_tiers, per_point, credit_cap, earn_back, chronic_misses
		FROM engagements WHERE vendor_id = ?`, vendorID).Scan(&trial, &e.TrialDays, &cStart, &cEnd, &kind, &def,
		&e.ThresholdS, &e.SLA.MonthlyFee, &source, &e.FeeBasis, &tiersJSON, &e.SLA.Schedule.PerPoint, &e.SLA.Schedule.Cap,
		&e.SLA.Schedule.EarnBack, &e.SLA.Schedule.ChronicMisses)
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("vendor %d: %w", vendorID, ErrNoEngagement)
	}
	if err != nil {
		return e, err
	}
	e.Kind, e.SLA.Definition, e.FeeSource = monitor.PeriodKind(kind), monitor.SLDefinition(def), monitor.FeeSource(source)
	for _, d := range []struct {
		s  string
		to *time.Time
	}{{trial, &e.TrialStart}, {cStart, &e.ContractStart}, {cEnd, &e.ContractEnd}} {
		if *d.to, err = parseDay(d.s); err != nil {
			return e, fmt.Errorf("vendor %d: engagement: %w", vendorID, err)
		}
	}
	var tiers [][2]float64
	if err := json.Unmarshal([]byte(tiersJSON), &tiers); err != nil {
		return e, fmt.Errorf("vendor %d: credit tiers: %w", vendorID, err)
	}
	for _, t := range tiers {
		e.SLA.Schedule.Tiers = append(e.SLA.Schedule.Tiers, monitor.Tier{Shortfall: t[0], Percent: t[1]})
	}
	rows, err := tx.QueryContext(ctx, "SELECT kpi, value, origin FROM sla_targets WHERE vendor_id = ?", vendorID)
	if err != nil {
		return e, err
	}
	defer rows.Close()
	e.Origins = map[monitor.KPI]string{}
	for rows.Next() {
		var t monitor.Target
		var origin string
		if err := rows.Scan(&t.KPI, &t.Value, &origin); err != nil {
			return e, err
		}
		e.SLA.Targets = append(e.SLA.Targets, t)
		if origin != "" {
			e.Origins[t.KPI] = origin
		}
	}
	e.SLA.Targets = monitor.SortTargets(e.SLA.Targets)
	return e, rows.Err()
}

// loadRecord reads an engagement with its periods in time order and its QA log.
func loadRecord(ctx context.Context, tx *sql.Tx, vendorID int64) (monitor.Record, error) {
	var rec monitor.Record
	var err error
	if rec.Engagement, err = loadEngagement(ctx, tx, vendorID); err != nil {
		return rec, err
	}
	if rec.Periods, err = loadPeriods(ctx, tx, vendorID); err != nil {
		return rec, err
	}
	slices.SortStableFunc(rec.Periods, func(a, b monitor.Period) int {
		sa, _, _ := rec.Kind.Span(a.Label)
		sb, _, _ := rec.Kind.Span(b.Label)
		return sa.Compare(sb)
	})
	rec.QA, err = loadQA(ctx, tx, vendorID)
	return rec, err
}

// periodColumns are the columns of a period, in monitor.Period's order.
const periodColumns = `label, offered, answered, answered_in_threshold, abandoned, abandoned_in_threshold, handle_time_s,
	first_contact_resolved, csat_responses, csat_positive, qa_sampled, qa_passed, complaints, presale_inquiries, orders`

func periodFields(p *monitor.Period) []any {
	return []any{&p.Label, &p.Offered, &p.Answered, &p.AnsweredInThreshold, &p.Abandoned, &p.AbandonedInThreshold,
		&p.HandleTimeS, &p.FirstContactResolved, &p.CSATResponses, &p.CSATPositive, &p.QASampled, &p.QAPassed,
		&p.Complaints, &p.PresaleInquiries, &p.Orders}
}

func loadPeriods(ctx context.Context, tx *sql.Tx, vendorID int64) ([]monitor.Period, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+periodColumns+" FROM periods WHERE vendor_id = ?", vendorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []monitor.Period
	for rows.Next() {
		var p monitor.Period
		if err := rows.Scan(periodFields(&p)...); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Periods reads a vendor's stored periods in time order.
func (s *Store) Periods(ctx context.Context, vendorID int64) ([]monitor.Period, error) {
	rec, err := s.Monitoring(ctx, vendorID)
	return rec.Periods, err
}

// SavePeriod stores one period's figures, as a form gives them. A period stored
// already is replaced only when replace is set, else refused with a
// *PeriodExistsError; a period outside the engagement, not of its kind, or with
// figures that cannot be is refused with a *monitor.Error. Nothing is written then.
func (s *Store) SavePeriod(ctx context.Context, vendorID int64, p monitor.Period, replace bool) error {
	return s.ImportPeriods(ctx, vendorID, []monitor.Period{p}, replace)
}

// ImportPeriods stores the periods of a dashboard's CSV (monitor.ReadCSV), all or
// nothing: each is checked as SavePeriod checks one, and every period stored
// already is named in one *PeriodExistsError unless replace is set.
func (s *Store) ImportPeriods(ctx context.Context, vendorID int64, periods []monitor.Period, replace bool) error {
	periods = slices.Clone(periods) // the labels are trimmed here, not in the caller's slice
	for i := range periods {
		periods[i].Label = strings.TrimSpace(periods[i].Label)
	}
	return s.write(ctx, "save periods", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, false); err != nil {
			return err
		}
		sessionID, err := engagedSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		e, err := loadEngagement(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, p := range periods {
			if err := e.CheckPeriod(p); err != nil {
				return err
			}
			if seen[p.Label] {
				return &monitor.Error{Field: "period", ZH: "周期 " + p.Label + " 出现两次", EN: "period " + p.Label + " is given twice"}
			}
			seen[p.Label] = true
		}
		if !replace {
			stored, err := loadPeriods(ctx, tx, vendorID)
			if err != nil {
				return err
			}
			var clash []string
			for _, p := range stored {
				if seen[p.Label] {
					clash = append(clash, p.Label)
				}
			}
			if len(clash) > 0 {
				return &PeriodExistsError{VendorID: vendorID, Labels: clash}
			}
		}
		for _, p := range periods {
			args := []any{vendorID}
			for _, f := range periodFields(&p) {
				switch v := f.(type) {
				case *string:
					args = append(args, *v)
				case *int:
					args = append(args, *v)
				case *float64:
					args = append(args, *v)
				}
			}
			args = append(args, now)
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO periods (vendor_id, `+periodColumns+`, updated_at)
				VALUES (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...); err != nil {
				return err
			}
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// RemovePeriod takes a period's figures back; there being none is no error.
func (s *Store) RemovePeriod(ctx context.Context, vendorID int64, label string) error {
	return s.write(ctx, "remove period", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, false); err != nil {
			return err
		}
		sessionID, err := engagedSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM periods WHERE vendor_id = ? AND label = ?", vendorID, label)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}

// AddQA adds an entry to a vendor's QA log and returns its id. An entry for a
// period outside the engagement, without a conversation or with a score outside
// 0–100 is refused with a *monitor.Error.
func (s *Store) AddQA(ctx context.Context, vendorID int64, q monitor.QAEntry) (int64, error) {
	q.Period, q.Ref = strings.TrimSpace(clean.Line(q.Period)), strings.TrimSpace(clean.Line(q.Ref))
	q.Finding, q.Action = strings.TrimSpace(clean.Text(q.Finding)), strings.TrimSpace(clean.Text(q.Action))
	if err := q.Check(); err != nil {
		return 0, fmt.Errorf("add QA entry: %w", err)
	}
	var id int64
	err := s.write(ctx, "add QA entry", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, false); err != nil {
			return err
		}
		sessionID, err := engagedSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		e, err := loadEngagement(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		if in, err := e.Overlaps(q.Period); err != nil || !in {
			return e.CheckPeriod(monitor.Period{Label: q.Period})
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO qa_log (vendor_id, period, ref, score, finding, action, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, vendorID, q.Period, q.Ref, q.Score, q.Finding, q.Action, now)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return touchSession(ctx, tx, sessionID, now)
	})
	return id, err
}

func loadQA(ctx context.Context, tx *sql.Tx, vendorID int64) ([]monitor.QAEntry, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, period, ref, score, finding, action FROM qa_log WHERE vendor_id = ? ORDER BY id", vendorID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []monitor.QAEntry
	for rows.Next() {
		var q monitor.QAEntry
		if err := rows.Scan(&q.ID, &q.Period, &q.Ref, &q.Score, &q.Finding, &q.Action); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// QALog reads a vendor's QA log in the order entered.
func (s *Store) QALog(ctx context.Context, vendorID int64) ([]monitor.QAEntry, error) {
	rec, err := s.Monitoring(ctx, vendorID)
	return rec.QA, err
}

// RemoveQA takes an entry of a vendor's QA log back; there being none is no error.
func (s *Store) RemoveQA(ctx context.Context, vendorID, entryID int64) error {
	return s.write(ctx, "remove QA entry", func(tx *sql.Tx, now int64) error {
		if err := s.mayChangeVendor(ctx, tx, vendorID, false); err != nil {
			return err
		}
		sessionID, err := engagedSession(ctx, tx, vendorID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM qa_log WHERE vendor_id = ? AND id = ?", vendorID, entryID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return touchSession(ctx, tx, sessionID, now)
	})
}
