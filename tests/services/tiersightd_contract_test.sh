#!/usr/bin/env bash
# The tiersightd binary's contract: --help, a port file written once it is
# serving on port 0, flags overriding the file, nothing on stdout but --help,
# a clean exit on SIGTERM, and a refusal to share a data directory.
# Generic clients work through reflection alone: buf curl gets the health
# status and the service list without any .proto file.
# Usage: tiersightd_contract_test.sh TIERSIGHTD BUF
set -euo pipefail
bin="$1"
buf="$2"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" --help | grep -q -- "--port-file" || fail "--help does not list --port-file"

cat >"$work/config.yaml" <<CONFIG
listen: 127.0.0.1:50999
data_dir: $work/not-used
tokens:
  - token: contract-secret
    token_name: contract
    tenant: t
CONFIG

start() {  # start NAME: runs tiersightd on port 0 with data in $work/data
  "$bin" --config "$work/config.yaml" --listen 127.0.0.1:0 --data-dir "$work/data" \
    --port-file "$work/$1.port" >"$work/$1.out" 2>"$work/$1.err" &
  pids+=($!)
}

start first
server=${pids[-1]}
for _ in $(seq 100); do [ -s "$work/first.port" ] && break; sleep 0.05; done
[ -s "$work/first.port" ] || fail "no port file; stderr: $(cat "$work/first.err")"
port="$(cat "$work/first.port")"
[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] || fail "port file holds '$port'"
[ -d "$work/data/networks" ] || fail "--data-dir was not used"
[ ! -e "$work/not-used" ] || fail "the file's data_dir was used despite --data-dir"

# Reflection describes the health service and ours (no --schema given).
"$buf" curl --protocol grpc --http2-prior-knowledge \
  "http://127.0.0.1:$port/grpc.health.v1.Health/Check" >"$work/health.json" 2>&1 ||
  fail "buf curl health: $(cat "$work/health.json")"
grep -q '"SERVING"' "$work/health.json" || fail "health: $(cat "$work/health.json")"
"$buf" curl --protocol grpc --http2-prior-knowledge --list-services "http://127.0.0.1:$port" \
  >"$work/services.txt" 2>&1 || fail "buf curl --list-services: $(cat "$work/services.txt")"
grep -q "^tiersight.v1.AuditService$" "$work/services.txt" || fail "services: $(cat "$work/services.txt")"

# A second server on the same data directory is refused, and says why.
set +e
"$bin" --config "$work/config.yaml" --listen 127.0.0.1:0 --data-dir "$work/data" \
  >"$work/second.out" 2>"$work/second.err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a second server opened the same data directory"
grep -qi "lock\|another\|in use" "$work/second.err" || fail "second server: $(cat "$work/second.err")"

kill -TERM "$server"
wait "$server" || fail "tiersightd exited with $? on SIGTERM"
[ ! -s "$work/first.out" ] || fail "tiersightd wrote to stdout: $(cat "$work/first.out")"
grep -q "listening on 127.0.0.1:0 (port $port" "$work/first.err" || fail "no listening line"
echo "tiersightd contract: ok"
