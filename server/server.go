// Package server puts vendorvet in front of a team over SSH: each person known by
// their key in the keys file gets the full interface, acting as themselves on the
// shared database, or runs a command (list, export, score) whose output comes
// back over the connection. Nothing a client sends is ever written to a path on
// the server.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"vendorvet/db"
	"vendorvet/rubric"
)

// Defaults of Config.
const (
	DefaultListen      = "127.0.0.1:23234"
	DefaultMaxSessions = 50
	DefaultIdleTimeout = 30 * time.Minute
	// keysPoll is how often the keys file is looked at for a change.
	keysPoll = time.Second
)

// CommandFunc runs a command given after the host (ssh host list) on store, which
// acts as the person connected, writing to stdout and stderr; it returns the exit
// status.
type CommandFunc func(ctx context.Context, store *db.Store, lang rubric.Lang, args []string, stdout, stderr io.Writer) int

// Config is what a server is made with.
type Config struct {
	Listen      string // address to listen on; DefaultListen when ""
	HostKeyPath string // the server's private key, made (mode 0600) when missing
	KeysPath    string // the keys file: who may connect, and as what
	DBPath      string // the database every connection shares
	MaxSessions int    // sessions connected at once; DefaultMaxSessions when 0
	// IdleTimeout ends a connection with no input for that long; DefaultIdleTimeout when 0.
	IdleTimeout time.Duration
	// ConnectionsPerMinute is how many connections one address may open a minute
	// (twice MaxSessions, and at least 10, at once); DefaultConnectionsPerMinute
	// when 0.
	ConnectionsPerMinute int
	// Lang is the language of a person whose terminal says none (LANG, LC_ALL).
	Lang rubric.Lang
	// LangFor reads a language from a connection's environment; nil: always Lang.
	LangFor func(getenv func(string) string) rubric.Lang
	// Commands runs the commands given after the host; nil refuses every command.
	Commands CommandFunc
	// Reload asks for the keys file to be read again (SIGHUP), besides its changes.
	Reload <-chan os.Signal
	// Logger receives the structured log; nil: the standard one of charmbracelet/log.
	Logger *log.Logger
}

// Server is a running team server.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	keys    keyring
	log     *log.Logger
	limiter *connLimiter

	// ctx ends every connection's interface when the server stops.
	ctx    context.Context
	cancel context.CancelFunc
	// handlers counts the sessions being served, which Shutdown waits for; none
	// begins once closing is set.
	mu       sync.Mutex
	closing  bool
	handlers sync.WaitGroup
	active   atomic.Int64
}

// New makes a server from cfg: it reads the keys file and loads or makes the host
// key, but listens nowhere yet (Serve, ListenAndServe).
func New(cfg Config) (*Server, error) {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.ConnectionsPerMinute <= 0 {
		cfg.ConnectionsPerMinute = DefaultConnectionsPerMinute
	}
	s := &Server{cfg: cfg, log: cfg.Logger, limiter: newConnLimiter(cfg.ConnectionsPerMinute, max(2*cfg.MaxSessions, 10))}
	if s.log == nil {
		s.log = log.Default()
	}
	if err := s.loadKeys("start"); err != nil {
		return nil, fmt.Errorf("keys file %s: %w", cfg.KeysPath, err)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		// Keys only: without password and keyboard-interactive handlers those
		// methods are not even offered.
		wish.WithPublicKeyAuth(s.allowKey),
		// A backstop to the interface's own idle timer (idle.go): a connection
		// that sends and receives nothing at all.
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMiddleware(s.serveSession),
		ssh.WrapConn(s.limitConnections),
	)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", cfg.HostKeyPath, err)
	}
	// No forwarding of ports, agents or X11, no subsystem (sftp): the nil
	// callbacks and handlers refuse them all.
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	srv.SubsystemHandlers = nil
	srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
		s.log.Info("connection failed", "remote", conn.RemoteAddr().String(), "err", err)
	}
	s.ssh = srv
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.watchKeys()
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() string { return s.cfg.Listen }

// ListenAndServe listens on the configured address and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// Serve serves the connections of l until Shutdown; it then returns nil.
func (s *Server) Serve(l net.Listener) error {
	s.cfg.Listen = l.Addr().String()
	s.log.Info("listening", "addr", s.cfg.Listen, "keys", s.cfg.KeysPath, "db", s.cfg.DBPath)
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, ends every interface (each writes the
// changes it has queued) and waits for the sessions until ctx ends; the
// connections are then closed, whether their clients closed them or not.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.log.Info("stopping", "sessions", s.active.Load())
	s.cancel()
	// Closes the listeners at once; its waiting for the clients is not needed, as
	// the sessions are waited for here.
	go s.ssh.Shutdown(ctx)
	finished := make(chan struct{})
	go func() {
		s.handlers.Wait()
		close(finished)
	}()
	var err error
	select {
	case <-finished:
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.ssh.Close()
	return err
}

// begin counts a session Shutdown is to wait for, or reports false once the
// server is stopping.
func (s *Server) begin() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.handlers.Add(1)
	return true
}

// allowKey lets in the holders of the keys in the keys file, and logs any other.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.keys.lookup(key); !ok {
		s.log.Warn("refused key", "user", ctx.User(), "remote", ctx.RemoteAddr().String(),
			"type", key.Type(), "fingerprint", gossh.FingerprintSHA256(key))
		return false
	}
	return true
}

// personOf is who holds the key a session was authenticated with, as the keys
// file says now: the key itself, not one merely offered during authentication,
// and no longer anyone once their line is gone.
func (s *Server) personOf(sess ssh.Session) (Person, bool) {
	key := sess.PublicKey()
	if key == nil {
		return Person{}, false
	}
	return s.keys.lookup(key)
}
