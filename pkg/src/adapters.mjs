// Everything that moves handlers rather than data (invoke.mjs, context.mjs, fetch.mjs, node.mjs, adapt.mjs),
// wired to the core: the two parts functions of the wasm module (requestParts, integrationResponse: typed
// values, bodies as Uint8Array, no JSON text) and the API's own functions. `host.loadInject` is how the Node
// entry lends light-my-request; the browser entry has none.
//
// The API loads this module on the first call of one of ADAPTER_FUNCTIONS (api.mjs): the Node entry requires
// its CommonJS copy (gen/adapters.cjs) only then, so a handler that only converts events does not parse it at
// start-up (about 0.7 ms of `require` on Node 20, docs/performance.md).

import { createAdapt } from './adapt.mjs';
import * as contexts from './context.mjs';
import { createFetchAdapters } from './fetch.mjs';
import { invoke } from './invoke.mjs';
import { createNodeAdapter } from './node.mjs';

const encoder = new TextEncoder();

/** The functions of ADAPTER_FUNCTIONS (api.mjs) over the API, its `call` and `toBytes`. */
export function createAdapters(api, call, toBytes, host = {}) {
  const { TriggerBridgeError } = api;
  const core = {
    formats: api.formats,
    TriggerBridgeError,
    toBytes,
    detect: api.detect,
    convertEvent: api.convertEvent,
    convertResponse: api.convertResponse,
    validateResponse: api.validateResponse,
    clientResponse: api.clientResponse,
    requestParts(bytes, from, fetch) {
      const parts = call('requestParts', [bytes, from ?? undefined, Boolean(fetch)], bytes.length);
      // The header fields cross as one string `name\nvalue\n…` (no name or value holds a line break).
      const flat = parts.headers === '' ? [] : parts.headers.split('\n');
      const headers = new Array(flat.length >> 1);
      for (let i = 0; i < headers.length; i++) headers[i] = [flat[2 * i], flat[2 * i + 1]];
      parts.headers = headers;
      parts.losses = plain(parts.losses);
      return parts;
    },
    integrationResponse(parts, format, encoding) {
      const status = Number(parts && parts.status);
      if (!Number.isInteger(status) || status < 0 || status > 65535) throw new TriggerBridgeError('invalid-field', `status ${parts && parts.status} is not an HTTP status`, '/status');
      const flat = [];
      for (const [name, value] of parts.headers || []) flat.push(String(name), String(value));
      const body = parts.body == null ? new Uint8Array(0) : typeof parts.body === 'string' ? encoder.encode(parts.body) : toBytes(parts.body);
      const base64 = encoding && typeof encoding.base64 === 'boolean' ? encoding.base64 : undefined;
      const types = encoding && Array.isArray(encoding.binaryTypes) ? encoding.binaryTypes.map(String) : [];
      return plain(call('integrationResponse', [status, flat, body, String(format), base64, types], body.length));
    },
  };
  return {
    invoke,
    normalizeContext: contexts.normalizeContext,
    contextFor: contexts.contextFor,
    fcContext: contexts.fcContext,
    scfContext: contexts.scfContext,
    localContextInfo: contexts.localContextInfo,
    ...createFetchAdapters(core),
    handleNode: createNodeAdapter(core, host.loadInject),
    adapt: createAdapt(core),
  };
}

/**
 * The core's JSON objects (integration responses, losses, diagnostics) arrive as `Map`s: plain objects with the
 * same own keys in the same order (`Object.fromEntries` defines each, so a `__proto__` key stays a key).
 */
function plain(value) {
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) {
      const p = plain(v);
      if (k === '__proto__') Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
      else out[k] = p;
    }
    return out;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plain(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const k of Object.keys(value)) value[k] = plain(value[k]);
  }
  return value;
}
