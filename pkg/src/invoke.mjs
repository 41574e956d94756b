// Calling a handler the way Alibaba FC or Tencent SCF calls it, and turning whatever it does into one value.
// No conversion rules here: only calling conventions (RUNTIMES.md "Event functions").
//
// API
//
//   invoke(handler, event, context, options) -> Promise<Outcome>
//
//   handler   the function (FC `exports.handler`, SCF `exports.main_handler`).
//   event     bytes (Buffer/Uint8Array/ArrayBuffer), a string of JSON, or a plain object; it is handed over in
//             the platform's form (`eventFor`): FC gets a Buffer of JSON (a Uint8Array where there is no
//             Buffer), SCF gets an object (bytes and strings are parsed as JSON; when they are not JSON the
//             string itself is passed).
//   context   passed as is (build one with context.mjs).
//   options   { platform: 'aliyun' | 'tencent',
//               timeoutMs?: number          no answer within this many ms -> kind 'timeout' (default: none),
//               onLate?: (warning) => void  called for anything the handler does after the outcome was decided
//                                           (a second callback, a callback after the promise answered, a
//                                           rejection after the callback answered, a late answer after a
//                                           timeout); default: ignored, never thrown, never unhandled }
//
//   Outcome = { ok: true,  result, via: 'promise' | 'callback' | 'return', warnings }
//           | { ok: false, error, kind, via: 'promise' | 'callback' | 'return' | 'threw' | 'timeout', warnings }
//     kind      'threw'          the handler threw synchronously
//               'rejected'       its promise rejected
//               'callback-error' it called back with an error (`callback(err)`)
//               'timeout'        no answer within timeoutMs (error is an Error with code 'timeout')
//               'not-a-function' handler is not callable (error is a TypeError)
//     error     what the handler threw or passed, as is (may be any value: see `errorInfo`)
//     warnings  Warning[] seen before the outcome was decided (today: 'sync-return-ignored')
//   Warning = { code: 'second-callback' | 'callback-after-promise' | 'promise-after-callback'
//                     | 'late-rejection' | 'late-answer' | 'sync-return-ignored', message }
//
// The rules, as both runtimes behave:
// - A callback is always passed. The first answer wins: a callback call, or the settling of a returned promise
//   (thenable). A promise that resolves to `undefined` from a handler that declares a callback parameter
//   (`handler.length >= 3`) does not answer: the callback is awaited (`async (e, c, cb) => { later(cb) }`).
// - A plain value returned synchronously answers when the handler declares no callback parameter (a
//   `(event, context) => result` function would otherwise hang until the platform's timeout); with a callback
//   parameter it is ignored and reported as 'sync-return-ignored'.
// - Nothing after the outcome is fatal: it goes to `onLate`, and a late rejection is caught so Node never sees
//   an unhandled rejection.
//
//   errorInfo(error) -> { errorMessage, errorType, stackTrace }   FC's JSON body for a thrown error, built
//                                                                 from any thrown value.
//   eventFor(event, platform) -> Buffer | Uint8Array | object     the event as that platform passes it.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytesOf(event) {
  if (event instanceof Uint8Array) return event;
  if (event instanceof ArrayBuffer) return new Uint8Array(event);
  if (ArrayBuffer.isView(event)) return new Uint8Array(event.buffer, event.byteOffset, event.byteLength);
  return null;
}

