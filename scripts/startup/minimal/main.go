// Command minimal is the yardstick of vendorvet's start-up: the smallest Bubble Tea
// v1 program that starts the way vendorvet does (the same database opened and read
// before the program starts, the alternate screen), draws one frame once it knows
// the terminal's size, and waits for q.
//
// Usage: minimal [-db FILE]; with a database, the frame shows the title of the
// session changed last, read with database/sql and the same SQLite driver.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	_ "modernc.org/sqlite"
)

type model struct {
	row  string
	w, h int
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.String() == "q" || msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	return m, nil
}

// View draws nothing until the size is known.
func (m model) View() string {
	if m.w == 0 {
		return ""
	}
	return fmt.Sprintf("%s\n\nminimal ready %d×%d — q quits", m.row, m.w, m.h)
}

func main() {
	path := flag.String("db", "", "vendorvet database whose first row to show")
	flag.Parse()
	var m model
	var db *sql.DB
	if *path != "" {
		var err error
		if db, err = sql.Open("sqlite", *path); err != nil {
			fail(err)
		}
		err = db.QueryRow("SELECT title FROM sessions ORDER BY updated_at DESC, id DESC LIMIT 1").Scan(&m.row)
		if err != nil {
			fail(err)
		}
	}
	_, err := tea.NewProgram(m, tea.WithAltScreen()).Run()
	// Closed before exit, so that SQLite folds its log into the file and removes it,
	// as vendorvet does: a log left beside the file would be checked at next start.
	if db != nil {
		db.Close()
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "minimal:", err)
	os.Exit(1)
}
