// Object-storage events through the packed package: events from a description (eventFromObject and the
// CLI's `event`), and handlers written for an FC OSS trigger or an SCF COS trigger run on the other cloud
// (adapt), with keys holding spaces, `+`, `%` and non-ASCII, several records, and both calling conventions.
import test from 'node:test';
import assert from 'node:assert/strict';
import tb from 'trigger-bridge';

const KEYS = ['2024/春节 照片/a+b 100%.jpg', 'tmp/old file.txt', 'docs/ünïcødé.pdf', 'plain.txt'];
const description = { bucket: 'photos', account: '1250000000', region: 'gz', time: '2024-03-01T08:00:00Z', keys: KEYS.map((key, i) => ({ key, size: 100 + i })) };
const fcContext = (requestId) => tb.fcContext(tb.localContextInfo({ platform: 'aliyun', requestId }));
const scfContext = (requestId) => tb.scfContext(tb.localContextInfo({ platform: 'tencent', requestId }));

/** What an SCF COS handler does with `cosObject.key`, as public handlers do: cut the prefix, decode. */
const cosKey = (record) => decodeURIComponent(record.cos.cosObject.key.replace(`/${record.cos.cosBucket.appid}/${record.cos.cosBucket.name}/`, ''));

test('eventFromObject builds each platform\'s event, keys encoded as it encodes them', () => {
  const cos = tb.eventFromObject(description, { to: 'tencent-cos' });
  assert.deepEqual([cos.from, cos.to, cos.losses], [null, 'tencent-cos', []]);
  assert.deepEqual(cos.event.Records.map(cosKey), KEYS);
  assert.equal(cos.event.Records[0].cos.cosObject.key, '/1250000000/photos/2024/%E6%98%A5%E8%8A%82%20%E7%85%A7%E7%89%87/a%2Bb%20100%25.jpg');
  assert.deepEqual(cos.event.Records.map((r) => [r.event.eventName, r.event.eventTime, r.cos.cosObject.size]), KEYS.map((_, i) => ['cos:ObjectCreated:Put', 1709280000, 100 + i]));
  assert.equal(tb.detect(cos.event), 'tencent-cos');
  assert.equal(tb.validateEvent(cos.event).diagnostics.filter((d) => d.severity === 'error').length, 0);

  const oss = tb.eventFromObject({ ...description, event: 'removed', etag: 'E', time: new Date(Date.UTC(2024, 2, 1, 8)) }, { to: 'aliyun-oss' });
  assert.deepEqual(oss.event.events.map((e) => [e.eventName, e.oss.object.key, e.oss.object.eTag, e.eventTime]), KEYS.map((k) => ['ObjectRemoved:DeleteObject', k, 'E', '2024-03-01T08:00:00.000Z']));
  assert.equal(tb.detect(Buffer.from(JSON.stringify(oss.event))), 'aliyun-oss');

  // What the target cannot carry is a loss at the description's field.
  const lossy = tb.eventFromObject({ bucket: 'b', key: 'k', etag: 'E', event: 'modified' }, { to: 'tencent-cos' });
  assert.deepEqual(lossy.losses.map((l) => [l.code, l.path]).sort(), [['etag-dropped', '/etag'], ['object-event-approximated', '/event']]);
  assert.equal(typeof tb.eventFromObject({ bucket: 'b', key: 'k' }, { to: 'aliyun-oss', output: 'json' }), 'string');

  for (const [bad, code, path] of [
    [{ key: 'k' }, 'invalid-request', '/bucket'],
    [{ bucket: 'b' }, 'invalid-request', '/key'],
    [{ bucket: 'b', key: 'k', size: -1 }, 'invalid-request', '/size'],
    [{ bucket: 'b', key: 'k', colour: 'red' }, 'invalid-request', '/colour'],
    [{ bucket: 'b', key: 'k', event: 'cos:ObjectRestore:Post' }, 'unsupported', '/event'],
  ]) {
    assert.throws(() => tb.eventFromObject(bad, { to: bad.event ? 'aliyun-oss' : 'tencent-cos' }), (e) => e instanceof tb.TriggerBridgeError && e.code === code && e.path === path, JSON.stringify(bad));
  }
  assert.throws(() => tb.eventFromObject({ bucket: 'b', key: 'k' }, { to: 'aliyun-http' }), { code: 'unsupported' });
  assert.throws(() => tb.eventFromObject({ bucket: 'b', key: 'k' }), { code: 'usage' });
  assert.throws(() => tb.eventFromObject(null, { to: 'aliyun-oss' }), { code: 'invalid-request' });

  const cli = tb.runCli(['event', '--to', 'tencent-cos', '--bucket', 'photos', '--account', '1250000000', '--key', KEYS[0], '--size', '5']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(cosKey(JSON.parse(cli.stdoutText).Records[0]), KEYS[0]);
});

test('adapt: an FC OSS handler runs unchanged behind a COS trigger, every record, both conventions', async () => {
  const { event } = tb.eventFromObject(description, { to: 'tencent-cos' });
  const seen = [];
  const callbackStyle = (ev, context, callback) => {
    assert.ok(Buffer.isBuffer(ev), 'FC hands a Buffer');
    const { events } = JSON.parse(ev.toString());
    seen.push(context.requestId);
    setImmediate(() => callback(null, events.map((e) => [e.oss.object.key, e.oss.object.size, e.oss.bucket.name, e.eventName])));
  };
  const asyncStyle = async (ev) => JSON.parse(ev.toString()).events.map((e) => [e.oss.object.key, e.oss.object.size, e.oss.bucket.name, e.eventName]);
  const expected = KEYS.map((k, i) => [k, 100 + i, 'photos', 'ObjectCreated:PutObject']);
  for (const handler of [callbackStyle, asyncStyle]) {
    const adapted = tb.adapt(handler, { as: 'aliyun-oss', onLoss: () => assert.fail('nothing is lost') });
    assert.deepEqual(await adapted(event, scfContext('scf-1')), expected, handler.name);
  }
  assert.deepEqual(seen, ['scf-1']);
  // On FC itself (its own format) the event passes through as it is.
  const fcEvent = Buffer.from(JSON.stringify(tb.eventFromObject(description, { to: 'aliyun-oss' }).event));
  assert.deepEqual(await tb.adapt(asyncStyle, { as: 'aliyun-oss' })(fcEvent, fcContext('fc-0')), expected);
  // A throw is the platform's failed invocation, as at home.
  await assert.rejects(tb.adapt(async () => { throw new Error('nope'); }, { as: 'aliyun-oss' })(event, scfContext('x')), /nope/);
});

test('adapt: an SCF COS handler runs on FC behind an OSS trigger, with the prefix and escapes it expects', async () => {
  const fcEvent = Buffer.from(JSON.stringify(tb.eventFromObject({ ...description, account: '1234567890123456', region: 'cn-hangzhou', etag: 'E' }, { to: 'aliyun-oss' }).event));
  const losses = [];
  const handler = tb.adapt(async (event, context) => {
    assert.ok(!Buffer.isBuffer(event) && Array.isArray(event.Records), 'SCF hands an object');
    return { keys: event.Records.map(cosKey), sizes: event.Records.map((r) => r.cos.cosObject.size), id: context.request_id };
  }, { as: 'tencent-cos', onLoss: (l) => losses.push(l.code) });
  const legacy = [];
  // FC before Node 18 reads the callback; the adapted handler calls it as well when asked to.
  const viaCallback = tb.adapt(async (event) => event.Records.length, { as: 'tencent-cos', callback: true, onLoss: () => {} });
  assert.deepEqual(await handler(fcEvent, fcContext('fc-7')), { keys: KEYS, sizes: [100, 101, 102, 103], id: 'fc-7' });
  assert.ok(losses.includes('etag-dropped'), losses.join());
  assert.equal(await viaCallback(fcEvent, fcContext('fc-8'), (err, result) => legacy.push([err, result])), 4);
  assert.deepEqual(legacy, [[null, 4]]);
});

test('convertTrigger: an FC OSS trigger becomes COS entries (one per event type) and back, through the tools module', () => {
  const oss = { triggerName: 'uploads', triggerType: 'oss', sourceArn: 'acs:oss:cn-hangzhou:1234567890123456:photos', triggerConfig: { events: ['oss:ObjectCreated:PutObject', 'oss:ObjectRemoved:*'], filter: { key: { prefix: 'src/', suffix: '.png' } } } };
  const cos = tb.convertTrigger(oss, { to: 'tencent' });
  assert.deepEqual([cos.from, cos.to], ['aliyun-oss', 'tencent-cos']);
  assert.deepEqual(cos.config.map((e) => [e.cos.name, e.cos.parameters.events, e.cos.parameters.bucket, e.cos.parameters.filter.prefix]), [
    ['uploads', 'cos:ObjectCreated:Put', 'photos-1234567890123456.cos.cn-hangzhou.myqcloud.com', 'src/'],
    ['uploads-2', 'cos:ObjectRemove:*', 'photos-1234567890123456.cos.cn-hangzhou.myqcloud.com', 'src/'],
  ]);
  assert.deepEqual(cos.losses.map((l) => [l.code, l.path]), [['trigger-source-foreign', '/sourceArn']]);
  const back = tb.convertTrigger(cos.config, { to: 'aliyun' });
  assert.deepEqual(back.config, { ...oss, triggerConfig: { ...oss.triggerConfig } });
  assert.throws(() => tb.convertTrigger({ cos: { parameters: { bucket: 'b', events: 'cos:ObjectRestore:Post' } } }, { to: 'aliyun' }), { code: 'unsupported', path: '/cos/parameters/events' });
});
