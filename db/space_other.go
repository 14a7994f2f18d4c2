//go:build !(linux || darwin || freebsd)

package db

import "errors"

// freeSpace is not known here: an I/O error is then not taken for a full disk.
func freeSpace(string) (uint64, error) { return 0, errors.New("free space unknown") }
