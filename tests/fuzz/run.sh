#!/usr/bin/env bash
# Build Attune's libFuzzer targets with clang (ASan + UBSan) and fuzz each for a share of
# SECONDS (default 60): fuzz-backup gets half, the others a quarter each. Prints the
# executions and crashes of each target and a total; exits non-zero on any crash or when
# the build fails. Crashing inputs are kept in $build/artifacts/<target>/: fix the bug,
# then copy the input to tests/fuzz/regressions/<target>/, where the normal build replays
# it in CI (tests/fuzz/meson.build).
#
# Usage: tests/fuzz/run.sh [SECONDS]
# Environment: ATTUNE_FUZZ_BUILD (default build-fuzz), CC (default clang)
#
# The corpus grows in $build/corpus/<target>/ (seeded from tests/fuzz/corpus/ every run),
# so later runs start where earlier ones stopped.

set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 1

seconds=${1:-60}
build=${ATTUNE_FUZZ_BUILD:-$root/build-fuzz}
targets=(fuzz-backup fuzz-draft fuzz-schedule)
shares=(2 1 1)  # quarters of the time

if ! command -v "${CC:-clang}" >/dev/null; then
  echo "fuzz: ${CC:-clang} is not installed (tools/setup-debian.sh installs clang)" >&2
  exit 1
fi

# The libraries get coverage instrumentation (fuzzer-no-link); the targets link libFuzzer
# (tests/fuzz/meson.build). Only the targets and what they need are compiled.
options=(-Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
         -Dc_args=-fsanitize=fuzzer-no-link --buildtype=debugoptimized)
if [[ -f $build/meson-private/coredata.dat ]]; then
  meson setup --reconfigure "$build" "${options[@]}" >/dev/null ||
    { rm -rf "$build"; CC=${CC:-clang} meson setup "$build" "${options[@]}" >/dev/null; }
else
  rm -rf "$build"
  CC=${CC:-clang} meson setup "$build" "${options[@]}" >/dev/null
fi || { echo "fuzz: FAILED: meson setup $build" >&2; exit 1; }

ninja -C "$build" -j "${JOBS:-1}" "${targets[@]/#/tests/fuzz/}" >"$build/fuzz-build.log" 2>&1 ||
  { tail -n 30 "$build/fuzz-build.log" >&2; echo "fuzz: FAILED: build" >&2; exit 1; }

# A leak, an UBSan report, a GLib critical or warning (tests/fuzz/attune-fuzz.h) is a crash.
# Leak reports need fast_unwind_on_malloc=0 for useful stacks through GLib, but it makes every
# allocation 5x slower: replay a crashing input with it (see the hint printed on a crash).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp
export G_SLICE=always-malloc GSETTINGS_BACKEND=memory
# fuzz-backup writes a journal for every valid input: keep it in memory when possible.
[[ -d /dev/shm && -w /dev/shm ]] && export TMPDIR=/dev/shm

total_execs=0
total_crashes=0
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  time=$(( seconds * ${shares[$i]} / 4 ))
  (( time < 1 )) && time=1
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  cp -f tests/fuzz/corpus/"$target"/* "$corpus"/
  [[ -d tests/fuzz/regressions/$target ]] && cp -f tests/fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null
  dict=()
  [[ -f tests/fuzz/$target.dict ]] && dict=(-dict="tests/fuzz/$target.dict")
  log=$build/$target.log

  before=$(find "$artifacts" -type f | wc -l)
  timeout --kill-after=30 $(( time + 120 )) \
    "$build/tests/fuzz/$target" "${dict[@]}" -max_total_time="$time" -timeout=20 \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  after=$(find "$artifacts" -type f | wc -l)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  execs=${execs:-0}
  crashes=$(( after - before ))
  (( rc != 0 && crashes == 0 )) && crashes=1  # killed, or crashed before saving an input
  total_execs=$(( total_execs + execs ))
  total_crashes=$(( total_crashes + crashes ))
  echo "fuzz: $target: $execs executions in $time s, $crashes crashes (corpus $(ls "$corpus" | wc -l) inputs)"
  if (( crashes > 0 )); then
    grep -m 5 -E 'ERROR|SUMMARY|CRITICAL|WARNING|runtime error' "$log" | sed 's/^/fuzz:   /'
    echo "fuzz:   log: $log; inputs: $artifacts/"
    echo "fuzz:   replay: ASAN_OPTIONS=fast_unwind_on_malloc=0 $build/tests/fuzz/$target INPUT"
  fi
done

echo "fuzz: total: $total_execs executions, $total_crashes crashes"
(( total_crashes == 0 ))
