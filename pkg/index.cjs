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
// The adapters (handle, adapt, invoke, contexts: gen/adapters.cjs) and light-my-request (handleNode) are
// required on first use only.
const api = createApi(() => core, loadTools, { adapters: () => require('./gen/adapters.cjs'), loadInject: () => require('light-my-request') });

// What `init()` runs once: a request of each HTTP format written, read back and converted, read as request
// parts, and an integration response converted and written from response parts, twice each. Node compiles
// each wasm function on its first call and recompiles the hot ones with its optimizing compiler once they
// have run for a while; done here, in FC's initializer or at start-up, that work is out of the first
// invocations. The inputs are fixed and valid: an error here is a bug (every supported Node runs it in
// scripts/test-js.sh), and it is thrown, not hidden.
const WARM_FORMATS = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
function warm() {
  const headers = { host: 'api.example.com', 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'trigger-bridge-warm-up', cookie: 'a=1; b=2', 'x-forwarded-for': '203.0.113.7' };
  const body = JSON.stringify({ items: [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, name: `item ${id}`, tags: ['a', 'b'] })) });
  const request = { method: 'POST', url: 'https://api.example.com/api/items/42?page=2&sort=name', headers, body };
  const response = JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false });
  for (let round = 0; round < 2; round++) {
    WARM_FORMATS.forEach((format, i) => {
      const to = WARM_FORMATS[(i + 2) % WARM_FORMATS.length];
      const event = Buffer.from(JSON.stringify(api.eventFromRequest(request, { to: format }).event));
      api.convertEvent(event, { to });
      api.convertEvent(event, { to, output: 'json' });
      api.convertResponse(response, { from: format, to });
      // What `handle`, `handleNode` and `adapt` run per request: the request parts of an event and the
      // integration response of an app's answer (the binding's own calls: no fetch classes needed).
      core.requestParts(event, format, true);
      core.integrationResponse(200, ['content-type', 'application/json', 'set-cookie', 'a=1'], Buffer.from(body), format, undefined, []);
    });
  }
}
let warmed = false;

/**
 * Node loads the core module synchronously at `require`; `init()` (which code shared with browsers awaits
 * anyway) also warms it up: call it in FC's initializer or at start-up, and the first invocations do not pay
 * for compiling the functions a conversion runs (see docs/performance.md). Safe to call more than once.
 */
api.init = async () => {
  if (!warmed) {
    warmed = true;
    warm();
  }
};
/** Load the tools module now rather than on first use. */
api.initTools = async () => {
  loadTools();
};
module.exports = api;
