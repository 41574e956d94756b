// Fetch apps (Hono, itty-router, anything `(request, env, ctx) => Response`): events as WHATWG Requests and
// Responses as integration responses. Runs on Node 18+ and in browsers; imports no Node module.
//
// API (through the package's entries)
//
//   toRequest(event, {from?}) -> { request: Request, losses, info }
//     info = { format, clientIp, requestId, stage, pathParameters: [[name, value]], pathTemplate, time }.
//     A GET or HEAD body, which a Request cannot carry, is dropped with a `body-dropped` loss.
//   fromResponse(response, {format, binary?}) -> Promise<{ response, losses, diagnostics, gatewayError }>
//     `binary`: a list of media types that are always base64 (`image/*`), a boolean, or
//     `(contentType, headers) => boolean`; by default the core chooses by content type and encoding.
//     When the platform would reject the result, `response` is the platform's answer and `gatewayError` says why.
//   handle(app, options?) -> handler(event, context, callback?)
//     One handler for FC and SCF on all four HTTP formats; `app` is a fetch function or has `.fetch`.
//     options: { env?: object | (context) => object, binary?, debug?, onLoss?, onDiagnostic?, onError?,
//                scheduled?: (timer, env, ctx) => unknown, timerRoute?: string, platform?, from? }
//     The app receives `(request, env, ctx)`: env defaults to `{ context, event }` (the normalised context and
//     the event as it arrived); ctx is `{ waitUntil(promise), passThroughOnException(), context }` and the
//     handler waits for every `waitUntil` promise before it answers (the platform may freeze it after).

import { normalizeContext } from './context.mjs';
import { handlerEntry, isBytes, platformOf, reporter, serverError, timerInfo } from './runtime.mjs';

const encoder = new TextEncoder();

/** A header value as Node's HTTP parser would show its bytes: UTF-8 text beyond Latin-1 as its bytes. */
function byteString(value) {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u00ff]/.test(value)) return value;
  let out = '';
  for (const b of encoder.encode(value)) out += String.fromCharCode(b);
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A Request's body for these bytes: a small UTF-8 body as its text, which a Request takes in about two thirds of
 * the time bytes cost it (it copies bytes into a byte stream) and reads back as the same bytes; bytes otherwise.
 * Only with a `Content-Type`: a Request given text and none would add `text/plain;charset=UTF-8`.
 */
function bodyInit(body, headers) {
  if (body.length > 16384 || !headers.some(([name]) => name.length === 12 && name.toLowerCase() === 'content-type')) return body;
  try {
    return strictUtf8.decode(body);
  } catch {
    return body;
  }
}

/**
 * Header fields for a Request: an object (without a prototype) when no name repeats, which a Request reads
 * about a fifth faster than pairs; the pairs otherwise. Either goes to the Request as it is: a Headers built
 * first would be copied into the Request's own. A Headers lists names sorted and lower-case whatever it is given.
 */
function headerInit(pairs) {
  const object = Object.create(null);
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    if (key in object) return pairs.map(([n, v]) => [n, byteString(v)]);
    object[key] = byteString(value);
  }
  return object;
}

/** The WHATWG Request for request parts. */
export function requestFrom(parts) {
  const init = { method: parts.method, headers: headerInit(parts.headers) };
  if (parts.body.length > 0) init.body = bodyInit(parts.body, parts.headers);
  return new Request(parts.url, init);
}

const infoOf = (parts) => ({
  format: parts.format,
  clientIp: parts.clientIp,
  requestId: parts.requestId,
  stage: parts.stage,
  pathParameters: parts.pathParameters,
  pathTemplate: parts.pathTemplate,
  time: parts.time,
});

/** Status, header pairs (every Set-Cookie apart) and body bytes of a WHATWG Response. */
export async function responseParts(response) {
  if (!response || typeof response.arrayBuffer !== 'function' || !response.headers || typeof response.status !== 'number') {
    throw new TypeError(`the app answered ${response === null ? 'null' : typeof response}, not a Response`);
  }
  const headers = [];
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : null;
  response.headers.forEach((value, name) => {
    if (cookies === null || name.toLowerCase() !== 'set-cookie') headers.push([name, value]);
  });
  if (cookies !== null) for (const c of cookies) headers.push(['set-cookie', c]);
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
}

/** `{base64?, binaryTypes?}` for the core from the `binary` option and the response. */
export function encodingOf(binary, parts) {
  if (binary === undefined || binary === null) return undefined;
  if (typeof binary === 'boolean') return { base64: binary };
  if (Array.isArray(binary)) return { binaryTypes: binary.map(String) };
  if (typeof binary === 'function') {
    const type = parts.headers.find(([n]) => n.toLowerCase() === 'content-type');
    return { base64: Boolean(binary(type ? type[1] : null, parts.headers)) };
  }
  throw new TypeError('options.binary must be a list of media types, a boolean or a function');
}

