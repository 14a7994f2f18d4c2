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
	p = tea.NewProgram(NewApp(c), tea.WithAltScreen(), tea.WithoutSignalHandler())

	// Signals are handled here rather than by Bubble Tea: its handler sends its quit
	// without looking whether the program already ended, so a SIGTERM arriving after
	// another way out (q, a hangup) blocked it for ever and kept the program from
	// exiting. p.Quit gives up once the program is done. A closed terminal (SIGHUP),
	// a polite kill (SIGTERM) and an interrupt all end the program the same way, and
	// one arriving while the queue is written at the end cannot cut that short.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-sigs:
				p.Quit()
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
