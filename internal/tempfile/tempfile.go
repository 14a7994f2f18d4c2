// Package tempfile makes the temporary files that stand beside a file while its new
// content is written, and removes those that a killed process left behind.
//
// A temporary file of path is named ".BASE.XXXXXXXXXXXX.tmp" in path's folder. While
// its writer lives it holds a lock on it (on Unix), which dies with the process however
// it ends; that is how an abandoned file is told from one being written.
package tempfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// suffix ends every temporary file's name; randomLen is the length of its random part.
const (
	suffix    = ".tmp"
	randomLen = 12
)

// prefix starts the name of every temporary file of path; long names are shortened
// so that the whole name stays within common file-name limits.
func prefix(path string) string {
	return "." + truncate(filepath.Base(path), 100) + "."
}

// Create makes a new temporary file beside path, mode 0600 whatever the umask, open
// for reading and writing, that no one else can have opened. It stays marked as being
// written until it is closed.
func Create(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	for range 10 {
		var r [randomLen / 2]byte
		if _, err := rand.Read(r[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, prefix(path)+hex.EncodeToString(r[:])+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		// Another process's clean-up may have taken the new file for an abandoned one
		// before it was locked: then try another name.
		if !lock(f) || !stillAt(f, name) {
			f.Close()
			continue
		}
		// The umask can only take permissions away, but a chmod states them outright.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			os.Remove(name)
			return nil, err
		}
		return f, nil
	}
	return nil, errors.New("cannot create a temporary file")
}

// RemoveAbandoned removes the temporary files of path that no live process is
// writing, with the "-journal" SQLite may have left beside them. Errors are ignored:
// what cannot be removed now is tried again next time.
func RemoveAbandoned(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	p := prefix(path)
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, p) || !strings.HasSuffix(name, suffix) {
			continue
		}
		if !isRandom(strings.TrimSuffix(strings.TrimPrefix(name, p), suffix)) {
			continue
		}
		full := filepath.Join(dir, name)
		if removeIfAbandoned(full) {
			os.Remove(full + "-journal")
		}
	}
}

// stillAt reports whether the open file f is the file at name.
func stillAt(f *os.File, name string) bool {
	opened, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Lstat(name)
	return err == nil && os.SameFile(opened, now)
}

// isRandom reports whether s is the random part Create puts in a name.
func isRandom(s string) bool {
	if len(s) != randomLen || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
