#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, and
# computes the figures of the example networks shipped in examples/, writing
# each report (JSON) and per-agent figures (CSV) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tiersight
mkdir -p out
for bundle in examples/*/; do
  name="$(basename "$bundle")"
  echo "== $name"
  ./build/services/tiersight figures "$bundle" --agents "out/$name-agents.csv"
  ./build/services/tiersight figures "$bundle" --format json > "out/$name-figures.json"
  echo "report: out/$name-figures.json, per-agent figures: out/$name-agents.csv"
  echo
done
