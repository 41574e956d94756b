// The trigger-bridge package's browser build, copied into www/tb/ by scripts/build-www.sh and left as the package
// ships it (the bundle imports it, see www/build.mjs): its glue fetches the wasm modules from next to itself.
import tb, { init, initTools } from '../tb/browser.mjs';

export default tb;

/** Fetch and instantiate both modules. */
export function load() {
  return Promise.all([init(), initTools()]);
}
