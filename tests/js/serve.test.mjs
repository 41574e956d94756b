// `npx trigger-bridge serve` from the installed package: real servers on port 0, real HTTP through fetch.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tb from 'trigger-bridge';

const bin = path.resolve('node_modules/trigger-bridge/cli.cjs');
const examples = path.resolve(process.env.TB_FIXTURES || 'tests/fixtures', '../../examples');
const running = new Set();

/** A fresh folder holding `files` ({name: text}), or a copy of an example folder. */
function project(files, from) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-serve-'));
  if (from) fs.cpSync(from, dir, { recursive: true });
  for (const [name, text] of Object.entries(files || {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Start `serve` in `cwd`; resolves once every gateway printed its URL. */
function start(args, cwd, gateways = 1) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const s = { child, log: '', stdout: '', urls: {} };
  const waiters = [];
  const check = () => {
    for (const w of [...waiters]) if (w.re.test(w.from === 'stdout' ? s.stdout : s.log)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  child.stdout.on('data', (d) => { s.stdout += d; check(); });
  child.stderr.on('data', (d) => {
    s.log += d;
    for (const m of String(d).matchAll(/^(\S+) gateway: (http:\/\/\S+)/gm)) s.urls[m[1]] = m[2];
    check();
  });
  s.waitFor = (re, from = 'log', ms = 8000) => new Promise((resolve, reject) => {
    const w = { re, from, resolve };
    waiters.push(w);
    check();
    setTimeout(() => reject(new Error(`timed out waiting for ${re}; log:\n${s.log}\nstdout:\n${s.stdout}`)), ms).unref();
  });
  s.stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill();
    running.delete(child);
  });
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited ${code}:\n${s.log}`)));
    const poll = setInterval(() => {
      if (Object.keys(s.urls).length >= gateways) { clearInterval(poll); resolve(s); }
    }, 20);
  });
  return ready;
}

test.after(() => {
  for (const child of running) child.kill();
});

// Answers with the event it received (parsed from FC's Buffer or SCF's object), and acts on the path.
const ECHO = `
const parse = (e) => (Buffer.isBuffer(e) ? JSON.parse(e.toString()) : e);
const pathOf = (e) => e.rawPath || e.path || (e.requestContext && e.requestContext.path) || '/';
module.exports.main_handler = module.exports.handler = async (raw, context, callback) => {
  const event = parse(raw);
  const p = pathOf(event);
  if (p === '/malformed') return { statusCode: 99, body: '' };
  if (p === '/throw') throw new RangeError('out of range');
  if (p === '/never') return new Promise(() => {});
  if (p === '/wait') await new Promise((r) => setTimeout(r, 300));
  if (p === '/twice' && callback) { callback(null, { statusCode: 200, body: 'first' }); callback(null, { statusCode: 500, body: 'second' }); return; }
  if (p === '/cookies') return { statusCode: 200, headers: { 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'], 'Content-Type': 'text/plain' }, body: 'two cookies' };
  if (p === '/binary') {
    const body = event.isBase64Encoded === true || event.isBase64Encoded === 'true' ? event.body : Buffer.from(event.body).toString('base64');
    return { isBase64Encoded: true, statusCode: 200, headers: { 'Content-Type': 'application/octet-stream' }, body };
  }
  const ctx = { requestId: context.requestId || context.request_id, credentials: context.credentials || JSON.parse(context.environment || '{}') };
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ event, context: ctx }) };
};
`;

const FORMATS = ['aliyun-http', 'aliyun-apigw', 'tencent-apigw', 'tencent-url'];

test('every format: the event of that format reaches the handler, the answer reaches the caller', async () => {
  const dir = project({ 'index.js': ECHO });
  const s = await start(FORMATS.flatMap((f) => ['--as', f]), dir, 4);
  try {
    for (const format of FORMATS) {
      const res = await fetch(`${s.urls[format]}/users/42?tag=a&tag=b`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"张三"}' });
      assert.equal(res.status, 200, format);
      const { event, context } = await res.json();
      assert.equal(tb.detect(event), format);
      assert.deepEqual(tb.validateEvent(event, { format }).diagnostics.filter((d) => d.severity === 'error'), [], format);
      assert.equal(typeof context.requestId, 'string');
      const back = tb.convertEvent(event, { to: 'aliyun-http' }).event;
      assert.equal(back.rawPath, '/users/42', format);
      const body = back.isBase64Encoded ? Buffer.from(back.body, 'base64').toString() : back.body;
      assert.equal(body, '{"name":"张三"}', format);
    }
    await s.waitFor(/tencent-url POST \/users\/42 → 200/);
  } finally {
    await s.stop();
  }
});

test('a binary body both ways, several Set-Cookie, concurrent requests', async () => {
  const dir = project({ 'index.js': ECHO });
  const s = await start(['--as', 'aliyun-http', '--as', 'aliyun-apigw', '--as', 'tencent-apigw'], dir, 3);
  try {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
    for (const format of ['aliyun-http', 'aliyun-apigw', 'tencent-apigw']) {
      const res = await fetch(`${s.urls[format]}/binary`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
      assert.equal(res.status, 200, format);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), png, format);
      const cookies = await fetch(`${s.urls[format]}/cookies`);
      assert.deepEqual(cookies.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/'], format);
    }
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${s.urls['tencent-apigw']}/wait`).then((r) => r.json())));
    assert.ok(Date.now() - started < 1500, 'six 300 ms requests were served concurrently');
    assert.equal(new Set(answers.map((a) => a.context.requestId)).size, 6, 'each request has its own context');
  } finally {
    await s.stop();
  }
});

