// No input can stop the next call from working: each hostile input gets a clean TriggerBridgeError or a
// correct result, and a valid call succeeds right after.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import tb from 'trigger-bridge';

const require = createRequire(import.meta.url);
const valid = { httpMethod: 'GET', path: '/ok', queryParameters: { a: '1' }, headers: {}, body: '', isBase64Encoded: false };

function stillWorks() {
  const r = tb.convertEvent(valid, { to: 'tencent-url' });
  assert.equal(r.event.path, '/ok');
  assert.deepEqual(r.event.queryString, { a: '1' });
}

function cleanErrorOrResult(fn) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof tb.TriggerBridgeError, `not a TriggerBridgeError: ${e && e.stack}`);
    assert.equal(typeof e.code, 'string');
    return e;
  } finally {
    stillWorks();
  }
}

test('a million levels of nesting, as text and as an object', () => {
  const depth = 1_000_000;
  const text = '['.repeat(depth) + ']'.repeat(depth);
  assert.equal(cleanErrorOrResult(() => tb.convertEvent(text, { to: 'tencent-url' })).code, 'too-deep');
  const objText = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  assert.equal(cleanErrorOrResult(() => tb.detect(objText)).code, 'too-deep');
  let deep = {};
  const root = deep;
  for (let i = 0; i < depth; i++) deep = deep.a = {};
  const e = cleanErrorOrResult(() => tb.convertEvent(root, { to: 'tencent-url' }));
  assert.ok(['too-deep', 'unknown-format'].includes(e.code), e.code);
  const moderate = { ...valid, extra: JSON.parse('['.repeat(200) + ']'.repeat(200)) };
  assert.equal(cleanErrorOrResult(() => tb.convertEvent(moderate, { to: 'tencent-url' })).code, 'too-deep');
});

test('__proto__, constructor and prototype keys stay own data', () => {
  const event = JSON.parse('{"httpMethod":"GET","path":"/","queryParameters":{"__proto__":"x","constructor":"y","prototype":"z"},"headers":{"__proto__":"h"},"__proto__":{"polluted":true}}');
  const r = tb.convertEvent(event, { to: 'tencent-apigw' });
  assert.equal(Object.getPrototypeOf(r.event.queryString), Object.prototype);
  assert.ok(Object.hasOwn(r.event.queryString, '__proto__'));
  assert.equal(r.event.queryString.__proto__, 'x');
  assert.equal(r.event.queryString.constructor, 'y');
  assert.equal(r.event.headers.__proto__, 'h');
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  const back = tb.convertEvent(r.event, { to: 'aliyun-apigw' });
  assert.equal(Object.getOwnPropertyDescriptor(back.event.queryParameters, '__proto__').value, 'x');
});

test('inherited properties, getters and proxies', () => {
  const inherited = Object.create({ httpMethod: 'DELETE', path: '/inherited' });
  inherited.queryParameters = {};
  assert.equal(cleanErrorOrResult(() => tb.convertEvent(inherited, { to: 'tencent-url' })).code, 'unknown-format');
  const getter = { ...valid, get path() { return '/from-getter'; } };
  assert.equal(tb.convertEvent(getter, { to: 'tencent-url' }).event.path, '/from-getter');
  const throwing = { ...valid, get headers() { throw new Error('boom'); } };
  assert.equal(cleanErrorOrResult(() => tb.convertEvent(throwing, { to: 'tencent-url' })).code, 'invalid-json');
  const proxy = new Proxy(valid, { get: (t, k) => (k === 'path' ? '/proxied' : t[k]) });
  assert.equal(tb.convertEvent(proxy, { to: 'tencent-url' }).event.path, '/proxied');
  const hostile = new Proxy({}, { ownKeys() { throw new Error('no keys'); } });
  cleanErrorOrResult(() => tb.convertEvent(hostile, { to: 'tencent-url' }));
  const cyclic = { ...valid };
  cyclic.self = cyclic;
  assert.equal(cleanErrorOrResult(() => tb.convertEvent(cyclic, { to: 'tencent-url' })).code, 'invalid-json');
});

