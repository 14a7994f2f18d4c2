// Command mkdb writes the database the start-up measurement opens: years of
// generated sessions (a copy of the generator's cached database, built on first use)
// and, changed last so that it heads the list, one session with a long shortlist.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"vendorvet/db"
	"vendorvet/internal/gen"
	"vendorvet/internal/gen/gendb"
	"vendorvet/rubric"
)

func main() {
	out := flag.String("o", "", "database to write (must not exist)")
	sessions := flag.Int("sessions", 10000, "generated sessions")
	vendors := flag.Int("vendors", 5, "vendors in each generated session")
	open := flag.Int("open", 50, "vendors in the session at the top of the list (0: none)")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "mkdb: -o is required")
		os.Exit(2)
	}
	if err := run(*out, *sessions, *vendors, *open, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "mkdb:", err)
		os.Exit(1)
	}
}

func run(out string, sessions, vendors, open int, seed uint64) error {
	start := time.Now()
	if err := gendb.CopyCached(out, sessions, vendors, seed); err != nil {
		return err
	}
	if open > 0 {
		store, err := db.Open(out)
		if err != nil {
			return err
		}
		s := gen.Session(gen.Rand(seed+1), open)
		s.Title, s.Lang = fmt.Sprintf("Shortlist of %d vendors", open), rubric.EN
		if _, err := store.ImportSession(context.Background(), s); err != nil {
			store.Close()
			return fmt.Errorf("import the %d-vendor session: %w", open, err)
		}
		if err := store.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "mkdb: %s: %d sessions of %d vendors and one of %d, in %v\n",
		out, sessions, vendors, open, time.Since(start).Round(time.Millisecond))
	return nil
}
