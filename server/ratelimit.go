package server

import (
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"golang.org/x/time/rate"
)

// Connections from one address are limited before any key is looked at, so that
// a client trying keys or opening connections in a loop costs the server little
// and the panel nothing.
const (
	// DefaultConnectionsPerMinute is how many new connections an address may
	// open a minute, on average.
	DefaultConnectionsPerMinute = 30
	// limiterIdle is how long an address's allowance is kept after its last
	// connection; by then it has filled up again and is not needed.
	limiterIdle = 10 * time.Minute
)

// connLimiter holds each remote address's allowance of new connections.
type connLimiter struct {
	every rate.Limit
	burst int
	mu    sync.Mutex
	by    map[string]*addrAllowance
}

type addrAllowance struct {
	limiter *rate.Limiter
	last    time.Time
}

// newConnLimiter allows perMinute connections a minute from each address, and
// burst at once: a whole panel behind one address (an office's NAT) connecting
// together.
func newConnLimiter(perMinute, burst int) *connLimiter {
	return &connLimiter{every: rate.Limit(float64(perMinute) / 60), burst: burst, by: map[string]*addrAllowance{}}
}

// allow reports whether the address may open a connection now, and forgets the
// addresses idle long enough to have their whole allowance back.
func (l *connLimiter) allow(addr net.Addr, now time.Time) bool {
	host := addr.String()
	if tcp, ok := addr.(*net.TCPAddr); ok {
		host = tcp.IP.String()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for h, a := range l.by {
		if now.Sub(a.last) > limiterIdle {
			delete(l.by, h)
		}
	}
	a, ok := l.by[host]
	if !ok {
		a = &addrAllowance{limiter: rate.NewLimiter(l.every, l.burst)}
		l.by[host] = a
	}
	a.last = now
	return a.limiter.AllowN(now, 1)
}

// limitConnections closes, before the handshake, a connection from an address
// that has used its allowance.
func (s *Server) limitConnections(_ ssh.Context, conn net.Conn) net.Conn {
	if !s.limiter.allow(conn.RemoteAddr(), time.Now()) {
		s.log.Warn("refused: too many connections", "remote", conn.RemoteAddr().String(),
			"per_minute", s.cfg.ConnectionsPerMinute)
		return nil
	}
	return conn
}
