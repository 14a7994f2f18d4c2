package db

import (
	"errors"
	"os"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
)

// lowRoom is free space so small that an I/O error is taken for a full disk: SQLite
// reports a -shm index it cannot grow (32 KiB) as a plain I/O error.
const lowRoom = 1 << 20

// fullDisk reports whether err, a failure to open or write the database in dir,
// comes from a full disk.
func fullDisk(err error, dir string) bool {
	return fullDiskSays(sqliteCode(err), errors.Is(err, syscall.ENOSPC), func() (uint64, error) { return freeSpace(dir) })
}

// fullDiskSays decides from SQLite's result code, whether the system said ENOSPC,
// and the room left on the disk.
func fullDiskSays(code int, enospc bool, room func() (uint64, error)) bool {
	switch {
	case code == sqlite3.SQLITE_FULL || enospc:
		return true
	case code == sqlite3.SQLITE_IOERR:
		n, err := room()
		return err == nil && n < lowRoom
	}
	return false
}

// removeUnused removes the -wal and -shm files beside abs that are not in before
// (the ones there before opening) and that no connection can have used: an empty
// log, and an index too small to hold one.
func removeUnused(abs string, before map[string]bool) {
	for suffix, usedFrom := range map[string]int64{"-wal": 1, "-shm": 32 << 10} {
		if before[suffix] {
			continue
		}
		if st, err := os.Lstat(abs + suffix); err == nil && st.Mode().IsRegular() && st.Size() < usedFrom {
			os.Remove(abs + suffix)
		}
	}
}

// sidecars reports which of the -wal and -shm files are beside abs.
func sidecars(abs string) map[string]bool {
	return map[string]bool{"-wal": exists(abs + "-wal"), "-shm": exists(abs + "-shm")}
}
