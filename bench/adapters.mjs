// Per-request cost of the adapters next to the libraries users reach for today, in one run, on a 2 KB event
// (issue 11 item 11). Not a timed test: it prints a Markdown table for docs/performance.md.
//
//   - `handle` of a Hono app vs the community FC 3.0 adapter (`hono-alibaba-cloud-fc3-adapter`), on an FC 3.0
//     HTTP trigger event (a Buffer, as FC hands it);
//   - `handleNode` of an express app vs `tencent-serverless-http` (a unix-socket proxy), on a Tencent API
//     Gateway event, and vs `@webserverless/fc-express` (a local-server proxy), on an Alibaba API Gateway event.
//
// Run by scripts/bench-adapters.sh, which installs the packed package and the pinned third-party libraries
// of tests/readers into a temporary project; run this file from there (it imports them by name).

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import tb from 'trigger-bridge';
import { Hono } from 'hono';
import { handle as honoFc3 } from 'hono-alibaba-cloud-fc3-adapter/dist/handler.js';

const require = createRequire(import.meta.url);
const express = require('express');
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

async function measure(name, fn, { rounds = 7, perRound = 300 } = {}) {
  for (let i = 0; i < 200; i++) await fn(); // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) await fn();
    times.push(((performance.now() - start) * 1000) / perRound);
  }
  times.sort((a, b) => a - b);
  return { name, us: times[Math.floor(times.length / 2)] };
}

const quiet = async (fn) => {
  const { log, error, warn } = console;
  console.log = console.error = console.warn = () => {};
  try {
    return await fn();
  } finally {
    Object.assign(console, { log, error, warn });
  }
};

const req = request();
const fcEvent = Buffer.from(JSON.stringify(tb.eventFromRequest(req, { to: 'aliyun-http' }).event));
const scfEvent = tb.eventFromRequest(req, { to: 'tencent-apigw' }).event;
const apigwEvent = Buffer.from(JSON.stringify(tb.eventFromRequest(req, { to: 'aliyun-apigw' }).event));
const sizes = { 'aliyun-http': fcEvent.length, 'tencent-apigw': JSON.stringify(scfEvent).length, 'aliyun-apigw': apigwEvent.length };

const ours = { hono: tb.handle(honoApp(), { onLoss: () => {} }), express: tb.handleNode(expressApp(), { onLoss: () => {}, onDiagnostic: () => {} }) };
const theirsHono = honoFc3(honoApp());
const tshServer = tencentServerlessHttp.createServer(expressApp());
const fcExpress = new FcExpressServer(expressApp());
const fcExpressCall = (event) => new Promise((resolve, reject) => fcExpress.proxy(event, {}, (err, res) => (err ? reject(err) : resolve(res))));

const check = (label, result) => {
  const r = result && (typeof result.body === 'string' ? result : null);
  const text = r && (r.isBase64Encoded ? Buffer.from(r.body, 'base64').toString() : r.body);
  if (!text || !text.includes('"count":14')) throw new Error(`${label} answered ${JSON.stringify(result).slice(0, 300)}`);
};

// Each case runs in a process of its own: light-my-request re-parents express's shared request prototype
// (its "Express.js detection"), after which an express app behind a real socket in the same process breaks.
const CASES = {
  'handle-hono': ['trigger-bridge `handle`', () => ours.hono(fcEvent, {})],
  'hono-fc3': ['hono-alibaba-cloud-fc3-adapter 1.0.2', () => theirsHono(fcEvent, {})],
  'handleNode-scf': ['trigger-bridge `handleNode`', () => ours.express(scfEvent, {})],
  'tencent-serverless-http': ['tencent-serverless-http 1.3.2', () => tencentServerlessHttp.proxy(tshServer, scfEvent, {}, 'PROMISE').promise],
  'handleNode-apigw': ['trigger-bridge `handleNode`', () => ours.express(apigwEvent, {})],
  'fc-express': ['@webserverless/fc-express 1.0.0', () => fcExpressCall(apigwEvent)],
};
const only = process.argv[2];
if (only) {
  const [name, fn] = CASES[only];
  const checks = {
    'handle-hono': () => ours.hono(fcEvent, {}),
    'hono-fc3': () => theirsHono(fcEvent, {}),
    'handleNode-scf': () => ours.express(scfEvent, {}),
    'tencent-serverless-http': () => quiet(() => tencentServerlessHttp.proxy(tshServer, scfEvent, {}, 'PROMISE').promise),
    'handleNode-apigw': () => ours.express(apigwEvent, {}),
    'fc-express': () => quiet(() => fcExpressCall(apigwEvent)),
  };
  check(name, await checks[only]()); // the same answer first: the comparison is fair only if each answers right
  const result = await quiet(() => measure(name, fn));
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}
const { execFileSync } = require('node:child_process');
const run = (key) => JSON.parse(execFileSync(process.execPath, [new URL(import.meta.url).pathname, key], { encoding: 'utf8' }));
const rows = [
  ['Hono app', 'aliyun-http', run('handle-hono'), run('hono-fc3')],
  ['express app', 'tencent-apigw', run('handleNode-scf'), run('tencent-serverless-http')],
  ['express app', 'aliyun-apigw', run('handleNode-apigw'), run('fc-express')],
];
tshServer.close();

const f = (us) => `${us.toFixed(1)} µs`;
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; events of ${Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(', ')}; median of 7 rounds of 300 requests after 200 warm-up requests, each library in a process of its own.\n`);
console.log('| app | event | trigger-bridge | per request | alternative | per request | ratio |');
console.log('|---|---|---|---|---|---|---|');
for (const [what, format, a, b] of rows) console.log(`| ${what} | \`${format}\` | ${a.name} | ${f(a.us)} | ${b.name} | ${f(b.us)} | ${(a.us / b.us).toFixed(2)}× |`);
process.exit(0);
