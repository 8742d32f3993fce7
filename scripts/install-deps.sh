#!/usr/bin/env bash
# Installs the Debian 12 packages tiersight builds and tests with, the buf CLI
# (npm @bufbuild/buf, into the git-ignored tools/node/) that lints the protos,
# playwright-core (npm, same place) that drives Debian's chromium in the
# HTML report's browser tests, and axe-core (npm, same place) that checks the
# report's accessibility there. Safe to run repeatedly: what is already
# installed is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build pkg-config g++ time
  # Formatting is checked by the tests; clang-tidy runs in scripts/lint.sh.
  clang-format clang-tidy
  # The fuzz targets (fuzz/): clang with libFuzzer and the sanitizer
  # runtimes, and llvm-symbolizer for readable stacks in their reports.
  clang-14 libclang-rt-14-dev llvm-14
  libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
  libboost-graph-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev libmuparser-dev libcli11-dev libabsl-dev libssl-dev libsqlite3-dev
  python3-grpcio python3-protobuf python3-yaml grpc-proto
  libzip-dev
  # The browser test of the HTML report; the CJK fonts let its screenshot of a
  # Chinese report show characters rather than boxes. chromium also prints
  # `audit --out report.pdf`; pdftotext (poppler-utils) reads the printed
  # pages back in the print test.
  chromium fonts-noto-cjk poppler-utils
  openssl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# npm installs buf below; Debian's npm only where the machine has none.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# buf, pinned so that lint results do not change under us. A failed install
# does not stop the build: the proto_lint test then reports buf as missing.
buf_version=1.75.0
buf_bin=tools/node/node_modules/.bin/buf
if [ "$("$buf_bin" --version 2>/dev/null)" != "$buf_version" ]; then
  echo "installing: @bufbuild/buf@$buf_version (npm, into tools/node/)" >&2
  mkdir -p tools/node
  npm install --prefix tools/node --no-audit --no-fund --loglevel=error \
    "@bufbuild/buf@$buf_version" >/dev/null ||
    echo "install-deps: npm could not install @bufbuild/buf; proto_lint will fail" >&2
fi

# playwright-core, pinned: the browser test launches /usr/bin/chromium with it.
# A failed install does not stop the build: the html_browser tests then
# report playwright-core as missing.
playwright_version=1.65.1
playwright_package=tools/node/node_modules/playwright-core/package.json
if ! grep -q "\"version\": \"$playwright_version\"" "$playwright_package" 2>/dev/null; then
  echo "installing: playwright-core@$playwright_version (npm, into tools/node/)" >&2
  mkdir -p tools/node
  npm install --prefix tools/node --no-audit --no-fund --loglevel=error \
    "playwright-core@$playwright_version" >/dev/null ||
    echo "install-deps: npm could not install playwright-core; html_browser tests will fail" >&2
fi

# axe-core, pinned: the browser test runs its WCAG 2 A/AA rules on the report.
# A failed install does not stop the build: the html_browser tests then
# report axe-core as missing.
axe_version=4.14.1
axe_package=tools/node/node_modules/axe-core/package.json
if ! grep -q "\"version\": \"$axe_version\"" "$axe_package" 2>/dev/null; then
  echo "installing: axe-core@$axe_version (npm, into tools/node/)" >&2
  mkdir -p tools/node
  npm install --prefix tools/node --no-audit --no-fund --loglevel=error \
    "axe-core@$axe_version" >/dev/null ||
    echo "install-deps: npm could not install axe-core; html_browser tests will fail" >&2
fi
