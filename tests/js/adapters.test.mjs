// The adapters through the packed package: one app written for each way of running code (a fetch function,
// Hono, express, koa, fastify, a plain `http` listener) answers on the four HTTP formats, called with each
// platform's conventions (FC: Buffer + callback, async; SCF: async, callback), and handlers written for one
// format run behind every other (adapt). What each client receives is what the gateway makes of the answer
// (clientResponse), so these tests see what a caller would.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import http from 'node:http';
import tb from 'trigger-bridge';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const express = require('express');
const Koa = require('koa');
const Fastify = require('fastify');

const HTTP = ['aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url'];
const platformOf = (format) => (format.startsWith('aliyun') ? 'aliyun' : 'tencent');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i))]);
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const BIG = 7 * 1024 * 1024;

/** The one behaviour every app implements, whatever runs it: request in, `{status, headers, body}` out. */
function route(method, target, headers, body, ip) {
  const [path, search = ''] = target.split('?');
  if (path === '/throw') throw new Error('boom');
  if (method === 'OPTIONS') return { status: 204, headers: [['allow', 'GET, POST, HEAD, OPTIONS']], body: '' };
  if (path === '/png') return { status: 200, headers: [['content-type', 'image/png']], body: body };
  if (path === '/pngout') return { status: 200, headers: [['content-type', 'image/png']], body: PNG };
  if (path === '/cookies') return { status: 200, headers: [['content-type', 'text/plain'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2; Path=/'], ['set-cookie', 'c=3; HttpOnly']], body: 'ok' };
  if (path === '/empty') return { status: 204, headers: [], body: '' };
  if (path === '/big') return { status: 200, headers: [['content-type', 'text/plain']], body: 'a'.repeat(BIG) };
  const seen = { method, path, query: [...new URLSearchParams(search)], length: body.length, sha: sha(body), ip, host: headers.host ?? null, type: headers['content-type'] ?? null };
  return { status: 200, headers: [['content-type', 'application/json']], body: JSON.stringify(seen) };
}

const lower = (entries) => Object.fromEntries(Array.from(entries, ([k, v]) => [k.toLowerCase(), v]));

async function fetchRoute(request) {
  const url = new URL(request.url);
  const body = Buffer.from(await request.arrayBuffer());
  const out = route(request.method, url.pathname + url.search, { ...lower(request.headers), host: url.host }, body, null);
  const headers = new Headers();
  for (const [n, v] of out.headers) headers.append(n, v);
  return new Response(out.status === 204 || request.method === 'HEAD' ? null : out.body, { status: out.status, headers });
}

function nodeRoute(req, body, send) {
  const out = route(req.method, req.url, req.headers, body, req.socket.remoteAddress);
  const grouped = {};
  for (const [n, v] of out.headers) grouped[n] = n === 'set-cookie' ? [...(grouped[n] || []), v] : v;
  send(out.status, grouped, out.body);
}

const readBody = (req) => new Promise((resolve) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
});

const APPS = {
  fetch: () => tb.handle(fetchRoute, { onError: () => {} }),
  hono: () => {
    const app = new Hono();
    app.all('*', (c) => fetchRoute(c.req.raw));
    app.onError(() => new Response('hono caught it', { status: 500 }));
    return tb.handle(app);
  },
  express: () => {
    const app = express();
    app.use(express.raw({ type: () => true, limit: '20mb' }));
    app.all(/.*/, (req, res) => nodeRoute(req, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), (status, headers, body) => res.status(status).set(headers).send(body)));
    app.use((err, req, res, next) => res.status(500).send('express caught it')); // eslint-disable-line no-unused-vars
    return tb.handleNode(app);
  },
  koa: () => {
    const app = new Koa();
    app.silent = true;
    app.use(async (ctx) => {
      const body = await readBody(ctx.req);
      nodeRoute(ctx.req, body, (status, headers, out) => {
        ctx.status = status;
        ctx.set(headers);
        if (out.length) ctx.body = Buffer.from(out);
      });
    });
    return tb.handleNode(app);
  },
  fastify: () => {
    const app = Fastify({ bodyLimit: 20 * 1024 * 1024 });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => done(null, body));
    app.all('/*', (req, reply) => {
      nodeRoute(req.raw, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), (status, headers, body) => {
        reply.code(status).headers(headers).send(typeof body === 'string' ? body : Buffer.from(body));
      });
      return reply;
    });
    return tb.handleNode(app);
  },
  http: () =>
    tb.handleNode((req, res) => {
      readBody(req).then((body) => {
        try {
          nodeRoute(req, body, (status, headers, out) => {
            res.writeHead(status, headers);
            res.end(out);
          });
        } catch (e) {
          res.writeHead(500);
          res.end(String(e.message));
        }
      });
    }),
};

