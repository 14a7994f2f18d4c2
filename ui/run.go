package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"vendorvet/db"
	"vendorvet/internal/stopsignal"
	"vendorvet/rubric"
	"vendorvet/wizard"
)

// defaultFlush bounds how long quitting waits for writes in flight.
const defaultFlush = 10 * time.Second

// checkDelay is how long after the program starts the file's check begins: longer
// than the first screen takes to come out.
const checkDelay = 300 * time.Millisecond

// Options are the command line's choices for the interface.
type Options struct {
	Lang rubric.Lang
	// Evaluator is the name of the person using the interface, as a session's panel
	// knows them; "" acts as each session's lead, and asks who is evaluating when a
	// session with more than one evaluator is opened.
	Evaluator string
	// UserName is the system's name for the person at the keyboard: when the
	// interface asks who is evaluating, it is the answer offered first.
	UserName string
	// People, when set, names everyone who may use this database (the team
	// server's keys file), read anew each time: a panel member is to be one of them.
	People func() []string
}

// newCommon is what the screens share, for opts, acting as opts.Evaluator when one
// is named: before the first screen, so that every read and write is theirs.
func newCommon(store *db.Store, saver *Saver, renderer *lipgloss.Renderer, opts Options) (*Common, error) {
	c := &Common{
		Styles: NewStyles(renderer),
		Theme:  wizard.ThemeFor(renderer),
		Lang:   opts.Lang,
		Store:  store,
		Saver:  saver,
		Now:    time.Now,
		// The name offered when the interface asks who is evaluating.
		UserName: strings.TrimSpace(opts.UserName),
		People:   opts.People,
	}
	if cursor, ok := wizard.NoColorCursorFor(renderer); ok {
		c.noColorCursor = &cursor
	}
	if opts.Evaluator != "" {
		if err := c.actAs(opts.Evaluator); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// ErrNotSaved is returned when some answers could not be written before exit.
var ErrNotSaved = errors.New("some changes could not be saved")

// Run starts the interface on store and returns when the user quits, the terminal
// closes or the process is told to stop; every change queued by then is written
// before it returns.
func Run(store *db.Store, opts Options) error {
	var p *tea.Program
	saver := NewSaver(store, func(m tea.Msg) {
		if p != nil {
			p.Send(m)
		}
	})
	renderer := lipgloss.DefaultRenderer()
	// Asked before Bubble Tea reads the terminal: the first styled text asks the
	// terminal for its background, and its answer would otherwise reach the
	// program as typed keys.
	renderer.HasDarkBackground()
	c, err := newCommon(store, saver, renderer, opts)
	if err != nil {
		saver.Close(defaultFlush)
		return err
	}
	// Without a watcher the application still works; it only misses other
	// windows' changes until a screen reads the store again.
	if w, err := store.Watch(context.Background()); err == nil {
		c.Watch = w
		defer w.Close()
	}
	w, h, err := term.GetSize(os.Stdout.Fd())
	if err != nil {
		w, h = 0, 0
	}
	app := newSizedApp(c, w, h)
	p = tea.NewProgram(app, tea.WithAltScreen(), tea.WithoutSignalHandler())

	// Signals are handled here rather than by Bubble Tea: its handler sends its quit
	// without looking whether the program already ended, so a SIGTERM arriving after
	// another way out (q, a hangup) blocked it for ever and kept the program from
	// exiting. p.Quit gives up once the program is done. A closed terminal (SIGHUP),
	// a polite kill (SIGTERM) and an interrupt all end the program the same way, and
	// one arriving while the queue is written at the end cannot cut that short.
	stop, release := stopsignal.Catch()
	defer release()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-stop:
			p.Quit()
		case <-done:
		}
	}()

	// The store may still be checking the file (db.OpenChecking). Damage ends the
	// program: every write would fail, and the writes waiting for the check are
	// refused rather than made to a damaged file. The outcome is awaited once the
	// check has begun: Checked would begin it before the first screen.
	checking := make(chan struct{})
	damaged := make(chan error, 1)
	go func() {
		select {
		case <-checking:
		case <-done:
			return
		}
		if err := store.Checked(context.Background()); errors.Is(err, db.ErrCorrupt) {
			damaged <- err
			p.Quit()
		}
	}()

	// The check takes a core for a second on years of sessions: begun before the
	// first screen, it slows that screen.
	check := time.AfterFunc(checkDelay, func() {
		store.StartCheck()
		close(checking)
	})
	_, runErr := p.Run()
	check.Stop()
	saved := saver.Close(defaultFlush)
	if err := damage(store, damaged, runErr != nil); err != nil {
		return err
	}
	if !saved {
		return fmt.Errorf("%w: %s", ErrNotSaved, store.Path())
	}
	if errors.Is(runErr, tea.ErrProgramKilled) {
		return nil
	}
	return runErr
}

// newSizedApp is the application read and sized before the program starts, so that
// Bubble Tea's first frame is the whole first screen, its sessions listed, instead
// of one more frame once the size arrives; the size message that comes anyway
// changes nothing. A size of 0 is one not known.
func newSizedApp(c *Common, w, h int) *App {
	app := NewApp(c)
	if w > 0 && h > 0 {
		// The sessions screen answers a size with no command.
		app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	}
	return app
}

// damage is the check's finding of a damaged file, which explains anything else
// that went wrong, or nil. When the interface could not even start, it waits for
// the check to say whether the file is the reason to give.
func damage(store *db.Store, damaged <-chan error, failed bool) error {
	if failed {
		if err := store.Checked(context.Background()); errors.Is(err, db.ErrCorrupt) {
			return err
		}
		return nil
	}
	select {
	case err := <-damaged:
		return err
	default:
		return nil
	}
}
