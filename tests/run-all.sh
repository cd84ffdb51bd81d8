#!/usr/bin/env bash
# Build Attune and run every test, the way CI does (STYLE section G):
#   build/       -Dwerror=true: data/store/export suites, then the ui suite under Xvfb, then
#                tests/bench/run.sh --quick as a smoke step (times not asserted)
#                and the store suite again under valgrind memcheck
#   build-asan/  ASan + UBSan: store, export (and reliability) suites with leak checking, ui suite without
#   build-fuzz/  clang + libFuzzer: tests/fuzz/run.sh 60
# and print one closing line "N passed, N failed, N skipped" counted from every
# meson-logs/testlog*.json. Exits non-zero when anything failed.
#
# Usage: tests/run-all.sh           (run tools/setup-debian.sh first on a fresh machine)
# Environment: JOBS (default 2), ATTUNE_SKIP_ASAN=1 to skip the sanitizer build,
# ATTUNE_SKIP_FUZZ=1 to skip fuzzing.

set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

jobs=${JOBS:-2}
build_dirs=(build)
[[ ${ATTUNE_SKIP_ASAN:-0} == 1 ]] || build_dirs+=(build-asan)
build_failures=0  # configure or compile failed: those tests never ran
test_failures=0   # a meson test run failed (its failures are in its testlog)

python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3)

build_failed() {
  echo "run-all: FAILED: $*" >&2
  build_failures=$((build_failures + 1))
}

tests_failed() {
  echo "run-all: FAILED: $*" >&2
  test_failures=$((test_failures + 1))
}

# Configure DIR with OPTIONS: set up a new build dir, or reconfigure an existing one
# (wiping it when meson cannot reuse it, e.g. after a meson upgrade).
configure() {
  local dir=$1
  shift
  if [[ -f $dir/meson-private/coredata.dat ]]; then
    meson setup --reconfigure "$dir" "$@" || meson setup --wipe "$dir" "$@"
  else
    rm -rf "$dir"
    meson setup "$dir" "$@"
  fi
}

# meson test with a guard timeout on top of the per-test ones from tests/meson.build.
# Each run gets its own --logbase, so its testlog-*.json survives for the summary.
mtest=(timeout --kill-after=30 1800
       meson test --no-rebuild --print-errorlogs --num-processes "$jobs")

# Run a command in a fresh Xvfb server and a private D-Bus session with a private
# XDG_RUNTIME_DIR (TESTING.md "Display, D-Bus, accessibility").
with_display() {
  local runtime rc
  runtime=$(mktemp -d "${TMPDIR:-/tmp}/attune-runtime.XXXXXX")
  chmod 0700 "$runtime"
  XDG_RUNTIME_DIR=$runtime GDK_BACKEND=x11 GSK_RENDERER=cairo \
    dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' "$@"
  rc=$?
  # The document portal may have mounted its FUSE folder there.
  fusermount -u "$runtime/doc" 2>/dev/null || umount "$runtime/doc" 2>/dev/null || true
  rm -rf "$runtime"
  return $rc
}

# Forget the logs of earlier runs so the summary counts only this one.
for dir in build build-asan; do
  rm -f "$dir"/meson-logs/testlog*.json
done

# 1. The CI build: warnings are errors.
if configure build -Dwerror=true && ninja -C build -j "$jobs"; then
  "${mtest[@]}" -C build --logbase testlog-noui --no-suite ui --no-suite e2e || tests_failed "tests without a display (build)"
  with_display "${mtest[@]}" -C build --logbase testlog-ui --suite ui --suite e2e || tests_failed "ui and e2e tests (build)"
  # The benchmark, --quick, only to keep it working: its times are never asserted, but
  # failing to run at all counts as a failure (README "Performance").
  ATTUNE_BENCH_BUILD=$root/build timeout --kill-after=10 180 tests/bench/run.sh --quick >/dev/null ||
    tests_failed "benchmark smoke run (tests/bench/run.sh --quick)"
  # valgrind memcheck over the store suite: any definite leak or memory error fails. Without
  # test-timeline, test-damage and test-protection, 5, 8 and 3 minutes under valgrind (README
  # "Fuzzing, sanitizers and privacy checks"); they run under ASan's leak checker below.
  valgrind_tests=$(meson test -C build --no-rebuild --list --suite store 2>/dev/null |
                   sed -n 's|^attune:store / ||p' | grep -vxE 'test-timeline|test-damage|test-protection')
  [[ -n $valgrind_tests ]] &&
  G_SLICE=always-malloc "${mtest[@]}" -C build --logbase testlog-valgrind --timeout-multiplier 10 \
    --wrap="valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
            --suppressions=$root/tests/valgrind.supp --suppressions=/usr/share/glib-2.0/valgrind/glib.supp" \
    $valgrind_tests || tests_failed "store tests under valgrind (build)"
