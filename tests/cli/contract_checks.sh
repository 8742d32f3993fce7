# Checks shared by the CLI contract scripts, which source this file with
# their arguments TIERSIGHT EXAMPLES_DIR. Each check counts a pass or prints
# FAIL and counts a failure.
set -u
tiersight="$1"
examples="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

expect_exit() {  # expected_code description command...
  local want="$1" what="$2"
  shift 2
  "$@" >"$work/stdout" 2>"$work/stderr"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    passes=$((passes + 1))
  else
    echo "FAIL: $what: exit $got, expected $want"
    sed 's/^/  stderr: /' "$work/stderr" | head -5
    failures=$((failures + 1))
  fi
}

expect_grep() {  # pattern file description
  if grep -q -- "$1" "$2"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $3: '$1' not in $2"
    failures=$((failures + 1))
  fi
}

check() {  # description command...: passes when the command succeeds
  local what="$1"
  shift
  if "$@"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $what"
    failures=$((failures + 1))
  fi
}
