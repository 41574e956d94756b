// Calling conventions (invoke) and context mapping (contextFor, normalizeContext), through the installed package.
import test from 'node:test';
import assert from 'node:assert/strict';
import tb, { invoke, contextFor, normalizeContext, fcContext, scfContext, localContextInfo } from 'trigger-bridge';

const collect = () => {
  const seen = [];
  return { seen, onLate: (w) => seen.push(w.code) };
};

test('FC hands a Buffer of JSON, SCF an object, whatever form the event is given in', async () => {
  for (const event of [{ a: 1 }, '{"a":1}', new TextEncoder().encode('{"a":1}'), Buffer.from('{"a":1}')]) {
    const fc = await invoke((e, c, cb) => cb(null, [Buffer.isBuffer(e), e.toString()]), event, {}, { platform: 'aliyun' });
    assert.deepEqual(fc, { ok: true, result: [true, '{"a":1}'], via: 'callback', warnings: [] });
    const scf = await invoke(async (e) => e, event, {}, { platform: 'tencent' });
    assert.deepEqual(scf.result, { a: 1 });
    assert.equal(scf.via, 'promise');
  }
  // Not JSON: SCF gets the text.
  assert.equal((await invoke(async (e) => e, 'plain', {}, { platform: 'tencent' })).result, 'plain');
  assert.equal(tb.invoke, invoke);
});

test('the first answer wins; later ones are reported, never fatal', async () => {
  let late = collect();
  let out = await invoke((e, c, cb) => {
    cb(null, 1);
    cb(null, 2);
    cb(new Error('3'));
  }, {}, {}, { platform: 'aliyun', onLate: late.onLate });
  assert.equal(out.result, 1);
  assert.deepEqual(late.seen, ['second-callback', 'second-callback']);

  late = collect();
  out = await invoke(async (e, c, cb) => {
    setTimeout(() => cb(null, 'late'), 1);
    return 'promise';
  }, {}, {}, { platform: 'tencent', onLate: late.onLate });
  assert.equal(out.result, 'promise');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(late.seen, ['callback-after-promise']);

  late = collect();
  out = await invoke(async (e, c, cb) => {
    cb(null, 'callback');
    await null;
    throw new Error('after');
  }, {}, {}, { platform: 'tencent', onLate: late.onLate });
  assert.deepEqual([out.ok, out.result, out.via], [true, 'callback', 'callback']);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(late.seen, ['late-rejection']);

  // A hook that throws changes nothing.
  out = await invoke((e, c, cb) => {
    cb(null, 1);
    cb(null, 2);
  }, {}, {}, { platform: 'aliyun', onLate: () => { throw new Error('hook'); } });
  assert.equal(out.result, 1);
});

test('an async handler that declares a callback and resolves undefined is answered by its callback', async () => {
  const out = await invoke(async (e, c, cb) => {
    setTimeout(() => cb(null, 'cb'), 2);
  }, {}, {}, { platform: 'tencent', timeoutMs: 1000 });
  assert.deepEqual([out.ok, out.result, out.via], [true, 'cb', 'callback']);
  // Without a callback parameter, undefined is the answer.
  const plain = await invoke(async () => undefined, {}, {}, { platform: 'tencent', timeoutMs: 1000 });
  assert.deepEqual([plain.ok, plain.result, plain.via], [true, undefined, 'promise']);
});

test('sync returns: an answer without a callback parameter, ignored (with a warning) with one', async () => {
  assert.deepEqual(await invoke(() => 7, {}, {}, { platform: 'aliyun' }), { ok: true, result: 7, via: 'return', warnings: [] });
  const out = await invoke((e, c, cb) => {
    setTimeout(() => cb(null, 8), 1);
    return 'ignored';
  }, {}, {}, { platform: 'aliyun' });
  assert.equal(out.result, 8);
  assert.deepEqual(out.warnings.map((w) => w.code), ['sync-return-ignored']);
});

test('failures are typed outcomes', async () => {
  const boom = new Error('boom');
  let out = await invoke(() => {
    throw boom;
  }, {}, {}, { platform: 'aliyun' });
  assert.deepEqual([out.ok, out.kind, out.error], [false, 'threw', boom]);
  out = await invoke(async () => {
    throw boom;
  }, {}, {}, { platform: 'tencent' });
  assert.deepEqual([out.ok, out.kind, out.error], [false, 'rejected', boom]);
  out = await invoke((e, c, cb) => cb('bad'), {}, {}, { platform: 'tencent' });
  assert.deepEqual([out.ok, out.kind, out.error], [false, 'callback-error', 'bad']);
  out = await invoke(42, {}, {}, { platform: 'tencent' });
  assert.deepEqual([out.ok, out.kind], [false, 'not-a-function']);
  const late = collect();
  const started = Date.now();
  out = await invoke((e, c, cb) => setTimeout(() => cb(null, 'late'), 60), {}, {}, { platform: 'aliyun', timeoutMs: 10, onLate: late.onLate });
  assert.deepEqual([out.ok, out.kind, out.error.code], [false, 'timeout', 'timeout']);
  assert.ok(Date.now() - started < 55);
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(late.seen, ['late-answer']);
});

