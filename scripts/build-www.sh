#!/usr/bin/env bash
# Make www/ self-contained: copy the package's browser build into www/tb/ (git-ignored) and gather the
# example gallery from tests/fixtures into www/tb/examples.json. Run after scripts/build-wasm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf www/tb
mkdir -p www/tb/src www/tb/gen
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
    else out.events.push({ name: `${dir} / ${name}`, format: dir, text });
  }
}
fs.writeFileSync("www/tb/examples.json", JSON.stringify(out));
console.error(`www/tb: ${out.events.length} events, ${out.responses.length} responses, ${out.recordings.length} recordings`);
'
