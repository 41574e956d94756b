// The neutral request an event stands for, as the core reads it: the package's request parts (the adapters'
// event → request). Null when this build of the package cannot read one.
import tb from './core.mjs';
import { bodyPreview } from './views.mjs';

const FACTS = [['clientIp', 'client IP'], ['requestId', 'request id'], ['stage', 'stage'], ['pathTemplate', 'path template'], ['time', 'time']];

/** Whether this build of the package reads the request an event stands for. */
export const canReadRequests = () => typeof tb.requestParts === 'function' || typeof tb.toRequest === 'function';

/**
 * `{method, url, headers: [[name, value]], body: Uint8Array, facts: [[label, value]], losses}` for an event
 * (JSON text) read as `format`, or null.
 */
export async function neutralRequest(text, format) {
  const options = format ? { from: format } : undefined;
  let parts;
  if (typeof tb.requestParts === 'function') {
    parts = tb.requestParts(text, options);
  } else if (typeof tb.toRequest === 'function') {
    // `{request: Request, losses, info: {clientIp, requestId, stage, pathParameters, pathTemplate, time}}`.
    const { request, losses = [], info = {} } = tb.toRequest(text, options);
    const headers = [];
    request.headers.forEach((value, name) => headers.push([name, value]));
    const body = new Uint8Array(await request.arrayBuffer());
    parts = { ...info, method: request.method, url: request.url, headers, body, losses };
  } else {
    return null;
  }
  const facts = FACTS.filter(([k]) => parts[k] !== null && parts[k] !== undefined && parts[k] !== '').map(([k, label]) => [label, String(parts[k])]);
  if (Array.isArray(parts.pathParameters) && parts.pathParameters.length) facts.push(['path parameters', parts.pathParameters.map(([n, v]) => `${n}=${v}`).join(', ')]);
  return { method: parts.method, url: parts.url, headers: parts.headers || [], body: parts.body || new Uint8Array(0), facts, losses: parts.losses || [] };
}

/** A request as text, for diffs: the request line, the facts, the headers, the body. */
export function requestText(req) {
  return [`${req.method} ${req.url}`, ...req.facts.map(([k, v]) => `(${k}: ${v})`), ...req.headers.map(([n, v]) => `${n}: ${v}`), '', bodyPreview(req.body, 100000)].join('\n');
}
