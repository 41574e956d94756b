'use strict';
// Every function of the package, checked on whatever Node runs it: the same assertions serve the
// `require` entry (require.cjs) and the `import` entry (import.mjs). Plain ES2019 and `assert`, no test
// runner, so that it runs on the oldest Node the package supports (the FC and SCF runtimes, README).
const assert = require('assert').strict;
const { spawnSync } = require('child_process');
const path = require('path');

const apigw = {
  httpMethod: 'POST',
  path: '/api/users/42',
  headers: { 'Content-Type': 'application/json' },
  queryParameters: { q: '1' },
  pathParameters: { id: '42' },
  body: '{"a":1}',
  isBase64Encoded: false,
};

/** Run every API of `tb` (the module as the entry under test exports it) and the CLI; returns the count. */
async function checkEveryApi(tb, entry) {
  let checks = 0;
  const check = (name, fn) => {
    try {
      fn();
      checks++;
    } catch (e) {
      e.message = `${entry} on Node ${process.version}: ${name}: ${e.message}`;
      throw e;
    }
  };
  await tb.init();
  await tb.initTools();
  check('formats', () => assert.equal(tb.formats.length, 13));
  check('detect (Buffer, as FC hands it)', () => assert.equal(tb.detect(Buffer.from(JSON.stringify(apigw))), 'aliyun-apigw'));
  check('convertEvent', () => {
    const r = tb.convertEvent(apigw, { to: 'tencent-apigw' });
    assert.equal(r.event.httpMethod, 'POST');
    assert.deepEqual(r.event.pathParameters, { id: '42' });
    assert.equal(typeof tb.convertEvent(apigw, { to: 'aliyun-http', output: 'json' }), 'string');
  });
  check('convertResponse', () => {
    const r = tb.convertResponse({ statusCode: 201, headers: { 'X-A': 'b' }, body: 'hi', isBase64Encoded: false }, { from: 'aliyun-apigw', to: 'tencent-apigw' });
    assert.equal(r.response.statusCode, 201);
  });
  check('validateEvent', () => assert.equal(tb.validateEvent(apigw).format, 'aliyun-apigw'));
  check('message events (tools module)', () => {
    const ckafka = { Records: [{ Ckafka: { topic: 't', partition: 1, offset: 2, msgKey: 'k', msgBody: '中' } }] };
    const r = tb.convertEvent(ckafka, { to: 'aliyun-kafka' });
    assert.equal(r.event[0].data.value, '中');
    assert.equal(tb.validateEvent(Buffer.from(JSON.stringify(r.event))).format, 'aliyun-kafka');
  });
  check('validateResponse', () => {
    const report = tb.validateResponse({ statusCode: '200', body: { ok: true } }, { format: 'tencent-apigw' });
    assert.ok(report.diagnostics.some((d) => d.severity === 'error'));
  });
  check('clientResponse', () => {
    const c = tb.clientResponse({ statusCode: 200, headers: {}, body: 'héllo', isBase64Encoded: false }, { format: 'tencent-apigw' });
    assert.equal(c.status, 200);
    assert.equal(c.bodyText, 'héllo');
    assert.ok(c.body instanceof Uint8Array);
    assert.equal(tb.clientResponse({ statusCode: '200', body: { ok: true } }, { format: 'tencent-apigw' }).status, 403);
  });
  check('eventFromRequest', () => {
    const r = tb.eventFromRequest({ method: 'PUT', url: 'https://x.example.com/a?q=1', headers: { 'content-type': 'text/plain' }, body: 'hi' }, { to: 'aliyun-http' });
    assert.equal(r.event.requestContext.http.method, 'PUT');
    assert.equal(r.event.rawPath, '/a');
  });
  check('eventFromObject', () => {
    const r = tb.eventFromObject({ bucket: 'b', key: 'a b+中.jpg', size: 3, account: '1', time: '2024-01-01T00:00:00Z' }, { to: 'tencent-cos' });
    assert.equal(r.event.Records[0].cos.cosObject.key, '/1/b/a%20b%2B%E4%B8%AD.jpg');
    assert.equal(r.event.Records[0].event.eventTime, 1704067200);
  });
  check('eventFromMessage', () => {
    const r = tb.eventFromMessage({ topic: 't', messages: ['a', { body: { n: 1 } }], time: '2024-01-01T00:00:00Z' }, { to: 'tencent-cmq' });
    assert.equal(r.event.Records[1].CMQ.msgBody, '{"n":1}');
    assert.equal(r.event.Records[0].CMQ.publishTime, '2024-01-01T00:00:00.000Z');
  });
  check('convertTimerConfig', () => {
    const r = tb.convertTimerConfig({ triggerName: 'daily', cronExpression: '0 0 9 * * ?', enable: true, payload: 'p' }, { from: 'aliyun', to: 'tencent' });
    assert.equal(typeof r.config, 'object');
  });
  check('cron.convert', () => assert.equal(tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }).expression, '0 0 17 * * * *'));
  check('cron.explain', () => {
    const e = tb.cron.explain('0 0 9 * * ?', { dialect: 'aliyun', count: 2, after: '2024-02-28T00:00:00Z' });
    assert.deepEqual(e.next, ['2024-02-28T09:00:00Z', '2024-02-29T09:00:00Z']);
    // An IANA zone with daylight saving time: its rules come from the host's Intl in wasm, which old Nodes
    // build with less ICU data.
    const summer = tb.cron.explain('0 0 9 * * ?', { dialect: 'aliyun', tz: 'America/New_York', count: 1, after: '2024-07-01T00:00:00Z' });
    assert.deepEqual(summer.next, ['2024-07-01T09:00:00-04:00']);
  });
  check('runCli', () => {
    const out = tb.runCli(['convert', '--to', 'tencent-url', '-'], { stdin: JSON.stringify(apigw) });
    assert.equal(out.code, 0);
    assert.equal(JSON.parse(out.stdoutText).path, '/api/users/42');
  });
  check('TriggerBridgeError', () => {
    assert.throws(() => tb.detect('[]'), (e) => e instanceof tb.TriggerBridgeError && e instanceof Error && typeof e.code === 'string');
  });
  check('npx trigger-bridge', () => {
    const bin = path.resolve('node_modules/trigger-bridge/cli.cjs');
    const r = spawnSync(process.execPath, [bin, 'cron', 'convert', '--from', 'aliyun', '--to', 'tencent', '0 0 9 * * ?'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '0 0 17 * * * *\n');
  });
  return checks;
}

module.exports = { checkEveryApi };
