'use strict';
// A Tencent SCF API Gateway handler, as Tencent's docs write it, deployed unchanged on Alibaba FC 3.0 (behind
// an HTTP trigger or API Gateway) with one line of glue. SCF calls `main_handler`; FC calls `handler`
// (s.yaml: `handler: index.handler`).
const { adapt } = require('trigger-bridge');

exports.main_handler = async (event, context) => {
  const name = (event.queryString && event.queryString.name) || 'world';
  return {
    isBase64Encoded: false,
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hello: name, path: event.path, method: event.httpMethod, requestId: context.request_id }),
  };
};

// The one line: on FC the event is converted to Tencent's API Gateway shape, the context to SCF's, and the
// result back to what FC's trigger expects.
exports.handler = adapt(exports.main_handler, { as: 'tencent-apigw' });
