'use strict';
// Node.js CommonJS entry: loads the core wasm synchronously (handlers use `require` and `exports.handler`);
// the tools module (cron, timer configurations, the CLI) is loaded the first time one of those is called.
// Plain ES2019 syntax, so that it runs on every Node runtime FC and SCF offer (Node 12 and later).
const { createApi, TriggerBridgeError } = require('./gen/api.cjs');

/**
 * Require a wasm binding. Each reads its `.wasm` from the folder it is in: after bundling that is the
 * bundle's folder, so name the file to copy there when it is missing.
 */
function load(name) {
  try {
    return name === 'core' ? require('./gen/trigger_bridge_core.cjs') : require('./gen/trigger_bridge_tools.cjs');
  } catch (e) {
    if (e && e.code === 'ENOENT' && String(e.path).endsWith(`trigger_bridge_${name}_bg.wasm`)) {
      throw new TriggerBridgeError(
        'wasm-not-found',
        `trigger-bridge cannot find ${e.path}: when bundling, copy trigger-bridge/${name}.wasm (node_modules/trigger-bridge/gen/trigger_bridge_${name}_bg.wasm) next to the bundle`
      );
    }
    throw e;
  }
}

const core = load('core');
let tools = null;
function loadTools() {
  if (tools === null) tools = load('tools');
  return tools;
}
// light-my-request (handleNode) is required on first use only.
const api = createApi(() => core, loadTools, { loadInject: () => require('light-my-request') });

/** Node loads synchronously; `init()` exists so that code shared with browsers can always await it. */
api.init = async () => {};
/** Load the tools module now rather than on first use. */
api.initTools = async () => {
  loadTools();
};
module.exports = api;
