#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (clang, ASan, UBSan) when
# needed and runs each for SECONDS on its corpus, one after another:
#
#   bash fuzz/run.sh SECONDS [TARGET...]     # default: every target
#   bash fuzz/run.sh --build-only            # the build and the seeds alone
#
# Each target starts from build-fuzz/corpus/TARGET/, a working copy kept
# between runs, into which the seeds (fuzz/corpus/TARGET/ and what
# fuzz/make_seeds.py derives from examples/, rules/packs/ and the fixed
# bundle) are copied first; the checked-in seeds are never written. Prints
# per target the executions, executions per second, coverage (cov: edges,
# ft: features) and the corpus size; a crash, leak, timeout or broken
# invariant saves its input as build-fuzz/crashes/TARGET/crash-*, prints
# the path and makes the script fail. Logs: build-fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ "$1" =~ ^([0-9]+|--build-only)$ ]]; then
  echo "usage: fuzz/run.sh SECONDS [TARGET...] | --build-only" >&2
  exit 2
fi
seconds="$1"
shift
all_targets=(agents_csv orders_csv payments_csv network_yaml rule_pack rule_expression
  server_options canonical_json verify_report upload_request)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " == *" $t "* ]]; then
    echo "fuzz/run.sh: unknown target $t (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done

bash scripts/install-deps.sh
build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  # -O1 and line tables only: the build is most of a short run's time, and
  # the sanitizers' own checks cost more than the optimisation saves.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DCMAKE_CXX_COMPILER=clang++-14 -DTIERSIGHT_FUZZ=ON "${launcher[@]}" >/dev/null
fi
ninja -C "$build" -j2 fuzzers

seeds="$build/seeds"
rm -rf "$seeds"
python3 fuzz/make_seeds.py "$build/bin/tiersight" "$seeds"
if [ "$seconds" = --build-only ]; then exit 0; fi

# Stacks with file and line (llvm-14's symbolizer, scripts/install-deps.sh).
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
# Sanitizer reports fail the target; a leak is a failure like a crash.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

run_target() {
  local t="$1" corpus="$build/corpus/$1" crashes="$build/crashes/$1" log="$build/logs/$1.log"
  mkdir -p "$corpus" "$crashes" "$build/logs"
  cp -n "$seeds/$t"/* "$corpus"/ 2>/dev/null || true
  local dict=()
  if [ -f "fuzz/dict/$t.dict" ]; then dict=(-dict="fuzz/dict/$t.dict"); fi
  local status=0
  "$build/bin/${t}_fuzzer" "$corpus" "${dict[@]}" -max_total_time="$seconds" \
    -print_final_stats=1 -timeout=30 -rss_limit_mb=2560 -artifact_prefix="$crashes/" \
    >"$log" 2>&1 || status=$?
  local execs rate cov ft corp
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-16s %5ss %12s execs %8s exec/s  cov %6s  ft %7s  corpus %6s  %s\n' "$t" "$seconds" \
    "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
    "$([ $status -eq 0 ] && echo ok || echo "FAILED (exit $status)")"
  if [ $status -ne 0 ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*fuzz invariant failed)' "$log" | head -5 >&2 || true
    ls -1 "$crashes"/* 2>/dev/null | sed 's/^/  input saved: /' >&2 || true
    echo "  log: $log" >&2
    return 1
  fi
}

printf '%-16s %6s %18s %15s %10s %10s %14s\n' target time executions rate coverage features corpus
failed=0
for t in "${targets[@]}"; do run_target "$t" || failed=1; done
exit $failed
