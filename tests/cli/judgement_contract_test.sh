#!/usr/bin/env bash
# `tiersight audit` choosing packs by jurisdiction, with parameters, and
# printing its judgement; `rules list` showing what may be chosen. The
# shipped packs are those of tests/data/packs (judge-cn under cn, judge-us
# under us), so that the checks hold whatever rules/packs ships.
# Usage: judgement_contract_test.sh TIERSIGHT EXAMPLES_DIR TEST_PACKS_DIR
. "$(dirname "$0")/contract_checks.sh"  # sets tiersight, examples, work
export TIERSIGHT_PACKS_DIR="$3"
hoarding="$examples/hoarding-network"
# The same network declared to be in the US (network.yaml format 1.1).
us="$work/us-network"
cp -r "$hoarding" "$us"
printf 'jurisdiction: us\n' >>"$us/network.yaml"
provenance_packs() { python3 -c 'import json,sys; print(" ".join(p["name"] for p in json.load(open(sys.argv[1]))["provenance"]["packs"]))' "$1"; }

expect_exit 0 "rules list" "$tiersight" rules list
expect_grep "jurisdictions: cn" "$work/stdout" "rules list names each pack's jurisdictions"
expect_grep "judge-cn.min_team .*default 3 .*count .*\[heuristic\]" "$work/stdout" \
  "rules list gives a parameter's default, unit and whether it is heuristic"
expect_grep "judge-cn.stock_share .*default 0.05 .*share .*a branch" "$work/stdout" \
  "a parameter set by the pack's author is not marked heuristic"

# Which packs run.
expect_exit 0 "audit without --pack, no jurisdiction" "$tiersight" audit "$hoarding" --format json
cp "$work/stdout" "$work/none.json"
check "a network without jurisdiction runs every pack" test "$(provenance_packs "$work/none.json")" = "judge-cn judge-us"
expect_grep '"pack_selection": "jurisdiction"' "$work/none.json" "the choice is recorded"
expect_exit 0 "audit of a network declared us" "$tiersight" audit "$us" --format json
cp "$work/stdout" "$work/us.json"
check "network.yaml's jurisdiction picks its packs" test "$(provenance_packs "$work/us.json")" = "judge-us"
expect_grep '"jurisdiction": "us"' "$work/us.json" "the jurisdiction is recorded"
expect_exit 0 "--jurisdiction overrides network.yaml's" "$tiersight" audit "$us" --format json --jurisdiction cn
check "--jurisdiction cn runs the cn pack" test "$(provenance_packs "$work/stdout")" = "judge-cn"
expect_exit 0 "--pack all" "$tiersight" audit "$us" --format json --pack all
check "--pack all runs every pack" test "$(provenance_packs "$work/stdout")" = "judge-cn judge-us"
expect_grep '"pack_selection": "all"' "$work/stdout" "--pack all is recorded"
expect_exit 0 "--pack NAME" "$tiersight" audit "$us" --format json --pack judge-cn
check "a pack named runs whatever the jurisdiction" test "$(provenance_packs "$work/stdout")" = "judge-cn"
expect_grep '"pack_selection": "named"' "$work/stdout" "naming packs is recorded"

# Parameters.
expect_exit 0 "--param" "$tiersight" audit "$hoarding" --format json --param judge-cn.min_team=40 \
  --param judge-us.max_loss_share=0.99
python3 - "$work/stdout" >"$work/params.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for p in r["provenance"]["packs"]:
    for s in p["params"]:
        print(f'{p["name"]}.{s["name"]}={s["value"]} default {s["default_value"]}')
print("fired:", " ".join(f["rule_id"] for f in r["findings"]))
PY
expect_grep "judge-cn.min_team=40 default 3" "$work/params.txt" "provenance records an overridden value"
expect_grep "judge-cn.stock_share=0.05 default 0.05" "$work/params.txt" "and every other parameter"
check "a parameter moves what fires" bash -c "! grep -q losing-participants '$work/params.txt'"

