#!/usr/bin/env bash
# The sanitizer builds and their test runs (scripts/test.sh runs both):
#
#   bash scripts/sanitize.sh build asan   # everything, ASan + UBSan, into build-asan/
#   bash scripts/sanitize.sh test asan    # the whole ctest suite in build-asan/
#   bash scripts/sanitize.sh build tsan   # tiersightd and the threaded tests, TSan, into build-tsan/
#   bash scripts/sanitize.sh test tsan    # the service tests and every other test that runs threads
#
# Built with gcc at -O1 (sanitizer builds are for finding bugs, and -O1
# compiles faster than -O2 and keeps stacks readable), with line tables
# only. Any sanitizer report fails the test that caused it: UBSan does not
# recover, and a sanitizer exits with 86 (ASan, UBSan, LSan) or 66 (TSan),
# codes no tiersight tool uses, so that a contract test expecting exit 1
# cannot mistake a sanitizer's exit for the tool's. Debian's gRPC, abseil
# and protobuf are not built with TSan: scripts/sanitizers/tsan.supp
# silences reports whose racing accesses those libraries make or order,
# never one between two accesses of the project's own code.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ] || [[ ! "$1" =~ ^(build|test)$ ]] || [[ ! "$2" =~ ^(asan|tsan)$ ]]; then
  echo "usage: scripts/sanitize.sh build|test asan|tsan" >&2
  exit 2
fi
action="$1"
kind="$2"
build="build-$kind"
supp="$PWD/scripts/sanitizers"

# Stacks with file and line (llvm-14's symbolizer, scripts/install-deps.sh).
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
export ASAN_OPTIONS="detect_leaks=1:exitcode=86"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86"
export TSAN_OPTIONS="suppressions=$supp/tsan.supp:halt_on_error=1:exitcode=66:second_deadlock_stack=1:print_suppressions=0"

case "$kind" in
  asan)
    sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
    # Everything: the whole suite runs here.
    targets=(all)
    ;;
  tsan)
    sanitize="-fsanitize=thread"
    # The server and the tests that start threads: the service tests (each
    # runs a server with its thread pool; among them the load test, the audit
    # pool and the shipped packs' reload), the store's concurrent uploads
    # and audits, and concurrent pseudonyms.
    targets=(tiersightd services_test store_test report_test)
    tsan_tests='^(AuditJudgementTest|AuditPoolTest|AuditServiceTest|AuditSlotsTest|AuthTest|DrillDownTest|FdExhaustionTest|FindingSubjectsTest|LoadTest|NetworkCacheTest|RpcEdgeTest|RulePackServiceTest|ServerTest|ShippedPacksServerTest|ShippedPacksTest|TlsTest|UploadTest)\.|^NetworkStoreTest\.Concurrent|^PseudonymizerTest\.Concurrent'
    ;;
esac

if [ "$action" = build ]; then
  if [ ! -f "$build/build.ninja" ]; then
    launcher=()
    if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
      -DCMAKE_CXX_FLAGS="$sanitize -fno-omit-frame-pointer" \
      -DCMAKE_EXE_LINKER_FLAGS="$sanitize" -DCMAKE_SHARED_LINKER_FLAGS="$sanitize" \
      "${launcher[@]}" >/dev/null
  fi
  # The test discovery runs the test binaries at build time, under the
  # options above.
  ninja -C "$build" -j2 "${targets[@]}"
  exit 0
fi

case "$kind" in
  asan) ctest --test-dir "$build" -j2 --output-on-failure ;;
  tsan) ctest --test-dir "$build" -j2 --output-on-failure -R "$tsan_tests" ;;
esac
