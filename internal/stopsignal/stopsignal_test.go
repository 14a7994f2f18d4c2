//go:build unix

package stopsignal

import (
	"syscall"
	"testing"
	"time"
)

func TestTheFirstSignalStopsAndLaterOnesAreCaught(t *testing.T) {
	stop, release := Catch()
	defer release()
	for range 3 {
		// Uncaught, the second SIGHUP would end the test binary.
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-stop:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGHUP did not close stop")
	}
}

func TestReleaseLeavesStopOpen(t *testing.T) {
	stop, release := Catch()
	release()
	release() // twice is harmless
	select {
	case <-stop:
		t.Fatal("stop closed without a signal")
	default:
	}
}
