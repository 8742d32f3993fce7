#!/usr/bin/env bash
# The tiersightd binary's contract: --help, a port file written once it is
# serving on port 0, flags overriding the file, nothing on stdout but --help,
# shipped rule packs reloaded on SIGHUP (a broken one keeps the previous
# packs serving, and stops a start), a clean exit on SIGTERM, a refusal to
# share a data directory or a port, and refusals of unusable or unsafe
# configurations.
# Generic clients work through reflection alone: buf curl gets the health
# status, the service list and the rule packs without any .proto file.
# Usage: tiersightd_contract_test.sh TIERSIGHTD BUF SHIPPED_PACKS_DIR
set -euo pipefail
bin="$1"
buf="$2"
shipped_packs="$3"
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

# The server's packs: a copy, so that the test can change them.
mkdir "$work/packs"
cp "$shipped_packs"/*.yaml "$work/packs/"
export TIERSIGHT_PACKS_DIR="$work/packs"

start() {  # start NAME: runs tiersightd on port 0 with data in $work/data
  "$bin" --config "$work/config.yaml" --listen 127.0.0.1:0 --data-dir "$work/data" \
    --port-file "$work/$1.port" >"$work/$1.out" 2>"$work/$1.err" &
  pids+=($!)
}

refused_start() {  # refused_start NAME DATA_DIR WHY: a start that must fail; stderr in $work/NAME.err
  set +e
  "$bin" --config "$work/config.yaml" --listen 127.0.0.1:0 --data-dir "$2" \
    >"$work/$1.out" 2>"$work/$1.err"
  local status=$?
  set -e
  [ "$status" -ne 0 ] || fail "$3"
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

# SIGHUP reloads the shipped packs: a new version is listed once reloaded.
list_packs() {  # list_packs FILE: ListRulePacks as a generic client calls it
  "$buf" curl --protocol grpc --http2-prior-knowledge -H "authorization: Bearer contract-secret" \
    -d '{}' "http://127.0.0.1:$port/tiersight.v1.RulePackService/ListRulePacks" >"$1" 2>&1 ||
    fail "buf curl ListRulePacks: $(cat "$1")"
}
new_version='"version": *"2\.0\.1"'
list_packs "$work/packs-before.json"
grep -q '"pack": *"inventory"' "$work/packs-before.json" || fail "packs: $(cat "$work/packs-before.json")"
! grep -q "$new_version" "$work/packs-before.json" || fail "the shipped packs already hold 2.0.1"
sed -i 's/^version: 2\.0\.0$/version: 2.0.1/' "$work/packs/inventory.yaml"
list_packs "$work/packs-unreloaded.json"
! grep -q "$new_version" "$work/packs-unreloaded.json" || fail "a pack file was read again without SIGHUP"
kill -HUP "$server"
for _ in $(seq 100); do
  list_packs "$work/packs-after.json"
  grep -q "$new_version" "$work/packs-after.json" && break
  sleep 0.05
done
grep -q "$new_version" "$work/packs-after.json" || fail "SIGHUP did not reload: $(cat "$work/first.err")"
grep -q "shipped rule packs reloaded" "$work/first.err" || fail "no reload line: $(cat "$work/first.err")"

# A broken pack on SIGHUP: the server keeps serving the packs it had, and says why.
cat >"$work/packs/inventory.yaml" <<'PACK'
pack: inventory
version: 9.0.0
title: Broken
requires_engine: 1.0.0
rules:
  - id: r1
    when: no_such_figure > 1
    title: T
    scope: network
    severity: high
    tags: [pyramid]
    cite: Somewhere
    message: "m"
PACK
kill -HUP "$server"
for _ in $(seq 100); do grep -q "not reloaded" "$work/first.err" && break; sleep 0.05; done
grep -q "not reloaded.*inventory.yaml:7:11" "$work/first.err" ||
  fail "no located refusal of the broken pack: $(cat "$work/first.err")"
kill -0 "$server" || fail "tiersightd exited on a broken pack"
list_packs "$work/packs-kept.json"
grep -q "$new_version" "$work/packs-kept.json" || fail "the previous packs stopped serving: $(cat "$work/packs-kept.json")"

# A broken shipped pack stops a start, naming file, line and column.
refused_start broken "$work/data-broken" "tiersightd started with a broken shipped pack"
grep -q "inventory.yaml:7:11" "$work/broken.err" || fail "broken start: $(cat "$work/broken.err")"
cp "$shipped_packs/inventory.yaml" "$work/packs/inventory.yaml"

# A second server on the same data directory is refused, and says why.
refused_start second "$work/data" "a second server opened the same data directory"
# Defect04: the refusal names the directory and the pid holding it.
grep -q "data directory $work/data is in use by another process (pid $server)" "$work/second.err" ||
  fail "second server: $(cat "$work/second.err")"

# Defect04: a second server on the port the first serves is refused (no SO_REUSEPORT).
set +e
"$bin" --config "$work/config.yaml" --listen "127.0.0.1:$port" --data-dir "$work/data-port" \
  >"$work/port.out" 2>"$work/port.err"
status=$?
set -e
[ "$status" -ne 0 ] || fail "a second server started on the taken port $port"
grep -q "cannot listen on 127.0.0.1:$port: the port is taken" "$work/port.err" ||
  fail "second server on the port: $(cat "$work/port.err")"

# Defect25 and Defect19: configurations no client could use, or that expose
# tokens, are refused with exit 2, naming the file and the key.
refused_config() {  # refused_config NAME PATTERN WHY, with the YAML on stdin
  cat >"$work/$1.yaml"
  set +e
  "$bin" --config "$work/$1.yaml" --data-dir "$work/data-$1" >"$work/$1.out" 2>"$work/$1.err"
  local status=$?
  set -e
  [ "$status" -eq 2 ] || fail "$3: exit $status; $(cat "$work/$1.err")"
  grep -q "$1.yaml: .*$2" "$work/$1.err" || fail "$3: $(cat "$work/$1.err")"
}
refused_config spaced-token "tokens\[0\].token. (ci, tenant 't') begins or ends with whitespace" \
  "a token with a trailing space" <<'CONFIG'
tokens:
  - {token: "secret ", token_name: ci, tenant: t}
CONFIG
refused_config stray-limits "tenant_limits.ghost.: no token belongs to tenant 'ghost'" \
  "limits of an unknown tenant" <<'CONFIG'
tokens:
  - {token: secret, token_name: ci, tenant: t}
tenant_limits:
  ghost: {max_upload_rows: 5}
CONFIG
refused_config bad-tenant "tokens\[0\].tenant. '../t' is not a tenant name" \
  "a tenant name outside the safe set" <<'CONFIG'
tokens:
  - {token: secret, token_name: ci, tenant: ../t}
CONFIG
refused_config open-dev "example token.*0.0.0.0:50999" "the example token on 0.0.0.0" <<'CONFIG'
listen: 0.0.0.0:50999
tokens:
  - {token: dev-only-insecure-token, token_name: dev, tenant: demo}
CONFIG
refused_config open-plain "0.0.0.0:50999 is not a loopback address.*plaintext" \
  "plaintext on 0.0.0.0" <<'CONFIG'
listen: 0.0.0.0:50999
tokens:
  - {token: a-secret-of-its-own, token_name: ci, tenant: t}
CONFIG

kill -TERM "$server"
wait "$server" || fail "tiersightd exited with $? on SIGTERM"
[ ! -s "$work/first.out" ] || fail "tiersightd wrote to stdout: $(cat "$work/first.out")"
grep -q "listening on 127.0.0.1:0 (port $port" "$work/first.err" || fail "no listening line"
echo "tiersightd contract: ok"
