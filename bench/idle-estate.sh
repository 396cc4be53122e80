#!/usr/bin/env bash
# The window's CPU on an estate where nothing happens, measured side by side: one simulated estate
# ('sandbox estate --rate 0': Patroni-shaped keys in a real etcd, leases kept alive, members' REST and SQL
# unreachable) and one window per checkout on it, each a separate process run by that checkout's ./pilothouse,
# as a user runs it (under Xvfb when there is no display). After a warm-up, each window's process CPU (utime+stime
# from /proc) over the same seconds, as a share of one core, its RSS, its busiest threads, and the ratio to the first.
# The simulator runs in a process of its own, so its CPU is not counted. Prints figures; never fails on a time.
#
#   bench/idle-estate.sh [--clusters N] [--warmup S] [--seconds S] [--view gui|wall] [CHECKOUT ...]
#
# CHECKOUT: a Pilothouse working tree (default: this one). Example, a commit against the working tree:
#   git worktree add /tmp/before <commit> && bench/idle-estate.sh --clusters 500 /tmp/before .
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
clusters=500 warmup=120 seconds=300 view=gui
checkouts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --clusters) clusters=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --view) view=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    -*) echo "idle-estate: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) checkouts+=("$(cd "$1" && pwd)"); shift ;;
  esac
done
[ ${#checkouts[@]} -gt 0 ] || checkouts=("$here")
case "$view" in gui|wall) ;; *) echo "idle-estate: --view is gui or wall, not $view" >&2; exit 2 ;; esac

work=$(mktemp -d /tmp/pilothouse-idle-XXXXXX)
chmod 755 "$work" # the sandbox's etcd runs as an unprivileged user, who must reach the estate's directory
estate="$work/estate"
pids=()
xvfb=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "${checkouts[0]}/pilothouse" sandbox down --dir "$estate" >/dev/null 2>&1 || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT

for c in "${checkouts[@]}"; do
  echo "building $c ..."
  "$c/pilothouse" --version >/dev/null
done
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 99); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
  Xvfb ":$n" -screen 0 1920x1080x24 >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=":$n"
  sleep 1
fi

"${checkouts[0]}/pilothouse" sandbox estate --dir "$estate" --clusters "$clusters" --members 3 --rate 0 \
  > "$work/estate.log" 2>&1 || { echo "idle-estate: the estate did not start:"; tail -20 "$work/estate.log"; exit 1; }
grep '^estate:' "$work/estate.log"

i=0
for c in "${checkouts[@]}"; do
  i=$((i + 1))
  mkdir -p "$work/home-$i"
  # Each window its own state, data and config directories: the history store and the last-known estate are not
  # shared between the two windows.
  XDG_DATA_HOME="$work/home-$i/data" XDG_STATE_HOME="$work/home-$i/state" XDG_CONFIG_HOME="$work/home-$i/config" \
    XDG_CACHE_HOME="$work/home-$i/cache" "$c/pilothouse" "$view" --workspace "$estate/workspace.yaml" \
    > "$work/window-$i.log" 2>&1 &
  pids+=($!)
done
echo "windows started (pids ${pids[*]}); warming up ${warmup} s ..."
sleep "$warmup"

cpu_ticks() { # utime + stime of a process, in clock ticks
  local s; s=$(cat "/proc/$1/stat"); s=${s##*) }; set -- $s; echo $(( ${12} + ${13} ))
}
thread_ticks() { # "name ticks" per thread
  for t in /proc/"$1"/task/*; do
    local n s; n=$(cat "$t/comm" 2>/dev/null) || continue; s=$(cat "$t/stat" 2>/dev/null) || continue
    s=${s##*) }; set -- $s; echo "${n// /_} $(( ${12} + ${13} ))"
  done
}
hz=$(getconf CLK_TCK)
declare -A before
for p in "${pids[@]}"; do
  kill -0 "$p" 2>/dev/null || { echo "a window ended early; its log:"; tail -20 "$work"/window-*.log; exit 1; }
  before[$p]=$(cpu_ticks "$p")
  thread_ticks "$p" > "$work/threads-$p-0"
done
t0=$(date +%s.%N)
sleep "$seconds"
t1=$(date +%s.%N)

echo
echo "idle estate: $clusters clusters x 3 members, no changes, leases kept alive; view: $view; load: $(cut -d' ' -f1-3 /proc/loadavg)"
first=""
i=0
for p in "${pids[@]}"; do
  i=$((i + 1))
  kill -0 "$p" 2>/dev/null || { echo "  ${checkouts[$((i - 1))]}: the window ended during the run"; continue; }
  after=$(cpu_ticks "$p")
  thread_ticks "$p" > "$work/threads-$p-1"
  share=$(awk -v a="${before[$p]}" -v b="$after" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
    'BEGIN { printf "%.2f", 100 * (b - a) / hz / (t1 - t0) }')
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$p/status")
  ratio=""
  if [ -z "$first" ]; then first=$share; else
    ratio=$(awk -v a="$first" -v b="$share" 'BEGIN { if (b > 0) printf " (%.2fx less than the first)", a / b }'); fi
  echo "  ${checkouts[$((i - 1))]} ($(git -C "${checkouts[$((i - 1))]}" rev-parse --short HEAD 2>/dev/null || echo '?')):" \
    "CPU ${share} % of a core over $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s${ratio}; RSS ${rss} MB"
  # The busiest threads, numbered pool threads summed by their name.
  join -a 2 -e 0 -o 0,1.2,2.2 <(sed -E 's/[-_]?[0-9]+ / /' "$work/threads-$p-0" | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' | sort) \
    <(sed -E 's/[-_]?[0-9]+ / /' "$work/threads-$p-1" | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }' | sort) \
    | awk -v hz="$hz" -v t0="$t0" -v t1="$t1" '{ d = $3 - $2; if (d > 0) printf "%.2f %s\n", 100 * d / hz / (t1 - t0), $1 }' \
    | sort -rn | head -8 | awk '{ printf "      %6.2f %%  %s\n", $1, $2 }'
done
