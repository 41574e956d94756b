// The JavaScript face of trigger-bridge, shared by the Node (CommonJS and ESM) and browser entries.
// It only adapts inputs and outputs: every rule, conversion and the CLI itself run in the Rust core.
//
// Inputs: a Buffer/Uint8Array/ArrayBuffer (FC hands Node handlers a Buffer), a string, or a plain object
// (SCF hands an object). Objects are serialized with JSON.stringify, which reads only own enumerable
// properties; everything untrusted is then parsed inside wasm by the crate's JSON parser, 128 levels at most.
// Outputs come back as JSON text and are parsed with JSON.parse: plain objects, never Maps, and a
// `__proto__` key stays an own data property.
//
// The adapters (adapters.mjs: calling conventions, contexts, handle, handleNode, adapt) are not imported here:
// each entry hands `createApi` a `host.adapters()` that returns that module, and the API loads it on the first
// call of one of ADAPTER_FUNCTIONS.

/** Every format id. */
export const formats = Object.freeze([
  'aliyun-apigw', 'aliyun-http', 'tencent-apigw', 'tencent-url', 'aliyun-timer', 'tencent-timer', 'aliyun-oss', 'tencent-cos',
  'aliyun-mns', 'tencent-cmq', 'aliyun-kafka', 'tencent-ckafka', 'aliyun-rocketmq',
]);
/** The object-storage formats, which the tools module converts and validates. */
const OBJECT_FORMATS = ['aliyun-oss', 'tencent-cos'];
/** The message-queue formats, which the tools module converts and validates. */
const MESSAGE_FORMATS = ['aliyun-mns', 'tencent-cmq', 'aliyun-kafka', 'tencent-ckafka', 'aliyun-rocketmq'];

/** The error every function throws: an Error with a stable `code`, the JSON `path` at fault and the `format`. */
export class TriggerBridgeError extends Error {
  constructor(code, message, path = '', format = null) {
    super(message);
    this.name = 'TriggerBridgeError';
    this.code = code;
    this.path = path;
    this.format = format;
  }
}

/** Inputs larger than this re-instantiate the module after the call, so memory drops back (see docs). */
export const LARGE_INPUT_BYTES = 8 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The API's functions that live in adapters.mjs (calling conventions, contexts, the fetch and Node adapters,
 * `adapt`): each loads that module on its first call.
 */
const ADAPTER_FUNCTIONS = Object.freeze([
  'invoke',
  'normalizeContext',
  'contextFor',
  'fcContext',
  'scfContext',
  'localContextInfo',
  'toRequest',
  'fromResponse',
  'handle',
  'handleNode',
  'adapt',
]);

/** Whether `value` is a WHATWG Request (or looks like one): its body must be read, asynchronously. */
const isFetchRequest = (value) =>
  value !== null && typeof value === 'object' && typeof value.arrayBuffer === 'function' && typeof value.url === 'string' && value.headers && typeof value.headers.get === 'function';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// One behaviour for lone surrogates, whatever the input's kind: refused with `invalid-json`. An object
// holding one reaches the Rust parser as a `\ud800` escape, which it refuses (as serde_json does); text
// holding one would be silently repaired by TextEncoder (to U+FFFD), so it is refused here, at the only
// place UTF-16 text becomes UTF-8 bytes. Bytes are UTF-8 already and cannot hold one.
function utf8(text) {
  const wellFormed = typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
  if (!wellFormed) {
    const at = text.search(LONE_SURROGATE);
    throw new TriggerBridgeError('invalid-json', `not valid JSON: the text holds a lone surrogate at UTF-16 index ${at}, which has no UTF-8 form`);
  }
  return encoder.encode(text);
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (typeof input === 'string') return utf8(input);
  if (input === undefined) throw new TriggerBridgeError('invalid-json', 'no input given');
  let text;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    if (e instanceof TriggerBridgeError) throw e;
    const deep = e instanceof RangeError && /call stack/i.test(String(e.message));
    const code = deep ? 'too-deep' : e instanceof RangeError ? 'internal' : 'invalid-json';
    throw new TriggerBridgeError(code, `the input object cannot be serialized: ${e && e.message}`);
  }
  if (text === undefined) throw new TriggerBridgeError('invalid-json', `a ${typeof input} is not a JSON value`);
  return encoder.encode(text);
}

