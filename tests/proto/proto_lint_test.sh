#!/usr/bin/env bash
# Runs `buf lint` over proto/ from the repository root (buf.yaml there) and
# fails on any lint or compile error, printing buf's file:line:column lines.
# Usage: proto_lint_test.sh REPO_ROOT
set -euo pipefail
root="${1:?usage: proto_lint_test.sh REPO_ROOT}"
cd "$root"

buf="tools/node/node_modules/.bin/buf"
if [ ! -x "$buf" ]; then
  buf="$(command -v buf || true)"
fi
if [ -z "$buf" ]; then
  echo "proto_lint: buf is not installed; run scripts/install-deps.sh" >&2
  exit 1
fi

echo "buf $("$buf" --version)"
if ! "$buf" lint; then
  echo "proto_lint: buf lint found the problems above" >&2
  exit 1
fi
echo "proto_lint: $("$buf" ls-files | wc -l) files lint clean"
