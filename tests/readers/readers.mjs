// Third-party readers of each event format, each wrapped as one function: event (a parsed object) → what an
// app behind that reader sees. Shared by the reader tests (readers.test.mjs) and any test that compares an
// app's view of a request with these readers.
//
// Every reader answers `{ method, host, path, query, headers, body }`:
// - `host`: the host the app sees (`null` when the reader has none to give);
// - `path`: the request target's path as the app receives it, before any decoding (`/a%20b`);
// - `query`: `[name, value]` pairs, decoded, in order;
// - `headers`: `{ lower-case name: value }`, without `host` (in `host`) and without what the reader adds
//   itself (`content-length`, `connection`, fc-express's `x-fc-express-*`, the `content-type` Fetch gives a
//   string body that has none);
// - `body`: a Buffer of the bytes the app reads, except Midway's, which is what `ctx.request.body` gives
//   (parsed JSON or form data, a string, or `undefined` for GET, HEAD and OPTIONS).
//
// A reader that fails answers with an Error thrown: the wrapped reader's own exception (the Hono adapter), or
// `reader answered <status>` when it caught one itself and answered 500/502 (fc-express,
// tencent-serverless-http).

import { createRequire } from 'node:module';
import { Hono } from 'hono';
// The package's entry (`dist/index.js`) re-exports `./handler` without the `.js` extension, which Node's ES
// module loader cannot resolve (bundlers can): the handler module is imported directly.
import { handle } from 'hono-alibaba-cloud-fc3-adapter/dist/handler.js';

const require = createRequire(import.meta.url);
const { Server: FcExpressServer } = require('@webserverless/fc-express');
const express = require('express');
const tencentServerlessHttp = require('tencent-serverless-http');
const { HTTPRequest: MidwayRequest } = require('@midwayjs/serverless-http-parser');

/** Headers a Node-level reader adds on its own; not part of the request it was given. */
const ADDED = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'x-fc-express-event', 'x-fc-express-context']);

function headersOf(entries) {
  const out = Object.create(null);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!ADDED.has(lower)) out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { ...out };
}

function splitTarget(target) {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q + 1);
  return { path, query: [...new URLSearchParams(search)] };
}

/** What a Node `http` server saw, as a reading. */
function fromIncoming(req, body) {
  const { path, query } = splitTarget(req.url);
  return { method: req.method, host: req.headers.host ?? null, path, query, headers: headersOf(Object.entries(req.headers)), body };
}

/** A listener that records the one request it gets and answers 200. */
function recorder() {
  let resolve;
  const seen = new Promise((r) => { resolve = r; });
  const listener = (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      resolve(fromIncoming(req, Buffer.concat(chunks)));
      res.end('ok');
    });
  };
  return { listener, seen };
}

/**
 * Run a Node-level proxy reader: `start(listener)` returns `{ answered: Promise<response>, close }`. An event
 * without a `Host` header gets Node's own (`localhost`): the reading's host is then `null`.
 */
async function throughNode(event, start) {
  const { listener, seen } = recorder();
  const { answered, close } = start(listener);
  try {
    const response = await answered;
    if (response.statusCode !== 200) throw new Error(`reader answered ${response.statusCode}`);
    const reading = await seen;
    const given = Object.keys(event.headers ?? {}).some((k) => k.toLowerCase() === 'host');
    return given ? reading : { ...reading, host: null };
  } finally {
    await close();
  }
}

/**
 * The community Hono adapter for FC 3.0 (`hono-alibaba-cloud-fc3-adapter`): it builds
 * `https://${requestContext.domainName}${rawPath}` with `queryParameters` as the search, the headers, and the
 * body (base64-decoded when flagged), and hands the `Request` to a Hono app. Reads `aliyun-http`.
 */
export async function honoFc3(event) {
  let seen;
  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    seen = {
      method: c.req.method,
      host: url.host,
      path: url.pathname,
      query: [...url.searchParams],
      headers: headersOf(c.req.raw.headers.entries()),
      body: Buffer.from(await c.req.arrayBuffer()),
    };
    return c.text('ok');
  });
  // As FC calls an event function: the event as a Buffer of JSON.
  const response = await handle(app)(Buffer.from(JSON.stringify(event)), {});
  if (response.statusCode !== 200) throw new Error(`reader answered ${response.statusCode}`);
  if (seen.host === 'undefined') seen.host = null;
  // Fetch gives a string body `text/plain;charset=UTF-8` when the request names no type: the reader's own.
  if (!Object.keys(event.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')) delete seen.headers['content-type'];
  return seen;
}

/**
 * `@webserverless/fc-express` reading an Alibaba API Gateway event (`Server#proxy`): `url.format({ pathname:
 * path, query: queryParameters })` as the target of a request to a local Node server, here an Express app.
 * Reads `aliyun-apigw`.
 */
export async function fcExpress(event) {
  return throughNode(event, (listener) => {
    const app = express();
    app.use(listener);
    const server = new FcExpressServer(app);
    let answer;
    const answered = new Promise((resolve) => { answer = resolve; });
    // Quiet: the reader logs its own failures with console.error before answering 500.
    const error = console.error;
    const log = console.log;
    console.error = () => {};
    console.log = () => {};
    server.proxy(Buffer.from(JSON.stringify(event)), {}, (err, response) => answer(err ? { statusCode: 500 } : response));
    return {
      answered: answered.finally(() => { console.error = error; console.log = log; }),
      close: () => new Promise((resolve) => (server.rawServer.listening ? server.rawServer.close(() => resolve()) : resolve())),
    };
  });
}

/**
 * `tencent-serverless-http` (`proxy(server, event, context, 'PROMISE')`): `url.format({ pathname: path, query:
 * queryString })` as the target of a request to a local Node server. Reads `tencent-apigw` and `tencent-url`.
 */
export async function tencentHttp(event) {
  return throughNode(event, (listener) => {
    const server = tencentServerlessHttp.createServer(listener);
    const error = console.error;
    const log = console.log;
    console.error = () => {};
    console.log = () => {};
    const answered = tencentServerlessHttp.proxy(server, event, {}, 'PROMISE').promise.finally(() => { console.error = error; console.log = log; });
    return { answered, close: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())) };
  });
}

/**
 * Midway's `@midwayjs/serverless-http-parser` `HTTPRequest`: reads `httpMethod`, `path`, `queryParameters` or
 * `queryString`, the headers (lower-cased) and the body (base64-decoded when flagged `true` or `"true"`,
 * then parsed by content type). Reads `aliyun-apigw`, `tencent-apigw` and `tencent-url` (not FC 3.0 events,
 * whose method is under `requestContext.http`).
 */
export async function midway(event) {
  const req = new MidwayRequest(JSON.parse(JSON.stringify(event)), {});
  const query = [];
  for (const [name, value] of Object.entries(req.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) query.push([name, String(v)]);
  }
  let body;
  try {
    body = req.body;
  } catch (e) {
    body = new Error(e.message);
  }
  return { method: req.method, host: req.headers.host ?? null, path: req.path, query, headers: headersOf(Object.entries(req.headers)), body };
}

/** The readers of each format, by name: the first of each is the one the format's reference reading uses. */
export const READERS = {
  'aliyun-http': { 'hono-fc3': honoFc3 },
  'aliyun-apigw': { 'fc-express': fcExpress, midway },
  'tencent-apigw': { 'tencent-serverless-http': tencentHttp, midway },
  'tencent-url': { 'tencent-serverless-http': tencentHttp, midway },
};
