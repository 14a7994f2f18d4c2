#!/usr/bin/env bash
# Start-up and memory of vendorvet, measured as a person meets them:
#
#   1. start to first screen: vendorvet on a database of years of sessions against a
#      minimal Bubble Tea v1 program (scripts/startup/minimal) that opens the same
#      database and reads one row before it starts, N runs each, alternated so that
#      both see the same machine; medians and their ratio. scripts/startup/ptytime
#      starts every run on a pseudo-terminal of its own, answers the queries a
#      terminal answers, and stops the clock when the program's text comes out of
#      the terminal: nothing stands between the programs and the clock (tmux, used
#      before, passed output on with a delay of its own as long as the minimal
#      program's whole start).
#   2. peak memory (VmHWM, the most resident memory the process ever had) of
#      vendorvet with that database, after opening the 50-vendor session, one
#      vendor's wizard and the comparison, driven in a detached tmux pane.
#
# Usage: scripts/startup/run.sh            (from anywhere; needs go and tmux)
# Settings by environment: N=9 SESSIONS=10000 VENDORS=5 OPEN=50 WIDTH=120 HEIGHT=40,
# STRICT=1 to exit 1 when a budget is missed. The database comes from
# scripts/startup/mkdb, which copies the generator's cached database (built once in
# $TMPDIR/vendorvet-gen, about half a minute for 10,000 sessions).
set -euo pipefail

N=${N:-9}
SESSIONS=${SESSIONS:-10000}
VENDORS=${VENDORS:-5}
OPEN=${OPEN:-50}
WIDTH=${WIDTH:-120}
HEIGHT=${HEIGHT:-40}
STRICT=${STRICT:-0}
# Budgets: start-up at most this many times the minimal program's; peak memory in MB.
RATIO_BUDGET=1.5
RSS_BUDGET_MB=60

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vv-startup.XXXXXX")
sock="vv-startup-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
	tm kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	rm -rf "$work"
}
trap cleanup EXIT

for tool in go tmux awk; do
	command -v "$tool" >/dev/null || { echo "startup: $tool is needed" >&2; exit 1; }
done

echo "building vendorvet, the minimal program, the timer and the database…" >&2
(
	cd "$root"
	go build -o "$work/vendorvet" .
	go build -o "$work/minimal" ./scripts/startup/minimal
	go build -o "$work/ptytime" ./scripts/startup/ptytime
	go build -o "$work/mkdb" ./scripts/startup/mkdb
)
"$work/mkdb" -o "$work/vendorvet.db" -sessions "$SESSIONS" -vendors "$VENDORS" -open "$OPEN"
total=$((SESSIONS + (OPEN > 0 ? 1 : 0)))
vendorvet=("$work/vendorvet" --db "$work/vendorvet.db" --lang en)

# 1. Start to first screen. Each program is known by the session at the top of the
# list, which the minimal program reads as its one row and vendorvet lists in the
# same frame as the count; with no such session, by the minimal program's own words
# and vendorvet's count of sessions.
if ((OPEN > 0)); then
	min_text="Shortlist of $OPEN vendors"
	vv_text=$min_text
else
	min_text="minimal ready"
	vv_text="$total sessions"
fi
echo "start to first screen, $N runs each, alternated…" >&2
timing=$("$work/ptytime" -n "$N" -cols "$WIDTH" -rows "$HEIGHT" \
	minimal "$min_text" "$work/minimal" -db "$work/vendorvet.db" ::: \
	vendorvet "$vv_text" "${vendorvet[@]}")
ratio=$(awk '$1 == "ratio" { print $4 }' <<<"$timing")

# 2. Peak memory, in one detached tmux pane: the program in the pane is vendorvet
# itself (exec), so the pane's pid is its pid; VmHWM is read just before quitting.
tm -f /dev/null new-session -d -s vv -x "$WIDTH" -y "$HEIGHT" "sleep 86400"
tm set-option -t vv remain-on-exit on >/dev/null

# now_us prints the time in microseconds without starting a process.
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }

# wait_for TEXT [SECONDS]: poll the pane until it shows TEXT.
wait_for() {
	local text=$1 limit=${2:-30} start
	start=$(now_us)
	until tm capture-pane -p -t vv | grep -qF -- "$text"; do
		if (($(now_us) - start > limit * 1000000)); then
			echo "startup: \"$text\" did not appear within ${limit}s; the pane shows:" >&2
			tm capture-pane -p -t vv >&2
			exit 1
		fi
	done
}

# wait_dead: wait until the program in the pane has ended.
wait_dead() {
	local start
	start=$(now_us)
	until [[ $(tm display-message -p -t vv '#{pane_dead}') == 1 ]]; do
		if (($(now_us) - start > 30000000)); then
			echo "startup: the program did not quit" >&2
			exit 1
		fi
		sleep 0.01
	done
}

echo "peak memory with the $OPEN-vendor session open…" >&2
tm respawn-pane -k -t vv "$(printf '%q ' exec "${vendorvet[@]}")"
wait_for "$total sessions"
pid=$(tm display-message -p -t vv '#{pane_pid}')
rss_first=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
if ((OPEN > 0)); then
	# Each wait is for text only the next screen shows (the list also names the
	# session), so that no key reaches the screen before.
	tm send-keys -t vv Enter # the session at the top: the long shortlist
	wait_for "a add"
	tm send-keys -t vv Enter # the first vendor's wizard
	wait_for "Live score"
	tm send-keys -t vv Escape
	wait_for "a add"
	tm send-keys -t vv c # the comparison of every vendor
	wait_for "Weights"
	sleep 0.5 # the saves and reads in flight settle
fi
rss_peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
tm send-keys -t vv C-c
wait_dead

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
verdict() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "within budget" : "OVER BUDGET" }'; }
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
cat <<EOF

machine: $(nproc) cores, ${cpu:-unknown CPU}, $(go version | awk '{ print $3 }'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')
database: $total sessions

$(grep -v '^ratio ' <<<"$timing")
  vendorvet / minimal               $ratio   (budget ≤ $RATIO_BUDGET: $(verdict "$ratio" "$RATIO_BUDGET"))

peak memory of vendorvet (VmHWM)
  at the first frame                 $(mb "$rss_first") MB
  with the $OPEN-vendor session, a wizard and the comparison opened
                                     $(mb "$rss_peak") MB   (budget ≤ $RSS_BUDGET_MB MB: $(verdict "$(mb "$rss_peak")" "$RSS_BUDGET_MB"))
EOF

if [[ $STRICT == 1 ]]; then
	awk -v r="$ratio" -v rb="$RATIO_BUDGET" -v m="$(mb "$rss_peak")" -v mbud="$RSS_BUDGET_MB" \
		'BEGIN { exit !(r <= rb && m <= mbud) }'
fi
