#!/usr/bin/env bash
# Builds the Linux installers (.deb and, when rpmbuild is present, .rpm) with jpackage from the app-image that
# jpackage-app-image.sh made. Linux-only options are refused for app-image (stack.md trap 8), so the packages are
# made from --app-image. Usage: jpackage-installers.sh TARGET VERSION RESOURCES TYPES
#   TYPES: space-separated jpackage types, e.g. "deb rpm"; a type whose tool is missing fails with what to install.
set -euo pipefail
target=$1 version=$2 resources=$3 types=$4
. "$(dirname "${BASH_SOURCE[0]}")/packaging-jdk.sh"   # the same JDK as the app-image's
image="$target/jpackage/pilothouse"
test -d "$image" || { echo "no app-image at $image: build it first (-Papp-image)" >&2; exit 1; }
out="$target/installers"
rm -rf "$out"
mkdir -p "$out"
# The app-image's start-up caches (AOT caches, or CDS archives with a JDK 17 runtime) match only the build path:
# they are left out of the packages (~100 MB) and the post-install step trains them for /opt/pilothouse
# (lib/train-cds.sh). The runtime's base CDS archive (14 MB, ~4 MB of each package) is made there too
# (java -Xshare:dump, a few seconds). All are put back here once the packages are built.
set_aside=()
for archive in "$image"/lib/pilothouse*.aot "$image"/lib/pilothouse*.jsa "$image/lib/runtime/lib/server/classes.jsa"; do
  if [ -e "$archive" ] || [ -L "$archive" ]; then
    mv "$archive" "$target/$(basename "$archive").build"
    set_aside+=("$archive")
  fi
done
put_back() { local a; for a in ${set_aside[@]+"${set_aside[@]}"}; do mv "$target/$(basename "$a").build" "$a"; done; }
trap put_back EXIT

# The packaging scripts are written for jpackage 25's placeholders (COMMON_SCRIPTS, DESKTOP_SCRIPTS: the shell
# functions DESKTOP_COMMANDS_* call); jpackage 17 names them UTILITY_SCRIPTS, and leaves an unknown one in the
# script as a command that fails the removal. So the resource directory is a copy, adapted to the JDK used.
linux_resources="$target/linux-resources"
rm -rf "$linux_resources"
cp -r "$resources/linux" "$linux_resources"
template=$(mktemp -d)
"${jdk:+$jdk/bin/}jimage" extract --dir "$template" --include 'regex:.*/resources/template\.prerm' \
  "${jdk:-$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")}/lib/modules" 2>/dev/null || true
if grep -rqs UTILITY_SCRIPTS "$template"; then
  sed -i -e 's/^COMMON_SCRIPTS$/UTILITY_SCRIPTS/' -e '/^DESKTOP_SCRIPTS$/d' "$linux_resources"/prerm "$linux_resources"/pilothouse.spec
fi
grep -rqs 'COMMON_SCRIPTS\|UTILITY_SCRIPTS' "$template" || echo "jpackage's own prerm template not found: packaging scripts kept as written for jpackage 25" >&2
rm -rf "$template"

for type in $types; do
  case "$type" in
    deb) command -v dpkg-deb >/dev/null || { echo "building a .deb needs dpkg-deb (Debian package dpkg)" >&2; exit 1; }
         command -v fakeroot >/dev/null || { echo "building a .deb needs fakeroot: apt-get install -y fakeroot" >&2; exit 1; } ;;
    rpm) command -v rpmbuild >/dev/null || { echo "building an .rpm needs rpmbuild: apt-get install -y rpm" >&2; exit 1; } ;;
    *) echo "unsupported installer type on Linux: $type (msi and dmg are built on their own OS, see .github/workflows/installers.yml)" >&2; exit 2 ;;
  esac
  # Each packaging system names GTK its own way; the rpm licence tag is refused for a .deb.
  if [ "$type" = deb ]; then
    per_type=(--linux-package-deps "libgtk-3-0")
  else
    per_type=(--linux-package-deps "gtk3" --linux-rpm-license-type "ASL 2.0")
  fi
  started=$(date +%s)
  # dpkg-deb's default xz took ~8 min on 2 busy cores for a 4 % smaller file: jlink already compressed the
  # runtime (--compress=2), so gzip -6 gives nearly the same size (~80 MB) in ~15 s.
  DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=6 \
  "$jpackage_bin" --type "$type" \
    --app-image "$image" \
    --name pilothouse \
    --app-version "$version" \
    --vendor "Pilothouse" \
    --description "Desktop cockpit for PostgreSQL high-availability estates (Patroni, etcd)" \
    --license-file "$resources/LICENSE" \
    --resource-dir "$linux_resources" \
    --icon "$resources/pilothouse.png" \
    --linux-package-name pilothouse \
    --linux-app-category "Development" \
    --linux-menu-group "Development;Database;" \
    --linux-shortcut \
    "${per_type[@]}" \
    --dest "$out"
  file=$(ls "$out"/*."$type")
  echo "$type: $file ($(du -h "$file" | cut -f1), built in $(( $(date +%s) - started )) s)"
done
