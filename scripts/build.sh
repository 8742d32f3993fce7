#!/usr/bin/env bash
# Configures and builds tiersight with Ninja into build/ (two parallel jobs:
# the reference machine has two cores). Extra arguments are ninja targets.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build_type="${TIERSIGHT_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
fi
ninja -C build -j2 "$@"
