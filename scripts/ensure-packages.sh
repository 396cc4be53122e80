#!/usr/bin/env bash
# Installs the Debian packages Pilothouse needs when they are missing.
# Usage: scripts/ensure-packages.sh build|run|test
# As root it runs apt-get (update once, then install); otherwise it says exactly what to install and fails.
set -euo pipefail

build_pkgs=(openjdk-17-jdk-headless maven)
# python3-idna: Patroni's urllib3 needs it for https (sandbox up --tls: etcd and REST over TLS); openssl makes the
# --tls sandbox's certificates; pgbouncer, pgpool2: sandbox up --poolers.
run_pkgs=(postgresql patroni etcd-server etcd-client haproxy pgbouncer pgpool2 fonts-dejavu-core libgtk-3-0 python3-idna openssl)
case "${1:-run}" in
  build) wanted=("${build_pkgs[@]}") ;;
  run)   wanted=("${build_pkgs[@]}" "${run_pkgs[@]}" xvfb) ;;
  test)  wanted=("${build_pkgs[@]}" "${run_pkgs[@]}" procps xdotool fakeroot rpm gnome-keyring dbus-x11 dbus-daemon libsecret-tools prometheus-alertmanager openssh-server openssh-client) ;;  # prometheus-alertmanager: AlertmanagerServerTest posts to a real one; xdotool: key presses for the Xvfb window check; fakeroot, rpm: jpackage .deb/.rpm; gnome-keyring, dbus-x11 (dbus-run-session), libsecret-tools (secret-tool): the keyring tests run a real Secret Service; openssh-server, openssh-client (ssh-keygen, ssh-agent): the SSH shell tests run a real sshd (OpenSshServer)
  *) echo "usage: $0 build|run|test" >&2; exit 2 ;;
esac
# The fault suite's network partition (FaultScenariosSandboxTest) drops a member's loopback traffic with nft; it
# only runs as root, so only root needs it.
if [ "${1:-run}" = test ] && [ "$(id -u)" -eq 0 ]; then wanted+=(nftables); fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "pilothouse: missing packages: ${missing[*]}" >&2
  echo "pilothouse: install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "pilothouse: installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
# Debian's postgresql package creates and starts a 'main' cluster on 5432 where it can; Pilothouse's sandbox
# never uses it (its clusters live on free ports), so it is left as the package set it up.
