// Package gendb writes the data internal/gen makes into vendorvet databases, for
// benchmarks and measurements that need a large database on disk.
package gendb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"vendorvet/db"
	"vendorvet/internal/gen"
)

// Database creates a vendorvet database at path holding sessions generated from
// seed, each with vendorsEach vendors. path must not exist yet.
func Database(path string, sessions, vendorsEach int, seed uint64) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("generate database %s: the file already exists", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("generate database %s: %w", path, err)
	}
	store, err := db.Open(path)
	if err != nil {
		return fmt.Errorf("generate database: %w", err)
	}
	r := gen.Rand(seed)
	ctx := context.Background()
	for i := range sessions {
		if _, err := store.ImportSession(ctx, gen.Session(r, vendorsEach)); err != nil {
			store.Close()
			return fmt.Errorf("generate database %s: session %d: %w", path, i+1, err)
		}
	}
	if err := store.Close(); err != nil {
		return fmt.Errorf("generate database %s: %w", path, err)
	}
	return nil
}
