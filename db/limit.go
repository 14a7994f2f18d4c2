package db

import (
	"context"
	"errors"
	"fmt"

	"vendorvet/rubric"
)

// ErrTooManyVendors: the session already holds rubric.MaxVendors vendors (AddVendor),
// or a session to import has more (ImportSession). Nothing was written. The bound
// keeps every read, score and export of a session short; a shortlist rarely passes 20.
var ErrTooManyVendors = errors.New(fmt.Sprintf("a session holds at most %d vendors", rubric.MaxVendors))

// tooManyVendors says which session is full, with ErrTooManyVendors to test for.
func tooManyVendors(sessionID int64) error {
	return fmt.Errorf("session %d: %w", sessionID, ErrTooManyVendors)
}

// noPageLimit is SQLite's own largest page count: setting it lifts a limit.
const noPageLimit = 4294967294

// LimitPages caps the database at pages pages, as a disk with no room left would:
// a write that needs the file to grow past the cap fails with SQLITE_FULL (which
// Cause calls a full disk) and writes nothing, while writes that fit in pages
// the file already has still land. It rehearses a full disk, in tests or by hand.
// SQLite never sets the cap below the current size, so 1 caps the file where it
// is now; pages <= 0 lifts the cap. It returns the cap now in force. The cap holds
// for the store's one connection until the store is closed.
func (s *Store) LimitPages(ctx context.Context, pages int) (int, error) {
	if pages <= 0 {
		pages = noPageLimit
	}
	var limit int
	// PRAGMA takes no bound parameters; pages is an integer.
	err := s.db.QueryRowContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)).Scan(&limit)
	if err != nil {
		return 0, fmt.Errorf("limit the size of %s: %w", s.path, err)
	}
	return limit, nil
}
