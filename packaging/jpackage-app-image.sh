#!/usr/bin/env bash
# Builds the Pilothouse app-image with jpackage from the jars Maven collected into TARGET/input.
# Usage: jpackage-app-image.sh TARGET VERSION MODULES
set -euo pipefail
target=$1 version=$2 modules=$3
jpackage_bin=${JAVA_HOME:+$JAVA_HOME/bin/}jpackage
command -v "$jpackage_bin" >/dev/null || jpackage_bin=jpackage
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
# Linux: the app's class-data-sharing archive (lib/pilothouse.jsa, trained by lib/train-cds.sh for the path the image
# runs from; the installers train it again after installing). Quiet when it does not match: the JVM then keeps the
# runtime's base archive (--generate-cds-archive) and says nothing. Other OSes: the base archive only, for now.
cds_options=()
if [ "$(uname -s)" = Linux ]; then
  cds_options=(--java-options '-XX:SharedArchiveFile=$APPDIR/../pilothouse.jsa -Xlog:cds=off -Xlog:cds+dynamic=off')
fi
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
"$jpackage_bin" --type app-image \
  --name pilothouse \
  --app-version "$version" \
  --vendor "Pilothouse" \
  --input "$target/input" \
  --main-jar "$app_jar" \
  --main-class io.pilothouse.app.Main \
  --add-modules "$modules" \
  ${icon:+--icon "$icon"} \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive" \
  --java-options "-Dpilothouse.packaged=true" \
  ${cds_options[@]+"${cds_options[@]}"} \
  --dest "$target/jpackage"
if [ ${#cds_options[@]} -gt 0 ]; then
  install -m 755 "$resources/train-cds.sh" "$target/jpackage/pilothouse/lib/train-cds.sh"
  started=$(date +%s)
  "$target/jpackage/pilothouse/lib/train-cds.sh"
  echo "class-data-sharing archive trained in $(( $(date +%s) - started )) s"
fi
echo "app-image: $(ls -d "$target"/jpackage/*) ($(du -sh "$target"/jpackage | cut -f1))"
