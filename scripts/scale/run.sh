#!/usr/bin/env bash
# Measures the built vendorvet on session files of 10, 100 and 1,000 vendors and the
# largest file it imports: elapsed time and peak memory (RSS, from /usr/bin/time -v)
# of score, score --json, import and export --format json, beside a floor program
# that only decodes the file with encoding/json. Each line is the median run of R
# (default 5); the database each import writes is the one export reads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs=${R:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/vendorvet" .
go build -o "$work/floor" ./scripts/scale/floor
for n in 10 100 1000; do
	go run ./scripts/scale/mkfile -vendors "$n" "$work/$n.json"
done
go run ./scripts/scale/mkfile -largest "$work/max.json"

# measure NAME CMD...: the median elapsed and processor (user + system) seconds and
# peak RSS of R runs, ordered by elapsed time.
measure() {
	local name=$1
	shift
	for _ in $(seq "$runs"); do
		/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
			/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = t[n] + (n > 1 ? 60 * t[n-1] : 0) }
			/User time|System time/ { cpu += $2 }
			/Maximum resident set size/ { kb = $2 }
			END { printf "%.3f %.3f %d\n", s, cpu, kb }'
	done | sort -n | awk -v name="$name" '{ s[NR] = $1; cpu[NR] = $2; kb[NR] = $3 }
		END { m = int((NR + 1) / 2); printf "%-22s %7.2f s elapsed %7.2f s CPU %7.1f MB\n", name, s[m], cpu[m], kb[m] / 1024 }'
}

printf '# %s, %s cores, load %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for f in 10 100 1000 max; do
	file="$work/$f.json"
	printf '## %s vendors, %s bytes\n' "$f" "$(wc -c <"$file")"
	measure "floor" "$work/floor" "$file"
	measure "score" "$work/vendorvet" --lang en score "$file"
	measure "score --json" "$work/vendorvet" score --json "$file"
	db="$work/$f.db"
	measure "import" "$work/vendorvet" --db "$db" import "$file"
	measure "export --format json" "$work/vendorvet" --db "$db" export 1 --format json
done
