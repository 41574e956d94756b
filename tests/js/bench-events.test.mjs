// bench/events.mjs, the benchmarks' event and hand-written mapping: the mapping must do what trigger-bridge
// does, or the ratios in docs/performance.md compare different work.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { convertEvent } from 'trigger-bridge';

const ROOT = path.resolve(process.env.TB_FIXTURES, '..', '..');
const { makeEvent, handwrittenObject, handwrittenText } = await import(pathToFileURL(path.join(ROOT, 'bench/events.mjs')).href);

test('makeEvent builds a valid aliyun-apigw event of the size asked, with 20 headers from 1.6 KB', () => {
  for (const size of [512, 2048, 16 * 1024, 128 * 1024, 1024 * 1024]) {
    const buffer = makeEvent(size);
    assert.ok(Buffer.isBuffer(buffer));
    assert.ok(Math.abs(buffer.length - size) <= 4, `${size}: ${buffer.length}`);
    const event = JSON.parse(buffer);
    if (size >= 1600) assert.equal(Object.keys(event.headers).length, 20);
    assert.ok(Object.keys(event.headers).length >= 5);
    const body = Buffer.from(event.body, 'base64');
    assert.equal(event.headers['Content-Length'], String(body.length));
    assert.equal(JSON.parse(body).orderId, '42');
  }
});

test('the hand-written mapping gives what convertEvent gives, as an object and as text', () => {
  for (const size of [512, 2048, 16 * 1024, 1024 * 1024]) {
    const buffer = makeEvent(size);
    assert.deepEqual(handwrittenObject(buffer), convertEvent(buffer, { to: 'tencent-apigw' }));
    assert.equal(handwrittenText(buffer), convertEvent(buffer, { to: 'tencent-apigw', output: 'json' }));
  }
});

test('the hand-written mapping reports the losses convertEvent reports, on the same pointers', () => {
  const base = JSON.parse(makeEvent(2048));
  const cases = [
    { ...base, headers: { ...base.headers, 'content-type': 'text/plain', 'set-cookie': 'a=1', 'Set-Cookie': 'b=2' } },
    { ...base, path: '/a b/100%/%2F/用户', extra: 1 },
    { ...base, body: 'not base64!' },
    { ...base, isBase64Encoded: false, body: '{"a":1}' },
    // Fields HTTP cannot carry are dropped before case-joining; Latin-1 and tabs are carried.
    {
      ...base,
      headers: {
        ...base.headers,
        'Bad Name': 'x',
        'x-crlf': 'a\r\nb',
        'x-ctl': 'a\u0001b',
        'x-wide': '用户',
        'x-latin1': 'caf\u00e9\tok',
        'a/b~c': 'd',
        'X-CRLF': 'fine',
      },
      body: 'not base64!',
      extra: true,
    },
  ];
  for (const event of cases) {
    const buffer = Buffer.from(JSON.stringify(event));
    const ours = handwrittenObject(buffer);
    const theirs = convertEvent(buffer, { to: 'tencent-apigw' });
    assert.deepEqual(ours.event, theirs.event);
    assert.deepEqual(ours.losses, theirs.losses.map(({ code, path }) => ({ code, path })));
  }
});

test('the hand-written mapping reads a 32 MB event as convertEvent does (the benchmark runs it at that size)', () => {
  const buffer = makeEvent(32 * 1024 * 1024);
  const ours = handwrittenObject(buffer);
  assert.equal(ours.event.isBase64Encoded, true);
  assert.deepEqual(ours.losses, []);
  // Not canonical base64 (a length that is no multiple of 4): passed on as text, with the loss convertEvent reports.
  const odd = Buffer.from(JSON.stringify({ ...JSON.parse(buffer), body: `${JSON.parse(buffer).body}A` }));
  const theirs = convertEvent(odd, { to: 'tencent-apigw' });
  assert.deepEqual(handwrittenObject(odd).losses, theirs.losses.map(({ code, path }) => ({ code, path })));
  assert.equal(handwrittenObject(odd).event.isBase64Encoded, theirs.event.isBase64Encoded);
});
