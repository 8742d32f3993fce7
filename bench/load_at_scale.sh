#!/usr/bin/env bash
# The hostile load run at scale: 32 clients (8 of them hostile) against an
# in-process tiersightd on loopback, with the same code as the 8-client load
# test. Prints p50/p99 latency per RPC of the well-behaved calls and every
# status seen; fails when a call got a status outside its list.
# Usage: bench/load_at_scale.sh [CLIENTS] [CALLS_PER_CLIENT]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh load_at_scale
build/bin/load_at_scale "${1:-32}" "${2:-170}"
