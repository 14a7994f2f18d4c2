//go:build unix

package report

import (
	"errors"
	"os"
	"syscall"
)

// renameWhileOpen: a file may be renamed while open, so the writer keeps its lock on
// the temporary file until it is in place.
const renameWhileOpen = true

// lockTemp marks a temporary file as being written by a live process. The lock goes
// with the process however it ends, even by SIGKILL, which is how a later write tells
// an abandoned temporary file from one in progress. It reports false only when
// another process holds the lock; on a file system without locks the file is used
// unlocked, and removeAbandoned leaves such files alone.
func lockTemp(f *os.File) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	return !errors.Is(err, syscall.EWOULDBLOCK)
}

// removeAbandoned removes the temporary file at path if no live process holds its lock.
func removeAbandoned(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // a live writer holds it, or the file system has no locks
	}
	// Locked by us, so no writer holds it; remove it only if it is still the file
	// at path (it may have been renamed into place meanwhile and replaced).
	opened, err := f.Stat()
	if err != nil {
		return
	}
	if now, err := os.Lstat(path); err == nil && os.SameFile(opened, now) {
		os.Remove(path)
	}
}
