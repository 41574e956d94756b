'use strict';
// Node.js CommonJS entry: loads the core wasm synchronously (handlers use `require` and `exports.handler`);
// the tools module (cron, timer configurations, the CLI) is loaded the first time one of those is called.
const { createApi } = require('./gen/api.cjs');
const core = require('./gen/nodejs/trigger_bridge.js');

let tools = null;
const loadTools = () => (tools ??= require('./gen/nodejs-tools/trigger_bridge.js'));
// light-my-request (handleNode) is required on first use only.
const api = createApi(() => core, loadTools, { loadInject: () => require('light-my-request') });

/** Node loads synchronously; `init()` exists so that code shared with browsers can always await it. */
api.init = async () => {};
/** Load the tools module now rather than on first use. */
api.initTools = async () => {
  loadTools();
};
module.exports = api;
