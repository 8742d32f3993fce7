#!/usr/bin/env bash
# Fails when a C++ or proto file of the project differs from what
# clang-format (Debian's, version 14, with the committed .clang-format) makes
# of it, naming each file. Formatting is a habit, not a review comment:
#   clang-format -i $(git ls-files '*.cc' '*.h')
set -euo pipefail
root="$1"
formatter="${2:-clang-format}"
if ! command -v "$formatter" >/dev/null 2>&1; then
  echo "format_test: $formatter is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
cd "$root"
mapfile -t files < <(git ls-files '*.cc' '*.h' '*.proto' | grep -v '^proto/google/')
unformatted=()
for f in "${files[@]}"; do
  if ! "$formatter" --style=file "$f" | cmp -s - "$f"; then unformatted+=("$f"); fi
done
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'not formatted with clang-format: %s\n' "${unformatted[@]}" >&2
  echo "run: clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "${#files[@]} files formatted"
