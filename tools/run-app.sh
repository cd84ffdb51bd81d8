#!/usr/bin/env bash
# Set up, build and launch Attune from the source tree (no install needed): the build dir's
# compiled GSettings schema is used through `meson devenv`.
#
# Usage: tools/run-app.sh [ATTUNE ARGUMENTS...]
# Environment: JOBS (default 2), BUILD_DIR (default build).
# Note: the app uses your real data directory (~/.local/share/attune).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build=${BUILD_DIR:-build}

"$root/tools/setup-debian.sh"

if [[ ! -f $build/meson-private/coredata.dat ]]; then
  meson setup "$build"
fi
ninja -C "$build" -j "${JOBS:-2}"

exec meson devenv -C "$build" "$root/$build/src/attune" "$@"
