// The cases of the adapters' per-request benchmark: the adapters next to the libraries users reach for today,
// on a 2 KB event (issue 11 item 11, issue 14 aim 2). Not a timed test: bench/bench.mjs times them and writes
// the table in docs/performance.md.
//
//   - `handle` of a Hono app vs the community FC 3.0 adapter (`hono-alibaba-cloud-fc3-adapter`), on an FC 3.0
//     HTTP trigger event (a Buffer, as FC hands it);
//   - `handleNode` of an express app vs `tencent-serverless-http` (a unix-socket proxy), on a Tencent API
//     Gateway event, and vs `@webserverless/fc-express` (a local-server proxy), on an Alibaba API Gateway event.
//
// Every library runs in one process, in alternating rounds: `handleNode` gives each express app private
// request/response prototypes, so light-my-request no longer re-parents express's shared ones under the
// socket-based libraries (which used to need a process each).
//
//   import { adapterCases } from './adapters.mjs';
//   const cases = await adapterCases(); // [{ group, name, ours, floor?, run: async () => answer, check(answer), close? }]
//
// `check(answer)` throws unless the answer is the right one (the comparison is fair only if each answers
// right); `close()`, where present, releases what the case holds open (a socket server). A case with
// `floor: [group, …]` is the app alone, run the cheapest way its kind of app can run, with no event read and
// no integration response: every adapter of those groups runs at least that, so its time over an
// alternative's is the lowest ratio any adapter could reach there. bench/bench.mjs
// (`bash scripts/bench.sh`) runs the cases, from a project where the packed package and the pinned
// third-party libraries of tests/readers are installed (this file imports them by name).

import { createRequire } from 'node:module';
import tb from 'trigger-bridge';
import { Hono } from 'hono';
import { handle as honoFc3 } from 'hono-alibaba-cloud-fc3-adapter/dist/handler.js';

const require = createRequire(import.meta.url);
const express = require('express');
// The light-my-request that `handleNode` uses: trigger-bridge's own dependency.
const inject = createRequire(require.resolve('trigger-bridge/package.json'))('light-my-request');
const tencentServerlessHttp = require('tencent-serverless-http');
const { Server: FcExpressServer } = require('@webserverless/fc-express');

/** A 2 KB request: a JSON body, a dozen headers, a query. */
function request() {
  const headers = { host: 'api.example.com', 'content-type': 'application/json', 'user-agent': 'bench/1.0', accept: 'application/json', 'x-request-id': 'abc-123' };
  for (let i = 0; i < 8; i++) headers[`x-extra-${i}`] = `value-${i}-${'v'.repeat(20)}`;
  const body = JSON.stringify({ items: Array.from({ length: 14 }, (_, i) => ({ id: i, name: `item number ${i}`, tags: ['a', 'b'] })) });
  return { method: 'POST', url: 'https://api.example.com/api/items/42?expand=1&page=2', headers, body };
}

const honoApp = () => {
  const app = new Hono();
  app.post('/api/items/:id', async (c) => c.json({ id: c.req.param('id'), count: (await c.req.json()).items.length }));
  return app;
};
const expressApp = () => {
  const app = express();
  app.use(express.json());
  app.post('/api/items/:id', (req, res) => res.json({ id: req.params.id, count: req.body.items.length }));
  return app;
};

/** Run `fn` with console output dropped (the socket proxies log every request). */
const quiet = async (fn) => {
  const { log, error, warn, info } = console;
  console.log = console.error = console.warn = console.info = () => {};
  try {
    return await fn();
  } finally {
    Object.assign(console, { log, error, warn, info });
  }
};

/** Throws unless `result` is an integration response whose body is the app's answer. */
function check(result) {
  const r = result && typeof result.body === 'string' ? result : null;
  const text = r && (r.isBase64Encoded ? Buffer.from(r.body, 'base64').toString() : r.body);
  if (!text || !text.includes('"id":"42"') || !text.includes('"count":14') || Number(r.statusCode) !== 200) {
    throw new Error(`answered ${JSON.stringify(result).slice(0, 300)}`);
  }
}

