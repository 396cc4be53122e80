#!/usr/bin/env bash
# Builds the Pilothouse app-image with jpackage from the jars Maven collected into TARGET/input.
# Usage: jpackage-app-image.sh TARGET VERSION MODULES
set -euo pipefail
target=$1 version=$2 modules=$3
jpackage_bin=${JAVA_HOME:+$JAVA_HOME/bin/}jpackage
command -v "$jpackage_bin" >/dev/null || jpackage_bin=jpackage
rm -rf "$target/jpackage"
app_jar=$(cd "$target/input" && ls app-*.jar | head -n1)
"$jpackage_bin" --type app-image \
  --name pilothouse \
  --app-version "$version" \
  --vendor "Pilothouse" \
  --input "$target/input" \
  --main-jar "$app_jar" \
  --main-class io.pilothouse.app.Main \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2" \
  --java-options "-Dpilothouse.packaged=true" \
  --dest "$target/jpackage"
echo "app-image: $target/jpackage/pilothouse ($(du -sh "$target/jpackage/pilothouse" | cut -f1))"
