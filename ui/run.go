package ui

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
	"vendorvet/rubric"
)

// defaultFlush bounds how long quitting waits for writes in flight.
const defaultFlush = 10 * time.Second

// Options are the command line's choices for the interface.
type Options struct {
	Lang rubric.Lang
	// Accessible runs plain sequential prompts for screen readers instead of the
	// full-screen interface.
	Accessible bool
}

// ErrNotSaved is returned when some answers could not be written before exit.
var ErrNotSaved = errors.New("some changes could not be saved")

// Run starts the interface on store and returns when the user quits, the terminal
// closes or the process is told to stop; every change queued by then is written
// before it returns.
func Run(store *db.Store, opts Options) error {
	if opts.Accessible {
		return RunAccessible(store, opts, os.Stdin, os.Stdout)
	}
	var p *tea.Program
	saver := NewSaver(store, func(m tea.Msg) {
		if p != nil {
			p.Send(m)
		}
	})
	c := &Common{
		Styles: NewStyles(lipgloss.DefaultRenderer()),
		Lang:   opts.Lang,
		Store:  store,
		Saver:  saver,
		Now:    time.Now,
	}
	p = tea.NewProgram(NewApp(c), tea.WithAltScreen())

	// A closed terminal (SIGHUP) ends the program here; a polite kill (SIGTERM) is
	// Bubble Tea's own to handle. Quitting on SIGTERM as well would race its handler,
	// which then blocks for ever sending a second quit nobody reads. SIGTERM is still
	// caught here so that one arriving while the queue is written at the end cannot
	// cut that short.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case s := <-sigs:
				if s == syscall.SIGHUP {
					p.Quit()
				}
			case <-done:
				return
			}
		}
	}()

	_, runErr := p.Run()
	if !saver.Close(defaultFlush) {
		return fmt.Errorf("%w: %s", ErrNotSaved, store.Path())
	}
	if errors.Is(runErr, tea.ErrProgramKilled) {
		return nil
	}
	return runErr
}
