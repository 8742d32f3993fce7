#!/usr/bin/env bash
# The CLI contract scripts rely on: verbs, flags, exit codes, output files.
# Usage: cli_contract_test.sh TIERSIGHT EXAMPLES_DIR
. "$(dirname "$0")/contract_checks.sh"  # sets tiersight, examples, work

good="$work/good"
bad="$work/bad"
mkdir -p "$good" "$bad"
printf 'agent_id,sponsor_id,tier\nT,,总代\nA,T,特约\n' >"$good/agents.csv"
printf 'order_id,date,seller_id,buyer_id,quantity,amount\nO1,2026-01-01,,T,5,50\nO2,2026-01-02,T,A,2,30\n' >"$good/orders.csv"
printf 'agent_id,sponsor_id\nT,\nA,T\nB,ghost\nC,B\n' >"$bad/agents.csv"
printf 'order_id,date,seller_id,buyer_id,quantity,amount\nO1,2026-01-01,,T,0,50\n' >"$bad/orders.csv"

expect_exit 0 "check clean bundle" "$tiersight" check "$good"
expect_exit 1 "check bad bundle (strict)" "$tiersight" check "$bad"
expect_exit 1 "check bad bundle (lenient)" "$tiersight" check "$bad" --lenient --rejects "$work/rejects.csv"
expect_grep "agents.csv,4,unknown sponsor_id 'ghost'" "$work/rejects.csv" "rejects file names file, line, reason"
expect_grep "agents.csv,5,sponsor_id 'B'" "$work/rejects.csv" "dependent rows are rejected too"
expect_grep "orders.csv,2,quantity must be greater than 0" "$work/rejects.csv" "order rejects"
expect_exit 1 "figures on a bad bundle, strict" "$tiersight" figures "$bad"
expect_grep "unknown sponsor_id 'ghost'" "$work/stderr" "strict errors go to stderr"
expect_exit 1 "figures json on a bad bundle, strict" "$tiersight" figures "$bad" --format json
expect_grep '"reason": "unknown sponsor_id' "$work/stdout" "strict JSON still carries the load report"
expect_exit 0 "figures --lenient on a bad bundle" "$tiersight" figures "$bad" --lenient --format json
expect_grep '"rejected": 3' "$work/stdout" "lenient JSON counts rejects"
expect_exit 0 "figures json" "$tiersight" figures "$good" --format json --agents "$work/agents.csv"
cp "$work/stdout" "$work/first.json"
expect_grep '"participants": 2' "$work/first.json" "network figures in JSON"
expect_grep '^agent_id,depth,direct_recruits' "$work/agents.csv" "per-agent CSV header"
expect_exit 0 "figures json again" "$tiersight" figures "$good" --format json
if cmp -s "$work/first.json" "$work/stdout"; then passes=$((passes + 1)); else
  echo "FAIL: two runs gave different JSON"; failures=$((failures + 1)); fi
digest="$(cd "$good" && sha256sum agents.csv orders.csv | sha256sum | cut -d' ' -f1)"
expect_grep "\"digest\": \"$digest\"" "$work/first.json" "digest equals sha256sum | sha256sum"
expect_exit 0 "figures text" "$tiersight" figures "$good"
expect_grep "participants" "$work/stdout" "text tables"
expect_exit 0 "check json" "$tiersight" check "$good" --format json
expect_grep '"load"' "$work/stdout" "check JSON has the load report"
expect_exit 2 "unknown flag" "$tiersight" figures "$good" --no-such-flag
expect_exit 2 "bad format" "$tiersight" check "$good" --format xml
expect_exit 2 "no verb" "$tiersight"
expect_exit 0 "help" "$tiersight" --help
for verb in figures check generate; do
  expect_exit 0 "$verb --help" "$tiersight" "$verb" --help
