//go:build !unix

package tempfile

import "os"

// RenameWhileOpen is false where an open file cannot be renamed (Windows): the writer
// closes its temporary file before putting it in place.
const RenameWhileOpen = false

// lock does nothing where there is no flock: see removeIfAbandoned.
func lock(*os.File) bool { return true }

// removeIfAbandoned leaves every temporary file alone where an abandoned one cannot
// be told from one that another process is writing.
func removeIfAbandoned(string) bool { return false }
