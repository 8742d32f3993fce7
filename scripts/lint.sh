#!/usr/bin/env bash
# Runs clang-tidy (Debian's, version 14) with the committed .clang-tidy over
# every source file of the project, using build/compile_commands.json.
# Takes a long while on two cores, so CI does not run it; run it before
# landing a change that touches many files. Extra arguments are files to
# check instead of all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cc' | grep -v '^tests/')
fi
status=0
for f in "${files[@]}"; do
  clang-tidy --quiet -p build "$f" 2>/dev/null || status=1
done
exit $status
