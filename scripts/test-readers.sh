#!/usr/bin/env bash
# Third-party readers of each event format (tests/readers/): `npm pack` pkg/, copy tests/readers into a
# temporary project, install its pinned readers (`npm ci`) and the packed tarball, and run `node --test`
# there: every fixture converted into every format must read, in each reader of that format, as the same
# request as the original does in its own format's reader, except where a loss says otherwise.
# Expects scripts/build-wasm.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)
mkdir "$work/readers"
cp tests/readers/package.json tests/readers/package-lock.json tests/readers/*.mjs "$work/readers/"
cd "$work/readers"
npm ci --no-audit --no-fund --silent
npm install --no-audit --no-fund --silent --no-save "$work/$tarball"
TB_FIXTURES="$root/tests/fixtures" node --test --test-concurrency=1 ./*.test.mjs
