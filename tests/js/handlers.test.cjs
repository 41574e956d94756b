// Real use from CommonJS: an Alibaba-style callback handler receiving a Buffer and a Tencent-style async
// handler receiving an object, both using the installed package on the shared fixtures.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const tb = require('trigger-bridge');

const fixtures = process.env.TB_FIXTURES;
const read = (p) => fs.readFileSync(path.join(fixtures, p));

test('a handler loads only the core module; cron and the CLI load theirs on first use', () => {
  const loaded = (name) => Object.keys(require.cache).some((p) => p.split(path.sep).join('/').endsWith(`gen/trigger_bridge_${name}.cjs`));
  tb.convertEvent(read('aliyun-apigw/seed-post-json.json'), { to: 'tencent-url' });
  assert.equal(loaded('core'), true);
  assert.equal(loaded('tools'), false);
  assert.equal(tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' }).expression, '0 0 17 * * * *');
  assert.equal(loaded('tools'), true);
});

test('an FC handler turns its Buffer event into a Tencent event', async () => {
  // What an FC handler looks like: exports.handler = (event, context, callback).
  const handler = (event, context, callback) => {
    assert.ok(Buffer.isBuffer(event));
    const { event: tencent, losses } = tb.convertEvent(event, { to: 'tencent-apigw' });
    callback(null, { isBase64Encoded: false, statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tencent, losses }) });
  };
  const result = await new Promise((resolve, reject) => handler(read('aliyun-apigw/seed-post-json.json'), {}, (err, res) => (err ? reject(err) : resolve(res))));
  const { tencent, losses } = JSON.parse(result.body);
  assert.equal(tencent.httpMethod, 'POST');
  assert.equal(tencent.path, '/api/users/42');
  assert.deepEqual(tencent.pathParameters, { id: '42' });
  assert.equal(Buffer.from(tencent.body, tencent.isBase64Encoded ? 'base64' : 'utf8').toString(), '{"a":1}');
  assert.deepEqual(losses, []);
  // What each gateway returns for that result.
  for (const format of ['aliyun-apigw', 'tencent-apigw']) {
    const client = tb.clientResponse(result, { format });
    assert.equal(client.status, 200, format);
    assert.equal(JSON.parse(client.bodyText).tencent.path, '/api/users/42');
  }
});

test('an SCF async handler receives an object and answers both clouds', async () => {
  const handler = async (event) => {
    const { event: aliyun } = tb.convertEvent(event, { to: 'aliyun-http' });
    return { statusCode: '200', isBase64Encoded: 'false', headers: { 'X-Path': aliyun.rawPath }, body: { ok: true } };
  };
  const event = JSON.parse(read('tencent-apigw/seed-post.json'));
  const result = await handler(event, {});
  const tencent = tb.clientResponse(result, { format: 'tencent-apigw' });
  assert.equal(tencent.status, 403);
  assert.match(tencent.bodyText, /Invalid scf response format/);
  assert.deepEqual(tencent.diagnostics.map((d) => d.code), ['status-not-integer', 'base64-flag-not-boolean', 'body-not-string']);
  const aliyun = tb.clientResponse(result, { format: 'aliyun-apigw' });
  assert.equal(aliyun.status, 200);
  assert.deepEqual(aliyun.headers, [['X-Path', '/test/value']]);
  assert.equal(aliyun.bodyText, '{"ok":true}');
  // The fix: convert the result into the Tencent shape.
  const fixed = tb.convertResponse(result, { from: 'aliyun-apigw', to: 'tencent-apigw' });
  assert.equal(tb.clientResponse(fixed.response, { format: 'tencent-apigw' }).status, 200);
});