/** The four ways a platform calls a handler: FC with a Buffer (callback or promise), SCF with an object. */
const CONVENTIONS = [
  { name: 'FC Buffer + callback', platform: 'aliyun', callback: true, via: 'callback' },
  { name: 'FC async', platform: 'aliyun', callback: false, via: 'promise' },
  { name: 'SCF async', platform: 'tencent', callback: false, via: 'promise' },
  { name: 'SCF callback', platform: 'tencent', callback: true, via: 'callback' },
];

const withOptions = (make, options) => {
  // Rebuild the adapter with extra options: the APP factories take none, so wrap handle/handleNode.
  const handle = tb.handle;
  const handleNode = tb.handleNode;
  tb.handle = (app, o) => handle(app, { ...o, ...options });
  tb.handleNode = (app, o) => handleNode(app, { ...o, ...options });
  try {
    return make();
  } finally {
    tb.handle = handle;
    tb.handleNode = handleNode;
  }
};

/** Build the event `format` delivers for a request, call `handler` as `convention` says, return what the client gets. */
async function request(handler, format, convention, req) {
  const built = tb.eventFromRequest({ headers: { host: 'api.example.com' }, ...req }, { to: format });
  const context = tb.localContextInfo({ platform: convention.platform, requestId: 'req-1' });
  const ctx = convention.platform === 'aliyun' ? tb.fcContext(context) : tb.scfContext(context);
  const outcome = await tb.invoke(handler, built.event, ctx, { platform: convention.platform, timeoutMs: 30000 });
  assert.ok(outcome.ok, `${format} ${convention.name}: ${outcome.error && outcome.error.stack}`);
  assert.equal(outcome.via, convention.via, `${format} ${convention.name}`);
  const client = tb.clientResponse(outcome.result, { format });
  return { client, eventLosses: built.losses, result: outcome.result };
}

const conventionsFor = (format) => CONVENTIONS.filter((c) => c.platform === platformOf(format));

// fastify 5 supports Node 20 and later (its own light-my-request needs require() of ES modules).
const nodeMajor = Number(process.versions.node.split('.')[0]);
const skip = (name) => (name === 'fastify' && nodeMajor < 20 ? 'fastify 5 needs Node 20+' : false);

