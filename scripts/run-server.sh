#!/usr/bin/env bash
# Installs what is missing, builds tiersightd and the CLI, and starts the
# server with deploy/tiersightd.yaml: loopback only (127.0.0.1:50051), data
# in ./tiersight-data, the development token. Extra arguments go to
# tiersightd (e.g. --listen 127.0.0.1:0 --port-file port). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tiersightd tiersight python_stubs
exec ./build/bin/tiersightd --config deploy/tiersightd.yaml "$@"
