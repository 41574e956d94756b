#!/usr/bin/env bash
# Build the npm package's generated files (pkg/gen/, git-ignored): the two wasm modules for Node (CommonJS,
# synchronous load) and for browsers (ES module), optimized with wasm-opt, and the CommonJS copy of the
# shared JS wrapper. Installs what it needs: the wasm32 target, the wasm-bindgen CLI at exactly the
# version the crate pins, and pkg's npm dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
[ -n "$want" ] || { echo "cannot read the wasm-bindgen pin from Cargo.toml" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want" ]; then
  log "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x pkg/node_modules/.bin/wasm-opt ] || [ ! -x pkg/node_modules/.bin/esbuild ]; then
  log "installing pkg dev tools (npm ci)"
  (cd pkg && npm ci --no-audit --no-fund)
fi

# Two modules: `core` (events and responses, loaded by every handler) and `tools` (cron, timer configs,
# the CLI; loaded on first use). Each is the same crate with a feature choosing the exports.
rm -rf pkg/gen
wasm=target/wasm32-unknown-unknown/wasm/trigger_bridge.wasm
for module in core tools; do
  log "cargo build --target wasm32-unknown-unknown --profile wasm --features wasm-$module"
  cargo build --profile wasm --target wasm32-unknown-unknown --lib --quiet --features "wasm-$module"
  suffix=$([ "$module" = core ] && echo "" || echo "-$module")
  for target in nodejs web; do
    out="pkg/gen/$target$suffix"
    wasm-bindgen --target "$target" --experimental-reset-state-function --out-dir "$out" "$wasm"
    pkg/node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "$out/trigger_bridge_bg.wasm" -o "$out/trigger_bridge_bg.wasm"
  done
done

# --bundle: api.mjs imports its sibling modules (invoke.mjs, context.mjs, ...); the CommonJS copy holds them all.
log "esbuild pkg/src/api.mjs -> pkg/gen/api.cjs"
pkg/node_modules/.bin/esbuild pkg/src/api.mjs --bundle --format=cjs --platform=neutral --target=es2020 --log-level=warning --outfile=pkg/gen/api.cjs

ls -l pkg/gen/*/trigger_bridge_bg.wasm >&2
