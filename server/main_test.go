package server

import (
	"os"
	"testing"
)

// TestMain runs the tests, or, started again by BenchmarkTeamServerTyping with
// typingLoadEnv set, its clients in a process of their own.
func TestMain(m *testing.M) {
	if path := os.Getenv(typingLoadEnv); path != "" {
		os.Exit(runTypists(path))
	}
	os.Exit(m.Run())
}
