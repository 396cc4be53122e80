#!/usr/bin/env bash
# Builds the Pilothouse app-image with jpackage from the jars Maven collected into TARGET/input.
# Usage: jpackage-app-image.sh TARGET VERSION MODULES
set -euo pipefail
target=$1 version=$2 modules=$3
. "$(dirname "${BASH_SOURCE[0]}")/packaging-jdk.sh"
echo "runtime linked from JDK $feature (${jdk:-jpackage on the PATH})"
rm -rf "$target/jpackage"
app_jar=$(cd "$target/input" && ls app-*.jar | head -n1)
# The launcher's icon, in the format each OS wants; PILOTHOUSE_ICON overrides (macOS CI makes an .icns from the PNG).
resources=$(cd "$(dirname "${BASH_SOURCE[0]}")/resources" && pwd)
case "$(uname -s)" in
  Linux) icon=$resources/pilothouse.png ;;
  MINGW*|MSYS*|CYGWIN*) icon=$resources/pilothouse.ico ;;
  *) icon= ;;
esac
icon=${PILOTHOUSE_ICON:-$icon}
# Two launchers, one JVM profile each (see io.pilothouse.app.WindowLauncher): 'pilothouse', on the PATH, for the
# one-shot commands: C1 only, the serial collector, no perf data (about half a snapshot's CPU; a throughput risk only
# for what runs for hours) and 'pilothouse-window' (the desktop entry; default JIT and collector) for the window,
# the wall and watch, to which the first hands those commands. Linux: each has its start-up cache, trained by
# lib/train-cds.sh for the path the image runs from and again by the installers' post-install step: with a JDK 25
# runtime an AOT cache (JEP 483/515: classes loaded and linked, method profiles; lib/*.aot), with JDK 17 a dynamic
# CDS archive (lib/*.jsa); quiet when it does not match (-Xlog:...=off: the JVM runs without it). Other OSes: the
# runtime's base CDS archive only, for now.
one_shot='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dpilothouse.window-launcher=pilothouse-window'
cli_cache= window_cache=
if [ "$(uname -s)" = Linux ]; then
  if [ "$feature" -ge 25 ]; then
    cli_cache='-XX:AOTCache=$APPDIR/../pilothouse-cli.aot -Xlog:aot=off -Xlog:cds=off'
    window_cache='-XX:AOTCache=$APPDIR/../pilothouse.aot -Xlog:aot=off -Xlog:cds=off'
  else
    cli_cache='-XX:SharedArchiveFile=$APPDIR/../pilothouse-cli.jsa -Xlog:cds=off -Xlog:cds+dynamic=off'
    window_cache='-XX:SharedArchiveFile=$APPDIR/../pilothouse.jsa -Xlog:cds=off -Xlog:cds+dynamic=off'
  fi
fi
# JDK 24+ warns on stderr, once per run, when a library on the class path calls a native method loader (JavaFX's
# glass/prism: JEP 472) or sun.misc.Unsafe's memory access (protobuf, Netty, Guava: JEP 471/498). Both options are
# the JEPs' documented way to grant it to class-path code; a JDK 17 runtime does not know them.
jdk_options=
if [ "$feature" -ge 24 ]; then
  jdk_options='--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow'
fi
# The window's heap is sized as ./pilothouse sizes it, and the common pool gets 4 threads (see the comment there:
# G1's default GCTimeRatio grew a 500-cluster estate's RSS to 2.5 GB for 400 MB in use; below a parallelism of 2 every
# asynchronous REST reply finished on a new thread).
window_heap='-XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Djava.util.concurrent.ForkJoinPool.common.parallelism=4'
mkdir -p "$target/launchers"
# Its default argument 'gui' opens the window from the desktop entry (arguments typed replace it). jpackage 25 still
# writes a desktop file per launcher: resources/linux/pilothouse-window.desktop is the menu entry ("Pilothouse"),
# resources/linux/pilothouse.desktop (the command line's) is hidden (NoDisplay).
cat > "$target/launchers/pilothouse-window.properties" <<PROPERTIES
java-options=-Dpilothouse.packaged=true $jdk_options $window_heap $window_cache
arguments=gui
linux-shortcut=false
win-shortcut=false
win-menu=false
PROPERTIES
# sqlite-jdbc (the history store) carries its native library for 25 platforms (~20 MB); the app-image runs on this
# one, so the others are left out of the copy packaged (the installers must stay under 90 MB).
for sqlite_jar in "$target"/input/sqlite-jdbc-*.jar; do
  [ -e "$sqlite_jar" ] || continue
  python3 - "$sqlite_jar" <<'PY'
import platform, shutil, sys, zipfile
jar = sys.argv[1]
os_dir = {"Linux": "Linux", "Darwin": "Mac", "Windows": "Windows"}.get(platform.system(), platform.system())
machine = platform.machine().lower()
arch = {"amd64": "x86_64", "x86_64": "x86_64", "arm64": "aarch64", "aarch64": "aarch64"}.get(machine, machine)
keep = "org/sqlite/native/%s/%s/" % (os_dir, arch)
tmp = jar + ".tmp"
with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    kept = 0
    for item in src.infolist():
        name = item.filename
        if name.startswith("org/sqlite/native/") and not name.endswith("/") and not name.startswith(keep):
            continue
        kept += name.startswith(keep)
        dst.writestr(item, src.read(name))
if not kept:
    sys.exit("sqlite-jdbc has no native library for %s; packaging it would break the history store" % keep)
shutil.move(tmp, jar)
print("sqlite-jdbc: native library kept for %s only" % keep)
PY
done
# jlink 21+ names the compression zip-0..9 (2 is deprecated there); zip-6 is what 2 meant.
compress=2
[ "$feature" -lt 21 ] || compress=zip-6
"$jpackage_bin" --type app-image \
  --name pilothouse \
  --app-version "$version" \
  --vendor "Pilothouse" \
  --input "$target/input" \
  --main-jar "$app_jar" \
  --main-class io.pilothouse.app.Main \
  --add-modules "$modules" \
  ${icon:+--icon "$icon"} \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=$compress --generate-cds-archive" \
  --java-options "-Dpilothouse.packaged=true $jdk_options $one_shot $cli_cache" \
  --add-launcher "pilothouse-window=$target/launchers/pilothouse-window.properties" \
  --dest "$target/jpackage"
if [ -n "$window_cache" ]; then
  install -m 755 "$resources/train-cds.sh" "$target/jpackage/pilothouse/lib/train-cds.sh"
  started=$(date +%s)
  "$target/jpackage/pilothouse/lib/train-cds.sh"
  # Only used with heaps over 32 GB (no compressed oops); the AOT cache or the base archive above serve the app.
  rm -f "$target/jpackage/pilothouse/lib/runtime/lib/server/classes_nocoops.jsa"
  echo "start-up cache trained in $(( $(date +%s) - started )) s"
fi
echo "app-image: $(ls -d "$target"/jpackage/*) ($(du -sh "$target"/jpackage | cut -f1))"
