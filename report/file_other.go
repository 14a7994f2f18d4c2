//go:build !unix

package report

import "os"

// renameWhileOpen is false where an open file cannot be renamed (Windows).
const renameWhileOpen = false

// lockTemp does nothing where there is no flock: see removeAbandoned.
func lockTemp(*os.File) bool { return true }

// removeAbandoned leaves every temporary file alone where an abandoned one cannot be
// told from one another process is writing.
func removeAbandoned(string) {}
