'use strict';
// One handler for all four HTTP triggers, in memory (no socket, no port): FC calls `handler` (s.yaml), SCF
// calls `main_handler` (serverless.yml).
const { handleNode } = require('trigger-bridge');
const app = require('./app');

exports.handler = exports.main_handler = handleNode(app);