done
expect_exit 1 "missing bundle directory" "$tiersight" check "$work/nope"
expect_exit 0 "generate" "$tiersight" generate "$work/gen" --agents 300 --seed 5 --profile hoarding
expect_exit 0 "generated bundle is clean" "$tiersight" check "$work/gen"
for bundle in "$examples"/*/; do
  [ -f "$bundle/agents.csv" ] || continue
  expect_exit 0 "example $(basename "$bundle") is clean" "$tiersight" check "$bundle"
done

# audit: findings + figures + provenance; exit 0 whatever it found, 3 at --fail-on.
expect_exit 0 "audit json" "$tiersight" audit "$examples/hoarding-network" --format json
cp "$work/stdout" "$work/audit1.json"
for key in '"findings"' '"provenance"' '"rule_id"' '"tags"' '"severity"' '"scope"' '"subjects"' \
           '"message"' '"cite"' '"values"' '"evidence"' '"engine_version"' '"sha256"' '"levels"'; do
  expect_grep "$key" "$work/audit1.json" "audit JSON key $key"
done
expect_exit 0 "audit json again" "$tiersight" audit "$examples/hoarding-network" --format json
if cmp -s "$work/audit1.json" "$work/stdout"; then passes=$((passes + 1)); else
  echo "FAIL: two audits gave different JSON"; failures=$((failures + 1)); fi
expect_exit 3 "audit --fail-on high on the hoarding network" "$tiersight" audit "$examples/hoarding-network" --fail-on high
expect_exit 0 "audit of the healthy network, inventory pack" "$tiersight" audit "$examples/healthy-network" --pack inventory --fail-on low
expect_exit 2 "audit --fail-on nonsense" "$tiersight" audit "$examples/healthy-network" --fail-on nonsense
printf 'pack: broken\nversion: 1.0.0\ntitle: B\nrequires_engine: 1.0.0\nrules:\n  - id: x\n    when: nope > 1\n' >"$work/broken.yaml"
expect_exit 1 "audit with a broken pack" "$tiersight" audit "$examples/healthy-network" --pack "$work/broken.yaml"
expect_exit 1 "rules lint on a broken pack" "$tiersight" rules lint "$work/broken.yaml"
expect_grep "broken.yaml:6:5: rule 'x': missing \`title\`" "$work/stderr" "lint names file:line:column and rule"
expect_exit 0 "rules list" "$tiersight" rules list
expect_grep "inventory-stock-cover" "$work/stdout" "rules list shows the shipped rules"
expect_exit 0 "rules figures" "$tiersight" rules figures --scope agent
expect_grep "downline_retail_share" "$work/stdout" "rules figures lists the agent catalogue"

# keygen / sign / verify: Ed25519 over the canonical JSON; verify --bundle reruns the audit.
expect_exit 0 "keygen" "$tiersight" keygen --out "$work/brand"
expect_exit 0 "keygen other" "$tiersight" keygen --out "$work/other"
expect_exit 1 "keygen refuses to overwrite a key" "$tiersight" keygen --out "$work/brand"
expect_exit 0 "sign" "$tiersight" sign "$work/audit1.json" --key "$work/brand.key" --out "$work/signed.json"
expect_exit 0 "verify with the bundle" "$tiersight" verify "$work/signed.json" --pubkey "$work/brand.pub" --bundle "$examples/hoarding-network"
expect_grep "match a fresh audit" "$work/stdout" "verify says the report matches"
expect_exit 1 "verify with another key" "$tiersight" verify "$work/signed.json" --pubkey "$work/other.pub"
expect_grep "signed by another key" "$work/stdout" "verify names the other key"
sed 's/"participants":2000/"participants":2001/' "$work/signed.json" >"$work/tampered.json"
expect_exit 1 "verify a changed figure" "$tiersight" verify "$work/tampered.json" --pubkey "$work/brand.pub"
expect_grep "changed after signing" "$work/stdout" "verify detects the change"
expect_exit 1 "verify against another bundle" "$tiersight" verify "$work/signed.json" --pubkey "$work/brand.pub" --bundle "$examples/healthy-network"
expect_grep "differs: bundle digest" "$work/stdout" "verify says which digest differs"
# Defect09: a report re-signed after its load report, bundle facts and engine
# version were edited names each of them against a fresh audit.
python3 - "$work/audit1.json" "$work/edited.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
report["load"]["rejected"] = report["load"].get("rejected", 0) + 5
report["bundle"]["currency"] = "XTS"
report["provenance"]["engine_version"] = "0.0.1"
json.dump(report, open(sys.argv[2], "w"))
PY
expect_exit 0 "sign an edited report" "$tiersight" sign "$work/edited.json" --key "$work/brand.key" --out "$work/edited-signed.json"
expect_exit 1 "Defect09 verify an edited, re-signed report" "$tiersight" verify "$work/edited-signed.json" --pubkey "$work/brand.pub" --bundle "$examples/hoarding-network"
expect_grep "load.rejected: the report says" "$work/stdout" "Defect09 verify names the edited rejected count"
expect_grep "bundle.currency: the report says" "$work/stdout" "Defect09 verify names the edited currency"
expect_grep "provenance.engine_version: the report says" "$work/stdout" "Defect09 verify names the edited engine version"

# Remote verbs: usage errors need no server (port 1 refuses connections).
expect_exit 2 "audit with neither BUNDLE nor --server" "$tiersight" audit
expect_grep "either BUNDLE or --server" "$work/stderr" "audit names both ways to call it"
expect_exit 2 "audit with both BUNDLE and --server" "$tiersight" audit "$good" --server 127.0.0.1:1 --network n1
expect_exit 2 "audit --server without --network" "$tiersight" audit --server 127.0.0.1:1
expect_grep "needs --network" "$work/stderr" "audit --server asks for --network"
expect_exit 2 "upload without --server" "$tiersight" upload "$good"
expect_exit 2 "upload without a token" env -u TIERSIGHT_TOKEN "$tiersight" upload "$good" --server 127.0.0.1:1
expect_grep "set TIERSIGHT_TOKEN or give --token-file" "$work/stderr" "missing token names both sources"
expect_exit 2 "audit --server without a token" env -u TIERSIGHT_TOKEN "$tiersight" audit --server 127.0.0.1:1 --network n1
: >"$work/empty-token"
expect_exit 2 "upload with an empty token file" "$tiersight" upload "$good" --server 127.0.0.1:1 --token-file "$work/empty-token"
expect_grep "is empty" "$work/stderr" "empty token file is named"
expect_exit 1 "upload with an unreadable token file" "$tiersight" upload "$good" --server 127.0.0.1:1 --token-file "$work/no-such-token"
expect_grep "no-such-token" "$work/stderr" "unreadable token file is named"
expect_exit 1 "upload with a directory as token file" "$tiersight" upload "$good" --server 127.0.0.1:1 --token-file "$work"
expect_grep "token file $work: is a directory" "$work/stderr" "a directory as token file is named as one"
expect_exit 1 "upload to a server that is not there" env TIERSIGHT_TOKEN=t "$tiersight" upload "$good" --server 127.0.0.1:1
expect_grep "UNAVAILABLE" "$work/stderr" "unreachable server gives the gRPC code"
mkdir -p "$work/no-agents"
expect_exit 1 "upload of a bundle without agents.csv" env TIERSIGHT_TOKEN=t "$tiersight" upload "$work/no-agents" --server 127.0.0.1:1
expect_grep "agents.csv: required file is missing" "$work/stderr" "a refused bundle is not uploaded"
expect_exit 2 "download without --out" env TIERSIGHT_TOKEN=t "$tiersight" download --server 127.0.0.1:1 --network n1
expect_exit 1 "download into an existing directory" env TIERSIGHT_TOKEN=t "$tiersight" download \
  --server 127.0.0.1:1 --network n1 --out "$work"
expect_grep "already exists" "$work/stderr" "download refuses an existing directory"
expect_exit 1 "download from a server that is not there" env TIERSIGHT_TOKEN=t "$tiersight" download \
  --server 127.0.0.1:1 --network n1 --out "$work/downloaded"
check "a failed download writes nothing" test -z "$(ls -d "$work"/downloaded* 2>/dev/null)"

# Defect14: a pack file may not take the name of a shipped pack the same
# audit runs: one report would show two packs under one name.
sed 's/^version: .*/version: 9.9.9/' "$(dirname "$0")/../../rules/packs/cn.yaml" >"$work/lookalike.yaml"
expect_exit 1 "a pack file named as a shipped pack it runs with" "$tiersight" audit \
  "$examples/hoarding-network" --pack cn --pack "$work/lookalike.yaml"
expect_grep "lookalike.yaml: pack name 'cn' is the shipped pack cn's" "$work/stderr" \
  "the refusal names the file and the shipped pack"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