function option(options, name) {
  const value = options == null ? undefined : options[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** `options.after` (a Date, RFC 3339 text or Unix milliseconds) as Unix milliseconds; undefined means now. */
function afterMs(options) {
  if (options == null || options.after === undefined || options.after === null) return undefined;
  const ms = new Date(options.after).getTime();
  if (!Number.isFinite(ms)) throw new TriggerBridgeError('usage', 'options.after is not a date');
  return ms;
}

function required(options, name, fn) {
  const value = option(options, name);
  if (value === undefined) throw new TriggerBridgeError('usage', `${fn} needs options.${name}`);
  return value;
}

function headerPairs(headers) {
  if (headers == null) return [];
  if (typeof headers.forEach === 'function' && typeof headers.get === 'function' && !(headers instanceof Map)) {
    const pairs = []; // a fetch Headers object
    headers.forEach((value, name) => pairs.push([String(name), String(value)]));
    return pairs;
  }
  const entries = Array.isArray(headers) || headers instanceof Map ? Array.from(headers) : Object.entries(headers);
  const pairs = [];
  for (const [name, value] of entries) {
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([String(name), String(v)]);
  }
  return pairs;
}

/** A gateway answer's JSON text (body as base64; `gateway.*` only) → an object whose `body` is bytes and
 * `bodyText` the UTF-8 text or null. */
function decodeClient(text) {
  const r = JSON.parse(text);
  r.body = base64ToBytes(r.body);
  try {
    r.bodyText = new TextDecoder('utf-8', { fatal: true }).decode(r.body);
  } catch {
    r.bodyText = null;
  }
  return r;
}

function base64ToBytes(text) {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(text, 'base64'));
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Build the API over the two wasm-bindgen bindings: `core()` (events and responses) and `tools()` (cron,
 * timer configurations, the CLI). Each returns its loaded binding, loading it on first use where it can
 * (Node) or throwing `not-initialized` when a browser has not fetched it yet. The build generates
 * `__wbg_reset_state`, which re-instantiates a module in place from its compiled code.
 */
export function createApi(core, tools, host = {}) {
  let instances = 1;
  const reset = (binding) => {
    binding.__wbg_reset_state();
    instances++;
  };

  function call(name, args, size = 0, getBinding = core) {
    const binding = getBinding();
    try {
      return binding[name](...args);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        reset(binding);
        throw new TriggerBridgeError('internal', `the WebAssembly instance trapped and was re-instantiated: ${e.message}`);
      }
      // Rust's own errors (`js_error` in src/wasm.rs): the call returned through its error path, and the
      // instance's state is as every call leaves it.
      if (e instanceof Error && e.name === 'TriggerBridgeError' && typeof e.code === 'string') {
        throw new TriggerBridgeError(e.code, e.message, e.path || '', e.format ?? null);
      }
      // Anything else was thrown by JavaScript the module called into (out of memory while building a JS value,
      // a hostile setter on a built-in prototype) and unwound the wasm frames without running Rust's clean-up:
      // the per-call region would stay open and a borrowed cell borrowed. A fresh instance has neither.
      reset(binding);
      if (e instanceof RangeError) throw new TriggerBridgeError('internal', `out of memory: ${e.message}`);
      throw new TriggerBridgeError('internal', `${String(e && e.message ? e.message : e)} (the WebAssembly instance was re-instantiated)`);
    } finally {
      if (size > LARGE_INPUT_BYTES) reset(binding);
    }
  }

  /** Call a function that hands its JSON text to a sink, in pieces when it is large; returns the text. */
  function callText(name, args, size, bodySink, getBinding = core) {
    // A small result is one piece: no array for it.
    let first;
    let pieces;
    const sink = (piece) => {
      if (first === undefined) first = piece;
      else (pieces || (pieces = [first])).push(piece);
    };
    args.push(sink, bodySink);
    call(name, args, size, getBinding);
    if (pieces !== undefined) return pieces.join('');
    return first === undefined ? '' : first;
  }

  function result(text, options) {
    return options && options.output === 'json' ? text : JSON.parse(text);
  }

  /**
   * A conversion: as JSON text, or as an object whose long body came from wasm apart from the JSON text
   * (one JS string, not also a slice of a text that JSON.parse copies again).
   */
  function conversion(name, args, size, key, options) {
    if (options && options.output === 'json') return callText(name, args, size);
    let body;
    const r = JSON.parse(callText(name, args, size, (text) => (body = text)));
    if (body !== undefined) r[key].body = body;
    return r;
  }

  const api = {
    formats,
    TriggerBridgeError,
    /** How many times a module has been re-instantiated, plus one (recoveries and large-input resets). */
    get instances() {
      return instances;
    },
    detect(input) {
      return call('detect', [toBytes(input)]);
    },
    convertEvent(input, options) {
      const bytes = toBytes(input);
      const to = required(options, 'to', 'convertEvent');
      // Object-storage formats live in the tools module, which keeps the core module small.
      if (OBJECT_FORMATS.includes(to)) return result(call('convertObjectEvent', [bytes, to, option(options, 'from')], bytes.length, tools), options);
      // So do the message-queue formats.
      if (MESSAGE_FORMATS.includes(to)) return result(call('convertMessageEvent', [bytes, to, option(options, 'from')], bytes.length, tools), options);
      return conversion('convertEvent', [bytes, to, option(options, 'from')], bytes.length, 'event', options);
    },
    convertResponse(input, options) {
      const bytes = toBytes(input);
      const args = [bytes, required(options, 'from', 'convertResponse'), required(options, 'to', 'convertResponse')];
      return conversion('convertResponse', args, bytes.length, 'response', options);
    },
    validateEvent(input, options) {
      const bytes = toBytes(input);
      const format = option(options, 'format');
      let kind = format;
      if (kind === undefined) {
        try {
          kind = call('detect', [bytes]);
        } catch {
          kind = undefined; // the core module's report says why
        }
      }
      if (OBJECT_FORMATS.includes(kind)) return result(call('validateObjectEvent', [bytes, format], bytes.length, tools), options);
      if (MESSAGE_FORMATS.includes(kind)) return result(call('validateMessageEvent', [bytes, format], bytes.length, tools), options);
      return result(call('validateEvent', [bytes, format]), options);
    },
    validateResponse(input, options) {
      return result(call('validateResponse', [toBytes(input), required(options, 'format', 'validateResponse')]), options);
    },
    clientResponse(input, options) {
      const bytes = toBytes(input);
      const format = required(options, 'format', 'clientResponse');
      if (options && options.output === 'json') return call('clientResponse', [bytes, format, undefined], bytes.length);
      // The body comes apart, as bytes: no base64 inside the JSON text to decode again.
      let body = new Uint8Array(0);
      const r = JSON.parse(call('clientResponse', [bytes, format, (b) => (body = b)], bytes.length));
      r.body = body;
      // Decoded on first read and kept: a caller who only wants the bytes never holds the body twice.
      let text;
      Object.defineProperty(r, 'bodyText', {
        enumerable: true,
        configurable: true,
        get() {
          if (text === undefined) {
            try {
              text = new TextDecoder('utf-8', { fatal: true }).decode(body);
            } catch {
              text = null;
            }
          }
          return text;
        },
      });
      return r;
    },
    eventFromRequest(request, options) {
      // A WHATWG Request: its body is read first, so the answer is a promise.
      if (isFetchRequest(request)) {
        return request.arrayBuffer().then((body) => api.eventFromRequest({ method: request.method, url: request.url, headers: request.headers, body: new Uint8Array(body) }, options));
      }
      if (request == null || typeof request !== 'object') throw new TriggerBridgeError('invalid-request', 'eventFromRequest needs a request object');
      const plain = {
        method: request.method == null ? '' : String(request.method),
        url: String(request.url ?? ''),
        headers: headerPairs(request.headers),
        clientIp: request.clientIp == null ? undefined : String(request.clientIp),
        requestId: request.requestId == null ? undefined : String(request.requestId),
        time: request.time == null ? undefined : String(request.time),
      };
      // Text and bytes as they are; any other object is sent as its JSON.
      const body = request.body == null ? new Uint8Array(0) : toBytes(request.body);
      // Building events is for local gateways and tests, not handlers: the tools module.
      const args = [encoder.encode(JSON.stringify(plain)), body, required(options, 'to', 'eventFromRequest')];
      return result(callText('eventFromRequest', args, body.length, undefined, tools), options);
    },
    eventFromObject(description, options) {
      if (description == null || typeof description !== 'object') throw new TriggerBridgeError('invalid-request', 'eventFromObject needs a description object');
      // JSON.stringify writes a Date `time` as its ISO text; everything is read and checked in Rust.
      return result(call('eventFromObject', [toBytes(description), required(options, 'to', 'eventFromObject')], 0, tools), options);
    },
    eventFromMessage(description, options) {
      if (description == null || typeof description !== 'object') throw new TriggerBridgeError('invalid-request', 'eventFromMessage needs a description object');
      // JSON.stringify writes a Date `time` as its ISO text; everything is read and checked in Rust.
      return result(call('eventFromMessage', [toBytes(description), required(options, 'to', 'eventFromMessage')], 0, tools), options);
    },
    convertTimerConfig(input, options) {
      const args = [toBytes(input), required(options, 'from', 'convertTimerConfig'), required(options, 'to', 'convertTimerConfig'), option(options, 'fromTz'), option(options, 'toTz'), afterMs(options)];
      return result(call('convertTimerConfig', args, 0, tools), options);
    },
    convertTrigger(input, options) {
      const args = [toBytes(input), required(options, 'to', 'convertTrigger'), option(options, 'from'), option(options, 'fromTz'), option(options, 'toTz')];
      return result(call('convertTrigger', args, 0, tools), options);
    },
    /** The gateway's own answers around a call, for a local gateway (`serve`): tools module. */
    gateway: {
      refusal(event, options) {
        const methods = options && Array.isArray(options.methods) ? options.methods.map(String) : undefined;
        const args = [toBytes(event), required(options, 'format', 'gateway.refusal'), required(options, 'method', 'gateway.refusal'), methods, Boolean(options.signed)];
        const text = call('gatewayRefusal', args, 0, tools);
        return text === 'null' ? null : decodeClient(text);
      },
      route(event, options) {
        const args = [toBytes(event), required(options, 'format', 'gateway.route'), required(options, 'method', 'gateway.route'), required(options, 'path', 'gateway.route'), toBytes(options.apis || [])];
        const r = JSON.parse(call('gatewayRoute', args, 0, tools));
        if (r.refusal) r.refusal = decodeClient(JSON.stringify(r.refusal));
        return r;
      },
      failure(failure, options) {
        return decodeClient(call('gatewayFailure', [toBytes(failure), required(options, 'format', 'gateway.failure')], 0, tools));
      },
      responseTooLarge(size, options) {
        return call('responseTooLarge', [required(options, 'format', 'gateway.responseTooLarge'), Number(size)], 0, tools);
      },
    },
    cron: {
      convert(expression, options) {
        const args = [String(expression), required(options, 'from', 'cron.convert'), required(options, 'to', 'cron.convert'), option(options, 'fromTz'), option(options, 'toTz'), afterMs(options)];
        return JSON.parse(call('cronConvert', args, 0, tools));
      },
      explain(expression, options) {
        const after = options && options.after !== undefined ? new Date(options.after).getTime() : Date.now();
        if (!Number.isFinite(after)) throw new TriggerBridgeError('usage', 'options.after is not a date');
        const count = options && options.count !== undefined ? Number(options.count) : 5;
        if (!Number.isInteger(count) || count < 1 || count > 1000) throw new TriggerBridgeError('usage', 'options.count must be 1 to 1000');
        return JSON.parse(call('cronExplain', [String(expression), required(options, 'dialect', 'cron.explain'), option(options, 'tz'), count, after], 0, tools));
      },
    },
    /**
     * Run the command line exactly as the native binary does. `io.readFile(path)` returns bytes (`-` is
     * standard input; `io.stdin` is used for it when given).
     */
    runCli(args, io = {}) {
      const read = (path) => {
        if (path === '-' && io.stdin !== undefined) return toBytes(io.stdin);
        if (!io.readFile) throw new Error(`cannot read ${path}: no file access here`);
        return toBytes(io.readFile(path));
      };
      const out = call('runCli', [args.map(String), read, Date.now()], 0, tools);
      return { stdout: out.stdout, stdoutText: decoder.decode(out.stdout), stderr: out.stderr, code: out.code };
    },
  };
  // The adapters (adapters.mjs) are loaded on the first call of one of them: `host.adapters()` returns that
  // module.
  let adapters = null;
  for (const name of ADAPTER_FUNCTIONS) {
    api[name] = function adapter(...args) {
      adapters ??= host.adapters().createAdapters(api, call, toBytes, host);
      return adapters[name].apply(this, args);
    };
  }
  guard(api);
  guard(api.cron);
  return api;
}

/** The error a caught exception becomes: a TriggerBridgeError stays, anything else is `internal`. */
function asTriggerBridgeError(e) {
  if (e instanceof TriggerBridgeError) return e;
  if (e instanceof RangeError) return new TriggerBridgeError('internal', `out of memory: ${e.message}`);
  return new TriggerBridgeError('internal', String(e && e.message ? e.message : e));
}

/**
 * Make every function of `object` throw only TriggerBridgeError: out-of-memory RangeErrors from encoding,
 * joining or parsing a result, and anything else unexpected, become `internal` errors.
 */
function guard(object) {
  for (const [name, fn] of Object.entries(object)) {
    if (typeof fn !== 'function' || name === 'TriggerBridgeError') continue;
    object[name] = function guarded(...args) {
      try {
        return fn.apply(this, args);
      } catch (e) {
        throw asTriggerBridgeError(e);
      }
    };
  }
}