for (const [name, make] of Object.entries(APPS)) {
  test(`${name}: every format and convention sees the request as sent and answers byte for byte`, { skip: skip(name) }, async () => {
    for (const format of HTTP) {
      for (const convention of conventionsFor(format)) {
        const losses = [];
        const handler = withOptions(make, { callback: convention.callback, onLoss: (l) => losses.push(l.code), onDiagnostic: () => {} });
        const label = `${name} on ${format}, ${convention.name}`;

        // Repeated query keys, a non-ASCII and percent-encoded path.
        const echo = await request(handler, format, convention, { method: 'GET', url: '/echo/%E4%BD%A0%E5%A5%BD/a%20b?tag=a&tag=b&q=1' });
        assert.equal(echo.client.status, 200, label);
        const seen = JSON.parse(echo.client.bodyText);
        assert.equal(seen.method, 'GET', label);
        assert.equal(decodeURIComponent(seen.path), '/echo/你好/a b', `${label}: ${seen.path}`);
        assert.equal(seen.host, 'api.example.com', label);
        const eventLost = echo.eventLosses.map((l) => l.code);
        if (eventLost.includes('query-repeated-dropped')) assert.deepEqual(seen.query.filter(([k]) => k === 'q'), [['q', '1']], label);
        else if (eventLost.includes('query-repeated-joined')) assert.deepEqual(seen.query, [['tag', 'a,b'], ['q', '1']], label);
        else assert.deepEqual(seen.query, [['tag', 'a'], ['tag', 'b'], ['q', '1']], label);

        // A PNG in and out, byte for byte where the format can carry it; a loss where it cannot.
        losses.length = 0;
        const png = await request(handler, format, convention, { method: 'POST', url: '/png', headers: { host: 'api.example.com', 'content-type': 'image/png' }, body: PNG });
        assert.equal(png.client.status, 200, label);
        const out = await request(handler, format, convention, { method: 'GET', url: '/pngout' });
        if (format === 'tencent-url') {
          assert.ok(png.eventLosses.some((l) => l.code === 'binary-body'), `${label}: a Function URL event cannot carry a PNG`);
          assert.ok(losses.includes('binary-body'), `${label}: nor a Function URL response: ${losses}`);
        } else {
          assert.equal(sha(Buffer.from(png.client.body)), sha(PNG), `${label}: png in and out`);
          assert.equal(png.result.isBase64Encoded, true, label);
          assert.equal(sha(Buffer.from(out.client.body)), sha(PNG), `${label}: png out`);
        }

        // Three Set-Cookie: no format's flat header map carries them; a loss says so and the first survives.
        losses.length = 0;
        const cookies = await request(handler, format, convention, { method: 'GET', url: '/cookies' });
        assert.deepEqual(losses, ['set-cookie-dropped'], label);
        assert.deepEqual(cookies.client.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v), ['a=1'], label);

        // HEAD and OPTIONS; empty bodies.
        const head = await request(handler, format, convention, { method: 'HEAD', url: '/echo/x' });
        assert.deepEqual([head.client.status, head.client.body.length], [200, 0], `${label}: HEAD`);
        const options = await request(handler, format, convention, { method: 'OPTIONS', url: '/echo/x' });
        assert.equal(options.client.status, 204, `${label}: OPTIONS`);
        assert.deepEqual(options.client.headers.filter(([n]) => n.toLowerCase() === 'allow').map(([, v]) => v), ['GET, POST, HEAD, OPTIONS'], label);
        const empty = await request(handler, format, convention, { method: 'POST', url: '/empty' });
        assert.deepEqual([empty.client.status, empty.client.body.length], [204, 0], `${label}: empty`);
        const noBody = JSON.parse((await request(handler, format, convention, { method: 'POST', url: '/echo/e' })).client.bodyText);
        assert.equal(noBody.length, 0, label);

        // An app that throws: a 500, never a crash.
        const thrown = await request(handler, format, convention, { method: 'GET', url: '/throw' });
        assert.equal(thrown.client.status, 500, `${label}: throw`);
      }
    }
  });

  test(`${name}: a 6 MB body arrives whole; a response over 6 MB gets SCF's 407 and passes on FC`, { skip: skip(name) }, async () => {
    const body = Buffer.alloc(6 * 1024 * 1024, 0x61);
    for (const format of HTTP) {
      const convention = conventionsFor(format).find((c) => !c.callback);
      const diagnostics = [];
      const handler = withOptions(make, { onLoss: () => {}, onDiagnostic: (d) => diagnostics.push(d.code) });
      const big = await request(handler, format, convention, { method: 'POST', url: '/echo/upload', headers: { host: 'api.example.com', 'content-type': 'application/octet-stream' }, body });
      const seen = JSON.parse(big.client.bodyText);
      assert.deepEqual([seen.length, seen.sha], [body.length, sha(body)], `${name} on ${format}`);
      const large = await request(handler, format, convention, { method: 'GET', url: '/big' });
      if (platformOf(format) === 'tencent') {
        assert.equal(large.client.status, 407, `${name} on ${format}`);
        assert.ok(diagnostics.includes('response-too-large'), `${name} on ${format}: ${diagnostics}`);
      } else {
        assert.deepEqual([large.client.status, large.client.body.length], [200, BIG], `${name} on ${format}`);
      }
    }
  });
}

