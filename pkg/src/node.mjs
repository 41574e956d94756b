// Node listeners (express, koa's app.callback(), fastify, plain `http` handlers) in memory: each event is
// injected with fastify's light-my-request, no socket, no port. The Node entry passes a loader for it, so a
// plain `require('trigger-bridge')` does not load it and the browser entry never reaches it.
//
// API (through the Node entries)
//
//   handleNode(listener, options?) -> handler(event, context, callback?)
//     listener: `(req, res) => void` (express, `http.createServer`'s callback, koa's `app.callback()`), a koa
//     app (its `.callback()` is used), a fastify instance (its own `.inject`), or an `http.Server`.
//     options: as `handle` (binary, debug, onLoss, onDiagnostic, onError, scheduled, timerRoute, platform,
//     from), without `env`. The app sees `req.socket.remoteAddress` = the client IP and every header the
//     event carried; a GET body is kept (Node can carry it). Timers go to `options.scheduled(timer, context)`
//     or are POSTed to `options.timerRoute`.

import { httpAdapter } from './fetch.mjs';

/** Whether light-my-request will treat `dispatch` as an express app (its "Express.js detection"). */
const isExpress = (dispatch) => Boolean(dispatch.request && dispatch.request.app === dispatch && dispatch.response);

/**
 * light-my-request re-parents the prototype of an express app's `request` and `response` (express's objects
 * shared by every app in the process) to its own Request and Response, after which every express app behind a
 * real socket in the process breaks. Give this app private copies of the two first, whose parents are
 * light-my-request's: its detection then re-parents the copies, and the shared objects stay as they are.
 * light-my-request exports neither class, so one injection that answers at once shows their prototypes.
 */
async function isolateExpress(app, inject) {
  const own = (object, parent) => Object.create(parent, Object.getOwnPropertyDescriptors(object));
  let protos = null;
  await inject((req, res) => {
    protos = [Object.getPrototypeOf(req), Object.getPrototypeOf(res)];
    res.end();
  }, { method: 'GET', url: '/', validate: false });
  if (protos === null) return;
  Object.setPrototypeOf(app.request, own(Object.getPrototypeOf(app.request), protos[0]));
  Object.setPrototypeOf(app.response, own(Object.getPrototypeOf(app.response), protos[1]));
}

function injectorFor(listener, load) {
  if (listener && typeof listener.inject === 'function' && typeof listener.ready === 'function') {
    return (opts) => listener.inject(opts); // fastify injects into itself
  }
  let dispatch = listener;
  if (listener && typeof listener !== 'function') {
    if (typeof listener.callback === 'function') dispatch = listener.callback(); // koa
    else if (typeof listener.emit === 'function' && typeof listener.listeners === 'function') dispatch = (req, res) => listener.emit('request', req, res); // http.Server
  }
  if (typeof dispatch !== 'function') return null;
  let ready = null; // light-my-request, once loaded (and the express app isolated)
  return async (opts) => {
    if (ready === null) {
      const inject = load();
      if (isExpress(dispatch)) await isolateExpress(dispatch, inject);
      ready = inject;
    }
    // The options are built here, well-formed: light-my-request's schema check would only cost time. With a
    // callback, light-my-request injects at once (without one it builds a chainable object first and starts on
    // the next tick).
    opts.validate = false;
    return new Promise((resolve, reject) => ready(dispatch, opts, (error, res) => (error ? reject(error) : resolve(res))));
  };
}

/** Headers whose repeats Node's HTTP parser discards, keeping the first (`message.headers` in Node's docs). */
const SINGLE_VALUE = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

function injectOptions(parts) {
  // The URL is absolute (`scheme://host/path?query`): the request target and the authority, without a URL parse.
  const hostStart = parts.url.indexOf('//') + 2;
  let pathStart = parts.url.indexOf('/', hostStart);
  if (pathStart < 0) pathStart = parts.url.length;
  // Repeated fields as a Node server shows them in `req.headers`: light-my-request 6.6 (the last version whose
  // dependencies load with require() on Node 18) would join an array with bare commas.
  const headers = Object.create(null);
  for (const [name, value] of parts.headers) {
    const key = name.toLowerCase();
    if (headers[key] === undefined) headers[key] = value;
    else if (!SINGLE_VALUE.has(key)) headers[key] += key === 'cookie' ? `; ${value}` : `, ${value}`;
  }
  // light-my-request would invent `user-agent: lightMyRequest`; an absent header stays absent.
  if (headers['user-agent'] === undefined) headers['user-agent'] = undefined;
  return {
    method: parts.method,
    url: parts.url.slice(pathStart) || '/',
    authority: parts.url.slice(hostStart, pathStart),
    headers,
    payload: parts.body.length > 0 ? Buffer.from(parts.body.buffer, parts.body.byteOffset, parts.body.byteLength) : undefined,
    remoteAddress: parts.clientIp ?? undefined,
  };
}

function responseParts(res, method) {
  const headers = [];
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.push([name, String(v)]);
  }
  // A Node server sends no body for HEAD whatever the listener writes; light-my-request 6.6 keeps it.
  const body = method === 'HEAD' ? Buffer.alloc(0) : res.rawPayload;
  return { status: res.statusCode, headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
}

export function createNodeAdapter(core, loadInject) {
  return function handleNode(listener, options = {}) {
    if (typeof loadInject !== 'function') {
      throw new core.TriggerBridgeError('unsupported', 'handleNode runs Node listeners; this entry has no Node (use handle with a fetch app)');
    }
    const inject = injectorFor(listener, loadInject);
    if (inject === null) throw new core.TriggerBridgeError('usage', 'handleNode(listener) needs a (req, res) function, a koa or fastify app, or an http.Server');

    const run = async (parts) => responseParts(await inject(injectOptions(parts)), parts.method.toUpperCase());

    const scheduled = async (timer, ctx) => {
      if (typeof options.scheduled === 'function') return options.scheduled(timer, ctx);
      if (typeof options.timerRoute === 'string') {
        const res = await inject({
          method: 'POST',
          url: options.timerRoute,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'x-timer-name': String(timer.name ?? ''), 'x-timer-time': String(timer.time ?? ''), 'user-agent': undefined },
          payload: timer.payload ?? '',
        });
        return res.payload;
      }
      throw new core.TriggerBridgeError('unsupported', `a ${timer.format} event arrived, and handleNode() has neither options.scheduled nor options.timerRoute`, '', timer.format);
    };

    return httpAdapter(core, options, false, run, scheduled);
  };
}
