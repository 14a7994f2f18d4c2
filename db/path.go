package db

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// DefaultPath is where the database lives when none is given: the user's data
// directory, $XDG_DATA_HOME when it is set to an absolute path, else
// ~/.local/share on Linux and the BSDs, ~/Library/Application Support on macOS and
// %AppData% on Windows.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir, os.UserConfigDir)
}

func defaultPath(goos string, getenv func(string) string, home, config func() (string, error)) (string, error) {
	// The XDG spec says a relative value is invalid and must be ignored.
	if d := getenv("XDG_DATA_HOME"); d != "" && isAbs(goos, d) {
		return joinFor(goos, d, "vendorvet", "vendorvet.db"), nil
	}
	var base string
	var err error
	switch goos {
	case "darwin", "ios", "windows", "plan9":
		// os.UserConfigDir is ~/Library/Application Support, %AppData% and
		// $home/lib respectively: the data directory of these platforms.
		base, err = config()
	default:
		base, err = home()
		if err == nil {
			base = joinFor(goos, base, ".local", "share")
		}
	}
	if err != nil {
		return "", fmt.Errorf("find the data directory: %w", err)
	}
	return joinFor(goos, base, "vendorvet", "vendorvet.db"), nil
}

// isAbs and joinFor follow goos rather than the running system so that every
// platform's rule can be tested anywhere.
func isAbs(goos, p string) bool {
	if goos == runtime.GOOS {
		return filepath.IsAbs(p)
	}
	if goos == "windows" {
		return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') || strings.HasPrefix(p, `\\`)
	}
	return strings.HasPrefix(p, "/")
}

func joinFor(goos string, elems ...string) string {
	if goos == runtime.GOOS {
		return filepath.Join(elems...)
	}
	sep := "/"
	if goos == "windows" {
		sep = `\`
	}
	return strings.Join(elems, sep)
}

// pragmas reach every pooled connection because they are in the DSN; busy_timeout
// first so that the others wait for a lock instead of failing. _txlock=immediate
// makes every write transaction take the write lock at BEGIN: a deferred one that
// reads then writes fails at once with "database is locked" under contention.
const pragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"

// dsn turns an absolute path into the driver's URI with every pragma.
func dsn(abs string) string { return dsnWith(abs, pragmas) }

// dsnWith turns an absolute path into the driver's URI with the given parameters.
func dsnWith(abs, params string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		// A Windows drive path: file:///C:/...
		p = "/" + p
	}
	return "file://" + escapeURIPath(p) + "?" + params
}

// escapeURIPath percent-encodes every byte SQLite's URI parser could read as syntax
// ('?', '#', '%', …) and everything outside plain ASCII; SQLite decodes %HH back.
func escapeURIPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '/', c == '-', c == '_', c == '.', c == '~', c == ':':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
