#!/usr/bin/env bash
# `audit --out` exports and their verification, as a regulator receives them:
# reproducible bytes, pseudonymised ids, signing at audit time, and verify
# naming what differs in every tampered case.
# Usage: export_contract_test.sh TIERSIGHT EXAMPLES_DIR
. "$(dirname "$0")/contract_checks.sh"  # sets tiersight, examples, work

hoarding="$examples/hoarding-network"
export XDG_CONFIG_HOME="$work/config"
unset TIERSIGHT_PSEUDONYM_KEY
printf 'a fixed pseudonym key for the contract test\n' >"$work/pseudonym.key"
chmod 600 "$work/pseudonym.key"
tail -n +2 "$hoarding/agents.csv" | cut -d, -f1 >"$work/ids.txt"
no_raw_ids() { ! grep -rqF -f "$work/ids.txt" "$@"; }
same_bytes() { cmp -s "$1" "$2"; }

# Reproducible: two runs give the same bytes, generated_at is the as-of date.
for out in r1.json r2.json; do
  expect_exit 0 "audit --out $out" "$tiersight" audit "$hoarding" --out "$work/$out" \
    --reproducible --pseudonym-key "$work/pseudonym.key"
done
check "two reproducible JSON exports are byte-identical" same_bytes "$work/r1.json" "$work/r2.json"
expect_grep '"generated_at": "2026-09-30T00:00:00Z"' "$work/r1.json" "generated_at fixed to as_of"
for out in t1.zip t2.zip; do
  expect_exit 0 "audit --out $out" "$tiersight" audit "$hoarding" --out "$work/$out" \
    --reproducible --pseudonym-key "$work/pseudonym.key"
done
check "two reproducible zip exports are byte-identical" same_bytes "$work/t1.zip" "$work/t2.zip"

# Pseudonyms by default, in every exported byte; stdout keeps the brand's ids.
expect_exit 0 "audit --out JSON with stdout JSON" "$tiersight" audit "$hoarding" --format json \
  --out "$work/p.json" --pseudonym-key "$work/pseudonym.key"
check "stdout keeps the raw ids" grep -qF A0001 "$work/stdout"
check "no raw agent id in the exported JSON" no_raw_ids "$work/p.json"
expect_grep '"personal_data": "pseudonymised"' "$work/p.json" "the JSON says ids are pseudonymised"
mkdir -p "$work/unzipped"
check "the zip extracts" unzip -q "$work/t1.zip" -d "$work/unzipped"
check "no raw agent id in the zip entries" no_raw_ids "$work/unzipped"
check "the zip holds the evidence annex" test -s "$work/unzipped/evidence_records.csv"
expect_exit 0 "audit --out DIR/" "$tiersight" audit "$hoarding" --out "$work/tables/" \
  --pseudonym-key "$work/pseudonym.key"
check "one CSV file per table" test "$(ls "$work/tables" | LC_ALL=C sort | tr '\n' ' ')" = \
  "branches.csv evidence_records.csv finding_subjects.csv findings.csv flagged_agents.csv levels.csv money_flows.csv net_cash_percentiles.csv network.csv organiser_teams.csv organisers.csv provenance.csv recruits_by_month.csv tiers.csv verdicts.csv "
expect_grep "^evidence_records,evidence_records.csv: [1-9][0-9]* rows" "$work/tables/provenance.csv" \
  "provenance.csv counts the evidence annex"
check "the evidence annex names the brand's order ids" grep -q "^orders.csv,O0000" "$work/tables/evidence_records.csv"
check "the annex written to the folder as it is read is the zip's" \
  same_bytes "$work/tables/evidence_records.csv" "$work/unzipped/evidence_records.csv"
check "CSV starts with a UTF-8 BOM" test "$(head -c 3 "$work/tables/findings.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "no raw agent id in the CSV folder" no_raw_ids "$work/tables"
expect_exit 0 "audit --include-personal-data" "$tiersight" audit "$hoarding" --out "$work/named.json" \
  --include-personal-data
check "--include-personal-data keeps the ids" grep -qF '"A0001"' "$work/named.json"
expect_grep '"personal_data": "included"' "$work/named.json" "the JSON says ids are included"
expect_exit 0 "audit without a pseudonym key creates the user's key" "$tiersight" audit "$hoarding" \
  --out "$work/default.json"
check "the per-user key has mode 0600" test "$(stat -c %a "$XDG_CONFIG_HOME/tiersight/pseudonym.key")" = 600
expect_exit 1 "--out x.csv is refused" "$tiersight" audit "$hoarding" --out "$work/x.csv"
expect_grep "several tables" "$work/stderr" "the refusal says why"
expect_exit 2 "--reproducible needs --out" "$tiersight" audit "$hoarding" --reproducible

# Signing at audit time, and verify in every tampered case.
expect_exit 0 "keygen" "$tiersight" keygen --out "$work/brand"
expect_exit 0 "keygen other" "$tiersight" keygen --out "$work/other"
expect_exit 1 "--sign-key with CSV is refused" "$tiersight" audit "$hoarding" --out "$work/s.zip" \
  --sign-key "$work/brand.key"
expect_exit 0 "audit --sign-key" "$tiersight" audit "$hoarding" --out "$work/s.json" \
  --sign-key "$work/brand.key" --reproducible
