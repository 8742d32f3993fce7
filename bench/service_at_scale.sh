#!/usr/bin/env bash
# Measures tiersightd over loopback on a generated bundle: upload throughput
# (rows/s), AuditNetwork latency, and drill-down calls, with the server's peak
# memory (VmHWM). Usage: bench/service_at_scale.sh [AGENTS]
# Default: 1,000,000 agents (about 5,000,000 orders and 2,000,000 payments).
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-1000000}"
bash scripts/build.sh tiersight tiersightd service_client
work="${TIERSIGHT_BENCH_DIR:-$(mktemp -d)}"
bundle="$work/bundle-$agents"
if [ ! -f "$bundle/agents.csv" ]; then
  build/bin/tiersight generate "$bundle" --agents "$agents" --seed 11 --profile hoarding
fi
wc -l "$bundle"/*.csv

data="$(mktemp -d)"
token="bench-$RANDOM-$RANDOM"
cat >"$data/tiersightd.yaml" <<CONFIG
listen: 127.0.0.1:0
data_dir: $data/store
log_level: info
tokens:
  - token: $token
    token_name: bench
    tenant: bench
limits:
  max_message_bytes: 67108864
CONFIG
build/bin/tiersightd --config "$data/tiersightd.yaml" --port-file "$data/port" \
  2>"$data/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do [ -s "$data/port" ] && break; sleep 0.1; done
build/bin/service_client "127.0.0.1:$(cat "$data/port")" "$token" "$bundle"
du -sh "$data/store"
grep VmHWM "/proc/$server/status"
grep -E "indexed|loaded for drill-down|rules of" "$data/server.log" || true
kill "$server"
wait "$server" || true
