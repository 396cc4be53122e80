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
  --dest "$target/jpackage"
echo "app-image: $(ls -d "$target"/jpackage/*) ($(du -sh "$target"/jpackage | cut -f1))"