/**
 * The HTTP-event adapter shared by `handle` and `handleNode`: `run(parts, ctx, event)` answers response parts.
 * `fetch` says whether a GET or HEAD body must be dropped (a WHATWG Request cannot carry it).
 */
export function httpAdapter(core, options, fetch, run, scheduled) {
  const report = reporter(options);
  return handlerEntry(async (event, context) => {
    const platform = platformOf(event, options);
    const ctx = normalizeContext(context, platform);
    const rep = report(ctx.logger);
    const bytes = core.toBytes(event);
    let parts;
    try {
      parts = core.requestParts(bytes, options.from, fetch);
    } catch (e) {
      if (e && e.code === 'unsupported' && typeof e.format === 'string' && e.format.endsWith('-timer')) {
        return scheduled(timerInfo(core, bytes, e.format), ctx, event);
      }
      throw e;
    }
    const where = { format: parts.format, platform, requestId: ctx.requestId };
    rep.losses(parts.losses, where);
    let answer;
    try {
      answer = await run(parts, ctx, event);
    } catch (error) {
      rep.error(error, where);
      answer = serverError(error, options.debug);
    }
    const out = core.integrationResponse(answer, parts.format, encodingOf(options.binary, answer));
    rep.losses(out.losses, where);
    rep.diagnostics(out.diagnostics, where);
    return out.response;
  }, options);
}

export function createFetchAdapters(core) {
  function toRequest(event, options = {}) {
    const parts = core.requestParts(core.toBytes(event), options.from, true);
    return { request: requestFrom(parts), losses: parts.losses, info: infoOf(parts) };
  }

  async function fromResponse(response, options) {
    if (!options || !options.format) throw new core.TriggerBridgeError('usage', 'fromResponse needs options.format');
    const parts = await responseParts(response);
    return core.integrationResponse(parts, options.format, encodingOf(options.binary, parts));
  }

  function handle(app, options = {}) {
    const fetchFn = typeof app === 'function' ? app : app && typeof app.fetch === 'function' ? app.fetch.bind(app) : null;
    if (fetchFn === null) throw new core.TriggerBridgeError('usage', 'handle(app) needs a fetch function or an object with .fetch');
    const envOf = (ctx, event) => (typeof options.env === 'function' ? options.env(ctx, event) : options.env ?? { context: ctx, event });
    const execution = (ctx) => {
      const pending = [];
      return { pending, ctx: { waitUntil: (p) => pending.push(Promise.resolve(p).catch(() => {})), passThroughOnException() {}, context: ctx } };
    };

    const run = async (parts, ctx, event) => {
      let request;
      try {
        request = requestFrom(parts);
      } catch (error) {
        // A method or header WHATWG refuses (CONNECT, TRACE, a malformed name): what a server would answer.
        ctx.logger.warn(`trigger-bridge: the event is not a valid fetch Request (${error && error.message}); answering 400`);
        return { status: 400, headers: [['content-type', 'text/plain; charset=utf-8']], body: encoder.encode('Bad Request') };
      }
      const exec = execution(ctx);
      try {
        return await responseParts(await fetchFn(request, envOf(ctx, event), exec.ctx));
      } finally {
        if (exec.pending.length > 0) await Promise.all(exec.pending);
      }
    };

    const scheduled = async (timer, ctx, event) => {
      const exec = execution(ctx);
      try {
        const hook = options.scheduled ?? (app && typeof app.scheduled === 'function' ? app.scheduled.bind(app) : null);
        if (hook) return await hook(timer, envOf(ctx, event), exec.ctx);
        if (typeof options.timerRoute === 'string') {
          const url = new URL(options.timerRoute, 'https://localhost').href;
          const headers = { 'content-type': 'text/plain; charset=utf-8', 'x-timer-name': byteString(timer.name ?? ''), 'x-timer-time': timer.time ?? '' };
          const response = await fetchFn(new Request(url, { method: 'POST', headers, body: timer.payload ?? '' }), envOf(ctx, event), exec.ctx);
          return await response.text();
        }
        throw new core.TriggerBridgeError('unsupported', `a ${timer.format} event arrived, and handle() has neither options.scheduled, app.scheduled nor options.timerRoute`, '', timer.format);
      } finally {
        await Promise.all(exec.pending);
      }
    };

    return httpAdapter(core, options, true, run, scheduled);
  }

  return { toRequest, fromResponse, handle };
}

export { isBytes };
