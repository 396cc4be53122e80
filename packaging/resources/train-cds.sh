#!/bin/sh
# Trains the app's class-data-sharing archive, lib/pilothouse.jsa, against this image's own path (a JDK 17 dynamic
# archive only matches the exact class path it was dumped with, and the jars' sizes and times): run at package build
# time for the app-image and by the installers' post-install step for /opt/pilothouse. The launcher's java-options
# name the archive; when it does not match (moved image, changed jar) the JVM quietly runs without it.
# The workload is io.pilothouse.app.CdsTraining (closed loopback ports, no cluster needed), run with a throwaway
# home so nothing is written in the installing user's. Never fails the install: without a trained archive the file
# becomes a link to the runtime's base archive, so the JDK's own classes stay shared.
# Usage: lib/train-cds.sh   (from any directory)
set -u
lib=$(cd "$(dirname "$0")" && pwd -P)
archive=$lib/pilothouse.jsa
base=runtime/lib/server/classes.jsa
app=$lib/app
classpath=$(sed -n "s#^app.classpath=\\\$APPDIR#$app#p" "$app/pilothouse.cfg" | tr '\n' ':' | sed 's/:$//')
work=$(mktemp -d "${TMPDIR:-/tmp}/pilothouse-cds-XXXXXX") || exit 0
trap 'rm -rf "$work"' EXIT
rm -f "$archive"
if env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CACHE_HOME -u DISPLAY -u WAYLAND_DISPLAY \
    HOME="$work" TMPDIR="$work" \
    "$lib/runtime/bin/java" -XX:ArchiveClassesAtExit="$work/pilothouse.jsa" -Duser.home="$work" \
    -Djava.io.tmpdir="$work" -Dpilothouse.packaged=true -cp "$classpath" io.pilothouse.app.CdsTraining \
    >"$work/training.log" 2>&1 && [ -s "$work/pilothouse.jsa" ]; then
  mv "$work/pilothouse.jsa" "$archive"
  echo "pilothouse: class-data-sharing archive trained for $lib ($(du -k "$archive" | cut -f1) KiB)"
else
  ln -s "$base" "$archive"
  echo "pilothouse: no class-data-sharing archive trained (start-up will be slower); see a rerun of $0" >&2
  tail -n 5 "$work/training.log" >&2
fi
exit 0
