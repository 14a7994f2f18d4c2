//go:build race

package db

// raceDetector is true when the tests run under the race detector, which makes the
// code it watches several times slower.
const raceDetector = true
