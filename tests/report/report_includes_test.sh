#!/usr/bin/env bash
# report/ holds the trust primitives `verify` and the service share; it must
# not grow a dependency on the graph or anything above it, so its sources
# include only abseil, base/ and report/ itself (system headers aside).
# Usage: report_includes_test.sh SOURCE_DIR
set -euo pipefail
found="$(grep -rnE '^#include "' "$1/report" | grep -vE '#include "(absl|base|report)/' || true)"
if [ -n "$found" ]; then
  echo "FAIL: report/ includes more than base/:" >&2
  echo "$found" >&2
  exit 1
fi
echo "report includes: ok"
