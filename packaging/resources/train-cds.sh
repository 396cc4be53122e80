#!/bin/sh
# Trains each launcher's start-up cache against this image's own path. A launcher's java-options name its cache:
# with a JDK 25 runtime an ahead-of-time cache (-XX:AOTCache=...aot, JEP 483/515: the classes loaded and linked,
# lambdas, method profiles; trained with -XX:AOTCacheOutput), with a JDK 17 runtime a dynamic class-data-sharing
# archive (-XX:SharedArchiveFile=...jsa, trained with -XX:ArchiveClassesAtExit). Either matches only the exact class
# path it was made with, the jars' sizes and times, and the launcher's module options: run at package build time for
# the app-image and by the installers' post-install step for /opt/pilothouse. When a cache does not match (changed
# jar) the launcher's -Xlog:...=off keeps the JVM quiet and it runs without it.
# The workload is io.pilothouse.app.CdsTraining (closed loopback ports, no cluster needed): the one-shot launcher
# ('pilothouse', which names its window sibling in -Dpilothouse.window-launcher) trains on the one-shot commands
# only, the window launcher on those and the views. Run with a throwaway home so nothing is written in the
# installing user's. First makes the runtime's base CDS archive if it is missing (the packages leave it out).
# Never fails the install: a cache that could not be trained becomes a link to the runtime's
# base CDS archive (both JDKs map it), so the JDK's own classes stay shared.
# Usage: lib/train-cds.sh   (from any directory)
set -u
lib=$(cd "$(dirname "$0")" && pwd -P)
base=runtime/lib/server/classes.jsa
app=$lib/app
# The runtime's base CDS archive (the JDK's classes), which the packages leave out to stay small.
[ -s "$lib/$base" ] || "$lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off -Xlog:aot=off >/dev/null 2>&1 \
  || echo "pilothouse: could not make the runtime's base CDS archive ($lib/$base)" >&2
work=$(mktemp -d "${TMPDIR:-/tmp}/pilothouse-cds-XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
for cfg in "$app"/*.cfg; do
  launcher=$(basename "$cfg" .cfg)
  option=$(sed -n 's/^java-options=\(-XX:\(AOTCache\|SharedArchiveFile\)=\$APPDIR\/\.\.\/.*\)$/\1/p' "$cfg" | head -n1)
  [ -n "$option" ] || continue
  archive=$lib/${option##*/}
  case "$option" in
    -XX:AOTCache=*) dump=-XX:AOTCacheOutput ;;
    *) dump=-XX:ArchiveClassesAtExit ;;
  esac
  classpath=$(sed -n "s#^app.classpath=\\\$APPDIR#$app#p" "$cfg" | tr '\n' ':' | sed 's/:$//')
  # The launcher's own options (JIT, collector, --enable-native-access...), not the cache's: a JDK 25 AOT cache
  # is refused when module options differ between training and use.
  options=$(sed -n 's/^java-options=//p' "$cfg" | grep -v 'APPDIR\|^-Xlog:\|^-Djpackage' | tr '\n' ' ')
  workload=
  case "$options" in *-Dpilothouse.window-launcher=*) workload=one-shot ;; esac
  rm -f "$archive" "$work/trained"
  # shellcheck disable=SC2086  # the options are separate words
  if env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CACHE_HOME -u DISPLAY -u WAYLAND_DISPLAY \
      HOME="$work" TMPDIR="$work" \
      "$lib/runtime/bin/java" $options "$dump=$work/trained" -Duser.home="$work" -Djava.io.tmpdir="$work" \
      -cp "$classpath" io.pilothouse.app.CdsTraining $workload >"$work/training.log" 2>&1 && [ -s "$work/trained" ]; then
    mv "$work/trained" "$archive"
    echo "pilothouse: start-up cache of '$launcher' trained for $lib ($(du -k "$archive" | cut -f1) KiB)"
  else
    ln -s "$base" "$archive"
    echo "pilothouse: no start-up cache trained for '$launcher' (start-up will be slower); see a rerun of $0" >&2
    tail -n 5 "$work/training.log" >&2
  fi
done
exit 0