# Usage errors: exit 2 naming what is wrong, before the bundle is read, and
# nothing written.
usage_error() {  # description expected-text args...
  local what="$1" text="$2"
  shift 2
  expect_exit 2 "$what" "$tiersight" audit "$hoarding" --out "$work/refused.json" "$@"
  expect_grep "$text" "$work/stderr" "$what: the error names it"
  check "$what: nothing is written" test ! -e "$work/refused.json"
  check "$what: the bundle is not read" bash -c "! grep -q 'rows loaded' '$work/stderr'"
}
usage_error "an unknown jurisdiction" "unknown jurisdiction 'zz': the packs declare cn, us" --jurisdiction zz
usage_error "an unknown pack" "unknown pack 'nope': the shipped packs are judge-cn, judge-us" --pack nope
usage_error "all with other packs" "--pack all" --pack all --pack judge-cn
usage_error "a parameter of no pack" "parameter 'nope.min_team': no pack 'nope'" --param nope.min_team=3
usage_error "an unknown parameter" "pack 'judge-cn' has no parameter 'team'" --param judge-cn.team=3
usage_error "a count that is not whole" "a count must be a whole number, not 2.5" --param judge-cn.min_team=2.5
usage_error "a value that is no number" "'lots' is not a number" --param judge-cn.min_team=lots
usage_error "a value out of range" "outside its range 0..1" --param judge-cn.stock_share=2
usage_error "a parameter not as PACK.NAME=VALUE" "give it as PACK.NAME=VALUE" --param min_team
usage_error "a parameter given twice" "judge-cn.min_team is given twice" \
  --param judge-cn.min_team=3 --param judge-cn.min_team=4

# The text output: verdicts first, capped subject lists, parameters and
# the grading of each finding.
expect_exit 0 "audit text" "$tiersight" audit "$hoarding"
check "the text starts with the verdicts" test "$(head -1 "$work/stdout")" = "Verdicts:"
expect_grep "^  CN: elements of 传销 met — criminal threshold reached by [0-9]* organisers.*\[risk 0\.[0-9][0-9] (highest)\]" \
  "$work/stdout" "a verdict per jurisdiction with its risk index and band"
expect_grep "^  risk index of the network: 0\.[0-9][0-9] (highest)" "$work/stdout" "the network's risk index"
expect_grep "top: A0001, .* (10 of [0-9]* organisers shown)" "$work/stdout" "a capped list says how many it shows"
expect_grep "^      params: min_team=3$" "$work/stdout" "the parameters a finding read"
expect_grep "^      severity basis: share of the level rows = 1 (at most low)" "$work/stdout" \
  "a graded finding says what was measured"

# verify --bundle reruns the audit with what the report's provenance
# records: its parameter values, its jurisdiction and its choice of packs.
expect_exit 0 "keygen" "$tiersight" keygen --out "$work/brand"
expect_exit 0 "audit --param --out --sign-key" "$tiersight" audit "$hoarding" --reproducible \
  --param judge-cn.min_team=40 --out "$work/param.json" --sign-key "$work/brand.key"
expect_exit 0 "a report made with --param verifies" "$tiersight" verify "$work/param.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep "rerun with the report's judge-cn.min_team=40 (default 3)" "$work/stdout" \
  "verify says which parameters it applied"
expect_grep "match a fresh audit" "$work/stdout" "verify says the report matches"
python3 - "$work/param.json" "$work/edited.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
del r["signature"]
for p in r["provenance"]["packs"]:
    for s in p["params"]:
        if s["name"] == "min_team":
            s["value"] = 60
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect_exit 0 "re-sign the edited report" "$tiersight" sign "$work/edited.json" --key "$work/brand.key"
expect_exit 1 "a report whose parameter was edited fails" "$tiersight" verify "$work/edited.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep "signature: signature valid" "$work/stdout" "the edited report's signature is valid"
expect_grep "differs: findings\[0\] (judge-cn organisers)" "$work/stdout" \
  "verify names the finding the edited parameter changed"
expect_grep "differs: verdicts\[0\] (cn).verdict" "$work/stdout" "and the verdict it changed"
expect_exit 0 "audit --pack all --jurisdiction us --out" "$tiersight" audit "$hoarding" --reproducible \
  --pack all --jurisdiction us --out "$work/us-all.json" --sign-key "$work/brand.key"
expect_grep '"jurisdiction": *"us"' "$work/us-all.json" "the report records the caller's jurisdiction"
expect_exit 0 "a report of a jurisdiction and pack choice not the network's own verifies" \
  "$tiersight" verify "$work/us-all.json" --pubkey "$work/brand.pub" --bundle "$hoarding"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
