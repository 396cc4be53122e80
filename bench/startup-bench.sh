#!/usr/bin/env bash
# Start-up benchmark, side by side in one run on one sandbox cluster: 'pilothouse snapshot' vs 'patronictl list'
# (paired runs, order alternating; wall and CPU of each process tree), '--version', and launch -> topology PNG
# rendered offscreen ('screenshot'). Prints medians and ratios; never gates anything.
# Usage: bench/startup-bench.sh [LAUNCHER] [PAIRS]   LAUNCHER defaults to the installed /usr/bin/pilothouse, else
#        packaging/target/jpackage/pilothouse/bin/pilothouse. Run as root or a user PostgreSQL can run as.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher=${1:-$(command -v pilothouse || echo "$root/packaging/target/jpackage/pilothouse/bin/pilothouse")}
pairs=${2:-10}
test -x "$launcher" || { echo "no launcher at $launcher: install the .deb or build -Papp-image" >&2; exit 2; }
command -v patronictl >/dev/null || { echo "patronictl is not installed (Debian package patroni)" >&2; exit 2; }

dir=$(mktemp -d /tmp/pilothouse-bench-XXXXXX)
chmod 755 "$dir"
trap '"$launcher" sandbox down --dir "$dir/sb" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$launcher" sandbox up --dir "$dir/sb" --scope bench >/dev/null
ws="$dir/sb/workspace.yaml"
yml=$(ls "$dir"/sb/*/patroni.yml 2>/dev/null | head -n1)
[ -n "$yml" ] || yml=$(find "$dir/sb" -name patroni.yml | head -n1)

# One measurement: "wall_s cpu_s" of a command; CPU is user+sys of the children, from bash's 'times'.
measure() {
  bash -c 'start=$(date +%s.%N); "$@" >/dev/null 2>&1 || echo "FAILED: $*" >&2; end=$(date +%s.%N)
           echo "$start $end"; times' _ "$@" | awk '
    function secs(t,  m) { sub(/s$/, "", t); split(t, m, "m"); return m[1] * 60 + m[2] }
    NR == 1 { wall = $2 - $1 }
    NR == 3 { cpu = secs($1) + secs($2) }
    END { printf "%.3f %.3f\n", wall, cpu }'
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

: > "$dir/pairs"
for i in $(seq 1 "$pairs"); do
  if [ $((i % 2)) -eq 1 ]; then
    s=$(measure "$launcher" snapshot --workspace "$ws"); p=$(measure patronictl -c "$yml" list)
  else
    p=$(measure patronictl -c "$yml" list); s=$(measure "$launcher" snapshot --workspace "$ws")
  fi
  echo "$s $p" >> "$dir/pairs"
  echo "pair $i: snapshot wall ${s% *} s cpu ${s#* } s | patronictl list wall ${p% *} s cpu ${p#* } s"
done
for i in $(seq 1 5); do measure "$launcher" --version; done > "$dir/version"
for i in $(seq 1 3); do measure "$launcher" screenshot --view topology --workspace "$ws" --out "$dir/t.png" --size 1200x800; done > "$dir/shot"

sw=$(awk '{print $1}' "$dir/pairs" | median); sc=$(awk '{print $2}' "$dir/pairs" | median)
pw=$(awk '{print $3}' "$dir/pairs" | median); pc=$(awk '{print $4}' "$dir/pairs" | median)
rw=$(awk '{print $1/$3}' "$dir/pairs" | median); rc=$(awk '{print $2/$4}' "$dir/pairs" | median)
echo "launcher: $launcher ($("$launcher" --version | head -n1)); patronictl $(patronictl version 2>/dev/null | head -n1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "snapshot        median wall $sw s, CPU $sc s   (n=$pairs)"
echo "patronictl list median wall $pw s, CPU $pc s   (n=$pairs)"
echo "paired ratio snapshot/patronictl: wall $rw x, CPU $rc x (median of per-pair ratios; goal <= 1.5)"
echo "--version       median wall $(awk '{print $1}' "$dir/version" | median) s, CPU $(awk '{print $2}' "$dir/version" | median) s (n=5)"
echo "screenshot (launch -> topology PNG, offscreen) median wall $(awk '{print $1}' "$dir/shot" | median) s, CPU $(awk '{print $2}' "$dir/shot" | median) s (n=3)"
