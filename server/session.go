package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/rubric"
	"vendorvet/ui"
)

// serveSession is the only handler of the server: no shell, only the interface
// or one of the commands.
func (s *Server) serveSession(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if !s.begin() {
			_ = sess.Exit(1)
			return
		}
		defer s.handlers.Done()
		status := s.runSession(sess)
		_ = sess.Exit(status)
	}
}

// runSession serves one session and returns its exit status. A panic ends that
// session alone, logged with its stack.
func (s *Server) runSession(sess ssh.Session) (status int) {
	p, ok := s.personOf(sess)
	if !ok {
		// Their line left the keys file between authentication and now.
		return 1
	}
	lang := s.langOf(sess)
	logger := s.log.With("user", p.Name, "role", string(p.Role), "remote", sess.RemoteAddr().String(),
		"fingerprint", gossh.FingerprintSHA256(sess.PublicKey()))
	if n := s.active.Add(1); n > int64(s.cfg.MaxSessions) {
		s.active.Add(-1)
		logger.Warn("refused: too many sessions", "max", s.cfg.MaxSessions)
		fmt.Fprintln(sess.Stderr(), lang.Pick(
			fmt.Sprintf("服务器已有 %d 个连接，请稍后再试。", s.cfg.MaxSessions),
			fmt.Sprintf("The server has %d sessions already; try again later.", s.cfg.MaxSessions)))
		return 1
	}
	defer s.active.Add(-1)
	started := time.Now()
	logger.Info("connect", "command", strings.Join(sess.Command(), " "))
	defer func() {
		if r := recover(); r != nil {
			logger.Error("panic", "panic", r, "stack", string(debug.Stack()))
			status = 1
		}
		logger.Info("disconnect", "after", time.Since(started).Round(time.Millisecond), "status", status)
	}()

	store, err := s.openStore(p)
	if err != nil {
		logger.Error("open database", "err", err)
		fmt.Fprintln(sess.Stderr(), lang.Pick("无法打开数据库。", "The database could not be opened."))
		return 1
	}
	defer store.Close()

	if cmd := sess.Command(); len(cmd) > 0 {
		return s.runCommand(sess, store, p, lang, cmd)
	}
	return s.runInterface(sess, store, p, lang, logger)
}

// openStore opens the shared database for one person: a store of their own, as a
// store acts as one person at a time, and one that only reads for a viewer. Every
// person acts as themselves, an admin too: acting as no one would make the store
// act as each session's lead and let the interface ask who is evaluating, and so
// let one person write under another's name. Everyone but an admin sees only the
// sessions whose panel they are on (db.Store.MembersOnly), and only an admin or a
// lead starts new ones. The pages are checked on its first write rather than at
// every connection.
func (s *Server) openStore(p Person) (*db.Store, error) {
	store, err := db.OpenChecking(s.cfg.DBPath)
	if err != nil {
		return nil, err
	}
	if err := store.ActAs(p.Name); err != nil {
		store.Close()
		return nil, err
	}
	switch p.Role {
	case Viewer:
		store.ViewOnly()
		store.MembersOnly(false)
	case Evaluator:
		store.MembersOnly(false)
	case Lead:
		store.MembersOnly(true)
	}
	return store, nil
}

// runCommand runs a command given after the host: people, the server's own, or
// one of Config.Commands.
func (s *Server) runCommand(sess ssh.Session, store *db.Store, p Person, lang rubric.Lang, cmd []string) int {
	if cmd[0] == "people" {
		return s.people(sess, p, lang, cmd[1:])
	}
	if s.cfg.Commands == nil {
		fmt.Fprintln(sess.Stderr(), lang.Pick("此服务器不接受命令。", "This server takes no commands."))
		return 2
	}
	return s.cfg.Commands(sess.Context(), store, lang, cmd, sess, sess.Stderr())
}

// people lists, for an admin, everyone the keys file lets in: role, name and the
// fingerprint of their key, as the log names refused keys.
func (s *Server) people(sess ssh.Session, p Person, lang rubric.Lang, args []string) int {
	if p.Role != Admin {
		fmt.Fprintln(sess.Stderr(), lang.Pick("只有 admin 可以列出服务器上的人。", "Only an admin may list the people of the server."))
		return 1
	}
	if len(args) > 0 {
		fmt.Fprintln(sess.Stderr(), lang.Pick("people 不带参数。", "people takes no arguments."))
		return 2
	}
	w := tabwriter.NewWriter(sess, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, lang.Pick("角色\t姓名\t密钥指纹", "ROLE\tNAME\tKEY FINGERPRINT"))
	for _, q := range s.keys.people() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", q.Role, q.Name, gossh.FingerprintSHA256(q.Key))
	}
	if err := w.Flush(); err != nil {
		return 1
	}
	return 0
}

