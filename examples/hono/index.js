'use strict';
// One handler for all four HTTP triggers: FC calls `handler` (s.yaml), SCF calls `main_handler`
// (serverless.yml). Binary bodies (a PNG) go out as base64 by their content type.
const { handle } = require('trigger-bridge');
const app = require('./app');

exports.handler = exports.main_handler = handle(app);
