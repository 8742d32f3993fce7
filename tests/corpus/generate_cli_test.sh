#!/usr/bin/env bash
# `tiersight generate` with the corpus profiles as scripts call it: truth.yaml
# lands beside the bundle, and the verbs that read the bundle read it as if
# truth.yaml were not there, with not a word about it on stdout.
# Usage: generate_cli_test.sh TIERSIGHT EXAMPLES_DIR
. "$(dirname "$0")/../cli/contract_checks.sh"  # sets tiersight, examples, work

for profile in lawful fee-pyramid ladder headcount-chains mixed-brand; do
  out="$work/$profile"
  expect_exit 0 "generate $profile" "$tiersight" generate "$out" --profile "$profile" \
    --agents 300 --seed 4
  expect_grep "^profile: $profile\$" "$out/truth.yaml" "$profile: truth.yaml names its profile"
  expect_grep "^seed: 4\$" "$out/truth.yaml" "$profile: truth.yaml names its seed"
  for verb in check figures; do
    expect_exit 0 "$verb $profile" "$tiersight" "$verb" "$out"
    check "$profile: $verb says nothing of truth.yaml" \
      bash -c "! grep -qi -e truth -e warn '$work/stdout'"
    cp "$work/stdout" "$work/$verb-with-truth"
  done
  mv "$out/truth.yaml" "$work/truth-$profile.yaml"
  for verb in check figures; do
    expect_exit 0 "$verb $profile without truth.yaml" "$tiersight" "$verb" "$out"
    check "$profile: $verb reads the same without truth.yaml" \
      cmp -s "$work/stdout" "$work/$verb-with-truth"
  done
done

expect_exit 1 "headcount-chains below its trees' size" \
  "$tiersight" generate "$work/small" --profile headcount-chains --agents 200
expect_grep "agents must be between 269" "$work/stderr" "the refusal names the smallest size"
expect_exit 1 "a corpus profile with a streaming rate" \
  "$tiersight" generate "$work/rate" --profile ladder --orders-per-agent 9
expect_grep "orders_per_agent" "$work/stderr" "the refusal names the option"
expect_exit 2 "an unknown profile (a usage error)" "$tiersight" generate "$work/x" --profile pyramid
expect_grep "mixed-brand" "$work/stderr" "the refusal lists the profiles"

echo "generate_cli_test: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
