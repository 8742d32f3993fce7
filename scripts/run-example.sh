#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, and
# audits the example networks shipped in examples/ with every shipped rule
# pack, printing the findings and writing each full report (JSON: figures,
# findings, provenance) and per-agent figures (CSV) under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tiersight
mkdir -p out
for bundle in examples/*/; do
  name="$(basename "$bundle")"
  echo "== $name"
  ./build/services/tiersight audit "$bundle" --log-level warn | sed '/^Network /,$d'
  ./build/services/tiersight audit "$bundle" --format json --log-level warn > "out/$name-audit.json"
  ./build/services/tiersight figures "$bundle" --agents "out/$name-agents.csv" --log-level warn > "out/$name-figures.txt"
  echo "report: out/$name-audit.json; figures: out/$name-figures.txt; per-agent figures: out/$name-agents.csv"
  echo
done
