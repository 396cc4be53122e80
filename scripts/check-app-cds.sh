#!/usr/bin/env bash
# Checks the packaged app's class-data-sharing archive (lib/pilothouse.jsa, trained by lib/train-cds.sh):
#  1. the launcher maps it: classes of '--version' (and of a snapshot of WORKSPACE, if given) come from the
#     archive's top layer ("source: shared objects file (top)" in -Xlog:class+load);
#  2. it falls back quietly: a copy of the image with one jar touched (the archive no longer matches the jar's
#     time, as after a rebuilt jar) still runs, prints no warning, and keeps the runtime's base archive.
# (JDK 17.0.15 accepts an image moved whole to another directory: it matches the class path's relative layout.)
# Usage: scripts/check-app-cds.sh IMAGE_DIR [WORKSPACE]    (IMAGE_DIR: .../pilothouse, with bin/ and lib/)
set -euo pipefail
image=$(cd "$1" && pwd -P)
workspace=${2:-}
fail() { echo "app CDS: $*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/pilothouse-cds-check-XXXXXX)
moved=$tmp/pilothouse
trap 'rm -rf "$tmp"' EXIT
[ -e "$image/lib/pilothouse.jsa" ] || fail "no $image/lib/pilothouse.jsa (lib/train-cds.sh did not run)"
[ ! -L "$image/lib/pilothouse.jsa" ] || fail "$image/lib/pilothouse.jsa is the base-archive fallback link: training failed"

# The share of loaded classes that came from the app archive, from a class+load log.
top_share() { awk '/source: shared objects file \(top\)/ {t++} END {printf "%d %d\n", t, NR}' "$1"; }

JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/version.log" "$image/bin/pilothouse" --version >/dev/null 2>"$tmp/err" \
  || { cat "$tmp/err" >&2; fail "--version failed"; }
read -r top all < <(top_share "$tmp/version.log")
echo "app CDS: --version loaded $all classes, $top from the app archive" >&2
[ "$top" -ge 100 ] || fail "--version took only $top classes from the app archive: the launcher does not map it"
if [ -n "$workspace" ]; then
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/snapshot.log" "$image/bin/pilothouse" snapshot \
    --workspace "$workspace" >/dev/null 2>&1 || true
  read -r top all < <(top_share "$tmp/snapshot.log")
  shared=$(grep -c 'source: shared objects file' "$tmp/snapshot.log" || true)
  echo "app CDS: snapshot loaded $all classes, $shared shared: $top from the app archive, the rest the JDK's" >&2
  # Not all can be: lambdas, proxies, pre-Java-6 class files (picocli) and what the no-cluster training never met.
  [ "$top" -ge 1000 ] && [ $(( shared * 3 )) -ge $(( all * 2 )) ] \
    || fail "snapshot took only $top classes from the app archive ($shared of $all shared)"
fi

# A copy whose main jar is newer than the archive: a mismatch, which the launcher's options keep quiet.
cp -a "$image" "$moved"
touch "$moved"/lib/app/app-*.jar
JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/moved.log" "$moved/bin/pilothouse" --version >"$tmp/out" 2>"$tmp/err" \
  || { cat "$tmp/err" >&2; fail "a mismatched image does not start when its archive does not match"; }
grep -v '^Picked up JAVA_TOOL_OPTIONS' "$tmp/err" | grep -q . && { cat "$tmp/err" >&2; fail "a mismatched archive is not quiet"; }
grep -q '^pilothouse ' "$tmp/out" || fail "a mismatched image printed no version"
read -r top all < <(top_share "$tmp/moved.log")
[ "$top" -eq 0 ] || fail "a mismatched image still took $top classes from a mismatched archive"
grep -q 'source: shared objects file$' "$tmp/moved.log" || fail "a mismatched image lost the runtime's base archive too"
echo "app CDS OK: the archive is used where it was trained and ignored quietly (base archive kept) elsewhere" >&2
