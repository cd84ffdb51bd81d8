#!/usr/bin/env bash
# Prints the reliability figures of issue #5: kill -9 while saving, injected I/O faults, a
# real tmpfs filling up, and the editor killed with unsaved typing. Run by hand; the test
# suites run the same programs (meson test --suite reliability, 200 kill cycles).
#
# Usage: tests/reliability/run.sh [BUILD_DIR]      (default: build, configured and built if missing)
# Environment: ATTUNE_KILL_CYCLES (default 1000 here), ATTUNE_KILL_SEED (to replay a run),
#              ATTUNE_SKIP_E2E=1 to leave out the GUI scenario (it needs xvfb-run and dbus).

set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
cycles=${ATTUNE_KILL_CYCLES:-1000}
python=/usr/bin/python3
status=0

if [[ ! -f $build/build.ninja ]]; then
  meson setup "$build" "$root" -Dwerror=true || exit 1
fi
timeout 1800 ninja -C "$build" -j "${JOBS:-2}" \
  tests/reliability/attune-crash-writer tests/reliability/attune-fault-shim.so \
  tests/reliability/test-faults src/attune || exit 1

echo "== kill -9 while saving: $cycles cycles"
timeout $((cycles * 2 + 120)) "$python" "$root/tests/reliability/test-kill.py" \
  "$build/tests/reliability/attune-crash-writer" --cycles "$cycles" > /tmp/attune-kill.$$.log 2>&1 || status=1
grep -E '^(not ok|# FIGURES|# seed|#   cycle)' /tmp/attune-kill.$$.log
rm -f /tmp/attune-kill.$$.log

echo "== injected I/O faults and a full tmpfs"
ATTUNE_FAULT_SHIM=$build/tests/reliability/attune-fault-shim.so G_DEBUG=fatal-warnings \
  timeout 600 "$build/tests/reliability/test-faults" > /tmp/attune-faults.$$.log 2>&1 || status=1
grep -E '^(ok|not ok|# one |# FIGURES|# the 512|# SQLite itself)' /tmp/attune-faults.$$.log
rm -f /tmp/attune-faults.$$.log

if [[ ${ATTUNE_SKIP_E2E:-0} != 1 ]]; then
  echo "== the app killed with unsaved typing and an unfinished check-in"
  runtime=$(mktemp -d "${TMPDIR:-/tmp}/attune-runtime.XXXXXX")
  chmod 0700 "$runtime"
  XDG_RUNTIME_DIR=$runtime GDK_BACKEND=x11 GSK_RENDERER=cairo \
    GSETTINGS_SCHEMA_DIR=$build/data ATTUNE_E2E_LOGDIR=$build/tests/e2e-logs \
    timeout 300 dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
    "$python" "$root/tests/e2e/test-crash.py" "$build/src/attune" 2>/dev/null | grep -E '^(ok|not ok|# )' || status=1
  rm -rf "$runtime"
fi

exit $status
