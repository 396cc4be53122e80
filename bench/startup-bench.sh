#!/usr/bin/env bash
# Start-up benchmark, side by side in one run on one sandbox cluster: 'pilothouse snapshot' vs 'patronictl list'
# (rounds in rotating order; wall and CPU of each process tree), optionally a BASELINE launcher (e.g. main's
# app-image) in the same rounds, '--version', and the window: launch -> first frame, and launch -> first frame
# showing the topology (every cluster with its members and leader), from the app's PILOTHOUSE_STARTUP_TRACE lines,
# on Xvfb. Prints medians and the ratios that count (medians of per-round ratios); never gates anything.
# Usage: [BENCH_PARTS="cli window"] bench/startup-bench.sh [LAUNCHER] [ROUNDS] [BASELINE]
#   LAUNCHER defaults to the installed /usr/bin/pilothouse, else packaging/target/jpackage/pilothouse/bin/pilothouse.
#   Run as root or a user PostgreSQL can run as. The window part needs Xvfb (or a DISPLAY) and is skipped without.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher=${1:-$(command -v pilothouse || echo "$root/packaging/target/jpackage/pilothouse/bin/pilothouse")}
rounds=${2:-10}
baseline=${3:-}
# BENCH_PARTS: what to run, any of "cli window" (default both); "window" alone skips the snapshot rounds.
parts=${BENCH_PARTS:-cli window}
test -x "$launcher" || { echo "no launcher at $launcher: install the .deb or build -Papp-image" >&2; exit 2; }
[ -z "$baseline" ] || test -x "$baseline" || { echo "no baseline launcher at $baseline" >&2; exit 2; }
command -v patronictl >/dev/null || { echo "patronictl is not installed (Debian package patroni)" >&2; exit 2; }

dir=$(mktemp -d /tmp/pilothouse-bench-XXXXXX)
chmod 755 "$dir"
xvfb_pid=
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  "$launcher" sandbox down --dir "$dir/sb" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"$launcher" sandbox up --dir "$dir/sb" --scope bench >/dev/null
ws="$dir/sb/workspace.yaml"
yml=$(find "$dir/sb" -name patroni.yml | head -n1)

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
col() { awk -v c="$2" '{print $c}' "$1" | median; }
ratio() { awk -v a="$2" -v b="$3" '{print $a/$b}' "$1" | median; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

snap() { measure "$launcher" snapshot --workspace "$ws"; }
base() { if [ -n "$baseline" ]; then measure "$baseline" snapshot --workspace "$ws"; else echo "0 0"; fi; }
pctl() { measure patronictl -c "$yml" list; }

# Rounds: columns 1-2 snapshot, 3-4 baseline snapshot, 5-6 patronictl list (wall, CPU); order rotates.
: > "$dir/rounds"
echo "load before: $(load)"
[[ " $parts " == *" cli "* ]] || rounds=0
for i in $(seq 1 "$rounds"); do
  case $((i % 3)) in
    1) s=$(snap); b=$(base); p=$(pctl) ;;
    2) b=$(base); p=$(pctl); s=$(snap) ;;
    0) p=$(pctl); s=$(snap); b=$(base) ;;
  esac
  echo "$s $b $p" >> "$dir/rounds"
  echo "round $i: snapshot ${s// / s wall, } s CPU${baseline:+ | baseline ${b// / s wall, } s CPU} | patronictl list ${p// / s wall, } s CPU | load $(cut -d' ' -f1 /proc/loadavg)"
done
: > "$dir/version"
for i in $(seq 1 $(( rounds > 0 ? 5 : 0 ))); do
  v=$(measure "$launcher" --version); w=$([ -n "$baseline" ] && measure "$baseline" --version || echo "0 0")
  echo "$v $w" >> "$dir/version"
done

# The window: launch -> first frame, launch -> first frame with the topology (epoch ms from the app's trace).
: > "$dir/window"
display=${DISPLAY:-}
[[ " $parts " == *" window "* ]] || display=none
if [ -z "$display" ] && command -v Xvfb >/dev/null; then
  for n in $(seq 61 79); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=:$n; break; }; done
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
fi
if [ -n "$display" ] && [ "$display" != none ]; then
  for i in 1 2 3 4 5; do
    home="$dir/home$i"; mkdir -p "$home"
    start=$(date +%s%3N)
    env DISPLAY="$display" PILOTHOUSE_STARTUP_TRACE=1 XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
      XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
      "$launcher" gui --workspace "$ws" >"$home/out" 2>"$home/err" & gui=$!
    for _ in $(seq 1 600); do grep -qs "pilothouse-startup topology" "$home/err" && break; sleep 0.1; done
    kill "$gui" 2>/dev/null || true; wait "$gui" 2>/dev/null || true
    first=$(awk '$2 == "first-frame" {print $3}' "$home/err"); topo=$(awk '$2 == "topology" {print $3}' "$home/err")
    first_cpu=$(awk '$2 == "first-frame" {print $5}' "$home/err"); topo_cpu=$(awk '$2 == "topology" {print $5}' "$home/err")
    if [ -n "$first" ] && [ -n "$topo" ]; then
      echo "$(( first - start )) $(( topo - start )) ${first_cpu:-0} ${topo_cpu:-0}" >> "$dir/window"
      echo "window $i: first frame $(( first - start )) ms (CPU ${first_cpu:-?} ms), with the topology $(( topo - start )) ms (CPU ${topo_cpu:-?} ms) | load $(cut -d' ' -f1 /proc/loadavg)"
    else
      echo "window $i: no trace within 60 s (stderr: $(head -c 300 "$home/err"))"
    fi
  done
fi

echo
echo "launcher: $launcher ($("$launcher" --version | head -n1))${baseline:+; baseline: $baseline}"
echo "patronictl $(patronictl version 2>/dev/null | head -n1); $(nproc) cores; load after: $(load)"
if [ "$rounds" -gt 0 ]; then
  echo "snapshot         median wall $(col "$dir/rounds" 1) s, CPU $(col "$dir/rounds" 2) s   (n=$rounds)"
  [ -z "$baseline" ] || echo "baseline snapshot median wall $(col "$dir/rounds" 3) s, CPU $(col "$dir/rounds" 4) s   (n=$rounds)"
  echo "patronictl list  median wall $(col "$dir/rounds" 5) s, CPU $(col "$dir/rounds" 6) s   (n=$rounds)"
  echo "ratio snapshot / patronictl list: wall $(ratio "$dir/rounds" 1 5) x, CPU $(ratio "$dir/rounds" 2 6) x (median of per-round ratios; goal <= 1.5)"
  if [ -n "$baseline" ]; then
    echo "ratio baseline / patronictl list: wall $(ratio "$dir/rounds" 3 5) x, CPU $(ratio "$dir/rounds" 4 6) x"
    echo "ratio snapshot / baseline:        wall $(ratio "$dir/rounds" 1 3) x, CPU $(ratio "$dir/rounds" 2 4) x"
  fi
  echo "--version        median wall $(col "$dir/version" 1) s, CPU $(col "$dir/version" 2) s (n=5)${baseline:+; baseline wall $(col "$dir/version" 3) s, CPU $(col "$dir/version" 4) s}"
fi
if [ -s "$dir/window" ]; then
  echo "window (gui, Xvfb): launch -> first frame median $(col "$dir/window" 1) ms (CPU $(col "$dir/window" 3) ms); -> first frame with the topology median $(col "$dir/window" 2) ms (CPU $(col "$dir/window" 4) ms) (n=$(wc -l < "$dir/window"); goal <= 1500 ms)"
fi
