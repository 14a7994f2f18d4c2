// Package stopsignal turns the signals that ask vendorvet to stop into one channel,
// for the full-screen interface and the accessible flow alike.
package stopsignal

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Catch catches an interrupt, SIGTERM and SIGHUP (a closed terminal) until release
// is called; stop is closed at the first of them. Those that follow are caught too
// and do nothing, so that one arriving while the last changes are written cannot
// cut that short.
func Catch() (stop <-chan struct{}, release func()) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	stopped := make(chan struct{})
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			close(stopped)
		case <-done:
		}
	}()
	var once sync.Once
	return stopped, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
		})
	}
}
