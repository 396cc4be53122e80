#!/usr/bin/env bash
# Turns the fault suite's FAULT-TIMING lines into a Markdown table: one row per scenario with the detection and
# recovery times of its last run, and the median and worst over every recorded run when there are several.
# Usage: scripts/fault-table.sh [FILE...]   (default: every */target/fault-timings.txt under the repository root)
# Lines look like: FAULT-TIMING scenario=replica_sigstop detect_ms=2128 recover_ms=131   (-1 = not measured)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -eq 0 ]; then
  shopt -s nullglob
  set -- "$root"/*/target/fault-timings.txt
fi
if [ $# -eq 0 ]; then
  echo "fault-table: no FAULT-TIMING records found (run the fault suite first: mvn -pl app -am test -Dgroups=faults)" >&2
  exit 1
fi
grep -h '^FAULT-TIMING ' "$@" | awk '
function field(name,   i, kv) {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
  return ""
}
function secs(ms) { return ms < 0 ? "n/a" : sprintf("%.1f s", ms / 1000) }
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function worst(list,   n, a, i, m) {
  n = split(list, a, " "); m = a[1]
  for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]
  return m
}
{
  s = field("scenario"); d = field("detect_ms") + 0; r = field("recover_ms") + 0
  if (!(s in runs)) order[++count] = s
  runs[s]++; lastD[s] = d; lastR[s] = r
  if (d >= 0) allD[s] = allD[s] " " d
  if (r >= 0) allR[s] = allR[s] " " r
}
END {
  print "| Scenario | Detection | Recovery | Runs | Detection median / worst | Recovery median / worst |"
  print "|---|---|---|---|---|---|"
  for (i = 1; i <= count; i++) {
    s = order[i]
    md = allD[s] == "" ? "n/a" : secs(median(allD[s])) " / " secs(worst(allD[s]))
    mr = allR[s] == "" ? "n/a" : secs(median(allR[s])) " / " secs(worst(allR[s]))
    printf "| %s | %s | %s | %d | %s | %s |\n", s, secs(lastD[s]), secs(lastR[s]), runs[s], md, mr
  }
}'
