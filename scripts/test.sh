#!/usr/bin/env bash
# Installs what is missing and runs every test with the sanitizers on:
#   1. everything built with ASan and UBSan (gcc) into build-asan/, and the
#      whole ctest suite run there (unit, contract, end-to-end and browser
#      tests alike);
#   2. tiersightd and the tests that run threads built with TSan into
#      build-tsan/, and those tests run there;
#   3. the fuzz targets built (clang, fuzz/run.sh) into build-fuzz/ and each
#      run for a short while on its seeds.
# Prints the time each part took. scripts/build.sh keeps the plain
# optimised build in build/ for running the tools.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${TIERSIGHT_FUZZ_SMOKE_SECONDS:-20}"
# Wall time and CPU time (user + system, both cores) of each part: on a
# machine shared with other work the CPU time is the steadier measure.
times=()
timed() {
  local label="$1" measured
  shift
  local start=$SECONDS wall=0 user=0 sys=0
  measured=$(mktemp)
  # /usr/bin/time (package `time`) may be missing until install-deps ran.
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -o "$measured" -f '%e %U %S' "$@"
    read -r wall user sys <"$measured"
  else
    "$@"
    wall=$((SECONDS - start))
  fi
  rm -f "$measured"
  times+=("$(awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" \
    'BEGIN { printf "%-12s %6.0f s wall %6.0f s cpu", l, w, u + s }')")
  echo "== $label: ${wall} s wall"
}

timed install bash scripts/install-deps.sh
timed "asan build" bash scripts/sanitize.sh build asan
timed "asan ctest" bash scripts/sanitize.sh test asan
timed "tsan build" bash scripts/sanitize.sh build tsan
timed "tsan tests" bash scripts/sanitize.sh test tsan
# fuzz/run.sh builds before it runs; the build is timed on its own.
timed "fuzz build" bash fuzz/run.sh --build-only
timed "fuzz smoke" bash fuzz/run.sh "$fuzz_seconds"

echo "== times"
printf '%s\n' "${times[@]}"
