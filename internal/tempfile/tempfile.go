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

// RemoveAbandoned removes, in path's folder, every temporary file of ours that no
// live process is writing, whichever file it was for, with the "-journal" SQLite
// may have left beside it, and every such journal whose temporary file is gone.
// Errors are ignored: what cannot be removed now is tried again next time.
func RemoveAbandoned(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(dir, name)
		if !e.Type().IsRegular() || !private(e) {
			continue
		}
		switch {
		case isTempName(name):
			if removeIfAbandoned(full) {
				os.Remove(full + journalSuffix)
			}
		case strings.HasSuffix(name, journalSuffix) && isTempName(strings.TrimSuffix(name, journalSuffix)):
			// SQLite removes its journal before the copy is put in place, and the
			// temporary file only after: a journal alone is a killed writer's.
			if _, err := os.Lstat(strings.TrimSuffix(full, journalSuffix)); errors.Is(err, fs.ErrNotExist) {
				os.Remove(full)
			}
		}
	}
}

// journalSuffix ends the name of the journal SQLite keeps beside a database it
// writes, a temporary copy among them.
const journalSuffix = "-journal"

// isTempName reports whether name is one Create gives: ".BASE.XXXXXXXXXXXX.tmp".
func isTempName(name string) bool {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return false
	}
	if rest, ok = strings.CutSuffix(rest, suffix); !ok {
		return false
	}
	dot := len(rest) - randomLen - 1
	return dot > 0 && rest[dot] == '.' && isRandom(rest[dot+1:])
}

// private reports whether e is mode 0600, as every temporary file Create makes and
// the journal SQLite makes beside one: a file of the same look but another mode is
// not ours.
func private(e fs.DirEntry) bool {
	info, err := e.Info()
	return err == nil && info.Mode().Perm() == 0o600
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
