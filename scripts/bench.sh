#!/usr/bin/env bash
# Runs the benchmarks behind BENCHMARKS.md, each with a fixed number of operations so
# that a run takes a few minutes, then the start-up and memory measurement. Output
# goes to the terminal and to $TMPDIR/vendorvet-bench.txt (or $OUT). The first run
# also builds the generator's 10,000-session database (about half a minute, cached
# after). Settings by environment: N (start-up runs, default 9), SKIP_STARTUP=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${OUT:-${TMPDIR:-/tmp}/vendorvet-bench.txt}
{
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(go version | awk '{ print $3 }'), load $(cut -d' ' -f1-3 /proc/loadavg)"
	go test -run '^$' -bench '^Benchmark(WizardKeystroke|WizardKeystrokeStoreLocked|SaverSaveAnswer|CapacityKeystroke)$' -benchtime 1000x ./ui
	go test -run '^$' -bench '^BenchmarkCompareView$' -benchtime 500x ./ui
	go test -run '^$' -bench '^Benchmark(SessionsOpen|SessionsFilter)$' -benchtime 200x ./ui
	go test -run '^$' -bench '^BenchmarkExport$' -benchtime 50x ./ui
	go test -run '^$' -bench '^BenchmarkSessionsScroll$' -benchtime 3000x ./ui
	go test -run '^$' -bench '^Benchmark(Markdown|ExportMarkdown)$' -benchtime 200x ./report
	go test -run '^$' -bench '^BenchmarkScore$' -benchtime 5000x ./rubric
	go test -run '^$' -bench '^BenchmarkCompareWhatIf$' -benchtime 2000x ./capacity
	go test -run '^$' -bench '^BenchmarkSaveAnswer$' -benchtime 1000x ./db
	go test -run '^$' -bench '^BenchmarkTeamServerTyping$' -benchtime 1x -count 3 ./server
	if [[ ${SKIP_STARTUP:-0} != 1 ]]; then
		scripts/startup/run.sh 2>&1
	fi
} 2>&1 | tee "$out"
