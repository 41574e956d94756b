// The HTTP side: one node:http server per emulated format, bound to 127.0.0.1 unless told otherwise. Each
// request is read (limits.mjs), served (gateway.mjs), written back exactly as the gateway answers it, logged
// (log.mjs) and recorded (record.mjs). Requests are served concurrently; nothing a client or a handler does
// can stop the server: malformed HTTP gets 400, and an error of this code gets 500 and a log line.

import http from 'node:http';
import { serveRequest } from './gateway.mjs';
import { readBody, MAX_HEADER_SIZE } from './limits.mjs';

/** Local control endpoints (not a platform's): `GET` lists the timers, `POST /<name>` fires one (or all). */
export const CONTROL_PATH = '/__trigger-bridge/timers';
/**
 * Event triggers (object storage, message queues): `GET` lists them, `POST /<name>` with a JSON description
 * (`{"key": "a.jpg", "size": 10}`) or a whole event fires one.
 */
export const FIRE_PATH = '/__trigger-bridge/fire';

function headerPairs(rawHeaders) {
  const pairs = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i], rawHeaders[i + 1]]);
  return pairs;
}

/** Write a client response: repeated names (several Set-Cookie) stay separate fields, in order. */
function writeClient(res, method, client) {
  const grouped = new Map();
  for (const [name, value] of client.headers) {
    const key = name.toLowerCase();
    if (!grouped.has(key)) grouped.set(key, { name, values: [] });
    grouped.get(key).values.push(value);
  }
  const body = Buffer.from(client.body.buffer, client.body.byteOffset, client.body.byteLength);
  for (const { name, values } of grouped.values()) res.setHeader(name, values.length === 1 ? values[0] : values);
  if (!grouped.has('content-length') && !grouped.has('transfer-encoding')) res.setHeader('Content-Length', body.length);
  // Node knows no reason phrase for SCF's own statuses (430, 433, …): use the platform's error name.
  const phrase = http.STATUS_CODES[client.status] || (client.gatewayError && client.gatewayError.code) || '';
  res.writeHead(client.status, phrase.replace(/[^\t\x20-\x7e]/g, ''));
  res.end(method === 'HEAD' ? undefined : body);
}

function json(res, status, value) {
  const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}

/** The fire endpoint: list the event triggers, or fire one with the request's JSON description. */
async function fireEndpoint(req, res, path, events) {
  const name = decodeURIComponent(path.slice(FIRE_PATH.length + 1).split('?')[0]);
  if (req.method === 'GET' && !name) return json(res, 200, { triggers: events ? events.describe() : [] });
  if (req.method !== 'POST' || !name) return json(res, 405, { error: `POST ${FIRE_PATH}/NAME fires a trigger; GET ${FIRE_PATH} lists them` });
  const text = Buffer.from(await readBody(req)).toString('utf8').trim();
  let description = {};
  try {
    if (text) description = JSON.parse(text);
  } catch (e) {
    return json(res, 400, { code: 'invalid-json', error: `the description is not JSON: ${e.message}` });
  }
  try {
    if (!events) throw Object.assign(new Error('this function has no event triggers'), { status: 404, code: 'no-trigger' });
    const { name: n, format, from, writtenFor, adapted, ok, ms, event, invocations, losses, adaptLosses, notes, result, error } = await events.fire(name, description);
    return json(res, 200, { name: n, format, from, writtenFor, adapted, ok, ms, event, invocations, losses, adaptLosses, notes, result: result === undefined ? null : result, error });
  } catch (e) {
    if (!e.status) throw e;
    return json(res, e.status, { code: e.code, error: e.message });
  }
}

/**
 * A server for `format` (an HTTP format; `null` for the control endpoints alone, when the function has no HTTP
 * trigger). `state` holds what a reload may replace: `{ fn, loader, recorder, timers, events }`.
 * `onRequest(entry)` is called after each request (tests, --verbose tools).
 */
export function createServer({ format, state, log, onRequest }) {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_SIZE }, async (req, res) => {
    const started = Date.now();
    const path = req.url || '/';
    try {
      if (path === CONTROL_PATH || path.startsWith(`${CONTROL_PATH}/`)) {
        const timers = state.timers;
        const name = decodeURIComponent(path.slice(CONTROL_PATH.length + 1)) || undefined;
        if (req.method === 'GET') return json(res, 200, { timers: timers ? timers.describe() : [] });
        if (req.method !== 'POST') return json(res, 405, { error: 'POST fires timers; GET lists them' });
        req.resume();
        const fired = timers ? await timers.fire(name) : [];
        if (name && fired.length === 0) return json(res, 404, { error: `no timer named ${name}` });
        return json(res, 200, { fired: fired.map(({ name: n, ok, error, ms, event, result }) => ({ name: n, ok, error, ms, event, result })) });
      }
      if (path === FIRE_PATH || path.startsWith(`${FIRE_PATH}/`)) return await fireEndpoint(req, res, path, state.events);
      if (!format) {
        req.resume();
        return json(res, 404, { error: `this function has no HTTP trigger: fire its event triggers with POST ${FIRE_PATH}/NAME (GET ${FIRE_PATH} lists them)` });
      }
      const body = await readBody(req);
      const { fn, loaderFor, recorder } = state;
      const loader = loaderFor(format);
      const r = await serveRequest({ format, method: req.method, url: path, headers: headerPairs(req.rawHeaders), body, clientIp: req.socket.remoteAddress, fn, loader,
        onLate: (w) => log.warn(`${format} ${req.method} ${path.split('?')[0]}: after its answer the handler did this: ${w.code}: ${w.message}`) });
      // Logged and recorded before the answer leaves, so a caller that has its answer finds its line.
      const entry = { format, method: req.method, path: path.split('?')[0], ms: Date.now() - started, r };
      log.request(entry);
      if (recorder) recorder.write(entry);
      if (onRequest) onRequest(entry);
      writeClient(res, req.method, r.client);
    } catch (e) {
      log.warn(`${format} ${req.method} ${path}: trigger-bridge failed to serve this request: ${e && e.stack ? e.stack : e}`);
      if (!res.headersSent) json(res, 500, { error: 'trigger-bridge serve failed on this request; see its log' });
      else res.destroy();
    }
  });
  server.on('clientError', (err, socket) => {
    log.warn(`${format}: malformed HTTP from a client (${err.code || err.message}): answered 400`);
    if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
