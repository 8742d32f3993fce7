#!/usr/bin/env bash
# Crash safety at random points, at length: 100 cycles of clients uploading,
# auditing, deleting and exporting while tiersightd is killed with SIGKILL
# after a random delay, restarted on the same data directory and checked
# (tests/services/crash/crash_ledger.h lists the rules). Prints the cycles,
# the calls in flight at the kills by kind, the acknowledged operations
# checked, what became of the calls cut short, the failures found and the
# restart time p50/p99. The ctest case runs 10 cycles of the same program.
# Usage: bench/crash_safety.sh [CYCLES] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tiersightd tiersightd_crash_cycles
build/bin/tiersightd_crash_cycles --tiersightd build/bin/tiersightd \
  --cycles "${1:-100}" --seed "${2:-20261205}"
