#!/usr/bin/env bash
# Start-up and memory of vendorvet, measured as a person meets them, in a real
# pseudo-terminal (tmux, detached: no terminal needed, so it runs unattended):
#
#   1. start to first frame: vendorvet on a database of years of sessions against a
#      minimal Bubble Tea v1 program (scripts/startup/minimal), N runs each,
#      alternated so that both see the same machine; medians and their ratio.
#      The clock starts in the pane, just before the program is exec'd, and stops
#      when the program's own text comes out of the pane (tmux pipe-pane, read as it
#      arrives), so that neither tmux's commands nor a polling interval are counted;
#      the pane is then checked to show the text. tmux passes output on with a
#      delay of its own (tens of milliseconds, more on a busy machine), so /bin/echo
#      is timed the same way as a baseline, and the ratio is also given net of it.
#   2. peak memory (VmHWM, the most resident memory the process ever had) of
#      vendorvet with that database, after opening the 50-vendor session, one
#      vendor's wizard and the comparison.
#
# Usage: scripts/startup/run.sh            (from anywhere; needs go and tmux)
# Settings by environment: N=20 SESSIONS=10000 VENDORS=5 OPEN=50 WIDTH=120 HEIGHT=40,
# STRICT=1 to exit 1 when a budget is missed. The database comes from
# scripts/startup/mkdb, which copies the generator's cached database (built once in
# $TMPDIR/vendorvet-gen, about half a minute for 10,000 sessions).
set -euo pipefail

N=${N:-20}
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

for tool in go tmux awk perl mkfifo; do
	command -v "$tool" >/dev/null || { echo "startup: $tool is needed" >&2; exit 1; }
done

echo "building vendorvet, the minimal program and the database…" >&2
(
	cd "$root"
	go build -o "$work/vendorvet" .
	go build -o "$work/minimal" ./scripts/startup/minimal
	go build -o "$work/mkdb" ./scripts/startup/mkdb
)
"$work/mkdb" -o "$work/vendorvet.db" -sessions "$SESSIONS" -vendors "$VENDORS" -open "$OPEN"
total=$((SESSIONS + (OPEN > 0 ? 1 : 0)))

# One detached tmux server and pane for every run; a finished program leaves its pane
# dead, and respawn-pane starts the next one in it.
tm -f /dev/null new-session -d -s vv -x "$WIDTH" -y "$HEIGHT" "sleep 86400"
tm set-option -t vv remain-on-exit on >/dev/null

# now_us prints the time in microseconds without starting a process.
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }

# launch DIR COMMAND…, run in the pane: wait for the go-ahead, note the time, become
# COMMAND.
cat >"$work/launch" <<'SH'
#!/usr/bin/env bash
dir=$1
shift
read -r _ <"$dir/go"
t=${EPOCHREALTIME/[.,]/}
echo "${t#0}" >"$dir/start"
exec "$@"
SH
# watch DIR TEXT, fed the pane's output: note the time TEXT first comes out, as soon
# as it does (output is read as it arrives, not line by line), then drain the rest.
cat >"$work/watch" <<'PL'
#!/usr/bin/env perl
use strict;
use Time::HiRes qw(time);
my ($dir, $text) = @ARGV;
my $seen = "";
while (sysread(STDIN, my $chunk, 65536)) {
	$seen .= $chunk;
	if (index($seen, $text) >= 0) {
		my $t = sprintf("%.0f", time() * 1e6);
		open(my $f, ">", "$dir/end") or die "$dir/end: $!";
		print $f "$t\n";
		close($f);
		1 while sysread(STDIN, $chunk, 65536);
		exit 0;
	}
	# Keep enough to find the text across two reads.
	$seen = substr($seen, -4096) if length($seen) > 8192;
}
PL
chmod +x "$work/launch" "$work/watch"
mkfifo "$work/go"

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

