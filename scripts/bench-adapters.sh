#!/usr/bin/env bash
# The adapters' per-request benchmark (bench/adapters.mjs) next to the libraries users reach for today:
# `npm pack` pkg/, install it with the pinned third-party libraries of tests/readers into a temporary project,
# and run the benchmark there, every library in one process in alternating rounds. Prints a Markdown table
# for docs/performance.md ("Adapters"); bench/bench.mjs can run the same cases (adapterCases()).
# Expects scripts/build-wasm.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir "$work/bench"
cp tests/readers/package.json tests/readers/package-lock.json "$work/bench/"
cp bench/adapters.mjs "$work/bench/"
cd "$work/bench"
npm ci --no-audit --no-fund --silent
npm install --no-audit --no-fund --silent --no-save "$work/$tarball"
node adapters.mjs
