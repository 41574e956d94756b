#!/usr/bin/env bash
# The benchmark behind docs/performance.md (issue 14), from one run: builds the package, `npm pack`s it,
# installs it with the third-party libraries pinned in tests/readers/package.json (Midway's parser,
# tencent-serverless-http, @webserverless/fc-express, the Hono FC 3.0 adapter) into a temporary project,
# and runs bench/bench.mjs there, which writes docs/performance.md. Cold start is measured on Node 18, 20
# and 22 (npm's node@N packages, installed once into NODE_CACHE as scripts/test-js.sh does).
# About 5 minutes. `--quick`: a smoke run (few rounds, small events; still writes the page). `--no-build`:
# use pkg/gen as scripts/build-wasm.sh left it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NODE_CACHE=${NODE_CACHE:-$root/target/node-cache}
quick=0
build=1
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: scripts/bench.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

node_bin() {
  local dir="$NODE_CACHE/$1"
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    echo "installing node@$1 into $dir (once)" >&2
    mkdir -p "$dir"
    printf '{"private":true,"allowScripts":{"node":true}}\n' > "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent "node@$1" >&2)
  fi
  echo "$dir/node_modules/node/bin/node"
}

[ "$build" = 0 ] || scripts/build-wasm.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir "$work/bench"
cp tests/readers/package.json tests/readers/package-lock.json bench/*.mjs bench/analysis.md "$work/bench/"
cd "$work/bench"
npm ci --no-audit --no-fund --silent
npm install --no-audit --no-fund --silent --no-save "$work/$tarball"
nodes="20=$(command -v node)"
[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || nodes="20=$(node_bin 20)"
if [ "$quick" = 0 ]; then nodes="18=$(node_bin 18),$nodes,22=$(node_bin 22)"; fi
BENCH_NODES=$nodes BENCH_QUICK=$quick node --expose-gc bench.mjs "$root"
