package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"vendorvet/db"
	"vendorvet/internal/stopsignal"
	"vendorvet/rubric"
)

// defaultFlush bounds how long quitting waits for writes in flight.
const defaultFlush = 10 * time.Second

// checkDelay is how long after the first screen the file's check begins.
const checkDelay = 300 * time.Millisecond

// Options are the command line's choices for the interface.
type Options struct {
	Lang rubric.Lang
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
	c := &Common{
		Styles: NewStyles(renderer),
		Lang:   opts.Lang,
		Store:  store,
		Saver:  saver,
		Now:    time.Now,
	}
	// Without a watcher the application still works; it only misses other
	// windows' changes until a screen reads the store again.
	if w, err := store.Watch(context.Background()); err == nil {
		c.Watch = w
		defer w.Close()
	}
	// The check of the file (db.OpenChecking) takes a core for a second on years of
	// sessions: begun at once, it slowed the first screen by half. It begins a few
	// frames after that screen was handed to the renderer, which writes a frame out
	// every 1/60 s.
	start := &starting{c: c}
	// Sized before the program starts, the first frame Bubble Tea draws is the whole
	// screen instead of one more frame once the size arrives (another 15–20 ms);
	// the size message that comes anyway changes nothing.
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 && h > 0 {
		start.size = tea.WindowSizeMsg{Width: w, Height: h}
	}
	checking := make(chan struct{})
	model := &firstFrame{Model: start, then: func() {
		time.AfterFunc(checkDelay, func() {
			store.StartCheck()
			close(checking)
		})
	}}
	p = tea.NewProgram(model, tea.WithAltScreen(), tea.WithoutSignalHandler())

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

	_, runErr := p.Run()
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

// firstFrame is the application with a call made once, when it first draws a
// screen with something on it.
type firstFrame struct {
	tea.Model
	then func()
	done bool
}

func (f *firstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := f.Model.Update(msg)
	f.Model = m
	return f, cmd
}

func (f *firstFrame) View() string {
	v := f.Model.View()
	if !f.done && v != "" {
		f.done = true
		f.then()
	}
	return v
}

// starting is the program's model while the application reads what its first
// screen shows (the sessions counted, the first page of them): that reading, 5–10 ms
// with nothing in SQLite's cache yet, runs while Bubble Tea starts, which writes
// its first frame only at its first tick, 1/60 s in. Until then it draws nothing,
// keeps the latest size and every other message, and hands them to the
// application, in order, once it is ready: a key pressed that early is not lost.
type starting struct {
	c     *Common
	size  tea.WindowSizeMsg
	early []tea.Msg
}

// appReady carries the application, read and ready.
type appReady struct{ app *App }

func (s *starting) Init() tea.Cmd {
	c := s.c
	return func() tea.Msg { return appReady{NewApp(c)} }
}

func (s *starting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case appReady:
		app := msg.app
		cmds := []tea.Cmd{app.Init()}
		if s.size.Width > 0 {
			_, cmd := app.Update(s.size)
			cmds = append(cmds, cmd)
		}
		for _, m := range s.early {
			_, cmd := app.Update(m)
			cmds = append(cmds, cmd)
		}
		return app, tea.Batch(cmds...)
	case tea.WindowSizeMsg:
		s.size = msg
	default:
		s.early = append(s.early, msg)
	}
	return s, nil
}

func (s *starting) View() string { return "" }