test('every fixture converts through the package exactly as the Rust tests expect', () => {
  for (const format of tb.formats) {
    const dir = path.join(fixtures, format);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const bytes = fs.readFileSync(path.join(dir, file));
      assert.equal(tb.detect(bytes), format, file);
      const pairs = [['aliyun-timer', 'tencent-timer'], ['aliyun-oss', 'tencent-cos'], ['aliyun-mns', 'tencent-cmq'], ['aliyun-kafka', 'tencent-ckafka'], ['aliyun-rocketmq']];
      const targets = pairs.find((p) => p.includes(format)) ?? ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
      for (const to of targets) {
        const expected = JSON.parse(fs.readFileSync(path.join(dir, file.replace('.json', '.expected'), `${to}.json`)));
        for (const input of [bytes, bytes.toString('utf8'), JSON.parse(bytes)]) {
          assert.deepEqual(tb.convertEvent(input, { to }), expected, `${format}/${file} -> ${to}`);
        }
        assert.deepEqual(JSON.parse(tb.convertEvent(bytes, { to, output: 'json' })), expected);
      }
    }
  }
});

test('an FC MNS handler reads a CMQ batch one notification at a time; a Kafka batch crosses both ways', () => {
  const { event, losses } = tb.convertEvent(read('tencent-cmq/records-several.json'), { to: 'aliyun-mns' });
  assert.equal(event.length, 3);
  assert.deepEqual(JSON.parse(event[0].Message), { order: '订单-42', note: 'a + b = 100%' });
  assert.equal(event[0].PublishTime, Date.parse('2024-01-01T00:00:00.123Z'));
  assert.equal(event[2].MessageTag, 'refund,urgent');
  assert.deepEqual([...new Set(losses.map((l) => l.code))].sort(), ['message-records-split', 'message-tags-joined', 'request-id-dropped']);
  // FC hands the MNS handler a Buffer; the package takes it as it is.
  const one = tb.convertEvent(Buffer.from(JSON.stringify(event[1])), { to: 'tencent-cmq' }).event;
  assert.equal(one.Records[0].CMQ.msgBody, '😀 \u0000 binary-ish \u00ff');
  const kafka = tb.convertEvent(read('aliyun-kafka/sdk-go-readme-strings.json'), { to: 'tencent-ckafka' });
  assert.equal(kafka.event.Records[0].Ckafka.offset, 3);
  assert.ok(kafka.losses.some((l) => l.code === 'message-id-dropped'));
  assert.equal(tb.convertEvent(kafka.event, { to: 'aliyun-kafka' }).event[0].data.value, kafka.event.Records[0].Ckafka.msgBody);
  assert.deepEqual(tb.validateEvent(read('tencent-ckafka/doc-two-records.json')), { format: 'tencent-ckafka', diagnostics: [] });
  assert.throws(() => tb.convertEvent(read('aliyun-rocketmq/sdk-go-readme.json'), { to: 'tencent-cmq' }), (e) => e.code === 'unsupported' && /RocketMQ/.test(e.message));
  assert.throws(() => tb.convertEvent(read('aliyun-mns/sdk-go-readme.json'), { to: 'tencent-ckafka' }), (e) => e.code === 'unsupported');
});

test('outputs are plain objects, errors are typed', () => {
  const r = tb.convertEvent(read('tencent-apigw/get-repeated-query.json'), { to: 'aliyun-http' });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(Object.getPrototypeOf(r.event.headers), Object.prototype);
  assert.ok(Array.isArray(r.losses));
  assert.equal(r.event.queryParameters.tag, 'red,blue');
  for (const [fn, args, code, p] of [
    [tb.detect, ['{"foo":1}'], 'unknown-format', ''],
    [tb.convertEvent, ['{"httpMethod":"GET","queryParameters":{}}', { to: 'tencent-url', from: 'aliyun-apigw' }], 'missing-field', '/path'],
    [tb.convertEvent, ['{"httpMethod":"GET","path":"/","queryParameters":{"a":{}}}', { to: 'tencent-url' }], 'invalid-field', '/queryParameters/a'],
    [tb.convertEvent, ['{}', { to: 'nope' }], 'usage', ''],
    [tb.convertEvent, ['{}', {}], 'usage', ''],
    [tb.convertEvent, [undefined, { to: 'tencent-url' }], 'invalid-json', ''],
    [tb.cron.convert, ['0 0 25 * * ?', { from: 'aliyun', to: 'tencent' }], 'invalid-cron', '/4'],
  ]) {
    assert.throws(() => fn(...args), (e) => {
      assert.ok(e instanceof Error && e instanceof tb.TriggerBridgeError, String(e));
      assert.equal(e.name, 'TriggerBridgeError');
      assert.equal(e.code, code, e.message);
      assert.equal(e.path, p, e.message);
      return true;
    });
  }
  const err = (() => { try { tb.convertEvent('{"httpMethod":"GET","queryParameters":{}}', { to: 'tencent-url', from: 'aliyun-apigw' }); } catch (e) { return e; } })();
  assert.equal(err.format, 'aliyun-apigw');
});

