// Browser entry (ES module): call `await init()` once, then use the same API as on Node.
import initWasm, * as binding from './gen/web/trigger_bridge.js';
import { createApi, formats, TriggerBridgeError } from './src/api.mjs';

let ready = null;
let loaded = false;

/** Fetch and instantiate the wasm (default: next to this file). Safe to call more than once. */
export function init(input) {
  ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => {
    loaded = true;
  });
  return ready;
}

const api = createApi(() => {
  if (!loaded) throw new TriggerBridgeError('not-initialized', 'call `await init()` before using trigger-bridge in a browser');
  return binding;
});
api.init = init;

export default api;
export { formats, TriggerBridgeError };
export const { detect, convertEvent, convertResponse, validateEvent, validateResponse, clientResponse, eventFromRequest, convertTimerConfig, cron, runCli } = api;
