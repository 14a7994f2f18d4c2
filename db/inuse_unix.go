//go:build unix

package db

import (
	"os"
	"syscall"
)

// SQLite's lock bytes in a database file (os_unix.c): a connection holds a read
// lock on the shared range for as long as it has the file open in WAL mode.
const (
	sqliteSharedFirst = 0x40000000 + 2
	sqliteSharedSize  = 510
)

// inUseElsewhere reports whether another process has the open database file f
// open through SQLite in WAL mode. A lock this process holds is not seen.
func inUseElsewhere(f *os.File) bool {
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: sqliteSharedFirst, Len: sqliteSharedSize}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != syscall.F_UNLCK
}