/** The event as `platform` hands it to a handler: FC a Buffer of JSON, SCF an object. */
export function eventFor(event, platform) {
  const bytes = bytesOf(event);
  if (platform === 'aliyun') {
    let out = bytes;
    if (out === null) out = encoder.encode(typeof event === 'string' ? event : JSON.stringify(event ?? null));
    if (typeof Buffer === 'function' && !Buffer.isBuffer(out)) return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    return out;
  }
  if (platform === 'tencent') {
    if (bytes === null && typeof event !== 'string') return event;
    const text = bytes === null ? event : decoder.decode(bytes);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  throw new TypeError(`unknown platform ${JSON.stringify(platform)}: expected 'aliyun' or 'tencent'`);
}

/** `{errorMessage, errorType, stackTrace}` for any thrown value (FC's body for a function error). */
export function errorInfo(error) {
  if (error instanceof Error) {
    const stack = typeof error.stack === 'string' ? error.stack.split('\n').slice(1).map((l) => l.trim()) : [];
    return { errorMessage: String(error.message), errorType: String(error.name || 'Error'), stackTrace: stack };
  }
  let message;
  try {
    message = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  } catch {
    message = String(error);
  }
  return { errorMessage: message, errorType: typeof error === 'string' ? 'Error' : typeof error, stackTrace: [] };
}

const isThenable = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';

/**
 * Call `handler(event, context, callback)` with the calling convention of `options.platform`.
 * Never rejects: every way a handler can fail is an outcome (see the header of this file).
 */
export function invoke(handler, event, context, options = {}) {
  const { platform, timeoutMs, onLate } = options;
  const platformEvent = eventFor(event, platform);
  const warnings = [];
  const late = (code, message) => {
    if (typeof onLate !== 'function') return;
    try {
      onLate({ code, message });
    } catch {
      // A broken hook must not break the invocation that already answered.
    }
  };

  return new Promise((resolve) => {
    let decided = null; // 'promise' | 'callback' | 'return' | 'timeout' | 'threw' once the outcome is known
    let timer = null;
    const decide = (via, outcome) => {
      if (decided !== null) return false;
      decided = via;
      if (timer !== null) clearTimeout(timer);
      resolve({ ...outcome, via, warnings });
      return true;
    };

    if (typeof handler !== 'function') {
      decide('return', { ok: false, kind: 'not-a-function', error: new TypeError(`the handler is a ${typeof handler}, not a function`) });
      return;
    }
    const declaresCallback = handler.length >= 3;

    let callbacks = 0;
    const callback = (error, result) => {
      callbacks++;
      const answered = error !== null && error !== undefined
        ? decide('callback', { ok: false, kind: 'callback-error', error })
        : decide('callback', { ok: true, result });
      if (answered) return;
      if (callbacks > 1) late('second-callback', `the callback was called ${callbacks} times; only the first answer counts`);
      else if (decided === 'promise') late('callback-after-promise', 'the callback was called after the returned promise had answered; the promise counts');
      else late('late-answer', `the callback was called after the outcome (${decided}) was decided`);
    };

    if (Number.isFinite(timeoutMs) && timeoutMs >= 0) {
      timer = setTimeout(() => {
        const error = new Error(`the handler did not answer within ${timeoutMs} ms`);
        error.code = 'timeout';
        decide('timeout', { ok: false, kind: 'timeout', error });
      }, timeoutMs);
    }

    let returned;
    try {
      returned = handler(platformEvent, context, callback);
    } catch (error) {
      if (!decide('threw', { ok: false, kind: 'threw', error })) late('late-answer', 'the handler threw after it had called back');
      return;
    }

    if (isThenable(returned)) {
      Promise.resolve(returned).then(
        (result) => {
          if (result === undefined && declaresCallback && decided === null) return; // waits for the callback
          if (!decide('promise', { ok: true, result }) && result !== undefined) {
            late(decided === 'callback' ? 'promise-after-callback' : 'late-answer', `the returned promise answered after the outcome (${decided}) was decided; it is ignored`);
          }
        },
        (error) => {
          if (!decide('promise', { ok: false, kind: 'rejected', error })) late('late-rejection', `the returned promise rejected after the outcome (${decided}) was decided: ${errorInfo(error).errorMessage}`);
        },
      );
    } else if (returned !== undefined && decided === null) {
      if (declaresCallback) {
        warnings.push({ code: 'sync-return-ignored', message: 'the handler declares a callback and returned a value synchronously; the platforms wait for the callback' });
      } else {
        decide('return', { ok: true, result: returned });
      }
    }
  });
}
