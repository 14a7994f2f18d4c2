package gendb

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"vendorvet/db"
	"vendorvet/internal/gen"
)

// CacheDir is the folder in os.TempDir where Cached keeps the databases it built.
func CacheDir() string { return filepath.Join(os.TempDir(), "vendorvet-gen") }

// Cached returns the path of a database as Database(path, sessions, vendorsEach,
// seed) makes it. Building a large database is slow, so the file is built once in
// CacheDir, named by its parameters, the generator's Version and the schema version,
// and reused afterwards. Treat it as read-only: CopyCached gives a copy to write to.
func Cached(sessions, vendorsEach int, seed uint64) (string, error) {
	dir := CacheDir()
	name := fmt.Sprintf("v%d-schema%d-%dx%d-seed%d.db", gen.Version, db.SchemaVersion, sessions, vendorsEach, seed)
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("cached database %s: %w", path, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cached database: %w", err)
	}
	// Built under a private name and renamed when complete, so that an interrupted
	// build or another process building the same file at once never leaves a half
	// database under the final name.
	tmpDir, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return "", fmt.Errorf("cached database: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, name)
	if err := Database(tmp, sessions, vendorsEach, seed); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("cached database %s: %w", path, err)
	}
	return path, nil
}

// CopyCached writes a copy of the Cached database with these parameters to path,
// which must not exist yet.
func CopyCached(path string, sessions, vendorsEach int, seed uint64) error {
	src, err := Cached(sessions, vendorsEach, seed)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(path)
		return fmt.Errorf("copy %s to %s: %w", src, path, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("copy %s to %s: %w", src, path, err)
	}
	return nil
}
