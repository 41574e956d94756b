// The neutral request an event stands for, as the core reads it: the package's `toRequest` (the adapters).
// Null when this build of the package has no `toRequest`.
import tb from './core.mjs';

/** `{method, url, headers: [[name, value]], body: Uint8Array, facts: [[label, value]], losses}` or null. */
export async function neutralRequest(text, format) {
  if (typeof tb.toRequest !== 'function') return null;
  const { request, losses = [], ...rest } = tb.toRequest(text, format ? { from: format } : undefined);
  const headers = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  const body = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  const facts = Object.entries(rest).filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object').map(([k, v]) => [k, String(v)]);
  return { method: request.method, url: request.url, headers, body, facts, losses };
}
