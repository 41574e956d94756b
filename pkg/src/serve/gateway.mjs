// One request through an emulated gateway: HTTP request → the event of the chosen format (eventFromRequest)
// → the gateway's refusals (gateway.refusal) → the handler, called with the platform's calling convention and
// a context of that platform (invoke.mjs, context.mjs) → what the caller receives (clientResponse, or
// gateway.failure for a throw, a timeout or an oversized answer). Every platform rule is the Rust core's:
// this file only moves values between those calls.

import { randomUUID } from 'node:crypto';
import tb from '../../index.cjs';
import { invoke, errorInfo } from '../invoke.mjs';
import { localContextInfo, fcContext, scfContext, contextFromWebHeaders, CREDENTIAL_HEADERS } from '../context.mjs';

/** `aliyun` or `tencent`: whose calling convention and context a format's handler gets. */
export const platformOf = (format) => (String(format).startsWith('tencent') ? 'tencent' : 'aliyun');

const OWN_ADDITIONS = ['request-id-dropped', 'time-dropped', 'client-ip-dropped'];
const WEB_FUNCTION_MARKERS = ['x-fc-request-id', 'x-scf-request-id'];

/**
 * Split request headers into what reaches the event and what fills the context: on a web function the
 * platform's injected headers fill the context, and the ones carrying credentials never reach the event
 * (nor the log or the record, which see only the event).
 */
export function separateHeaders(pairs) {
  const lower = pairs.map(([n]) => n.toLowerCase());
  const web = lower.some((n) => WEB_FUNCTION_MARKERS.includes(n)) ? contextFromWebHeaders(pairs) : null;
  const kept = pairs.filter(([n]) => !CREDENTIAL_HEADERS.includes(n.toLowerCase()));
  return { headers: kept, web };
}

/** The bytes the platform would read from a handler's result (FC: a Buffer as is, else JSON). */
function resultBytes(result) {
  if (result instanceof Uint8Array) return result;
  if (typeof result === 'string') return Buffer.from(result);
  if (result === undefined) return Buffer.from('null');
  return Buffer.from(JSON.stringify(result) ?? 'null');
}

/** The result as the playground's Play back reads it: JSON where it is JSON, else its text. */
function recordable(bytes) {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}


/**
 * Serve one request as `format`'s gateway. `fn` is `{ name, memoryMb, timeoutMs, region, methodsFor(format), apisFor(format), signedFor(format) }`; `loader`
 * is a handler loader (handler.mjs); `onLate(warning)` hears what the handler does after it answered. Never throws: returns `{ client, event, losses, result, outcome, error,
 * requestId, warnings }`, where `client` is what the caller receives (`{status, headers, body}`).
 */
export async function serveRequest({ format, method, url, headers, body, clientIp, fn, loader, onLate }) {
  const platform = platformOf(format);
  const { headers: kept, web } = separateHeaders(headers);
  const requestId = (web && web.requestId) || randomUUID();
  const warnings = [];
  let conversion;
  try {
    conversion = tb.eventFromRequest({ method, url, headers: kept, body, clientIp, requestId, time: new Date().toISOString() }, { to: format });
  } catch (e) {
    const text = `malformed request: ${e.message}`;
    return { client: { status: 400, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: Buffer.from(`${text}\n`), gatewayError: { status: 400, code: e.code, reason: text }, diagnostics: [] }, event: null, losses: [], result: undefined, error: text, requestId, warnings };
  }
  let event = conversion.event;
  // The request id, time and client address are this server's additions, not the caller's: that a format has
  // no place for them is no loss of the caller's request.
  const losses = conversion.losses.filter((l) => !OWN_ADDITIONS.includes(l.code));
  const apis = fn.apisFor && fn.apisFor(format);
  if (apis && apis.length) {
    // An API gateway service routes by path and method; the API hit names the event's path template.
    const routed = tb.gateway.route(event, { format, method, path: url.split('?')[0], apis });
    if (routed.refusal) return { client: routed.refusal, event, losses, result: undefined, error: routed.refusal.gatewayError.reason, requestId, warnings };
    event = routed.event;
  }
  const eventText = JSON.stringify(event);
  const signed = Boolean(fn.signedFor && fn.signedFor(format));
  const refusal = tb.gateway.refusal(eventText, { format, method, methods: (fn.methodsFor && fn.methodsFor(format)) ?? undefined, signed });
  if (refusal) return { client: refusal, event, losses, result: undefined, error: refusal.gatewayError.reason, requestId, warnings };

  const timeoutMs = (web && web.timeoutMs) || fn.timeoutMs || 3000;
  const info = localContextInfo({ platform, requestId, functionName: (web && web.functionName) || fn.name, memoryMb: (web && web.memoryMb) || fn.memoryMb, timeoutMs, region: (web && web.region) || fn.region });
  if (web && web.credentials) info.credentials = web.credentials;
  for (const key of ['functionVersion', 'namespace', 'accountId']) if (web && web[key]) info[key] = web[key];
  const context = platform === 'aliyun' ? fcContext(info) : scfContext(info);

  let outcome;
  let answered = false;
  try {
    const handler = await loader.load();
    // What the handler does after its answer (a second callback, a late rejection) is reported, never fatal:
    // with the request's line while it is being served, through `onLate` afterwards.
    outcome = await invoke(handler.fn, eventText, context, { platform, timeoutMs, onLate: (w) => (answered && onLate ? onLate(w) : warnings.push(w)) });
  } catch (error) {
    outcome = { ok: false, kind: 'threw', error, warnings: [] };
  }
  answered = true;
  warnings.push(...(outcome.warnings || []));
  if (!outcome.ok) {
    const failure = outcome.kind === 'timeout' ? { kind: 'timeout', timeoutMs } : { kind: 'error', ...errorInfo(outcome.error) };
    const client = tb.gateway.failure(failure, { format });
    return { client, event, losses, result: undefined, error: client.gatewayError.reason, outcome, requestId, warnings };
  }
  let bytes;
  try {
    bytes = resultBytes(outcome.result);
  } catch (error) {
    const client = tb.gateway.failure({ kind: 'error', ...errorInfo(error) }, { format });
    return { client, event, losses, result: undefined, error: `the result cannot be serialized: ${error.message}`, outcome, requestId, warnings };
  }
  if (tb.gateway.responseTooLarge(bytes.length, { format })) {
    const client = tb.gateway.failure({ kind: 'response-too-large', size: bytes.length }, { format });
    return { client, event, losses, result: undefined, error: client.gatewayError.reason, outcome, requestId, warnings };
  }
  const client = tb.clientResponse(bytes, { format });
  return { client, event, losses, result: recordable(bytes), error: client.gatewayError ? client.gatewayError.reason : null, outcome, requestId, warnings };
}
