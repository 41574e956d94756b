'use strict';
// Node.js CommonJS entry: loads the wasm synchronously (handlers use `require` and `exports.handler`).
const { createApi } = require('./gen/api.cjs');

const bindingPath = require.resolve('./gen/nodejs/trigger_bridge.js');
let binding = require(bindingPath);

const api = createApi({
  binding: () => binding,
  reset(old) {
    if (typeof old.__wbg_reset_state === 'function') {
      old.__wbg_reset_state();
    } else {
      delete require.cache[bindingPath];
      binding = require(bindingPath);
    }
  },
});

/** Node loads synchronously; `init()` exists so that code shared with browsers can always await it. */
api.init = () => Promise.resolve();
module.exports = api;
