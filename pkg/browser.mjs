// Browser entry (ES module): `await init()` once, then use the same API as on Node. Cron, timer
// configurations and the CLI live in a second module: `await initTools()` before using them.
import initCore, * as core from './gen/trigger_bridge_core.mjs';
import initToolsWasm, * as tools from './gen/trigger_bridge_tools.mjs';
import { createApi, formats, TriggerBridgeError } from './src/api.mjs';
import * as adapters from './src/adapters.mjs';

/** A module that is fetched once, on the first call of its `init`. */
function loader(initWasm, binding, what) {
  let ready = null;
  let loaded = false;
  return {
    init(input) {
      ready ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(() => {
        loaded = true;
      });
      return ready;
    },
    get() {
      if (!loaded) throw new TriggerBridgeError('not-initialized', `call \`await ${what}()\` before using this part of trigger-bridge in a browser`);
      return binding;
    },
  };
}

const coreModule = loader(initCore, core, 'init');
const toolsModule = loader(initToolsWasm, tools, 'initTools');

/**
 * Fetch and instantiate the core wasm (default: `gen/trigger_bridge_core_bg.wasm` next to this file; a
 * bundler may pass the URL it emitted for `trigger-bridge/core.wasm`). Safe to call more than once.
 */
export const init = (input) => coreModule.init(input);
/** Fetch and instantiate the tools wasm (cron, timer configurations, the CLI; `trigger-bridge/tools.wasm`). Safe to call more than once. */
export const initTools = (input) => toolsModule.init(input);

const api = createApi(coreModule.get, toolsModule.get, { adapters: () => adapters });
api.init = init;
api.initTools = initTools;

export default api;
export { formats, TriggerBridgeError };
export const { detect, convertEvent, convertResponse, validateEvent, validateResponse, clientResponse, eventFromRequest, eventFromObject, eventFromMessage, convertTimerConfig, convertTrigger, gateway, cron, runCli,
  // adapters (pkg/src/invoke.mjs, context.mjs)
  invoke, normalizeContext, contextFor, fcContext, scfContext, localContextInfo, toRequest, fromResponse, handle, handleNode, adapt } = api;