else
  build_failed "configure or compile (build)"
fi

# 2. Sanitizers: leaks are checked only where no GTK is involved.
if [[ ${ATTUNE_SKIP_ASAN:-0} != 1 ]]; then
  export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1
  if configure build-asan -Db_sanitize=address,undefined -Db_lundef=false &&
     ninja -C build-asan -j "$jobs"; then
    # 60 damaged copies in test-damage instead of 300: each read is many times slower under
    # ASan (300 took over 120 s), and the plain build measures 300.
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:print_summary=1 \
    ATTUNE_DAMAGE_COPIES=60 \
      "${mtest[@]}" -C build-asan --logbase testlog-store --suite store || tests_failed "store tests (build-asan)"
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:print_summary=1 \
      "${mtest[@]}" -C build-asan --logbase testlog-export --suite export || tests_failed "export tests (build-asan)"
    # The reliability suite (tests/reliability/), when that suite exists. Fast unwinding:
    # with fast_unwind_on_malloc=0 injected-faults takes over 6 minutes instead of 45 s. With
    # fast unwinding the stacks through GLib are cut short, so lsan.supp cannot recognise
    # g_test's one-time allocations: memory errors are checked here, leaks by valgrind
    # (by hand: 0 definite leaks beyond g_set_user_dirs in test-faults).
    if meson test -C build-asan --no-rebuild --list --suite reliability 2>/dev/null | grep -q .; then
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_summary=1 \
        "${mtest[@]}" -C build-asan --logbase testlog-reliability --suite reliability || tests_failed "reliability tests (build-asan)"
    fi
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_summary=1 \
      with_display "${mtest[@]}" -C build-asan --logbase testlog-ui --suite ui || tests_failed "ui tests (build-asan)"
  else
    build_failed "configure or compile (build-asan)"
  fi
fi

# 3. Fuzzing: 60 s over the libFuzzer targets in their own clang build (build-fuzz); a crash fails.
if [[ ${ATTUNE_SKIP_FUZZ:-0} != 1 ]]; then
  JOBS=$jobs timeout --kill-after=30 1200 tests/fuzz/run.sh 60 || tests_failed "fuzzing (tests/fuzz/run.sh 60)"
fi

# Summary from every testlog*.json (one JSON object per line and test).
summary=$("$python" - "$build_failures" "$test_failures" "${build_dirs[@]}" <<'PY'
import glob, json, sys

build_failures, test_failures = int(sys.argv[1]), int(sys.argv[2])
passed = failed = skipped = 0
for d in sys.argv[3:]:
    for path in sorted(glob.glob(f'{d}/meson-logs/testlog*.json')):
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                result = json.loads(line).get('result')
                if result in ('OK', 'EXPECTEDFAIL'):
                    passed += 1
                elif result == 'SKIP':
                    skipped += 1
                else:
                    failed += 1
# A build that failed counts as a failure, and so does a test run that failed without
# recording a failing test (killed by the guard timeout, Xvfb did not start...): the
# closing line must never look clean when something went wrong.
failed += build_failures
if test_failures and failed == 0:
    failed = test_failures
print(f'{passed} passed, {failed} failed, {skipped} skipped')
PY
) || summary="0 passed, $((build_failures + test_failures + 1)) failed, 0 skipped"

echo
echo "$summary"
[[ $summary == *" 0 failed, "* && $build_failures -eq 0 && $test_failures -eq 0 ]]
