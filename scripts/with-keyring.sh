#!/usr/bin/env bash
# Runs a command with a real Secret Service: gnome-keyring under a private D-Bus session and a
# throwaway HOME, so keytar talks to a real keychain and nothing touches the user's own
# (docs/architecture.md#real-keychain).
set -euo pipefail
if [ "${CROKO_KEYRING:-}" = 1 ]; then exec "$@"; fi
for bin in dbus-run-session gnome-keyring-daemon; do
  command -v "$bin" >/dev/null || { echo "with-keyring: $bin is missing (apt: dbus gnome-keyring)" >&2; exit 2; }
done
keyring_home=$(mktemp -d /tmp/croko-keyring.XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export CROKO_KEYRING=1
HOME="$keyring_home" dbus-run-session -- bash -c \
  'printf "croko-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' bash "$@"