test('an FC context becomes the SCF context and back, field by field', () => {
  const fc = {
    requestId: 'req-1',
    credentials: { accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: 'TOKEN' },
    function: { name: 'fn', handler: 'index.handler', memory: 512, timeout: 30 },
    service: { logProject: '', logStore: '', qualifier: 'LATEST', versionId: '' },
    region: 'cn-shanghai',
    accountId: '123',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
  const before = Date.now();
  const scf = contextFor(fc, 'tencent');
  assert.equal(scf.request_id, 'req-1');
  assert.equal(scf.function_name, 'fn');
  assert.equal(scf.memory_limit_in_mb, 512);
  assert.equal(scf.time_limit_in_ms, 30000);
  assert.equal(scf.function_version, '$LATEST');
  assert.equal(scf.tencentcloud_region, 'cn-shanghai');
  assert.equal(scf.tencentcloud_uin, '123');
  assert.equal(typeof scf.environment, 'string');
  const env = JSON.parse(scf.environment);
  assert.deepEqual([env.TENCENTCLOUD_SECRETID, env.TENCENTCLOUD_SECRETKEY, env.TENCENTCLOUD_SESSIONTOKEN], ['AK', 'SK', 'TOKEN']);
  const left = scf.getRemainingTimeInMillis();
  assert.ok(left <= 30000 && left >= 30000 - (Date.now() - before) - 50, String(left));

  const back = contextFor(scf, 'aliyun');
  assert.equal(back.requestId, 'req-1');
  assert.deepEqual(back.credentials, fc.credentials);
  assert.deepEqual([back.function.name, back.function.memory, back.function.timeout], ['fn', 512, 30]);
  assert.equal(back.service.qualifier, 'LATEST');
  assert.deepEqual([back.region, back.accountId], ['cn-shanghai', '123']);
  for (const level of ['debug', 'info', 'warn', 'error']) assert.equal(typeof back.logger[level], 'function');
  // Already that platform's: unchanged.
  assert.equal(contextFor(fc, 'aliyun'), fc);
});

test('normalised context: both platforms read the same; no role means null credentials', () => {
  const scf = normalizeContext({ request_id: 'r', function_name: 'f', memory_limit_in_mb: 256, time_limit_in_ms: 3000, environment: '{"SCF_NAMESPACE":"default"}', tencentcloud_region: 'ap-beijing', getRemainingTimeInMillis: () => 1234 });
  assert.deepEqual([scf.platform, scf.requestId, scf.functionName, scf.memoryMb, scf.timeoutMs, scf.region, scf.credentials, scf.namespace], ['tencent', 'r', 'f', 256, 3000, 'ap-beijing', null, 'default']);
  assert.ok(Math.abs(scf.deadline - (Date.now() + 1234)) < 50);
  assert.ok(scf.remainingTimeMs() <= 1234);
  // Some typings hand `environment` as an object: read both.
  assert.equal(normalizeContext({ request_id: 'r', environment: { TENCENTCLOUD_SECRETID: 'id' } }).credentials.accessKeyId, 'id');
  const fc = normalizeContext({ requestId: 'r', credentials: {}, function: { name: 'f', memory: 256, timeout: 3 }, region: 'cn-hangzhou' });
  assert.deepEqual([fc.platform, fc.requestId, fc.functionName, fc.memoryMb, fc.timeoutMs, fc.credentials], ['aliyun', 'r', 'f', 256, 3000, null]);
  assert.equal(fcContext(fc).credentials && Object.keys(fcContext(fc).credentials).length, 0);
  assert.equal(JSON.parse(scfContext(fc).environment).TENCENTCLOUD_SECRETID, undefined);
  // Garbage in: nulls out, never a throw.
  const none = normalizeContext(null);
  assert.deepEqual([none.platform, none.requestId, none.deadline, none.remainingTimeMs()], ['unknown', null, null, null]);
  assert.equal(normalizeContext(fc), fc);
});

test('local contexts carry placeholder credentials unless given', () => {
  const a = localContextInfo({ platform: 'aliyun', functionName: 'api' });
  assert.match(a.requestId, /[0-9a-f-]{8,}/);
  assert.notEqual(localContextInfo().requestId, a.requestId);
  assert.match(a.credentials.accessKeyId, /PLACEHOLDER/);
  assert.equal(fcContext(a).function.name, 'api');
  assert.equal(localContextInfo({ credentials: null }).credentials, null);
  const t = scfContext(localContextInfo({ platform: 'tencent', credentials: { accessKeyId: 'x', accessKeySecret: 'y', securityToken: 'z' }, timeoutMs: 5000 }));
  assert.equal(JSON.parse(t.environment).TENCENTCLOUD_SESSIONTOKEN, 'z');
  assert.equal(t.time_limit_in_ms, 5000);
  assert.equal(t.function_version, '$LATEST');
});
