#!/usr/bin/env bash
# Start-up benchmark, side by side in one run on one sandbox cluster: 'pilothouse snapshot' of each launcher given vs
# 'patronictl list' (rounds in rotating order; wall and CPU of each process tree), '--version' of each, and the
# window of the first: launch -> first frame, and launch -> first frame showing the topology (every cluster with its
# members and leader) and, separately, -> the first frame with the LIVE topology, from the app's
# PILOTHOUSE_STARTUP_TRACE lines, on Xvfb. Prints medians and the ratios that count (medians of per-round ratios);
# never gates anything.
# Usage: [BENCH_PARTS="cli window"] bench/startup-bench.sh [LAUNCHER] [ROUNDS] [OTHER_LAUNCHER ...]
#   LAUNCHER defaults to the installed /usr/bin/pilothouse, else packaging/target/jpackage/pilothouse/bin/pilothouse.
#   OTHER_LAUNCHERs (e.g. main's app-image, or an image linked from another JDK) run in the same rounds.
#   BENCH_WINDOW_LAUNCHERS: the launchers whose 'gui' is timed, space-separated, alternating launch by launch
#   (default LAUNCHER; the packaged desktop entry starts bin/pilothouse-window, to which bin/pilothouse hands 'gui'
#   with one more JVM start). BENCH_WINDOW_LAUNCHES: launches per launcher (default 5).
#   Run as root or a user PostgreSQL can run as. The window part needs Xvfb (or a DISPLAY) and is skipped without.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
launcher=${1:-$(command -v pilothouse || echo "$root/packaging/target/jpackage/pilothouse/bin/pilothouse")}
rounds=${2:-10}
others=("${@:3}")
launchers=("$launcher" ${others[@]+"${others[@]}"})
# BENCH_PARTS: what to run, any of "cli window" (default both); "window" alone skips the snapshot rounds.
parts=${BENCH_PARTS:-cli window}
read -r -a window_launchers <<<"${BENCH_WINDOW_LAUNCHERS:-$launcher}"
launches=${BENCH_WINDOW_LAUNCHES:-5}
test -x "$launcher" || { echo "no launcher at $launcher: install the .deb or build -Papp-image" >&2; exit 2; }
for other in ${others[@]+"${others[@]}"}; do test -x "$other" || { echo "no launcher at $other" >&2; exit 2; }; done
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

pctl() { measure patronictl -c "$yml" list; }