# first_frame TEXT COMMAND…: microseconds from COMMAND's start in the pane to TEXT
# in its output; then quit it with q.
first_frame() {
	local text=$1 limit
	shift
	rm -f "$work/start" "$work/end"
	tm respawn-pane -k -t vv "$(printf '%q ' exec "$work/launch" "$work" "$@")"
	tm pipe-pane -O -t vv "$(printf '%q ' exec "$work/watch" "$work" "$text")"
	echo go >"$work/go"
	limit=$(($(now_us) + 30000000))
	until [[ -s $work/end ]]; do
		if (($(now_us) > limit)); then
			echo "startup: \"$text\" did not come out within 30 s; the pane shows:" >&2
			tm capture-pane -p -t vv >&2
			exit 1
		fi
		sleep 0.005
	done
	# The pane shows what came out, unless the program has ended (echo).
	[[ $(tm display-message -p -t vv '#{pane_dead}') == 1 ]] || wait_for "$text"
	tm pipe-pane -t vv 2>/dev/null || true
	tm send-keys -t vv q 2>/dev/null || true
	wait_dead
	echo $(($(<"$work/end") - $(<"$work/start")))
}

median_ms() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }

baseline=(/bin/echo "minimal ready")
minimal=("$work/minimal")
vendorvet=("$work/vendorvet" --db "$work/vendorvet.db" --lang en)

# One run of each first, not counted: it loads the binaries and the database into
# the page cache, as on any start but the first after a reboot.
first_frame "minimal ready" "${minimal[@]}" >/dev/null
first_frame "$total sessions" "${vendorvet[@]}" >/dev/null

echo "start to first frame, $N runs each, alternated…" >&2
: >"$work/baseline.us"
: >"$work/minimal.us"
: >"$work/vendorvet.us"
for ((i = 0; i < N; i++)); do
	first_frame "minimal ready" "${baseline[@]}" >>"$work/baseline.us"
	first_frame "minimal ready" "${minimal[@]}" >>"$work/minimal.us"
	first_frame "$total sessions" "${vendorvet[@]}" >>"$work/vendorvet.us"
done
base_ms=$(median_ms <"$work/baseline.us")
min_ms=$(median_ms <"$work/minimal.us")
vv_ms=$(median_ms <"$work/vendorvet.us")
ratio=$(awk -v a="$vv_ms" -v b="$min_ms" 'BEGIN { printf "%.2f", a / b }')
# Net of the harness only when the minimal program's own time stands out of its
# noise (5 ms); otherwise the ratio would divide by noise.
net_ratio=$(awk -v a="$vv_ms" -v b="$min_ms" -v z="$base_ms" 'BEGIN { d = b - z; if (d < 5) print "n/a: the harness delay hides the start of the minimal program"; else printf "%.2f\n", (a - z) / d }')

# Peak memory: the program in the pane is vendorvet itself (exec), so the pane's pid
# is its pid; VmHWM is read just before quitting.
echo "peak memory with the $OPEN-vendor session open…" >&2
tm respawn-pane -k -t vv "$(printf '%q ' exec "${vendorvet[@]}")"
wait_for "$total sessions"
pid=$(tm display-message -p -t vv '#{pane_pid}')
rss_first=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
if ((OPEN > 0)); then
	# Each wait is for text only the next screen shows (the list also names the
	# session), so that no key reaches the screen before.
	tm send-keys -t vv Enter # the session at the top: the long shortlist
	wait_for "add vendor"
	tm send-keys -t vv Enter # the first vendor's wizard
	wait_for "Live score"
	tm send-keys -t vv Escape
	wait_for "add vendor"
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
terminal: tmux $(tmux -V | awk '{ print $2 }'), ${WIDTH}×${HEIGHT}

start to first frame (median of $N)
  /bin/echo, the harness alone       $base_ms ms
  minimal Bubble Tea v1 program      $min_ms ms
  vendorvet, $total sessions       $vv_ms ms
  ratio                              $ratio   (budget ≤ $RATIO_BUDGET: $(verdict "$ratio" "$RATIO_BUDGET"))
  ratio net of the harness           $net_ratio

peak memory of vendorvet (VmHWM)
  at the first frame                 $(mb "$rss_first") MB
  with the $OPEN-vendor session, a wizard and the comparison opened
                                     $(mb "$rss_peak") MB   (budget ≤ $RSS_BUDGET_MB MB: $(verdict "$(mb "$rss_peak")" "$RSS_BUDGET_MB"))
EOF

if [[ $STRICT == 1 ]]; then
	awk -v r="$ratio" -v rb="$RATIO_BUDGET" -v m="$(mb "$rss_peak")" -v mbud="$RSS_BUDGET_MB" \
		'BEGIN { exit !(r <= rb && m <= mbud) }'
fi
