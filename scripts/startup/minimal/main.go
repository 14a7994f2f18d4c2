// Command minimal is the yardstick of vendorvet's start-up: the smallest Bubble Tea
// v1 program that starts the way vendorvet does (alternate screen), draws one frame
// once it knows the terminal's size, and waits for q.
package main

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct{ w, h int }

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

// View draws nothing until the size is known, as vendorvet does.
func (m model) View() string {
	if m.w == 0 {
		return ""
	}
	return fmt.Sprintf("minimal ready %d×%d — q quits", m.w, m.h)
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "minimal:", err)
		os.Exit(1)
	}
}
