package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"vendorvet/db"
)

// remoteFlush bounds how long a remote terminal's end waits for its writes: a
// server stopping has every connection's to write within its own few seconds.
const remoteFlush = 5 * time.Second

// Terminal is a terminal the interface runs on other than the process's own, such
// as a person's connected over the network.
type Terminal struct {
	// Renderer styles text for this terminal's colours and background.
	Renderer *lipgloss.Renderer
	// Width and Height are its size when the program starts; 0 when not known.
	Width, Height int
	// Resized delivers its new sizes; nil when the size never changes.
	Resized <-chan tea.WindowSizeMsg
	// ProgramOptions give the program the terminal's input and output.
	ProgramOptions []tea.ProgramOption
}

// RunOn runs the interface on store for terminal t, and returns when the user
// quits, the terminal goes or ctx ends; every change queued by then is written
// before it returns. Unlike Run it catches no signal and leaves the store's check
// to whoever opened it: the caller owns the process and its other terminals.
func RunOn(ctx context.Context, store *db.Store, opts Options, t Terminal) error {
	var p *tea.Program
	saver := NewSaver(store, func(m tea.Msg) {
		if p != nil {
			p.Send(m)
		}
	})
	// Asked before Bubble Tea reads the terminal, as in Run.
	t.Renderer.HasDarkBackground()
	c, err := newCommon(store, saver, t.Renderer, opts)
	if err != nil {
		saver.Close(remoteFlush)
		return err
	}
	c.Remote = true
	if w, err := store.Watch(context.Background()); err == nil {
		c.Watch = w
		defer w.Close()
	}
	app := newSizedApp(c, t.Width, t.Height)
	p = tea.NewProgram(app, append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithoutSignalHandler()}, t.ProgramOptions...)...)

	done := make(chan struct{})
	defer close(done)
	go followTerminal(ctx, p, t.Resized, done)

	_, runErr := p.Run()
	if !saver.Close(remoteFlush) {
		return fmt.Errorf("%w: %s", ErrNotSaved, store.Path())
	}
	if errors.Is(runErr, tea.ErrProgramKilled) {
		return nil
	}
	return runErr
}

// followTerminal passes the terminal's new sizes to the program, and ends it
// politely (its queued changes written) when ctx ends.
func followTerminal(ctx context.Context, p *tea.Program, resized <-chan tea.WindowSizeMsg, done <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			p.Quit()
			return
		case size, ok := <-resized:
			if !ok {
				resized = nil
				continue
			}
			p.Send(size)
		case <-done:
			return
		}
	}
}