// runInterface runs the full interface on the session's terminal until the person
// quits, goes idle, disconnects or the server stops.
func (s *Server) runInterface(sess ssh.Session, store *db.Store, p Person, lang rubric.Lang, logger interface {
	Error(any, ...any)
	Info(any, ...any)
}) int {
	pty, windows, ok := sess.Pty()
	if !ok {
		fmt.Fprintln(sess.Stderr(), lang.Pick(
			"需要终端（ssh -t），或在主机后给出命令：list、export、score、monitor report。",
			"This needs a terminal (ssh -t), or a command after the host: list, export, score or monitor report."))
		return 2
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The connection's end ends the interface too.
	stop := context.AfterFunc(sess.Context(), cancel)
	defer stop()

	// The channel's end ends it as well: a client may close the session and keep
	// the connection (OpenSSH's connection sharing does), and the interface must
	// not run on unseen, holding a place, until the idle timeout.
	input := &idleReader{r: sess, last: time.Now(), ended: cancel}
	// The server stopping ends it once the keys already on their way have been
	// taken: a person typing when the server is told to stop loses nothing typed.
	stopping := context.AfterFunc(s.ctx, func() {
		input.settle(inputSettled, inputSettleMax)
		cancel()
	})
	defer stopping()
	var idled atomic.Bool
	go input.watch(ctx, s.cfg.IdleTimeout, func() {
		logger.Info("idle", "timeout", s.cfg.IdleTimeout)
		idled.Store(true)
		cancel()
	})
	resized := make(chan tea.WindowSizeMsg, 1)
	go forwardSizes(ctx, windows, resized)

	err := ui.RunOn(ctx, store, ui.Options{Lang: lang, Evaluator: p.Name, UserName: p.Name, People: s.keys.names}, ui.Terminal{
		Renderer: bm.MakeRenderer(sess),
		Width:    pty.Window.Width,
		Height:   pty.Window.Height,
		Resized:  resized,
		// Frames go out on a timer: at Bubble Tea's usual 60 a second a key waits
		// up to a whole frame (16.7 ms) before the network adds its own delay, so
		// the timer runs at the most Bubble Tea allows.
		ProgramOptions: []tea.ProgramOption{tea.WithInput(input), tea.WithOutput(sess), tea.WithFPS(120)},
	})
	switch {
	case errors.Is(err, ui.ErrNotSaved):
		logger.Error("changes not saved", "err", err)
		fmt.Fprintln(sess, lang.Pick("有修改未能保存，请联系管理员。", "Some changes could not be saved; tell the server's admin."))
		return 1
	case err != nil:
		logger.Error("interface stopped", "err", err)
		return 1
	}
	// Said on the terminal left behind, once the interface has given it back.
	switch {
	case s.ctx.Err() != nil:
		fmt.Fprintln(sess, lang.Pick("vendorvet 服务器正在停止；你的修改都已保存。", "The vendorvet server is stopping; your changes are saved."))
	case idled.Load():
		fmt.Fprintln(sess, lang.Pick(fmt.Sprintf("%v 无输入，已断开；你的修改都已保存。", s.cfg.IdleTimeout),
			fmt.Sprintf("Disconnected after %v without input; your changes are saved.", s.cfg.IdleTimeout)))
	}
	return 0
}

// forwardSizes passes the terminal's new sizes to the interface.
func forwardSizes(ctx context.Context, windows <-chan ssh.Window, to chan<- tea.WindowSizeMsg) {
	for {
		select {
		case <-ctx.Done():
			return
		case w, ok := <-windows:
			if !ok {
				return
			}
			select {
			case to <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// langOf is the language of a connection: from its terminal's locale when the
// client sent one, else the server's.
func (s *Server) langOf(sess ssh.Session) rubric.Lang {
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if s.cfg.LangFor == nil || (env["LC_ALL"] == "" && env["LC_MESSAGES"] == "" && env["LANG"] == "") {
		return s.cfg.Lang
	}
	return s.cfg.LangFor(func(k string) string { return env[k] })
}

// idleReader is a terminal's input that remembers when the person last typed:
// the screen's own output (a blinking cursor) must not keep a connection alive.
// When the input ends (the channel closed), ended is called.
type idleReader struct {
	r     io.Reader
	mu    sync.Mutex
	last  time.Time
	ended func()
}

func (i *idleReader) Read(b []byte) (int, error) {
	n, err := i.r.Read(b)
	if n > 0 {
		i.mu.Lock()
		i.last = time.Now()
		i.mu.Unlock()
	}
	if err != nil && i.ended != nil {
		i.ended()
	}
	return n, err
}

// Keys that reached the server before it stopped are taken by the interface: it
// ends once no input has arrived for inputSettled, or after inputSettleMax of
// someone typing on regardless.
const (
	inputSettled   = 150 * time.Millisecond
	inputSettleMax = time.Second
)

// settle returns once no input has come for quiet, or after max.
func (i *idleReader) settle(quiet, max time.Duration) {
	deadline := time.Now().Add(max)
	for {
		left := quiet - i.idleFor()
		if left <= 0 || time.Now().After(deadline) {
			return
		}
		time.Sleep(min(left, time.Until(deadline)))
	}
}

func (i *idleReader) idleFor() time.Duration {
	i.mu.Lock()
	defer i.mu.Unlock()
	return time.Since(i.last)
}

// watch calls expire once nothing has been typed for timeout, unless ctx ends first.
func (i *idleReader) watch(ctx context.Context, timeout time.Duration, expire func()) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			left := timeout - i.idleFor()
			if left <= 0 {
				expire()
				return
			}
			t.Reset(left)
		}
	}
}