test('lone surrogates, duplicate keys, bad UTF-8, huge strings', () => {
  const lone = { ...valid, path: '/\ud800x' };
  const r = cleanErrorOrResult(() => tb.convertEvent(lone, { to: 'tencent-url' }));
  if (!(r instanceof Error)) assert.equal(typeof r.event.path, 'string');
  const dup = tb.convertEvent('{"httpMethod":"GET","path":"/first","path":"/second","queryParameters":{}}', { to: 'tencent-url' });
  assert.equal(dup.event.path, '/second');
  assert.equal(cleanErrorOrResult(() => tb.detect(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).code, 'invalid-json');
  const huge = { ...valid, headers: { 'X-Big': 'x'.repeat(20 * 1024 * 1024) } };
  assert.equal(tb.convertEvent(huge, { to: 'aliyun-http' }).event.headers['X-Big'].length, 20 * 1024 * 1024);
  for (const junk of ['', 'null', '1', '"str"', '[]', 'nul', '{"a":1e999999}', '\u0000']) cleanErrorOrResult(() => tb.convertEvent(junk, { to: 'tencent-url' }));
});

test('thousands of failing calls in a row', () => {
  for (let i = 0; i < 5000; i++) {
    try {
      tb.convertEvent(`{"httpMethod":${i}`, { to: 'tencent-url' });
      assert.fail('should throw');
    } catch (e) {
      assert.equal(e.code, 'invalid-json');
    }
  }
  stillWorks();
});

test('a trap inside wasm is survived: the module is re-instantiated', () => {
  const dir = path.dirname(require.resolve('trigger-bridge'));
  const binding = require(path.join(dir, 'gen/trigger_bridge_core.cjs'));
  const original = binding.detect;
  const before = tb.instances;
  binding.detect = () => binding.__trap();
  try {
    assert.throws(() => tb.detect('{}'), (e) => e instanceof tb.TriggerBridgeError && e.code === 'internal');
  } finally {
    binding.detect = original;
  }
  assert.equal(tb.instances, before + 1);
  stillWorks();
  assert.equal(tb.detect('{"triggerTime":"x","triggerName":"y"}'), 'aliyun-timer');
});

test('JavaScript that throws inside a wasm call (a hostile setter on Object.prototype) leaves a fresh instance', async () => {
  // The request parts are built in wasm through property assignments, which run an inherited setter. Its
  // exception unwinds the wasm frames without Rust's clean-up, so the module must not be trusted after it.
  const event = tb.eventFromRequest({ method: 'POST', url: 'https://example.com/a?x=1', headers: { 'content-type': 'text/plain' }, body: 'hi' }, { to: 'aliyun-http' }).event;
  const before = tb.instances;
  Object.defineProperty(Object.prototype, 'requestId', {
    configurable: true,
    set() {
      throw new Error('hostile setter');
    },
  });
  try {
    assert.throws(() => tb.toRequest(event), (e) => e instanceof tb.TriggerBridgeError && e.code === 'internal' && /hostile setter/.test(e.message));
  } finally {
    delete Object.prototype.requestId;
  }
  assert.equal(tb.instances, before + 1);
  // The next calls work, the parts as well as a conversion, many times over (the per-call region is emptied
  // after each of them again).
  for (let i = 0; i < 200; i++) {
    const { request, info } = tb.toRequest(event);
    assert.equal(request.url, 'https://example.com/a?x=1');
    assert.equal(info.format, 'aliyun-http');
    assert.equal(await request.text(), 'hi');
  }
  stillWorks();
  assert.equal(tb.instances, before + 1);
});

test('a 32 MB body converts in about one copy of memory, which is handed back afterwards', () => {
  // Catch the instance that will do the work, to read how far its memory grew (wasm memory never shrinks).
  const created = [];
  const Original = WebAssembly.Instance;
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Original(module, imports);
    created.push(instance);
    return instance;
  };
  try {
    const dir = path.dirname(require.resolve('trigger-bridge'));
    require(path.join(dir, 'gen/trigger_bridge_core.cjs')).__wbg_reset_state();
  } finally {
    WebAssembly.Instance = Original;
  }
  const worker = created[0];
  const body = new Uint8Array(32 * 1024 * 1024);
  for (let i = 0; i < body.length; i += 4096) body[i] = i % 251;
  const event = { ...valid, httpMethod: 'POST', body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
  const json = JSON.stringify(event);
  const before = tb.instances;
  const r = tb.convertEvent(json, { to: 'tencent-apigw', output: 'json' });
  const out = JSON.parse(r);
  assert.equal(out.event.isBase64Encoded, true);
  assert.equal(Buffer.from(out.event.body, 'base64').equals(Buffer.from(body)), true);
  const peak = worker.exports.memory.buffer.byteLength;
  assert.ok(peak < 1.25 * json.length, `wasm memory grew to ${(peak / 2 ** 20).toFixed(1)} MB for ${(json.length / 2 ** 20).toFixed(1)} MB of JSON`);
  assert.equal(tb.instances, before + 1, 'large input re-instantiates the module');
  stillWorks();
});
