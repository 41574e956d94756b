#!/usr/bin/env bash
# Every test, as CI runs it: formatting, lints (host and wasm32), Rust tests, docs, the packed npm
# package in a fresh project (Node tests + tsc), and the browser tests. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m=== %s\033[0m\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (host, all targets)"
cargo clippy --all-targets --all-features --quiet -- -D warnings
step "build the wasm package"
scripts/build-wasm.sh
step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --features wasm-core,wasm-tools --quiet -- -D warnings
step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --features serde --quiet
step "cargo test (unit, fixtures, codes, cron, CLI, serde, doc tests)"
cargo test --features serde
step "npm package: packed tarball installed in a fresh project"
scripts/test-js.sh
step "third-party readers: converted events read as the same request (tests/readers)"
scripts/test-readers.sh
step "browser: playground and web build in headless Chromium"
scripts/test-browser.sh
step "fuzz: every cargo-fuzz target for about 30 s (installs nightly and cargo-fuzz when missing)"
scripts/fuzz.sh
step "all tests passed"
