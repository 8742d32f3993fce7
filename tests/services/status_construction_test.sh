#!/usr/bin/env bash
# services/status_mapping.{h,cc} is the one place a grpc::Status is made:
# every handler returns absl::Status through services/rpc_edge.h, which maps
# it there (codes one to one, messages truncated). A grpc::Status built
# anywhere else in services/ skips that mapping and its truncation, so this
# test fails on any other file that constructs one, names a grpc::StatusCode,
# or takes grpc's status names into scope to do so unqualified.
#
# Usage: status_construction_test.sh SERVICES_DIR
# It first checks itself on files that break the rule in each way it knows,
# so that a pattern that stopped matching fails the test instead of passing
# it silently.
set -euo pipefail

services_dir="${1:?usage: status_construction_test.sh SERVICES_DIR}"

# One extended regular expression per way of bypassing the mapping.
patterns=(
  'grpc::Status[[:space:]]*[({]'                          # grpc::Status(code, msg), grpc::Status{...}
  'grpc::Status[[:space:]]+[a-z_][A-Za-z0-9_]*[[:space:]]*[({;]'  # grpc::Status s(...); grpc::Status s;
  'grpc::Status::[A-Z_]+'                                 # grpc::Status::OK, ::CANCELLED
  'grpc::StatusCode'                                      # any direct use of the codes
  'using[[:space:]]+grpc::Status'                         # using grpc::Status(Code);
  'using[[:space:]]+namespace[[:space:]]+grpc[[:space:]]*;'
)
allowed_re='/status_mapping\.(h|cc)$'

# Prints "file:line: text" for each offending line of the C++ files under
# $1; comments are dropped first, so prose may name the types.
violations() {
  local dir="$1" file
  while IFS= read -r -d '' file; do
    [[ "$file" =~ $allowed_re ]] && continue
    for pattern in "${patterns[@]}"; do
      sed -e 's://.*$::' "$file" | grep -nE -- "$pattern" | sed -e "s|^|$file:|" || true
    done
  done < <(find "$dir" -type f \( -name '*.cc' -o -name '*.h' \) -print0 | sort -z)
}

self_check() {
  local fixture
  fixture="$(mktemp -d)"
  trap 'rm -rf "$fixture"' RETURN
  local -a bad=(
    'return grpc::Status(grpc::StatusCode::NOT_FOUND, "x");'
    'return grpc::Status{code, "x"};'
    'grpc::Status denied(code, "x");'
    'grpc::Status denied;'
    'return log.Finish(grpc::Status::OK);'
    'if (s.error_code() == grpc::StatusCode::CANCELLED) {}'
    'using grpc::StatusCode;'
    'using namespace grpc;'
  )
  local i=0 line
  for line in "${bad[@]}"; do
    printf '%s\n' "$line" >"$fixture/bad_$i.cc"
    i=$((i + 1))
  done
  # What the rule allows: handler signatures, comments, the mapping itself.
  cat >"$fixture/handler.cc" <<'EOF'
grpc::Status Service::GetThing(grpc::ServerContext* context, const Request* request,
                               Response* response) {
  // Built by ToGrpcStatus, never here: grpc::Status(code, message).
  return edge_.Serve("Service/GetThing", *context, [&](const Caller& caller) { return Get(); });
}
EOF
  printf '%s\n' 'return grpc::Status(grpc::StatusCode::INTERNAL, message);' \
    >"$fixture/status_mapping.cc"

  local found
  found="$(violations "$fixture")"
  local failed=0
  for ((j = 0; j < i; ++j)); do
    if ! grep -q "/bad_$j.cc:" <<<"$found"; then
      echo "self-check: not caught: ${bad[$j]}" >&2
      failed=1
    fi
  done
  if grep -qE '/(handler|status_mapping)\.cc:' <<<"$found"; then
    echo "self-check: allowed code flagged:" >&2
    grep -E '/(handler|status_mapping)\.cc:' <<<"$found" >&2
    failed=1
  fi
  return "$failed"
}

self_check

found="$(violations "$services_dir")"
if [[ -n "$found" ]]; then
  echo "grpc::Status made outside services/status_mapping.cc; return absl::Status" >&2
  echo "from the handler body and let services/rpc_edge.h map it:" >&2
  echo "$found" >&2
  exit 1
fi
count="$(find "$services_dir" -type f \( -name '*.cc' -o -name '*.h' \) | wc -l)"
if ((count == 0)); then
  echo "no C++ files under $services_dir" >&2
  exit 1
fi
echo "no grpc::Status made outside status_mapping in $count files of $services_dir"
