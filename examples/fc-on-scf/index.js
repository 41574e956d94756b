'use strict';
// An Alibaba FC 3.0 HTTP trigger handler, as FC's docs write it (a Buffer event, a callback), deployed unchanged
// on Tencent SCF (API Gateway or Function URL) with one line of glue. FC calls `handler`; SCF calls
// `main_handler` (serverless.yml: `handler: index.main_handler`).
const { adapt } = require('trigger-bridge');

exports.handler = (event, context, callback) => {
  const request = JSON.parse(event.toString());
  const name = request.queryParameters.name || 'world';
  callback(null, {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    isBase64Encoded: false,
    body: JSON.stringify({ hello: name, path: request.rawPath, method: request.requestContext.http.method, requestId: context.requestId }),
  });
};

// The one line: on SCF the event becomes FC's (a Buffer of it), the context FC's, the result SCF's.
exports.main_handler = adapt(exports.handler, { as: 'aliyun-http' });
