package ui

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"vendorvet/db"
	"vendorvet/rubric"
)

// movesScreen says, once, whose totals or verdicts moved when the store was scored
// again under new rules. It is forgotten when the user closes it, not before: a
// quit or a crash while it shows leaves it to be said next time.
type movesScreen struct {
	c     *Common
	moves []db.ScoreMove
	w, h  int
	done  bool
	keys  noticeKeys
}

func newMovesScreen(c *Common, moves []db.ScoreMove) *movesScreen {
	return &movesScreen{c: c, moves: moves, keys: c.keys().Notice}
}

func (s *movesScreen) Init() tea.Cmd { return nil }
func (s *movesScreen) Title() string {
	return s.c.Lang.Pick("评分规则已更新", "Scoring rules updated")
}
func (s *movesScreen) Typing() bool     { return false }
func (s *movesScreen) SetSize(w, h int) { s.w, s.h = w, h }
func (s *movesScreen) ShortHelp() []key.Binding {
	return []key.Binding{s.keys.Close}
}
func (s *movesScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *movesScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, s.keys.Close) && !s.done {
		s.done = true
		s.c.Saver.Save("score-moves", s.Title(), func(ctx context.Context, st *db.Store) error {
			return st.ForgetScoreMoves(ctx)
		})
		return s, s.c.pop()
	}
	return s, nil
}

func (s *movesScreen) View() string {
	c, st := s.c, s.c.Styles
	lang := c.Lang
	var b strings.Builder
	b.WriteString(st.Header.Render(s.Title()) + "\n")
	intro := wrapText(fmt.Sprintf(lang.Pick(
		"此版本的评分规则有所更新,所有服务商已按新规则重新评分。以下 %d 家服务商的总分或结论有变化:",
		"This version scores vendors by updated rules, and every vendor was scored again. The total or verdict of %d moved:"),
		len(s.moves)), max(20, s.w))
	b.WriteString(strings.Join(intro, "\n") + "\n\n")
	lines := s.lines()
	// What the title, the introduction and the blank line under it leave.
	if room := max(1, s.h-len(intro)-2); len(lines) > room {
		more := 0
		for _, l := range lines[room-1:] {
			if strings.HasPrefix(l, "  ") {
				more++
			}
		}
		lines = append(lines[:room-1], st.Faint.Render(fmt.Sprintf(lang.Pick("……另有 %d 家", "…and %d more"), more)))
	}
	b.WriteString(strings.Join(lines, "\n"))
	return strings.TrimRight(b.String(), "\n")
}

// lines are the moves under their sessions' titles, a vendor's name cut to leave
// room for what moved.
func (s *movesScreen) lines() []string {
	var out []string
	for i, m := range s.moves {
		if i == 0 || m.SessionID != s.moves[i-1].SessionID {
			out = append(out, truncate(m.Session, s.w))
		}
		moved := moveText(s.c.Lang, m)
		out = append(out, "  "+truncate(m.Vendor, max(4, s.w-4-width(moved)))+"  "+moved)
	}
	return out
}

// moveText says how a vendor's total and verdict moved.
func moveText(lang rubric.Lang, m db.ScoreMove) string {
	text := rubric.FormatPoints(m.TotalThen) + " → " + rubric.FormatPoints(m.TotalNow)
	if d := math.Round((m.TotalNow-m.TotalThen)*10) / 10; d != 0 {
		text += fmt.Sprintf(" (%+g)", d)
	}
	if m.BandThen != m.BandNow {
		text += "  " + m.BandThen.Label(lang) + " → " + m.BandNow.Label(lang)
	} else {
		// The verdict stands, said so that a disqualified total moving reads right.
		text += "  " + m.BandNow.Label(lang)
	}
	return text
}
