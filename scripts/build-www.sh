#!/usr/bin/env bash
# Make www/ self-contained: copy the package's browser build into www/tb/ (git-ignored), gather the example
# gallery from tests/fixtures into www/tb/examples.json, and bundle the page with its third-party widgets
# (CodeMirror, the curl parser) into www/tb/app/ with esbuild (www/build.mjs), so it works offline.
# Installs the page's pinned build tools (www/package-lock.json) on first use. Run after scripts/build-wasm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x www/node_modules/.bin/esbuild ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then
  echo "installing the playground's build tools (npm ci in www/)" >&2
  # --ignore-scripts: nothing here needs an install script (tree-sitter's native build is for Node, unused;
  # esbuild finds its binary through its optional dependency).
  (cd www && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
rm -rf www/tb
mkdir -p www/tb/src www/tb/gen
# The package's browser entry with what it imports, as the package lays it out (the page imports it as is,
# and its glue fetches each wasm module from next to itself).
cp pkg/browser.mjs www/tb/
cp pkg/src/*.mjs www/tb/src/   # api.mjs and the modules it imports
for module in core tools; do
  cp "pkg/gen/trigger_bridge_$module.mjs" "pkg/gen/trigger_bridge_${module}_bg.wasm" www/tb/gen/
done
node -e '
const fs = require("fs"), path = require("path");
const root = "tests/fixtures", out = { events: [], responses: [], recordings: [] };
for (const dir of fs.readdirSync(root).sort()) {
  const full = path.join(root, dir);
  if (!fs.statSync(full).isDirectory() || dir === "configs") continue;
  for (const file of fs.readdirSync(full).sort()) {
    const p = path.join(full, file);
    if (!fs.statSync(p).isFile()) continue;
    const text = fs.readFileSync(p, "utf8");
    const name = file.replace(/\.(json|jsonl|har)$/, "");
    if (dir === "responses") out.responses.push({ name, text });
    else if (dir === "recordings") out.recordings.push({ name: file, text });
    else if (file.endsWith(".json")) out.events.push({ name: `${dir} / ${name}`, format: dir, text }); // not the READMEs citing sources
  }
}
fs.writeFileSync("www/tb/examples.json", JSON.stringify(out));
console.error(`www/tb: ${out.events.length} events, ${out.responses.length} responses, ${out.recordings.length} recordings`);
'
node www/build.mjs