/** The events, by format, and their sizes in bytes. */
export function adapterEvents() {
  const req = request();
  const fc = Buffer.from(JSON.stringify(tb.eventFromRequest(req, { to: 'aliyun-http' }).event));
  const scf = tb.eventFromRequest(req, { to: 'tencent-apigw' }).event;
  const apigw = Buffer.from(JSON.stringify(tb.eventFromRequest(req, { to: 'aliyun-apigw' }).event));
  return { 'aliyun-http': fc, 'tencent-apigw': scf, 'aliyun-apigw': apigw };
}

/** The benchmark's cases (see the header), each with its own app instance. */
export async function adapterCases() {
  const events = adapterEvents();
  const ours = {
    hono: tb.handle(honoApp(), { onLoss: () => {} }),
    express: tb.handleNode(expressApp(), { onLoss: () => {}, onDiagnostic: () => {} }),
  };
  const theirsHono = honoFc3(honoApp());
  // The floors: the Hono app given a Request built from the request's own fields, its body read; the express
  // app through light-my-request, in memory. The express app is first run once through `handleNode`, which
  // gives it private request and response prototypes (light-my-request would otherwise re-parent express's
  // shared ones under the socket-based libraries).
  const req = request();
  const honoAlone = honoApp();
  const expressAlone = expressApp();
  await tb.handleNode(expressAlone, { onLoss: () => {} })(events['tencent-apigw'], {});
  const target = new URL(req.url);
  const injectOptions = { method: req.method, url: target.pathname + target.search, headers: req.headers, payload: req.body, validate: false };
  const injected = (listener) => () => new Promise((resolve, reject) => inject(listener, injectOptions, (error, res) => (error ? reject(error) : resolve({ statusCode: res.statusCode, body: res.payload }))));
  // What light-my-request costs on its own: a listener that reads the body and answers as the app does.
  const bare = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks));
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ id: '42', count: body.items.length }));
    });
  };
  const tshServer = tencentServerlessHttp.createServer(expressApp());
  const fcExpress = new FcExpressServer(expressApp());
  const fcExpressCall = (event) => new Promise((resolve, reject) => fcExpress.proxy(event, {}, (err, res) => (err ? reject(err) : resolve(res))));
  const hono = 'Hono app on `aliyun-http`';
  const scf = 'express app on `tencent-apigw`';
  const apigw = 'express app on `aliyun-apigw`';
  return [
    { group: hono, name: 'trigger-bridge `handle`', ours: true, run: () => ours.hono(events['aliyun-http'], {}), check },
    { group: hono, name: 'hono-alibaba-cloud-fc3-adapter 1.0.2', ours: false, run: () => theirsHono(events['aliyun-http'], {}), check },
    { group: scf, name: 'trigger-bridge `handleNode`', ours: true, run: () => ours.express(events['tencent-apigw'], {}), check },
    {
      group: scf,
      name: 'tencent-serverless-http 1.3.2',
      ours: false,
      run: () => quiet(() => tencentServerlessHttp.proxy(tshServer, events['tencent-apigw'], {}, 'PROMISE').promise),
      check,
      close: () => tshServer.close(),
    },
    { group: apigw, name: 'trigger-bridge `handleNode`', ours: true, run: () => ours.express(events['aliyun-apigw'], {}), check },
    { group: apigw, name: '@webserverless/fc-express 1.0.0', ours: false, run: () => quiet(() => fcExpressCall(events['aliyun-apigw'])), check },
    {
      floor: [hono],
      name: 'the Hono app alone (`new Request` from the request, `app.fetch`, the body read)',
      ours: false,
      run: async () => {
        const res = await honoAlone.fetch(new Request(req.url, { method: req.method, headers: req.headers, body: req.body }));
        return { statusCode: res.status, body: await res.text() };
      },
      check,
    },
    { floor: [scf, apigw], name: 'the express app alone (light-my-request, in memory)', ours: false, run: injected(expressAlone), check },
    { floor: [scf, apigw], name: 'light-my-request alone (a plain listener that parses the body and answers)', ours: false, run: injected(bare), check },
  ];
}
