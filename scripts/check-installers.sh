#!/usr/bin/env bash
# Builds the .deb and .rpm (unless --built), checks what they hold (version, licence, desktop entry, icon, size),
# then installs the .deb on this machine, runs the INSTALLED 'pilothouse' from the PATH (--version, a sandbox
# cluster, snapshot, offscreen screenshot) and removes the package again, checking nothing is left behind.
# Needs root (it installs a package), as CI is. Usage: scripts/check-installers.sh [--built]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
max_bytes=$(( 90 * 1024 * 1024 ))
fail() { echo "installers: $*" >&2; exit 1; }
step_start=$(date +%s)
step() { local now; now=$(date +%s); echo "installers: $1 ($(( now - step_start )) s)" >&2; step_start=$now; }

[ "$(id -u)" -eq 0 ] || fail "installing the .deb needs root; run as root (CI does) or use scripts/check-app-image.sh"
if dpkg-query -W -f='${Status}' pilothouse 2>/dev/null | grep -q "install ok installed"; then
  fail "a 'pilothouse' package is already installed here; remove it first (apt-get remove -y pilothouse), this check will not replace someone's install"
fi

if [ "${1:-}" != "--built" ]; then
  mvn -B -ntp -q -DskipTests -Pinstallers -pl packaging -am package
  step "built app-image, .deb and .rpm"
fi
version=$(sed -n 's:.*<app.version.numeric>\(.*\)</app.version.numeric>.*:\1:p' packaging/pom.xml)
deb=$(ls "$root"/packaging/target/installers/pilothouse_*.deb 2>/dev/null | head -n1)
rpm=$(ls "$root"/packaging/target/installers/pilothouse-*.rpm 2>/dev/null | head -n1)
[ -n "$deb" ] || fail "no .deb under packaging/target/installers"
[ -n "$rpm" ] || fail "no .rpm under packaging/target/installers"

# What the packages hold, before anything is installed.
for f in "$deb" "$rpm"; do
  size=$(stat -c %s "$f")
  echo "installers: $(basename "$f"): $(( size / 1024 / 1024 )) MB" >&2
  [ "$size" -le "$max_bytes" ] || fail "$(basename "$f") is $(( size / 1024 / 1024 )) MB, over the 90 MB limit"
done
# jpackage 17 appends the release "-1", 25 does not.
case "$(dpkg-deb -f "$deb" Version)" in "$version"|"$version-1") ;; *) false ;; esac || fail ".deb version '$(dpkg-deb -f "$deb" Version)' is not $version"
dpkg-deb -f "$deb" Depends | grep -q libgtk-3-0 || fail ".deb does not depend on libgtk-3-0"
deb_files=$(dpkg-deb -c "$deb")
for want in ./opt/pilothouse/bin/pilothouse ./opt/pilothouse/lib/pilothouse-pilothouse-window.desktop \
            ./opt/pilothouse/lib/pilothouse.png ./opt/pilothouse/share/doc/copyright \
            ./opt/pilothouse/bin/pilothouse-window; do
  grep -q " $want\$" <<<"$deb_files" || fail ".deb lacks $want"
done
[ "$(rpm -qp --queryformat '%{VERSION}' "$rpm" 2>/dev/null)" = "$version" ] || fail ".rpm version is not $version"
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
for want in /opt/pilothouse/bin/pilothouse /opt/pilothouse/lib/pilothouse-pilothouse-window.desktop \
            /opt/pilothouse/lib/pilothouse.png "/usr/share/licenses/pilothouse-$version/LICENSE"; do
  grep -qx "$want" <<<"$rpm_files" || fail ".rpm lacks $want"
done
# Read once: 'rpm ... | grep -q' under pipefail fails at random when grep stops reading before rpm is done (SIGPIPE).
rpm_scripts=$(rpm -qp --scripts "$rpm" 2>/dev/null)
grep -q "ln -sf /opt/pilothouse/bin/pilothouse /usr/bin/pilothouse" <<<"$rpm_scripts" \
  || fail ".rpm's %post does not put pilothouse on the PATH"
grep -q "/opt/pilothouse/lib/train-cds.sh" <<<"$rpm_scripts" \
  || fail ".rpm's %post does not train the CDS archive"
grep -q " ./opt/pilothouse/lib/train-cds.sh\$" <<<"$deb_files" || fail ".deb lacks ./opt/pilothouse/lib/train-cds.sh"
grep -q "pilothouse[-a-z]*\.\(jsa\|aot\)\|server/classes.jsa" <<<"$deb_files" && fail ".deb carries the build machine's start-up caches (they are made on install)"
step "package contents checked"

