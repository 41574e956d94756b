#!/usr/bin/env bash
# Build everything, print a sample conversion, and serve the playground on 127.0.0.1 (PORT, default 8080)
# until Ctrl+C. npm's pkg dev tools install without an install-script warning: esbuild's postinstall (it
# checks its platform binary) is approved in pkg/package.json's allowScripts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-wasm.sh
scripts/build-www.sh
cargo build --release --quiet
bin=target/release/trigger-bridge

printf '\n\033[1mSample: an Alibaba API Gateway event as Tencent API Gateway receives it\033[0m\n'
"$bin" convert --to tencent-apigw tests/fixtures/aliyun-apigw/seed-post-json.json
printf '\n\033[1mSample: a result Alibaba accepts, as a Tencent caller receives it\033[0m\n'
"$bin" respond --as tencent-apigw tests/fixtures/responses/alibaba-node-sample.json || true
printf '\n\n\033[1mThe playground, served until you press Ctrl+C:\033[0m\n'
exec node scripts/serve.mjs --port "${PORT:-8080}" --root www
