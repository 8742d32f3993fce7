#!/usr/bin/env bash
# Measures `tiersight figures` on a generated bundle: wall time and peak memory
# (/usr/bin/time -v). Large-scale checks live here rather than in the unit
# tests. Usage: bench/figures_at_scale.sh [AGENTS] [ORDERS_PER_AGENT] [PAYMENTS_PER_AGENT]
# Default: 1,000,000 agents, about 5,000,000 orders and 2,000,000 payments.
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-1000000}"
orders_per_agent="${2:-5}"
payments_per_agent="${3:-2}"
bash scripts/build.sh tiersight
bin=build/bin/tiersight
work="${TIERSIGHT_BENCH_DIR:-$(mktemp -d)}"
bundle="$work/bundle-$agents"

if [ ! -f "$bundle/agents.csv" ]; then
  /usr/bin/time -f "generate: %e s, peak %M KiB" \
    "$bin" generate "$bundle" --agents "$agents" --seed 11 --profile hoarding \
    --orders-per-agent "$orders_per_agent" --payments-per-agent "$payments_per_agent"
fi
wc -l "$bundle"/*.csv
du -sh "$bundle"

run() {
  /usr/bin/time -v "$bin" "$@" >"$work/out" 2>"$work/time"
  grep -E "rows loaded" "$work/time" || true
  grep -E "Elapsed|Maximum resident" "$work/time"
}
echo "== figures --format json (strict)"
run figures "$bundle" --format json
echo "== figures --agents (per-agent CSV)"
run figures "$bundle" --format json --agents "$work/agents.csv"
echo "== check"
run check "$bundle"
