#!/usr/bin/env bash
# Builds the jpackage app-image and runs its launcher headless: --version, then a snapshot of a sandbox cluster
# started by the packaged app itself. Keeps packaging from rotting silently.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

mvn -B -ntp -q -DskipTests -Papp-image -pl packaging -am package
launcher="$root/packaging/target/jpackage/pilothouse/bin/pilothouse"
test -x "$launcher" || { echo "app-image launcher missing: $launcher" >&2; exit 1; }

"$launcher" --version

dir=$(mktemp -d /tmp/pilothouse-ci-XXXXXX)
chmod 755 "$dir"
trap '"$launcher" sandbox down --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$launcher" sandbox up --dir "$dir" --members 2 --scope packaged
"$launcher" snapshot --workspace "$dir/workspace.yaml" --json > "$dir/snapshot.json"
grep -q '"scope" : "packaged"' "$dir/snapshot.json" || { echo "snapshot from the app-image lacks the cluster" >&2; cat "$dir/snapshot.json" >&2; exit 1; }
grep -q '"role" : "leader"' "$dir/snapshot.json" || { echo "snapshot from the app-image shows no leader" >&2; exit 1; }
# The app's CDS archive is mapped where it was trained, and a mismatched one is ignored quietly.
scripts/check-app-cds.sh "$root/packaging/target/jpackage/pilothouse" "$dir/workspace.yaml"
"$launcher" screenshot --view topology --workspace "$dir/workspace.yaml" --out "$dir/topology.png" --size 1200x800
test -s "$dir/topology.png" || { echo "app-image screenshot is empty" >&2; exit 1; }
echo "app-image OK: version, sandbox, snapshot (app CDS archive mapped) and offscreen screenshot all ran from the packaged launcher"
