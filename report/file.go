package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"vendorvet/clean"
	"vendorvet/internal/tempfile"
)

// ErrExists is returned (wrapped with the path) when the target exists and force is off.
var ErrExists = errors.New("file already exists")

// ErrSymlink is returned (wrapped with the path) when the target is a symbolic link:
// following it could overwrite a file elsewhere, so it is refused even with force.
var ErrSymlink = errors.New("refusing to write through a symbolic link")

// WriteFile writes data to path readable by the owner only (0600, whatever the umask):
// through a temporary file in the same folder that is synced and then renamed into
// place, and the folder synced, so that a crash leaves either the old file or the new
// one. An existing file is replaced only with force; a symbolic link never is. On any
// error the old file is untouched and the temporary file is gone. A write killed
// midway leaves its temporary file; the next write to the same target removes it
// (on Unix, where a lock tells an abandoned temporary file from one being written).
func WriteFile(path string, data []byte, force bool) error {
	if err := checkTarget(path, force); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	// Temporary files of earlier writes to this target that were killed midway.
	tempfile.RemoveAbandoned(path)
	tmp, err := tempfile.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmpName := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if !tempfile.RenameWhileOpen {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := install(tmpName, path, force); err != nil {
		return err
	}
	done = true
	if tempfile.RenameWhileOpen {
		// Closed only now: until the file is in place its lock says it is in use.
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("write %s: sync folder: %w", path, err)
	}
	return nil
}

// checkTarget refuses a symbolic link, a folder, or (without force) any existing file.
func checkTarget(path string, force bool) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", path, err)
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("write %s: %w", path, ErrSymlink)
	case info.IsDir():
		return fmt.Errorf("write %s: it is a folder", path)
	case !force:
		return fmt.Errorf("write %s: %w", path, ErrExists)
	}
	return nil
}

// install moves the finished temporary file to path. Without force a hard link puts
// it there only if nothing has appeared at path in the meantime; where links are not
// supported, the check made before writing has to do.
func install(tmpName, path string, force bool) error {
	if !force {
		err := os.Link(tmpName, path)
		if err == nil {
			if err := os.Remove(tmpName); err != nil {
				return fmt.Errorf("write %s: remove temporary file: %w", path, err)
			}
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
				return fmt.Errorf("write %s: %w", path, ErrSymlink)
			}
			return fmt.Errorf("write %s: %w", path, ErrExists)
		}
	}
	// Checking again narrows the window in which something could have appeared at
	// path; rename itself never writes through a link, it would replace it.
	if err := checkTarget(path, force); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// maxNameBytes keeps a file name (with ".md") within the 255-byte limit of common
// file systems, with room for the temporary-file affixes.
const maxNameBytes = 120

// SafeFileName turns a session title into a default export file name ending in ".md":
// no path separators, "..", control characters, characters Windows forbids or
// leading dots; spaces become "-"; Chinese and other letters are kept; an empty
// result becomes "vendorvet-report".
func SafeFileName(title string) string {
	s := clean.Line(title)
	s = strings.ReplaceAll(s, "..", "")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '/' || r == '\\' || strings.ContainsRune(`:*?"<>|`, r):
			space = true
		case !unicode.IsPrint(r):
		default:
			if space && b.Len() > 0 {
				b.WriteByte('-')
			}
			space = false
			b.WriteRune(r)
		}
	}
	name := strings.TrimLeft(b.String(), ".-")
	name = strings.TrimRight(truncateBytes(name, maxNameBytes), ".-")
	if name == "" {
		name = "vendorvet-report"
	}
	return name + ".md"
}

// truncateBytes cuts s to at most n bytes without splitting a character.
func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
