// Runs a pasted handler, off the page's thread, with no network: the worker inherits the page's
// Content-Security-Policy (it starts from a blob: URL), and the network APIs are removed before the handler's
// code is loaded. The page terminates the worker at the time limit, whatever the handler does.
//
// For each trigger T of the handler's kind (the four HTTP triggers for an HTTP handler; OSS and COS for an
// object handler): the current event as T delivers it, handed to the package's `adapt(handler, {as: F})`
// the way T's platform calls a function; adapt converts it to the format F the handler was written for, calls
// the handler with F's convention and context, and converts its result back into T's integration response (or
// T's gateway answer, with the diagnostics that say why); then what T's caller receives. Object triggers are
// asynchronous: nobody receives the result, which is shown as the handler returned it. Every conversion and
// every answer comes from the package; this file only starts the handler and passes values along.
import { Buffer } from 'buffer';
import tb, { init, initTools } from '../tb/browser.mjs';
import { HTTP, platformOf, groupOf } from './formats.mjs';

// FC hands Node handlers a Buffer; handlers call `event.toString()` on it.
globalThis.Buffer = Buffer;
const logs = [];
const capture = (level) => (...args) => logs.push(`${level}: ${args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ')}`);
function safeJson(v) {
  try { return JSON.stringify(v); } catch { return String(v); }
}

function offline() {
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'importScripts', 'BroadcastChannel', 'Worker', 'SharedWorker']) {
    try { Object.defineProperty(globalThis, name, { value: undefined, configurable: false, writable: false }); } catch { /* already gone */ }
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = capture(level);
}

/** Load the pasted module text (ES module, or CommonJS `exports.x = …`) and find its handler. */
async function loadHandler(source) {
  const commonjs = !/^\s*export\s/m.test(source);
  const text = commonjs
    ? `const module = { exports: {} }; const exports = module.exports; const require = (name) => { throw new Error(\`require('\${name}') is not available in the playground\`); };\n${source}\n;export default module.exports;`
    : source;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  try {
    const mod = await import(/* webpackIgnore: true */ url);
    const candidates = [mod, mod.default].filter((m) => m && (typeof m === 'object' || typeof m === 'function'));
    for (const m of candidates) {
      for (const name of ['main_handler', 'handler']) if (typeof m[name] === 'function') return { fn: m[name], name };
    }
    if (typeof mod.default === 'function') return { fn: mod.default, name: 'default' };
    throw new Error('the module exports no `handler` (FC) or `main_handler` (SCF) function');
  } finally {
    URL.revokeObjectURL(url);
  }
}

function errorInfo(error) {
  if (error instanceof Error) return { errorMessage: String(error.message), errorType: error.name || 'Error', stackTrace: String(error.stack || '').split('\n').slice(1, 6).map((l) => l.trim()) };
  return { errorMessage: typeof error === 'string' ? error : safeJson(error), errorType: typeof error, stackTrace: [] };
}

/** A context of `platform` for a local run (the package's builders). */
function contextOf(platform, timeoutMs) {
  const info = { requestId: crypto.randomUUID(), functionName: 'playground', timeoutMs, memoryMb: 128 };
  return platform === 'aliyun' ? tb.fcContext(info) : tb.scfContext(info);
}

/**
 * A handler's result as the bytes its platform reads: an FC handler answers with the JSON text (a string or
 * a Buffer), an SCF handler with a value the runtime serializes.
 */
function resultText(result, platform) {
  if (platform === 'aliyun' && (typeof result === 'string' || result instanceof Uint8Array)) return result;
  return JSON.stringify(result === undefined ? null : result);
}

/** The event a handler received, for showing: FC's Buffer as the JSON it holds. */
function shown(event) {
  if (event instanceof Uint8Array) {
    const text = new TextDecoder().decode(event);
    try { return JSON.parse(text); } catch { return text; }
  }
  return event;
}

/**
 * The handler written for `format`, behind trigger `to`, through the package's `adapt`: the trigger's event
 * goes in as that platform delivers it, and what comes out is that trigger's integration response (or its
 * gateway's own answer, with the diagnostics that say why).
 */
async function runBehind(handler, format, to, event, timeoutMs) {
  const out = { trigger: to, losses: [], diagnostics: [] };
  try {
    const arrived = tb.convertEvent(event, { to });
    out.losses.push(...arrived.losses.map((l) => ({ ...l, step: `the current event → ${to}` })));
    let seen;
    // The handler as written, seen by adapt with its own arity (a callback parameter changes the convention).
    const watched = function (e, ...rest) { seen = e; return handler.call(this, e, ...rest); };
    Object.defineProperty(watched, 'length', { value: handler.length });
    const adapted = tb.adapt(watched, {
      as: format,
      timeoutMs,
      onLoss: (loss) => out.losses.push({ ...loss, step: `adapt, ${to} ⇄ ${format}` }),
      onDiagnostic: (d, where) => out.diagnostics.push({ ...d, format: (where && where.format) || to }),
      onLate: (w) => logs.push(`late: ${w.code}: ${w.message}`),
    });
    const platform = platformOf(to);
    const outcome = await tb.invoke(adapted, arrived.event, contextOf(platform, timeoutMs), { platform, timeoutMs: timeoutMs + 1000 });
    if (seen !== undefined) out.event = shown(seen);
    if (!outcome.ok) {
      // adapt throws the handler's failure again, as the platform would record it; a timeout keeps its code.
      out.failure = { kind: outcome.error && outcome.error.code === 'timeout' ? 'timeout' : outcome.kind, ...errorInfo(outcome.error) };
      return out;
    }
    out.result = outcome.result === undefined ? null : outcome.result;
    if (HTTP.includes(to)) out.client = tb.clientResponse(resultText(out.result, platform), { format: to });
    if (out.result instanceof Uint8Array) out.result = new TextDecoder().decode(out.result);
  } catch (e) {
    out.error = { code: e.code, path: e.path, message: e.message };
  }
  return out;
}

self.onmessage = async ({ data }) => {
  const { source, format, event, timeoutMs } = data;
  try {
    // Object and message events are converted by the tools module, loaded before the network goes.
    await (HTTP.includes(format) ? init() : Promise.all([init(), initTools()]));
    offline();
    const handler = await loadHandler(source);
    const runs = [];
    for (const to of groupOf(format)) runs.push(await runBehind(handler.fn, format, to, event, timeoutMs));
    self.postMessage({ ok: true, handler: handler.name, runs, logs });
  } catch (e) {
    self.postMessage({ ok: false, error: { code: e.code, message: String(e && e.message ? e.message : e) }, logs });
  }
};