expect_exit 0 "verify a pseudonymised report" "$tiersight" verify "$work/s.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep "everything but the ids was compared" "$work/stdout" "verify says the ids were not compared"
expect_grep "match a fresh audit" "$work/stdout" "verify says the rest matches"
expect_exit 0 "verify with the signing key for pseudonyms" "$tiersight" verify "$work/s.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding" --pseudonym-key "$work/brand.key"
expect_grep "compared with the given pseudonym key" "$work/stdout" "verify compared the ids"
expect_exit 1 "verify with another pseudonym key" "$tiersight" verify "$work/s.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding" --pseudonym-key "$work/pseudonym.key"
expect_grep "was pseudonymised with key id" "$work/stdout" "verify names the pseudonym key ids"
expect_exit 1 "verify with another key" "$tiersight" verify "$work/s.json" \
  --pubkey "$work/other.pub" --bundle "$hoarding"
expect_grep "signed by another key" "$work/stdout" "verify names the other signing key"
expect_exit 1 "verify against another bundle" "$tiersight" verify "$work/s.json" \
  --pubkey "$work/brand.pub" --bundle "$examples/healthy-network"
expect_grep "differs: bundle digest" "$work/stdout" "verify names the digest"
sed 's/"participants":2000/"participants":2001/' "$work/s.json" >"$work/figure.json"
expect_exit 1 "verify a changed figure" "$tiersight" verify "$work/figure.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep "changed after signing" "$work/stdout" "verify rejects the signature"
expect_grep "differs: network.participants: the report says 2001, a fresh audit gives 2000" \
  "$work/stdout" "verify names the changed figure"
sed '0,/"severity":"critical"/s//"severity":"low"/' "$work/s.json" >"$work/finding.json"
expect_exit 1 "verify a changed finding" "$tiersight" verify "$work/finding.json" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep 'differs: findings\[0\] (cn cn-224-1-criminal-threshold).severity: the report says "low"' \
  "$work/stdout" "verify names the changed finding and field"

# An HTML report is verified through the signed JSON it embeds, and its page
# must be exactly what that JSON renders to.
expect_exit 0 "audit --out .html --sign-key" "$tiersight" audit "$hoarding" --out "$work/s.html" \
  --sign-key "$work/brand.key" --lang zh --reproducible
expect_exit 0 "verify a signed HTML report" "$tiersight" verify "$work/s.html" \
  --pubkey "$work/brand.pub" --bundle "$hoarding"
expect_grep "match a fresh audit" "$work/stdout" "verify of the HTML compares with a fresh audit"
expect_grep "page: identical to what its signed JSON renders to" "$work/stdout" \
  "verify re-rendered the page"
sed '0,/<td>/s//<td>9/' "$work/s.html" >"$work/edited.html"
expect_exit 1 "verify an HTML report whose visible text was edited" "$tiersight" verify \
  "$work/edited.html" --pubkey "$work/brand.pub"
expect_grep "edited after it was exported" "$work/stderr" "verify says the page was edited"
# A language is one the report has, or a usage error naming the ones it has
# (pages of other renderer versions and languages: tests/cli/verify_html_test.cc).
expect_exit 2 "--lang of no catalogue is a usage error" "$tiersight" audit "$hoarding" \
  --out "$work/fr.html" --lang fr
expect_grep 'unknown report language "fr": the report is available in .*en' "$work/stderr" \
  "the refusal names the language and the languages"
check "nothing is written for an unknown language" test ! -e "$work/fr.html"
expect_exit 0 "audit --out .html unsigned" "$tiersight" audit "$hoarding" --out "$work/u.html"
expect_exit 1 "verify an unsigned HTML report" "$tiersight" verify "$work/u.html" \
  --pubkey "$work/brand.pub"
expect_grep "carries no signed JSON" "$work/stderr" "verify says the HTML is not signed"

# Defect12: a private key file group or others may read is refused, naming
# the file, its mode and the fix, unless --allow-insecure-key is given.
cp "$work/brand.key" "$work/shared.key"
chmod 644 "$work/shared.key"
expect_exit 1 "audit --sign-key with a key others may read" "$tiersight" audit "$hoarding" \
  --out "$work/shared.json" --sign-key "$work/shared.key"
expect_grep "shared.key: a private key must be readable by its owner only, but its mode is 0644" \
  "$work/stderr" "the refusal names the key file and its mode"
expect_grep "chmod 600" "$work/stderr" "the refusal says how to fix it"
check "nothing is written with a refused key" test ! -e "$work/shared.json"
expect_exit 1 "sign with a key others may read" "$tiersight" sign "$work/s.json" \
  --key "$work/shared.key" --out "$work/resigned.json"
cp "$work/pseudonym.key" "$work/shared-pseudonym.key"
chmod 640 "$work/shared-pseudonym.key"
expect_exit 1 "--pseudonym-key others may read" "$tiersight" audit "$hoarding" \
  --out "$work/shared-p.json" --pseudonym-key "$work/shared-pseudonym.key"
expect_grep "a pseudonym key must be readable by its owner only" "$work/stderr" \
  "the refusal names the pseudonym key"
expect_exit 0 "--allow-insecure-key uses it with a warning" "$tiersight" audit "$hoarding" \
  --out "$work/shared.json" --sign-key "$work/shared.key" --allow-insecure-key
expect_grep "others may read it" "$work/stderr" "the warning says why"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
