// The trigger-bridge package's browser build (copied into www/tb/ by scripts/build-www.sh). Its two wasm
// modules are fetched from www/tb/gen/, next to the bundle in www/tb/app/.
import tb, { init, initTools } from '../tb/browser.mjs';

export default tb;

/** Fetch and instantiate both modules. */
export function load() {
  return Promise.all([
    init(new URL('../gen/web/trigger_bridge_bg.wasm', import.meta.url)),
    initTools(new URL('../gen/web-tools/trigger_bridge_bg.wasm', import.meta.url)),
  ]);
}
