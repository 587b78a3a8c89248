#!/usr/bin/env bash
# Runs a command in a fresh network namespace whose only interface is `lo`
# (docs/architecture.md#loopback-only-webrtc): WebRTC media in tests can then reach nothing but
# 127.0.0.0/8. Needs root (CI and dev machines here are).
set -euo pipefail
if [ "${CROKO_IN_NETNS:-}" = 1 ]; then exec "$@"; fi
if ! command -v unshare >/dev/null; then
  echo "with-loopback-netns: unshare (util-linux) is missing; refusing to run media tests on the host network" >&2
  exit 2
fi
export CROKO_IN_NETNS=1
exec unshare -n -- bash -c 'ip link set lo up && exec "$@"' bash "$@"
