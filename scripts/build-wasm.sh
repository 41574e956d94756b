#!/usr/bin/env bash
# Build the npm package's generated files (pkg/gen/, git-ignored). Installs what it needs: the wasm32
# target, the wasm-bindgen CLI at exactly the version the crate pins, and pkg's npm dev tools.
#
# Two wasm modules, each with its own file name and shipped once, shared by the Node (CommonJS) and the
# browser (ES module) bindings:
#   gen/trigger_bridge_core_bg.wasm   events and responses; loaded by every handler
#   gen/trigger_bridge_tools_bg.wasm  cron, timer configurations, the CLI; loaded on first use
#   gen/trigger_bridge_{core,tools}.cjs  Node bindings (synchronous load from the .wasm next to them)
#   gen/trigger_bridge_{core,tools}.mjs  browser bindings (fetch the .wasm next to them)
#   gen/api.cjs                          the CommonJS copy of pkg/src/api.mjs
#   gen/adapters.cjs                     the CommonJS copy of pkg/src/adapters.mjs (loaded on first use)
#
# Node 12 to 16 compile no WebAssembly that uses reference types or multi-value (`CompileError: invalid
# value type 'externref'` on Node 16). Rust's wasm32 target enables both by default, and wasm-bindgen uses
# externref whenever the module's target_features section lists reference-types. So: our code is built
# without them, wasm-opt checks that the linked module (std included) uses nothing beyond the features
# every supported runtime has (FEATURES) and drops the target_features section, and wasm-bindgen then
# writes its plain-JS object table. Same size within a few hundred bytes, on stable Rust.
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

if [ ! -x pkg/node_modules/.bin/wasm-opt ] || [ ! -x pkg/node_modules/.bin/esbuild ] || [ pkg/package-lock.json -nt pkg/node_modules/.package-lock.json ]; then
  log "installing pkg dev tools (npm ci)"
  (cd pkg && npm ci --no-audit --no-fund)
fi

# What Node 12 (V8 7.8) and every current browser run: the MVP plus these.
FEATURES=(--mvp-features --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory)
# -inline-threshold=75 (LLVM's default at opt-level 2 is 225): with dlmalloc, 50 took the core module from
# 66.2 to 59.6 KB brotli at the same speed within the noise of a 2 KB conversion (issue 14; 75: 59.8 KB,
# 100: 60.5 KB, 150: 61.5 KB). With Talc (src/wasm.rs) 50 was ~5% slower than dlmalloc; 75 is as fast
# as dlmalloc at 50, for 58.2 KB (100: 59.3 KB).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=-reference-types,-multivalue -C llvm-args=-inline-threshold=75"
wasm_opt=pkg/node_modules/.bin/wasm-opt
# Each HTTP format's reader and writer stays a function of its own. wasm-opt -Oz inlines every function
# that has one caller (LLVM's #[inline(never)] does not reach it), which merged the four readers into
# `read_event` and the writers into the exports; an engine compiles a whole function on its first call, so
# a handler's first conversion compiled every format's code to run one. Kept apart, the first `convertEvent`
# compiles 56 KB of code instead of 69 (-0.7 ms of cold start on Node 20, docs/performance.md). The
# patterns match the names wasm-bindgen keeps, demangled (the first wasm-opt runs with -g to keep them);
# the last wasm-opt strips them.
NO_INLINE=(--no-inline='trigger_bridge::formats::*::read::*' --no-inline='trigger_bridge::formats::*::write::*')

rm -rf pkg/gen
mkdir -p pkg/gen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm=target/wasm32-unknown-unknown/wasm/trigger_bridge.wasm
for module in core tools; do
  log "cargo build --target wasm32-unknown-unknown --profile wasm --features wasm-$module"
  cargo build --profile wasm --target wasm32-unknown-unknown --lib --quiet --features "wasm-$module"
  # Fails here, naming the instruction, if anything needs a feature outside FEATURES.
  "$wasm_opt" "${FEATURES[@]}" -g --strip-target-features "$wasm" -o "$work/$module.wasm"
  name="trigger_bridge_$module"
  for target in nodejs web; do
    wasm-bindgen --target "$target" --no-typescript --experimental-reset-state-function --out-name "$name" --out-dir "$work/$target" "$work/$module.wasm"
    # The NO_INLINE patterns match the names as wasm-bindgen demangles them; a rename would silently undo
    # them, so check one of each (once: both targets come from the same module).
    for fn in read write; do
      [ "$target" = web ] || grep -aq "trigger_bridge::formats::aliyun_http::$fn::" "$work/$target/${name}_bg.wasm" || {
        echo "no function named trigger_bridge::formats::aliyun_http::$fn::… in ${name}_bg.wasm: update NO_INLINE" >&2
        exit 1
      }
    done
    "$wasm_opt" "${FEATURES[@]}" "${NO_INLINE[@]}" -Oz --strip-debug --strip-producers "$work/$target/${name}_bg.wasm" -o "$work/$target/${name}_bg.wasm"
  done
  # Both bindings import the same functions, so one file serves both; check rather than assume.
  cmp -s "$work/nodejs/${name}_bg.wasm" "$work/web/${name}_bg.wasm" || {
    echo "the nodejs and web builds of ${name}_bg.wasm differ; ship both or align them" >&2
    exit 1
  }
  cp "$work/web/${name}_bg.wasm" "pkg/gen/${name}_bg.wasm"
  # wasm-bindgen 0.2.130's reset function calls `__wbindgen_start`, which it only exports for externref
  # tables: without reference types there is none, and a reset (after a trap or a large input) would throw.
  # Call it only when present.
  for js in "$work/nodejs/$name.js" "$work/web/$name.js"; do
    sed -i 's/^\( *\)wasm\.__wbindgen_start();$/\1if (wasm.__wbindgen_start) wasm.__wbindgen_start();/' "$js"
  done
  cp "$work/web/$name.js" "pkg/gen/$name.mjs"
  # The Node binding reads `${__dirname}/<name>_bg.wasm`: lowered to Node 12's syntax.
  pkg/node_modules/.bin/esbuild "$work/nodejs/$name.js" --format=cjs --platform=node --target=node12 --log-level=warning --outfile="pkg/gen/$name.cjs"
done

# --bundle: each CommonJS copy holds the modules its source imports. api.mjs and adapters.mjs share none
# (the adapters get the API's error class and functions as arguments), so nothing is loaded twice;
# index.cjs requires gen/adapters.cjs on the first call of an adapter (pkg/src/adapters.mjs).
for entry in api adapters; do
  log "esbuild pkg/src/$entry.mjs -> pkg/gen/$entry.cjs (Node 12 syntax)"
  pkg/node_modules/.bin/esbuild "pkg/src/$entry.mjs" --bundle --format=cjs --platform=neutral --target=node12 --log-level=warning --outfile="pkg/gen/$entry.cjs"
done

# The tarball carries the licences; pkg/ is the package root, so copy them in (git-ignored there).
cp LICENSE-MIT LICENSE-APACHE pkg/

ls -l pkg/gen/*.wasm >&2
