// Wires the adapters (fetch.mjs, node.mjs, adapt.mjs) to the core: the two parts functions of the wasm module
// (requestParts, integrationResponse: typed values, bodies as Uint8Array, no JSON text) and the API's own
// functions. `host.loadInject` is how the Node entry lends light-my-request; the browser entry has none.

import { createAdapt } from './adapt.mjs';
import { createFetchAdapters } from './fetch.mjs';
import { createNodeAdapter } from './node.mjs';

const encoder = new TextEncoder();

export function installAdapters(api, call, toBytes, host = {}) {
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
    requestParts: (bytes, from, fetch) => call('requestParts', [bytes, from ?? undefined, Boolean(fetch)], bytes.length),
    integrationResponse(parts, format, encoding) {
      const status = Number(parts && parts.status);
      if (!Number.isInteger(status) || status < 0 || status > 65535) throw new TriggerBridgeError('invalid-field', `status ${parts && parts.status} is not an HTTP status`, '/status');
      const flat = [];
      for (const [name, value] of parts.headers || []) {
        const n = String(name);
        const v = String(value);
        // One string crosses into wasm, split on line breaks; HTTP allows none in a name or value.
        if (/[\r\n]/.test(n) || /[\r\n]/.test(v)) throw new TriggerBridgeError('invalid-field', `header ${JSON.stringify(n)} contains a line break`, '/headers');
        flat.push(n, v);
      }
      const body = parts.body == null ? new Uint8Array(0) : typeof parts.body === 'string' ? encoder.encode(parts.body) : toBytes(parts.body);
      const base64 = encoding && typeof encoding.base64 === 'boolean' ? encoding.base64 : undefined;
      const types = encoding && Array.isArray(encoding.binaryTypes) ? encoding.binaryTypes.join('\n') : '';
      return call('integrationResponse', [status, flat.join('\n'), body, String(format), base64, types], body.length);
    },
  };
  Object.assign(api, createFetchAdapters(core), { handleNode: createNodeAdapter(core, host.loadInject), adapt: createAdapt(core) });
  return api;
}

/** Whether `value` is a WHATWG Request (or looks like one): its body must be read, asynchronously. */
export const isFetchRequest = (value) =>
  value !== null && typeof value === 'object' && typeof value.arrayBuffer === 'function' && typeof value.url === 'string' && value.headers && typeof value.headers.get === 'function';
