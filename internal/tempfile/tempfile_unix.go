//go:build unix

package tempfile

import (
	"errors"
	"os"
	"syscall"
)

// RenameWhileOpen is true where a file may be renamed while it is open: the writer
// then keeps its temporary file open, and so locked, until it is in place.
const RenameWhileOpen = true

// lock marks f as being written. It reports false only when another process holds
// the lock; on a file system without locks the file is used unlocked, and
// removeIfAbandoned leaves such files alone.
func lock(f *os.File) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	return !errors.Is(err, syscall.EWOULDBLOCK)
}

// removeIfAbandoned removes the file at path if no live process holds its lock, and
// reports whether it did.
func removeIfAbandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return false // a live writer holds it, or the file system has no locks
	}
	// Locked by us, so no writer holds it; remove it only if it is still the file at
	// path (it may have been renamed into place meanwhile).
	return stillAt(f, path) && os.Remove(path) == nil
}