test('events from plain requests, cron and timer configs', () => {
  const r = tb.eventFromRequest({ method: 'POST', url: 'https://shop.example.com/cart?item=1&item=2', headers: new Headers({ 'content-type': 'application/json' }), body: { qty: 2 } }, { to: 'tencent-apigw' });
  assert.deepEqual(r.event.queryString, { item: ['1', '2'] });
  assert.equal(r.event.body, '{"qty":2}');
  assert.equal(r.event.headers.host, undefined);
  assert.equal(r.event.headers.Host, 'shop.example.com');
  const t = tb.cron.convert('0 0 9 * * ?', { from: 'aliyun', to: 'tencent' });
  assert.equal(t.expression, '0 0 17 * * * *');
  assert.equal(t.toZone.name, 'Asia/Shanghai');
  const e = tb.cron.explain('0 0 9 * * ?', { dialect: 'aliyun', count: 2, after: '2024-01-01T00:00:00Z' });
  assert.deepEqual(e.next, ['2024-01-01T09:00:00Z', '2024-01-02T09:00:00Z']);
  const c = tb.convertTimerConfig(read('configs/tencent-year.json'), { from: 'tencent', to: 'aliyun' });
  assert.equal(c.config.cronExpression, 'CRON_TZ=Asia/Shanghai 0 0 0 1 1 ?');
  assert.deepEqual(c.losses.map((l) => l.code), ['cron-year-dropped']);
});

test('null and undefined options mean "not given"; output json gives text', () => {
  const event = read('tencent-url/doc-post.json');
  const detected = tb.convertEvent(event, { to: 'aliyun-http' });
  assert.deepEqual(tb.convertEvent(event, { to: 'aliyun-http', from: null }), detected);
  assert.deepEqual(tb.convertEvent(event, { to: 'aliyun-http', from: undefined }), detected);
  assert.equal(detected.from, 'tencent-url');
  assert.deepEqual(tb.validateEvent(event, null), tb.validateEvent(event, { format: undefined }));
  assert.equal(typeof tb.validateEvent(event, { output: 'json' }), 'string');
  const r = tb.clientResponse(read('responses/seed-html.json'), { format: 'tencent-url' });
  assert.ok(r.body instanceof Uint8Array);
  assert.equal(r.gatewayError, null);
  assert.equal(tb.clientResponse(read('responses/binary-png.json'), { format: 'aliyun-apigw' }).bodyText, null);
});

test('an FC OSS handler\'s Buffer event becomes the COS event a Tencent handler decodes; validation finds both', () => {
  const buffer = read('aliyun-oss/records-keys-kinds.json');
  const { event, losses } = tb.convertEvent(buffer, { to: 'tencent-cos' });
  const record = event.Records[0];
  const { appid, name } = record.cos.cosBucket;
  const key = decodeURIComponent(record.cos.cosObject.key.replace(`/${appid}/${name}/`, ''));
  assert.equal(key, '2024/春节 照片/a+b 100%.jpg');
  assert.equal(record.cos.cosObject.size, 2048);
  assert.ok(losses.some((l) => l.code === 'etag-dropped'));
  assert.deepEqual(tb.convertEvent(event, { to: 'aliyun-oss' }).event.events[0].oss.object.key, key);
  assert.deepEqual(tb.validateEvent(read('tencent-cos/doc-created.json')), { format: 'tencent-cos', diagnostics: [] });
  assert.equal(tb.validateEvent(buffer, { format: 'aliyun-oss' }).format, 'aliyun-oss');
  assert.throws(() => tb.convertEvent(buffer, { to: 'aliyun-http' }), (e) => e.code === 'unsupported');
});
