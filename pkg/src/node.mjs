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
  return (opts) => load()(dispatch, opts);
}

function injectOptions(parts) {
  const url = new URL(parts.url);
  const headers = Object.create(null);
  for (const [name, value] of parts.headers) {
    const key = name.toLowerCase();
    if (headers[key] === undefined) headers[key] = value;
    else headers[key] = [].concat(headers[key], value);
  }
  // light-my-request would invent `user-agent: lightMyRequest`; an absent header stays absent.
  if (headers['user-agent'] === undefined) headers['user-agent'] = undefined;
  return {
    method: parts.method,
    url: url.pathname + url.search,
    authority: url.host,
    headers,
    payload: parts.body.length > 0 ? Buffer.from(parts.body.buffer, parts.body.byteOffset, parts.body.byteLength) : undefined,
    remoteAddress: parts.clientIp ?? undefined,
  };
}

function responseParts(res) {
  const headers = [];
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.push([name, String(v)]);
  }
  const body = res.rawPayload;
  return { status: res.statusCode, headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
}

export function createNodeAdapter(core, loadInject) {
  return function handleNode(listener, options = {}) {
    if (typeof loadInject !== 'function') {
      throw new core.TriggerBridgeError('unsupported', 'handleNode runs Node listeners; this entry has no Node (use handle with a fetch app)');
    }
    const inject = injectorFor(listener, loadInject);
    if (inject === null) throw new core.TriggerBridgeError('usage', 'handleNode(listener) needs a (req, res) function, a koa or fastify app, or an http.Server');

    const run = async (parts) => responseParts(await inject(injectOptions(parts)));

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
