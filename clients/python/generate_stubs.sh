#!/usr/bin/env bash
# Generates the Python modules of tiersight's protos (messages and gRPC
# stubs) into OUT_DIR, as tiersight/v1/*_pb2.py and *_pb2_grpc.py.
# Needs Debian's protobuf-compiler and protobuf-compiler-grpc.
# Usage: generate_stubs.sh OUT_DIR
set -euo pipefail
out="${1:?usage: generate_stubs.sh OUT_DIR}"
proto_dir="$(cd "$(dirname "$0")/../../proto" && pwd)"
plugin="$(command -v grpc_python_plugin)" || {
  echo "generate_stubs.sh: grpc_python_plugin not found (apt install protobuf-compiler-grpc)" >&2
  exit 1
}
mkdir -p "$out"
protoc -I "$proto_dir" --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$plugin" "$proto_dir"/tiersight/v1/*.proto
