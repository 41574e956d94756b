// The examples in examples/, run as they would deploy: each folder is copied into this project (where the
// packed trigger-bridge, hono and express are installed), its index.js is required, and the handler each
// platform calls (FC: `handler`, SCF: `main_handler`) is called as that platform calls it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import tb from 'trigger-bridge';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(process.env.TB_FIXTURES, '..', '..');
const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');

function load(name) {
  const dir = path.join(process.cwd(), 'examples', name);
  fs.cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true });
  for (const file of ['index.js', 'package.json']) assert.ok(fs.existsSync(path.join(dir, file)), `${name}/${file}`);
  return require(path.join(dir, 'index.js'));
}

/** What a client of `format` receives when the platform calls the example's entry for `request`. */
async function call(mod, format, request) {
  const platform = platformOf(format);
  const entry = platform === 'aliyun' ? mod.handler : mod.main_handler;
  assert.equal(typeof entry, 'function', `${platform} entry`);
  const info = tb.localContextInfo({ platform, requestId: 'req-42', functionName: 'example' });
  const context = platform === 'aliyun' ? tb.fcContext(info) : tb.scfContext(info);
  const { event } = tb.eventFromRequest({ headers: { host: 'example.com' }, ...request }, { to: format });
  const outcome = await tb.invoke(entry, event, context, { platform, timeoutMs: 10000 });
  assert.ok(outcome.ok, `${format}: ${outcome.error && outcome.error.stack}`);
  return tb.clientResponse(outcome.result, { format });
}

const quiet = (fn) => async (...args) => {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await fn(...args);
  } finally {
    console.warn = warn;
  }
};

test('scf-on-fc: Tencent\'s API Gateway handler answers on SCF natively and on both FC triggers', quiet(async () => {
  const mod = load('scf-on-fc');
  for (const format of ['tencent-apigw', 'aliyun-http', 'aliyun-apigw']) {
    const res = await call(mod, format, { url: '/hi?name=fc' });
    assert.equal(res.status, 200, format);
    assert.deepEqual(JSON.parse(res.bodyText), { hello: 'fc', path: '/hi', method: 'GET', requestId: 'req-42' }, format);
  }
  assert.match(fs.readFileSync(path.join(ROOT, 'examples/scf-on-fc/s.yaml'), 'utf8'), /handler: index\.handler/);
}));

test('fc-on-scf: FC\'s HTTP trigger handler answers on FC natively and on both SCF triggers', quiet(async () => {
  const mod = load('fc-on-scf');
  for (const format of ['aliyun-http', 'tencent-apigw', 'tencent-url']) {
    const res = await call(mod, format, { url: '/hi?name=scf' });
    assert.equal(res.status, 200, format);
    assert.deepEqual(JSON.parse(res.bodyText), { hello: 'scf', path: '/hi', method: 'GET', requestId: 'req-42' }, format);
  }
  assert.match(fs.readFileSync(path.join(ROOT, 'examples/fc-on-scf/serverless.yml'), 'utf8'), /handler: index\.main_handler/);
}));

test('hono and express answer identically on all four triggers', quiet(async () => {
  const hono = load('hono');
  const express = load('express');
  for (const format of HTTP) {
    const h = await call(hono, format, { url: '/?name=both' });
    assert.equal(h.status, 200, format);
    assert.deepEqual(JSON.parse(h.bodyText), { hello: 'both', requestId: 'req-42' }, format);
    const e = await call(express, format, { url: '/?name=both', clientIp: '203.0.113.7' });
    assert.equal(e.status, 200, format);
    assert.equal(JSON.parse(e.bodyText).hello, 'both', format);
    const created = await call(express, format, { method: 'POST', url: '/users', headers: { host: 'example.com', 'content-type': 'application/json' }, body: '{"name":"张三"}' });
    assert.equal(created.status, 201, format);
    assert.deepEqual(JSON.parse(created.bodyText), { created: { name: '张三' } }, format);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128]);
    if (format !== 'tencent-url') {
      const echoed = await call(hono, format, { method: 'POST', url: '/echo', headers: { host: 'example.com', 'content-type': 'image/png' }, body: png });
      assert.equal(Buffer.from(echoed.body).equals(png), true, `${format}: png`);
    }
    const cookies = await call(hono, format, { url: '/cookies' });
    assert.deepEqual(cookies.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v), ['a=1'], format);
  }
  for (const name of ['hono', 'express']) {
    assert.match(fs.readFileSync(path.join(ROOT, `examples/${name}/s.yaml`), 'utf8'), /handler: index\.handler/);
    assert.match(fs.readFileSync(path.join(ROOT, `examples/${name}/serverless.yml`), 'utf8'), /handler: index\.main_handler/);
  }
}));

test('oss-on-cos: FC\'s OSS handler reads the same keys and sizes on FC and behind a COS trigger on SCF', quiet(async () => {
  const mod = load('oss-on-cos');
  const description = { bucket: 'my-photos', keys: [{ key: 'photos/春节 a+b 100%.jpg', size: 2048 }, { key: 'photos/x.jpg', size: 1 }] };
  const expected = [
    { bucket: 'my-photos', key: 'photos/春节 a+b 100%.jpg', size: 2048, event: 'ObjectCreated:PutObject' },
    { bucket: 'my-photos', key: 'photos/x.jpg', size: 1, event: 'ObjectCreated:PutObject' },
  ];
  for (const [format, platform] of [['aliyun-oss', 'aliyun'], ['tencent-cos', 'tencent']]) {
    const { event } = tb.eventFromObject(description, { to: format });
    const info = tb.localContextInfo({ platform, requestId: 'req-42', functionName: 'example' });
    const context = platform === 'aliyun' ? tb.fcContext(info) : tb.scfContext(info);
    const outcome = await tb.invoke(platform === 'aliyun' ? mod.handler : mod.main_handler, event, context, { platform, timeoutMs: 10000 });
    assert.ok(outcome.ok, `${format}: ${outcome.error && outcome.error.stack}`);
    assert.deepEqual(outcome.result, { processed: expected, requestId: 'req-42' }, format);
  }
  // The deployment files: FC runs `handler` behind OSS, SCF `main_handler` behind COS.
  const yaml = fs.readFileSync(path.join(ROOT, 'examples/oss-on-cos/serverless.yml'), 'utf8');
  assert.match(yaml, /handler: index\.main_handler/);
  assert.match(fs.readFileSync(path.join(ROOT, 'examples/oss-on-cos/s.yaml'), 'utf8'), /triggerType: oss/);
}));
