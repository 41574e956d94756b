'use strict';
// `require('trigger-bridge')` on the Node running this file: every API (every-api.cjs).
const { checkEveryApi } = require('./every-api.cjs');

checkEveryApi(require('trigger-bridge'), 'require').then(
  (n) => console.log(`require on Node ${process.version}: ${n} passed, 0 failed`),
  (e) => {
    console.error(e);
    process.exitCode = 1;
  }
);
