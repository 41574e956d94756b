'use strict';
// An Alibaba FC OSS trigger handler, as FC's docs write it (a Buffer event, a callback), deployed unchanged
// on Tencent SCF behind a COS trigger with one line of glue. FC calls `handler` (s.yaml); SCF calls
// `main_handler` (serverless.yml: `handler: index.main_handler`).
const { adapt } = require('trigger-bridge');

exports.handler = (event, context, callback) => {
  const { events } = JSON.parse(event.toString());
  // OSS hands the object name as it is: no prefix to cut, nothing to decode.
  const seen = events.map((e) => ({ bucket: e.oss.bucket.name, key: e.oss.object.key, size: e.oss.object.size, event: e.eventName }));
  callback(null, { processed: seen, requestId: context.requestId });
};

// The one line: on SCF the COS event becomes FC's OSS event (a Buffer of it, keys decoded and without
// `/<appid>/<bucket>/`), the context FC's; the result goes back as it is.
exports.main_handler = adapt(exports.handler, { as: 'aliyun-oss' });
