#!/usr/bin/env bash
# Build the package and measure size, cold start and conversion speed; writes docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-wasm.sh
node bench/bench.mjs
