#!/usr/bin/env bash
# Measures the service path on a generated bundle: `tiersight upload` to a
# tiersightd on loopback (rows/s, as the CLI logs it), then `tiersight audit
# --server` (latency), next to the local `tiersight audit` of the same bundle.
# Usage: bench/upload_at_scale.sh [AGENTS]   (default 1,000,000: ~8M rows)
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-1000000}"
bash scripts/build.sh tiersight tiersightd
bin=build/bin/tiersight
daemon=build/bin/tiersightd
work="${TIERSIGHT_BENCH_DIR:-$(mktemp -d)}"
bundle="$work/bundle-$agents"
if [ ! -f "$bundle/agents.csv" ]; then
  "$bin" generate "$bundle" --agents "$agents" --seed 1
fi
wc -l "$bundle"/*.csv

export TIERSIGHT_TOKEN="bench-$RANDOM$RANDOM"
cat >"$work/tiersightd.yaml" <<YAML
listen: 127.0.0.1:0
data_dir: $work/data
tokens:
  - token: $TIERSIGHT_TOKEN
    token_name: bench
    tenant: bench
YAML
rm -f "$work/port"
"$daemon" --config "$work/tiersightd.yaml" --port-file "$work/port" 2>"$work/tiersightd.log" &
daemon_pid=$!
trap 'kill "$daemon_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
server="127.0.0.1:$(cat "$work/port")"

echo "== upload"
/usr/bin/time -f "upload: %e s wall, client peak %M KiB" \
  "$bin" upload "$bundle" --server "$server" --format json >"$work/upload.json" 2>"$work/upload.log" ||
  true
grep -E "uploaded|upload:" "$work/upload.log"
network=$(sed -n 's/.*"name": "\(networks\/[^"]*\)".*/\1/p' "$work/upload.json" | head -1)
echo "== audit --server $network"
/usr/bin/time -f "audit --server: %e s wall" \
  "$bin" audit --server "$server" --network "$network" --format json >/dev/null 2>"$work/audit.log"
tail -1 "$work/audit.log"
echo "== local audit"
/usr/bin/time -f "local audit: %e s wall" "$bin" audit "$bundle" --format json >/dev/null 2>"$work/local.log"
tail -1 "$work/local.log"