# Rounds: per launcher a "wall cpu" pair in launcher order, then patronictl list's; the starting point rotates.
: > "$dir/rounds"
echo "load before: $(load)"
[[ " $parts " == *" cli "* ]] || rounds=0
n=${#launchers[@]}
for i in $(seq 1 "$rounds"); do
  results=()
  for k in $(seq 0 "$n"); do
    j=$(( (k + i) % (n + 1) ))
    if [ "$j" -eq "$n" ]; then results[$j]=$(pctl); else results[$j]=$(measure "${launchers[$j]}" snapshot --workspace "$ws"); fi
  done
  echo "${results[*]}" >> "$dir/rounds"
  line="round $i:"
  for j in $(seq 0 $(( n - 1 ))); do line+=" snapshot#$((j + 1)) ${results[$j]// / s wall, } s CPU |"; done
  echo "$line patronictl list ${results[$n]// / s wall, } s CPU | load $(cut -d' ' -f1 /proc/loadavg)"
done
: > "$dir/version"
for i in $(seq 1 $(( rounds > 0 ? 5 : 0 ))); do
  v=()
  for j in $(seq 0 $(( n - 1 ))); do v[$j]=$(measure "${launchers[$j]}" --version); done
  echo "${v[*]}" >> "$dir/version"
done

# The window: launch -> first frame, launch -> first frame with the topology (epoch ms from the app's trace).
for w in $(seq 0 $(( ${#window_launchers[@]} - 1 ))); do : > "$dir/window$w"; done
display=${DISPLAY:-}
[[ " $parts " == *" window "* ]] || display=none
if [ -z "$display" ] && command -v Xvfb >/dev/null; then
  for x in $(seq 61 79); do [ -e "/tmp/.X11-unix/X$x" ] || [ -e "/tmp/.X$x-lock" ] || { display=:$x; break; }; done
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
fi
if [ -n "$display" ] && [ "$display" != none ]; then
  for i in $(seq 1 $(( launches * ${#window_launchers[@]} ))); do
    w=$(( (i - 1) % ${#window_launchers[@]} )); window_launcher=${window_launchers[$w]}
    home="$dir/home$i"; mkdir -p "$home"
    start=$(date +%s%3N)
    env DISPLAY="$display" PILOTHOUSE_STARTUP_TRACE=1 XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
      XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
      "$window_launcher" gui --workspace "$ws" >"$home/out" 2>"$home/err" & gui=$!
    for _ in $(seq 1 600); do grep -qs "pilothouse-startup topology" "$home/err" && break; sleep 0.1; done
    kill "$gui" 2>/dev/null || true; wait "$gui" 2>/dev/null || true
    first=$(awk '$2 == "first-frame" {print $3}' "$home/err"); topo=$(awk '$2 == "topology" {print $3}' "$home/err")
    first_cpu=$(awk '$2 == "first-frame" {print $5}' "$home/err"); topo_cpu=$(awk '$2 == "topology" {print $5}' "$home/err")
    if [ -n "$first" ] && [ -n "$topo" ]; then
      echo "$(( first - start )) $(( topo - start )) ${first_cpu:-0} ${topo_cpu:-0}" >> "$dir/window$w"
      echo "window $i ($window_launcher): first frame $(( first - start )) ms (CPU ${first_cpu:-?} ms), with the topology $(( topo - start )) ms (CPU ${topo_cpu:-?} ms) | load $(cut -d' ' -f1 /proc/loadavg)"
    else
      echo "window $i: no trace within 60 s (stderr: $(head -c 300 "$home/err"))"
    fi
  done
fi

echo
for j in $(seq 0 $(( n - 1 ))); do
  echo "launcher #$((j + 1)): ${launchers[$j]} ($("${launchers[$j]}" --version 2>/dev/null | tr '\n' ' '))"
done
echo "patronictl $(patronictl version 2>/dev/null | head -n1); $(nproc) cores; load after: $(load)"
if [ "$rounds" -gt 0 ]; then
  p=$(( 2 * n + 1 ))
  for j in $(seq 0 $(( n - 1 ))); do
    w=$(( 2 * j + 1 )); c=$(( 2 * j + 2 ))
    echo "snapshot #$((j + 1))      median wall $(col "$dir/rounds" $w) s, CPU $(col "$dir/rounds" $c) s   (n=$rounds)"
    echo "  ratio to patronictl list: wall $(ratio "$dir/rounds" $w $p) x, CPU $(ratio "$dir/rounds" $c $((p + 1))) x (median of per-round ratios; goal <= 1.5)"
    [ "$j" -eq 0 ] || echo "  ratio to snapshot #1:      wall $(ratio "$dir/rounds" $w 1) x, CPU $(ratio "$dir/rounds" $c 2) x"
    echo "  --version median wall $(col "$dir/version" $w) s, CPU $(col "$dir/version" $c) s (n=5)"
  done
  echo "patronictl list  median wall $(col "$dir/rounds" $p) s, CPU $(col "$dir/rounds" $((p + 1))) s   (n=$rounds)"
fi
for w in $(seq 0 $(( ${#window_launchers[@]} - 1 ))); do
  f="$dir/window$w"
  [ -s "$f" ] || continue
  echo "window (${window_launchers[$w]} gui, Xvfb): launch -> first frame median $(col "$f" 1) ms (CPU $(col "$f" 3) ms); -> first frame with the live topology median $(col "$f" 2) ms (CPU $(col "$f" 4) ms) (n=$(wc -l < "$f"); goal <= 1500 ms; CPU: the window JVM's own)"
done
