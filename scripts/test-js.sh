#!/usr/bin/env bash
# Test the npm package the way a user gets it: `npm pack` pkg/, install the tarball into an empty
# temporary project, then run the Node tests (node --test) and type-check a typed usage file (tsc).
# Expects scripts/build-wasm.sh to have run and the native binary to be built (cargo build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) KB)" >&2
mkdir "$work/project"
cd "$work/project"
printf '{"name":"tb-consumer","private":true,"version":"1.0.0"}\n' > package.json
npm install --no-audit --no-fund --silent "$work/$tarball"
cp "$root"/tests/js/*.test.mjs "$root"/tests/js/*.test.cjs "$root"/tests/js/types-usage.ts .

cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "node16", "moduleResolution": "node16", "target": "es2022", "lib": ["es2022", "dom"], "types": [], "skipLibCheck": false }, "files": ["types-usage.ts"] }
JSON
echo "tsc --noEmit over types-usage.ts" >&2
"$root/pkg/node_modules/.bin/tsc" -p tsconfig.json

TB_FIXTURES="$root/tests/fixtures" TB_NATIVE="$root/target/debug/trigger-bridge" node --test --test-concurrency=1 ./*.test.mjs ./*.test.cjs
