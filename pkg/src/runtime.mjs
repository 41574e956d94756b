// What every adapter shares (handle, handleNode, adapt): telling which platform called, answering with the
// convention that platform uses, reporting losses and diagnostics, and the generic answer for an app that
// throws. No format rule lives here: events and responses go through the core (requestParts,
// integrationResponse, convertEvent, convertResponse).
//
// API (internal; the public functions are in fetch.mjs, node.mjs, adapt.mjs)
//
//   platformOf(event, options) -> 'aliyun' | 'tencent'
//     options.platform when given; else FC's Buffer (any bytes) means Alibaba, an object or a string Tencent.
//   handlerEntry(body) -> async (event, context, ...rest) => result
//     The exported handler every adapter returns: an async function of two declared parameters, so that both
//     runtimes, whether they look at the function or at what it returns, use its promise. On FC runtimes before
//     Node 18, which only know callbacks, the callback it is given is called as well.
//   reporter(options, logger) -> { losses(list, where), diagnostics(list, where), error(error, where) }
//     options.onLoss(loss, where) / options.onDiagnostic(diagnostic, where) when given; else one warning per
//     distinct code per adapter instance through the platform's logger (FC's context.logger, else console);
//     a diagnostic of severity `error` (the platform rejects the result) is logged every time.
//   serverError(error, debug) -> ResponseParts   the generic 500 (the stack only with `debug`)
//   timerInfo(core, bytes, format) -> { format, name, time, payload, event }

const encoder = new TextEncoder();

export const isBytes = (v) => v instanceof Uint8Array || v instanceof ArrayBuffer || ArrayBuffer.isView(v);

/** The platform that called: Alibaba FC hands Node handlers a Buffer, Tencent SCF an object. */
export function platformOf(event, options) {
  if (options && (options.platform === 'aliyun' || options.platform === 'tencent')) return options.platform;
  return isBytes(event) ? 'aliyun' : 'tencent';
}

const nodeMajor = () => {
  const v = typeof process !== 'undefined' && process.versions && process.versions.node;
  return v ? Number(String(v).split('.')[0]) : Infinity;
};

/** Wrap `body(event, context)` as a handler both platforms call correctly (see the header). */
export function handlerEntry(body) {
  return async function handler(event, context, ...rest) {
    const callback = rest[0];
    const legacyFc = typeof callback === 'function' && isBytes(event) && nodeMajor() < 18;
    try {
      const result = await body(event, context);
      if (legacyFc) callback(null, result);
      return result;
    } catch (error) {
      if (legacyFc) {
        callback(error);
        return undefined;
      }
      throw error;
    }
  };
}

function onceLogger(logger, seen) {
  return (kind, item, where) => {
    if (seen.has(`${kind}:${item.code}`)) return;
    seen.add(`${kind}:${item.code}`);
    const place = where && where.format ? ` (${where.format})` : '';
    logger.warn(`trigger-bridge ${kind} ${item.code} at ${item.path || '/'}${place}: ${item.message} [logged once per instance]`);
  };
}

/** Loss, diagnostic and error reporting for one adapter instance (see the header). */
export function reporter(options = {}, seen = new Set()) {
  return (logger) => {
    const once = onceLogger(logger, seen);
    return {
      losses(list, where) {
        for (const loss of list || []) {
          if (typeof options.onLoss === 'function') options.onLoss(loss, where);
          else once('loss', loss, where);
        }
      },
      diagnostics(list, where) {
        for (const d of list || []) {
          if (typeof options.onDiagnostic === 'function') options.onDiagnostic(d, where);
          else if (d.severity === 'error') logger.error(`trigger-bridge diagnostic ${d.code} at ${d.path || '/'} (${where && where.format}): ${d.message}`);
          else once('diagnostic', d, where);
        }
      },
      error(error, where) {
        if (typeof options.onError === 'function') options.onError(error, where);
        else logger.error('trigger-bridge: the app threw; answering 500', error);
      },
    };
  };
}

/** The generic 500 an app that throws gets; the stack only with `debug`. */
export function serverError(error, debug) {
  const text = debug ? `Internal Server Error\n\n${(error && error.stack) || String(error)}` : 'Internal Server Error';
  return { status: 500, headers: [['content-type', 'text/plain; charset=utf-8']], body: encoder.encode(text) };
}

/** The timer event, read through the core into Alibaba's field names. */
export function timerInfo(core, bytes, format) {
  const { event } = core.convertEvent(bytes, { from: format, to: 'aliyun-timer' });
  return { format, name: event.triggerName, time: event.triggerTime, payload: event.payload, event };
}