test('a fetch app that throws gets a generic 500, the stack only with debug, and the error is reported', async () => {
  const errors = [];
  const app = async () => {
    throw new Error('secret detail');
  };
  const quiet = tb.handle(app, { onError: (e) => errors.push(e.message) });
  const event = tb.eventFromRequest({ url: 'https://h/x' }, { to: 'tencent-apigw' }).event;
  const plain = tb.clientResponse(await quiet(event, {}), { format: 'tencent-apigw' });
  assert.equal(plain.status, 500);
  assert.equal(plain.bodyText, 'Internal Server Error');
  assert.deepEqual(errors, ['secret detail']);
  const debug = tb.handle(app, { debug: true, onError: () => {} });
  assert.match(tb.clientResponse(await debug(event, {}), { format: 'tencent-apigw' }).bodyText, /secret detail/);
  // A value that is not a Response is the app's error too.
  const notResponse = tb.handle(() => 'text', { onError: (e) => errors.push(e.message) });
  assert.equal(tb.clientResponse(await notResponse(event, {}), { format: 'tencent-apigw' }).status, 500);
  assert.match(errors[1], /not a Response/);
});

test('losses reach onLoss; by default one warning per code per instance through the platform logger', async () => {
  const warnings = [];
  const logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  const handler = tb.handle(() => new Response('x', { headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2']] }));
  const event = Buffer.from(JSON.stringify(tb.eventFromRequest({ url: 'https://h/' }, { to: 'aliyun-http' }).event));
  const fc = tb.fcContext({ requestId: 'r', logger });
  await handler(event, fc);
  await handler(event, fc);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /set-cookie-dropped/);
  // A new instance warns again.
  await tb.handle(() => new Response('x', { headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2']] }))(event, fc);
  assert.equal(warnings.length, 2);
});

test('handle gives the app the normalised context and waits for waitUntil', async () => {
  let seen = null;
  let waited = false;
  const handler = tb.handle((request, env, ctx) => {
    seen = env.context;
    ctx.waitUntil(new Promise((r) => setTimeout(r, 20)).then(() => (waited = true)));
    return new Response('ok');
  });
  const event = tb.eventFromRequest({ url: 'https://h/' }, { to: 'tencent-url' }).event;
  await handler(event, { request_id: 'scf-1', function_name: 'fn', memory_limit_in_mb: 256, time_limit_in_ms: 3000, environment: '{"TENCENTCLOUD_SECRETID":"id"}', tencentcloud_region: 'ap-guangzhou' });
  assert.equal(waited, true);
  assert.deepEqual([seen.platform, seen.requestId, seen.functionName, seen.memoryMb, seen.region, seen.credentials.accessKeyId], ['tencent', 'scf-1', 'fn', 256, 'ap-guangzhou', 'id']);
  // A custom env.
  const typed = tb.handle((request, env) => new Response(env.greeting), { env: { greeting: 'hello' } });
  assert.equal(tb.clientResponse(await typed(event, {}), { format: 'tencent-url' }).bodyText, 'hello');
});

test('timers go to the scheduled hook or the timer route', async () => {
  const timer = { triggerTime: '2024-01-01T00:00:00Z', triggerName: 'nightly', payload: 'go' };
  let got = null;
  const hooked = tb.handle(() => new Response('unused'), { scheduled: (t) => (got = t) && 'done' });
  assert.equal(await hooked(Buffer.from(JSON.stringify(timer)), {}), 'done');
  assert.deepEqual([got.format, got.name, got.payload], ['aliyun-timer', 'nightly', 'go']);
  const routed = tb.handle(async (req) => new Response(`${req.method} ${new URL(req.url).pathname} ${req.headers.get('x-timer-name')} ${await req.text()}`), { timerRoute: '/tick' });
  assert.equal(await routed({ Type: 'Timer', TriggerName: 'hourly', Time: '2024-01-01T00:00:00Z', Message: 'm' }, {}), 'POST /tick hourly m');
  const node = tb.handleNode((req, res) => readBody(req).then((b) => res.end(`${req.url} ${b}`)), { timerRoute: '/tick' });
  assert.equal(await node({ Type: 'Timer', TriggerName: 'hourly', Time: '2024-01-01T00:00:00Z', Message: 'm' }, {}), '/tick m');
  await assert.rejects(tb.handle(() => new Response(''))(Buffer.from(JSON.stringify(timer)), {}), { code: 'unsupported' });
});

test('toRequest, fromResponse and eventFromRequest on WHATWG types', async () => {
  const event = tb.eventFromRequest({ method: 'GET', url: 'https://h/a?x=1&x=2', body: 'ignored by fetch' }, { to: 'tencent-apigw' }).event;
  const { request, losses, info } = tb.toRequest(event);
  assert.equal(request.url, 'https://h/a?x=1&x=2');
  assert.deepEqual(losses.map((l) => l.code), ['body-dropped']);
  assert.equal(info.format, 'tencent-apigw');
  const out = await tb.fromResponse(new Response(PNG, { status: 201, headers: { 'content-type': 'image/png' } }), { format: 'aliyun-apigw' });
  assert.deepEqual([out.response.statusCode, out.response.isBase64Encoded], [201, true]);
  assert.equal(Buffer.from(out.response.body, 'base64').equals(PNG), true);
  const text = await tb.fromResponse(new Response('<svg/>', { headers: { 'content-type': 'image/svg+xml' } }), { format: 'aliyun-apigw', binary: ['image/*'] });
  assert.equal(text.response.isBase64Encoded, true);
  const forced = await tb.fromResponse(new Response('plain', { headers: { 'content-type': 'image/x-thing' } }), { format: 'tencent-apigw', binary: () => false });
  assert.deepEqual([forced.response.isBase64Encoded, forced.response.body], [false, 'plain']);
  // The parts cross wasm as typed values: a header named `__proto__` stays an own key, not a prototype.
  const odd = await tb.fromResponse(new Response('x', { headers: [['__proto__', 'p'], ['content-type', 'text/plain']] }), { format: 'tencent-apigw' });
  assert.equal(Object.getPrototypeOf(odd.response.headers), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(odd.response.headers, '__proto__').value, 'p');
  assert.equal(Object.getPrototypeOf(odd), Object.prototype);
  assert.equal(odd.gatewayError, null);
  // eventFromRequest reads a Request's body (it used to become "{}").
  const built = await tb.eventFromRequest(new Request('https://h/p', { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } }), { to: 'tencent-url' });
  assert.equal(built.event.body, 'payload');
  assert.equal(built.event.httpMethod, 'POST');
});

// ---- adapt: handlers written for one format, run behind every other ----

/** A handler reads its own format's fields, as handlers written from each platform's docs do. */
function readOwn(format, event) {
  const e = Buffer.isBuffer(event) ? JSON.parse(event.toString()) : event;
  const flag = e.isBase64Encoded === true || e.isBase64Encoded === 'true';
  const body = Buffer.from(e.body || '', flag ? 'base64' : 'utf8');
  if (format === 'aliyun-http') return { method: e.requestContext.http.method, path: e.rawPath, body };
  return { method: e.httpMethod, path: e.path, body };
}

function written(format, style) {
  const answer = (event, context) => {
    const own = readOwn(format, event);
    const name = format.startsWith('aliyun') ? context.function.name : context.function_name;
    const image = own.path.endsWith('.png');
    const response = {
      statusCode: image ? 200 : 201,
      headers: { 'Content-Type': image ? 'image/png' : 'application/json', 'X-Function': name },
      body: image ? own.body.toString('base64') : JSON.stringify({ method: own.method, path: own.path, length: own.body.length }),
    };
    if (format !== 'tencent-url') response.isBase64Encoded = image;
    return response;
  };
  if (style === 'async') return async (event, context) => answer(event, context);
  return (event, context, callback) => setImmediate(() => callback(null, answer(event, context)));
}

test('adapt: every format behind every other, promise and callback handlers, PNG byte for byte', async () => {
  for (const as of HTTP) {
    for (const style of ['async', 'callback']) {
      for (const arrived of HTTP) {
        const label = `${as} (${style}) behind ${arrived}`;
        const handler = tb.adapt(written(as, style), { as, onLoss: () => {}, onDiagnostic: () => {} });
        const platform = platformOf(arrived);
        const context = tb.localContextInfo({ platform, functionName: 'the-fn' });
        const ctx = platform === 'aliyun' ? tb.fcContext(context) : tb.scfContext(context);
        const call = async (req) => {
          const { event } = tb.eventFromRequest({ headers: { host: 'h' }, ...req }, { to: arrived });
          const outcome = await tb.invoke(handler, event, ctx, { platform, timeoutMs: 10000 });
          assert.ok(outcome.ok, `${label}: ${outcome.error && outcome.error.stack}`);
          return tb.clientResponse(outcome.result, { format: arrived });
        };
        const json = await call({ method: 'POST', url: '/api/items?x=1', body: '{"a":1}', headers: { host: 'h', 'content-type': 'application/json' } });
        assert.equal(json.status, 201, label);
        assert.deepEqual(JSON.parse(json.bodyText), { method: 'POST', path: '/api/items', length: 7 }, label);
        assert.deepEqual(json.headers.filter(([n]) => n.toLowerCase() === 'x-function').map(([, v]) => v), ['the-fn'], `${label}: the context was mapped`);
        if (as !== 'tencent-url' && arrived !== 'tencent-url') {
          const png = await call({ method: 'POST', url: '/img.png', body: PNG, headers: { host: 'h', 'content-type': 'image/png' } });
          assert.equal(Buffer.from(png.body).equals(PNG), true, `${label}: png`);
        }
      }
    }
  }
});

test('adapt: contexts, timers, failures and what the arriving gateway would refuse', async () => {
  // An SCF handler on FC sees SCF's context filled from FC's.
  let seen = null;
  const scf = tb.adapt(async (event, context) => {
    seen = { id: context.request_id, left: context.getRemainingTimeInMillis(), env: JSON.parse(context.environment), mb: context.memory_limit_in_mb };
    return { statusCode: 200, headers: {}, body: 'ok', isBase64Encoded: false };
  }, { as: 'tencent-apigw', onLoss: () => {} });
  const fcEvent = Buffer.from(JSON.stringify(tb.eventFromRequest({ url: 'https://h/' }, { to: 'aliyun-http' }).event));
  await scf(fcEvent, { requestId: 'fc-1', function: { name: 'f', memory: 512, timeout: 10 }, credentials: { accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: 'T' } });
  assert.deepEqual([seen.id, seen.mb, seen.env.TENCENTCLOUD_SECRETID, seen.env.TENCENTCLOUD_SESSIONTOKEN], ['fc-1', 512, 'AK', 'T']);
  assert.ok(seen.left > 9000 && seen.left <= 10000, String(seen.left));

  // Timer handlers: an FC timer handler on SCF.
  const timer = tb.adapt((event, context, callback) => callback(null, JSON.parse(event.toString()).payload), { as: 'aliyun-timer' });
  assert.equal(await timer({ Type: 'Timer', TriggerName: 't', Time: '2024-01-01T00:00:00Z', Message: 'hello' }, {}), 'hello');

  // A throw or a timeout is the platform's failed invocation, as it would be at home.
  await assert.rejects(tb.adapt(async () => { throw new Error('nope'); }, { as: 'tencent-apigw', onLoss: () => {} })(fcEvent, {}), /nope/);
  await assert.rejects(tb.adapt(() => {}, { as: 'tencent-apigw', timeoutMs: 20, onLoss: () => {} })(fcEvent, {}), { code: 'timeout' });

  // A result SCF would refuse at home (string status) gets SCF's 403, answered on FC.
  const diagnostics = [];
  const sloppy = tb.adapt(async () => ({ statusCode: '200', headers: {}, body: 'x' }), { as: 'tencent-apigw', onLoss: () => {}, onDiagnostic: (d) => diagnostics.push(d.code) });
  const home = tb.clientResponse(await sloppy(fcEvent, {}), { format: 'aliyun-http' });
  assert.equal(home.status, 403);
  assert.match(home.bodyText, /Invalid scf response format/);
  assert.ok(diagnostics.includes('status-not-integer'));

  // An FC handler whose headers pass on FC but whose 7 MB body SCF refuses: SCF's 407 and the diagnostic.
  diagnostics.length = 0;
  const fc = tb.adapt(async () => ({ statusCode: 200, headers: {}, body: 'a'.repeat(BIG), isBase64Encoded: false }), { as: 'aliyun-http', onLoss: () => {}, onDiagnostic: (d) => diagnostics.push(d.code) });
  const scfEvent = tb.eventFromRequest({ url: 'https://h/' }, { to: 'tencent-apigw' }).event;
  assert.equal(tb.clientResponse(await fc(scfEvent, {}), { format: 'tencent-apigw' }).status, 407);
  assert.ok(diagnostics.includes('response-too-large'));
});

test('the plain entry does not load light-my-request until handleNode runs', () => {
  const req = createRequire(import.meta.url);
  const loaded = () => Object.keys(req.cache).some((p) => p.includes(`${'light-my-request'}`));
  // This file's own imports (fastify) may load it; a fresh require of the entry in a child process says.
  const { execFileSync } = req('node:child_process');
  const script = "require('trigger-bridge'); process.stdout.write(String(Object.keys(require.cache).some((p) => p.includes('light-my-request'))))";
  assert.equal(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd() }).toString(), 'false');
  const after = "const tb = require('trigger-bridge'); tb.handleNode((q, s) => s.end('x'))(Buffer.from(JSON.stringify(tb.eventFromRequest({ url: 'https://h/' }, { to: 'aliyun-http' }).event)), {}).then(() => process.stdout.write(String(Object.keys(require.cache).some((p) => p.includes('light-my-request')))))";
  assert.equal(execFileSync(process.execPath, ['-e', after], { cwd: process.cwd() }).toString(), 'true');
  void loaded;
});

test('a plain http.Server works too', async () => {
  const server = http.createServer((req, res) => res.end(`server ${req.url}`));
  const handler = tb.handleNode(server);
  const event = tb.eventFromRequest({ url: 'https://h/s?a=1' }, { to: 'tencent-url' }).event;
  assert.equal(tb.clientResponse(await handler(event, {}), { format: 'tencent-url' }).bodyText, 'server /s?a=1');
});

test('handleNode leaves express alone for other apps: an express app behind a real socket still answers', async () => {
  const shared = Object.getPrototypeOf(express().request);
  const parent = Object.getPrototypeOf(shared);
  const injected = express();
  injected.get('/a', (req, res) => res.json({ ip: req.ip, path: req.path }));
  const handler = tb.handleNode(injected, { onDiagnostic: () => {} });
  const event = tb.eventFromRequest({ url: 'https://h/a', clientIp: '198.51.100.7' }, { to: 'tencent-apigw' }).event;
  assert.deepEqual(JSON.parse(tb.clientResponse(await handler(event, {}), { format: 'tencent-apigw' }).bodyText), { ip: '198.51.100.7', path: '/a' });
  // express's own request object keeps its parent (light-my-request re-parents a private copy).
  assert.equal(Object.getPrototypeOf(shared), parent);
  assert.equal(Object.getPrototypeOf(shared), http.IncomingMessage.prototype);
  const served = express();
  served.post('/b', express.json(), (req, res) => res.json({ got: req.body, secure: req.secure }));
  const server = http.createServer(served);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address();
    const res = await fetch(`http://127.0.0.1:${port}/b`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    assert.deepEqual(await res.json(), { got: { n: 1 }, secure: false });
  } finally {
    server.close();
  }
  // And the injected app keeps answering.
  assert.equal(tb.clientResponse(await handler(event, {}), { format: 'tencent-apigw' }).status, 200);
});
