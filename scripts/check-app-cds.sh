#!/usr/bin/env bash
# Checks the packaged app's start-up cache, trained by lib/train-cds.sh: lib/pilothouse.aot (JDK 25 runtime, the
# AOT cache) or lib/pilothouse.jsa (JDK 17 runtime, a dynamic CDS archive):
#  1. the launcher maps it: the app's own classes (not the JDK's) of '--version' (and of a snapshot of WORKSPACE,
#     if given) come from it ("source: shared objects file" in -Xlog:class+load; "(top)" for the CDS archive);
#  2. it falls back quietly: a copy of the image with one jar touched (the cache no longer matches the jar's
#     time, as after a rebuilt jar) still runs and prints no warning; the CDS archive then keeps the runtime's base
#     archive, the AOT cache none (JDK 25 maps one cache or none).
# (JDK 17.0.15 and 25 accept an image moved whole to another directory: they match the class path's relative layout.)
# Usage: scripts/check-app-cds.sh IMAGE_DIR [WORKSPACE]    (IMAGE_DIR: .../pilothouse, with bin/ and lib/)
set -euo pipefail
image=$(cd "$1" && pwd -P)
workspace=${2:-}
fail() { echo "app CDS: $*" >&2; exit 1; }
tmp=$(mktemp -d /tmp/pilothouse-cds-check-XXXXXX)
moved=$tmp/pilothouse
trap 'rm -rf "$tmp"' EXIT
# The cache the command-line launcher names (pilothouse-cli.aot / .jsa; the window launcher's is checked below).
cache_of() { sed -n 's#^java-options=-XX:\(AOTCache\|SharedArchiveFile\)=\$APPDIR/\.\./##p' "$image/lib/app/$1.cfg"; }
cache=$image/lib/$(cache_of pilothouse)
[ "$cache" != "$image/lib/" ] || fail "the launcher's java-options name no start-up cache ($image/lib/app/pilothouse.cfg)"
[ -e "$cache" ] || fail "no $cache (lib/train-cds.sh did not run)"
[ ! -L "$cache" ] || fail "$cache is the base-archive fallback link: training failed"

# From a class+load log: how many classes came from the trained cache, and how many loaded in all. A JDK 17 dynamic
# archive is its own layer ("(top)"); a JDK 25 AOT cache holds the JDK's classes too, so there the app's and the
# libraries' classes are counted.
top_share() {
  if [ "${cache##*.}" = jsa ]; then
    awk '/source: shared objects file \(top\)/ {t++} END {printf "%d %d\n", t, NR}' "$1"
  else
    awk '/source: shared objects file/ && $2 !~ /^(java|javax|jdk|sun|com\.sun)\./ {t++} END {printf "%d %d\n", t, NR}' "$1"
  fi
}

JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/version.log" "$image/bin/pilothouse" --version >/dev/null 2>"$tmp/err" \
  || { cat "$tmp/err" >&2; fail "--version failed"; }
read -r top all < <(top_share "$tmp/version.log")
echo "app CDS: --version loaded $all classes, $top from $(basename "$cache")" >&2
[ "$top" -ge 100 ] || fail "--version took only $top classes from the app archive: the launcher does not map it"
if [ -e "$image/lib/app/pilothouse-window.cfg" ]; then
  window_cache=$image/lib/$(cache_of pilothouse-window)
  [ -e "$window_cache" ] && [ ! -L "$window_cache" ] || fail "no trained $window_cache for the window launcher"
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/window.log" "$image/bin/pilothouse-window" --version >/dev/null 2>"$tmp/err" \
    || { cat "$tmp/err" >&2; fail "pilothouse-window --version failed"; }
  read -r top all < <(top_share "$tmp/window.log")
  echo "app CDS: pilothouse-window --version loaded $all classes, $top from $(basename "$window_cache")" >&2
  [ "$top" -ge 100 ] || fail "the window launcher took only $top classes from its cache: it does not map it"
  # 'pilothouse gui' is handed to the window launcher: without a display it must say so (not fail to start it).
  env -u DISPLAY -u WAYLAND_DISPLAY "$image/bin/pilothouse" gui >/dev/null 2>"$tmp/err" || true
  grep -q "no display" "$tmp/err" || { cat "$tmp/err" >&2; fail "'pilothouse gui' did not reach the window launcher"; }
fi
if [ -n "$workspace" ]; then
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$tmp/snapshot.log" "$image/bin/pilothouse" snapshot \
    --workspace "$workspace" >/dev/null 2>&1 || true
  read -r top all < <(top_share "$tmp/snapshot.log")
  shared=$(grep -c 'source: shared objects file' "$tmp/snapshot.log" || true)
  echo "app CDS: snapshot loaded $all classes, $shared shared, $top from $(basename "$cache")" >&2
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
if [ "${cache##*.}" = jsa ]; then
  grep -q 'source: shared objects file$' "$tmp/moved.log" || fail "a mismatched image lost the runtime's base archive too"
  echo "app CDS OK: the archive is used where it was trained and ignored quietly (base archive kept) elsewhere" >&2
else
  echo "app CDS OK: the AOT cache is used where it was trained and ignored quietly (no class sharing) elsewhere" >&2
fi
