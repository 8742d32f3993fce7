#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds, and
# audits the example networks shipped in examples/ with every shipped rule
# pack. Prints the findings and writes, for each network, under out/:
#   NAME-report.html     the HTML report (English), signed, pseudonymised
#   NAME-report.zh.html  the same report with Chinese labels
#   NAME-report.pdf      the English HTML report printed on A4 by headless
#                        Chromium (Debian's chromium), where it is installed
#   NAME-report.json     the JSON report, signed, pseudonymised
#   NAME-tables.zip      the CSV tables (findings, levels, tiers, agents flagged)
#   NAME-agents.csv      every agent's figures (the brand's own, not exported)
# The demo signing key out/example-brand.key is created on the first run; the
# pseudonyms are derived from it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tiersight
tiersight=./build/bin/tiersight
mkdir -p out
if [ ! -f out/example-brand.key ]; then
  "$tiersight" keygen --out out/example-brand --log-level warn
fi
for bundle in examples/*/; do
  name="$(basename "$bundle")"
  echo "== $name"
  export_args=(--sign-key out/example-brand.key --reproducible --log-level warn)
  "$tiersight" audit "$bundle" --out "out/$name-report.html" "${export_args[@]}" | sed '/^Network /,$d'
  "$tiersight" audit "$bundle" --out "out/$name-report.zh.html" --lang zh "${export_args[@]}" >/dev/null
  "$tiersight" audit "$bundle" --out "out/$name-report.json" "${export_args[@]}" >/dev/null
  "$tiersight" audit "$bundle" --out "out/$name-tables.zip" --pseudonym-key out/example-brand.key \
    --reproducible --log-level warn >/dev/null
  "$tiersight" figures "$bundle" --agents "out/$name-agents.csv" --log-level warn >/dev/null
  echo "HTML report: out/$name-report.html (中文: out/$name-report.zh.html)"
  # The PDF needs a browser; without one the job goes on without it.
  if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    [ -n "${TIERSIGHT_CHROMIUM:-}" ]; then
    if "$tiersight" audit "$bundle" --out "out/$name-report.pdf" "${export_args[@]}" >/dev/null; then
      echo "PDF report:  out/$name-report.pdf (A4, printed by headless Chromium)"
    else
      echo "PDF report:  not written (see the error above)"
    fi
  else
    rm -f "out/$name-report.pdf"
    echo "PDF report:  not written: Chromium is not installed (Debian package chromium)"
  fi
  echo "JSON report: out/$name-report.json; CSV tables: out/$name-tables.zip; per-agent figures: out/$name-agents.csv"
  echo "check it:    $tiersight verify out/$name-report.html --pubkey out/example-brand.pub --bundle $bundle"
  echo
done
