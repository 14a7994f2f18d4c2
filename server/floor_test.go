package server

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/wizard"
)

// The floor is the least a Bubble Tea program served by wish costs: wish's own
// bubbletea middleware, the same SSH handling as the team server (public keys
// only, the same idle timeout, an emulated terminal, the alternate screen, a
// lipgloss renderer made for the session, which asks the terminal its colours),
// and a model of one line of text. It lives among the server's tests rather than
// as a program under scripts/ so that the same benchmark binary, the same clients
// and the same minute of a shared machine measure it beside the team server.

// floorModel is one line echoing what was typed, drawn as the team server draws a
// number field: the typing mark, then the text or "unknown". It keeps the text
// rather than the last key alone so that every key changes the line, as every key
// typed into the field does (Bubble Tea writes nothing for a frame that did not
// change).
type floorModel struct {
	label lipgloss.Style
	text  []rune
}

func (m floorModel) Init() tea.Cmd { return nil }

func (m floorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch k.Type {
	case tea.KeyCtrlC:
		return m, tea.Quit
	case tea.KeyBackspace:
		if len(m.text) > 0 {
			m.text = m.text[:len(m.text)-1]
		}
	case tea.KeyRunes:
		m.text = append(m.text[:len(m.text):len(m.text)], k.Runes...)
	}
	return m, nil
}

func (m floorModel) View() string {
	text := string(m.text)
	if text == "" {
		text = fieldEmpty
	}
	return m.label.Render("floor") + wizard.TypingMark + text
}

// startFloor serves the floor on a random loopback port to the holders of keys,
// until the benchmark ends; it returns the address.
func startFloor(b *testing.B, keys []gossh.PublicKey) string {
	b.Helper()
	allowed := map[string]bool{}
	for _, k := range keys {
		allowed[string(k.Marshal())] = true
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(b.TempDir(), "host_ed25519")),
		wish.WithPublicKeyAuth(func(_ ssh.Context, key ssh.PublicKey) bool { return allowed[string(key.Marshal())] }),
		wish.WithIdleTimeout(DefaultIdleTimeout),
		wish.WithMiddleware(bm.Middleware(func(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
			r := bm.MakeRenderer(sess)
			return floorModel{label: r.NewStyle().Bold(true)}, []tea.ProgramOption{tea.WithAltScreen()}
		})),
	)
	if err != nil {
		b.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		if err := <-served; err != nil && err != ssh.ErrServerClosed {
			b.Errorf("floor: %v", err)
		}
	})
	return l.Addr().String()
}

// The floor draws what was typed as the field does, and "unknown" for nothing.
func TestFloorEchoesTheTypedText(t *testing.T) {
	m := tea.Model(floorModel{})
	for _, k := range []tea.KeyMsg{runes("1"), runes("2"), {Type: tea.KeyBackspace}, runes("0")} {
		m, _ = m.Update(k)
	}
	if got := m.View(); !strings.HasSuffix(got, wizard.TypingMark+"10") {
		t.Errorf("after 1, 2, backspace, 0: %q", got)
	}
	for range 3 {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	if got := m.View(); !strings.HasSuffix(got, wizard.TypingMark+fieldEmpty) {
		t.Errorf("emptied: %q", got)
	}
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