test('a malformed result: 403 on Tencent, 502 on Alibaba; a throw; a timeout; malformed HTTP gets 400', async () => {
  const dir = project({ 'index.js': ECHO });
  const s = await start(['--as', 'tencent-apigw', '--as', 'aliyun-http', '--timeout', '1'], dir, 2);
  try {
    const t = await fetch(`${s.urls['tencent-apigw']}/malformed`);
    assert.equal(t.status, 403);
    assert.deepEqual(await t.json(), { errno: 403, error: 'Invalid scf response format. please check your scf response format.' });
    const a = await fetch(`${s.urls['aliyun-http']}/malformed`);
    assert.equal(a.status, 502);

    const thrownT = await fetch(`${s.urls['tencent-apigw']}/throw`);
    assert.equal(thrownT.status, 430);
    const thrownA = await fetch(`${s.urls['aliyun-http']}/throw`);
    assert.equal(thrownA.status, 502);
    assert.equal(thrownA.headers.get('x-fc-error-type'), 'UnhandledInvocationError');
    const body = await thrownA.json();
    assert.equal(body.errorType, 'RangeError');
    assert.equal(body.errorMessage, 'out of range');

    const slowT = await fetch(`${s.urls['tencent-apigw']}/never`);
    assert.equal(slowT.status, 433);
    const slowA = await fetch(`${s.urls['aliyun-http']}/never`);
    assert.equal(slowA.status, 502);
    assert.equal((await slowA.json()).errorType, 'FunctionTimeout');
    await s.waitFor(/aliyun-http GET \/never → 502 \d+ ms the function did not answer within 1000 ms/);

    const twice = await fetch(`${s.urls['tencent-apigw']}/twice`);
    assert.equal(await twice.text(), 'first');
    await s.waitFor(/second-callback/);

    // Request limits, answered before the function runs: FC's 4 KB path and query, SCF's 6 MB event.
    const long = await fetch(`${s.urls['aliyun-http']}/${'a'.repeat(5000)}`);
    assert.equal(long.status, 400);
    assert.equal((await long.json()).ErrorCode, 'InvalidArgument');
    const big = await fetch(`${s.urls['tencent-apigw']}/upload`, { method: 'POST', body: Buffer.alloc(6 * 1024 * 1024 + 10, 97) });
    assert.equal(big.status, 406);

    const raw = await new Promise((resolve) => {
      const u = new URL(s.urls['aliyun-http']);
      const socket = net.connect(Number(u.port), u.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let got = '';
      socket.on('data', (d) => { got += d; });
      socket.on('close', () => resolve(got));
    });
    assert.match(raw, /^HTTP\/1\.1 400/);
    assert.equal((await fetch(`${s.urls['aliyun-http']}/ok`)).status, 200, 'the server survived all of it');
  } finally {
    await s.stop();
  }
});

test('--watch reloads the handler without a restart; --record writes what Play back opens', async () => {
  const dir = project({ 'index.js': 'exports.main_handler = async () => ({ statusCode: 200, body: "v1" });\n' });
  const s = await start(['--as', 'tencent-url', '--watch', '--record', 'session.jsonl'], dir);
  try {
    assert.equal(await (await fetch(`${s.urls['tencent-url']}/`)).text(), 'v1');
    await new Promise((r) => setTimeout(r, 100));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.main_handler = async () => ({ statusCode: 201, body: "v2" });\n');
    await s.waitFor(/reloaded index\.js#main_handler/);
    const res = await fetch(`${s.urls['tencent-url']}/again`);
    assert.equal((await res.text()), 'v2');
    assert.equal(res.status, 201);
    const lines = fs.readFileSync(path.join(dir, 'session.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.equal(tb.detect(line.event), 'tencent-url');
      assert.equal(tb.clientResponse(line.response, { format: 'tencent-url' }).status, line.status);
    }
    assert.equal(lines[1].response.body, 'v2');
  } finally {
    await s.stop();
  }
});

test('a timer fires on its schedule and on demand', async () => {
  const dir = project({ 'index.js': 'exports.handler = async (event) => { console.log("TIMER " + event.toString()); return "ok"; };\n' });
  const s = await start(['--as', 'aliyun-http', '--timer', '*/1 * * * * *', '--payload', 'hello'], dir);
  try {
    await s.waitFor(/timer timer-1 \(schedule [^)]+\) → ok/);
    await s.waitFor(/TIMER \{"triggerTime":"[^"]+","triggerName":"timer-1","payload":"hello"\}/, 'stdout');
    const fired = await (await fetch(`${s.urls['aliyun-http']}/__trigger-bridge/timers/timer-1`, { method: 'POST' })).json();
    assert.equal(fired.fired.length, 1);
    assert.equal(fired.fired[0].ok, true);
    assert.equal(tb.detect(fired.fired[0].event), 'aliyun-timer');
    assert.equal((await fetch(`${s.urls['aliyun-http']}/__trigger-bridge/timers/nope`, { method: 'POST' })).status, 404);
  } finally {
    await s.stop();
  }
});

test('an s.yaml sample: handler, methods and timer from the configuration', async () => {
  const dir = project({}, path.join(examples, 'serve-fc'));
  const s = await start([], dir);
  try {
    assert.deepEqual(Object.keys(s.urls), ['aliyun-http']);
    assert.match(s.log, /read s\.yaml: function hello-fc, handler index\.handler, aliyun-http trigger, 1 timer/);
    const res = await fetch(`${s.urls['aliyun-http']}/report?day=1`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(await res.json()), ['method', 'path', 'requestId']);
    // OPTIONS is not in the trigger's methods: FC refuses it before the function runs.
    const preflight = await fetch(`${s.urls['aliyun-http']}/report`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('x-fc-error-type'), 'FcCommonError');
    const fired = await (await fetch(`${s.urls['aliyun-http']}/__trigger-bridge/timers/daily-report`, { method: 'POST' })).json();
    assert.equal(fired.fired[0].event.payload, '{"report":"daily"}');
  } finally {
    await s.stop();
  }
});

test('an FC trigger with authType function refuses unsigned requests', async () => {
  const dir = project({
    'index.js': ECHO,
    's.yaml': 'edition: 3.0.0\nresources:\n  f:\n    component: fc3\n    props:\n      functionName: signed\n      handler: index.handler\n      triggers:\n        - triggerName: http\n          triggerType: http\n          triggerConfig:\n            authType: function\n            methods: [GET]\n',
  });
  const s = await start([], dir);
  try {
    const unsigned = await fetch(`${s.urls['aliyun-http']}/`);
    assert.equal(unsigned.status, 400);
    assert.equal((await unsigned.json()).ErrorCode, 'MissingRequiredHeader');
    const signed = await fetch(`${s.urls['aliyun-http']}/`, { headers: { authorization: 'FC id:signature', date: new Date().toUTCString() } });
    assert.equal(signed.status, 200);
  } finally {
    await s.stop();
  }
});

test('a serverless.yml sample: answers as Tencent API gateway, and through adapt() as Alibaba with --as', async () => {
  const dir = project({}, path.join(examples, 'serve-scf'));
  const s = await start([], dir);
  try {
    assert.deepEqual(Object.keys(s.urls), ['tencent-apigw']);
    const ok = await fetch(`${s.urls['tencent-apigw']}/?q=1`);
    assert.equal(ok.status, 200);
    assert.deepEqual((await ok.json()).query, { q: '1' });
    const broken = await fetch(`${s.urls['tencent-apigw']}/broken`);
    assert.equal(broken.status, 403);
    assert.equal((await fetch(`${s.urls['tencent-apigw']}/`, { method: 'DELETE' })).status, 404, 'no endpoint takes DELETE');
    // Routed among the endpoints as the gateway does: the API's path and its variables reach the event.
    const item = await (await fetch(`${s.urls['tencent-apigw']}/items/42`)).json();
    assert.deepEqual([item.api, item.params], ['/items/{id}', { id: '42' }]);
    assert.equal((await fetch(`${s.urls['tencent-apigw']}/items`, { method: 'POST', body: '{}' })).status, 200);
    const missed = await fetch(`${s.urls['tencent-apigw']}/items`, { method: 'PUT' });
    assert.equal(missed.status, 404);
    assert.match((await missed.json()).message, /^There is no api match uri/);
    assert.match(s.log, /timer every-morning: 0 0 9 \* \* \* \* \(tencent\)/);
  } finally {
    await s.stop();
  }
  // Behind Alibaba's gateways the SCF handler runs through adapt() (it was written for tencent-apigw, the
  // configuration's trigger): it sees its own event and convention, its result reaches the caller as Alibaba's.
  const adapted = await start(['--as', 'aliyun-apigw', '--as', 'aliyun-http'], dir, 2);
  try {
    assert.match(adapted.log, /aliyun-apigw gateway: .*#main_handler \(written for tencent-apigw, through adapt\), aliyun calling convention/);
    for (const format of ['aliyun-apigw', 'aliyun-http']) {
      const res = await fetch(`${adapted.urls[format]}/items/7?a=1`);
      assert.equal(res.status, 200, format);
      const seen = await res.json();
      assert.deepEqual([seen.method, seen.path, seen.query], ['GET', '/items/7', { a: '1' }], format);
      assert.match(seen.requestId, /^[0-9a-f-]{36}$/, `${format}: the SCF context's request_id`);
    }
    // The result Tencent's gateway would refuse is answered as the client would have seen it at home.
    assert.equal((await fetch(`${adapted.urls['aliyun-http']}/broken`)).status, 403);
  } finally {
    await adapted.stop();
  }
  // --written-for the served format itself: no adaptation, the handler as deployed there unchanged. Alibaba
  // hands the SCF handler a Buffer, `event.requestContext` is undefined and the handler throws: 502.
  const alibaba = await start(['--as', 'aliyun-apigw', '--written-for', 'aliyun-apigw'], dir);
  try {
    const res = await fetch(`${alibaba.urls['aliyun-apigw']}/items/1`);
    assert.equal(res.status, 502);
    await alibaba.waitFor(/aliyun-apigw GET \/items\/1 → 502 \d+ ms the function threw TypeError/);
  } finally {
    await alibaba.stop();
  }
});

test('as a web function: platform headers fill the context, credential headers reach neither the event nor the record', async () => {
  const dir = project({ 'index.js': ECHO });
  const s = await start(['--as', 'aliyun-http', '--record', 'r.jsonl', '--verbose'], dir);
  try {
    const res = await fetch(`${s.urls['aliyun-http']}/web`, {
      headers: { 'x-fc-request-id': 'req-from-fc', 'x-fc-function-name': 'fn', 'x-fc-access-key-id': 'AKID', 'x-fc-access-key-secret': 'TOP-SECRET', 'x-fc-security-token': 'TOKEN' },
    });
    const { event, context } = await res.json();
    assert.equal(context.requestId, 'req-from-fc');
    assert.equal(context.credentials.accessKeySecret, 'TOP-SECRET');
    const names = Object.keys(event.headers).map((n) => n.toLowerCase());
    assert.ok(!names.includes('x-fc-access-key-secret') && !names.includes('x-fc-access-key-id') && !names.includes('x-fc-security-token'), names.join());
    await s.waitFor(/GET \/web → 200/);
    const recorded = fs.readFileSync(path.join(dir, 'r.jsonl'), 'utf8');
    const event2 = JSON.parse(recorded).event;
    assert.ok(!JSON.stringify(event2.headers).includes('TOP-SECRET'));
    assert.ok(!s.log.includes('TOP-SECRET') && !s.log.includes('TOKEN'));
  } finally {
    await s.stop();
  }
});

// light-my-request (behind handleNode) requires the ES-module-only `cookie`, which `require` loads from Node
// 20.19 on: older Nodes get the adapter's 500, an adapter matter reported to its owner, not serve's.
const [major, minor] = process.versions.node.split('.').map(Number);
const nodeAdapterWorks = major > 20 || (major === 20 && minor >= 19);

test('--fetch serves a fetch app through the package adapter', async () => {
  const dir = project({
    'app.mjs': "export default { fetch: async (req) => new Response(`fetch ${req.method} ${new URL(req.url).pathname}`, { headers: { 'set-cookie': 'a=1' } }) };\n",
  });
  const fetchApp = await start(['app.mjs', '--fetch', '--as', 'tencent-apigw', '--as', 'aliyun-http'], dir, 2);
  try {
    for (const format of ['tencent-apigw', 'aliyun-http']) {
      const res = await fetch(`${fetchApp.urls[format]}/a/b`, { method: 'PUT', body: 'x' });
      assert.equal(await res.text(), 'fetch PUT /a/b', format);
      assert.deepEqual(res.headers.getSetCookie(), ['a=1'], format);
    }
  } finally {
    await fetchApp.stop();
  }
});

test('--node serves a Node listener through the package adapter', { skip: !nodeAdapterWorks && `handleNode needs Node 20.19+ here (${process.version})` }, async () => {
  const dir = project({ 'listener.js': "module.exports = (req, res) => { res.setHeader('content-type', 'text/plain'); res.end(`node ${req.method} ${req.url}`); };\n" });
  const nodeApp = await start(['listener.js', '--node', '--as', 'aliyun-apigw'], dir);
  try {
    assert.equal(await (await fetch(`${nodeApp.urls['aliyun-apigw']}/n?q=1`)).text(), 'node GET /n?q=1');
  } finally {
    await nodeApp.stop();
  }
});

test('usage errors exit 2 with one line', async () => {
  const dir = project({ 'index.js': ECHO });
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { cwd: dir });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(err, /serve needs --as FORMAT/);
  const help = spawn(process.execPath, [bin, 'serve', '--help']);
  let out = '';
  help.stdout.on('data', (d) => { out += d; });
  assert.equal(await new Promise((resolve) => help.on('exit', resolve)), 0);
  assert.match(out, /--record FILE\.jsonl/);
});

// Object-storage handlers as each cloud's documentation writes them: FC parses its Buffer and reads the key as
// it is; SCF cuts `/<appid>/<bucket>/` and decodes. Each answers with what it read; the key `boom` throws.
const OSS_HANDLER = `
exports.handler = async (raw, context) => {
  const event = JSON.parse(raw.toString());
  const keys = event.events.map((e) => e.oss.object.key);
  if (keys.includes('boom')) throw new Error('cannot process boom');
  return { buffer: Buffer.isBuffer(raw), keys, sizes: event.events.map((e) => e.oss.object.size), bucket: event.events[0].oss.bucket.name, eventName: event.events[0].eventName, requestId: context.requestId };
};
`;
const COS_HANDLER = `
exports.main_handler = async (event, context) => {
  const keys = event.Records.map((r) => decodeURIComponent(r.cos.cosObject.key.replace('/' + r.cos.cosBucket.appid + '/' + r.cos.cosBucket.name + '/', '')));
  return { buffer: Buffer.isBuffer(event), keys, sizes: event.Records.map((r) => r.cos.cosObject.size), bucket: event.Records[0].cos.cosBucket.name, eventName: event.Records[0].event.eventName, requestId: context.request_id };
};
`;
const OSS_SYAML = 'edition: 3.0.0\nresources:\n  thumbs:\n    component: fc3\n    props:\n      region: cn-shanghai\n      functionName: thumbs\n      handler: index.handler\n      triggers:\n        - triggerName: oss-upload\n          triggerType: oss\n          sourceArn: acs:oss:cn-shanghai:1234567890123456:photos\n          triggerConfig:\n            events: [oss:ObjectCreated:PutObject, oss:ObjectCreated:PostObject]\n            filter:\n              key:\n                prefix: uploads/\n                suffix: .jpg\n';
const COS_SLS = "component: scf\nname: thumbs\ninputs:\n  name: thumbs\n  src: ./\n  handler: index.main_handler\n  region: ap-beijing\n  events:\n    - cos:\n        name: cos-upload\n        parameters:\n          bucket: photos-1250000000.cos.ap-beijing.myqcloud.com\n          events: 'cos:ObjectCreated:*'\n          filter:\n            prefix: uploads/\n          enable: true\n";

/** Start serve on a function without an HTTP trigger: resolves with its control URL. */
async function startTriggers(args, dir) {
  const s = await start(args, dir, 0);
  await s.waitFor(/fire one: curl -X POST/); // the banner's last line
  s.url = /event triggers: (http:\/\/\S+?)\/__trigger-bridge\/fire/.exec(s.log)[1];
  s.fire = async (name, description) => {
    const res = await fetch(`${s.url}/__trigger-bridge/fire/${encodeURIComponent(name)}`, { method: 'POST', body: typeof description === 'string' ? description : JSON.stringify(description) });
    return { status: res.status, body: await res.json() };
  };
  return s;
}

test('an OSS trigger in s.yaml fires on demand: the FC handler gets the Buffer FC sends, with the key as it is', async () => {
  const s = await startTriggers([], project({ 's.yaml': OSS_SYAML, 'index.js': OSS_HANDLER }));
  try {
    assert.match(s.log, /trigger oss-upload: aliyun-oss \(bucket photos; oss:ObjectCreated:PutObject, oss:ObjectCreated:PostObject; prefix uploads\/; suffix \.jpg\)/);
    const list = await (await fetch(`${s.url}/__trigger-bridge/fire`)).json();
    assert.equal(list.triggers.length, 1);
    // The bucket, region, account and event type come from the configuration.
    const keys = ['uploads/summer 2024+1.jpg', 'uploads/100% 照片.jpg'];
    const { status, body } = await s.fire('oss-upload', { keys, size: 2048 });
    assert.equal(status, 200);
    assert.equal(body.ok, true, body.error);
    assert.equal(body.adapted, false);
    assert.deepEqual(body.result.keys, keys);
    assert.deepEqual(body.result.sizes, [2048, 2048]);
    assert.equal(body.result.buffer, true, 'FC hands a Node handler a Buffer');
    assert.equal(body.result.bucket, 'photos');
    assert.equal(body.result.eventName, 'ObjectCreated:PutObject');
    assert.equal(typeof body.result.requestId, 'string');
    assert.equal(tb.detect(body.event), 'aliyun-oss');
    assert.equal(body.event.events[0].region, 'cn-shanghai');
    assert.equal(body.event.events[0].oss.bucket.ownerIdentity, '1234567890123456');
    assert.deepEqual(body.notes, []);
    await s.waitFor(/aliyun-oss trigger oss-upload → ok/);

    // A key outside the trigger's filter: fired, with a note that the platform would not have.
    const outside = await s.fire('oss-upload', { key: 'other/a.png' });
    assert.equal(outside.body.ok, true);
    assert.equal(outside.body.notes.length, 2, outside.body.notes.join('\n'));
    assert.match(outside.body.notes[0], /starting with "uploads\/"/);
    // The handler's failure is reported, not fatal.
    const failed = await s.fire('oss-upload', { key: 'boom' });
    assert.equal(failed.status, 200);
    assert.equal(failed.body.ok, false);
    assert.match(failed.body.error, /cannot process boom/);
    await s.waitFor(/aliyun-oss trigger oss-upload → failed: cannot process boom/);
    // What the caller got wrong: 400 with the core's code, 404 for no such trigger.
    const unknownField = await s.fire('oss-upload', { key: 'a.jpg', colour: 'red' });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.code, 'invalid-request');
    assert.match(unknownField.body.error, /colour/);
    assert.equal((await s.fire('oss-upload', '{not json')).status, 400);
    assert.equal((await s.fire('nope', { key: 'a' })).status, 404);
    // A whole event fires too: a captured COS event is converted by the core into the OSS event FC sends.
    const captured = JSON.parse(fs.readFileSync(path.join(process.env.TB_FIXTURES || 'tests/fixtures', 'tencent-cos/records-keys-kinds.json'), 'utf8'));
    const expected = tb.convertEvent(captured, { to: 'aliyun-oss' });
    const whole = await s.fire('oss-upload', captured);
    assert.equal(whole.body.ok, true, whole.body.error);
    assert.equal(whole.body.from, 'tencent-cos');
    assert.deepEqual(whole.body.event, expected.event);
    assert.deepEqual(whole.body.losses.map((l) => l.code), expected.losses.map((l) => l.code));
    assert.deepEqual(whole.body.result.keys, expected.event.events.map((e) => e.oss.object.key));
    await s.waitFor(/aliyun-oss trigger oss-upload \(a tencent-cos event, converted\) → ok/);
    // …but not an event of another kind.
    const http = await s.fire('oss-upload', JSON.parse(fs.readFileSync(path.join(process.env.TB_FIXTURES || 'tests/fixtures', 'tencent-url/doc-post.json'), 'utf8')));
    assert.equal(http.status, 400);
    assert.match(http.body.error, /a tencent-url event, which cannot fire the aliyun-oss trigger oss-upload/);
    // No HTTP trigger: other paths say how to fire.
    const other = await fetch(`${s.url}/anything`);
    assert.equal(other.status, 404);
    assert.match((await other.json()).error, /__trigger-bridge\/fire/);
  } finally {
    await s.stop();
  }
});

test('a COS trigger in serverless.yml fires on demand: the SCF handler gets an object, the key prefixed and encoded', async () => {
  const s = await startTriggers(['--verbose'], project({ 'serverless.yml': COS_SLS, 'index.js': COS_HANDLER }));
  try {
    assert.match(s.log, /trigger cos-upload: tencent-cos \(bucket photos; cos:ObjectCreated:\*; prefix uploads\/\)/);
    const keys = ['uploads/summer 2024+1.jpg', 'uploads/100% 照片.jpg'];
    const { body } = await s.fire('cos-upload', { keys, size: 10, etag: 'abc' });
    assert.equal(body.ok, true, body.error);
    assert.deepEqual(body.result.keys, keys);
    assert.equal(body.result.buffer, false, 'SCF hands a handler an object');
    assert.equal(body.result.bucket, 'photos');
    assert.equal(body.event.Records[0].cos.cosBucket.appid, '1250000000', 'the appid from the bucket host');
    assert.equal(body.event.Records[0].cos.cosObject.key, '/1250000000/photos/uploads/summer%202024%2B1.jpg');
    // COS carries no ETag: the loss is in the answer and, with --verbose, in the log.
    assert.deepEqual(body.losses.map((l) => l.code), ['etag-dropped']);
    await s.waitFor(/tencent-cos trigger cos-upload → ok \d+ ms \(1 loss\)/);
    await s.waitFor(/loss etag-dropped/);
    await s.waitFor(/result \{"buffer":false/);
  } finally {
    await s.stop();
  }
});

test('an FC OSS handler fired behind a COS trigger runs through adapt(), and an SCF COS handler behind OSS', async () => {
  const keys = ['uploads/a b+c.jpg', 'uploads/照片 100%.jpg'];
  let s = await startTriggers(['--as', 'tencent-cos'], project({ 's.yaml': OSS_SYAML, 'index.js': OSS_HANDLER }));
  try {
    assert.match(s.log, /trigger tencent-cos: tencent-cos, handler written for aliyun-oss, through adapt/);
    const { body } = await s.fire('tencent-cos', { bucket: 'photos', keys, size: 7 });
    assert.equal(body.ok, true, body.error);
    assert.equal(body.adapted, true);
    assert.equal(body.writtenFor, 'aliyun-oss');
    assert.equal(tb.detect(body.event), 'tencent-cos', 'COS delivered its own event');
    // The handler, unchanged, read what it reads on FC: a Buffer, the decoded keys, the sizes.
    assert.deepEqual(body.result.keys, keys);
    assert.deepEqual(body.result.sizes, [7, 7]);
    assert.equal(body.result.buffer, true);
    await s.waitFor(/tencent-cos trigger tencent-cos \(handler written for aliyun-oss, through adapt\) → ok/);
  } finally {
    await s.stop();
  }
  s = await startTriggers(['--as', 'aliyun-oss', '--written-for', 'tencent-cos'], project({ 'index.js': COS_HANDLER }));
  try {
    const { body } = await s.fire('aliyun-oss', { bucket: 'photos', keys, size: 7, version: 'v1' });
    assert.equal(body.ok, true, body.error);
    assert.equal(body.adapted, true);
    assert.equal(tb.detect(body.event), 'aliyun-oss');
    assert.deepEqual(body.result.keys, keys);
    assert.equal(body.result.buffer, false);
    assert.ok(body.losses.some((l) => l.code === 'object-version-dropped'), JSON.stringify(body.losses));
  } finally {
    await s.stop();
  }
});

const fixtureJson = (p) => JSON.parse(fs.readFileSync(path.join(process.env.TB_FIXTURES || 'tests/fixtures', p), 'utf8'));
const MNS_HANDLER = `
exports.handler = async (raw) => {
  const e = JSON.parse(raw.toString());
  return { buffer: Buffer.isBuffer(raw), message: e.Message, topic: e.TopicName };
};
`;
const CKAFKA_HANDLER = `
exports.main_handler = async (event) => ({ bodies: event.Records.map((r) => r.Ckafka.msgBody), offsets: event.Records.map((r) => r.Ckafka.offset) });
`;

test('message triggers fire with a whole event: a CMQ batch reaches an FC MNS handler once per message, Kafka reaches a CKafka handler', async () => {
  const syaml = 'edition: 3.0.0\nresources:\n  f:\n    component: fc3\n    props:\n      functionName: orders\n      handler: index.handler\n      triggers:\n        - triggerName: orders\n          triggerType: mns_topic\n          sourceArn: acs:mns:cn-hangzhou:1234567890123456:/topics/orders\n';
  let s = await startTriggers([], project({ 's.yaml': syaml, 'index.js': MNS_HANDLER }));
  try {
    assert.match(s.log, /trigger orders: aliyun-mns \(topic orders\)/);
    // A CMQ batch: the core writes one MNS notification per message, and FC invokes once for each.
    const batch = fixtureJson('tencent-cmq/records-several.json');
    const expected = tb.convertEvent(batch, { to: 'aliyun-mns' });
    const { status, body } = await s.fire('orders', batch);
    assert.equal(status, 200);
    assert.equal(body.ok, true, body.error);
    assert.equal(body.from, 'tencent-cmq');
    assert.equal(body.invocations, expected.event.length);
    assert.ok(body.invocations > 1);
    assert.deepEqual(body.result, expected.event.map((m) => ({ buffer: true, message: m.Message, topic: m.TopicName })));
    assert.ok(body.losses.some((l) => l.code === 'message-records-split'));
    await s.waitFor(new RegExp(`aliyun-mns trigger orders \\(a tencent-cmq event, converted\\) \\(${body.invocations} invocations, one per message\\) → ok`));
    // An MNS notification as it is.
    const own = await s.fire('orders', fixtureJson('aliyun-mns/doc-notify-json.json'));
    assert.equal(own.body.invocations, 1);
    assert.deepEqual(own.body.result, { buffer: true, message: 'xxxxx', topic: 'TopicName' });
    // A description: the core writes the notification, the topic from the configuration.
    const described = await s.fire('orders', { body: 'hello 你好' });
    if (typeof tb.eventFromMessage === 'function') {
      assert.equal(described.status, 200, JSON.stringify(described.body));
      assert.deepEqual(described.body.result, { buffer: true, message: 'hello 你好', topic: 'orders' });
    } else {
      // A package without eventFromMessage: the answer says what to post instead.
      assert.equal(described.status, 400);
      assert.match(described.body.error, /fires with a whole aliyun-mns or tencent-cmq event/);
    }
  } finally {
    await s.stop();
  }

  const sls = 'component: scf\nname: clicks\ninputs:\n  name: clicks\n  src: ./\n  handler: index.main_handler\n  events:\n    - ckafka:\n        parameters:\n          name: ckafka-2o10hua5\n          topic: clicks\n          enable: true\n';
  s = await startTriggers([], project({ 'serverless.yml': sls, 'index.js': CKAFKA_HANDLER }));
  try {
    assert.match(s.log, /trigger ckafka: tencent-ckafka \(topic clicks\)/);
    const kafka = fixtureJson('aliyun-kafka/doc-batch.json');
    const expected = tb.convertEvent(kafka, { to: 'tencent-ckafka' }).event;
    const { body } = await s.fire('ckafka', kafka);
    assert.equal(body.ok, true, body.error);
    assert.equal(body.from, 'aliyun-kafka');
    assert.deepEqual(body.result, { bodies: expected.Records.map((r) => r.Ckafka.msgBody), offsets: expected.Records.map((r) => r.Ckafka.offset) });
    // RocketMQ has no counterpart on Tencent: the core's refusal, said to the caller.
    const rocket = await s.fire('ckafka', fixtureJson('aliyun-rocketmq/sdk-go-readme.json'));
    assert.equal(rocket.status, 400);
    assert.match(rocket.body.error, /aliyun-rocketmq event, which cannot fire/);
  } finally {
    await s.stop();
  }
});

test('an FC MNS handler behind a CMQ trigger runs through adapt()', async () => {
  const s = await startTriggers(['--as', 'tencent-cmq', '--written-for', 'aliyun-mns'], project({ 'index.js': MNS_HANDLER }));
  try {
    assert.match(s.log, /trigger tencent-cmq: tencent-cmq, handler written for aliyun-mns, through adapt/);
    const { body } = await s.fire('tencent-cmq', fixtureJson('tencent-cmq/doc-topic.json'));
    assert.equal(body.ok, true, body.error);
    assert.equal(body.adapted, true);
    assert.equal(body.from, 'tencent-cmq');
    const expected = tb.convertEvent(fixtureJson('tencent-cmq/doc-topic.json'), { to: 'aliyun-mns' }).event;
    const first = Array.isArray(expected) ? expected[0] : expected;
    const result = Array.isArray(body.result) ? body.result[0] : body.result;
    assert.deepEqual(result, { buffer: true, message: first.Message, topic: first.TopicName });
  } finally {
    await s.stop();
  }
});