dir=$(mktemp -d /tmp/pilothouse-installed-XXXXXX)
chmod 755 "$dir"
installed=no
cleanup() {
  if [ "$installed" = yes ]; then
    /usr/bin/pilothouse sandbox down --dir "$dir" >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q pilothouse >/dev/null 2>&1 || dpkg --purge pilothouse >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "$deb" >"$dir/install.log" 2>&1 \
  || { cat "$dir/install.log" >&2; fail "apt-get install of $(basename "$deb") failed"; }
installed=yes
step "installed $(basename "$deb")"

[ "$(command -v pilothouse)" = /usr/bin/pilothouse ] || fail "pilothouse is not on the PATH at /usr/bin/pilothouse after install"
[ "$(readlink /usr/bin/pilothouse)" = /opt/pilothouse/bin/pilothouse ] || fail "/usr/bin/pilothouse does not point at the installed launcher"
# One menu entry, the window launcher's (jpackage writes a desktop file per launcher; the command line's is hidden).
entry=/usr/share/applications/pilothouse-pilothouse-window.desktop
[ -e "$entry" ] || fail "no desktop entry $entry"
grep -q '^Exec=/opt/pilothouse/bin/pilothouse-window$' "$entry" || fail "the desktop entry does not start the installed window launcher"
grep -q '^Name=Pilothouse$' "$entry" || fail "the desktop entry is not named Pilothouse"
for other in /usr/share/applications/pilothouse*.desktop; do
  [ "$other" = "$entry" ] || grep -q '^NoDisplay=true$' "$other" || fail "a second menu entry is shown: $other"
done

# The base CDS archive (made by the post-install step) must map from the installed path; -Xshare:on makes the JVM fail rather than run without it.
/opt/pilothouse/lib/runtime/bin/java -Xshare:on -Xlog:cds=info -version >"$dir/cds.log" 2>&1 \
  || { cat "$dir/cds.log" >&2; fail "the installed runtime's CDS archive does not map (-Xshare:on failed)"; }
grep -q "Mapped static" "$dir/cds.log" || fail "the installed runtime did not map its CDS archive"
pilothouse --version | tee "$dir/version.txt" >&2
grep -q "^pilothouse $version" "$dir/version.txt" || fail "installed --version does not say $version"
pilothouse sandbox up --dir "$dir/sandbox" --members 2 --scope installed
step "sandbox up from the installed launcher"
pilothouse snapshot --workspace "$dir/sandbox/workspace.yaml" --json > "$dir/snapshot.json"
grep -q '"scope" : "installed"' "$dir/snapshot.json" || { cat "$dir/snapshot.json" >&2; fail "snapshot from the installed app lacks the cluster"; }
grep -q '"role" : "leader"' "$dir/snapshot.json" || fail "snapshot from the installed app shows no leader"
# The post-install step trained the app's CDS archive for /opt/pilothouse; the launcher maps it.
scripts/check-app-cds.sh /opt/pilothouse "$dir/sandbox/workspace.yaml"
pilothouse screenshot --view topology --workspace "$dir/sandbox/workspace.yaml" --out "$dir/topology.png" --size 1200x800
test -s "$dir/topology.png" || fail "screenshot from the installed app is empty"
step "snapshot and screenshot from the installed launcher"
pilothouse sandbox down --dir "$dir/sandbox" >/dev/null

apt-get remove -y -q pilothouse >"$dir/remove.log" 2>&1 || { cat "$dir/remove.log" >&2; fail "apt-get remove pilothouse failed"; }
installed=no
dpkg-query -W -f='${Status}' pilothouse 2>/dev/null | grep -q "ok installed" && fail "pilothouse still installed after remove"
[ ! -e /opt/pilothouse ] || fail "files left under /opt/pilothouse after remove: $(find /opt/pilothouse | head -5 | tr '\n' ' ')"
[ ! -e /usr/bin/pilothouse ] && [ ! -L /usr/bin/pilothouse ] || fail "/usr/bin/pilothouse left behind after remove"
ls /usr/share/applications/pilothouse*.desktop >/dev/null 2>&1 && fail "desktop entries left behind after remove"
dpkg --purge pilothouse >/dev/null 2>&1 || true
step "removed cleanly"
echo "installers OK: $(basename "$deb") and $(basename "$rpm") built; the installed app ran version, sandbox, snapshot and screenshot; removal left nothing under /opt"
