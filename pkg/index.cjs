'use strict';
// Node.js CommonJS entry: loads the wasm synchronously (handlers use `require` and `exports.handler`).
const { createApi } = require('./gen/api.cjs');
const binding = require('./gen/nodejs/trigger_bridge.js');

const api = createApi(() => binding);

/** Node loads synchronously; `init()` exists so that code shared with browsers can always await it. */
api.init = () => Promise.resolve();
module.exports = api;
