// Package e2e holds the end-to-end tests: the built program run as a user runs it,
// in a terminal (tmux), under signals and on damaged, foreign or full storage. They
// take minutes, so they run only with the e2e build tag, as .ci/run does:
//
//	go test -tags e2e ./e2e/
package e2e
